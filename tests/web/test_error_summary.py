"""After every failed save: one alert, the focus on the error summary, links that land in the field.

WCAG 3.3.1 and 2.4.3. Each form page uses the one mechanism in
``jamfor/web/error_summary.py`` and ``static/jamfor/errors.js``; this walks
a failed save on each kind of form, in Chromium, as a keyboard or screen
reader user meets it.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from jamfor.web.results.importing import import_results
from jamfor.web.survey.models import Year

from .conftest import PASSWORD, log_in
from .cycle_support import EXAMPLE, cycle_with_area, decide

FOCUS = """() => {
  const el = document.activeElement;
  return {id: el.id, tag: el.tagName, summary: el.hasAttribute('data-error-summary'),
          invalid: el.getAttribute('aria-invalid')};
}"""


def failed_save_problems(page: Page, where: str, *, links: int) -> list[str]:
    """What is wrong with the page a failed save left: alerts, focus, the summary's links."""
    page.wait_for_load_state()
    problems = []
    alerts = page.get_by_role("alert").count()
    if alerts != 1:
        problems.append(f"{where}: {alerts} element med role=alert, ska vara 1")
    focus = page.evaluate(FOCUS)
    if not focus["summary"]:
        problems.append(
            f"{where}: fokus på {focus['tag']}#{focus['id']}, inte på felsammanfattningen"
        )
    anchors = page.locator("[data-error-summary] a")
    found = anchors.count()
    if found < links:
        problems.append(f"{where}: {found} länkar i sammanfattningen, väntade minst {links}")
    for i in range(found):
        link = anchors.nth(i)
        target = (link.get_attribute("href") or "").removeprefix("#")
        link.click()
        landed = page.evaluate(FOCUS)
        if landed["id"] != target or landed["invalid"] != "true":
            problems.append(
                f"{where}: länken till #{target} landade på {landed['tag']}#{landed['id']} "
                f"(aria-invalid={landed['invalid']})"
            )
    return problems


@pytest.fixture
def development(year: Year, analyst: Any, rep: Any) -> Any:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    cycle, area = cycle_with_area(
        year, questions=("Vad vet ni?", "Vad har ni för statistik?"), statistics=True
    )
    decide(cycle, area)
    return area


def test_every_failed_save_focuses_the_summary_whose_links_land_in_the_field(
    live_server: Any, development: Any, browser: Browser
) -> None:
    base, area = live_server.url, development
    found: list[str] = []

    page = browser.new_page()
    page.goto(base + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("ekero")
    page.get_by_label("Lösenord").fill("fel lösenord")
    page.get_by_role("button", name="Logga in").click()
    found += failed_save_problems(page, "inloggningen", links=0)

    log_in(page, base, "ekero")
    page.goto(base + "/enkat/2015/0125/sida/kunskap-och-kompetens/")
    page.get_by_label("Svar på fråga 4 (personer)").fill("5")
    page.get_by_label("Svar på fråga 4a (personer)").fill("7")
    page.get_by_role("button", name="Spara", exact=True).click()
    found += failed_save_problems(page, "enkätsidan", links=1)
    page.goto(base + "/enkat/2015/0125/svarsoversikt/")
    page.get_by_role("button", name="Klar").click()
    found += failed_save_problems(page, "Klar med obesvarade frågor", links=0)

    answers = f"{base}/utveckling/2015/svar/0125/{area.pk}/"
    page.goto(answers)
    page.get_by_label("1. Vad vet ni?").fill("Vi har en rutin.")
    page.get_by_role("button", name="Skicka in svaren").click()
    found += failed_save_problems(page, "svaren skickade med en obesvarad fråga", links=1)
    page.goto(answers)
    page.get_by_role("button", name="Ladda upp och räkna").click()
    found += failed_save_problems(page, "klientstatistik utan fil", links=1)
    page.goto(f"{base}/utveckling/2015/handlingsplaner/0125/")
    page.get_by_role("button", name="Skicka in handlingsplanen").click()
    found += failed_save_problems(page, "tom handlingsplan skickad", links=1)
    page.goto(base + "/konto/byt-losenord/")
    page.locator("#id_old_password").fill("inte mitt lösenord")
    page.locator("#id_new_password1").fill("Ett-nytt-lösen-99")
    page.locator("#id_new_password2").fill("Ett-nytt-lösen-99")
    page.get_by_role("button", name="Byt lösenord").click()
    found += failed_save_problems(page, "byt lösenord", links=1)

    page = browser.new_page()
    log_in(page, base, "analytiker")
    for where, path, button, links in (
        ("import utan fil", "/resultat/2015/import/", "Förhandsgranska filen", 1),
        ("nytt område", "/utveckling/2015/omraden/nytt/", "Spara", 2),
        ("förslag utan val", "/utveckling/2015/forslag/", "Lägg till valda", 1),
        ("tom fråga", f"/utveckling/2015/omraden/{area.pk}/fragor/", "Lägg till frågan", 1),
        ("ny milstolpe", "/utveckling/2015/beslut/milstolpar/ny/", "Spara", 2),
        ("uppföljningsmöte", "/utveckling/2015/uppfoljning/nytt/", "Spara", 2),
        ("möte om tolkningar", "/tolkningar/2015/nytt/", "Spara mötet", 2),
    ):
        page.goto(base + path)
        page.get_by_role("button", name=button).click()
        found += failed_save_problems(page, where, links=links)
    assert not found, "\n".join(found)


def test_without_javascript_the_summary_still_takes_the_focus(
    live_server: Any, year: Year, rep: Any, browser: Browser
) -> None:
    """The summary's autofocus attribute does it when the script does not run."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("ekero")
    page.get_by_label("Lösenord").fill(PASSWORD + "x")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_selector("[data-error-summary]")
    assert page.evaluate(FOCUS)["summary"] is True
