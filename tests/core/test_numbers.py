from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jamfor.core.numbers import format_sv, parse_number, round_half_up, to_json_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("37.5 %", Decimal("37.5")),
        ("37,5 %", Decimal("37.5")),
        ("1 095", Decimal("1095")),
        ("1\u00a0095", Decimal("1095")),
        ("0.4 %", Decimal("0.4")),
        ("100 %", Decimal("100")),
        ("-2,5", Decimal("-2.5")),
        (" 12 ", Decimal("12")),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["Ja", "Vet ej", "", "%", "1.2.3", "12 dagar", "1e5", "NaN"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        ("8.35", 1, "8.4"),
        ("4.25", 1, "4.3"),
        ("16.657", 1, "16.7"),
        ("878.5", 0, "879"),
        ("-8.35", 1, "-8.4"),
        ("2.971", 1, "3.0"),
    ],
)
def test_round_half_up(value: str, decimals: int, expected: str) -> None:
    assert round_half_up(Decimal(value), decimals) == Decimal(expected)
    # The trap this guards against: float round() gives 8.3 and 4.2.
    assert round(float("8.35"), 1) == 8.3


def test_format_sv() -> None:
    assert format_sv(Decimal("37.5"), 1, "%") == "37,5\u00a0%"
    assert format_sv(Decimal("1095"), 0) == "1\u00a0095"
    assert format_sv(Decimal("100"), 1, "%") == "100,0\u00a0%"
    assert format_sv(Decimal("-16.8"), 1) == "−16,8"
    assert format_sv(Decimal("1234567.25"), 1) == "1\u00a0234\u00a0567,3"


def test_json_numbers() -> None:
    assert to_json_number(Decimal("879")) == 879
    assert isinstance(to_json_number(Decimal("879")), int)
    assert to_json_number(Decimal("37.5")) == 37.5
    assert isinstance(to_json_number(Decimal("100.0")), float)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_format_then_parse_round_trips(value: Decimal) -> None:
    assert parse_number(format_sv(value, 2).replace("−", "-")) == value


@given(st.text())
def test_parse_never_raises(text: str) -> None:
    result = parse_number(text)
    assert result is None or isinstance(result, Decimal)
