"""The survey in a real browser: Debian's headless Chromium driven by Playwright.

A representative answers with the page's script on (follow-ups appear as the
answers change, errors show in place) and with it off (the "Spara och visa
följdfrågor" button does the same through the server); then the analyst sees
the draft in the consistency review.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from jamfor.web.survey.interpretations import load_catalog_protocol
from jamfor.web.survey.models import Year

from .conftest import log_in

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium saknas i /usr/bin/chromium; installera Debian-paketet chromium",
)


def test_a_representative_answers_and_the_analyst_reviews(
    live_server: Any, year: Year, rep: Any, analyst: Any, browser: Browser
) -> None:
    load_catalog_protocol(year, analyst)
    base = live_server.url
    page = browser.new_page()
    log_in(page, base, "ekero")
    page.get_by_role("link", name="Enkäten för Ekerö").click()
    page.get_by_role("link", name="Intern samordning i enskilda ärenden").click()

    follow_up = page.locator("#fraga-1a")
    expect(follow_up).to_be_hidden()
    page.evaluate("window.samePage = true")
    part = page.get_by_role("group", name="Verksamhetsområdet - Barn- och ungdomsvård")
    part.get_by_label("Ja", exact=True).check()
    expect(follow_up).to_be_visible()
    expect(page.locator("#uppdatering")).to_have_text("Följdfråga 1a visas.")
    assert page.evaluate("window.samePage") is True  # shown in place, without a reload
    expect(page.locator("#fraga-1b")).to_be_hidden()
    follow_up.get_by_label("Nej", exact=True).check()
    page.get_by_role("button", name="Nästa").click()
    expect(page.get_by_role("status").first).to_have_text("Sidan är sparad.")

    page.get_by_role("link", name="Kunskap och kompetens").click()
    page.get_by_label("Svar på fråga 4 (personer)").fill("5")
    count_4a = page.get_by_label("Svar på fråga 4a (personer)")
    count_4a.fill("7")  # waits for 4a to appear: the script has asked the server
    message = "Svaret på fråga 4a (7) kan inte vara större än svaret på fråga 4 (5)."
    expect(page.locator("#fel-svar-4a")).to_have_text(message)
    # WCAG 4.1.3: the message is also said in the live region, not only shown beside the field.
    expect(page.locator("[aria-live=polite]#uppdatering")).to_contain_text(message)
    expect(count_4a).to_have_attribute("aria-invalid", "true")
    expect(count_4a).to_have_attribute("aria-describedby", re.compile(r"\bfel-svar-4a\b"))
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("alert")).to_have_count(1)
    expect(page.get_by_role("alert")).to_contain_text("Sidan är inte sparad")
    expect(page.locator(".error-summary")).to_contain_text(message)
    expect(page.locator("#fel-svar-4a")).to_have_text(message)

    page.get_by_label("Svar på fråga 4a (personer)").fill("4")
    page.get_by_label("Svar på fråga 4b (personer)").fill("3")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("status").first).to_have_text("Sidan är sparad.")

    page.get_by_role("link", name="Svarsöversikt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Svarsöversikt: Ekerö 2015")
    overview = page.locator("main")
    expect(overview).to_contain_text("Verksamhetsområdet - Barn- och ungdomsvård: Ja")
    expect(overview).to_contain_text(
        "Hur många av personerna som redovisas i fråga 4, har socionomexamen?"
    )
    expect(page.locator("dd", has_text=re.compile(r"^4$"))).to_have_count(1)

    page.get_by_role("button", name="Logga ut").click()
    log_in(page, base, "analytiker")
    page.goto(base + "/granskning/2015/")
    row = page.locator("#rad-1bou")
    expect(row.locator("td").first).to_have_text("Ja")
    expect(page.locator("#rad-4a td").first).to_have_text("4")
    expect(row.locator("th details summary")).to_contain_text("Överenskommen tolkning")
    page.close()


def test_without_javascript_the_button_shows_the_follow_ups(
    live_server: Any, year: Year, rep: Any, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, "ekero")
    page.goto(live_server.url + "/enkat/2015/0125/sida/intern-samordning/")
    expect(page.locator("#fraga-1b")).to_be_hidden()
    part = page.get_by_role("group", name=re.compile("Vuxenvård"))
    part.get_by_label("Ja", exact=True).check()
    expect(page.locator("#fraga-1b")).to_be_hidden()  # nothing happens until the server is asked
    page.get_by_role("button", name="Spara och visa följdfrågor").click()
    expect(page.locator("#fraga-1b")).to_be_visible()
    expect(page.locator("#fraga-1b input").first).to_be_enabled()
    context.close()
