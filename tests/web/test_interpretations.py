"""Quality meetings: recorded by analysts, shown beside questions and under tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from django.test import Client

from jamfor.web.audit.models import AuditRecord
from jamfor.web.survey.interpretations import catalog_for, load_catalog_protocol
from jamfor.web.survey.models import Interpretation, Meeting, Year

NEW = "/tolkningar/2015/nytt/"


def form_data(**extra: str) -> dict[str, str]:
    data = {
        "date": "2015-09-10",
        "title": "Uppföljningsmöte",
        "participants": "Ekerö, Järfälla, FoU-Nordväst",
        "interpretations-TOTAL_FORMS": "2",
        "interpretations-INITIAL_FORMS": "0",
        "interpretations-MIN_NUM_FORMS": "0",
        "interpretations-MAX_NUM_FORMS": "1000",
        "interpretations-0-questions": "17",
        "interpretations-0-heading": "",
        "interpretations-0-text": "Räkna dagar till erbjuden tid.\n\n- även helgdagar\n- även när besöket uteblir",
        "interpretations-1-questions": "",
        "interpretations-1-heading": "",
        "interpretations-1-text": "",
    }
    data.update(extra)
    return data


def test_the_2015_protocol_loads_once_with_every_interpretation(year: Year, analyst: Any) -> None:
    meeting = load_catalog_protocol(year, analyst)
    assert meeting is not None
    assert (meeting.date.isoformat(), meeting.title) == ("2015-04-24", "Mötet om kvalitetssäkring")
    bundled = year.catalog.meeting
    assert bundled is not None
    assert [(i.question_ids, i.heading, i.text) for i in meeting.interpretations.all()] == [
        (n.questions, n.heading, n.text) for n in bundled.interpretations
    ]
    assert load_catalog_protocol(year, analyst) is None
    assert Meeting.objects.count() == 1
    assert catalog_for(year).meeting == bundled


def test_an_analyst_records_a_meeting_and_it_shows_in_the_survey(
    year: Year, analyst: Any, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    r = c.post(NEW, form_data())
    assert r.status_code == 302, BeautifulSoup(r.content, "html.parser").select(".errorlist")
    meeting = Meeting.objects.get()
    note = Interpretation.objects.get()
    assert (note.questions, note.heading, note.meeting) == ("17", "Fråga 17", meeting)
    record = AuditRecord.objects.get(action="möte.skapat")
    assert record.after is not None and record.after["tolkningar"][0]["frågor"] == "17"
    assert record.after["participants"] == "Ekerö, Järfälla, FoU-Nordväst"

    page = BeautifulSoup(
        login(rep).get("/enkat/2015/0125/sida/vantetid-for-nybesok/").content, "html.parser"
    )
    aside = page.select_one("#fraga-17 aside.interpretation")
    assert "Uppföljningsmöte 2015-09-10" in aside.h3.get_text()
    assert [li.get_text() for li in aside.select("li")] == [
        "även helgdagar",
        "även när besöket uteblir",
    ]
    listed = BeautifulSoup(login(rep).get("/tolkningar/2015/").content, "html.parser")
    assert "Ekerö, Järfälla, FoU-Nordväst" in listed.get_text()
    assert not listed.select("a[href$='/ta-bort/']")  # representatives read, do not edit


def test_line_breaks_a_browser_sends_as_crlf_are_stored_as_lf(
    year: Year, analyst: Any, rep: Any, login: Callable[[Any], Client]
) -> None:
    text = "Räkna dagar till erbjuden tid.\r\n\r\n- även helgdagar\r\n- även när besöket uteblir"
    r = login(analyst).post(NEW, form_data(**{"interpretations-0-text": text}))
    assert r.status_code == 302
    assert Interpretation.objects.get().text == (
        "Räkna dagar till erbjuden tid.\n\n- även helgdagar\n- även när besöket uteblir"
    )
    page = BeautifulSoup(
        login(rep).get("/enkat/2015/0125/sida/vantetid-for-nybesok/").content, "html.parser"
    )
    aside = page.select_one("#fraga-17 aside.interpretation")
    assert [p.get_text() for p in aside.select("p")][-1] == "Räkna dagar till erbjuden tid."
    assert [li.get_text() for li in aside.select("li")] == [
        "även helgdagar",
        "även när besöket uteblir",
    ]


def test_unknown_questions_and_missing_participants_are_refused(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    r = login(analyst).post(
        NEW, form_data(participants="", **{"interpretations-0-questions": "4, 31"})
    )
    assert r.status_code == 200
    text = BeautifulSoup(r.content, "html.parser").get_text()
    assert "Ange vilka som deltog i mötet." in text
    assert "Enkäten 2015 har ingen fråga 31." in text
    assert Meeting.objects.count() == 0 and AuditRecord.objects.count() == 0


def test_changing_and_deleting_a_meeting_is_logged(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    c.post(NEW, form_data())
    meeting = Meeting.objects.get()
    note = meeting.interpretations.get()
    edit = form_data(
        **{
            "interpretations-INITIAL_FORMS": "1",
            "interpretations-0-id": str(note.pk),
            "interpretations-0-meeting": str(meeting.pk),
            "interpretations-0-text": "Räkna kalenderdagar.",
        }
    )
    assert c.post(f"/tolkningar/2015/{meeting.pk}/", edit).status_code == 302
    record = AuditRecord.objects.get(action="möte.ändrat")
    assert record.before is not None and record.after is not None
    assert record.before["tolkningar"][0]["text"].startswith("Räkna dagar till erbjuden tid.")
    assert record.after["tolkningar"][0]["text"] == "Räkna kalenderdagar."
    assert set(record.before) == {"tolkningar"}

    assert c.post(f"/tolkningar/2015/{meeting.pk}/ta-bort/").status_code == 302
    assert not Meeting.objects.exists() and not Interpretation.objects.exists()
    deleted = AuditRecord.objects.get(action="möte.borttaget")
    assert deleted.after is None and deleted.before is not None
    assert deleted.before["title"] == "Uppföljningsmöte"


def test_a_meeting_of_another_year_is_not_found(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    other = Year.objects.create(year=2018, group="nordvast")
    meeting = Meeting.objects.create(year=other, date="2018-05-01", participants="A")
    assert login(analyst).get(f"/tolkningar/2015/{meeting.pk}/").status_code == 404


def test_several_meetings_keep_each_meetings_name_in_the_report(year: Year, analyst: Any) -> None:
    load_catalog_protocol(year, analyst)
    later = Meeting.objects.create(year=year, date="2015-09-10", participants="A")
    Interpretation.objects.create(
        meeting=later, questions="1", heading="Fråga 1", text="Ny läsning."
    )
    meeting = catalog_for(year).meeting
    assert meeting is not None and meeting.date.isoformat() == "2015-09-10"
    headings = [n.heading for n in meeting.interpretations if "1" in n.questions]
    assert headings == [
        "Fråga 1 (mötet om kvalitetssäkring 2015-04-24)",
        "Fråga 1 (mötet om kvalitetssäkring 2015-09-10)",
    ]
