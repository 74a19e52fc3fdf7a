"""Synthetic national data for demos and benchmarks — never to be mistaken for real.

Every municipality (and Stockholm's and Göteborg's districts, which answer the
survey separately) gets a plausible answer or figure for every indicator of
the catalog each year is read with — hand-written or generated from Kolada —
for every year asked, so that every catalog accepts the file. Values are reproducible from the
seed. Every row says where it comes from in the ``kalla`` column; the importer
notices it and every report and JSON document made from such data says that it
is synthetic.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from jamfor.catalog.loader import has_catalog, load_catalog
from jamfor.catalog.model import Catalog, Indicator
from jamfor.registry.model import Registry, Unit

SYNTHETIC_MARK = "syntetisk"
COLUMNS = ("kommunkod", "enhet", "indikator", "ar", "varde", "kalla", "kolada_kpi")


@dataclass(frozen=True)
class SyntheticRow:
    code: str
    unit: str
    indicator: str
    year: int
    value: str
    source: str
    kpi: str = ""

    def as_tuple(self) -> tuple[str, str, str, str, str, str, str]:
        return (
            self.code,
            self.unit,
            self.indicator,
            str(self.year),
            self.value,
            self.source,
            self.kpi,
        )


def catalog_for(year: int, area: str = "ekb") -> Catalog:
    """The catalog a year's real data would be read with: the hand-written one where
    there is one, else the one generated from Kolada's KPI metadata (bundled list)."""
    if has_catalog(year, area):
        return load_catalog(year, area)
    from jamfor.sources.kolada_catalog import kolada_catalog  # Kolada's stack only when used

    return kolada_catalog(area, year)


class _Profile:
    """A municipality's lasting character: need of assistance and how organised it is."""

    def __init__(self, rng: random.Random) -> None:
        self.need = rng.gauss(0, 1)
        self.organised = rng.random()


def _number(ind: Indicator, profile: _Profile, year: int, rng: random.Random, base: float) -> str:
    drift = 1 + 0.01 * (year - 2015)
    value = base * drift * (1 + 0.35 * profile.need) + rng.gauss(0, base * 0.12)
    low = float(ind.minimum) if ind.minimum is not None else 0.0
    high = float(ind.maximum) if ind.maximum is not None else float("inf")
    value = min(max(value, low, base * 0.05), high)
    text = f"{value:.{ind.decimals}f}"
    return f"{text} %" if ind.unit == "%" else text


def _answer(
    ind: Indicator, catalog: Catalog, profile: _Profile, rng: random.Random, p: float
) -> str:
    if ind.kind == "banded":
        labels = [b.label for b in ind.bands if not b.label.startswith("Inom 7")]
        weights = [3, 4, 5, 2][: len(labels)]
        return rng.choices(labels, weights=weights)[0]
    yes = [v for v in ind.values if v in catalog.yes_for(ind)]
    no = [v for v in ind.values if v not in catalog.yes_for(ind)]
    if rng.random() < 0.02:
        return "Vet ej"
    if rng.random() < p * (0.6 + 0.8 * profile.organised) and yes:
        return yes[0] if rng.random() < 0.85 else rng.choice(yes)
    return no[0] if rng.random() < 0.85 or len(no) == 1 else rng.choice(no)


def synthetic_national(
    registry: Registry,
    years: Sequence[int],
    seed: int = 1,
    area: str = "ekb",
    exclude: Sequence[str] = (),
) -> Iterator[SyntheticRow]:
    """Rows for every unit, indicator and year; ``exclude`` leaves out given kommunkoder."""
    rng = random.Random(seed)
    source = f"{SYNTHETIC_MARK} (jamfor demo-data, seed {seed})"
    units: list[Unit] = [u for u in registry.municipalities() if u.code not in exclude]
    districts = [
        u for u in registry.units.values() if u.kind == "delomrade" and u.parent not in exclude
    ]
    profiles = {u.code: _Profile(rng) for u in [*units, *districts]}
    bases: dict[str, float] = {}
    for year in years:
        catalog = catalog_for(year, area)
        survey = [i for i in catalog.indicators if i.source.type == "survey"]
        register = [i for i in catalog.indicators if i.source.type == "register"]
        # Kolada has the area's register measures every year, also where the year's
        # catalog shows none (2018): rows with their KPI, which a catalog may leave out
        read = {_measure(i) for i in register}
        register += [i for i in _kolada_register(area, year) if _measure(i) not in read]
        shares = {ind.id: rng.uniform(0.25, 0.9) for ind in survey}
        for ind in [*survey, *register]:
            if ind.kind in ("number", "percent"):
                # one measure keeps one level across catalogs (by its Kolada KPI if it has one)
                bases.setdefault(_measure(ind), _base(ind, rng))
        for unit in [*units, *[d for d in districts if d.exists_in(year)]]:
            profile = profiles[unit.code]
            for ind in survey:
                if ind.kind in ("number", "percent"):
                    value = _number(ind, profile, year, rng, bases[_measure(ind)])
                else:
                    value = _answer(ind, catalog, profile, rng, shares[ind.id])
                yield SyntheticRow(
                    unit.code, unit.name, ind.id, year, value, source, ind.source.kolada_kpi or ""
                )
            if unit.kind != "kommun":
                continue
            for ind in register:
                value = _number(ind, profile, year, rng, bases[_measure(ind)])
                yield SyntheticRow(
                    unit.code, unit.name, ind.id, year, value, source, ind.source.kolada_kpi or ""
                )


def _kolada_register(area: str, year: int) -> list[Indicator]:
    from jamfor.sources.kolada_catalog import kolada_catalog

    return [i for i in kolada_catalog(area, year).indicators if i.source.type == "register"]


def _measure(ind: Indicator) -> str:
    return ind.source.kolada_kpi or ind.id


def _base(ind: Indicator, rng: random.Random) -> float:
    if ind.unit == "%":
        return rng.uniform(3, 40)
    if ind.unit == "kr":
        return rng.uniform(600, 1400)
    return rng.uniform(2, 35)
