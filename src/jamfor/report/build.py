"""Build the :class:`~jamfor.report.model.Report` from a group comparison.

This is the single place that decides what a report says; renderers only lay
it out. Figures are formatted the Swedish way (decimal comma, "37,5 %"), and
each result table's chart is described here from the same figures as the
table, so the HTML, PDF and Word pictures cannot disagree with the numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from jamfor.catalog.model import Catalog, Indicator, Measurement, Table
from jamfor.core.comparison import GroupComparison, IndicatorComparison, TableComparison
from jamfor.core.monthly import MONTHS_SV
from jamfor.core.narrative import IndicatorText, Thresholds, indicator_text, join_sv
from jamfor.core.numbers import format_sv
from jamfor.core.summary import summarise
from jamfor.core.survey import describe_condition
from jamfor.core.values import Checked
from jamfor.registry.model import Registry
from jamfor.report.credit import credited, publisher
from jamfor.report.model import (
    QUARTILE_COLOURS,
    Cell,
    Chart,
    ChartRow,
    ChartSeries,
    ChartValue,
    FrontMatter,
    Note,
    NoteBlock,
    Prose,
    Report,
    ReportTable,
    Row,
    Section,
    ShareChart,
    SurveyAppendix,
    SurveyQuestion,
    UnitChart,
)
from jamfor.report.profiles import profile_sections
from jamfor.report.sorting import sorting_section

_ITEM = re.compile(r"^(?:[-•]\s+|\d+[.)]\s+)")
_ABSENT = Cell("–", missing=True, title="Uppgift saknas")


def swedish_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS_SV[d.month - 1]} {d.year}"


def _measured(m: Measurement | None) -> str | None:
    if m is None:
        return None
    if m.date is not None:
        return swedish_date(m.date)
    if m.period is not None:
        return f"{swedish_date(m.period.start)} – {swedish_date(m.period.end)}"
    return str(m.year) if m.year is not None else None


def _slug(text: str) -> str:
    table = str.maketrans("åäöéÅÄÖÉ", "aaoeaaoe")
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


def _figure_unit(ind: Indicator) -> str | None:
    return "%" if ind.in_percent else None


def _figure(ind: Indicator, value: Decimal | None) -> Cell:
    if value is None:
        return _ABSENT
    return Cell(format_sv(value, ind.decimals, _figure_unit(ind)))


def _unit_cell(ind: Indicator, checked: Checked | None, colour: str | None = None) -> Cell:
    if checked is None:
        return Cell("–", missing=True, title="Uppgift saknas", colour=colour)
    if checked.missing:
        return Cell(checked.text, missing=True, colour=colour)
    if checked.number is not None and ind.kind in ("number", "percent"):
        return Cell(format_sv(checked.number, ind.decimals, _figure_unit(ind)), colour=colour)
    return Cell(checked.text)


def _change_cell(res: IndicatorComparison, since: int | None) -> Cell:
    change = res.change
    if change is None:
        return _ABSENT
    ind = res.indicator
    unit = "pe" if ind.in_percent else ind.unit
    sign = "+" if change.change > 0 else "±" if change.change == 0 else ""
    text = f"{sign}{format_sv(change.change, ind.decimals)} {unit}"
    if since is None:
        text += f" ({change.since})"
    return Cell(
        text,
        title=f"Snittet var {format_sv(change.previous, ind.decimals)} år {change.since}",
    )


def _snitt_cell(res: IndicatorComparison) -> Cell:
    ind, fig = res.indicator, res.snitt
    if fig.value is None:
        return _ABSENT
    if ind.is_share:
        title = f"{fig.yes} av {fig.counted} kommuner med svar räknas som ja"
    else:
        title = f"Ovägt medelvärde av {fig.counted} kommuner med värde"
    text = format_sv(fig.value, ind.decimals, _figure_unit(ind))
    if res.mismatch:
        text += " *"
    return Cell(text, title=title)


def note_from_text(heading: str, text: str) -> Note:
    """Split an interpretation into paragraphs and list items as written."""
    paragraphs: list[str] = []
    items: list[str] = []
    numbered = True
    # a text stored before line endings were normalised on input may still hold CRLF
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln.strip() for ln in block.strip().splitlines() if ln.strip()]
        if lines and all(_ITEM.match(ln) for ln in lines):
            items.extend(_ITEM.sub("", ln) for ln in lines)
            numbered = numbered and all(ln[:1].isdigit() for ln in lines)
        elif lines:
            paragraphs.append(" ".join(lines))
    return Note(
        heading=heading,
        paragraphs=tuple(paragraphs),
        items=tuple(items),
        ordered=bool(items) and numbered,
    )


def _notes_for(catalog: Catalog, table: Table) -> NoteBlock | None:
    notes = catalog.interpretations_for(table)
    if not notes or catalog.meeting is None:
        return None
    return NoteBlock(
        title=f"Dokumentation från {catalog.meeting.title.lower()} {catalog.meeting.date.isoformat()}",
        notes=tuple(note_from_text(f"{n.heading} i enkäten", n.text) for n in notes),
    )


def _chart_value(ind: Indicator, value: Decimal | None) -> ChartValue:
    if value is None:
        return ChartValue(None, "–")
    return ChartValue(float(value), format_sv(value, ind.decimals, _figure_unit(ind)))


def _member_value(ind: Indicator, checked: Checked | None) -> ChartValue:
    if checked is None:
        return ChartValue(None, "–")
    if checked.missing or checked.number is None:
        return ChartValue(None, checked.text)
    return _chart_value(ind, checked.number)


def _share_chart(cmp: GroupComparison, shares: list[IndicatorComparison]) -> ShareChart | None:
    series = [
        ChartSeries(
            cmp.group.snitt_label,
            "snitt",
            tuple(_chart_value(r.indicator, r.snitt.value) for r in shares),
        )
    ]
    for ref in cmp.references:
        values = tuple(_chart_value(r.indicator, r.references.get(ref.code)) for r in shares)
        if any(v.value is not None for v in values):
            series.append(ChartSeries(ref.display_reference, "reference", values))
    if all(v.value is None for s in series for v in s.values):
        return None
    return ShareChart(tuple(r.indicator.label for r in shares), tuple(series))


def _unit_chart(cmp: GroupComparison, res: IndicatorComparison) -> UnitChart | None:
    ind = res.indicator
    rows = [
        ChartRow(u.name, "unit", _member_value(ind, res.values.get(u.code))) for u in cmp.members
    ]
    rows.append(ChartRow(cmp.group.snitt_label, "snitt", _chart_value(ind, res.snitt.value)))
    for ref in cmp.references:
        value = _chart_value(ind, res.references.get(ref.code))
        if value.value is not None:
            rows.append(ChartRow(ref.display_reference, "reference", value))
    if all(r.value.value is None for r in rows):
        return None
    return UnitChart(ind.label, ind.unit, tuple(rows))


def _share_description(number: str, chart: ShareChart) -> str:
    text = (
        f"Stapeldiagram till tabell {number}: andelen kommuner som svarat ja per indikator "
        f"för {join_sv([s.label for s in chart.series])}."
    )
    snitt = chart.series[0]
    valued = [(v.value, v.text, ind) for v, ind in zip(snitt.values, chart.indicators, strict=True)]
    present = [v for v in valued if v[0] is not None]
    if len(present) > 1:
        high = max(present, key=lambda v: v[0] or 0.0)
        low = min(present, key=lambda v: v[0] or 0.0)
        if high[0] != low[0]:
            text += (
                f" {snitt.label} är högst för «{high[2]}» ({high[1]})"
                f" och lägst för «{low[2]}» ({low[1]})."
            )
    return text


def _unit_description(number: str, charts: list[UnitChart]) -> str:
    compared = [r.label for r in charts[0].rows if r.kind != "unit"]
    return (
        f"Punktdiagram till tabell {number}: varje kommuns värde för "
        f"{join_sv([f'«{c.indicator}»' for c in charts])} jämfört med {join_sv(compared)}."
    )


def _chart(cmp: GroupComparison, number: str, tc: TableComparison) -> Chart | None:
    """The table's picture: shares as bars, numbers and percentages as dots per municipality."""
    shares = [r for r in tc.indicators if r.indicator.is_share]
    share_chart = _share_chart(cmp, shares) if shares else None
    units = [
        c
        for r in tc.indicators
        if not r.indicator.is_share and (c := _unit_chart(cmp, r)) is not None
    ]
    if share_chart is None and not units:
        return None
    parts = []
    if share_chart is not None:
        parts.append(_share_description(number, share_chart))
    if units:
        parts.append(_unit_description(number, units))
    parts.append("Siffrorna står i tabellen.")
    return Chart(description=" ".join(parts), shares=share_chart, units=tuple(units))


def _result_table(
    cmp: GroupComparison, number: str, table: Table, texts: dict[str, IndicatorText]
) -> ReportTable:
    tc = next(t for t in cmp.tables if t.table.id == table.id)
    inds = tc.indicators
    rows = [
        Row(
            u.name,
            tuple(
                _unit_cell(r.indicator, r.values.get(u.code), r.colours.get(u.code)) for r in inds
            ),
        )
        for u in cmp.members
    ]
    rows.append(Row(cmp.group.snitt_label, tuple(_snitt_cell(r) for r in inds), kind="snitt"))
    years = {r.change.since for r in inds if r.change is not None}
    if years:
        since = years.pop() if len(years) == 1 else None
        rows.append(
            Row(
                f"Förändring sedan {since}" if since else "Förändring sedan föregående år",
                tuple(_change_cell(r, since) for r in inds),
                kind="change",
            )
        )
    for ref in cmp.references:
        if all(r.references.get(ref.code) is None for r in inds):
            continue
        rows.append(
            Row(
                ref.display_reference,
                tuple(_figure(r.indicator, r.references.get(ref.code)) for r in inds),
                kind="reference",
            )
        )
    footnotes = [
        f"* {r.indicator.label}: det publicerade snittet är "
        f"{format_sv(r.published_snitt, r.indicator.decimals, _figure_unit(r.indicator))}; "
        "här visas snittet beräknat ur kommunernas värden i tabellen."
        for r in inds
        if r.mismatch and r.published_snitt is not None
    ]
    names = {u.code: u.in_text for u in cmp.references}
    for r in inds if not cmp.national else ():  # national: one appendix table instead
        for code, (published, computed) in r.reference_mismatches.items():
            footnotes.append(
                f"{r.indicator.label}: beräknat ur kommunernas värden (ovägt medel) blir "
                f"{names.get(code, code)} {format_sv(computed, r.indicator.decimals, _figure_unit(r.indicator))}"
                f"; tabellen visar det publicerade värdet "
                f"{format_sv(published, r.indicator.decimals, _figure_unit(r.indicator))}."
            )
    for r in inds:
        rule = r.indicator.yes_rule
        if rule is None:
            continue
        if len(r.answer_counts) > 2:
            given = ", ".join(f"«{a}» {n}" for a, n in r.answer_counts.items())
            footnotes.append(f"{r.indicator.label}: svaren i gruppen: {given}.")
        if rule.review:
            footnotes.append(f"Granska: {r.indicator.label}: {rule.note}")
    computed_shown = sorted(
        {
            names.get(code, code)
            for r in inds
            for code, value in r.computed_references.items()
            if code not in r.published_references and r.references.get(code) == value
        }
    )
    if computed_shown:
        footnotes.append(
            f"Värdena för {join_sv(computed_shown)} är beräknade av jamfor ur kommunernas värden "
            "(ovägt medel), eftersom indata inte innehöll några publicerade värden."
        )
    survey_based = any(r.indicator.source.type == "survey" for r in inds)
    origin = publisher(survey_based)
    return ReportTable(
        anchor=f"tabell-{table.id}",
        number=number,
        title=table.title,
        captions=table.notes,
        columns=tuple(r.indicator.label for r in inds),
        rows=tuple(rows),
        footnotes=tuple(footnotes),
        notes=_notes_for(cmp.catalog, table),
        texts=(
            tuple(texts[r.indicator.id].text for r in inds) if cmp.catalog.report.narrative else ()
        ),
        source=f"Källa: {credited(cmp, origin)}. "
        f"{cmp.group.snitt_label}: beräknat av jamfor ur kommunernas värden.",
        chart=_chart(cmp, number, tc),
    )


def _appendix(catalog: Catalog) -> SurveyAppendix | None:
    survey = catalog.survey
    if survey is None:
        return None
    notes_by_q: dict[str, list[Note]] = {}
    if catalog.meeting is not None:
        for n in catalog.meeting.interpretations:
            for qid in n.questions:
                notes_by_q.setdefault(qid, []).append(note_from_text(n.heading, n.text))
    sections = []
    for s in survey.sections:
        questions = []
        for q in s.questions:
            questions.append(
                SurveyQuestion(
                    number=q.id,
                    text=q.text,
                    measured=_measured(q.measured),
                    asked_when=(
                        "Besvaras " + describe_condition(survey, q.asked_when) + "."
                        if q.asked_when
                        else None
                    ),
                    options=tuple(o.text for o in q.options),
                    parts=tuple(p.label for p in q.parts),
                    answer={
                        "number": "Tal"
                        + (" eller «Vet ej»" if q.number and q.number.unknown_allowed else ""),
                        "number_grid": "Ett tal per rad",
                        "text": "Fritext",
                    }.get(q.kind),
                    interpretations=tuple(notes_by_q.get(q.id, ())),
                )
            )
        sections.append((s.title, tuple(questions)))
    return SurveyAppendix(
        title=f"Bilaga: {survey.title} – frågor, hopp och överenskomna tolkningar",
        intro=(
            "Enkätens frågor i den ordning de ställs. Följdfrågor ställs bara när villkoret "
            "under dem är uppfyllt. Där gruppen enats om hur en fråga ska tolkas står "
            "tolkningen vid frågan.",
        ),
        sections=tuple(sections),
    )


def _table_span(catalog: Catalog, ids: list[str]) -> str:
    """ "12a–14" for consecutive tables, "2, 5 och 8" otherwise."""
    order = [t.id for t in catalog.tables]
    positions = [order.index(i) for i in ids]
    if len(ids) > 2 and positions == list(range(positions[0], positions[0] + len(ids))):
        return f"{ids[0]}–{ids[-1]}"
    return join_sv(ids)


def _colour_paragraph(catalog: Catalog, tables: list[ReportTable]) -> str | None:
    """What the quartile colours mean, naming exactly the tables that are coloured."""
    register = [
        t.id
        for t in catalog.tables
        if all(i.source.type == "register" and not i.is_share for i in t.indicators)
        and any(i.direction != "neutral" for i in t.indicators)
    ]
    if not register:
        return None
    coloured = [t.number for t in tables if t.colours]
    meaning = (
        "färgas efter kvartil bland landets alla kommuner: grönt för den fjärdedel av kommunerna "
        "som har bäst värden, rött för den fjärdedel som har sämst och gult för de mellersta 50 "
        "procenten; grått betyder att uppgift saknas. Bakgrundsmåtten färgas inte, eftersom ett "
        "högt eller lågt värde där varken är bättre eller sämre."
    )
    if not coloured:
        return (
            f"Registermåtten (tabell {_table_span(catalog, register)}) {meaning} Färgerna visas "
            "när riksdata för alla kommuner har lästs in. Sådana data ingår inte i den här "
            "sammanställningen, och ingen tabell är därför färgad."
        )
    symbols = join_sv([f"{k.symbol} {k.label}" for k in QUARTILE_COLOURS.values()])
    return (
        f"Talen i tabell {_table_span(catalog, coloured)} {meaning} En symbol står "
        f"framför varje färgat värde ({symbols}) så att färgen går att läsa även i gråskala; "
        "förklaringen står under varje färgad tabell."
    )


def _references_appendix(cmp: GroupComparison, first_number: int) -> Section | None:
    """With national data: every reference whose published and computed figures differ,
    in one table instead of a line under every table."""
    names = {u.code: u.display_reference for u in cmp.references}
    rows = []
    for r in cmp.indicators():
        unit = _figure_unit(r.indicator)
        for code, (published, computed) in r.reference_mismatches.items():
            rows.append(
                Row(
                    f"{r.indicator.label} – {names.get(code, code)}",
                    (
                        Cell(format_sv(published, r.indicator.decimals, unit)),
                        Cell(format_sv(computed, r.indicator.decimals, unit)),
                    ),
                )
            )
    if not rows:
        return None
    return Section(
        anchor="bilaga-jamforelsevarden",
        title="Bilaga: publicerade och beräknade jämförelsevärden",
        level=2,
        paragraphs=(
            "Tabellerna visar de publicerade värdena för riket och länen. jamfor beräknar "
            "samma värden ur alla kommuners värden som ett ovägt medel (som Koladas «ovägt "
            "medel»); Socialstyrelsen väger efter befolkning. Här står de värden där de två "
            "skiljer sig.",
        ),
        tables=(
            ReportTable(
                anchor="tabell-jamforelsevarden",
                number=str(first_number),
                title="Publicerade och beräknade jämförelsevärden",
                captions=(),
                columns=("Publicerat", "Beräknat (ovägt)"),
                rows=tuple(rows),
            ),
        ),
    )


def _prose_section(anchor: str, title: str, prose: Prose) -> Section | None:
    if not prose.blocks and not prose.links:
        return None
    return Section(anchor=anchor, title=title, level=2, blocks=prose.blocks, links=prose.links)


def build_report(
    cmp: GroupComparison,
    registry: Registry,
    thresholds: Thresholds | None = None,
    made: dt.date | None = None,
    front: FrontMatter | None = None,
) -> Report:
    """The whole report for a group and year, compiled on ``made`` (today by default);
    ``front`` (a settings file) makes it the organisation's publication."""
    catalog = cmp.catalog
    texts = {r.indicator.id: indicator_text(cmp, r, thresholds) for r in cmp.indicators()}
    parts: dict[str, dict[str, list[ReportTable]]] = {}
    for table in catalog.tables:
        parts.setdefault(table.part, {}).setdefault(table.theme, []).append(
            _result_table(cmp, table.id, table, texts)
        )
    colours = _colour_paragraph(
        catalog, [t for themes in parts.values() for ts in themes.values() for t in ts]
    )
    sections: list[Section] = []
    if front is not None:
        for anchor, title, prose in (
            ("inledning", "Inledning", front.inledning),
            ("arbetsmodell", f"{cmp.group.name}s arbetsmodell", front.arbetsmodell),
            ("om-indikatorerna", "Om indikatorerna", front.om_indikatorerna),
        ):
            section = _prose_section(anchor, title, prose)
            if section is not None:
                sections.append(section)
    if catalog.report.summary:
        summary = summarise(cmp, list(texts.values()))
        sections.append(
            Section(
                anchor="i-korthet",
                title="Resultatet i korthet",
                level=2,
                paragraphs=tuple(summary.text.split("\n\n")),
            )
        )
    sections.append(
        Section(
            anchor="lasanvisningar",
            title="Läsanvisningar",
            level=2,
            paragraphs=(
                f"Gruppen {cmp.group.name} består av "
                + ", ".join(u.name for u in cmp.members[:-1])
                + f" och {cmp.members[-1].name}."
                if len(cmp.members) > 1
                else f"Gruppen består av {cmp.members[0].name}.",
                *catalog.reading_guide,
                *((colours,) if colours else ()),
            ),
        )
    )
    sorting = sorting_section(cmp, registry)
    if sorting is not None:
        sections.append(sorting)
    for part, themes in parts.items():
        sections.append(
            Section(
                anchor=_slug(part),
                title=part,
                level=2,
                subsections=tuple(
                    Section(
                        anchor=_slug(f"{part}-{theme}"), title=theme, level=3, tables=tuple(tables)
                    )
                    for theme, tables in themes.items()
                ),
            )
        )
    # tables are numbered on after the catalog's («12a» counts as 12)
    numbers = [int(re.match(r"\d+", t.id).group()) for t in catalog.tables if t.id[:1].isdigit()]  # type: ignore[union-attr]
    next_number = max(numbers, default=len(catalog.tables)) + 1
    sections.append(
        Section(
            anchor="kommunprofiler",
            title="Kommunprofiler",
            level=2,
            paragraphs=(
                "Varje kommuns svar och värden bredvid gruppens snitt och riket, med de frågor "
                "där kommunen svarar annorlunda än de flesta i gruppen.",
            ),
            subsections=profile_sections(cmp, next_number),
        )
    )
    next_number += len(cmp.members)
    if cmp.national:
        appendix_refs = _references_appendix(cmp, next_number)
        if appendix_refs is not None:
            sections.append(appendix_refs)
    warnings = tuple(
        f"{r.indicator.label}: beräknat snitt {format_sv(r.snitt.value, r.indicator.decimals)}"
        f", publicerat {format_sv(r.published_snitt, r.indicator.decimals)}"
        for r in cmp.mismatches()
        if r.snitt.value is not None and r.published_snitt is not None
    )
    title = f"Öppna jämförelser inom {catalog.area_name.lower()} {cmp.year}"
    return Report(
        title=f"Preliminärt resultat: {title}" if cmp.preliminary else f"Resultat av {title}",
        subtitle=f"{cmp.group.name}",
        year=cmp.year,
        group_name=cmp.group.name,
        sections=tuple(sections),
        appendix=_appendix(catalog),
        warnings=warnings,
        synthetic=cmp.synthetic,
        preliminary=cmp.preliminary,
        made=made or dt.date.today(),
        title_page=front.title_page if front is not None else None,
    )
