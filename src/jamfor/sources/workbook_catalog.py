"""A catalog generated from Socialstyrelsen's yearly OJ workbook for an area.

The workbook describes itself well enough: on a results sheet a row of headings
names the unit columns (kommunkod, kommun, län) and one column per indicator,
with the theme of each group of columns in a row above (often a merged cell);
rows hold the municipalities, Stockholm's and Göteborg's districts, the
counties and Riket; a sheet with an «Indikator» and a «Beskrivning» column (on
any sheet, found by its columns) describes the indicators.

From that this adapter makes a :class:`~jamfor.catalog.model.Catalog`:

- one table per theme, the indicators in the workbook's order, labels as printed;
- a column whose municipality values are all numbers (with or without %) is a
  register measure, its unit and decimals read from its values and heading, its
  direction from the description sheet or a catalog that knows the measure;
- any other column is a survey indicator whose answer options are the words the
  municipalities gave; which of them count as yes is decided from the published
  Riket and county shares (:mod:`jamfor.core.yes_rules`).

Nothing is stored: the catalog is returned, for ``jamfor katalog skapa`` to
write as YAML and for ``table``/``report``/the web import to use on the fly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jamfor.catalog.areas import area as find_area
from jamfor.catalog.areas import areas, bundled_kpis
from jamfor.catalog.generated import MISSING_ANSWERS, generated_catalog
from jamfor.catalog.ids import unique_id
from jamfor.catalog.loader import available, load_catalog
from jamfor.catalog.model import (
    Catalog,
    Direction,
    Indicator,
    Source,
    Table,
    YesRule,
)
from jamfor.core.numbers import parse_number
from jamfor.core.problems import InputError, Problem
from jamfor.core.yes_rules import PublishedShare, decide_yes, rank_answers
from jamfor.registry.model import Registry
from jamfor.sources.oj_excel import HEADER_SEARCH_ROWS, read_sheets, row_unit
from jamfor.sources.reading import Sheet

NAME_HEADINGS = {
    "kommun",
    "kommunnamn",
    "enhet",
    "namn",
    "kommun/stadsdel",
    "kommun/stadsdelsområde",
    "stadsdel",
    "kommun/stadsdel/län",
}
CODE_HEADINGS = {"kommunkod", "kod", "enhetskod", "regionkod"}
COUNTY_HEADINGS = {"län", "lan", "länsnamn", "region"}
OTHER_UNIT_HEADINGS = {
    "län",
    "lan",
    "länsnamn",
    "länskod",
    "lanskod",
    "region",
    "kommungrupp",
    "kommuntyp",
    "skr:s kommungrupp",
    "kommungrupp 2023",
}
DESCRIPTION_NAMES = {
    "indikator",
    "indikatornamn",
    "indikatorrubrik",
    "rubrik",
    "namn",
    "mått",
    "nyckeltal",
    "indikator/mått",
}
DESCRIPTION_TEXTS = {"beskrivning", "indikatorbeskrivning", "definition", "förklaring"}
GENERIC_SHEET = re.compile(r"^(blad|sheet|data|tabell)\s*\d*$", re.IGNORECASE)
NATIONAL_COVERAGE = 145
COUNTY_COVERAGE = 0.8


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@dataclass
class _Column:
    label: str
    theme: str
    part: str
    order: int
    answers: dict[str, str] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Description:
    text: str
    direction: Direction | None


def _direction(text: str) -> Direction | None:
    folded = text.casefold()
    if "högt" in folded or "hög " in folded or "högre" in folded:
        return "higher_better"
    if "lågt" in folded or "låg " in folded or "lägre" in folded:
        return "lower_better"
    if "neutral" in folded or "bakgrund" in folded:
        return "neutral"
    return None


def _descriptions(sheets: Sequence[Sheet]) -> dict[str, _Description]:
    """Indicator descriptions from any sheet headed «Indikator» … «Beskrivning»."""
    found: dict[str, _Description] = {}
    for sheet in sheets:
        for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            folded = [_fold(c) for c in row]
            if any(f in NAME_HEADINGS - {"namn"} or f in CODE_HEADINGS for f in folded):
                break  # a results sheet
            name_col = next((i for i, f in enumerate(folded) if f in DESCRIPTION_NAMES), None)
            text_col = next(
                (
                    i
                    for i, f in enumerate(folded)
                    if f in DESCRIPTION_TEXTS or f.startswith("beskrivning")
                ),
                None,
            )
            if name_col is None or text_col is None:
                continue
            dir_col = next(
                (
                    i
                    for i, f in enumerate(folded)
                    if any(w in f for w in ("riktning", "önskvärt", "tolkning"))
                ),
                None,
            )
            for r in sheet.rows[index + 1 :]:
                name = r[name_col] if name_col < len(r) else ""
                text = r[text_col] if text_col < len(r) else ""
                if name and text:
                    hint = r[dir_col] if dir_col is not None and dir_col < len(r) else ""
                    found.setdefault(_fold(name), _Description(_clean(text), _direction(hint)))
            break
    return found


def _header(sheet: Sheet) -> int | None:
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        folded = [_fold(c) for c in row]
        if not any(
            f in NAME_HEADINGS or f in CODE_HEADINGS or f in COUNTY_HEADINGS for f in folded
        ):
            continue
        unit_like = NAME_HEADINGS | CODE_HEADINGS | OTHER_UNIT_HEADINGS
        if any(c and f not in unit_like for c, f in zip(row, folded, strict=True)):
            return index
    return None


def _themes(sheet: Sheet, header: int, columns: list[int]) -> dict[int, str]:
    """Each indicator column's theme, from the nearest row above the headings with text
    over the indicator columns (a merged cell holds its text in its first column)."""
    first = min(columns)
    for index in range(header - 1, max(-1, header - 4), -1):
        row = sheet.rows[index]
        if not any(row[c] for c in range(first, len(row)) if c < len(row)):
            continue
        themes: dict[int, str] = {}
        current = ""
        for c in range(first, max(columns) + 1):
            if c < len(row) and row[c]:
                current = _clean(row[c])
            if c in columns:
                themes[c] = current
        return themes
    return {}


def _part(sheet_name: str) -> str:
    return "Resultat" if GENERIC_SHEET.match(sheet_name.strip()) else sheet_name.strip()


def _read_columns(sheets: Sequence[Sheet], registry: Registry) -> tuple[list[_Column], int]:
    """Every indicator column of every results sheet, merged by label; unknown rows counted."""
    columns: dict[str, _Column] = {}
    unknown_rows = 0
    for sheet in sheets:
        header = _header(sheet)
        if header is None:
            continue
        headings = [_clean(c) for c in sheet.rows[header]]
        folded = [h.casefold() for h in headings]
        code_col = next((i for i, f in enumerate(folded) if f in CODE_HEADINGS), None)
        name_cols = [i for i, f in enumerate(folded) if f in NAME_HEADINGS]
        if not name_cols:  # a sheet of counties: «Län» names the unit
            name_cols = [i for i, f in enumerate(folded) if f in COUNTY_HEADINGS]
        unit_like = NAME_HEADINGS | CODE_HEADINGS | OTHER_UNIT_HEADINGS
        indicator_cols = [i for i, f in enumerate(folded) if headings[i] and f not in unit_like]
        if not indicator_cols:
            continue
        themes = _themes(sheet, header, indicator_cols)
        part = _part(sheet.name)
        for c in indicator_cols:
            key = folded[c]
            if key not in columns:
                columns[key] = _Column(
                    label=headings[c],
                    theme=themes.get(c) or (part if part != "Resultat" else "Resultat"),
                    part=part,
                    order=len(columns),
                )
        for row in sheet.rows[header + 1 :]:
            code = row[code_col] if code_col is not None and code_col < len(row) else ""
            name = next((row[i] for i in name_cols if i < len(row) and row[i]), "")
            values = {c: row[c] for c in indicator_cols if c < len(row) and row[c]}
            if not (code or name):
                continue
            unit = row_unit(registry, code, name)
            if unit is None:
                unknown_rows += bool(values)
                continue
            for c, value in values.items():
                col = columns[folded[c]]
                target = col.answers if unit.kind in ("kommun", "delomrade") else col.references
                target.setdefault(unit.code, _clean(value))
    return sorted(columns.values(), key=lambda c: c.order), unknown_rows


def _is_missing(value: str) -> bool:
    return _fold(value) in {_fold(m) for m in MISSING_ANSWERS}


def _decimals(values: Sequence[str]) -> int:
    most = 0
    for v in values:
        text = v.replace("%", "").strip()
        if "," in text or "." in text:
            most = max(most, len(re.split(r"[.,]", text)[-1].strip()))
    return min(most, 2)


def _known_directions() -> dict[str, Direction]:
    """Directions of register measures the bundled catalogs and Kolada list know, by label."""
    known: dict[str, Direction] = {}
    for area_id, year in available():
        for ind in load_catalog(year, area_id).indicators:
            if not ind.is_share:
                for name in (ind.label, *ind.aliases):
                    known.setdefault(_fold(name), ind.direction)
    for a in areas():
        for measure in a.register_measures:
            meta = bundled_kpis().get(measure.kpi)
            if meta is not None:
                known.setdefault(_fold(meta.title), measure.direction)
    return known


def _number_indicator(
    col: _Column, ident: str, descriptions: dict[str, _Description], known: dict[str, Direction]
) -> Indicator:
    values = [v for v in col.answers.values() if not _is_missing(v)]
    heading = col.label.casefold()
    if any("%" in v for v in values) or any(w in heading for w in ("andel", "(%)", "procent", "%")):
        unit = "%"
    elif any(w in heading for w in ("kr/", "kronor", "kostnad", " kr")):
        unit = "kr"
    elif "dagar" in heading or "dygn" in heading:
        unit = "dagar"
    elif "antal" in heading:
        unit = "antal"
    else:
        unit = ""
    desc = descriptions.get(_fold(col.label))
    direction = (desc.direction if desc else None) or known.get(_fold(col.label)) or "neutral"
    numbers = [n for v in values if (n := parse_number(v)) is not None]
    return Indicator(
        id=ident,
        label=col.label,
        kind="percent" if unit == "%" else "number",
        source=Source(type="register", measure=col.label),
        direction=direction,
        unit=unit,
        description=desc.text if desc else None,
        decimals=0 if unit == "kr" else (_decimals(values) if values else 1),
        minimum=Decimal(0) if numbers and min(numbers) >= 0 else None,
    )


def _published(
    col: _Column, registry: Registry, answers: dict[str, str], scale: Decimal
) -> list[PublishedShare]:
    shares = []
    municipalities = [c for c in answers if registry.units[c].kind == "kommun"]
    for code, raw in col.references.items():
        number = parse_number(raw)
        if number is None:
            continue
        decimals = _decimals([raw])
        if scale != 1 and "%" not in raw:
            number, decimals = number * scale, max(decimals - 2, 0)
        unit = registry.units[code]
        if unit.kind == "riket":
            if len(municipalities) >= NATIONAL_COVERAGE:
                shares.append(PublishedShare("Riket", number, decimals, tuple(municipalities)))
        elif unit.kind == "lan":
            members = [u.code for u in registry.lan_members(unit.lan_code or "")]
            present = [c for c in members if c in answers]
            if members and len(present) >= COUNTY_COVERAGE * len(members):
                shares.append(PublishedShare(unit.name, number, decimals, tuple(present)))
    return sorted(shares, key=lambda s: s.name != "Riket")


def _categorical_indicator(
    col: _Column, ident: str, descriptions: dict[str, _Description], registry: Registry
) -> Indicator:
    words: dict[str, str] = {}
    for value in col.answers.values():
        if not _is_missing(value) and parse_number(value) is None:
            words.setdefault(_fold(value), value)
    values = rank_answers(list(words.values()))
    answers = {
        code: words[_fold(v)]
        for code, v in col.answers.items()
        if registry.units[code].kind == "kommun" and _fold(v) in words
    }
    fraction = False
    published = _published(col, registry, answers, Decimal(1))
    decision = decide_yes(col.label, values, answers, published)
    raw_refs = [r for r in col.references.values() if parse_number(r) is not None]
    if (
        decision.review
        and raw_refs
        and all((parse_number(r) or 0) <= 1 and "%" not in r for r in raw_refs)
    ):
        as_fraction = _published(col, registry, answers, Decimal(100))
        tried = decide_yes(col.label, values, answers, as_fraction)
        if not tried.review:
            decision, fraction = tried, True
    partial = tuple(
        v
        for v in values
        if v not in decision.answers
        and (v.casefold().startswith("ja") or v.casefold().startswith("delvis"))
    )
    desc = descriptions.get(_fold(col.label))
    return Indicator(
        id=ident,
        label=col.label,
        kind="categorical",
        source=Source(
            type="survey",
            rule="published",
            measure=f"Svar i Socialstyrelsens enkät ({col.label})",
        ),
        direction="higher_better",
        unit="%",
        description=desc.text if desc else None,
        values=values,
        yes_answers=decision.answers,
        partial_answers=partial,
        yes_rule=YesRule(basis=decision.basis, note=decision.note, review=decision.review),
        references_as_fraction=fraction,
    )


def catalog_from_workbook(path: Path, area_id: str, year: int, registry: Registry) -> Catalog:
    """The catalog a published OJ workbook describes; :class:`InputError` if it has no table."""
    find_area(area_id)  # an unknown area is said before the file is read
    sheets = read_sheets(path)
    descriptions = _descriptions(sheets)
    columns, _unknown = _read_columns(sheets, registry)
    columns = [c for c in columns if c.answers or c.references]
    if not columns:
        raise InputError(
            [
                Problem(
                    "no-table",
                    "Hittade ingen resultattabell i arbetsboken: ett blad behöver en rad med "
                    "rubrikerna «Kommunkod» eller «Kommun» och en kolumn per indikator.",
                    path.name,
                )
            ]
        )
    known = _known_directions()
    taken: set[str] = set()
    tables: dict[tuple[str, str], list[Indicator]] = {}
    for col in columns:
        ident = unique_id(col.label, taken)
        taken.add(ident)
        words = [v for v in col.answers.values() if not _is_missing(v)]
        numeric = bool(words) and all(parse_number(v) is not None for v in words)
        if not words:
            numeric = all(parse_number(v) is not None for v in col.references.values())
        ind = (
            _number_indicator(col, ident, descriptions, known)
            if numeric
            else _categorical_indicator(col, ident, descriptions, registry)
        )
        tables.setdefault((col.part, col.theme), []).append(ind)
    built = []
    for number, ((part, theme), inds) in enumerate(tables.items(), start=1):
        shares = any(i.is_share for i in inds)
        built.append(
            Table(
                id=str(number),
                title=theme,
                theme=theme,
                part=part,
                notes=(
                    (
                        "För gruppen, länet och riket anges andelen kommuner vars svar räknas "
                        "som ja.",
                    )
                    if shares
                    else ()
                ),
                indicators=tuple(inds),
            )
        )
    review = [i.label for t in built for i in t.indicators if i.review]
    guide = [
        f"Katalogen är genererad av jamfor ur Socialstyrelsens arbetsbok «{path.name}»: "
        "tabellerna följer arbetsbokens teman och indikatorerna har sina rubriker som i filen.",
        "Vilka svar som räknas som ja står inte i arbetsboken. jamfor har för varje "
        "enkätindikator valt det urval av svar som ger rikets och länens publicerade andelar; "
        "där inget eller flera urval passar gäller standardregeln (svar som börjar med «Ja» "
        "räknas, men inte «Ja, men inte för alla» eller «Ja, med vissa» där indikatorn kräver "
        "alla; «Delvis» och «Nej» räknas aldrig).",
    ]
    if review:
        guide.append(
            f"Regeln ska granskas för {len(review)} "
            + ("indikator" if len(review) == 1 else "indikatorer")
            + " (markerade under tabellerna)."
        )
    return generated_catalog(area_id, year, built, guide, path.name)
