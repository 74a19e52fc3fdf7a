"""One indicator over the years: the group, its members and the references.

Each year is compared exactly as a report compares it — same counting rules,
same references (published where given, computed from national data
otherwise) — by running :func:`~jamfor.core.comparison.compare` on a catalog
narrowed to the one indicator. The indicator keeps one definition across the
years (the latest catalog's), so a series is never a splice of two measures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jamfor.catalog.loader import available, load_catalog
from jamfor.catalog.model import Catalog, Indicator, Table
from jamfor.core.comparison import IndicatorComparison, compare
from jamfor.core.dataset import Dataset, ValueRecord
from jamfor.core.problems import UnknownNameError
from jamfor.registry.model import Group, Unit


@dataclass(frozen=True)
class TrendPoint:
    year: int
    result: IndicatorComparison

    @property
    def snitt(self) -> Decimal | None:
        return self.result.snitt.value


@dataclass(frozen=True)
class Trend:
    indicator: Indicator
    catalog: Catalog
    members: tuple[Unit, ...]
    references: tuple[Unit, ...]
    points: tuple[TrendPoint, ...]


def _matches(ind: Indicator, key: str) -> bool:
    names = (ind.id, ind.label, *((ind.source.kolada_kpi,) if ind.source.kolada_kpi else ()))
    return key in (n.casefold() for n in names)


def find_indicator_definition(
    indicator: str, area: str = "ekb", generated: Catalog | None = None
) -> tuple[Catalog, Indicator]:
    """The latest hand-written catalog of the area that defines an indicator (by id,
    printed label or Kolada KPI), else the ``generated`` catalog (e.g. Kolada's)."""
    key = indicator.strip().casefold()
    for a, y in sorted(available(), key=lambda ay: ay[1], reverse=True):
        if a != area:
            continue
        cat = load_catalog(y, a)
        for ind in cat.indicators:
            if _matches(ind, key):
                return cat, ind
    if generated is not None:
        for ind in generated.indicators:
            if _matches(ind, key):
                return generated, ind
    known = sorted(
        {i.id for a, y in available() if a == area for i in load_catalog(y, a).indicators}
        | ({i.id for i in generated.indicators} if generated else set())
    )
    raise UnknownNameError(
        f"Okänd indikator «{indicator}» för {area}. Ange ett id ur katalogen, "
        f"t.ex. {', '.join(known[:5])} …"
    )


def narrowed(catalog: Catalog, indicator: Indicator, year: int) -> Catalog:
    """The catalog reduced to one indicator and set to ``year``."""
    table = Table(
        id="trend", title=indicator.label, theme=indicator.label, part="", indicators=(indicator,)
    )
    return catalog.model_copy(update={"year": year, "tables": (table,), "meeting": None})


def trend(
    catalog: Catalog,
    indicator: Indicator,
    records: Sequence[ValueRecord],
    group: Group,
    units: Mapping[str, Unit],
    years: Sequence[int],
) -> Trend:
    """Compare the group year by year; years without any value are left out."""
    by_year: dict[int, list[ValueRecord]] = {}
    for rec in records:
        if rec.indicator == indicator.id and rec.year in years:
            by_year.setdefault(rec.year, []).append(rec)
    points = []
    refs: dict[str, Unit] = {}
    members: tuple[Unit, ...] = ()
    for year in sorted(by_year):
        cat = narrowed(catalog, indicator, year)
        cmp = compare(Dataset.from_records(cat, by_year[year]), group, units)
        members = cmp.members
        for ref in cmp.references:
            refs.setdefault(ref.code, ref)
        points.append(TrendPoint(year, next(cmp.indicators())))
    return Trend(indicator, catalog, members, tuple(refs.values()), tuple(points))
