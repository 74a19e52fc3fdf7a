"""A group's figure per period: the total for counts, the mean for shares, never a partial total."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jamfor.core.monthly import (
    Series,
    SeriesValue,
    aggregate_for,
    group_series,
    parse_period,
    period_label,
)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2014M10", "2014-10"),
        ("2014m3", "2014-03"),
        ("2014-10", "2014-10"),
        ("2014-10-01", "2014-10"),
        ("2014-10-01 00:00:00", "2014-10"),
        ("2014K4", "2014-Q4"),
        ("2014Q1", "2014-Q1"),
        ("2014-Q2", "2014-Q2"),
        ("2014", "2014"),
        ("2014M13", None),
        ("oktober", None),
        ("2014K5", None),
    ],
)
def test_periods(text: str, period: str | None) -> None:
    assert parse_period(text) == period


def test_period_labels() -> None:
    assert period_label("2014-10") == "oktober 2014"
    assert period_label("2014-Q4") == "kvartal 4 2014"
    assert period_label("2015") == "2015"


def _series(unit: str, rows: list[tuple[str, str, str | None]]) -> Series:
    return Series(
        "Antal sjukfall",
        unit,
        "Försäkringskassan",
        tuple(SeriesValue(u, p, None if v is None else Decimal(v)) for u, p, v in rows),
    )


def test_counts_are_totalled_and_a_gap_gives_no_total() -> None:
    s = _series(
        "antal",
        [
            ("0125", "2014-10", "12"),
            ("0123", "2014-10", "30"),
            ("0125", "2014-11", None),  # Ekerö has no value in November
            ("0123", "2014-11", "31"),
            ("0123", "2014-12", "29"),  # and no row at all in December
        ],
    )
    gs = group_series(s, ["0125", "0123"])
    assert gs.aggregate == "total"
    assert gs.periods == ("2014-10", "2014-11", "2014-12")
    assert gs.group == {"2014-10": Decimal(42), "2014-11": None, "2014-12": None}
    assert gs.missing == {"2014-11": ("0125",), "2014-12": ("0125",)}
    assert gs.members["0125"] == {"2014-10": Decimal(12), "2014-11": None, "2014-12": None}


def test_shares_are_the_unweighted_mean_rounded_half_up() -> None:
    s = _series(
        "procent",
        [("0125", "2014-10", "8.3"), ("0123", "2014-10", "8.4"), ("0191", "2014-10", "8.35")],
    )
    gs = group_series(s, ["0125", "0123", "0191"])
    assert gs.aggregate == "mean"
    assert gs.group["2014-10"] == Decimal("8.35")  # 25.05 / 3 = 8.35 at two decimals
    assert group_series(s, ["0125", "0123"]).group["2014-10"] == Decimal("8.35")  # 8.35 exactly
    whole = _series("procent", [("0125", "2014-10", "10"), ("0123", "2014-10", "15")])
    assert group_series(whole, ["0125", "0123"]).group["2014-10"] == Decimal("12.5")


def test_aggregate_follows_the_unit_and_can_be_chosen() -> None:
    assert aggregate_for("antal") == "total"
    assert aggregate_for("Helårsekvivalenter") == "total"
    assert aggregate_for("procent") == "mean"
    assert aggregate_for("kronor per invånare") == "mean"
    # without a unit, the measure's name, and failing that the figures, decide
    assert aggregate_for("", "Helårsekvivalenter försörjda med ekonomiskt bistånd") == "total"
    assert aggregate_for("", "Antal sjukfall") == "total"
    assert aggregate_for("", "Andel sjukskrivna försörjningsstödsmottagare") == "mean"
    assert aggregate_for("", "Kostnad per invånare") == "mean"
    assert aggregate_for("", "Serie", [Decimal(12), Decimal(30)]) == "total"
    assert aggregate_for("", "Serie", [Decimal("4.5"), Decimal(3)]) == "mean"
    s = _series("antal", [("0125", "2014-10", "10"), ("0123", "2014-10", "20")])
    assert group_series(s, ["0125", "0123"], "mean").group["2014-10"] == Decimal("15.0")


@given(
    st.lists(
        st.one_of(st.none(), st.integers(min_value=0, max_value=10_000)),
        min_size=1,
        max_size=8,
    )
)
def test_total_only_when_every_member_has_a_value(values: list[int | None]) -> None:
    members = [f"{i:04d}" for i in range(len(values))]
    s = _series(
        "antal",
        [
            (m, "2015-01", None if v is None else str(v))
            for m, v in zip(members, values, strict=True)
        ],
    )
    gs = group_series(s, members)
    if any(v is None for v in values):
        assert gs.group["2015-01"] is None
        assert gs.missing["2015-01"] == tuple(
            m for m, v in zip(members, values, strict=True) if v is None
        )
    else:
        assert gs.group["2015-01"] == sum(Decimal(v) for v in values if v is not None)
        assert "2015-01" not in gs.missing
