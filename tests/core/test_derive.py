"""Indicator values derived from raw survey answers."""

from __future__ import annotations

import pytest

from jamfor.catalog.model import Catalog
from jamfor.core.derive import derive
from jamfor.core.survey import UNKNOWN


def _d(catalog: Catalog, ind: str, answers: dict[tuple[str, str | None], str]) -> str | None:
    return derive(catalog, catalog.indicator(ind), answers)


@pytest.mark.parametrize(
    ("main", "follow", "expected"),
    [
        ("ja", "ja", "Ja"),
        ("ja", "nej", "Nej"),
        ("ja", "ny", "Ny rutin"),
        ("ja", None, None),
        ("nej", None, "Nej"),
        ("integrerat", None, "Integrerat"),
    ],
)
def test_current_routine(
    catalog: Catalog, main: str, follow: str | None, expected: str | None
) -> None:
    answers: dict[tuple[str, str | None], str] = {("1", "bou"): main}
    if follow:
        answers[("1a", None)] = follow
    assert _d(catalog, "rutin-barn-unga", answers) == expected


def test_labour_market_service_missing_is_not_no(catalog: Catalog) -> None:
    value = _d(catalog, "rutin-arbetsmarknad", {("1", "arbetsmarknad"): "saknas"})
    assert value == "Verksamheten saknas"
    assert value in catalog.missing_answers


def test_new_agreement_counts_as_yes(catalog: Catalog) -> None:
    value = _d(catalog, "overenskommelse-fk", {("2", "fk"): "ja", ("2b", None): "ny"})
    assert value == "Ny överenskommelse"
    assert value in catalog.yes_for(catalog.indicator("overenskommelse-fk"))


def test_all_yes(catalog: Catalog) -> None:
    ind = "utredningsmall-barnperspektiv"
    assert _d(catalog, ind, {("3", None): "ja", ("3a", "barn"): "ja"}) == "Ja"
    assert _d(catalog, ind, {("3", None): "ja", ("3a", "barn"): "nej"}) == "Nej"
    assert _d(catalog, ind, {("3", None): "nej"}) == "Nej"
    assert _d(catalog, ind, {("3", None): "ja"}) is None


def test_shares_of_staff(catalog: Catalog) -> None:
    answers = {("4", None): "11", ("4a", None): "10", ("4b", None): "9"}
    assert _d(catalog, "socionomexamen", answers) == "90.9 %"
    assert _d(catalog, "erfarenhet-over-2-ar", answers) == "81.8 %"
    assert _d(catalog, "socionomexamen", {("4", None): "0"}) is None


def test_support_hours_per_handlaggare(catalog: Catalog) -> None:
    answers = {("8", "al1"): "10", ("8", "al2"): "7.5", ("9", None): "5"}
    assert _d(catalog, "stod-i-arbetet", answers) == "3.5"


def test_changed_appealed_decisions(catalog: Catalog) -> None:
    assert (
        _d(catalog, "andrade-overklagade-beslut", {("29", None): "20", ("29a", None): "2"})
        == "10.0 %"
    )
    assert _d(catalog, "andrade-overklagade-beslut", {("29", None): UNKNOWN}) == "Vet ej"


def test_register_indicators_are_never_derived(catalog: Catalog) -> None:
    assert _d(catalog, "kostnad-per-invanare", {("9", None): "5"}) is None
