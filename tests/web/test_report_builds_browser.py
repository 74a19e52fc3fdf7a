"""A report download in a real browser (Debian's headless Chromium): progress, then the file."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from jamfor.web.results.importing import import_results
from jamfor.web.survey.models import Year

from ..support.screenshots import shot
from .conftest import log_in
from .cycle_support import EXAMPLE


def test_the_pdf_is_built_in_the_background_with_progress_shown(
    live_server: Any, year: Year, analyst: Any, browser: Browser, settings: Any
) -> None:
    settings.JAMFOR_REPORT_BUILDS = "thread"  # as the server runs it
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    base = live_server.url
    page = browser.new_page()
    log_in(page, base, "analytiker")
    page.goto(f"{base}/resultat/2015/")
    downloads: list[Any] = []
    page.on("download", lambda d: downloads.append(d))
    page.get_by_role("link", name="Rapporten som PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapporten 2015 (PDF)")
    expect(page.locator("progress")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^Rapporten (väntar på att byggas|byggs)\.")
    )
    shot(page, "rapport-byggs", "main")
    # the page asks every second; a PDF takes seconds, more on a busy test machine
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^Rapporten (är klar|kunde inte byggas)\."), timeout=240_000
    )
    state = page.get_by_role("status").inner_text()
    assert state == "Rapporten är klar.", page.locator("[data-build]").inner_text()
    for _ in range(40):  # the script starts the download as soon as it has seen «klar»
        if downloads:
            break
        page.wait_for_timeout(250)
    assert len(downloads) == 1  # started once, by itself
    assert downloads[0].suggested_filename == "rapport-2015-nordvast.pdf"
    with open(downloads[0].path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    expect(page.get_by_role("link", name="Ladda ner filen (PDF)")).to_be_visible()
    expect(page.locator("progress")).to_have_count(0)


pytestmark = pytest.mark.django_db(transaction=True)
