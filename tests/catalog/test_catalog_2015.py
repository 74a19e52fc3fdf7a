"""The 2015 catalog against the published report it transcribes."""

from __future__ import annotations

import csv

import pytest

from jamfor.catalog.loader import available, load_catalog
from jamfor.catalog.model import Catalog
from jamfor.core.problems import UnknownNameError

from ..conftest import DATA


def test_every_published_indicator_is_in_its_table(
    catalog: Catalog, published_rows: list[dict[str, str]]
) -> None:
    printed = {(r["tabell"], r["tabellrubrik"], r["indikator"]) for r in published_rows}
    ours = {(t.id, t.title, i.label) for t in catalog.tables for i in t.indicators}
    assert ours == printed
    assert len(catalog.indicators) == 52


def test_indicator_fields(catalog: Catalog) -> None:
    kinds = {i.id: i.kind for i in catalog.indicators}
    assert kinds["vantetid-nybesok"] == "banded"
    assert kinds["socionomexamen"] == "percent"
    assert kinds["stod-i-arbetet"] == "number"
    assert kinds["rutin-vuxen"] == "categorical"
    directions = {i.id: i.direction for i in catalog.indicators}
    assert directions["langvarigt-bistand"] == "lower_better"
    assert directions["lag-inkomst"] == "neutral"
    assert directions["juridiskt-stod"] == "higher_better"
    for ind in catalog.indicators:
        assert ind.unit
        if catalog.table_of(ind.id).id.startswith(("12", "13", "14")):
            assert ind.source.type == "register", ind.id
    assert catalog.indicator("kostnad-per-invanare").decimals == 0
    assert catalog.yes_answers == ("Ja", "Integrerat", "Ny rutin")


def test_interpretations_are_placed_under_the_published_tables(catalog: Catalog) -> None:
    with (DATA / "oj-ekb-2015-nordvast-notes.csv").open(encoding="utf-8", newline="") as fh:
        notes = list(csv.DictReader(fh))
    placed = {
        (n.heading.removeprefix("Fråga "), t.id, n.text)
        for t in catalog.tables
        for n in catalog.interpretations_for(t)
    }
    assert placed == {(r["fraga"], r["tabell"], r["text"]) for r in notes}


def test_measurement_dates(catalog: Catalog) -> None:
    assert catalog.survey is not None
    q1 = catalog.survey.question("1")
    assert q1.measured is not None and str(q1.measured.date) == "2015-04-01"
    q29 = catalog.survey.question("29")
    assert q29.measured is not None and q29.measured.year == 2014
    assert catalog.survey.question("29").number.unknown_allowed  # type: ignore[union-attr]
    assert catalog.survey.question("4a").at_most == "4"


def test_unknown_year_says_which_exist() -> None:
    assert ("ekb", 2015) in available()
    with pytest.raises(UnknownNameError, match=r"Tillgängliga år: .*2015"):
        load_catalog(1999)
