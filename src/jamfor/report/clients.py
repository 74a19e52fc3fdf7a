"""The client statistics report: built once from the core's tables, rendered as HTML.

The tables have two header rows (a column group such as "Män" over its
"Antal" and "Andelar"), which the group report's one-row :class:`ReportTable`
does not hold, so this module has its own small table records; cells are the
report's :class:`~jamfor.report.model.Cell`. Texts come from the core (table
titles, notes, "<5") so the HTML and the JSON say the same thing.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jamfor import __version__
from jamfor.core.clients import (
    COMPLEMENTARY_MARK,
    TOTAL,
    ClientCell,
    ClientStatistics,
    ClientTable,
)
from jamfor.core.narrative import join_sv
from jamfor.report.client_charts import share_chart_svg
from jamfor.report.model import Cell, FrontMatter, TitlePage
from jamfor.report.templating import ENV as _ENV


@dataclass(frozen=True)
class ClientRow:
    """A code (or Totalt) and, per column group, its Antal and Andelar cells."""

    code: str | None
    label: str
    cells: tuple[Cell, ...]
    total: bool = False


@dataclass(frozen=True)
class ClientReportTable:
    anchor: str
    number: int
    title: str
    groups: tuple[str, ...]
    rows: tuple[ClientRow, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClientSection:
    """One municipality, or the group summed: notes, the chart and the four tables."""

    anchor: str
    title: str
    notes: tuple[str, ...]
    tables: tuple[ClientReportTable, ...]
    chart_svg: str | None = None
    chart_title: str = ""
    comment: str | None = None
    """The organisation's comment on the municipality's figures (settings file)."""


@dataclass(frozen=True)
class ClientReport:
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    sections: tuple[ClientSection, ...]
    notes: tuple[str, ...] = ()
    lang: str = "sv"
    title_page: TitlePage | None = None


def _cell_title(c: ClientCell) -> str | None:
    if c.mark is None:
        return None
    if c.mark == COMPLEMENTARY_MARK:
        return "Dolt så att ett litet antal inte kan räknas fram"
    return f"Färre än {c.mark[1:]}"


def _cells(c: ClientCell) -> tuple[Cell, Cell]:
    title = _cell_title(c)
    share_hidden = c.share_mark is not None
    return (
        Cell(text=str(c.antal), missing=c.withheld, title=title),
        Cell(
            text=c.andel,
            missing=share_hidden,
            title=title or ("Andelen döljs när Totalt är dolt" if share_hidden else None),
        ),
    )


def _table(
    t: ClientTable, number: int, anchor: str, labels: Mapping[str, str]
) -> ClientReportTable:
    rows = [
        ClientRow(
            code,
            labels.get(code, ""),
            tuple(x for col in t.columns for x in _cells(col.cells[i])),
        )
        for i, code in enumerate(t.codes)
    ]
    rows.append(
        ClientRow(None, TOTAL, tuple(x for col in t.columns for x in _cells(col.total)), True)
    )
    return ClientReportTable(
        anchor=f"{anchor}-{t.id}",
        number=number,
        title=t.title,
        groups=tuple(c.label for c in t.columns),
        rows=tuple(rows),
        notes=t.notes,
    )


def build_client_report(
    stats: Sequence[ClientStatistics],
    labels: Mapping[str, str],
    *,
    source: str,
    period: str | None = None,
    notes: Sequence[str] = (),
    chart: bool = True,
    front: FrontMatter | None = None,
) -> ClientReport:
    """The report for one or more municipalities (and the group), in the order given.

    ``labels`` maps each code to its meaning; ``notes`` are the file's own
    (how ages were counted); ``chart`` draws the share chart per section;
    ``front`` (a settings file) gives the title page and a comment per
    municipality (by name or kommunkod). Tables are numbered through the whole
    report, as a publication numbers them.
    """
    if not stats:
        raise ValueError("a client report needs at least one municipality's tables")
    comments = {k.casefold(): v for k, v in (front.comments if front else {}).items()}
    sections = []
    number = 0
    for s in stats:
        anchor = f"kommun-{s.kommunkod}" if s.kommunkod else "alla"
        table_1 = s.tables[0]
        chart_title = f"Andel per orsakskod, {s.kommun}"
        tables = tuple(
            _table(t, number + i, anchor, labels) for i, t in enumerate(s.tables, start=1)
        )
        number += len(tables)
        sections.append(
            ClientSection(
                anchor=anchor,
                title=s.kommun if s.kommunkod else "Alla kommuner",
                notes=s.notes,
                tables=tables,
                chart_svg=share_chart_svg(table_1, labels, chart_title) if chart else None,
                chart_title=chart_title,
                comment=comments.get(s.kommun.casefold())
                or comments.get((s.kommunkod or "").casefold()),
            )
        )
    first = stats[0]
    subtitle = join_sv([s.kommun for s in stats if s.kommunkod])
    codes = ", ".join(first.tables[0].codes)
    facts = [("Underlag", source)]
    if period:
        facts.append(("Period", period))
    facts.append(("Orsakskoder", codes))
    facts.append(
        (
            "Röjandeskydd",
            f"på, minsta redovisade antal {first.min_cell}" if first.min_cell else "av",
        )
    )
    return ClientReport(
        title="Klientstatistik – ekonomiskt bistånd",
        subtitle=subtitle,
        facts=tuple(facts),
        sections=tuple(sections),
        notes=tuple(notes),
        title_page=front.title_page if front else None,
    )


def render_client_html(report: ClientReport, made: dt.date | None = None) -> str:
    """The report as one self-contained HTML file: styles and charts inline, no scripts."""
    made = made or dt.date.today()
    logo = report.title_page.logo if report.title_page else None
    return _ENV.get_template("clients.html.j2").render(
        report=report,
        version=__version__,
        made=made.isoformat(),
        logo_uri=(
            f"data:{logo.media_type};base64," + base64.b64encode(logo.data).decode("ascii")
            if logo
            else ""
        ),
    )
