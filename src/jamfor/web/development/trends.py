"""A development area's indicators over every year in the database, for the follow-up.

Each indicator's series is computed by :func:`jamfor.core.trend.trend` — the
same comparison, counting rules and references as every report — from the
values stored for all years, and drawn by :func:`jamfor.report.trend_chart.trend_chart`.
The chart is inline SVG with a text alternative; every number it shows is also
in the table beside it, so nobody needs the picture.

One definition per series: the indicator as the latest year in the database
defines it. An earlier year's answer that definition cannot read (an option
that no longer exists) is left out and counted, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.dataset import ValueRecord
from jamfor.core.narrative import join_sv
from jamfor.core.numbers import format_sv
from jamfor.core.trend import Trend, trend
from jamfor.core.values import Checked, ValueNotAllowed, check_value
from jamfor.registry.loader import load_registry
from jamfor.web.development.models import Area, Cycle
from jamfor.web.results.models import ResultValue
from jamfor.web.survey.models import Year

_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(href="#|url\(#)([^")]+)')


@dataclass(frozen=True)
class TrendRow:
    label: str
    kind: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorTrend:
    """One linked indicator over the years: table rows, the chart and what was left out."""

    indicator_id: str
    label: str
    years: tuple[int, ...]
    rows: tuple[TrendRow, ...]
    svg: str | None
    description: str
    change: str | None
    skipped: int
    missing: str | None = None


def inline_svg(svg: bytes, ident: str, description: str) -> str:
    """A matplotlib SVG as an element for the page: ids prefixed, sized by CSS, named for readers."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = _ID.sub(lambda m: f'id="{ident}-{m.group(1)}"', text)
    text = _REF.sub(lambda m: f"{m.group(1)}{ident}-{m.group(2)}", text)
    end = text.index(">")
    head = re.sub(r'\s(width|height)="[^"]*"', "", text[:end])
    title = f"{ident}-titel"
    return (
        f'{head} role="img" aria-labelledby="{title}" class="chart-image">'
        f'<title id="{title}">{escape(description)}</title>{text[end + 1 :].rstrip()}'
    )


def _definition(years: list[Year], indicator_id: str) -> tuple[Catalog, Indicator] | None:
    for y in sorted(years, key=lambda y: y.year, reverse=True):
        catalog = y.catalog
        for ind in catalog.indicators:
            if ind.id == indicator_id:
                return catalog, ind
    return None


def _readable(
    catalog: Catalog, ind: Indicator, rows: list[tuple[str, str, str, int]]
) -> tuple[list[ValueRecord], int]:
    records, skipped = [], 0
    for unit, value, role, year in rows:
        try:
            check_value(catalog, ind, value, reference=role == "reference")
        except ValueNotAllowed:
            skipped += 1
            continue
        records.append(
            ValueRecord(unit, ind.id, year, value, "reference" if role == "reference" else "answer")
        )
    return records, skipped


def _figure(ind: Indicator, value: Decimal | None) -> str:
    if value is None:
        return "–"
    return format_sv(value, ind.decimals, "%" if ind.in_percent else ind.unit)


def _member(ind: Indicator, checked: Checked | None) -> str:
    if checked is None:
        return "–"
    if checked.number is not None and not checked.missing and not ind.is_share:
        return _figure(ind, checked.number)
    return checked.text


def _rows(result: Trend, snitt_label: str) -> tuple[TrendRow, ...]:
    ind = result.indicator
    rows = [TrendRow(snitt_label, "snitt", tuple(_figure(ind, p.snitt) for p in result.points))]
    for ref in result.references:
        rows.append(
            TrendRow(
                ref.display_reference,
                "reference",
                tuple(_figure(ind, p.result.references.get(ref.code)) for p in result.points),
            )
        )
    for unit in result.members:
        rows.append(
            TrendRow(
                unit.name,
                "unit",
                tuple(_member(ind, p.result.values.get(unit.code)) for p in result.points),
            )
        )
    return tuple(rows)


def _change(result: Trend, since: int) -> str | None:
    """The group figure's change from the results the cycle started from to the latest year."""
    ind = result.indicator
    start = next((p for p in result.points if p.year == since), None)
    later = [p for p in result.points if p.year > since and p.snitt is not None]
    if start is None or start.snitt is None:
        return None
    if not later:
        return (
            f"Snittet {since} var {_figure(ind, start.snitt)}. Det finns inga resultat efter "
            f"{since} i jamfor ännu; läs in senare års resultat för att se om området rört sig."
        )
    last = later[-1]
    assert last.snitt is not None
    diff = last.snitt - start.snitt
    unit = "procentenheter" if ind.in_percent else ind.unit
    sign = "+" if diff > 0 else "±" if diff == 0 else ""
    better = ""
    if diff != 0 and ind.direction != "neutral":
        improved = (diff > 0) == (ind.direction == "higher_better")
        better = " – bättre" if improved else " – sämre"
    return (
        f"Snittet {since} var {_figure(ind, start.snitt)} och {last.year} "
        f"{_figure(ind, last.snitt)}: {sign}{format_sv(diff, ind.decimals)} {unit}{better}."
    )


def indicator_trend(
    year: Year, indicator_id: str, ident: str, since: int | None = None, lone_chart: bool = True
) -> IndicatorTrend:
    """One indicator over every year of ``year``'s area stored in the database; ``since``
    (the results a development cycle started from) adds the group's change since then.
    Without ``lone_chart`` a single year gets no chart (there is no line to draw)."""
    from jamfor.report.trend_chart import trend_chart  # matplotlib only when drawing

    years = list(Year.objects.filter(area=year.area))
    found = _definition(years, indicator_id)
    if found is None:
        return IndicatorTrend(
            indicator_id,
            indicator_id,
            (),
            (),
            None,
            "",
            None,
            0,
            missing=f"Indikatorn «{indicator_id}» finns inte i något års katalog.",
        )
    catalog, ind = found
    rows = list(
        ResultValue.objects.filter(year__in=years, indicator=indicator_id).values_list(
            "unit", "value", "role", "year__year"
        )
    )
    records, skipped = _readable(catalog, ind, rows)
    group = year.group_object
    years_asked = sorted(y.year for y in years)
    result = trend(catalog, ind, records, group, load_registry().units, years_asked)
    if not result.points:
        return IndicatorTrend(
            ind.id,
            ind.label,
            (),
            (),
            None,
            "",
            None,
            skipped,
            missing="Inga resultat är inlästa för indikatorn.",
        )
    first, last = result.points[0].year, result.points[-1].year
    span = str(first) if first == last else f"{first}–{last}"
    shown = ["snittet för gruppen", *(r.display_reference for r in result.references)]
    if not ind.is_share:
        shown.append("varje kommun")
    description = (
        f"Linjediagram: {ind.label} {span} för {join_sv(shown)}. "
        "Siffrorna står i tabellen under diagrammet."
    )
    drawn = lone_chart or len(result.points) > 1
    svg = inline_svg(trend_chart(result, "svg"), ident, description) if drawn else None
    return IndicatorTrend(
        indicator_id=ind.id,
        label=ind.label,
        years=tuple(p.year for p in result.points),
        rows=_rows(result, group.snitt_label),
        svg=svg,
        description=description,
        change=None if since is None else _change(result, since),
        skipped=skipped,
    )


def area_trends(cycle: Cycle, area: Area) -> list[IndicatorTrend]:
    return [
        indicator_trend(cycle.year, ind, f"trend-{area.pk}-{i}", since=cycle.year.year)
        for i, ind in enumerate(area.indicators, start=1)
    ]
