"""JSON-stat 2.0 datasets (PxWeb's ``json-stat2``) as pydantic models, and their cells.

Only what jamfor reads is modelled and checked — ``id``, ``size``, each
dimension's categories (``index`` as a list or an object, ``label``, the
metric's ``unit``), ``role`` and ``value`` (an array, or an object for sparse
data) — and checked to agree with each other (sizes, the number of values).
Everything else a host adds (``extension``, ``note``, ``status``, ``link``) is
let through unread: PxWeb hosts differ in those, and none of it changes a
number. Why not a library: ``pyjstat`` builds pandas frames (jamfor uses
polars), ``jsonstat.py`` has not been released since 2017, and
``jsonstat-validator`` forbids any property outside the standard and
requires ``decimals`` in every unit, so it refuses answers over metadata
jamfor never reads — and none of them yields cells.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Unit(_Open):
    label: str | None = None
    base: str | None = None
    symbol: str | None = None
    decimals: int | None = None


class Category(_Open):
    index: list[str] | dict[str, int] | None = None
    label: dict[str, str] | None = None
    unit: dict[str, Unit] | None = None

    def codes(self) -> list[str]:
        """The category codes in the dataset's order."""
        if isinstance(self.index, dict):
            return [c for c, _ in sorted(self.index.items(), key=lambda kv: kv[1])]
        if isinstance(self.index, list):
            return list(self.index)
        return list(self.label or {})  # a single category may be given by its label alone


class DimensionModel(_Open):
    label: str | None = None
    category: Category


class Role(_Open):
    time: list[str] | None = None
    geo: list[str] | None = None
    metric: list[str] | None = None


class Dataset(_Open):
    """A JSON-stat 2.0 dataset; its parts must agree before a cell is read."""

    version: str | None = None
    class_: Literal["dataset"] | None = None
    label: str | None = None
    source: str | None = None
    updated: str | None = None
    id: list[str]
    size: list[int]
    role: Role | None = None
    dimension: dict[str, DimensionModel]
    value: list[float | str | None] | dict[str, float | str | None]

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _class_keyword(cls, data: Any) -> Any:
        if isinstance(data, dict) and "class" in data:
            data = {**data, "class_": data["class"]}
            del data["class"]
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Dataset:
        if len(self.id) != len(self.size):
            raise ValueError(f"id har {len(self.id)} dimensioner men size {len(self.size)}")
        for dim_id, n in zip(self.id, self.size, strict=True):
            dim = self.dimension.get(dim_id)
            if dim is None:
                raise ValueError(f"dimensionen {dim_id} saknas")
            if len(dim.category.codes()) != n:
                raise ValueError(
                    f"dimensionen {dim_id} har {len(dim.category.codes())} kategorier, size {n}"
                )
        cells = 1
        for n in self.size:
            cells *= n
        if isinstance(self.value, list) and len(self.value) != cells:
            raise ValueError(f"value har {len(self.value)} värden men size ger {cells}")
        if isinstance(self.value, dict) and any(
            not k.isdigit() or int(k) >= cells for k in self.value
        ):
            raise ValueError("value har en nyckel utanför tabellen")
        return self


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str
    categories: tuple[tuple[str, str], ...]  # (code, label) in the answer's order
    units: dict[str, str]  # category code → unit of measure (the metric dimension)


@dataclass(frozen=True)
class Observation:
    """One cell: the category code of each dimension, and the value (None: ``..``)."""

    coordinates: dict[str, str]
    value: float | None


def dimensions(ds: Dataset) -> tuple[Dimension, ...]:
    out = []
    for dim_id in ds.id:
        dim = ds.dimension[dim_id]
        labels = dim.category.label or {}
        units = {c: (u.base or u.label or "") for c, u in (dim.category.unit or {}).items()}
        out.append(
            Dimension(
                code=dim_id,
                label=dim.label or dim_id,
                categories=tuple((c, labels.get(c, c)) for c in dim.category.codes()),
                units=units,
            )
        )
    return tuple(out)


def observations(ds: Dataset) -> Iterator[Observation]:
    """Every cell, decoded from JSON-stat's row-major order (the last dimension runs fastest)."""
    dims = dimensions(ds)
    raw = ds.value.items() if isinstance(ds.value, dict) else enumerate(ds.value)
    values = {int(k): _number(v) for k, v in raw}
    ranges = [range(len(d.categories)) for d in dims]
    for flat, combo in enumerate(itertools.product(*ranges)):
        coords = {d.code: d.categories[i][0] for d, i in zip(dims, combo, strict=True)}
        yield Observation(coords, values.get(flat))


def _number(value: float | str | None) -> float | None:
    """A cell's value; a status symbol written as the value (``..``, ``-``) is missing."""
    if value is None or isinstance(value, float | int):
        return value
    try:
        return float(value)
    except ValueError:
        return None


def role(
    ds: Dataset, which: Literal["time", "geo", "metric"], guesses: tuple[str, ...]
) -> str | None:
    """The dimension with a role, or else the one named as hosts usually name it."""
    given = getattr(ds.role, which, None) if ds.role is not None else None
    if given:
        return str(given[0])
    folded = {g.casefold() for g in guesses}
    return next((d for d in ds.id if d.casefold() in folded), None)
