"""Published result tables in wide form (one row per unit), and what every table importer shares.

Wide form is how people keep the tables in Excel — a unit column, then one
column per indicator (printed label or catalog id); the long form (one row
per cell) is read column-wise by :mod:`jamfor.sources.long_form`. Rows
labelled "Snitt…" carry a published group mean: kept to be compared with,
never used to compute.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.dataset import PUBLISHED_SCHEMA, VALUES_SCHEMA, PublishedRecord, ValueRecord
from jamfor.core.numbers import parse_number
from jamfor.core.problems import MAX_PROBLEMS, Problem
from jamfor.core.values import Checked, ValueNotAllowed, check_value
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

ROW_SCHEMA: dict[str, pl.DataType] = {**VALUES_SCHEMA, "row": pl.Int64()}
"""A file's values as a frame: the dataset's columns and the row each came from (0: none)."""
PUBLISHED_ROW_SCHEMA: dict[str, pl.DataType] = {**PUBLISHED_SCHEMA, "row": pl.Int64()}


@dataclass
class ImportFrames:
    """A column-wise importer's cells: values, history and published figures as frames."""

    values: pl.DataFrame
    history: pl.DataFrame
    published: pl.DataFrame
    checked: dict[tuple[str, str, bool], Checked] = field(default_factory=dict)
    """The cells as checked, by (indicator, canonical value, as reference)."""


@dataclass
class TableImport:
    """What one file contributes, or the problems that stop it.

    Importers that check cell by cell collect records (``values``, ``history``,
    ``published``, with ``rows`` naming each value's row); the column-wise long
    import hands over ``frames`` instead, so no Python object is made per cell.
    The loader reads either through :meth:`value_frame` and its siblings.
    """

    values: list[ValueRecord] = field(default_factory=list)
    history: list[ValueRecord] = field(default_factory=list)
    published: list[PublishedRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    synthetic: bool = False
    rows: dict[tuple[str, str, str], int] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    """Kolada KPIs in the file that the catalog does not read (left out, said once)."""
    frames: ImportFrames | None = None

    def value_frame(self) -> pl.DataFrame:
        """The values with the row each came from (:data:`ROW_SCHEMA`)."""
        if self.frames is not None:
            return self.frames.values
        rows = [
            (
                r.unit,
                r.indicator,
                r.year,
                r.value,
                r.role,
                self.rows.get((r.unit, r.indicator, r.role), 0),
            )
            for r in self.values
        ]
        return pl.DataFrame(rows, schema=ROW_SCHEMA, orient="row")

    def history_frame(self) -> pl.DataFrame:
        if self.frames is not None:
            return self.frames.history
        rows = [(r.unit, r.indicator, r.year, r.value, r.role, 0) for r in self.history]
        return pl.DataFrame(rows, schema=ROW_SCHEMA, orient="row")

    def published_frame(self) -> pl.DataFrame:
        if self.frames is not None:
            return self.frames.published
        rows = [(r.label, r.indicator, r.year, r.value, 0) for r in self.published]
        return pl.DataFrame(rows, schema=PUBLISHED_ROW_SCHEMA, orient="row")

    def value_records(self) -> list[ValueRecord]:
        """Values and history as records (for the few callers that want them one by one)."""
        frames = (self.value_frame(), self.history_frame())
        return [
            ValueRecord(r["unit"], r["indicator"], r["year"], r["value"], r["role"])
            for frame in frames
            for r in frame.iter_rows(named=True)
        ]

    @property
    def empty(self) -> bool:
        """Nothing read and nothing wrong: a file of headings or empty rows."""
        if self.problems:
            return False
        if self.frames is not None:
            return not (
                self.frames.values.height
                or self.frames.history.height
                or self.frames.published.height
            )
        return not (self.values or self.published or self.history)


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
    if col is None:
        return False
    first = raw.frame.get_column(col).head(50).drop_nulls().to_list()
    return any(SYNTHETIC_MARK in cell.casefold() for cell in first)


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
