"""The consistency review as files: CSV for any program, XLSX with the markings in colour.

Both hold the same table as the page. CSV is written the way Swedish Excel
opens it without questions: semicolons, UTF-8 with a byte-order mark.
"""

from __future__ import annotations

import io

import xlsxwriter

from jamfor.csv_output import csv_writer
from jamfor.web.survey.review import Review

HEADINGS = ("Fråga", "Del", "Frågetext", "Överenskommen tolkning")
TAIL = ("Majoritet", "Avviker från majoriteten")


def review_table(review: Review) -> list[list[str]]:
    """The review as rows of text: a status row, one row per answer row, then comments."""
    names = [u.name for u in review.members]
    table = [[*HEADINGS, *names, *TAIL]]
    table.append(["Status", "", "", "", *review.statuses, "", ""])
    for row in review.rows:
        cells = [(c.text or "") + (f" ({c.detail})" if c.detail else "") for c in row.cells]
        differing = [n for n, c in zip(names, row.cells, strict=True) if c.differs]
        table.append(
            [
                row.question.id,
                row.part_label or "",
                row.question.text if row.first else "",
                "; ".join(n.note.heading for n in row.notes) if row.notes else "",
                *cells,
                row.majority or "",
                ", ".join(differing),
            ]
        )
    for c in review.comments:
        table.append([c.question.id, "Kommentar", "", "", *(t or "" for t in c.comments), "", ""])
    return table


def review_csv(review: Review) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerows(review_table(review))
    return out.getvalue().encode("utf-8-sig")


def review_xlsx(review: Review) -> bytes:
    """The same table in a workbook; differing answers and interpreted questions are coloured."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Granskning")
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    differs = book.add_format({"bold": True, "bg_color": "#FBD3B0", "valign": "top"})
    noted = book.add_format({"bg_color": "#DCE8F5", "text_wrap": True, "valign": "top"})
    table = review_table(review)
    first_unit = len(HEADINGS)
    for r, values in enumerate(table):
        for c, value in enumerate(values):
            fmt = bold if r < 2 else wrap
            if r >= 2 and r - 2 < len(review.rows):
                row = review.rows[r - 2]
                if c == 3 and row.notes:
                    fmt = noted
                in_units = first_unit <= c < first_unit + len(review.members)
                if in_units and row.cells[c - first_unit].differs:
                    fmt = differs
            sheet.write_string(r, c, value, fmt)
    sheet.freeze_panes(2, first_unit)
    sheet.set_column(0, 1, 14)
    sheet.set_column(2, 2, 60)
    sheet.set_column(3, 3, 24)
    sheet.set_column(first_unit, first_unit + len(review.members) + 1, 16)
    sheet.set_column(first_unit + len(review.members) + 1, first_unit + len(review.members) + 1, 30)
    book.close()
    return buffer.getvalue()
