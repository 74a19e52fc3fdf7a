"""The results page as a dashboard: a municipality's profile, an indicator for all, sortable tables.

The profile is the report's «Kommunprofil» for the member, the indicator view
every member best first with the group and its trend, and every table sorts
by a header button — on the server by ``?sortera=`` without JavaScript, in
the page with it — with ``aria-sort`` on the sorted column. Tables scroll in
their own box, so the page fits a 390 px phone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from jamfor.core.collation import swedish_key
from jamfor.report.model import Report, ReportTable
from jamfor.web.results.dataset import report_for
from jamfor.web.results.importing import import_results
from jamfor.web.survey.models import Year
from jamfor.web.table_sort import number_of

from ..support.browser import axe_violations, describe, require_axe
from .conftest import log_in
from .cycle_support import EXAMPLE
from .test_accessibility_every_page import reflow_problems

DATA = Path(__file__).parent.parent / "data"


def soup(response: Any) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def results(year: Year, analyst: Any) -> Year:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    return year


def _numeric_table(report: Report) -> tuple[ReportTable, int]:
    """A result table and a column where the members' figures differ and one is missing."""
    for t in report.tables():
        units = [r for r in t.rows if r.kind == "unit"]
        for column in range(1, len(t.columns) + 1):
            figures = [number_of(r.cells[column - 1]) for r in units]
            present = [f for f in figures if f is not None]
            if len(set(present)) > 3 and len(present) < len(figures):
                return t, column
    raise AssertionError("the example has no numeric column with a missing value")


def _unit_rows(page: BeautifulSoup, anchor: str) -> list[tuple[str, str]]:
    figure = page.select_one(f"figure#{anchor}")
    assert figure is not None, anchor
    return [
        (row.th.get_text(strip=True), row.select("td")[0].get_text(" ", strip=True))
        for row in figure.select("tbody tr.unit")
    ]


def test_a_table_sorts_on_the_server_by_the_address_without_javascript(
    results: Year, reader: Any, login: Callable[[Any], Client]
) -> None:
    report = report_for(results)
    assert report is not None
    table, column = _numeric_table(report)
    c = login(reader)
    plain = soup(c.get("/resultat/2015/"))
    header = plain.select(f"figure#{table.anchor} thead th")[column - 1]
    button = header.button
    assert button is not None and button["type"] == "submit"
    assert button["name"] == "sortera" and button["form"] == f"sortera-{table.anchor}"
    assert button["value"] == f"{table.anchor}:{column}:stigande"
    assert not header.has_attr("aria-sort")
    form = plain.select_one(f"form#sortera-{table.anchor}")
    assert form["method"] == "get" and form["action"] == f"#{table.anchor}"

    page = soup(c.get("/resultat/2015/", {"sortera": f"{table.anchor}:{column}:fallande"}))
    header = page.select(f"figure#{table.anchor} thead th")[column - 1]
    assert header["aria-sort"] == "descending"
    assert header.button["value"] == f"{table.anchor}:{column}:stigande"
    assert len(page.select("th[aria-sort]")) == 1
    units = [r for r in table.rows if r.kind == "unit"]
    cells = {
        r.header: number_of(r.cells[column - 1]) for r in units if not r.cells[column - 1].missing
    }
    shown = [
        (row.th.get_text(strip=True), [td for td in row.select("td")][column - 1])
        for row in page.select(f"figure#{table.anchor} tbody tr.unit")
    ]
    names = [name for name, _ in shown]
    figures = [cells[n] for n in names if n in cells]
    assert figures == sorted(figures, reverse=True)
    # missing values last, never as a zero; Snitt and references stay below the members
    assert [n for n in names if n not in cells] == names[len(cells) :]
    kinds = [row["class"][0] for row in page.select(f"figure#{table.anchor} tbody tr")]
    assert kinds == ["unit"] * len(units) + [r.kind for r in table.rows if r.kind != "unit"]
    # the other tables keep the group's order
    other = next(t for t in report.tables() if t.anchor != table.anchor and t.columns)
    assert [n for n, _ in _unit_rows(page, other.anchor)] == [
        r.header for r in other.rows if r.kind == "unit"
    ][: len(_unit_rows(page, other.anchor))]

    ascending = soup(c.get("/resultat/2015/", {"sortera": f"{table.anchor}:{column}:stigande"}))
    names_up = [n for n, _ in _unit_rows(ascending, table.anchor)]
    assert [cells[n] for n in names_up if n in cells] == sorted(figures)
    # a malformed or unknown order is ignored, not an error
    for bad in ("x", f"{table.anchor}:99:stigande", "okand-tabell:1:fallande"):
        assert not soup(c.get("/resultat/2015/", {"sortera": bad})).select("th[aria-sort]")


def test_a_municipality_is_its_report_profile_and_a_representative_sees_their_own_first(
    results: Year, rep: Any, reader: Any, login: Callable[[Any], Client]
) -> None:
    report = report_for(results)
    assert report is not None
    profiles = next(s for s in report.sections if s.anchor == "kommunprofiler")
    solna = next(s for s in profiles.subsections if s.title == "Kommunprofil: Solna")

    page = soup(login(reader).get("/resultat/2015/kommun/", {"kommun": "0184"}))
    assert page.h1.get_text(strip=True) == "Kommunprofil: Solna 2015"
    assert solna.paragraphs[0] in page.get_text(" ", strip=True)
    table = solna.tables[0]
    rows = page.select("figure.result tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == [r.header for r in table.rows]
    assert [[td.get_text(" ", strip=True) for td in r.select("td")] for r in rows] == [
        [c.display for c in r.cells] for r in table.rows
    ]
    assert [th.get_text(strip=True).rstrip("↕") for th in page.select("thead th")] == list(
        table.columns
    )
    assert page.select_one("#valj-kommun option[selected]")["value"] == "0184"

    mine = soup(login(rep).get("/resultat/2015/kommun/"))
    assert mine.h1.get_text(strip=True) == "Kommunprofil: Ekerö 2015"
    by_name = soup(login(reader).get("/resultat/2015/kommun/", {"kommun": "Sundbyberg"}))
    assert by_name.h1.get_text(strip=True) == "Kommunprofil: Sundbyberg 2015"
    missing = login(reader).get("/resultat/2015/kommun/", {"kommun": "Göteborg"})
    assert missing.status_code == 404
    assert "«Göteborg» är inte en kommun i gruppen" in missing.content.decode()


def test_an_indicator_lists_every_member_best_first_with_the_group(
    results: Year, reader: Any, login: Callable[[Any], Client]
) -> None:
    c = login(reader)
    page = soup(c.get("/resultat/2015/indikator/", {"indikator": "socionomexamen"}))
    assert page.h1.get_text(strip=True).endswith("2015")
    rows = page.select("figure.result tbody tr")
    units = [r for r in rows if "unit" in r["class"]]
    assert len(units) == 8
    figures = [number_of_text(r.td.get_text(" ", strip=True)) for r in units]
    present = [f for f in figures if f is not None]
    assert present == sorted(present, reverse=True)  # a higher share with the degree is better
    assert figures[: len(present)] == present  # missing last
    kinds = [r["class"][0] for r in rows]
    assert kinds[8] == "snitt" and set(kinds[9:]) <= {"reference"}
    assert "bara för 2015" in page.select_one("#over-tid").find_parent("section").get_text()

    # a yes/no indicator: the members whose answer counts as yes first, each part alphabetical
    yes_no = soup(c.get("/resultat/2015/indikator/", {"indikator": "rutin-barn-unga"}))
    answers = [
        (r.th.get_text(strip=True), r.td.get_text(strip=True))
        for r in yes_no.select("figure.result tbody tr.unit")
    ]
    counted = [a in ("Ja", "Integrerat", "Ny rutin") for _, a in answers]
    assert counted == sorted(counted, reverse=True)
    yes_names = [n for (n, _), yes in zip(answers, counted, strict=True) if yes]
    assert yes_names == sorted(yes_names, key=swedish_key)

    assert c.get("/resultat/2015/indikator/", {"indikator": "finns-inte"}).status_code == 404


def number_of_text(text: str) -> Decimal | None:
    found = re.match(r"^(\d+(?:,\d+)?)", text.replace("\u00a0", ""))
    return Decimal(found.group(1).replace(",", ".")) if found else None


def test_an_indicator_shows_its_trend_over_the_years_in_the_database(
    results: Year, analyst: Any, reader: Any, login: Callable[[Any], Client]
) -> None:
    year_2018 = Year.objects.create(year=2018, group="nordvast")
    import_results(
        year_2018, "oj-2018.csv", (DATA / "oj-ekb-2018-handgjord.csv").read_bytes(), analyst
    )
    c = login(reader)
    start = soup(c.get("/resultat/2018/indikator/"))
    ids = [o["value"] for o in start.select("#valj-indikator option")]
    assert ids
    for ind in ids:
        page = soup(c.get("/resultat/2018/indikator/", {"indikator": ind}))
        trend = page.select_one("#over-tid").find_parent("section")
        if trend.select("svg"):
            break
    else:
        raise AssertionError("no indicator of 2018 has a value in 2015")
    years = [th.get_text(strip=True) for th in trend.select("thead th")]
    assert years == ["2015", "2018 (året ovan)"]
    assert trend.select_one("svg[role=img] title").get_text().startswith("Linjediagram")
    assert trend.select_one("tbody tr th").get_text(strip=True) == "Snitt i Nordväst"


def test_nothing_imported_says_so(year: Year, reader: Any, login: Callable[[Any], Client]) -> None:
    for path in ("/resultat/2015/kommun/", "/resultat/2015/indikator/"):
        page = soup(login(reader).get(path))
        assert "Inga resultat är inlästa för 2015 ännu" in page.get_text()


# --- in the browser --------------------------------------------------------------------------


def _rows(page: Page, anchor: str) -> list[str]:
    return page.locator(f"figure#{anchor} tbody tr.unit th").all_inner_texts()


def test_sorting_picking_and_a_phone_in_the_browser(
    results: Year, reader: Any, live_server: Any, browser: Browser
) -> None:
    report = report_for(results)
    assert report is not None
    table, column = _numeric_table(report)
    base = live_server.url

    # a phone: the page is no wider than the screen, a wide table scrolls in its own box
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    log_in(phone, base, "lasare")
    phone.goto(base + "/resultat/2015/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert reflow_problems(phone, "/resultat/2015/") == []
    boxes = phone.evaluate(
        "[...document.querySelectorAll('.table-wrap')].map(w => [w.scrollWidth, w.clientWidth])"
    )
    assert any(scroll > client for scroll, client in boxes), boxes
    assert all(client <= 390 for _, client in boxes)

    page = browser.new_page()
    log_in(page, base, "lasare")
    page.goto(base + "/resultat/2015/")
    before = _rows(page, table.anchor)
    header = page.locator(f"figure#{table.anchor} thead th").nth(column - 1)
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    sorted_rows = _rows(page, table.anchor)
    assert sorted(sorted_rows) == sorted(before) and sorted_rows != before
    assert f"sortera={table.anchor}%3A{column}%3Afallande" in page.url
    expect(page.get_by_role("status").filter(has_text="Sorterad efter")).to_have_count(1)
    # the address gives the same order from the server
    page.reload()
    assert _rows(page, table.anchor) == sorted_rows
    expect(page.locator(f"figure#{table.anchor} thead th").nth(column - 1)).to_have_attribute(
        "aria-sort", "descending"
    )
    # the keyboard reaches the buttons
    header.get_by_role("button").focus()
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "ascending")

    # pick a municipality, then an indicator
    page.goto(base + "/resultat/2015/")
    page.get_by_label("Kommun", exact=True).select_option(label="Solna")
    page.get_by_role("button", name="Visa kommunens profil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunprofil: Solna 2015")
    page.get_by_label("Indikator", exact=True).select_option(value="socionomexamen")
    page.get_by_role("button", name="Visa indikatorn för alla").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2015")
    expect(page.locator("figure.result tbody tr.unit")).to_have_count(8)
    require_axe()
    for path in (
        "/resultat/2015/kommun/?kommun=0184",
        "/resultat/2015/indikator/?indikator=socionomexamen",
    ):
        page.goto(base + path)
        page.locator("thead button.sort").first.click()
        violations = axe_violations(page)
        assert not violations, describe(violations)
        phone.goto(base + path)
        assert reflow_problems(phone, path) == []


def test_sorting_works_without_javascript(
    results: Year, reader: Any, live_server: Any, browser: Browser
) -> None:
    report = report_for(results)
    assert report is not None
    table, column = _numeric_table(report)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, "lasare")
    page.goto(live_server.url + "/resultat/2015/")
    header = page.locator(f"figure#{table.anchor} thead th").nth(column - 1)
    header.get_by_role("button").click()
    page.wait_for_url(re.compile(r"sortera="))
    assert page.url.endswith(f"#{table.anchor}")
    expect(page.locator(f"figure#{table.anchor} thead th").nth(column - 1)).to_have_attribute(
        "aria-sort", "ascending"
    )
    # the profile keeps its municipality when a table is sorted
    page.goto(live_server.url + "/resultat/2015/kommun/?kommun=0184")
    page.locator("thead button.sort").nth(1).click()
    page.wait_for_url(re.compile(r"sortera="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunprofil: Solna 2015")
    expect(page.locator("thead th").nth(1)).to_have_attribute("aria-sort", "ascending")
    context.close()
