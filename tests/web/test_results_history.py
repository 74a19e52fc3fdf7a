"""The results page gets earlier years from the database: "Förändring sedan ÅÅÅÅ" under each table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from django.test import Client

from jamfor.web.results.dataset import dataset_for
from jamfor.web.results.importing import import_results
from jamfor.web.survey.models import Year

from .cycle_support import EXAMPLE

DATA = Path(__file__).parent.parent / "data"


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def _two_years(year: Year, analyst: Any) -> Year:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    year_2018 = Year.objects.create(year=2018, group="nordvast")
    import_results(
        year_2018, "oj-2018.csv", (DATA / "oj-ekb-2018-handgjord.csv").read_bytes(), analyst
    )
    return year_2018


def test_the_dashboard_shows_the_change_since_an_earlier_year_in_the_database(
    year: Year, analyst: Any, reader: Any, login: Callable[[Any], Client]
) -> None:
    _two_years(year, analyst)
    page = soup(login(reader).get("/resultat/2018/"))
    changes = [th.get_text() for th in page.select("tr.change th")]
    assert changes and set(changes) == {"Förändring sedan 2015"}
    only_2015 = soup(login(reader).get("/resultat/2015/"))
    assert not only_2015.select("tr.change")


def test_the_history_is_the_earlier_years_only(year: Year, analyst: Any) -> None:
    year_2018 = _two_years(year, analyst)
    later = dataset_for(year_2018)
    assert later is not None
    assert set(later.history.get_column("year").unique().to_list()) == {2015}
    assert later.history.height == year.result_values.count()
    earlier = dataset_for(year)
    assert earlier is not None and earlier.history.height == 0
