"""The HTML report: the 2015 report's structure, Swedish figures, notes under their tables."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup, Tag

from jamfor.catalog.model import Catalog
from jamfor.core.comparison import GroupComparison
from jamfor.registry.model import Registry
from jamfor.report.build import build_report
from jamfor.report.html import render_html

from ..conftest import NORDVAST_MEMBERS


@pytest.fixture(scope="module")
def soup(nordvast_2015: GroupComparison, registry: Registry) -> BeautifulSoup:
    html = render_html(build_report(nordvast_2015, registry), made=dt.date(2026, 11, 29))
    return BeautifulSoup(html, "html.parser")


def _table(soup: BeautifulSoup, number: str) -> Tag:
    fig = soup.find("figure", id=f"tabell-{number}")
    assert isinstance(fig, Tag), number
    table = fig.find("table")
    assert isinstance(table, Tag)
    return table


def _rows(table: Tag) -> dict[str, list[str]]:
    out = {}
    for tr in table.find("tbody").find_all("tr"):  # type: ignore[union-attr]
        out[tr.th.get_text(strip=True)] = [td.get_text(strip=True) for td in tr.find_all("td")]
    return out


def test_document_basics(soup: BeautifulSoup) -> None:
    assert soup.html is not None and soup.html["lang"] == "sv"
    assert soup.h1 is not None
    assert soup.h1.get_text() == "Resultat av Öppna jämförelser inom ekonomiskt bistånd 2015"
    headings = [h.get_text(strip=True) for h in soup.find_all("h2")]
    assert headings[:5] == [
        "Innehåll",
        "Avvikelser mot publicerade snitt",
        "Läsanvisningar",
        "Kommunsortering",
        "Del 1 – God kvalitet i verksamheten",
    ]
    assert "Del 2 – Omfattning av ekonomiskt bistånd" in headings
    assert not soup.find_all("script")


def test_kommunsortering(soup: BeautifulSoup) -> None:
    rows = _rows(_table(soup, "1"))
    assert rows["Sigtuna"] == ["0191", "3", "5", "7"]
    assert len(rows) == 8


def test_every_result_table_with_snitt_and_references(
    soup: BeautifulSoup, catalog: Catalog
) -> None:
    for t in catalog.tables:
        table = _table(soup, t.id)
        caption = table.caption.get_text(" ", strip=True)  # type: ignore[union-attr]
        assert caption.startswith(f"Tabell {t.id}. {t.title}")
        cols = [th.get_text(strip=True) for th in table.thead.find_all("th")]  # type: ignore[union-attr]
        assert cols == [i.label for i in t.indicators]
        rows = _rows(table)
        assert list(rows)[:8] == NORDVAST_MEMBERS
        assert list(rows)[8:] == ["Snitt i Nordväst", "Riket", "Stockholms län"]


def test_figures_in_swedish(soup: BeautifulSoup) -> None:
    t2 = _rows(_table(soup, "2"))
    assert t2["Upplands-Bro"][0] == "Integrerat"
    assert t2["Snitt i Nordväst"][0] == "37,5\u00a0%"
    assert t2["Riket"][0] == "54,3\u00a0%"
    t12a = _rows(_table(soup, "12a"))
    assert t12a["Riket"][2] == "1\u00a0095"
    assert t12a["Upplands Väsby"] == ["Ingen uppgift"] * 3
    assert t12a["Snitt i Nordväst"][1] == "16,7\u00a0% *"
    t11 = _rows(_table(soup, "11"))
    assert t11["Snitt i Nordväst"][2] == "8,4\u00a0%"


def test_mismatch_is_explained_under_its_table(soup: BeautifulSoup) -> None:
    fig = soup.find("figure", id="tabell-12a")
    assert fig is not None
    text = fig.get_text(" ", strip=True)
    assert "det publicerade snittet är 16,6" in text
    assert "Källa: Socialstyrelsens registerdata" in text


def test_interpretations_under_their_tables(soup: BeautifulSoup) -> None:
    def notes_after(number: str) -> list[str]:
        fig = soup.find("figure", id=f"tabell-{number}")
        assert fig is not None
        sib = fig.find_next_sibling()
        if not (isinstance(sib, Tag) and "qa-notes" in (sib.get("class") or [])):
            return []
        return [s.get_text() for s in sib.find_all("strong")]

    assert notes_after("2") == ["Fråga 1 i enkäten:", "Fråga 3 i enkäten:"]
    assert notes_after("3") == []
    assert notes_after("5") == ["Fråga 6 i enkäten:", "Fråga 6a i enkäten:", "Fråga 8 i enkäten:"]
    assert notes_after("8") == ["Fråga 17 i enkäten:"]
    fig6 = soup.find("figure", id="tabell-6")
    assert fig6 is not None
    block = fig6.find_next_sibling()
    assert isinstance(block, Tag)
    assert "Dokumentation från mötet om kvalitetssäkring 2015-04-24" in block.get_text()
    items = [li.get_text() for li in block.find_all("li")]
    assert items[0] == "Här avses forskningsbaserade instrument."


def test_survey_appendix_shows_jumps_and_interpretations(soup: BeautifulSoup) -> None:
    q1a = soup.find(id="fraga-1a")
    assert q1a is not None
    assert (
        "Besvaras om svaret på fråga 1 (Verksamhetsområdet - Barn- och ungdomsvård) är «Ja»"
        in q1a.get_text()
    )
    q17 = soup.find(id="fraga-17")
    assert q17 is not None
    assert "Överenskommen tolkning (Fråga 17)" in q17.get_text()
    assert len(soup.select(".appendix .question")) == 49
