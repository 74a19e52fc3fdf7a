"""A survey page's questions are drawn once per content and kept (``views._stored_questions``).

The cache must never show a page as it was: every test opens the page first
(so the drawing is kept), changes one thing the drawing depends on, and
expects the page to show the change at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from jamfor.web.survey.models import Interpretation, Meeting, Year

PAGE_1 = "/enkat/2015/0125/sida/intern-samordning/"


def soup(response: Any) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_a_saved_answer_and_the_follow_up_it_asks_show_at_once(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    first = soup(c.get(PAGE_1))
    assert first.select_one("#fraga-1a").has_attr("hidden")
    assert soup(c.get(PAGE_1)).select_one("#fraga-1a").has_attr("hidden")  # kept, same page

    c.post(PAGE_1, {"svar-1-bou": "ja", "action": "spara"})
    page = soup(c.get(PAGE_1))
    assert page.select_one("#id_svar-1-bou_0").has_attr("checked")
    assert not page.select_one("#fraga-1a").has_attr("hidden")

    c.post(PAGE_1, {"svar-1-bou": "nej", "action": "spara"})
    page = soup(c.get(PAGE_1))
    assert page.select_one("#id_svar-1-bou_1").has_attr("checked")
    assert not page.select_one("#id_svar-1-bou_0").has_attr("checked")
    assert page.select_one("#fraga-1a").has_attr("hidden")


def test_a_new_interpretation_shows_beside_its_question_at_once(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    assert soup(c.get(PAGE_1)).select_one("#fraga-1 aside.interpretation") is None
    meeting = Meeting.objects.create(year=year, date="2015-04-24", participants="A")
    note = Interpretation.objects.create(
        meeting=meeting,
        questions="1",
        heading="Fråga 1",
        text="Räkna bara rutiner daterade före april.",
    )
    assert (
        "Räkna bara rutiner daterade före april." in soup(c.get(PAGE_1)).select_one("#fraga-1").text
    )

    Interpretation.objects.filter(pk=note.pk).update(text="Räkna även odaterade rutiner.")
    shown = soup(c.get(PAGE_1)).select_one("#fraga-1").text
    assert "Räkna även odaterade rutiner." in shown
    assert "daterade före april" not in shown


def test_the_deadline_passing_and_another_reader_each_get_their_own_page(
    year: Year, rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    c.post(PAGE_1, {"svar-1-bou": "ja", "action": "spara"})
    assert not soup(c.get(PAGE_1)).select_one("#id_svar-1-bou_0").has_attr("disabled")
    # the analyst reads the same answers, but may not change them
    read = soup(login(analyst).get(PAGE_1))
    assert read.select_one("#id_svar-1-bou_0").has_attr("disabled")
    assert read.select_one("#id_svar-1-bou_0").has_attr("checked")
    assert not soup(c.get(PAGE_1)).select_one("#id_svar-1-bou_0").has_attr("disabled")

    Year.objects.filter(pk=year.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    assert soup(c.get(PAGE_1)).select_one("#id_svar-1-bou_0").has_attr("disabled")


def test_the_page_frame_links_to_its_stylesheet_and_menu_on_every_page(
    year: Year, reader: Any, login: Callable[[Any], Client]
) -> None:
    """The frame's addresses are worked out once (``site_links``); the log-in page, whose
    context has Django's own ``site``, draws them too."""
    for client, url in [
        (Client(), "/konto/logga-in/"),
        (login(reader), "/"),
    ]:
        page = soup(client.get(url))
        assert page.select_one("link[rel=stylesheet]")["href"] == "/static/jamfor/site.css"
        assert page.select_one(".site-name a")["href"] == "/"
        assert [s["src"] for s in page.select("script")][-1] == "/static/jamfor/keep.js"
        assert page.select_one("footer a")["href"] == "/tillganglighet/"
