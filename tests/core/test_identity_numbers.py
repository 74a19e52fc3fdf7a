from __future__ import annotations

import pytest

from jamfor.core.identity_numbers import contains_identity_number


@pytest.mark.parametrize(
    "text", ["811218-9876", "19811218-9876", "8112189876", "198112189876", "811278-9873"]
)
def test_recognised(text: str) -> None:
    assert contains_identity_number(text)


@pytest.mark.parametrize(
    "text", ["811218-9875", "37.5 %", "0125", "1095", "2015-04-24", "Ja", "20151301-1234"]
)
def test_not_identity_numbers(text: str) -> None:
    assert not contains_identity_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "811218–9876",  # en dash
        "811218−9876",  # minus sign
        "19811218 - 9876",
        "811218 9876",
        "81.12.18-9876",
        "1981-12-18-9876",
        "1.98112189876E+11",  # a 12-digit number as Excel's General format saves it
        "8,112189876E+9",
        "８１１２１８－９８７６",  # full-width
        "Ring om 811218-9876.",
    ],
)
def test_recognised_as_people_and_excel_write_them(text: str) -> None:
    assert contains_identity_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "1.98112E+11",  # Excel cut it: no longer a number anyone can read back
        "3.8112189876",  # decimals
        "8112189876.5",
        "0,8112189876",
        "1 095 123",
        "2015-03-01 00:00:00",
        "12345678901234",
        "100000000000000001097906362944",
        "81.12.18 9876 kr",
    ],
)
def test_numbers_that_are_not_identity_numbers(text: str) -> None:
    if text == "81.12.18 9876 kr":  # a real date and check digit: counted as one, on purpose
        assert contains_identity_number(text)
        return
    assert not contains_identity_number(text)


def test_few_false_alarms_among_ordinary_figures() -> None:
    """Figures as result files hold them: amounts, shares, counts, codes, dates."""
    import random

    rng = random.Random(14)
    figures = []
    for _ in range(20_000):
        figures += [
            f"{rng.randint(0, 10**9):,}".replace(",", " "),
            f"{rng.uniform(0, 100):.1f} %".replace(".", ","),
            str(rng.randint(0, 10**9)),
            f"{rng.randint(2000, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        ]
    assert sum(contains_identity_number(f) for f in figures) == 0
    # ten random digits pass the date and the check digit about once in 130
    tens = [f"{rng.randint(0, 10**10 - 1):010d}" for _ in range(20_000)]
    assert sum(contains_identity_number(t) for t in tens) / len(tens) < 0.02
