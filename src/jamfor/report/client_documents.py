"""The client statistics report as PDF and Word, beside its HTML.

The PDF is the HTML page printed by WeasyPrint on A4 with page numbers; the
Word file has a heading per municipality, real tables whose two header rows
repeat on every page, the notes as text and the chart as a picture with
alternative text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from jamfor import __version__
from jamfor.core.clients import ClientStatistics
from jamfor.report.client_charts import share_chart_png
from jamfor.report.clients import ClientReport, render_client_html
from jamfor.report.pdf import html_to_pdf

_PAGE_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm;
  @bottom-right { content: "Sida " counter(page) " av " counter(pages);
                  font-family: "DejaVu Sans"; font-size: 8pt; } }
html { font-family: "DejaVu Sans", sans-serif; }
body { max-width: none; }
table { page-break-inside: auto; } thead { display: table-header-group; }
tr { page-break-inside: avoid; } section { break-before: auto; }
"""


def render_client_pdf(report: ClientReport, made: dt.date | None = None) -> bytes:
    """The client statistics report as an A4 PDF."""
    return html_to_pdf(render_client_html(report, made), _PAGE_CSS)


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _alt_text(doc: object, description: str) -> None:
    inline = doc.inline_shapes[-1]._inline  # type: ignore[attr-defined]
    inline.docPr.set("descr", description)


def render_client_docx(
    report: ClientReport,
    stats: list[ClientStatistics] | None = None,
    labels: Mapping[str, str] | None = None,
    made: dt.date | None = None,
) -> bytes:
    """The client statistics report as a Word document.

    ``stats`` and ``labels`` (the same the report was built from) give the
    charts; without them the document has tables only.
    """
    made = made or dt.date.today()
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    doc.styles["Normal"].font.name = "DejaVu Sans"
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = f"{report.title} – {report.subtitle}"
    doc.core_properties.language = "sv-SE"
    tp = report.title_page
    if tp is not None and tp.logo is not None and tp.logo.media_type != "image/svg+xml":
        doc.add_picture(io.BytesIO(tp.logo.data), width=Mm(40))
        _alt_text(doc, tp.logo.alt)
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(report.subtitle)
    if tp is not None and tp.authors:
        doc.add_paragraph(", ".join(tp.authors))
    if tp is not None and tp.organisation:
        doc.add_paragraph(tp.organisation).runs[0].bold = True
    for label, value in report.facts:
        doc.add_paragraph(f"{label}: {value}")
    doc.add_paragraph(f"Sammanställd {made.isoformat()} med jamfor {__version__}")
    for note in report.notes:
        doc.add_paragraph(note)
    by_anchor = {(f"kommun-{s.kommunkod}" if s.kommunkod else "alla"): s for s in (stats or [])}
    for sec in report.sections:
        doc.add_heading(sec.title, level=1)
        if sec.comment:
            doc.add_paragraph(sec.comment).runs[0].italic = True
        for note in sec.notes:
            doc.add_paragraph(note)
        stat = by_anchor.get(sec.anchor)
        if stat is not None and labels is not None:
            doc.add_picture(io.BytesIO(share_chart_png(stat.tables[0], labels)), width=Mm(150))
            _alt_text(doc, f"{sec.chart_title}. Samma uppgifter står i tabell 1.")
        for t in sec.tables:
            doc.add_heading(f"Tabell {t.number}. {t.title}", level=2)
            table = doc.add_table(rows=2, cols=1 + 2 * len(t.groups))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.LEFT
            top, sub = table.rows
            top.cells[0].text = "Orsakskod"
            sub.cells[0].text = ""
            for i, group in enumerate(t.groups):
                a, b = top.cells[1 + 2 * i], top.cells[2 + 2 * i]
                a.merge(b).text = group
                sub.cells[1 + 2 * i].text = "Antal"
                sub.cells[2 + 2 * i].text = "Andelar"
            _repeat_header(top)
            _repeat_header(sub)
            for row in t.rows:
                cells = table.add_row().cells
                cells[0].text = row.label if row.code is None else f"{row.code} {row.label}"
                for j, cell in enumerate(row.cells):
                    cells[1 + j].text = cell.text
            for note in t.notes:
                doc.add_paragraph(note)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
