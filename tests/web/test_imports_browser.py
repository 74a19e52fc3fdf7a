"""Importing in a real browser: preview, confirm, the synthetic tick, the banner and undo.

Also the feedback while a file is read (issue 15, 6): the button is disabled
and a progress bar says what is happening until the preview page opens.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, expect

from jamfor.web.results.models import ResultValue
from jamfor.web.survey.models import Year

from ..support.screenshots import shot
from .conftest import log_in
from .test_imports import synthetic_file

EXAMPLE = Path(str(resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv"))
WATCH_BUSY = """() => {
  const form = document.querySelector("form[data-busy]");
  const button = form.querySelector("button[type=submit]");
  new MutationObserver(() => {
    if (!button.disabled) return;
    sessionStorage.setItem("busy", JSON.stringify({
      disabled: button.disabled,
      status: form.querySelector("[data-busy-status]").firstChild.textContent,
      progress: !!form.querySelector("[data-busy-status] progress"),
    }));
  }).observe(form, {attributes: true, subtree: true, childList: true});
}"""
FOCUSED_SUMMARY = (
    "() => document.activeElement && document.activeElement.matches('[data-error-summary]')"
)


def test_an_import_is_previewed_confirmed_and_undone(
    live_server: Any, year: Year, analyst: Any, reader: Any, browser: Browser, tmp_path: Path
) -> None:
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, base, "analytiker")
    page.get_by_role("link", name="Läs in resultat").click()

    # while the file is read the button is disabled and the page says so: what the page
    # showed is noted in sessionStorage as it happens, and read on the page that follows
    page.evaluate(WATCH_BUSY)
    page.get_by_label("Fil med publicerade resultat").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Förhandsgranska filen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Förhandsgranska oj-ekb-2015-nordvast.csv"
    )
    seen = page.evaluate("() => JSON.parse(sessionStorage.getItem('busy') || 'null')")
    assert seen == {
        "disabled": True,
        "status": "Filen läses och jämförs med de sparade resultaten. Det kan ta några "
        "sekunder för en stor fil.",
        "progress": True,
    }
    assert not ResultValue.objects.exists()
    expect(page.locator(".batch-counts")).to_contain_text("572 nya värden")
    shot(page, "import-forhandsgranskning")
    page.get_by_role("button", name="Läs in 572 värden").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "oj-ekb-2015-nordvast.csv är inläst: 572 nya"
    )

    # a synthetic file: the preview warns, the confirmation needs the tick
    demo = tmp_path / "demo-2015.csv"
    demo.write_bytes(synthetic_file())
    page.goto(base + "/resultat/2015/import/")
    page.get_by_label("Fil med publicerade resultat").set_input_files(str(demo))
    page.get_by_role("button", name="Förhandsgranska filen").click()
    expect(page.locator(".message-warning")).to_contain_text("Året har verkliga värden")
    expect(page.locator("table.changes").first).to_contain_text("Ekerö")
    page.get_by_role("button", name=re.compile(r"^Läs in \d+ värden")).click()
    expect(page.get_by_role("alert")).to_contain_text("Kryssa i rutan")
    assert page.evaluate(FOCUSED_SUMMARY) is True
    shot(page, "import-syntetiska")
    page.get_by_label("Jag vill läsa in SYNTETISKA").check()
    page.get_by_role("button", name=re.compile(r"^Läs in \d+ värden")).click()
    expect(page.locator(".synthetic-banner")).to_contain_text("SYNTETISKA DATA")

    # the reader sees the banner too
    other = browser.new_page()
    log_in(other, base, "lasare")
    other.goto(base + "/resultat/2015/")
    expect(other.locator(".synthetic-banner")).to_contain_text("SYNTETISKA DATA")
    expect(other.locator("#tabell-2 p.source")).to_contain_text("SYNTETISKA DATA")

    # undone from the list of imports: the real values are back, the banner gone
    page.goto(base + "/resultat/2015/inlasningar/")
    shot(page, "import-inlasningar", "main")
    page.get_by_role("button", name="Ångra inläsningen av demo-2015.csv").click()
    expect(page.get_by_role("status").first).to_contain_text("demo-2015.csv är ångrad")
    other.reload()
    expect(other.locator(".synthetic-banner")).to_have_count(0)
    expect(other.locator("#tabell-2 p.source")).to_contain_text("Källa: Socialstyrelsens")
    assert not ResultValue.objects.filter(batch__synthetic=True).exists()
