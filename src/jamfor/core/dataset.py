"""The data a comparison is computed from: a catalog and values in long form.

``values`` has one row per unit, indicator and year — ``unit`` (kommunkod or
reference id), ``indicator`` (catalog id), ``year``, ``value`` (the cell in
canonical spelling, as :func:`jamfor.core.values.check_value` returned it) and
``role``: ``answer`` for a unit's own answer or figure, ``reference`` for a
published share standing for the unit (Riket's "54.3 %").

``published`` holds group figures that came with the input ("Snitt i
Nordväst"). They are kept to be compared with, never computed from.

``history`` has the same shape as ``values`` for years before the catalog's:
what changes and trends are computed from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import polars as pl

from jamfor.catalog.model import Catalog

if TYPE_CHECKING:
    from jamfor.core.index import DatasetIndex
    from jamfor.core.values import Checked

Role = Literal["answer", "reference"]

VALUES_SCHEMA: dict[str, pl.DataType] = {
    "unit": pl.String(),
    "indicator": pl.String(),
    "year": pl.Int32(),
    "value": pl.String(),
    "role": pl.String(),
}
PUBLISHED_SCHEMA: dict[str, pl.DataType] = {
    "label": pl.String(),
    "indicator": pl.String(),
    "year": pl.Int32(),
    "value": pl.String(),
}


@dataclass(frozen=True)
class ValueRecord:
    unit: str
    indicator: str
    year: int
    value: str
    role: Role = "answer"


@dataclass(frozen=True)
class PublishedRecord:
    label: str
    indicator: str
    year: int
    value: str


@dataclass(frozen=True)
class Dataset:
    catalog: Catalog
    values: pl.DataFrame
    published: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=PUBLISHED_SCHEMA))
    files: tuple[str, ...] = ()
    history: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=VALUES_SCHEMA))
    synthetic: bool = False
    notes: tuple[str, ...] = ()
    """What the import left out on purpose, for the user to know (never an error)."""
    checked: Mapping[tuple[str, str, bool], Checked] = field(default_factory=dict)
    """Cells the import has already checked, by (indicator, value, as reference): the
    comparisons start from them instead of checking the national file's values again."""
    preliminary: bool = False
    """The values are the members' own survey answers, not published figures
    (:mod:`jamfor.core.preliminary`)."""

    @classmethod
    def from_records(
        cls,
        catalog: Catalog,
        values: Iterable[ValueRecord],
        published: Iterable[PublishedRecord] = (),
        files: Iterable[str] = (),
        history: Iterable[ValueRecord] = (),
        synthetic: bool = False,
        notes: Iterable[str] = (),
        preliminary: bool = False,
    ) -> Dataset:
        v = [(r.unit, r.indicator, r.year, r.value, r.role) for r in values]
        p = [(r.label, r.indicator, r.year, r.value) for r in published]
        h = [(r.unit, r.indicator, r.year, r.value, r.role) for r in history]
        return cls(
            catalog=catalog,
            values=pl.DataFrame(v, schema=VALUES_SCHEMA, orient="row"),
            published=pl.DataFrame(p, schema=PUBLISHED_SCHEMA, orient="row"),
            files=tuple(files),
            history=pl.DataFrame(h, schema=VALUES_SCHEMA, orient="row"),
            synthetic=synthetic,
            notes=tuple(notes),
            preliminary=preliminary,
        )

    @property
    def year(self) -> int:
        return self.catalog.year

    @cached_property
    def index(self) -> DatasetIndex:
        """The cells indexed for comparisons, built on first use and kept with the dataset."""
        from jamfor.core.index import DatasetIndex

        return DatasetIndex(self.catalog, self.values, self.history, self.checked)

    def units(self) -> set[str]:
        return set(self.values.get_column("unit").unique().to_list())
