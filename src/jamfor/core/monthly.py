"""Monthly (and quarterly) statistics beside the yearly comparison: a group's figure per period.

A series is one measure — «Antal sjukfall», «Andel sjukskrivna
försörjningsstödsmottagare» — with a value per unit and period. The group's
figure for a period is

- the **total** of the members' values for counts (a unit such as «antal»,
  «personer», «helårsekvivalenter»): the group's number of cases;
- the **unweighted mean** of the members' values for everything else (shares,
  rates, kronor per invånare), as every other group figure in jamfor.

Either needs every member's value: a period where a member lacks one gets no
group figure (None) and names the members missing, never a partial total
that would read as a drop.

Periods are written as ``2014-10`` (month), ``2014-Q4`` (quarter) or ``2014``
(year) whatever the source wrote (PxWeb's ``2014M10`` and ``2014K4``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jamfor.core.numbers import round_half_up

Aggregate = Literal["total", "mean"]

# Units that count things: the group's figure is their sum.
COUNT_UNITS = frozenset(
    {
        "antal",
        "st",
        "stycken",
        "personer",
        "individer",
        "hushåll",
        "helårsekvivalenter",
        "ärenden",
        "beslut",
        "sjukfall",
        "kronor",
        "tkr",
    }
)

_MONTH = re.compile(r"^(\d{4})\s*(?:M|-|/)\s*(\d{1,2})$", re.I)
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*(?:K|Q)\s*([1-4])$", re.I)
_YEAR = re.compile(r"^(\d{4})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")


def parse_period(text: str) -> str | None:
    """A period in the normal form (``2014-10``, ``2014-Q4``, ``2014``), or None if it is none.

    Accepts PxWeb's ``2014M10`` and ``2014K4``, ``2014-10``, ``2014Q4`` and a
    date (a spreadsheet's month cell, ``2014-10-01``), which stands for its month.
    """
    s = text.strip()
    if m := _MONTH.match(s):
        month = int(m.group(2))
        return f"{m.group(1)}-{month:02d}" if 1 <= month <= 12 else None
    if m := _DATE.match(s):
        month = int(m.group(2))
        return f"{m.group(1)}-{month:02d}" if 1 <= month <= 12 else None
    if m := _QUARTER.match(s):
        return f"{m.group(1)}-Q{m.group(2)}"
    if m := _YEAR.match(s):
        return m.group(1)
    return None


def period_kind(period: str) -> Literal["månad", "kvartal", "år"]:
    """What a normal-form period is, for messages ("månad", "kvartal", "år")."""
    if "-Q" in period:
        return "kvartal"
    return "månad" if "-" in period else "år"


MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def period_label(period: str, short: bool = False) -> str:
    """A period as Swedish text writes it: «oktober 2014», «kvartal 4 2014», «2014».

    ``short`` is for a chart's axis: «okt 2014», «K4 2014».
    """
    year, _, rest = period.partition("-")
    if not rest:
        return year
    if rest.startswith("Q"):
        return f"{'K' if short else 'kvartal '}{rest[1:]} {year}"
    month = MONTHS_SV[int(rest) - 1]
    return f"{month[:3] if short else month} {year}"


_SHARE_WORDS = ("andel", "procent", "%", "promille", " per ", "medel", "genomsnitt", "kvot")


def aggregate_for(unit: str, name: str = "", values: Iterable[Decimal] = ()) -> Aggregate:
    """Total for counts, unweighted mean for everything else (shares, rates, per capita).

    The unit decides. Without one the measure's name does («Antal sjukfall»,
    «Helårsekvivalenter …» are counts; «Andel …», «… per invånare» are not),
    and failing that the figures: whole numbers are counted, others averaged.
    """
    if unit.strip():
        return "total" if unit.strip().casefold() in COUNT_UNITS else "mean"
    words = f" {name.casefold()} "
    if any(w in words for w in _SHARE_WORDS):
        return "mean"
    if any(f" {w}" in words for w in COUNT_UNITS):
        return "total"
    return "total" if all(v == v.to_integral_value() for v in values) else "mean"


@dataclass(frozen=True)
class SeriesValue:
    """One unit's value for one period; None where the source has none (``..``)."""

    unit: str
    period: str
    value: Decimal | None


@dataclass(frozen=True)
class Series:
    """One measure over periods for many units, with its unit of measure and source."""

    name: str
    unit: str
    source: str
    values: tuple[SeriesValue, ...]

    def periods(self) -> tuple[str, ...]:
        """Every period the series covers, in time order."""
        return tuple(sorted({v.period for v in self.values}))


@dataclass(frozen=True)
class GroupSeries:
    """Each member's value per period and the group's figure, with what is missing.

    ``members`` maps kommunkod → period → value (None: no value); ``group``
    maps period → the group's figure or None; ``missing`` maps each period
    without a group figure to the members lacking a value, in member order.
    """

    name: str
    unit: str
    source: str
    aggregate: Aggregate
    periods: tuple[str, ...]
    members: dict[str, dict[str, Decimal | None]]
    group: dict[str, Decimal | None]
    missing: dict[str, tuple[str, ...]]
    decimals: int


def places(value: Decimal) -> int:
    """How many decimals a value was given with (``12.50`` has two)."""
    return max(0, -int(value.as_tuple().exponent))


def _decimals(values: Iterable[Decimal]) -> int:
    return max((places(v) for v in values), default=0)


def group_series(
    series: Series, members: Sequence[str], aggregate: Aggregate | None = None
) -> GroupSeries:
    """The group's figure per period of ``series`` for the member kommunkoder ``members``.

    ``aggregate`` overrides the choice made from the unit (:func:`aggregate_for`).
    A mean is rounded half-up to as many decimals as the values carry, at
    least one (as every Snitt); a total is exact.
    """
    how = aggregate or aggregate_for(
        series.unit, series.name, (v.value for v in series.values if v.value is not None)
    )
    periods = series.periods()
    table: dict[str, dict[str, Decimal | None]] = {code: dict.fromkeys(periods) for code in members}
    for v in series.values:
        if v.unit in table:
            table[v.unit][v.period] = v.value
    present = [v.value for v in series.values if v.value is not None]
    decimals = _decimals(present)
    group: dict[str, Decimal | None] = {}
    missing: dict[str, tuple[str, ...]] = {}
    for p in periods:
        values = [table[code][p] for code in members]
        lacking = tuple(code for code in members if table[code][p] is None)
        if lacking or not members:
            group[p] = None
            missing[p] = lacking
            continue
        known = [v for v in values if v is not None]
        if how == "total":
            group[p] = sum(known, Decimal(0))
        else:
            group[p] = round_half_up(sum(known, Decimal(0)) / len(known), max(decimals, 1))
    return GroupSeries(
        name=series.name,
        unit=series.unit,
        source=series.source,
        aggregate=how,
        periods=periods,
        members=table,
        group=group,
        missing=missing,
        decimals=decimals if how == "total" else max(decimals, 1),
    )
