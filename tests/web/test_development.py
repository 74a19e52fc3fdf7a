"""The development work after the results: the cycle, areas, answers, knowledge report, decision, follow-up."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from jamfor.web.audit.models import AuditRecord
from jamfor.web.development.models import Area, Cycle, Kind, Submission, SubmissionVersion
from jamfor.web.results.importing import import_results
from jamfor.web.survey.models import Year

from ..conftest import NORDVAST_MEMBERS
from .conftest import EKERO, JARFALLA, dump
from .cycle_support import (
    DECISIONS_HEADER,
    EXAMPLE,
    answer,
    cycle_with_area,
    decide,
    sick_leave_csv,
)

DATA = Path(__file__).parent.parent / "data"


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(response: Any) -> str:
    return " ".join(soup(response).get_text(" ").split())


@pytest.fixture
def results(year: Year, analyst: Any) -> Year:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    return year


# ------------------------------------------------------------------ the cycle


def test_the_analyst_starts_the_cycle_and_plans_its_dates(
    year: Year, analyst: Any, reader: Any, login: Callable[[Any], Client]
) -> None:
    assert "är inte startat ännu" in text(login(reader).get("/utveckling/2015/"))
    c = login(analyst)
    assert c.post("/utveckling/2015/starta/").status_code == 302
    cycle = Cycle.objects.get(year=year)
    assert c.post("/utveckling/2015/starta/").status_code == 302
    assert Cycle.objects.count() == 1  # starting twice changes nothing
    r = c.post(
        "/utveckling/2015/planering/",
        {"date_resultatmote": "2015-05-05", "date_fragor": "2015-06-15", "date_beslut": "nej"},
    )
    assert r.status_code == 200
    page = soup(r)
    field = page.select_one("#id_date_beslut")
    assert field is not None and field["aria-invalid"] == "true"
    assert "id_date_beslut_error" in field["aria-describedby"]
    assert page.select_one(".error-summary a[href='#id_date_beslut']") is not None
    r = c.post(
        "/utveckling/2015/planering/",
        {"date_resultatmote": "2015-05-05", "date_fragor": "2015-06-15"},
    )
    assert r.status_code == 302
    cycle.refresh_from_db()
    assert cycle.date_fragor.isoformat() == "2015-06-15"
    page = text(c.get("/utveckling/2015/"))
    assert "Arbetet är i fasen Resultatmöte (planerat 2015-05-05)" in page
    assert "Välj minst 3 utvecklingsområden ur resultaten (hittills 0)." in page
    actions = list(AuditRecord.objects.order_by("id").values_list("action", "after"))
    assert actions[0][0] == "utveckling.cykel.skapad"
    assert actions[1] == (
        "utveckling.cykel.ändrad",
        {"date_resultatmote": "2015-05-05", "date_fragor": "2015-06-15"},
    )


def test_the_cycle_page_says_who_must_do_what_next(
    year: Year, rep: Any, analyst: Any, reader: Any, login: Callable[[Any], Client]
) -> None:
    _cycle, first = cycle_with_area(year, "Område A")
    cycle_with_area(year, "Område B")
    cycle_with_area(year, "Område C", questions=())
    page = soup(login(analyst).get("/utveckling/2015/"))
    step = page.select_one(".next-step")
    assert "Arbetet är i fasen Frågor till kommunerna" in step.get_text()
    lines = [" ".join(li.get_text().split()) for li in step.select("ul.tasks li")]
    members = (
        "Ekerö, Järfälla, Sigtuna, Sollentuna, Solna, Sundbyberg, Upplands Väsby och Upplands-Bro"
    )
    # the overview: one line per task, naming the municipalities, not one per municipality
    assert [re.sub(r" \(försenad \d+ dagar\)", "", line) for line in lines] == [
        "FoU-analytikern: Ställ frågor till kommunerna om «Område C». Senast 2015-06-15.",
        f"8 kommuner ({members}): Svara på frågorna om «Område A». Senast 2015-06-15.",
        f"8 kommuner ({members}): Svara på frågorna om «Område B». Senast 2015-06-15.",
    ]
    own = soup(login(rep).get("/utveckling/2015/")).select_one(".next-step")
    assert own.h2.get_text() == "Nästa steg för Ekerö"
    assert own.select_one("h3").get_text() == "Det här ska Ekerö göra"
    others = [" ".join(li.get_text().split()) for li in own.select("p ~ ul.tasks li")]
    assert len(others) == 1 and others[0].startswith("FoU-analytikern: Ställ frågor")
    assert "Järfälla" not in own.get_text()  # another municipality's tasks are its own
    assert soup(login(reader).get("/utveckling/2015/")).select(".next-step") == []
    answer(login(rep), EKERO, first, "Vi har en rutin sedan 2014.")
    own = soup(login(rep).get("/utveckling/2015/"))
    tasks = [" ".join(li.get_text().split()) for li in own.select(".next-step h3 + ul li")]
    assert len(tasks) == 1
    assert re.fullmatch(
        r"Ekerö: Svara på frågorna om «Område B»\. Senast 2015-06-15 \(försenad \d{4} dagar\)\.",
        tasks[0],
    )


def test_dates_out_of_order_are_saved_with_a_warning_and_lateness_is_shown(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    c.post("/utveckling/2015/starta/")
    today = timezone.localdate()
    planned = {
        "date_resultatmote": (today - dt.timedelta(days=3)).isoformat(),
        "date_fragor": (today - dt.timedelta(days=1)).isoformat(),
        "date_beslut": (today - dt.timedelta(days=10)).isoformat(),  # before the result meeting
        "date_uppfoljning": (today + dt.timedelta(days=30)).isoformat(),
    }
    r = c.post("/utveckling/2015/planering/", planned, follow=True)
    warning = (
        f"Kontrollera datumen: Beslut ({planned['date_beslut']}) är planerat före frågor till "
        f"kommunerna ({planned['date_fragor']}), som kommer före i arbetsmodellen."
    )
    page = soup(r)
    assert [m.get_text() for m in page.select(".messages .message-warning")] == [warning]
    assert Cycle.objects.get().date_beslut == today - dt.timedelta(days=10)  # saved all the same
    note = page.select_one(
        "#faser ~ .message-warning, section[aria-labelledby=faser] .message-warning"
    )
    assert note is not None and warning.removeprefix("Kontrollera datumen: ") in note.get_text()
    phases = [" ".join(li.get_text().split()) for li in page.select("ol.phases li")]
    assert f"Planerat {planned['date_resultatmote']} (försenad 3 dagar)" in phases[0]
    assert f"Planerat {planned['date_fragor']} (försenad 1 dag)" in phases[1]
    assert "försenad" not in phases[6]  # follow-up lies ahead
    task = " ".join(page.select_one(".next-step ul.tasks li").get_text().split())
    assert task.endswith(f"Senast {planned['date_resultatmote']} (försenad 3 dagar).")
    c.post("/utveckling/2015/planering/", {**planned, "date_beslut": ""})
    assert not soup(c.get("/utveckling/2015/")).select(
        "section[aria-labelledby=faser] .message-warning"
    )


# ------------------------------------------------------------------ candidates and areas


def test_candidates_from_the_2015_results_and_picking_three(
    results: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    c.post("/utveckling/2015/starta/")
    page = soup(c.get("/utveckling/2015/forslag/"))
    labels = [lab.get_text(" ", strip=True) for lab in page.select(".candidate-list label")]
    assert labels[:4] == [
        "1. Aktuell rutin vid skyddade personuppgifter",
        "2. Juridiskt stöd",
        "3. Strukturerad inskolningsperiod",
        "4. Rutin med barn- och ungdomsvården",
    ]
    assert not any("IT-system" in lab for lab in labels)
    reason = page.select_one("#skal-rutin-barn-unga").get_text(" ", strip=True)
    assert "54,3\xa0% i riket: 16,8 procentenheter lägre" in reason
    assert "3 av 8 kommuner med svar svarar ja" in reason
    stricter = soup(c.get("/utveckling/2015/forslag/?troskel=25"))
    ids = [i["value"] for i in stricter.select("input[name=valda]")]
    assert "inskolning" not in ids and "juridiskt-stod" in ids
    bad = soup(c.get("/utveckling/2015/forslag/?troskel=-3"))
    assert bad.select_one("#id_troskel")["aria-invalid"] == "true"

    r = c.post(
        "/utveckling/2015/forslag/",
        {"valda": ["rutin-barn-unga", "juridiskt-stod"], "troskel": "10"},
        follow=True,
    )
    warning = "Arbetsmodellen säger minst 3 utvecklingsområden, och bara 2 är valda."
    assert warning in text(r)
    areas = list(Area.objects.order_by("position"))
    assert [(a.name, a.indicators) for a in areas] == [
        ("Juridiskt stöd", ["juridiskt-stod"]),
        ("Rutin med barn- och ungdomsvården", ["rutin-barn-unga"]),
    ]
    assert "16,8 procentenheter lägre" in areas[1].origin and "tröskel 10" in areas[1].origin
    page = soup(c.get("/utveckling/2015/forslag/"))
    assert "rutin-barn-unga" not in [i["value"] for i in page.select("input[name=valda]")]
    r = c.post("/utveckling/2015/forslag/", {"valda": ["inskolning"]}, follow=True)
    assert warning not in text(r) and Area.objects.count() == 3
    assert "Arbetsmodellen säger minst" not in text(c.get("/utveckling/2015/"))
    assert AuditRecord.objects.filter(action="utveckling.område.skapad").count() == 3


def test_an_area_is_named_described_and_linked_to_indicators(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    c.post("/utveckling/2015/starta/")
    r = c.post("/utveckling/2015/omraden/nytt/", {"name": "Samverkan", "need": ""})
    assert r.status_code == 200
    assert "Behov: Beskriv behovet bakom området." in text(r)
    r = c.post(
        "/utveckling/2015/omraden/nytt/",
        {
            "name": "Samverkan kring barn",
            "need": "Barnens situation syns för sällan i besluten.",
            "indicators": ["rutin-barn-unga", "utredningsmall-barnperspektiv"],
            "statistics_requested": "on",
            "statistics_codes": "031; 021",
            "statistics_min_cell": "1",
        },
    )
    assert "Minsta redovisade antal är 2 eller mer" in text(r)
    r = c.post(
        "/utveckling/2015/omraden/nytt/",
        {
            "name": "Samverkan kring barn",
            "need": "Barnens situation syns för sällan i besluten.",
            "indicators": ["rutin-barn-unga", "utredningsmall-barnperspektiv"],
            "statistics_requested": "on",
            "statistics_codes": "099",
        },
    )
    assert "Okänd orsakskod «099»" in text(r)
    r = c.post(
        "/utveckling/2015/omraden/nytt/",
        {
            "name": "Samverkan kring barn",
            "need": "Barnens situation syns för sällan i besluten.",
            "indicators": ["rutin-barn-unga", "utredningsmall-barnperspektiv"],
            "statistics_requested": "on",
            "statistics_codes": "031; 021",
        },
        follow=True,
    )
    area = Area.objects.get()
    assert area.indicators == ["rutin-barn-unga", "utredningsmall-barnperspektiv"]
    assert area.statistics_codes == "021, 031"
    page = text(r)
    assert (
        "Rutin med barn- och ungdomsvården" in page and "Utredningsmall med barnperspektiv" in page
    )
    assert "Arbetsmodellen säger minst 3 utvecklingsområden, och bara 1 är valt." in page


def test_questions_the_working_models_three_and_their_removal(
    year: Year, analyst: Any, rep: Any, login: Callable[[Any], Client]
) -> None:
    _cycle, area = cycle_with_area(year, questions=())
    c = login(analyst)
    base = f"/utveckling/2015/omraden/{area.pk}/fragor/"
    c.post(base + "standard/")
    c.post(base + "standard/")  # twice: nothing doubled
    assert c.post(base, {"text": ""}).status_code == 200
    c.post(base, {"text": "Hur följer ni upp rutinen?"})
    assert [q.text for q in area.questions.all()] == [
        "Vad vet vi i vår kommun om detta?",
        "Vad har vi för statistik kring detta?",
        "Vad har vi gjort för tidigare analyser?",
        "Hur följer ni upp rutinen?",
    ]
    last = area.questions.last()
    c.post(f"{base}{last.pk}/ta-bort/")
    assert area.questions.count() == 3
    answer(login(rep), EKERO, area, "Mycket.", "Lite.", "Inga.")
    first = area.questions.first()
    r = c.post(f"{base}{first.pk}/ta-bort/", follow=True)
    assert "kan inte tas bort" in text(r) and area.questions.count() == 3


# ------------------------------------------------------------------ answers


def test_drafts_autosave_and_a_second_sending_keeps_the_first_version(
    year: Year, rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    _cycle, area = cycle_with_area(year, questions=("Vad vet ni?", "Vilken statistik har ni?"))
    q1, q2 = area.questions.all()
    c = login(rep)
    url = f"/utveckling/2015/svar/{EKERO}/{area.pk}/"
    page = soup(c.get(url))
    assert page.select_one(f"label[for=id_svar-{q1.pk}]").get_text() == "1. Vad vet ni?"
    assert page.select_one("form[data-autosave-url]") is not None
    auto = c.post(url + "autospara/", {f"svar-{q1.pk}": "Vi har en rutin."})
    assert auto.status_code == 200 and auto.json()["saved"] is True
    assert "Utkastet sparades automatiskt kl." in auto.json()["message"]
    assert (
        c.post(url + "autospara/", {f"svar-{q1.pk}": "Vi har en rutin."}).json()["saved"] is False
    )
    submission = Submission.objects.get()
    assert submission.draft == {"svar": {str(q1.pk): "Vi har en rutin."}, "statistik": None}
    assert not submission.versions.exists()
    shown = soup(c.get(url)).select_one(f"#id_svar-{q1.pk}").get_text()
    assert shown.strip() == "Vi har en rutin."

    r = answer(c, EKERO, area, "Vi har en rutin.", action="skicka")
    assert r.status_code == 400
    assert not submission.versions.exists()  # fråga 2 unanswered: not sent in
    refused = soup(r)
    summary = refused.select_one("[data-error-summary]")
    assert "Svaren skickades inte in" in summary.get_text()
    assert "Obesvarade: fråga 2." in summary.get_text()
    assert [a["href"] for a in summary.select("a")] == [f"#id_svar-{q2.pk}"]
    assert refused.select_one(f"#id_svar-{q2.pk}")["aria-invalid"] == "true"
    assert refused.select_one(f"#id_svar-{q1.pk}").get("aria-invalid") is None
    assert Submission.objects.get().draft["svar"] == {str(q1.pk): "Vi har en rutin."}

    answer(c, EKERO, area, "Vi har en rutin.", "Ingen.")
    answer(c, EKERO, area, "Vi har en rutin.", "Ingen.")  # unchanged: no new version
    assert submission.versions.count() == 1
    answer(c, EKERO, area, "Vi har en rutin sedan 2014.", "Ingen ännu.")
    first, second = SubmissionVersion.objects.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.content["svar"] == [
        {"id": q1.pk, "fraga": "Vad vet ni?", "svar": "Vi har en rutin."},
        {"id": q2.pk, "fraga": "Vilken statistik har ni?", "svar": "Ingen."},
    ]
    assert second.content["svar"][0]["svar"] == "Vi har en rutin sedan 2014."
    assert (first.submitted_by, second.submitted_by) == (rep, rep)

    # a later draft leaves the versions alone, and says it is not sent in
    c.post(url, {f"svar-{q1.pk}": "Utkast som inte är klart", "action": "spara"})
    assert submission.versions.count() == 2
    assert SubmissionVersion.objects.get(number=1).content == first.content
    state = text(c.get(url))
    assert "Inskickat; senare ändringar är inte inskickade" in state

    versions = soup(login(analyst).get(url + "versioner/"))
    headings = [h.get_text() for h in versions.select("h2")]
    assert headings == ["Version 2 (gäller)", "Version 1"]
    assert "Vi har en rutin." in versions.get_text() and "Ingen ännu." in versions.get_text()
    assert "Utkast som inte är klart" not in versions.get_text()
    analyst_page = text(login(analyst).get(url))
    assert "Vi har en rutin sedan 2014." in analyst_page
    assert "Utkast som inte är klart" not in analyst_page  # drafts stay with the municipality
    actions = list(AuditRecord.objects.order_by("id").values_list("action", flat=True))
    assert actions.count("utveckling.inskickad") == 2
    sent = AuditRecord.objects.filter(action="utveckling.inskickad").order_by("id").last()
    assert sent.before == {
        f"svar på fråga {q1.pk}": "Vi har en rutin.",
        f"svar på fråga {q2.pk}": "Ingen.",
        "version": 1,
    }
    assert sent.after["version"] == 2


def test_the_analyst_sees_who_has_not_answered_and_downloads_a_reminder_list(
    year: Year, rep: Any, other_rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    rep.email = "ekero@example.se"
    rep.save()
    _cycle, area = cycle_with_area(year)
    answer(login(other_rep), JARFALLA, area, "Vi vet mycket.")
    answer(login(rep), EKERO, area, "Utkast.", action="spara")
    c = login(analyst)
    page = soup(c.get("/utveckling/2015/svar/"))
    cells = {tr.th.get_text(): tr.td.get_text(" ", strip=True) for tr in page.select("tbody tr")}
    assert cells["Järfälla"].startswith("Inskickat")
    assert cells["Ekerö"].startswith("Utkast, inte inskickat")
    assert cells["Sigtuna"].startswith("Inte påbörjat")
    r = c.get("/utveckling/2015/svar/paminnelser.csv")
    assert r["Content-Type"] == "text/csv; charset=utf-8"
    rows = [line.split(";") for line in r.content.decode("utf-8-sig").splitlines()]
    assert rows[0] == [
        "Kommun",
        "Kommunkod",
        "Utvecklingsområde",
        "Svar senast",
        "Status",
        "Representanter",
        "E-post",
    ]
    assert rows[1] == [
        "Ekerö",
        EKERO,
        "Samverkan med barn- och ungdomsvården",
        "2015-06-15",
        "Utkast, inte inskickat",
        "ekero",
        "ekero@example.se",
    ]
    assert [row[0] for row in rows[1:]] == [m for m in NORDVAST_MEMBERS if m != "Järfälla"]


# ------------------------------------------------------------------ client statistics


def _decisions(*rows: str) -> bytes:
    return (DECISIONS_HEADER + "".join(r + "\n" for r in rows)).encode()


def test_statistics_are_computed_and_stored_as_tables_never_as_the_file(
    year: Year, rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    _cycle, area = cycle_with_area(year, statistics=True)
    area.statistics_codes = "021, 031"
    area.save()
    c = login(rep)
    url = f"/utveckling/2015/svar/{EKERO}/{area.pk}/"
    content = _decisions(
        "Ekerö,021,K,34,ja",
        "Ekerö,021,M,25,nej",
        "Ekerö,031,K,61,nej",
        "Ekerö,022,M,40,nej",
        "Ekerö,011,K,45,ja",  # a code outside the catalog: left out and counted, not refused
    )
    r = c.post(url + "statistik/", {"file": SimpleUploadedFile("beslut-okt.csv", content)})
    assert r.status_code == 302, text(r)
    draft = Submission.objects.get().draft
    stats = draft["statistik"]
    assert (stats["fil"], stats["beslut"], stats["koder"]) == (
        "beslut-okt.csv",
        5,
        ["021", "031"],
    )
    first = stats["tabeller"][0]
    assert first["rubrik"] == "Klienter och orsakskoder"
    assert [(row["kod"], row["celler"][0]) for row in first["rader"]][:1] == [
        ("021", {"antal": "2", "andel": "67 %"})
    ]
    assert first["rader"][-1] == {
        "kod": "Totalt",
        "text": "",
        "celler": [{"antal": "3", "andel": "100 %"}],
    }
    assert "2 beslut med andra orsakskoder ingår inte." in stats["noter"]
    assert "Ekerö,021,K,34" not in str(draft)  # the counted tables, not the rows
    page = soup(c.get(url))
    assert "2 beslut med andra orsakskoder ingår inte." in page.get_text()
    caption = page.select_one("section[aria-labelledby=statistik] table caption").get_text()
    assert caption == "1. Klienter och orsakskoder"
    answer(c, EKERO, area, "Vi har statistik.")
    version = SubmissionVersion.objects.get()
    assert version.content["statistik"] == stats
    analyst_page = text(login(analyst).get(url))
    assert "Klienter och orsakskoder efter kön" in analyst_page


def test_a_file_with_a_personnummer_or_another_municipality_is_refused_and_not_stored(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    _cycle, area = cycle_with_area(year, statistics=True)
    c = login(rep)
    url = f"/utveckling/2015/svar/{EKERO}/{area.pk}/statistik/"
    before = dump("development", "audit")
    number = "811218-9876"
    bad = _decisions("Ekerö,021,K,34,ja", f"Ekerö,021,K,{number},ja")
    r = c.post(url, {"file": SimpleUploadedFile("beslut.csv", bad)})
    assert r.status_code == 400
    page = text(r)
    assert "personnummer" in page and "ingenting ur den är sparat" in page
    assert number not in r.content.decode() and "8112189876" not in r.content.decode()
    r = c.post(url, {"file": SimpleUploadedFile(f"{number}.csv", _decisions("Ekerö,021,K,34,ja"))})
    assert r.status_code == 400 and number not in r.content.decode()
    other = _decisions("Ekerö,021,K,34,ja", "Järfälla,021,K,34,ja")
    r = c.post(url, {"file": SimpleUploadedFile("beslut.csv", other)})
    assert r.status_code == 400
    assert "Filen innehåller beslut från Järfälla. Ladda bara upp beslut från Ekerö" in text(r)
    assert dump("development", "audit") == before


# ------------------------------------------------------------------ knowledge report


def test_the_knowledge_report_in_three_formats_prints_sent_answers_never_drafts(
    results: Year, rep: Any, other_rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    _cycle, area = cycle_with_area(results, statistics=True)
    answer(login(rep), EKERO, area, "Ekerö har en rutin sedan 2014.")
    answer(login(rep), EKERO, area, "Ekerö skriver om rutinen.", action="spara")
    c = login(other_rep)
    c.post(
        f"/utveckling/2015/svar/{JARFALLA}/{area.pk}/statistik/",
        {"file": SimpleUploadedFile("b.csv", _decisions("Järfälla,022,K,30,ja"))},
    )
    answer(c, JARFALLA, area, "Järfälla saknar rutin.")
    a = login(analyst)
    a.post(
        f"/utveckling/2015/omraden/{area.pk}/analys/",
        {
            "research": "Forskningen visar att samverkan kräver en gemensam rutin.",
            "analysis": "Två kommuner har svarat.\n\nRutinerna skiljer sig.",
            "proposals": "Ta fram en gemensam rutin.",
        },
    )
    page = soup(a.get("/utveckling/2015/kunskap/"))
    body = " ".join(page.get_text(" ").split())
    assert page.h1.get_text() == "Kunskapssammanställning efter Öppna jämförelser 2015"
    headings = [h.get_text() for h in page.select("h2, h3")]
    assert "Utvecklingsområde 1: Samverkan med barn- och ungdomsvården" in headings
    assert [h for h in headings if h.startswith("Svar från")][:3] == [
        "Svar från Ekerö",
        "Svar från Järfälla",
        "Svar från Sigtuna",
    ]
    table = page.select_one("#omrade-tabell-1\\.1")
    assert table is not None
    assert "Tabell 1.1. Intern samordning i enskilda ärenden" in table.caption.get_text(" ")
    snitt = [tr for tr in table.select("tr") if tr.th and tr.th.get_text() == "Snitt i Nordväst"]
    assert snitt[0].td.get_text() == "37,5\xa0%"
    assert "Ekerö har en rutin sedan 2014." in body
    assert "Ekerö skriver om rutinen." not in body  # a draft is never printed
    assert "Järfälla saknar rutin." in body
    assert "Tabell 1.2. Klienter och orsakskoder, Järfälla" in body
    assert "Ekerö har inte lämnat någon klientstatistik." in body
    assert "Sigtuna har inte skickat in några svar." in body
    assert "Forskningen visar att samverkan kräver en gemensam rutin." in body
    assert "Ta fram en gemensam rutin." in body

    html = a.get("/utveckling/2015/kunskap/rapport.html")
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert 'filename="kunskapssammanstallning-2015.html"' in html["Content-Disposition"]
    document = html.content.decode()
    assert '<html lang="sv">' in document and "Järfälla saknar rutin." in document
    assert 'role="img"' in document  # the result table's chart, as in the results report
    pdf = a.get("/utveckling/2015/kunskap/rapport.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = a.get("/utveckling/2015/kunskap/rapport.docx")
    with zipfile.ZipFile(io.BytesIO(docx.content)) as z:
        xml = z.read("word/document.xml").decode()
    assert "Järfälla saknar rutin." in xml and "Ekerö skriver om rutinen." not in xml
    assert a.get("/utveckling/2015/kunskap/rapport.odt").status_code == 404


def test_publishing_makes_the_answers_final(
    year: Year, rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    cycle, area = cycle_with_area(year)
    c = login(rep)
    answer(c, EKERO, area, "Vi har en rutin.")
    a = login(analyst)
    confirm = text(a.get("/utveckling/2015/kunskap/publicera/"))
    assert "Järfälla: «Samverkan med barn- och ungdomsvården»" in confirm
    assert a.post("/utveckling/2015/kunskap/publicera/").status_code == 302
    cycle.refresh_from_db()
    assert cycle.published_at is not None and cycle.published_by == analyst
    url = f"/utveckling/2015/svar/{EKERO}/{area.pk}/"
    r = answer(c, EKERO, area, "Ändrat efteråt.")
    assert r.status_code == 403
    assert "Kunskapssammanställningen är publicerad" in r.content.decode()
    assert c.post(url + "autospara/", {"x": "y"}).status_code == 403
    page = text(c.get(url))
    assert "svaren kan inte längre ändras" in page and "Vi har en rutin." in page
    assert soup(c.get(url)).select_one("form[data-autosave-url]") is None
    record = AuditRecord.objects.get(action="utveckling.publicering.ändrad")
    assert record.before["published_at"] is None and record.after["published_by"] == analyst.pk


# ------------------------------------------------------------------ decision and plans


def test_the_decision_a_milestone_and_the_action_plans(
    year: Year, rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    cycle, area = cycle_with_area(year)
    c = login(rep)
    assert "Handlingsplanen skrivs när socialchefsgruppen har fattat beslut." in text(
        c.get(f"/utveckling/2015/handlingsplaner/{EKERO}/")
    )
    assert c.post(f"/utveckling/2015/handlingsplaner/{EKERO}/", {"text": "x"}).status_code == 403
    a = login(analyst)
    r = a.post(
        "/utveckling/2015/beslut/",
        {
            "body": "Socialchefsgruppen",
            "date": "2015-10-12",
            "text": "Gruppen tar fram en gemensam rutin.",
            "areas": [str(area.pk)],
        },
    )
    assert r.status_code == 302
    assert list(cycle.decision.areas.all()) == [area]
    r = a.post(
        "/utveckling/2015/beslut/milstolpar/ny/",
        {"title": "Gemensam rutin", "due": "2016-03-01", "kommun": "", "person": ""},
    )
    assert "Ange vem som är ansvarig" in text(r)
    a.post(
        "/utveckling/2015/beslut/milstolpar/ny/",
        {"title": "Gemensam rutin", "area": str(area.pk), "due": "2016-03-01", "kommun": EKERO},
    )
    a.post(
        "/utveckling/2015/beslut/milstolpar/ny/",
        {"title": "Utvärdering", "due": "2016-10-01", "person": "FoU-Nordväst"},
    )
    page = soup(a.get("/utveckling/2015/"))
    rows = [
        [c.get_text(" ", strip=True) for c in tr.select("th, td")][:5]
        for tr in page.select("tbody tr")
    ]
    assert rows == [
        [
            "Gemensam rutin",
            "Samverkan med barn- och ungdomsvården",
            "2016-03-01",
            "Ekerö",
            "Inte klar",
        ],
        ["Utvärdering", "Hela arbetet", "2016-10-01", "FoU-Nordväst", "Inte klar"],
    ]
    assert "Socialchefsgruppen 2015-10-12: Gruppen tar fram en gemensam rutin." in text(
        a.get("/utveckling/2015/")
    )

    url = f"/utveckling/2015/handlingsplaner/{EKERO}/"
    plan = soup(c.get(url))
    assert "Gemensam rutin – senast 2016-03-01 (Ekerö)" in plan.get_text()
    assert plan.select_one("fieldset legend").get_text() == "Status:"
    c.post(url + "autospara/", {"text": "Vi börjar i januari.", "status": "planerad"})
    c.post(url, {"text": "Vi börjar i januari.", "status": "planerad", "action": "skicka"})
    c.post(url, {"text": "Vi började i januari.", "status": "pagar", "action": "skicka"})
    versions = SubmissionVersion.objects.filter(submission__kind=Kind.PLAN).order_by("number")
    assert [(v.number, v.content) for v in versions] == [
        (1, {"text": "Vi börjar i januari.", "status": "planerad"}),
        (2, {"text": "Vi började i januari.", "status": "pagar"}),
    ]
    overview = soup(a.get("/utveckling/2015/handlingsplaner/"))
    ekero = next(tr for tr in overview.select("tbody tr") if tr.th.get_text() == "Ekerö")
    assert [td.get_text() for td in ekero.select("td")][:2] == ["Inskickat", "Pågår"]
    assert "Vi började i januari." in text(a.get(url))
    assert a.post(url, {"text": "Analytikerns plan", "status": "pagar"}).status_code == 403
    milestone = cycle.milestones.get(title="Gemensam rutin")
    a.post(
        f"/utveckling/2015/beslut/milstolpar/{milestone.pk}/",
        {"title": "Gemensam rutin", "due": "2016-03-01", "kommun": EKERO, "done_on": "2016-02-20"},
    )
    assert "Klar 2016-02-20" in text(a.get("/utveckling/2015/"))


# ------------------------------------------------------------------ follow-up


def test_follow_up_meetings_and_an_area_over_the_years(
    results: Year, analyst: Any, reader: Any, login: Callable[[Any], Client]
) -> None:
    year_2018 = Year.objects.create(year=2018, group="nordvast")
    import_results(
        year_2018, "oj-2018.csv", (DATA / "oj-ekb-2018-handgjord.csv").read_bytes(), analyst
    )
    cycle, area = cycle_with_area(
        results, "Skyddade personuppgifter", indicators=("rutin-skyddade-personuppgifter",)
    )
    decide(cycle, area)
    a = login(analyst)
    r = a.post("/utveckling/2015/uppfoljning/nytt/", {"date": "2016-04-01", "notes": ""})
    assert "Anteckningar: Skriv anteckningar från mötet." in text(r)
    a.post(
        "/utveckling/2015/uppfoljning/nytt/",
        {"date": "2016-04-01", "participants": "Ekerö, Järfälla", "notes": "Rutinen är på väg."},
    )
    page = text(login(reader).get("/utveckling/2015/uppfoljning/"))
    assert "Uppföljningsmöte 2016-04-01" in page and "Rutinen är på väg." in page

    trend = soup(login(reader).get(f"/utveckling/2015/omraden/{area.pk}/over-tid/"))
    svg = trend.select_one("figure.trend svg")
    assert svg is not None and svg["role"] == "img"
    title = svg.select_one("title")
    assert svg["aria-labelledby"] == title["id"]
    # one definition for the series: the latest year's (2018 words the indicator anew)
    assert title.get_text().startswith(
        "Linjediagram: Aktuell rutin för att inte röja skyddade personuppgifter 2015–2018"
    )
    ids = [e["id"] for e in trend.select("[id]")]
    assert len(ids) == len(set(ids))
    table = trend.select_one("figure.trend + .table-wrap table")
    head = [th.get_text() for th in table.select("thead th")]
    assert head == ["2015 (underlag)", "2018"]
    snitt = table.select_one("tbody tr.snitt")
    assert next(td.get_text() for td in snitt.select("td")) == "12,5\xa0%"
    change = trend.select_one("section p strong").get_text()
    assert change.startswith("Snittet 2015 var 12,5\xa0% och 2018 ")


# ------------------------------------------------------------------ the audit log


def test_every_row_the_development_work_writes_has_its_audit_record(
    results: Year, rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    from django.apps import apps

    a, c = login(analyst), login(rep)
    a.post("/utveckling/2015/starta/")
    a.post("/utveckling/2015/planering/", {"date_fragor": "2015-06-15"})
    a.post(
        "/utveckling/2015/forslag/", {"valda": ["rutin-barn-unga", "inskolning", "juridiskt-stod"]}
    )
    area = Area.objects.order_by("position").first()
    assert area is not None
    a.post(f"/utveckling/2015/omraden/{area.pk}/fragor/standard/")
    a.post(f"/utveckling/2015/omraden/{area.pk}/fragor/", {"text": "Och mer?"})
    c.post(
        f"/utveckling/2015/svar/{EKERO}/{area.pk}/statistik/",
        {"file": SimpleUploadedFile("b.csv", _decisions("Ekerö,021,K,30,ja"))},
    )
    answer(c, EKERO, area, "Ett.", "Två.", "Tre.", "Fyra.")
    a.post(
        f"/utveckling/2015/omraden/{area.pk}/serier/",
        {"action": "fil", "fil-file": SimpleUploadedFile("sjukfall.csv", sick_leave_csv())},
    )
    a.post(f"/utveckling/2015/omraden/{area.pk}/analys/", {"analysis": "Analys."})
    a.post("/utveckling/2015/kunskap/publicera/")
    a.post(
        "/utveckling/2015/stallningstagande/",
        {"position_date": "2015-06-20", "position_text": "Vi väljer rutinen."},
    )
    a.post(
        "/utveckling/2015/beslut/",
        {
            "body": "Socialchefsgruppen",
            "date": "2015-10-12",
            "text": "Ja.",
            "areas": [str(area.pk)],
        },
    )
    a.post(
        "/utveckling/2015/beslut/milstolpar/ny/",
        {"title": "Rutin", "due": "2016-03-01", "kommun": EKERO},
    )
    c.post(
        f"/utveckling/2015/handlingsplaner/{EKERO}/",
        {"text": "Plan.", "status": "pagar", "action": "skicka"},
    )
    a.post("/utveckling/2015/uppfoljning/nytt/", {"date": "2016-04-01", "notes": "Bra."})
    unlogged = []
    for model in apps.get_app_config("development").get_models():
        rows = list(model._default_manager.all())
        assert rows, model  # the walk above writes every kind of row
        for obj in rows:
            if not AuditRecord.objects.filter(
                target_type=model._meta.label, target_id=str(obj.pk)
            ).exists():
                unlogged.append(f"{model._meta.label} {obj.pk}")
    assert not unlogged
    cycle = Cycle.objects.get()
    assert cycle.position_text == "Vi väljer rutinen." and cycle.published
    assert AuditRecord.objects.filter(action="utveckling.inskickad").count() == 2
    assert all(
        r.actor is not None for r in AuditRecord.objects.filter(action__startswith="utveckling.")
    )
    assert login(analyst).get("/admin/development/submission/").status_code == 200


def test_every_page_has_one_h1_headings_in_order_and_a_label_for_every_field(
    results: Year, rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    cycle, area = cycle_with_area(results, statistics=True)
    answer(login(rep), EKERO, area, "Svar.")
    decide(cycle, area)
    pages = {
        rep: [
            "/utveckling/2015/",
            f"/utveckling/2015/svar/{EKERO}/{area.pk}/",
            f"/utveckling/2015/svar/{EKERO}/{area.pk}/versioner/",
            f"/utveckling/2015/handlingsplaner/{EKERO}/",
            f"/utveckling/2015/omraden/{area.pk}/over-tid/",
        ],
        analyst: [
            "/utveckling/2015/",
            "/utveckling/2015/forslag/",
            f"/utveckling/2015/omraden/{area.pk}/",
            f"/utveckling/2015/omraden/{area.pk}/andra/",
            f"/utveckling/2015/omraden/{area.pk}/fragor/",
            f"/utveckling/2015/omraden/{area.pk}/serier/",
            "/utveckling/2015/svar/",
            "/utveckling/2015/kunskap/",
            "/utveckling/2015/beslut/",
            "/utveckling/2015/beslut/milstolpar/ny/",
            "/utveckling/2015/uppfoljning/",
        ],
    }
    for user, urls in pages.items():
        c = login(user)
        for url in urls:
            page = soup(c.get(url))
            levels = [
                int(h.name[1]) for h in page.select("main h1, main h2, main h3, main h4, main h5")
            ]
            assert levels.count(1) == 1 and levels[0] == 1, url
            assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (url, levels)
            for field in page.select("main input:not([type=hidden]), main textarea, main select"):
                if field.get("type") in ("submit", "button"):
                    continue
                assert page.select_one(f"label[for='{field['id']}']") is not None, (url, field)


def test_a_threshold_with_decimals_is_kept_when_the_analyst_picks(
    results: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    c.post("/utveckling/2015/starta/")
    page = soup(c.get("/utveckling/2015/forslag/?troskel=12.5"))
    assert page.select_one("input[name=troskel][type=hidden]")["value"] == "12.5"
    assert "nya-rattsfall" in [i["value"] for i in page.select("input[name=valda]")]
    c.post("/utveckling/2015/forslag/", {"valda": ["nya-rattsfall"], "troskel": "12.5"})
    assert "tröskel 12,5 procentenheter" in Area.objects.get().origin


def test_a_threshold_with_a_decimal_comma_is_the_same_number(
    results: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    c.post("/utveckling/2015/starta/")
    comma = soup(c.get("/utveckling/2015/forslag/", {"troskel": "7,5"}))
    point = soup(c.get("/utveckling/2015/forslag/", {"troskel": "7.5"}))
    assert comma.select_one("input[name=troskel][type=hidden]")["value"] == "7.5"
    assert "förslag med tröskeln 7,5 procentenheter" in comma.get_text()
    assert [i["value"] for i in comma.select("input[name=valda]")] == [
        i["value"] for i in point.select("input[name=valda]")
    ]
    box = comma.select_one("#id_troskel")
    assert (box["type"], box["inputmode"], box["value"]) == ("text", "decimal", "7,5")
    bad = soup(c.get("/utveckling/2015/forslag/", {"troskel": "sju"}))
    assert "«sju» är inget tal" in bad.select_one(".error-summary").get_text()
