"""A catalog generated from Kolada's KPI metadata, for any area and year.

An area's indicators are its OJ kommunenkät KPIs (the bundled list says which,
see :mod:`jamfor.catalog.areas`) and its register measures. Each survey KPI's
label and answer coding come from its title (:mod:`jamfor.sources.kolada_titles`);
a municipality's value is a code, shown as its answer word; the group's figure is
the share of members with the highest code among those that answered. Titles are
taken from Kolada's own answer to ``/v3/kpi/{ids}`` when it has one (cached,
like every Kolada answer), else from the bundled list, so the catalog can be made
offline. A KPI whose title says it ran only until a year (``(-2016)``) is left
out of later years.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from jamfor.catalog.areas import KpiMeta, Theme, area, area_survey_kpis, bundled_kpis, themes
from jamfor.catalog.generated import generated_catalog
from jamfor.catalog.model import (
    Catalog,
    Indicator,
    Source,
    Table,
    YesRule,
    codes_in,
)
from jamfor.sources.http_api import OfflineMissing
from jamfor.sources.kolada import KoladaClient, KoladaError
from jamfor.sources.kolada_titles import parse_title

SURVEY_PART = "Enkätresultat"
REGISTER_PART = "Registerdata"
_BOILERPLATE = re.compile(
    r"^Detta är ett utvecklingsnyckeltal, se frågor och svar på kolada\.se för mer "
    r"information\.\s*",
    re.IGNORECASE,
)


def kpi_metadata(ids: Collection[str], client: KoladaClient | None = None) -> dict[str, KpiMeta]:
    """Metadata for ``ids``: Kolada's answer where it has the KPI, else the bundled list's.

    Kolada's current listing lacks most OJ survey KPIs; those keep the bundled
    title. Without a client (or offline with an empty cache) the bundled list is
    the whole answer.
    """
    found = {k: bundled_kpis()[k] for k in ids if k in bundled_kpis()}
    if client is None or not ids:
        return found
    try:
        rows = client.kpis(sorted(ids))
    except OfflineMissing:
        return found  # offline and never asked: the bundled titles
    for row in rows:
        try:
            meta = _LiveKpi.model_validate(row)
        except ValidationError as exc:
            raise KoladaError(
                f"Oväntat svar från Kolada om nyckeltal: {exc.errors()[0]['msg']}."
            ) from None
        if meta.id in ids:
            found[meta.id] = KpiMeta(
                id=meta.id,
                title=meta.title,
                description=meta.description or "",
                operating_area=found[meta.id].operating_area if meta.id in found else "",
            )
    return found


class _LiveKpi(BaseModel):
    """A row of ``/v3/kpi``: the fields jamfor reads, the others ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    id: str
    title: str
    description: str | None = ""


def _theme(label: str, options: tuple[Theme, ...]) -> str:
    text = label.casefold()
    for theme in options:
        if not theme.words or any(w in text for w in theme.words):
            return theme.title
    return options[-1].title


def _description(meta: KpiMeta) -> str | None:
    text = _BOILERPLATE.sub("", " ".join(meta.description.split()))
    return text or None


def _survey_indicator(meta: KpiMeta, year: int) -> Indicator | None:
    parsed = parse_title(meta.id, meta.title)
    if (parsed.last_year is not None and year > parsed.last_year) or (
        parsed.first_year is not None and year < parsed.first_year
    ):
        return None
    source = Source(
        type="survey",
        rule="published",
        measure=f"Socialstyrelsens kommunenkät, Kolada {meta.id}",
        kolada_kpi=meta.id,
    )
    if parsed.percent:
        return Indicator(
            id=meta.id,
            label=parsed.label,
            kind="percent",
            source=source,
            direction="higher_better",
            unit="%",
            description=_description(meta),
        )
    current = codes_in(parsed.codings, year)
    words: dict[str, None] = dict.fromkeys(a.label for a in current)
    for coding in parsed.codings:
        words.update(dict.fromkeys(a.label for a in coding.answers))
    top = max(current, key=lambda a: a.code)
    bottom = min(a.code for a in current)
    partial = tuple(
        a.label
        for a in current
        if bottom < a.code < top.code
        and (a.label.casefold().startswith("ja") or a.label.casefold().startswith("delvis"))
    )
    return Indicator(
        id=meta.id,
        label=parsed.label,
        kind="categorical",
        source=source,
        direction="higher_better",
        unit="%",
        description=_description(meta),
        values=tuple(words),
        yes_answers=(top.label,),
        partial_answers=partial,
        coding=parsed.codings,
        yes_rule=YesRule(
            basis="kolada",
            note=f"«{top.label}» räknas som ja: det svar som har högst kod ({top.code}) i Kolada.",
        ),
    )


def _register_indicator(meta: KpiMeta, direction: Any) -> Indicator:
    title = " ".join(meta.title.split())
    lower = title.casefold()
    if "(%)" in lower or "andel" in lower:
        unit, kind, decimals = "%", "percent", 1
    elif "kr/" in lower or "kronor" in lower or "kostnad" in lower:
        unit, kind, decimals = "kr", "number", 0
    else:
        unit, kind, decimals = ("antal" if "antal" in lower else ""), "number", 1
    return Indicator(
        id=meta.id,
        label=title,
        kind=kind,
        source=Source(type="register", measure=title, kolada_kpi=meta.id),
        direction=direction,
        unit=unit,
        description=_description(meta),
        decimals=decimals,
        minimum=Decimal(0) if unit == "%" else None,
        maximum=Decimal(100) if unit == "%" else None,
    )


@cache
def bundled_kolada_catalog(area_id: str, year: int) -> Catalog:
    """The area's Kolada catalog from the bundled metadata (kept: it never changes)."""
    return kolada_catalog(area_id, year)


def kolada_catalog(
    area_id: str,
    year: int,
    metadata: Mapping[str, KpiMeta] | None = None,
    only: Collection[str] | None = None,
) -> Catalog:
    """The area's catalog for ``year`` from KPI metadata (bundled unless ``metadata``).

    ``only`` narrows it to the KPIs a data file actually holds (a KPI with no value
    in any year would be an empty row in every table).
    """
    a = area(area_id)
    meta = dict(bundled_kpis())
    meta.update(metadata or {})
    wanted = None if not only else set(only)
    groups: dict[tuple[str, str], list[Indicator]] = {}
    theme_order = [(SURVEY_PART, t.title) for t in themes().survey] + [
        (REGISTER_PART, t.title) for t in themes().register_measures
    ]
    for kpi in area_survey_kpis(area_id):
        if wanted is not None and kpi.id not in wanted:
            continue
        ind = _survey_indicator(meta.get(kpi.id, kpi), year)
        if ind is not None:
            key = (SURVEY_PART, _theme(ind.label, themes().survey))
            groups.setdefault(key, []).append(ind)
    for measure in a.register_measures:
        if (wanted is not None and measure.kpi not in wanted) or measure.kpi not in meta:
            continue
        ind = _register_indicator(meta[measure.kpi], measure.direction)
        key = (REGISTER_PART, _theme(ind.label, themes().register_measures))
        groups.setdefault(key, []).append(ind)
    tables: list[Table] = []
    for key in theme_order:
        if key not in groups:
            continue
        part, theme = key
        notes: tuple[str, ...] = ()
        if part == SURVEY_PART:
            notes = (
                "Kommunernas svar som i Kolada. För gruppen och riket anges andelen kommuner "
                "med det svar som har högst kod bland dem som svarat.",
            )
        tables.append(
            Table(
                id=str(len(tables) + 1),
                title=theme,
                theme=theme,
                part=part,
                notes=notes,
                indicators=tuple(groups[key]),
            )
        )
    return generated_catalog(
        area_id,
        year,
        tables,
        (
            "Katalogen är genererad av jamfor ur Koladas nyckeltal för området: "
            "Socialstyrelsens enkätsvar som Kolada lagrar dem och registermåtten. Rubrikerna "
            "är nyckeltalens titlar utan svarskodningen.",
            "Kolada lagrar varje kommuns svar som en kod som nyckeltalets titel förklarar "
            "(till exempel Ja=2, Delvis=1, Nej=0). Tabellerna visar svaret i ord. Gruppens "
            "snitt och riket är andelen kommuner med det svar som har högst kod bland dem som "
            "har svarat; hur många som gav varje svar står under tabellen.",
        ),
        "Kolada",
    )
