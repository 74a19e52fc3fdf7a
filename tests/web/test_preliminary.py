"""Preliminary results: the group's tables from its members' submitted survey answers.

The answers are written out as the app offers them (a survey-answers file) and
run through ``jamfor table --json``: the preliminary tables must be what the
CLI gives for the same answers. The marking («Preliminärt resultat») stands on
the page, in every download and in every table's source line, and once the
published figures are imported the page names each member whose published
answer differs from the one it sent in.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from playwright.sync_api import Browser, expect
from typer.testing import CliRunner

from jamfor.catalog.loader import load_catalog
from jamfor.cli import app
from jamfor.core.export import comparison_to_dict
from jamfor.core.survey import check_answers, is_asked
from jamfor.web.results.importing import import_results
from jamfor.web.results.preliminary import preliminary_for
from jamfor.web.survey.models import Answer, Response, Status, Year

from ..support.browser import axe_violations, describe, require_axe
from .conftest import log_in
from .test_accessibility_every_page import reflow_problems

SURVEY = load_catalog(2015).survey
assert SURVEY is not None
EXAMPLE = (resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv").read_bytes()
# five members send their answers in, Järfälla keeps a draft that must not count
SENT = ("0125", "0183", "0184", "0191", "0114")
DRAFT = "0123"
PAGE = "/resultat/2015/preliminart/"


def _answers(n: int) -> dict[tuple[str, str | None], str]:
    """A member's full answers, different per member, following the survey's jumps."""
    assert SURVEY is not None
    given: dict[tuple[str, str | None], str] = {}
    for j, q in enumerate(SURVEY.questions):
        if not is_asked(SURVEY, q, given):
            continue
        for k, part in enumerate([p.id for p in q.parts] or [None]):
            if q.kind in ("choice", "choice_grid"):
                codes = [o.code for o in q.options_for(part)]
                given[(q.id, part)] = codes[(n + j + k) % len(codes)]
            elif q.kind in ("number", "number_grid"):
                value = 4 + (n * 3 + j + k) % 9
                bound = given.get((q.at_most, None)) if q.at_most else None
                if bound is not None:
                    value = min(value, int(bound))
                given[(q.id, part)] = str(value)
    assert check_answers(SURVEY, given) == []
    return given


def _store(
    year: Year, kommun: str, answers: dict[tuple[str, str | None], str], status: Status
) -> None:
    response = Response.objects.create(year=year, kommun=kommun, status=status.value)
    Answer.objects.bulk_create(
        Answer(response=response, question=q, part=p or "", value=v)
        for (q, p), v in answers.items()
    )


@pytest.fixture
def answered(year: Year) -> Year:
    for n, kommun in enumerate(SENT):
        _store(year, kommun, _answers(n), Status.SUBMITTED)
    _store(year, DRAFT, _answers(7), Status.DRAFT)
    return year


def _table_json(tmp_path: Path, name: str, content: bytes) -> dict[str, Any]:
    """``jamfor table --json`` on a file, as a user runs it."""
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(
        app, ["table", "--data", str(path), "--year", "2015", "--group", "nordvast", "--json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _by_indicator(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for t in doc["tables"] for i in t["indicators"]}


def test_preliminary_tables_are_what_jamfor_table_gives_for_the_same_answers(
    answered: Year, analyst: Any, login: Callable[[Any], Client], tmp_path: Path
) -> None:
    c = login(analyst)
    download = c.get(PAGE + "enkatsvar.csv")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    cli = _by_indicator(_table_json(tmp_path, "enkatsvar.csv", download.content))

    found = preliminary_for(answered)
    assert [u.code for u in found.submitted] == [
        u.code for u in answered.group_object.members if u.code in SENT
    ]
    assert found.comparison is not None
    app_doc = comparison_to_dict(found.comparison, "nordvast")
    assert app_doc["preliminary"] is True
    web = _by_indicator(app_doc)
    # every survey indicator, with the same member values and the same Snitt
    assert web
    assert set(web) == {i for i, item in cli.items() if any(item["values"].values())}
    for ind, item in web.items():
        assert item["values"] == cli[ind]["values"], ind
        assert item["snitt"] == cli[ind]["snitt"], ind
        assert item["counted"] == cli[ind]["counted"], ind
    # Järfälla's draft is not counted; its row is empty
    assert all(item["values"]["Järfälla"] is None for item in web.values())
    assert any(item["snitt"] is not None for item in web.values())

    # the page prints those Snitt figures
    page = BeautifulSoup(c.get(PAGE).content.decode(), "html.parser")
    snitt_cells = {
        t.get("id"): [td.get_text(" ", strip=True) for td in t.select("tr.snitt td")]
        for t in page.select("figure.result")
    }
    assert found.report is not None
    tables = [t for t in found.report.tables() if any(r.kind == "snitt" for r in t.rows)]
    assert tables
    for table in tables:
        snitt_row = next(r for r in table.rows if r.kind == "snitt")
        assert snitt_cells[table.anchor] == [cell.text for cell in snitt_row.cells]


def test_preliminary_results_are_marked_on_the_page_and_in_every_download(
    answered: Year, analyst: Any, login: Callable[[Any], Client], tmp_path: Path
) -> None:
    c = login(analyst)
    page = BeautifulSoup(c.get(PAGE).content.decode(), "html.parser")
    assert page.h1.get_text(strip=True) == "Preliminärt resultat 2015"
    banner = page.select_one(".preliminary-banner")
    assert banner is not None and "PRELIMINÄRT RESULTAT" in banner.get_text()
    assert "Inskickade svar: 5 av 8 kommuner" in page.get_text(" ", strip=True)
    assert "Inte inskickat ännu: " in page.get_text()
    # every results table's source (Kommunsortering's names the municipality types' source)
    sources = [
        p.get_text(strip=True)
        for p in page.select("figure.result .source")
        if "kommungruppsindelning" not in p.get_text()
    ]
    assert sources and all("preliminärt resultat, ej publicerat" in s for s in sources)
    assert not any("Socialstyrelsen" in s for s in sources)
    assert "Socialstyrelsen." not in page.select_one("footer").get_text()
    # register measures have no preliminary figure: their tables are left out
    assert "kostnad" not in " ".join(t.get("id", "") for t in page.select("figure.result"))

    html = c.get(PAGE + "rapport.html")
    assert html.status_code == 200
    assert "preliminart-resultat-2015" in html["Content-Disposition"]
    report = BeautifulSoup(html.content.decode(), "html.parser")
    assert report.title.get_text().startswith("Preliminärt resultat: Öppna jämförelser")
    assert report.select_one("aside.preliminary h2").get_text() == "Preliminärt resultat"

    from docx import Document

    word = tmp_path / "p.docx"
    word.write_bytes(c.get(PAGE + "rapport.docx").content)
    doc = Document(str(word))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Preliminärt resultat" in headings
    assert any(
        "preliminärt resultat, ej publicerat" in cell.text
        for t in doc.tables
        for row in t.rows
        for cell in row.cells
    ) or any("preliminärt resultat, ej publicerat" in p.text for p in doc.paragraphs)

    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(c.get(PAGE + "rapport.pdf").content)
    text = subprocess.run(
        ["pdftotext", "-l", "3", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Preliminärt resultat" in text


def test_nothing_sent_in_yet_says_so_and_only_analysts_see_it(
    year: Year, analyst: Any, rep: Any, reader: Any, login: Callable[[Any], Client]
) -> None:
    _store(year, DRAFT, _answers(1), Status.DRAFT)
    page = login(analyst).get(PAGE)
    assert "Ingen kommun har markerat sina svar som klara ännu" in page.content.decode()
    assert login(analyst).get(PAGE + "rapport.html").status_code == 404
    for user in (rep, reader):
        assert login(user).get(PAGE).status_code == 403


def test_after_the_import_the_page_names_each_answer_that_changed(
    answered: Year, analyst: Any, login: Callable[[Any], Client], tmp_path: Path
) -> None:
    c = login(analyst)
    before = BeautifulSoup(c.get(PAGE).content.decode(), "html.parser")
    assert "Inga publicerade resultat är inlästa för 2015 ännu" in before.get_text()

    import_results(answered, "oj-2015.csv", EXAMPLE, analyst)
    page = BeautifulSoup(c.get(PAGE).content.decode(), "html.parser")
    shown = {
        tuple(cell.get_text(strip=True) for cell in row.select("th, td"))
        for row in page.select("#jamfort-med-publicerat ~ * tbody tr, .table-wrap table tbody tr")
        if row.find_parent("section", attrs={"aria-labelledby": "jamfort-med-publicerat"})
    }
    # what the CLI gives for the answers and for the published file, compared by hand
    answers = _by_indicator(
        _table_json(tmp_path, "svar.csv", c.get(PAGE + "enkatsvar.csv").content)
    )
    published = _by_indicator(_table_json(tmp_path, "oj.csv", EXAMPLE))
    sent = {u.name for u in answered.group_object.members if u.code in SENT}
    expected = set()
    for ind, item in answers.items():
        if not any(item["values"].values()) or not any(published[ind]["values"].values()):
            continue
        for name in sent:
            mine, theirs = item["values"][name], published[ind]["values"][name]
            if (mine or "").casefold() != (theirs or "").casefold():
                expected.add((name, item["label"], _sv(mine), _sv(theirs)))
    assert expected, "the example's answers are not the made-up ones"
    assert shown == expected
    count = page.select_one("#jamfort-med-publicerat").find_next("p").get_text()
    assert re.match(rf"{len(expected)} svar skiljer sig", count)
    assert "Järfälla" not in {row[0] for row in shown}


def _sv(text: str | None) -> str:
    """A value from the JSON as the page prints it: decimal comma, a non-breaking space."""
    if text is None:
        return "saknas"
    return re.sub(r"(\d)\.(\d)", r"\1,\2", text).replace(" %", "\u00a0%")


def test_the_analyst_opens_the_preliminary_results_in_the_browser(
    answered: Year, analyst: Any, live_server: Any, browser: Browser
) -> None:
    page = browser.new_page()
    log_in(page, live_server.url, "analytiker")
    page.goto(live_server.url + "/resultat/2015/")
    page.get_by_role("link", name="preliminärt resultat ur gruppens enkätsvar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preliminärt resultat 2015")
    expect(page.get_by_role("note", name="Preliminärt resultat")).to_contain_text(
        "innan Socialstyrelsen har publicerat"
    )
    expect(page.locator("figure.result").first).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile("Preliminärt resultat som HTML"))
    ).to_be_visible()
    require_axe()
    violations = axe_violations(page)
    assert not violations, describe(violations)

    narrow = browser.new_page(viewport={"width": 320, "height": 640})
    log_in(narrow, live_server.url, "analytiker")
    narrow.goto(live_server.url + PAGE)
    assert reflow_problems(narrow, PAGE) == []


@pytest.mark.django_db(transaction=True)
def test_the_preliminary_report_is_built_beside_the_request(
    answered: Year, analyst: Any, login: Callable[[Any], Client], settings: Any
) -> None:
    """A PDF or Word file takes seconds: the download records a build, a thread makes the file."""
    import time

    from jamfor.web.audit.log import record
    from jamfor.web.results.models import BuildStatus, ReportBuild

    settings.JAMFOR_REPORT_BUILDS = "thread"
    c = login(analyst)
    r = c.get(PAGE + "rapport.html")
    build = ReportBuild.objects.get()
    assert build.kind == "preliminart"
    assert r.status_code == 302
    assert r["Location"] == f"{PAGE}rapporter/{build.pk}/"
    assert "Preliminärt resultat 2015 (HTML)" in c.get(r["Location"]).content.decode()
    end = time.monotonic() + 120
    while build.status not in (BuildStatus.DONE, BuildStatus.FAILED):
        assert time.monotonic() < end, f"build still {build.status}"
        time.sleep(0.25)
        build.refresh_from_db()
    assert build.status == BuildStatus.DONE, build.error
    assert c.get(f"{PAGE}rapporter/{build.pk}/status/").json()["status"] == "done"
    file = c.get(f"{PAGE}rapporter/{build.pk}/fil/")
    assert file["Content-Disposition"] == (
        'attachment; filename="preliminart-resultat-2015-nordvast.html"'
    )
    report = BeautifulSoup(file.content.decode(), "html.parser")
    assert report.title.get_text().startswith("Preliminärt resultat: Öppna jämförelser")
    # the same answers: the file at once; a change of the data: a new build
    assert c.get(PAGE + "rapport.html").content == file.content
    record(analyst, "test.ändrad", "Ändrade något", answered, None, {"x": 1})
    assert c.get(PAGE + "rapport.html").status_code == 302
    assert ReportBuild.objects.filter(kind="preliminart").count() == 2
    newer = ReportBuild.objects.order_by("-pk").first()
    assert newer is not None
    while newer.status not in (BuildStatus.DONE, BuildStatus.FAILED):  # no thread left behind
        assert time.monotonic() < end + 120
        time.sleep(0.25)
        newer.refresh_from_db()
    # the results report's progress pages do not show a preliminary build, nor the other way
    assert c.get(f"/resultat/2015/rapporter/{build.pk}/").status_code == 404


@pytest.mark.django_db
def test_no_preliminary_report_before_anyone_has_sent_in(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    from jamfor.web.results.models import ReportBuild

    r = login(analyst).get(PAGE + "rapport.pdf")
    assert r.status_code == 404
    assert "Ingen kommun har skickat in sina svar för 2015 ännu." in r.content.decode()
    assert not ReportBuild.objects.exists()
