"""Synthetic national data for demos and benchmarks — never to be mistaken for real.

Every municipality (and Stockholm's and Göteborg's districts, which answer the
survey separately) gets a plausible answer or figure for every indicator of
the area's catalogs, for every year asked. Values are reproducible from the
seed. Every row says where it comes from in the ``kalla`` column; the importer
notices it and every report and JSON document made from such data says that it
is synthetic.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from jamfor.catalog.loader import available, load_catalog
from jamfor.catalog.model import Catalog, Indicator
from jamfor.registry.model import Registry, Unit

SYNTHETIC_MARK = "syntetisk"
COLUMNS = ("kommunkod", "enhet", "indikator", "ar", "varde", "kalla")


@dataclass(frozen=True)
class SyntheticRow:
    code: str
    unit: str
    indicator: str
    year: int
    value: str
    source: str

    def as_tuple(self) -> tuple[str, str, str, str, str, str]:
        return (self.code, self.unit, self.indicator, str(self.year), self.value, self.source)


def catalog_for(year: int, area: str = "ekb") -> Catalog:
    """The catalog in force a given year: the latest one at or before it."""
    years = [y for a, y in available() if a == area and y <= year]
    if not years:
        years = [min(y for a, y in available() if a == area)]
    return load_catalog(max(years), area)


def _register_indicators(area: str) -> list[Indicator]:
    """Register measures continue between survey catalogs: take each id's latest definition."""
    found: dict[str, Indicator] = {}
    for a, y in available():
        if a == area:
            for ind in load_catalog(y, a).indicators:
                if ind.source.type == "register":
                    found[ind.id] = ind
    return list(found.values())


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
    register = _register_indicators(area)
    bases = {ind.id: _base(ind, rng) for ind in register}
    for year in years:
        catalog = catalog_for(year, area)
        survey = [i for i in catalog.indicators if i.source.type == "survey"]
        shares = {ind.id: rng.uniform(0.25, 0.9) for ind in survey}
        for ind in survey:
            if ind.kind in ("number", "percent"):
                bases.setdefault(ind.id, _base(ind, rng))
        for unit in [*units, *[d for d in districts if d.exists_in(year)]]:
            profile = profiles[unit.code]
            for ind in survey:
                if ind.kind in ("number", "percent"):
                    value = _number(ind, profile, year, rng, bases[ind.id])
                else:
                    value = _answer(ind, catalog, profile, rng, shares[ind.id])
                yield SyntheticRow(unit.code, unit.name, ind.id, year, value, source)
            if unit.kind != "kommun":
                continue
            for ind in register:
                value = _number(ind, profile, year, rng, bases[ind.id])
                yield SyntheticRow(unit.code, unit.name, ind.id, year, value, source)


def _base(ind: Indicator, rng: random.Random) -> float:
    if ind.unit == "%":
        return rng.uniform(3, 40)
    if ind.unit == "kr":
        return rng.uniform(600, 1400)
    return rng.uniform(2, 35)
