"""One development cycle in a real browser (Debian's headless Chromium through Playwright).

The analyst picks three areas from the results and asks a question; Ekerö
answers with the page's script on (the draft autosaves), Järfälla without
it (the buttons do the same through the server); the analyst reads the
knowledge report, downloads it, records the decision and a milestone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from jamfor.web.development.models import Area, SubmissionVersion
from jamfor.web.results.importing import import_results
from jamfor.web.survey.models import Year

from .conftest import log_in
from .cycle_support import EXAMPLE


def status(page: Page, text: str) -> None:
    expect(page.locator(".messages").get_by_text(text)).to_be_visible()


def test_one_cycle_from_the_results_to_the_decision(
    live_server: Any, year: Year, analyst: Any, rep: Any, other_rep: Any, browser: Browser
) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    base = live_server.url
    page = browser.new_page()

    # the analyst starts the cycle and picks areas: two first, which is too few
    log_in(page, base, "analytiker")
    page.get_by_role("link", name="Utvecklingsarbetet efter resultaten").click()
    page.get_by_role("button", name="Starta utvecklingsarbetet 2015").click()
    status(page, "Utvecklingsarbetet 2015 är startat.")
    page.get_by_role("link", name="Förslag på utvecklingsområden ur resultaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Förslag på utvecklingsområden 2015")
    page.get_by_label("4. Rutin med barn- och ungdomsvården").check()
    page.get_by_label("2. Juridiskt stöd").check()
    page.get_by_role("button", name="Lägg till valda som utvecklingsområden").click()
    status(page, "Arbetsmodellen säger minst 3 utvecklingsområden, och bara 2 är valda.")
    page.get_by_role("link", name="Förslag på utvecklingsområden ur resultaten").click()
    page.get_by_label("1. Aktuell rutin vid skyddade personuppgifter").check()
    page.get_by_role("button", name="Lägg till valda som utvecklingsområden").click()
    status(page, "1 utvecklingsområde är tillagt.")
    expect(page.locator(".messages")).not_to_contain_text("Arbetsmodellen säger minst")
    expect(page.locator("ol.areas li")).to_have_count(3)

    # names the need and asks a question
    page.locator("ol.areas").get_by_role("link", name="Rutin med barn- och ungdomsvården").click()
    page.get_by_role("link", name="Ändra namn, behov, indikatorer och statistik").click()
    page.get_by_label("Namn").fill("Samverkan med barn- och ungdomsvården")
    page.get_by_label("Behov").fill("Bara tre av åtta kommuner har en rutin för samverkan.")
    page.get_by_role("button", name="Spara").click()
    status(page, "Utvecklingsområdet «Samverkan med barn- och ungdomsvården» är sparat.")
    page.get_by_role("link", name="Frågor till kommunerna").click()
    page.get_by_label("Ny fråga").fill("Hur samverkar ni med barn- och ungdomsvården i dag?")
    page.get_by_role("button", name="Lägg till frågan").click()
    status(page, "Frågan är tillagd.")
    page.get_by_role("button", name="Logga ut").click()
    area = Area.objects.get(name="Samverkan med barn- och ungdomsvården")

    # Ekerö answers with the script on: the draft saves itself, then it is sent in
    log_in(page, base, "ekero")
    page.get_by_role("link", name="Utvecklingsarbetet efter resultaten").click()
    expect(page.locator(".next-step")).to_contain_text(
        "Ekerö: Svara på frågorna om «Samverkan med barn- och ungdomsvården»."
    )
    page.get_by_role("link", name="Ekerös svar på frågorna").click()
    page.get_by_role("link", name="Samverkan med barn- och ungdomsvården").click()
    page.wait_for_load_state()  # the autosave script runs once the page has loaded
    box = page.get_by_label("1. Hur samverkar ni med barn- och ungdomsvården i dag?")
    box.fill("Ekerö har en gemensam rutin sedan 2014.")
    expect(page.locator("#autosparat")).to_have_text(
        re.compile(r"^Utkastet sparades automatiskt kl\. \d\d:\d\d\.$")
    )
    page.reload()
    expect(box).to_have_value("Ekerö har en gemensam rutin sedan 2014.")
    page.get_by_role("button", name="Skicka in svaren").click()
    status(page, "Svaren är inskickade (version 1). Tidigare versioner finns kvar.")
    page.get_by_role("button", name="Logga ut").click()

    # Järfälla answers without JavaScript: the buttons do it through the server
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    log_in(plain, base, "jarfalla")
    plain.goto(f"{base}/utveckling/2015/svar/0123/{area.pk}/")
    plain.get_by_label("1. Hur samverkar ni med barn- och ungdomsvården i dag?").fill(
        "Järfälla har ingen skriven rutin."
    )
    plain.get_by_role("button", name="Spara utkast").click()
    status(plain, "Utkastet är sparat.")
    plain.get_by_role("button", name="Skicka in svaren").click()
    status(plain, "Svaren är inskickade (version 1).")
    context.close()
    assert SubmissionVersion.objects.count() == 2

    # the analyst reads and downloads the knowledge report, then records the decision
    log_in(page, base, "analytiker")
    page.goto(base + "/utveckling/2015/")
    page.get_by_role("link", name="Förhandsgranska och skriv FoU:s analys").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kunskapssammanställning efter Öppna jämförelser 2015"
    )
    # picked in rank order: Juridiskt stöd (2nd) before the routine (4th), then the 1st
    expect(
        page.get_by_role(
            "heading", name="Utvecklingsområde 2: Samverkan med barn- och ungdomsvården"
        )
    ).to_be_visible()
    expect(page.locator("#omrade-2-svar-0125")).to_contain_text(
        "Ekerö har en gemensam rutin sedan 2014."
    )
    expect(page.locator("#omrade-2-svar-0123")).to_contain_text("Järfälla har ingen skriven rutin.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Kunskapssammanställningen som HTML").click()
    assert download.value.suggested_filename == "kunskapssammanstallning-2015.html"
    html = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Järfälla har ingen skriven rutin." in html

    page.goto(base + "/utveckling/2015/")
    page.get_by_role("link", name="För in beslutet").click()
    page.get_by_label("Datum").fill("2015-10-12")
    page.get_by_label("Beslut:", exact=True).fill("Gruppen tar fram en gemensam rutin.")
    page.get_by_label("Samverkan med barn- och ungdomsvården").check()
    page.get_by_role("button", name="Spara").click()
    status(page, "Beslutet är sparat.")
    page.get_by_role("link", name="Lägg till en milstolpe").click()
    page.get_by_label("Milstolpe").fill("Gemensam rutin klar")
    page.get_by_label("Utvecklingsområde").select_option(
        label="Samverkan med barn- och ungdomsvården"
    )
    page.get_by_label("Klart senast").fill("2016-03-01")
    page.get_by_label("Ansvarig kommun").select_option(label="Ekerö")
    page.get_by_role("button", name="Spara").click()
    status(page, "Milstolpen «Gemensam rutin klar» är sparad.")
    row = page.get_by_role("row", name=re.compile("Gemensam rutin klar"))
    expect(row).to_contain_text("2016-03-01")
    expect(row).to_contain_text("Ekerö")
    expect(page.locator("#beslut")).to_be_visible()
    expect(page.get_by_text("Socialchefsgruppen 2015-10-12:")).to_be_visible()
    page.close()
