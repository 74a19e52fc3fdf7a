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


def test_numbers_too_large_or_too_precise_are_none() -> None:
    from jamfor.core.numbers import LARGEST, parse_number

    assert parse_number("9" * 29) is None
    assert parse_number(str(10**308)) is None  # a 1e308 cell as calamine writes it out
    assert parse_number(str(LARGEST)) is None
    assert parse_number("999 999 999 999 999") is not None
    assert parse_number("0,12345678901") is None
    assert parse_number("NaN") is None and parse_number("inf") is None
    assert parse_number("1e+20") is None


def test_digits_of_any_script_are_read_as_digits() -> None:
    from decimal import Decimal

    from jamfor.core.numbers import ascii_digits, parse_number

    assert parse_number("３７,５ %") == Decimal("37.5")
    assert parse_number("٣٧٫٥") is None  # an Arabic decimal separator is not one we read
    assert parse_number("٣٧") == Decimal(37)
    assert ascii_digits("１ ０９５") == "1 095"
