"""The counting rules, one by one, on small hand-made cases."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from jamfor.catalog.model import Catalog
from jamfor.core.counting import group_figure, mean, share_yes
from jamfor.core.values import ValueNotAllowed, check_value, counts_as_yes, reference_figure


def _cells(catalog: Catalog, ind_id: str, raws: list[str | None]):  # type: ignore[no-untyped-def]
    ind = catalog.indicator(ind_id)
    return ind, [None if r is None else check_value(catalog, ind, r) for r in raws]


def test_integrerat_and_ny_rutin_count_as_yes_in_2015(catalog: Catalog) -> None:
    ind, cells = _cells(catalog, "rutin-vuxen", ["Ja", "Integrerat", "Ny rutin", "Nej"])
    fig = group_figure(catalog, ind, cells)
    assert (fig.yes, fig.counted, fig.value) == (3, 4, Decimal("75.0"))


def test_missing_answers_leave_the_denominator(catalog: Catalog) -> None:
    ind, cells = _cells(catalog, "juridiskt-stod", ["Ja", "Nej", "Vet ej", "Ingen uppgift", None])
    fig = group_figure(catalog, ind, cells)
    assert (fig.yes, fig.counted, fig.missing, fig.value) == (1, 2, 3, Decimal("50.0"))


def test_share_when_nobody_answered(catalog: Catalog) -> None:
    ind, cells = _cells(catalog, "juridiskt-stod", ["Vet ej", None])
    assert group_figure(catalog, ind, cells).value is None
    assert share_yes(0, 0) is None


def test_waiting_time_counts_within_14_days(catalog: Catalog) -> None:
    ind, cells = _cells(
        catalog,
        "vantetid-nybesok",
        [
            "Inom 3 dagar",
            "Inom 7 dagar",
            "Inom 8-14 dagar",
            "15 dagar eller mer",
            "Efter 15 dagar eller mer",
            "14 dagar",
            "21",
        ],
    )
    assert [counts_as_yes(catalog, ind, c) for c in cells if c] == [
        True,
        True,
        True,
        False,
        False,
        True,
        False,
    ]
    fig = group_figure(catalog, ind, cells)
    assert (fig.yes, fig.counted) == (4, 7)
    assert fig.value == Decimal("57.1")


def test_mean_is_unweighted_and_skips_vet_ej(catalog: Catalog) -> None:
    ind, cells = _cells(
        catalog,
        "andrade-overklagade-beslut",
        ["10.0 %", "6.5 %", "Vet ej", "13.0 %", "5.0 %", "3.6 %", "12.0 %", "Vet ej"],
    )
    fig = group_figure(catalog, ind, cells)
    assert fig.counted == 6
    assert fig.exact == Decimal("8.35")
    assert fig.value == Decimal("8.4")  # half-up, as printed


def test_cost_rounds_to_whole_kronor(catalog: Catalog) -> None:
    ind, cells = _cells(catalog, "kostnad-per-invanare", ["480", "1065", "1 095"])
    assert group_figure(catalog, ind, cells).value == Decimal("880")


def test_mean_of_nothing() -> None:
    assert mean([]) is None


def test_reference_share_must_be_a_percentage(catalog: Catalog) -> None:
    ind = catalog.indicator("rutin-vuxen")
    checked = check_value(catalog, ind, "67.1 %", reference=True)
    assert reference_figure(catalog, ind, checked) == Decimal("67.1")
    with pytest.raises(ValueNotAllowed, match="intervallet"):
        check_value(catalog, ind, "167 %", reference=True)
    # A municipality standing as a reference with its own answer is 100 or 0.
    own = check_value(catalog, ind, "Integrerat")
    assert reference_figure(catalog, ind, own) == Decimal(100)


@pytest.mark.parametrize(
    ("ind_id", "raw", "match"),
    [
        ("rutin-vuxen", "Kanske", "Tillåtna svar: Ja, Nej, Integrerat, Ny rutin"),
        ("socionomexamen", "110 %", "mellan 0 och 100"),
        ("socionomexamen", "många", "inte ett tal"),
        ("kostnad-per-invanare", "-5", "minst 0"),
        ("vantetid-nybesok", "snart", "eller ett antal dagar"),
    ],
)
def test_values_not_allowed(catalog: Catalog, ind_id: str, raw: str, match: str) -> None:
    with pytest.raises(ValueNotAllowed, match=match):
        check_value(catalog, catalog.indicator(ind_id), raw)


def test_answers_are_spelled_canonically(catalog: Catalog) -> None:
    ind = catalog.indicator("rutin-vuxen")
    assert check_value(catalog, ind, "  ny  RUTIN ").text == "Ny rutin"
    assert check_value(catalog, ind, "vet ej").missing


@pytest.mark.parametrize(
    ("indicator", "raw", "message"),
    [
        ("kostnad-per-invanare", "1" + "0" * 28, "inte ett tal jamfor kan räkna med"),
        ("kostnad-per-invanare", "2 000 000", "ligger utanför det tillåtna intervallet"),
        (
            "kostnad-per-invanare",
            "1095 %",
            "«1095 %» är angivet i procent, men «Kostnad per invånare» anges i kr.",
        ),
        ("langvarigt-bistand", "100,1", "mellan 0 och 100"),
    ],
)
def test_figures_beyond_what_the_indicator_allows(
    catalog: Catalog, indicator: str, raw: str, message: str
) -> None:
    with pytest.raises(ValueNotAllowed, match=re.escape(message)):
        check_value(catalog, catalog.indicator(indicator), raw)


def test_every_indicator_has_an_upper_bound(catalog: Catalog) -> None:
    from decimal import Decimal

    bounds = {i.id: i.upper_bound for i in catalog.indicators}
    assert bounds["kostnad-per-invanare"] == Decimal(1_000_000)  # kr per invånare
    assert bounds["langvarigt-bistand"] == Decimal(100)
    assert bounds["stod-i-arbetet"] == Decimal(1_000_000)  # timmar per vecka
    assert all(b <= Decimal(10**12) for b in bounds.values())


def test_full_width_digits_are_stored_as_plain_digits(catalog: Catalog) -> None:
    checked = check_value(catalog, catalog.indicator("kostnad-per-invanare"), "１ ０９５")
    assert checked.text == "1 095"
