"""Published result tables: long CSV/XLSX (one row per cell) and wide (one row per unit).

Long form is how the 2015 tables are transcribed —
``tabell,tabellrubrik,indikator,enhet,varde``; wide form is how people keep
them in Excel — a unit column, then one column per indicator (printed label or
catalog id). Rows labelled "Snitt…" carry a published group mean: kept to be
compared with, never used to compute.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.dataset import PublishedRecord, ValueRecord
from jamfor.core.numbers import parse_number
from jamfor.core.problems import MAX_PROBLEMS, Problem
from jamfor.core.values import ValueNotAllowed, check_value
from jamfor.registry.model import Registry
from jamfor.sources.cells import (
    UnitCell,
    find_indicator,
    is_published_group_label,
    repeated_column_problems,
    resolve_unit,
    unknown_indicator,
)
from jamfor.sources.reading import RawTable
from jamfor.synthetic import SYNTHETIC_MARK

LONG_COLUMNS = ("indikator", "varde")
UNIT_COLUMNS = ("kommunkod", "enhet", "kommun")


@dataclass
class TableImport:
    """What one file contributes, or the problems that stop it."""

    values: list[ValueRecord] = field(default_factory=list)
    history: list[ValueRecord] = field(default_factory=list)
    published: list[PublishedRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    synthetic: bool = False
    rows: dict[tuple[str, str, str], int] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    """Kolada KPIs in the file that the catalog does not read (left out, said once)."""


class CellCollector:
    """Checks cells one by one and collects values, published figures and problems."""

    def __init__(self, raw: RawTable, catalog: Catalog, registry: Registry) -> None:
        self.raw, self.catalog, self.registry = raw, catalog, registry
        self.out = TableImport(problems=repeated_column_problems(raw), synthetic=is_synthetic(raw))

    @property
    def full(self) -> bool:
        """Enough problems to refuse the file: checking stops (see :data:`MAX_PROBLEMS`)."""
        return len(self.out.problems) >= MAX_PROBLEMS

    def problem(self, type_: str, message: str, row: int | None, field_: str | None) -> None:
        self.out.problems.append(Problem(type_, message, self.raw.file, row, field_))

    def cell(
        self,
        row: int,
        unit_raw: str,
        unit_field: str,
        ind: Indicator,
        value: str,
        value_field: str,
        year: int | None = None,
    ) -> None:
        year = self.catalog.year if year is None else year
        if is_published_group_label(unit_raw):
            if year != self.catalog.year:
                return
            number = parse_number(value)
            if number is None:
                self.problem(
                    "value-not-allowed",
                    f"Det publicerade snittet «{value}» för «{ind.label}» är inget tal.",
                    row,
                    value_field,
                )
                return
            key = (unit_raw.casefold(), ind.id, "published")
            if key in self.out.rows:
                self.problem(
                    "duplicate",
                    f"«{unit_raw}» har redan ett värde för «{ind.label}» "
                    f"(rad {self.out.rows[key]}).",
                    row,
                    value_field,
                )
                return
            self.out.rows[key] = row
            self.out.published.append(PublishedRecord(unit_raw.strip(), ind.id, year, value))
            return
        resolved = resolve_unit(self.registry, unit_raw)
        if not isinstance(resolved, UnitCell):
            self.problem("unknown-unit", resolved, row, unit_field)
            return
        if not resolved.unit.exists_in(year):
            self.problem(
                "unknown-unit",
                f"{resolved.unit.name} fanns inte som egen enhet år {year}.",
                row,
                unit_field,
            )
            return
        role = resolved.role
        if role == "answer" and self._city_share(resolved, ind, value):
            role = "reference"
        try:
            checked = check_value(
                self.catalog, ind, value, reference=role == "reference", year=year
            )
        except ValueNotAllowed as exc:
            self.problem("value-not-allowed", str(exc), row, value_field)
            return
        if year != self.catalog.year:
            self.out.history.append(
                ValueRecord(resolved.unit.code, ind.id, year, checked.text, role)
            )
            return
        key = (resolved.unit.code, ind.id, role)
        if key in self.out.rows:
            self.problem(
                "duplicate",
                f"{resolved.unit.name} har redan ett värde för «{ind.label}» "
                f"(rad {self.out.rows[key]}).",
                row,
                value_field,
            )
            return
        self.out.rows[key] = row
        self.out.values.append(ValueRecord(resolved.unit.code, ind.id, year, checked.text, role))

    def _city_share(self, cell: UnitCell, ind: Indicator, value: str) -> bool:
        """A city answering through its districts, given as the share of its districts
        («Stockholm 57 %» in a survey table): it stands as a reference (Stockholms stad)."""
        if not ind.is_share or ind.coding or parse_number(value) is None:
            return False
        if ind.kind == "banded" and value.strip().isdigit():
            return False  # a number of days is an answer
        return bool(self.registry.districts(cell.unit.code))


def is_synthetic(raw: RawTable) -> bool:
    """A file made by ``jamfor demo-data`` says so in its ``kalla`` column."""
    col = next((c for c in raw.columns if c.casefold() == "kalla"), None)
    return col is not None and any(
        SYNTHETIC_MARK in cells.get(col, "").casefold() for _, cells in raw.rows[:50]
    )


def is_long(raw: RawTable) -> bool:
    cols = {c.casefold() for c in raw.columns}
    return all(c in cols for c in LONG_COLUMNS) and any(c in cols for c in UNIT_COLUMNS)


def import_long(
    raw: RawTable, catalog: Catalog, registry: Registry, *, only_known: bool = False
) -> TableImport:
    """Rows of ``indikator, enhet|kommunkod|kommun, varde`` (+ ``tabell``, ``ar``, ``kon``).

    A file with a year column may hold many years (Kolada, Socialstyrelsen's
    time series): the catalog's year is imported, earlier years are kept as
    history for changes and trends, later years are left for their own
    import. A file from Kolada (a ``kolada_kpi`` column) may hold KPIs this
    catalog does not read: they are left out and counted in ``skipped``. A ``kon`` column keeps only the totals (``T``). With
    ``only_known`` rows for indicators the catalog lacks are skipped rather
    than reported (a trend reads one indicator out of a national file).
    """
    c = CellCollector(raw, catalog, registry)
    col = {name.casefold(): name for name in raw.columns}
    unit_col = next(col[k] for k in UNIT_COLUMNS if k in col)
    year_col = col.get("ar") or col.get("år")
    kpi_col = col.get("kolada_kpi")
    years_seen: set[str] = set()
    for row, cells in raw.rows:
        if c.full:
            break
        get = {k: cells.get(v, "") for k, v in col.items()}
        ind_raw, unit_raw, value = get["indikator"], cells.get(unit_col, ""), get["varde"]
        if get.get("kon", "T").strip().upper() not in ("T", ""):
            continue
        if not ind_raw:
            c.problem("missing-field", "Indikator saknas.", row, col["indikator"])
            continue
        if not unit_raw:
            c.problem("missing-field", "Enhet saknas.", row, unit_col)
            continue
        year = catalog.year
        if year_col is not None:
            text = cells.get(year_col, "").strip()
            if not (text.isdigit() and len(text) == 4):
                c.problem("bad-year", f"«{text}» är inget årtal.", row, year_col)
                continue
            years_seen.add(text)
            year = int(text)
            if year > catalog.year:
                continue
        ind = find_indicator(catalog, ind_raw)
        if ind is None and kpi_col is not None and cells.get(kpi_col):
            ind = find_indicator(catalog, cells[kpi_col])
        if ind is None and kpi_col is not None and cells.get(kpi_col):
            # a Kolada file carries the KPIs of every catalog of its area: this one reads some
            c.out.skipped.add(cells[kpi_col])
            continue
        if ind is None:
            if year == catalog.year and not only_known:
                c.problem(
                    "unknown-indicator", unknown_indicator(catalog, ind_raw), row, col["indikator"]
                )
            # an earlier year's indicator that this year's catalog no longer has is history
            # nobody can compare with: left out
            continue
        table = get.get("tabell", "")
        if table and table.strip() != catalog.table_of(ind.id).id:
            c.problem(
                "wrong-table",
                f"«{ind.label}» hör till tabell {catalog.table_of(ind.id).id}, inte {table}.",
                row,
                col["tabell"],
            )
            continue
        if not value:
            continue
        c.cell(row, unit_raw, unit_col, ind, value, col["varde"], year)
    if year_col is not None and years_seen and str(catalog.year) not in years_seen:
        c.problem(
            "wrong-year",
            f"Filen har inga värden för år {catalog.year} (den har "
            f"{', '.join(sorted(years_seen))}).",
            None,
            year_col,
        )
    return c.out


def import_wide(raw: RawTable, catalog: Catalog, registry: Registry) -> TableImport:
    """A unit column, then one column per indicator (printed label or catalog id)."""
    c = CellCollector(raw, catalog, registry)
    if not raw.columns:
        c.problem("empty-file", "Filen har inga kolumner.", None, None)
        return c.out
    unit_col = raw.columns[0]
    indicators: dict[str, Indicator] = {}
    for name in raw.columns[1:]:
        if not name or name in raw.unnamed:
            continue
        ind = find_indicator(catalog, name)
        if ind is None:
            c.problem("unknown-indicator", unknown_indicator(catalog, name), 1, name)
        elif ind in indicators.values():
            c.problem("duplicate", f"Kolumnen för «{ind.label}» finns två gånger.", 1, name)
        else:
            indicators[name] = ind
    if not indicators and not c.out.problems:
        c.problem(
            "no-indicators",
            "Filen har inga kolumner med indikatorer. Första kolumnen ska ange enheten, "
            "de följande en indikator var (rubrik eller id).",
            1,
            None,
        )
    for row, cells in raw.rows:
        if c.full:
            break
        unit_raw = cells.get(unit_col, "")
        if not unit_raw:
            if any(cells.get(col) for col in indicators):
                c.problem("missing-field", "Enhet saknas.", row, unit_col)
            continue
        for name, ind in indicators.items():
            value = cells.get(name, "")
            if value:
                c.cell(row, unit_raw, unit_col, ind, value, name)
    return c.out
