"""Quartile colours on a hand-made 12-municipality example."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jamfor.core.quartiles import colour_for, percentile, quartile_bounds

# twelve municipalities; two share the lower boundary value, two the upper
VALUES = [
    Decimal(v) for v in ["10", "12", "14", "14", "15", "16", "18", "20", "22", "22", "25", "30"]
]


def test_boundaries_are_linear_percentiles() -> None:
    # positions (n-1)*p: 2.75 and 8.25 → 14 + 0.75*0 = 14; 22 + 0.25*0 = 22
    b = quartile_bounds(VALUES)
    assert b is not None
    assert (b.low, b.high, b.count) == (Decimal("14"), Decimal("22"), 12)
    assert percentile([Decimal(1), Decimal(2), Decimal(3), Decimal(4)], Decimal("0.25")) == Decimal(
        "1.75"
    )
    assert quartile_bounds([]) is None


def test_lower_is_better() -> None:
    b = quartile_bounds(VALUES)
    got = [colour_for(v, b, "lower_better") for v in VALUES]
    assert got == ["green"] * 4 + ["yellow"] * 4 + ["red"] * 4
    # ties at a boundary share one colour: both 14s green, both 22s red


def test_higher_is_better_flips() -> None:
    b = quartile_bounds(VALUES)
    got = [colour_for(v, b, "higher_better") for v in VALUES]
    assert got == ["red"] * 4 + ["yellow"] * 4 + ["green"] * 4


def test_missing_is_grey_and_neutral_uncoloured() -> None:
    b = quartile_bounds(VALUES)
    assert colour_for(None, b, "lower_better") == "grey"
    assert colour_for(Decimal(10), b, "neutral") is None
    assert colour_for(Decimal(10), None, "lower_better") is None


@pytest.mark.parametrize("direction", ["lower_better", "higher_better"])
def test_all_equal_values_get_the_better_colour(direction: str) -> None:
    same = [Decimal(5)] * 12
    b = quartile_bounds(same)
    assert {colour_for(v, b, direction) for v in same} == {"green"}  # type: ignore[arg-type]
