"""«Nästa steg» per person in a real browser (Debian's headless Chromium).

Three areas asked of eight municipalities are 24 tasks: the analyst sees
them as three lines, Ekerö's representative sees Ekerö's own three first,
and a reader sees no tasks at all.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, expect

from jamfor.web.survey.models import Year

from ..support.screenshots import shot
from .conftest import log_in
from .cycle_support import cycle_with_area


def test_each_role_sees_its_own_next_step(
    live_server: Any, year: Year, analyst: Any, rep: Any, reader: Any, browser: Browser
) -> None:
    for name in ("Område A", "Område B", "Område C"):
        cycle_with_area(year, name)
    base = live_server.url
    page = browser.new_page()

    log_in(page, base, "analytiker")
    page.goto(f"{base}/utveckling/2015/")
    step = page.locator(".next-step")
    expect(step.get_by_role("heading", level=2)).to_have_text("Nästa steg")
    expect(step.locator("ul.tasks > li")).to_have_count(3)
    shot(page, "nasta-steg-analytiker", ".next-step")
    expect(step.locator("ul.tasks > li").first).to_contain_text(
        "8 kommuner (Ekerö, Järfälla, Sigtuna, Sollentuna, Solna, Sundbyberg, Upplands Väsby "
        "och Upplands-Bro): Svara på frågorna om «Område A»."
    )
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, base, "ekero")
    page.goto(f"{base}/utveckling/2015/")
    step = page.locator(".next-step")
    expect(step.get_by_role("heading", level=2)).to_have_text("Nästa steg för Ekerö")
    first = step.locator("h3 + ul.tasks > li")
    expect(first).to_have_count(3)
    expect(first.first).to_contain_text("Ekerö: Svara på frågorna om «Område A».")
    expect(step).not_to_contain_text("Järfälla")
    shot(page, "nasta-steg-representant", ".next-step")
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, base, "lasare")
    page.goto(f"{base}/utveckling/2015/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Utvecklingsarbetet 2015")
    expect(page.locator(".next-step")).to_have_count(0)
    expect(page.locator("ol.phases > li")).to_have_count(7)  # where the work stands, still
    shot(page, "utveckling-lasare")
