"""Socialstyrelsen's published Öppna jämförelser workbooks.

A published workbook has a row per unit (municipality, district, county,
Riket) and a column per indicator, usually with a title, notes and one or two
header rows above the table, sometimes several sheets. This adapter finds, on
every sheet, the header row (the row naming most of the catalog's indicators,
by label, alias or id, or through a mapping file for a year whose labels
changed), the unit column (a "Kommun"/"Kommunkod"/"Enhet" heading, else the
column whose cells are known units), and reads the indicator columns. Sheets
and columns that are not indicators are ignored; lines below the table that
are not units and carry no values (sources, footnotes) are skipped. Every
other problem is reported as by every importer, and nothing is used from a
file with problems.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.problems import MAX_PROBLEMS, InputError, Problem
from jamfor.registry.model import Registry, Unit
from jamfor.sources.cells import find_indicator, is_published_group_label
from jamfor.sources.limits import file_problem
from jamfor.sources.reading import RawTable, Sheet, read_workbook
from jamfor.sources.tables import CellCollector, TableImport

UNIT_HEADINGS = {"kommun", "kommunnamn", "kommunkod", "enhet", "namn", "kommun/stadsdel", "region"}
HEADER_SEARCH_ROWS = 40


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet as a grid of text (empty cells as ""), rows as in the workbook.

    Read within the reading limits and checked for personnummer on every
    sheet by :func:`jamfor.sources.reading.read_workbook`.
    """
    return read_workbook(path)


def _bad_mapping(name: str, message: str, row: int | None = None) -> InputError:
    return InputError([Problem("bad-mapping", message, name, row)])


def load_mapping(path: Path) -> dict[str, str]:
    """A mapping file: column heading → indicator id (YAML mapping or two-column CSV)."""
    name = path.name
    problem = file_problem(path, name) if path.is_file() else None
    if problem is not None:
        raise InputError([problem])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise _bad_mapping(name, "Mappningsfilen finns inte.") from None
    except (OSError, UnicodeDecodeError):
        raise _bad_mapping(
            name, "Mappningsfilen kunde inte läsas. Spara den som text (UTF-8) och försök igen."
        ) from None
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml  # only for a mapping written in YAML

        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise _bad_mapping(
                name,
                "Mappningsfilen är ingen läsbar YAML-fil; skriv en rad «rubrik: indikator-id» "
                "per kolumn.",
                None if mark is None else mark.line + 1,
            ) from None
        if not isinstance(data, dict):
            raise _bad_mapping(name, "Mappningsfilen ska vara «rubrik: indikator-id».")
        return {" ".join(str(k).split()).casefold(): str(v) for k, v in data.items()}
    rows = list(csv.reader(io.StringIO(text)))
    return {" ".join(r[0].split()).casefold(): r[1].strip() for r in rows[1:] if len(r) >= 2}


def _indicator(catalog: Catalog, heading: str, mapping: dict[str, str]) -> Indicator | None:
    mapped = mapping.get(" ".join(heading.split()).casefold())
    if mapped is not None:
        try:
            return catalog.indicator(mapped)
        except KeyError:
            return None
    return find_indicator(catalog, heading)


def _headings(sheet: Sheet, index: int) -> list[str]:
    """The header row's headings; an empty heading takes the row above's (merged cells)."""
    row = sheet.rows[index]
    above = sheet.rows[index - 1] if index > 0 else []
    out = []
    for i, cell in enumerate(row):
        out.append(cell or (above[i] if i < len(above) else ""))
    return out


def _find_header(
    sheet: Sheet, catalog: Catalog, mapping: dict[str, str]
) -> tuple[int, dict[int, Indicator]] | None:
    best: tuple[int, dict[int, Indicator]] | None = None
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        found: dict[int, Indicator] = {}
        row = sheet.rows[index]
        above = sheet.rows[index - 1] if index > 0 else []
        for col, cell in enumerate(row):
            if not cell:
                continue
            ind = _indicator(catalog, cell, mapping)
            if ind is None and col < len(above) and above[col]:
                # two header rows: "Tema" above, the indicator below, or split over both
                ind = _indicator(catalog, f"{above[col]} {cell}", mapping)
            if ind is not None and ind not in found.values():
                found[col] = ind
        if found and (best is None or len(found) > len(best[1])):
            best = (index, found)
    return best


def _unit_columns(
    sheet: Sheet, header: int, registry: Registry, indicator_cols: set[int]
) -> list[int]:
    """Columns naming the unit, best first: a code column, then a name column."""
    headings = [c.casefold() for c in sheet.rows[header]]
    named = [i for i, h in enumerate(headings) if h in UNIT_HEADINGS and i not in indicator_cols]
    if named:
        return sorted(named, key=lambda i: "kod" not in headings[i])
    width = max((len(r) for r in sheet.rows), default=0)
    scores = []
    for col in range(width):
        if col in indicator_cols:
            continue
        cells = [r[col] for r in sheet.rows[header + 1 :] if col < len(r) and r[col]]
        hits = sum(1 for c in cells if registry.find(c) is not None)
        scores.append((hits, -col))
    if not scores or max(scores)[0] == 0:
        return []
    return [-max(scores)[1]]


def _describes_indicators(sheet: Sheet, header: int, indicators: dict[int, Indicator]) -> bool:
    """A sheet listing indicators one per row (their descriptions), not a results table."""
    headings = " ".join(sheet.rows[header - 1] if header > 0 else []).casefold()
    column = {c for c in indicators}
    return len(indicators) == 1 or ("beskrivning" in headings and len(column) == 1)


def row_unit(registry: Registry, code: str, name: str) -> Unit | None:
    """The unit a row names by its kommunkod and name columns.

    A district is written with its city's kommunkod («0180», «Stockholm - Bromma»),
    so a name naming a district wins over the code; a county's row may carry its
    two-digit länskod («01»).
    """
    by_name = registry.find(name) if name else None
    if by_name is not None and by_name.kind == "delomrade":
        return by_name
    by_code = None
    if code:
        by_code = registry.find(code)
        if by_code is None and code.isdigit() and len(code) <= 2:
            by_code = registry.find(f"00{code.zfill(2)}")
    return by_code or by_name


def _unit_text(
    registry: Registry, cells: dict[str, str], code_h: str | None, name_h: str | None
) -> tuple[str, str]:
    """What to hand the cell checker as the row's unit, and the column it came from."""
    code = cells.get(code_h, "") if code_h else ""
    name = cells.get(name_h, "") if name_h else ""
    unit = row_unit(registry, code, name)
    if unit is None:
        return (code, code_h or "") if code else (name, name_h or "")
    if name and registry.find(name) == unit:
        return name, name_h or ""  # keeps «Stockholms stad» as the city's reference row
    return unit.code, (code_h or name_h or "")


def import_oj_workbook(
    path: Path, catalog: Catalog, registry: Registry, mapping: dict[str, str] | None = None
) -> TableImport:
    """Read every sheet of a published OJ workbook that holds known indicators."""
    mapping = mapping or {}
    out = TableImport()
    tables_found = 0
    for sheet in read_sheets(path):
        display = f"{path.name} [{sheet.name}]"
        header = _find_header(sheet, catalog, mapping)
        if header is None:
            continue
        index, indicators = header
        unit_cols = _unit_columns(sheet, index, registry, set(indicators))
        if not unit_cols and _describes_indicators(sheet, index, indicators):
            continue  # the sheet describing the indicators names them one per row
        if not unit_cols:
            out.problems.append(
                Problem(
                    "no-unit-column",
                    "Hittade ingen kolumn med kommuner (rubriken «Kommun», «Kommunkod» eller "
                    "«Enhet», eller kommunnamn i cellerna).",
                    display,
                    index + 1,
                )
            )
            continue
        tables_found += 1
        headings = _headings(sheet, index)
        rows = tuple(
            (n + 1, {headings[i] or f"kolumn {i + 1}": v for i, v in enumerate(r) if v})
            for n, r in enumerate(sheet.rows)
            if n > index and any(r)
        )
        raw = RawTable(display, tuple(headings), rows)
        collector = CellCollector(raw, catalog, registry)
        code_h = next((headings[c] for c in unit_cols if "kod" in headings[c].casefold()), None)
        name_h = next((headings[c] for c in unit_cols if headings[c] != code_h), None)
        for row_number, cells in rows:
            if collector.full or len(out.problems) >= MAX_PROBLEMS:
                break
            unit_raw, unit_heading = _unit_text(registry, cells, code_h, name_h)
            unit_heading = unit_heading or headings[unit_cols[0]]
            values = {col: cells.get(headings[col], "") for col in indicators}
            if not unit_raw:
                if any(values.values()):
                    collector.problem(
                        "missing-field",
                        "Raden har värden men ingen enhet.",
                        row_number,
                        unit_heading,
                    )
                continue
            if (
                registry.find(unit_raw) is None
                and not is_published_group_label(unit_raw)
                and not any(values.values())
            ):
                continue  # a source line or footnote under the table
            for col, ind in indicators.items():
                if values[col]:
                    collector.cell(
                        row_number, unit_raw, unit_heading, ind, values[col], headings[col]
                    )
        out.values += collector.out.values
        out.published += collector.out.published
        out.problems += collector.out.problems
        out.rows.update(collector.out.rows)
    if tables_found == 0 and not out.problems:
        out.problems.append(
            Problem(
                "no-indicators",
                f"Hittade ingen tabell med kända indikatorer för {catalog.year} i arbetsboken. "
                "Kontrollera året, eller ange en mappningsfil (--mapping) om rubrikerna har ändrats.",
                path.name,
            )
        )
    return out
