"""Small frictions found by hand, checked in a real browser (Debian's headless Chromium).

A textarea's line breaks (which the browser sends as CRLF) keep an
interpretation's paragraphs and list; a threshold typed «7,5» is 7.5;
planned dates out of order are saved with a warning and lateness is shown;
the survey's page list does not overlap at 1280 px; dates are written one way.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from playwright.sync_api import Browser, expect

from jamfor.web.results.importing import import_results
from jamfor.web.survey.models import Year

from ..support.screenshots import shot
from .conftest import log_in
from .cycle_support import EXAMPLE

LONG_DATE = re.compile(
    r"\d (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|"
    r"december) \d{4}"
)


def test_an_interpretation_typed_in_the_browser_keeps_its_list(
    live_server: Any, year: Year, analyst: Any, rep: Any, browser: Browser
) -> None:
    base = live_server.url
    page = browser.new_page()
    log_in(page, base, "analytiker")
    page.goto(f"{base}/tolkningar/2015/nytt/")
    page.get_by_label("Datum").fill("2015-09-10")
    page.get_by_label("Deltagare").fill("Ekerö\nJärfälla")
    first = page.locator("fieldset.card").first
    first.get_by_label("Frågor").fill("17")
    first.get_by_label("Tolkning").fill(
        "Räkna dagar till erbjuden tid.\n\n- även helgdagar\n- även när besöket uteblir"
    )
    page.get_by_role("button", name="Spara mötet").click()
    expect(page.locator(".messages")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()
    log_in(page, base, "ekero")
    page.goto(f"{base}/enkat/2015/0125/sida/vantetid-for-nybesok/")
    aside = page.locator("#fraga-17 aside.interpretation").last
    expect(aside.locator("li")).to_have_text(["även helgdagar", "även när besöket uteblir"])
    expect(aside).to_contain_text("2015-09-10")
    shot(page, "tolkning-i-enkaten", "#fraga-17")
    expect(aside.locator("p")).to_have_text("Räkna dagar till erbjuden tid.")


def test_a_threshold_with_a_decimal_comma(
    live_server: Any, year: Year, analyst: Any, browser: Browser
) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    base = live_server.url
    page = browser.new_page()
    log_in(page, base, "analytiker")
    page.goto(f"{base}/utveckling/2015/")
    page.get_by_role("button", name="Starta utvecklingsarbetet 2015").click()
    page.goto(f"{base}/utveckling/2015/forslag/")
    page.get_by_label("Tröskel i procentenheter").fill("7,5")
    page.get_by_label("Tröskel i procentenheter").press("Enter")
    expect(page.get_by_role("heading", level=2, name="tröskeln 7,5 procentenheter")).to_be_visible()
    expect(page.get_by_label("Tröskel i procentenheter")).to_have_value("7,5")


def test_dates_out_of_order_warn_and_a_late_phase_says_how_late(
    live_server: Any, year: Year, analyst: Any, browser: Browser
) -> None:
    base = live_server.url
    page = browser.new_page()
    log_in(page, base, "analytiker")
    page.goto(f"{base}/utveckling/2015/")
    page.get_by_role("button", name="Starta utvecklingsarbetet 2015").click()
    page.get_by_role("link", name="Planera datumen").click()
    today = timezone.localdate()
    meeting = (today - dt.timedelta(days=4)).isoformat()
    decision = (today - dt.timedelta(days=20)).isoformat()
    page.get_by_label("Resultatmöte").fill(meeting)
    page.get_by_label("Beslut i socialchefsgruppen").fill(decision)
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".messages .message-warning")).to_have_text(
        f"Kontrollera datumen: Beslut ({decision}) är planerat före resultatmöte ({meeting}), "
        "som kommer före i arbetsmodellen."
    )
    expect(page.locator("ol.phases li").first).to_contain_text(
        f"Planerat {meeting} (försenad 4 dagar)"
    )
    shot(page, "faser-och-datum", "section[aria-labelledby=faser]")
    expect(page.locator("body")).not_to_contain_text(LONG_DATE)  # no «2 december 2026»


def test_the_survey_s_page_list_does_not_overlap_at_1280_px(
    live_server: Any, year: Year, rep: Any, browser: Browser
) -> None:
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, base, "ekero")
    page.goto(f"{base}/enkat/2015/0125/sida/vantetid-for-nybesok/")
    boxes = page.locator(".page-nav li").evaluate_all(
        """items => items.map(li => {
            const a = li.querySelector('a').getBoundingClientRect();
            const b = li.getBoundingClientRect();
            return {left: b.left, right: b.right, top: b.top, bottom: b.bottom,
                    linkLeft: a.left, linkRight: a.right};
        })"""
    )
    assert len(boxes) == 15
    for i, b in enumerate(boxes):
        # the number stands inside the item, before its link, and the link inside the item
        assert b["linkLeft"] - b["left"] >= 16, (i, b)
        assert b["linkRight"] <= b["right"] + 0.5, (i, b)
        for other in boxes[i + 1 :]:
            apart = (
                other["left"] >= b["right"]
                or other["right"] <= b["left"]
                or other["top"] >= b["bottom"]
                or other["bottom"] <= b["top"]
            )
            assert apart, (b, other)
