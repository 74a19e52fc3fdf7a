"""The knowledge report: per development area, what the group knows before it takes a position.

Built as a :class:`~jamfor.report.model.Report` and rendered by the same
renderers as the results report (HTML, PDF, Word), so it reads and prints
like the reports the group already knows. Per area:

1. the background and need, and why the results proposed the area;
2. the linked indicators' results — the results report's own tables, built by
   :func:`jamfor.report.build.build_report` from the year's comparison
   narrowed to the area's indicators, numbered within the area (1.1, 1.2 …);
   then the statistics over time the analyst attached (monthly series: a table
   per series with each member per period and the group's figure, its line
   chart and its source);
3. each municipality's answers and client statistics as sent in (the latest
   version; drafts are never printed);
4. research and other knowledge, FoU's analysis and FoU's proposals.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone

from jamfor.catalog.model import Table
from jamfor.core.clients import TOTAL
from jamfor.core.comparison import GroupComparison, TableComparison
from jamfor.core.monthly import group_series, period_label, places
from jamfor.core.narrative import join_sv
from jamfor.core.numbers import format_sv
from jamfor.registry.loader import load_registry
from jamfor.registry.model import Unit
from jamfor.report.build import build_report
from jamfor.report.model import Cell, Report, ReportTable, Row, Section
from jamfor.web.development.models import Area, Cycle, Kind, SubmissionVersion
from jamfor.web.development.monthly_series import as_series
from jamfor.web.development.progress import count_sv, members_of
from jamfor.web.development.submissions import SentAnswers, sent_answers
from jamfor.web.results.dataset import comparison_for


def paragraphs(text: str) -> tuple[str, ...]:
    """Free text as paragraphs: a blank line starts a new one, line breaks inside are spaces."""
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        joined = " ".join(line.strip() for line in block.splitlines() if line.strip())
        if joined:
            out.append(joined)
    return tuple(out)


def result_tables(
    cmp: GroupComparison, indicators: Sequence[str], number: int, made: dt.date | None = None
) -> tuple[ReportTable, ...]:
    """The results report's tables for these indicators only, numbered ``number``.1, .2 …

    The comparison is narrowed (tables keep only the linked indicators, in
    catalog order) and handed to the report builder, so figures, charts,
    narrative and agreed interpretations are exactly those of the results
    report. Each table says which table of the results report it comes from.
    """
    wanted = set(indicators)
    tables: list[Table] = []
    compared: list[TableComparison] = []
    for tc in cmp.tables:
        kept = tuple(r for r in tc.indicators if r.indicator.id in wanted)
        if not kept:
            continue
        table = tc.table.model_copy(
            update={
                "id": f"{number}.{len(tables) + 1}",
                "indicators": tuple(r.indicator for r in kept),
                "notes": (
                    *tc.table.notes,
                    f"Ur tabell {tc.table.id} i resultatrapporten {cmp.year}.",
                ),
            }
        )
        tables.append(table)
        compared.append(TableComparison(table=table, indicators=kept))
    if not tables:
        return ()
    narrowed = dataclasses.replace(
        cmp,
        catalog=cmp.catalog.model_copy(update={"tables": tuple(tables)}),
        tables=tuple(compared),
    )
    report = build_report(narrowed, load_registry(), made=made)
    ids = {t.id for t in tables}
    return tuple(
        dataclasses.replace(t, anchor=f"omrade-{t.anchor}")
        for t in report.tables()
        if t.number in ids
    )


def statistics_tables(
    doc: dict[str, Any], unit: Unit, number: int, first: int, sent: dt.date
) -> tuple[ReportTable, ...]:
    """A municipality's stored client statistics as report tables, numbered from ``first``."""
    out = []
    where = f", {doc['period']}" if doc.get("period") else ""
    for i, t in enumerate(doc.get("tabeller", []), start=first):
        columns = tuple(
            f"{label}: {what}" if len(t["kolumner"]) > 1 else what.capitalize()
            for label in t["kolumner"]
            for what in ("antal", "andel")
        )
        rows = tuple(
            Row(
                r["kod"] if r["kod"] == TOTAL else f"{r['kod']} {r['text']}".strip(),
                tuple(Cell(str(c[key])) for c in r["celler"] for key in ("antal", "andel")),
                kind="snitt" if r["kod"] == TOTAL else "unit",
            )
            for r in t["rader"]
        )
        out.append(
            ReportTable(
                anchor=f"omrade-{number}-{unit.code}-{t['id']}",
                number=f"{number}.{i}",
                title=f"{t['rubrik']}, {unit.name}",
                captions=(),
                columns=columns,
                rows=rows,
                footnotes=tuple(t.get("noter", [])),
                source=(
                    f"Källa: {unit.name}s beslut om ekonomiskt bistånd{where} "
                    f"({doc.get('fil', '')}, {doc.get('beslut', 0)} beslut), inskickade "
                    f"{sent.isoformat()}."
                ),
            )
        )
    if doc.get("noter") and out:
        out[-1] = dataclasses.replace(out[-1], footnotes=(*out[-1].footnotes, *doc["noter"]))
    return tuple(out)


def series_tables(
    area: Area, number: int, first: int, members: Sequence[Unit], group_name: str
) -> tuple[ReportTable, ...]:
    """The area's attached series as report tables with their line charts, numbered from ``first``.

    A row per period, a column per member and one for the group's figure
    (total for counts, mean for shares); a period where a member lacks a
    value has no group figure and a footnote names who lacks it.
    """
    from jamfor.report.series_chart import series_chart  # matplotlib only when drawing

    names = {u.code: u.name for u in members}
    out = []
    for i, stored in enumerate(area.series.all(), start=first):
        gs = group_series(as_series(stored), [u.code for u in members])
        label = f"{group_name} ({'summa' if gs.aggregate == 'total' else 'medel'})"

        def cell(v: Decimal | None, decimals: int | None = None) -> Cell:
            if v is None:
                return Cell("–", missing=True, title="uppgift saknas")
            return Cell(format_sv(v, places(v) if decimals is None else decimals))

        rows = tuple(
            Row(
                period_label(p),
                (
                    *(cell(gs.members[c][p]) for c in gs.members),
                    cell(gs.group[p], gs.decimals)
                    if gs.group[p] is not None
                    else Cell("saknas", missing=True),
                ),
            )
            for p in gs.periods
        )
        how = "summan" if gs.aggregate == "total" else "det ovägda medelvärdet"
        notes = [f"Gruppens värde är {how} av kommunernas värden."]
        notes += [
            f"{period_label(p).capitalize()}: inget gruppvärde, värde saknas för "
            f"{join_sv([names[c] for c in lacking])}."
            for p, lacking in gs.missing.items()
        ]
        out.append(
            ReportTable(
                anchor=f"omrade-{number}-serie-{stored.pk}",
                number=f"{number}.{i}",
                title=stored.title + (f" ({stored.unit})" if stored.unit else ""),
                captions=(),
                columns=(*(names[c] for c in gs.members), label),
                rows=rows,
                footnotes=tuple(notes),
                source=f"Källa: {stored.source or stored.file_name}.",
                chart=series_chart(gs, names, label),
            )
        )
    return tuple(out)


def latest_answers(cycle: Cycle) -> dict[tuple[int, str], SentAnswers]:
    """(area id, kommunkod) → the latest version each municipality sent in."""
    latest: dict[tuple[int, str], SubmissionVersion] = {}
    for v in SubmissionVersion.objects.filter(
        submission__cycle=cycle, submission__kind=Kind.ANSWERS
    ).select_related("submission"):
        key = (v.submission.area_id, v.submission.kommun)
        if key not in latest or latest[key].number < v.number:
            latest[key] = v
    return {k: sent_answers(v) for k, v in latest.items()}


def _answers_section(
    area: Area, number: int, unit: Unit, sent: SentAnswers | None, first_table: int
) -> Section:
    anchor = f"omrade-{number}-svar-{unit.code}"
    title = f"Svar från {unit.name}"
    if sent is None:
        return Section(
            anchor, title, 3, paragraphs=(f"{unit.name} har inte skickat in några svar.",)
        )
    texts: list[str] = []
    for a in sent.answers:
        texts.append(f"Fråga: {a.question}")
        texts.extend(paragraphs(a.answer) or ("(Inget svar.)",))
    when = timezone.localtime(sent.version.submitted_at).date()
    texts.append(f"Inskickat {when.isoformat()} (version {sent.version.number}).")
    tables: tuple[ReportTable, ...] = ()
    if sent.statistics:
        tables = statistics_tables(sent.statistics, unit, number, first_table, when)
    elif area.statistics_requested:
        texts.append(f"{unit.name} har inte lämnat någon klientstatistik.")
    return Section(anchor, title, 3, paragraphs=tuple(texts), tables=tables)


def _area_section(
    area: Area,
    number: int,
    cmp: GroupComparison | None,
    members: Sequence[Unit],
    answers: dict[tuple[int, str], SentAnswers],
    made: dt.date | None,
    group_name: str,
) -> Section:
    background = paragraphs(area.need) or ("Behovet är inte beskrivet.",)
    if area.origin.strip():
        background += (f"Förslaget ur resultaten: {area.origin.strip()}",)
    subsections = [Section(f"omrade-{number}-bakgrund", "Bakgrund och behov", 3, background)]
    tables = result_tables(cmp, area.indicators, number, made) if cmp is not None else ()
    if tables:
        subsections.append(
            Section(
                f"omrade-{number}-resultat",
                "Resultat i Öppna jämförelser",
                3,
                paragraphs=(
                    "Tabellerna är hämtade ur resultatrapporten och visar bara de indikatorer "
                    "som utvecklingsområdet gäller.",
                ),
                tables=tables,
            )
        )
    else:
        subsections.append(
            Section(
                f"omrade-{number}-resultat",
                "Resultat i Öppna jämförelser",
                3,
                paragraphs=(
                    "Inga indikatorer är kopplade till området."
                    if not area.indicators
                    else "Inga resultat är inlästa för året.",
                ),
            )
        )
    series = series_tables(area, number, len(tables) + 1, members, group_name)
    if series:
        subsections.append(
            Section(
                f"omrade-{number}-over-tid",
                "Statistik över tid",
                3,
                paragraphs=("Statistik per månad eller kvartal vid sidan av Öppna jämförelser.",),
                tables=series,
            )
        )
    questions = [q.text for q in area.questions.all()]
    if questions:
        subsections.append(
            Section(
                f"omrade-{number}-fragor",
                "Frågor till kommunerna",
                3,
                paragraphs=tuple(f"{i}. {q}" for i, q in enumerate(questions, start=1)),
            )
        )
    next_table = len(tables) + len(series) + 1
    for unit in members:
        section = _answers_section(
            area, number, unit, answers.get((area.pk, unit.code)), next_table
        )
        next_table += len(section.tables)
        subsections.append(section)
    for key, title, text in (
        ("forskning", "Forskning och annan kunskap", area.research),
        ("analys", "FoU:s analys", area.analysis),
        ("forslag", "FoU:s förslag", area.proposals),
    ):
        subsections.append(
            Section(
                f"omrade-{number}-{key}",
                title,
                3,
                paragraphs=paragraphs(text) or ("Inte skrivet ännu.",),
            )
        )
    return Section(
        f"omrade-{number}",
        f"Utvecklingsområde {number}: {area.name}",
        2,
        subsections=tuple(subsections),
    )


def build_knowledge_report(cycle: Cycle, made: dt.date | None = None) -> Report:
    """The whole knowledge report for the cycle, compiled on ``made`` (today by default)."""
    year = cycle.year
    group = year.group_object
    areas = list(cycle.areas.prefetch_related("questions", "series"))
    members = members_of(cycle)
    answers = latest_answers(cycle)
    cmp = comparison_for(year)
    intro = [
        f"Efter resultatmötet om Öppna jämförelser {year.year} valde {group.name} "
        + (
            f"{count_sv(len(areas), 'utvecklingsområde', 'utvecklingsområden')}: "
            f"{join_sv([a.name for a in areas])}."
            if areas
            else "ännu inga utvecklingsområden."
        ),
        "För varje område redovisas bakgrunden och behovet, resultaten för de indikatorer "
        "området gäller, statistik över tid där FoU har lagt till sådan, kommunernas "
        "skriftliga svar och statistik så som de skickats in, "
        "den forskning och kunskap FoU har sammanställt samt FoU:s analys och förslag.",
        "Sammanställningen är underlag för gruppens gemensamma ställningstagande och för "
        "socialchefsgruppens beslut om utvecklingsområden, tidsplan och ansvar.",
    ]
    sections = [Section("om-sammanstallningen", "Om sammanställningen", 2, tuple(intro))]
    sections += [
        _area_section(area, i, cmp, members, answers, made, group.name)
        for i, area in enumerate(areas, start=1)
    ]
    return Report(
        title=f"Kunskapssammanställning efter Öppna jämförelser {year.year}",
        subtitle=group.name,
        year=year.year,
        group_name=group.name,
        sections=tuple(sections),
        synthetic=cmp.synthetic if cmp is not None else False,
        made=made or dt.date.today(),
    )
