"""Kolada's API, version 3 (``https://api.kolada.se/v3/``; v2 is shut down).

What this adapter does for the user:

- follows the response envelope ``{"values": [...], "count": n, "next_url": ...}``
  page by page;
- never puts more than 25 ids in one path segment (Kolada's limit), splitting a
  larger request into batches;
- retries with exponential backoff on HTTP 429 and 5xx and on dropped
  connections, honouring ``Retry-After`` (the shared client in ``http_api.py``);
- drops rows marked ``isdeleted`` and keeps the gender split (``T``, ``K``,
  ``M``);
- keeps every answer in a disk cache, so a second run — and ``--offline`` —
  needs no network.

Exceptions::

    JamforError
    └── ApiError             (sources/http_api.py)
        ├── KoladaError      Kolada answered with an error or could not be reached
        └── OfflineMissing   --offline and the cache lacks an answer
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar
from urllib.parse import urljoin

from pydantic import BaseModel, ValidationError

from jamfor.catalog.model import Catalog
from jamfor.core.problems import MAX_PROBLEMS, InputError, Problem, shown_value
from jamfor.core.values import ValueNotAllowed, check_value
from jamfor.registry.model import Registry
from jamfor.sources.http_api import ApiError, DiskCache, HttpApi, OfflineMissing, first_error

BATCH = 25


class KoladaError(ApiError):
    """Kolada answered with an error or could not be reached."""


@dataclass(frozen=True)
class KoladaValue:
    kpi: str
    municipality: str
    period: int
    gender: str
    value: float


def batches(ids: Sequence[str], size: int = BATCH) -> list[list[str]]:
    """Split ids into path segments Kolada accepts."""
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)] or [[]]


class KoladaClient(HttpApi):
    """A small, strict client for the parts of Kolada jamfor needs."""

    service: ClassVar[str] = "Kolada"
    error: ClassVar[type[ApiError]] = KoladaError

    def __init__(self, base_url: str = "https://api.kolada.se/v3/", **options: Any) -> None:
        """``options`` are :class:`HttpApi`'s: transport, cache, offline, attempts, sleep …"""
        super().__init__(**options)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"

    def __enter__(self) -> KoladaClient:
        return self

    def pages(self, path: str) -> Iterator[dict[str, Any]]:
        """Every row of a listing, following ``next_url`` page by page."""
        url: str | None = urljoin(self.base_url, path)
        seen: set[str] = set()
        while url:
            if url in seen:
                raise KoladaError(f"Kolada gav samma sida två gånger ({url}).")
            seen.add(url)
            try:
                page = _Page.model_validate(self.fetch(url))
            except ValidationError as exc:
                raise KoladaError(
                    f"Oväntat svar från Kolada på {url}: {first_error(exc)}."
                ) from exc
            yield from page.values
            url = page.next_url or None

    # -------------------------------------------------------------- endpoints

    def kpis(self, ids: Sequence[str] = ()) -> list[dict[str, Any]]:
        if not ids:
            return list(self.pages("kpi"))
        return [row for batch in batches(ids) for row in self.pages(f"kpi/{','.join(batch)}")]

    def municipalities(self) -> list[dict[str, Any]]:
        return list(self.pages("municipality"))

    def municipality_groups(self) -> list[dict[str, Any]]:
        return list(self.pages("municipality_groups"))

    def data_paths(
        self, kpis: Sequence[str], municipalities: Sequence[str], years: Sequence[int]
    ) -> list[str]:
        """The request paths for a data query, batched to at most 25 ids per segment."""
        return [
            f"data/kpi/{','.join(k)}/municipality/{','.join(m)}/year/{','.join(map(str, y))}"
            for k in batches(kpis)
            for m in batches(municipalities)
            for y in batches([str(v) for v in years])
            if k and m and y
        ]

    def data(
        self, kpis: Sequence[str], municipalities: Sequence[str], years: Sequence[int]
    ) -> Iterator[KoladaValue]:
        for path in self.data_paths(kpis, municipalities, years):
            yield from self.values_at(path)

    def values_at(self, path: str) -> Iterator[KoladaValue]:
        """The values of one data request (a path from :meth:`data_paths`), every page."""
        return parse_values(self.pages(path))


def parse_values(rows: Iterable[dict[str, Any]]) -> Iterator[KoladaValue]:
    """Kolada's data rows as values; deleted rows and empty values are dropped."""
    for raw in rows:
        try:
            row = _DataRow.model_validate(raw)
        except ValidationError as exc:
            raise KoladaError(f"Oväntad datarad från Kolada: {first_error(exc)}.") from exc
        for v in row.values:
            if v.isdeleted or v.value is None:
                continue
            yield KoladaValue(row.kpi, row.municipality, row.period, v.gender, v.value)


class _Page(BaseModel):
    """The v3 envelope: ``{"values": [...], "count": n, "next_url": ...}``."""

    values: list[dict[str, Any]]
    count: int | None = None
    next_url: str | None = None


class _DataValue(BaseModel):
    gender: str = "T"
    value: float | None = None
    isdeleted: bool = False


class _DataRow(BaseModel):
    kpi: str
    municipality: str
    period: int
    values: list[_DataValue] = []


__all__ = [
    "DiskCache",
    "KoladaClient",
    "KoladaError",
    "KoladaValue",
    "OfflineMissing",
    "batches",
    "parse_values",
]


# --------------------------------------------------------------- values → CSV

GENDERS = ("T", "K", "M")


@dataclass(frozen=True)
class KoladaRows:
    """What ``hamta kolada`` writes, and what it left out and why."""

    rows: list[tuple[str, ...]]
    skipped_codes: dict[str, int]
    """Municipality → how many of its survey values were no answer code."""
    skipped_references: int


def checked_rows(values: Iterable[KoladaValue], catalog: Catalog, registry: Registry) -> KoladaRows:
    """Kolada's values as rows of the CSV ``hamta kolada`` writes, each checked as an import is.

    What an API answers is input like any file: a value the indicator would
    refuse on import (NaN, infinity, 1e+20, a share over 100), an unknown
    municipality, KPI or gender (formula text included) stops the command
    with every problem listed, and nothing is written. ``catalog`` is the area's
    catalog from Kolada's metadata: a survey KPI's value must be one of the codes
    its title gives for the value's year (written as the code). Kolada's figure
    for Riket or a county on a survey KPI is no answer and its meaning is not
    documented: it is left out (jamfor computes Riket from the municipalities).
    A municipality's value between the codes that is no code (Kolada averages a
    city's districts) is left out and counted; one outside them is refused.
    """
    indicators = {i.source.kolada_kpi: i for i in catalog.indicators if i.source.kolada_kpi}
    problems: list[Problem] = []
    rows: list[tuple[str, ...]] = []
    skipped: Counter[str] = Counter()
    references = 0
    for v in values:
        if len(problems) >= MAX_PROBLEMS:
            break
        where = " ".join(
            shown_value(str(x), 30) for x in (v.kpi, v.municipality, v.period, v.gender)
        )
        unit = registry.units.get(v.municipality)
        indicator = indicators.get(v.kpi)
        if unit is None:
            what = f"en okänd kommun eller region «{shown_value(v.municipality)}»"
        elif indicator is None:
            what = f"ett okänt nyckeltal «{shown_value(v.kpi)}»"
        elif v.gender not in GENDERS:
            what = f"ett okänt kön «{shown_value(v.gender)}»"
        elif indicator.coding and unit.kind in ("riket", "lan"):
            references += 1
            continue
        else:
            text = format(Decimal(repr(v.value)), "f")  # 1e-05 as 0.00001; nan stays nan
            codes = {a.code for a in indicator.codes_for(v.period)}
            if codes and math.isfinite(v.value) and min(codes) <= v.value <= max(codes):
                if not (v.value.is_integer() and int(v.value) in codes):
                    skipped[unit.name] += 1  # a mean of codes (a city's districts)
                    continue
                text = str(int(v.value))
            try:
                check_value(
                    catalog,
                    indicator,
                    text,
                    reference=unit.kind in ("riket", "lan"),
                    year=v.period,
                )
            except ValueNotAllowed as exc:
                what = f"ett värde som inte godtas: {exc}"
            else:
                rows.append(
                    (v.municipality, unit.name, v.kpi, str(v.period), v.gender, text, v.kpi)
                )
                continue
        problems.append(
            Problem("kolada-value", f"Kolada svarade med {what}", "Kolada", None, where)
        )
    if problems:
        raise InputError(problems)
    return KoladaRows(sorted(rows), dict(sorted(skipped.items())), references)
