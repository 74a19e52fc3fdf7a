"""The web survey: pages from the catalog, jumps, checks, comments, overview, "Klar", deadline.

The rules themselves (jumps, bounds, required questions) are tested in
tests/core/test_survey.py; these tests check that the web pages ask them and
show their answers where a user needs them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from jamfor.catalog.loader import load_catalog
from jamfor.web.audit.models import AuditRecord
from jamfor.web.survey.drafts import load_draft
from jamfor.web.survey.interpretations import load_catalog_protocol
from jamfor.web.survey.models import Response, Status, Year

from .conftest import EKERO, JARFALLA, dump

SURVEY = load_catalog(2015).survey
assert SURVEY is not None
PAGE_1 = "/enkat/2015/0125/sida/intern-samordning/"
PAGE_4 = "/enkat/2015/0125/sida/kunskap-och-kompetens/"
PAGE_29 = "/enkat/2015/0125/sida/foljsamhet-till-lagstiftning/"


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def answers(kommun: str = EKERO) -> dict[tuple[str, str | None], str]:
    return load_draft(Response.objects.filter(kommun=kommun).first()).answers


def minimal_page(section_id: str) -> dict[str, str]:
    """Every required question on a page answered without triggering a follow-up."""
    data: dict[str, str] = {}
    assert SURVEY is not None
    section = next(s for s in SURVEY.sections if s.id == section_id)
    for q in section.questions:
        if not q.required:
            continue
        parts = [p.id for p in q.parts] or [None]
        for part in parts:
            name = f"svar-{q.id}" + (f"-{part}" if part else "")
            if q.kind in ("choice", "choice_grid"):
                codes = [o.code for o in q.options_for(part)]
                data[name] = "nej" if "nej" in codes else codes[0]
            else:
                data[name] = "1" if q.id == "9" else "0"
    return data


def answer_everything(client: Client) -> None:
    assert SURVEY is not None
    for s in SURVEY.sections:
        r = client.post(f"/enkat/2015/0125/sida/{s.id}/", {**minimal_page(s.id), "action": "spara"})
        assert r.status_code == 302, (s.id, soup(r).select(".error-summary"))


def test_each_theme_is_a_page_and_follow_ups_start_hidden(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    start = soup(c.get("/enkat/2015/0125/"))
    assert SURVEY is not None
    links = [a["href"] for a in start.select("ol a")]
    assert links == [f"/enkat/2015/0125/sida/{s.id}/" for s in SURVEY.sections]
    pages = [" ".join(li.get_text().split()) for li in start.select("ol li")]
    assert pages[0] == "Intern samordning i enskilda ärenden – 0 av 1 fråga besvarad"
    assert pages[4] == "Kompetensutveckling – 0 av 3 frågor besvarade"

    page = soup(c.get(PAGE_1))
    assert page.html is not None and page.html["lang"] == "sv"
    assert page.h1 is not None and page.h1.get_text() == "Intern samordning i enskilda ärenden"
    assert not page.select_one("#fraga-1").has_attr("hidden")
    for follow_up in ("1a", "1b", "1c"):
        fieldset = page.select_one(f"#fraga-{follow_up}")
        assert fieldset.has_attr("hidden")
        assert all(i.has_attr("disabled") for i in fieldset.select("input, textarea"))
        assert "Besvaras om svaret på fråga 1" in fieldset.get_text()
    # every input has a label; required questions are marked for screen readers too
    for field in page.select("input[type=radio], input[type=text], textarea"):
        assert page.select_one(f"label[for='{field['id']}']") is not None, field["id"]
    assert "(obligatorisk)" in page.select_one("#fraga-1 legend").get_text()


def test_without_javascript_saving_shows_the_follow_up(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    r = c.post(PAGE_1, {"svar-1-bou": "ja", "action": "visa"})
    assert r.status_code == 302 and r["Location"] == PAGE_1
    assert answers() == {("1", "bou"): "ja"}
    page = soup(c.get(PAGE_1))
    assert not page.select_one("#fraga-1a").has_attr("hidden")
    assert page.select_one("#fraga-1b").has_attr("hidden")
    assert page.select_one("#id_svar-1-bou_0").has_attr("checked")
    assert "Sidan är sparad." in page.get_text()

    c.post(PAGE_1, {"svar-1-bou": "ja", "svar-1a": "ja", "action": "spara"})
    assert answers() == {("1", "bou"): "ja", ("1a", None): "ja"}


def test_a_follow_up_no_longer_asked_is_dropped(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    c.post(PAGE_1, {"svar-1-bou": "ja", "svar-1a": "ja", "kommentar-1a": "Följt upp i mars"})
    assert answers()[("1a", None)] == "ja"
    c.post(PAGE_1, {"svar-1-bou": "nej", "svar-1a": "ja", "kommentar-1a": "Följt upp i mars"})
    assert answers() == {("1", "bou"): "nej"}
    assert load_draft(Response.objects.get()).comments == {}


def test_number_errors_are_swedish_next_to_the_field_and_nothing_is_saved(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    c.post(PAGE_4, {"svar-4": "5", "svar-4a": "3", "svar-4b": "2"})
    before = answers()
    r = c.post(PAGE_4, {"svar-4": "5", "svar-4a": "7", "svar-4b": "2", "action": "nasta"})
    assert r.status_code == 200
    page = soup(r)
    error = page.select_one("#fel-svar-4a")
    assert error.get_text() == (
        "Svaret på fråga 4a (7) kan inte vara större än svaret på fråga 4 (5)."
    )
    field = page.select_one("#id_svar-4a")
    assert "fel-svar-4a" in field["aria-describedby"].split()
    assert field["aria-invalid"] == "true" and field["value"] == "7"
    summary = page.select_one(".error-summary")
    assert summary["role"] == "alert"
    assert summary.select_one("a")["href"] == "#id_svar-4a"  # the input itself
    assert answers() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("svar-4", "fem", "«fem» är inget tal. Fråga 4 besvaras med ett tal."),
        ("svar-4", "2,5", "Fråga 4 ska besvaras med ett heltal, inte 2,5."),
        ("svar-4", "-1", "Fråga 4 kan inte vara mindre än 0."),
        ("svar-4", "Vet ej", "Fråga 4 ska besvaras med ett tal; «Vet ej» går inte."),
        ("svar-4b", "9", "Svaret på fråga 4b (9) kan inte vara större än svaret på fråga 4 (5)."),
    ],
)
def test_number_checks(
    year: Year, rep: Any, login: Callable[[Any], Client], field: str, value: str, message: str
) -> None:
    data = {"svar-4": "5", "svar-4a": "1", "svar-4b": "1", field: value}
    r = login(rep).post(PAGE_4, data)
    assert r.status_code == 200
    assert soup(r).select_one(f"#fel-{field}").get_text() == message
    assert Response.objects.count() == 0


def test_vet_ej_only_where_the_question_allows_it(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    r = c.post(PAGE_29, {**minimal_page("foljsamhet-till-lagstiftning"), "svar-29": "vet ej"})
    assert r.status_code == 302
    assert answers()[("29", None)] == "vet-ej"
    assert "Vet ej" in soup(c.get("/enkat/2015/0125/svarsoversikt/")).get_text()
    r = c.post(
        PAGE_29, {**minimal_page("foljsamhet-till-lagstiftning"), "svar-29": "4", "svar-29a": "6"}
    )
    assert soup(r).select_one("#fel-svar-29a").get_text() == (
        "Svaret på fråga 29a (6) kan inte vara större än svaret på fråga 29 (4)."
    )


def test_comments_and_decimal_numbers_are_kept(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    page = "/enkat/2015/0125/sida/tillgang-till-stod/"
    r = c.post(page, {"svar-9": "6,05", "svar-8-al1": "4,5", "kommentar-9": "Två vikarier"})
    assert r.status_code == 302
    assert answers() == {("9", None): "6.05", ("8", "al1"): "4.5"}
    shown = soup(c.get(page))
    assert shown.select_one("#id_svar-9")["value"] == "6,05"
    assert shown.select_one("#id_kommentar-9").get_text().strip() == "Två vikarier"


def test_the_check_address_answers_what_the_page_needs_and_saves_nothing(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    r = c.post(PAGE_4 + "kontroll/", {"svar-4": "5", "svar-4a": "7"})
    data = json.loads(r.content)
    assert data["asked"] == {"4": True, "4a": True, "4b": True}
    assert data["errors"] == {
        "svar-4a": ["Svaret på fråga 4a (7) kan inte vara större än svaret på fråga 4 (5)."]
    }
    data = json.loads(c.post(PAGE_4 + "kontroll/", {"svar-4": "0"}).content)
    assert data["asked"] == {"4": True, "4a": False, "4b": False}
    assert Response.objects.count() == 0
    assert c.get(PAGE_4 + "kontroll/").status_code == 405


def test_navigation_saves_and_moves_on(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    r = c.post(PAGE_1, {"svar-1-bou": "nej", "action": "nasta"})
    assert r["Location"] == "/enkat/2015/0125/sida/extern-samverkan/#sidan"
    r = c.post("/enkat/2015/0125/sida/extern-samverkan/", {"action": "foregaende"})
    assert r["Location"] == PAGE_1 + "#sidan"
    r = c.post(PAGE_29, {"action": "oversikt"})
    assert r["Location"] == "/enkat/2015/0125/svarsoversikt/"


def test_overview_lists_answers_and_prints_cleanly(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    c.post(PAGE_1, {"svar-1-bou": "ja", "svar-1a": "ny", "kommentar-1": "Gäller från mars"})
    page = soup(c.get("/enkat/2015/0125/svarsoversikt/"))
    text = page.get_text(" ", strip=True)
    assert "Svarsöversikt: Ekerö 2015" in text
    assert "Verksamhetsområdet - Barn- och ungdomsvård: Ja" in text
    assert "Ej aktuellt, rutinen upprättades efter 1 april 2014" in text
    assert "Kommentar: Gäller från mars" in text
    assert "Ej besvarad (obligatorisk)" in text  # 1 vuxen is still missing
    assert "1b." not in text  # not asked, so not listed
    for hidden_in_print in ("site-header", "no-print"):
        assert page.select(f".{hidden_in_print}")
    css = Path(str(finders.find("jamfor/site.css"))).read_text(encoding="utf-8")
    assert "@media print" in css and ".no-print" in css.split("@media print", 1)[1]


def test_klar_is_refused_while_required_answers_are_missing(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    c.post(PAGE_1, {"svar-1-bou": "ja"})
    r = c.post("/enkat/2015/0125/klar/")
    assert r.status_code == 400
    text = soup(r).select_one("[data-error-summary]").get_text(" ", strip=True)
    assert "Svaren kunde inte markeras som klara" in text
    assert "Fråga 1 är obligatorisk och inte besvarad på alla rader." in text
    assert "Fråga 29 är obligatorisk och inte besvarad." in text
    assert Response.objects.get().status == Status.DRAFT


def test_klar_and_a_later_change_makes_it_a_draft_again(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    answer_everything(c)
    r = c.post("/enkat/2015/0125/klar/", follow=True)
    assert "Svaren är markerade som klara" in soup(r).get_text()
    response = Response.objects.get()
    assert response.status == Status.SUBMITTED and response.submitted_at is not None
    record = AuditRecord.objects.filter(action="enkät.klar").get()
    assert (record.before, record.after) == ({"status": "Utkast"}, {"status": "Klar"})

    r = c.post(PAGE_1, {**minimal_page("intern-samordning"), "svar-1-bou": "ja"}, follow=True)
    assert "Klicka på Klar i svarsöversikten igen" in soup(r).get_text()
    assert Response.objects.get().status == Status.DRAFT


def test_after_the_deadline_the_answers_are_read_only(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    c.post(PAGE_1, {"svar-1-bou": "ja"})
    Year.objects.filter(pk=year.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    page = soup(c.get(PAGE_1))
    assert "Sista svarsdag var" in page.get_text()
    assert all(i.has_attr("disabled") for i in page.select("#enkatsida input:not([type=hidden])"))
    assert not page.select("#enkatsida button")
    assert page.select_one("#id_svar-1-bou_0").has_attr("checked")
    before = dump("survey", "audit")
    for url, data in [
        (PAGE_1, {"svar-1-bou": "nej"}),
        (PAGE_1 + "kontroll/", {"svar-1-bou": "nej"}),
        ("/enkat/2015/0125/klar/", {}),
    ]:
        r = c.post(url, data)
        assert r.status_code == 403, url
        assert "Sista svarsdag var" in r.content.decode()
    assert dump("survey", "audit") == before
    assert "Klar" not in [
        b.get_text() for b in soup(c.get("/enkat/2015/0125/svarsoversikt/")).select("button")
    ]


def test_agreed_interpretations_show_beside_their_questions(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    load_catalog_protocol(year, None, actor_name="test")
    c = login(rep)
    page = soup(c.get(PAGE_4))
    note = page.select_one("#fraga-4 aside.interpretation")
    assert note is not None
    assert note.h3.get_text(" ", strip=True).startswith("Överenskommen tolkning: Fråga 4 och 4a")
    assert "det heltal personer som biståndsbedömer" in note.get_text()
    assert page.select_one("#fraga-4a aside.interpretation") is not None
    assert page.select_one("#fraga-4b aside.interpretation") is None
    listed = soup(c.get(PAGE_1)).select_one("#fraga-1 aside.interpretation")
    assert "Om någon förvaltningsledning delegerat ansvaret" in listed.get_text()


def test_analysts_read_every_municipality_but_change_none(
    year: Year, rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    login(rep).post(PAGE_1, {"svar-1-bou": "ja"})
    c = login(analyst)
    index = soup(c.get("/enkat/2015/"))
    rows = [tr.th.get_text() for tr in index.select("tbody tr")]
    assert rows[:2] == ["Ekerö", "Järfälla"] and len(rows) == 8
    assert "Utkast" in index.select("tbody tr")[0].get_text()
    page = soup(c.get(PAGE_1))
    assert "Bara kommunens representant kan ändra dem" in page.get_text()
    assert not page.select("#enkatsida button")
    assert c.post(PAGE_1, {"svar-1-bou": "nej"}).status_code == 403
    assert answers() == {("1", "bou"): "ja"}


def test_a_representative_is_sent_to_their_own_survey(
    year: Year, rep: Any, other_rep: Any, login: Callable[[Any], Client]
) -> None:
    assert login(rep).get("/enkat/2015/")["Location"] == "/enkat/2015/0125/"
    assert login(other_rep).get("/enkat/2015/")["Location"] == f"/enkat/2015/{JARFALLA}/"


def test_saving_is_logged_with_before_and_after(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    c.post(PAGE_1, {"svar-1-bou": "ja"})
    c.post(PAGE_1, {"svar-1-bou": "nej", "kommentar-1": "Rutinen är under arbete"})
    c.post(PAGE_1, {"svar-1-bou": "nej", "kommentar-1": "Rutinen är under arbete"})  # no change
    records = list(AuditRecord.objects.filter(action="enkät.sparad").order_by("id"))
    assert len(records) == 2
    assert records[0].actor == rep and records[0].actor_name == "ekero"
    assert (records[0].before, records[0].after) == ({"svar 1/bou": None}, {"svar 1/bou": "ja"})
    assert records[1].before == {"svar 1/bou": "ja", "kommentar 1": None}
    assert records[1].after == {"svar 1/bou": "nej", "kommentar 1": "Rutinen är under arbete"}
    assert "Intern samordning i enskilda ärenden" in records[1].summary


def test_an_answer_to_specify_is_kept_with_its_row(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    page = "/enkat/2015/0125/sida/standardiserade-bedomningsmetoder/"
    r = c.post(page, {"svar-10": "ja", "precisering-10a-annan": "ASI"})
    assert r.status_code == 200
    assert soup(r).select_one("#fel-precisering-10a-annan").get_text() == (
        "Svara också på raden du preciserar, eller lämna fältet tomt."
    )
    r = c.post(page, {"svar-10": "ja", "svar-10a-annan": "ja", "precisering-10a-annan": "ASI"})
    assert r.status_code == 302
    assert load_draft(Response.objects.get()).details == {("10a", "annan"): "ASI"}
    overview = soup(c.get("/enkat/2015/0125/svarsoversikt/")).get_text(" ", strip=True)
    assert "Annan standardiserad bedömningsmetod, ange vilken: Ja (ASI)" in overview
