"""A representative uploads client statistics in a real browser (Debian's headless Chromium).

The decisions file holds codes the study does not cover (011, arbetslös): as
the README says, they are left out of the tables and counted in a note, not
refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, expect

from jamfor.web.survey.models import Year

from ..support.screenshots import shot
from .conftest import EKERO, log_in
from .cycle_support import DECISIONS_HEADER, cycle_with_area


def test_decisions_with_other_codes_are_counted_in_a_note(
    live_server: Any, year: Year, rep: Any, browser: Browser, tmp_path: Path
) -> None:
    _cycle, area = cycle_with_area(year, statistics=True)
    upload = tmp_path / "beslut.csv"
    upload.write_text(
        DECISIONS_HEADER
        + "Ekerö,021,K,34,ja\nEkerö,031,M,52,nej\nEkerö,011,K,25,ja\nEkerö,011,M,40,nej\n",
        encoding="utf-8",
    )
    base = live_server.url
    page = browser.new_page()
    log_in(page, base, "ekero")
    page.goto(f"{base}/utveckling/2015/svar/{EKERO}/{area.pk}/")
    page.get_by_label("Fil med beslut (CSV eller Excel)").set_input_files(str(upload))
    page.get_by_role("button", name="Ladda upp och räkna").click()
    section = page.locator("section[aria-labelledby=statistik]")
    expect(section.get_by_role("heading", name="Statistiken i utkastet")).to_be_visible()
    expect(section).to_contain_text("2 beslut med andra orsakskoder ingår inte.")
    shot(page, "klientstatistik", "section[aria-labelledby=statistik]")
    expect(page.locator(".error-summary")).to_have_count(0)
    totals = section.locator("table").first.get_by_role("row").last
    expect(totals).to_contain_text("Totalt")
    expect(totals).to_contain_text("2")
