"""Quartile colours as Kolada and Öppna jämförelser show them.

Among all municipalities with a value, the best 25 % are green, the worst 25 %
red and the middle 50 % yellow; a municipality without a value is grey.
"Best" follows the indicator's direction in the catalog (Kolada's API has no
direction; we keep our own). Neutral background measures get no colours.

The boundaries are the 25th and 75th percentiles with linear interpolation
(numpy's and pandas' default; polars' ``quantile`` defaults to "nearest", so it
is not used here). A value exactly on a boundary belongs to the outer group, so
ties at a boundary always share one colour; when both boundaries are equal the
better colour wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jamfor.catalog.model import Direction

Colour = Literal["green", "yellow", "red", "grey"]


@dataclass(frozen=True)
class QuartileBounds:
    low: Decimal
    high: Decimal
    count: int


def percentile(values: Sequence[Decimal], p: Decimal) -> Decimal:
    """The p-th percentile (0–1) with linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    pos = (len(ordered) - 1) * p
    lower = int(pos)
    frac = pos - lower
    if lower + 1 >= len(ordered):
        return ordered[lower]
    return ordered[lower] + (ordered[lower + 1] - ordered[lower]) * frac


def quartile_bounds(values: Sequence[Decimal]) -> QuartileBounds | None:
    """The 25th and 75th percentiles of ``values``; None when there are none."""
    if not values:
        return None
    return QuartileBounds(
        low=percentile(values, Decimal("0.25")),
        high=percentile(values, Decimal("0.75")),
        count=len(values),
    )


def colour_for(
    value: Decimal | None, bounds: QuartileBounds | None, direction: Direction
) -> Colour | None:
    """The colour of one value; None when the indicator is not coloured."""
    if bounds is None or direction == "neutral":
        return None
    if value is None:
        return "grey"
    if direction == "lower_better":
        if value <= bounds.low:
            return "green"
        return "red" if value >= bounds.high else "yellow"
    if value >= bounds.high:
        return "green"
    return "red" if value <= bounds.low else "yellow"
