"""An analyst lays out a year in a real browser (Debian's headless Chromium), no admin needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, expect

from jamfor.catalog.loader import catalog_yaml
from jamfor.sources.kolada_catalog import bundled_kolada_catalog
from jamfor.web.survey.models import Year

from ..support.screenshots import shot
from .conftest import log_in


def test_lay_out_two_years_and_change_one(
    live_server: Any, analyst: Any, browser: Browser, tmp_path: Path
) -> None:
    base = live_server.url
    page = browser.new_page()
    log_in(page, base, "analytiker")
    page.get_by_role("link", name="Lägg upp ett år").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lägg upp ett år")
    page.get_by_label("År:", exact=True).fill("2015")
    page.get_by_label("Område:", exact=True).select_option(label="Ekonomiskt bistånd")
    page.get_by_label("Grupp:", exact=True).fill("nordvast")
    page.get_by_label("Sista svarsdag").fill("2015-03-31")
    page.get_by_label("Den medföljande katalogen för området och året").check()
    shot(page, "ar-nytt", "main")
    page.get_by_role("button", name="Lägg upp året").click()
    expect(page.locator(".messages")).to_have_text(
        "Året 2015 är upplagt. Katalogen: medföljande (handskriven)."
    )
    expect(page.get_by_role("heading", level=2, name="2015")).to_be_visible()
    shot(page, "startsidan-analytiker")

    # a year whose catalog the analyst reviewed, as a file
    own = tmp_path / "missbruk-2024.yaml"
    own.write_text(catalog_yaml(bundled_kolada_catalog("missbruk", 2024)), encoding="utf-8")
    page.get_by_role("link", name="Lägg upp ett år").click()
    page.get_by_label("År:", exact=True).fill("2024")
    page.get_by_label("Område:", exact=True).select_option(label="Missbruks- och beroendevård")
    page.get_by_label("Grupp:", exact=True).fill("Solna, Sundbyberg")
    page.get_by_label("Den medföljande katalogen för området och året").check()
    page.get_by_role("button", name="Lägg upp året").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Det finns ingen medföljande katalog för missbruk 2024.")
    page.get_by_label("En egen katalog").check()
    page.get_by_label("Katalogfil (YAML)").set_input_files(str(own))
    page.get_by_role("button", name="Lägg upp året").click()
    expect(page.locator(".messages")).to_contain_text("Året 2024 är upplagt.")
    assert Year.objects.get(year=2024).catalog.area == "missbruk"

    page.get_by_role("link", name="Ändra året 2024 (grupp, sista svarsdag, katalog)").click()
    expect(page.get_by_label("År:", exact=True)).to_be_disabled()
    expect(page.get_by_label("En egen katalog")).to_be_checked()
    page.get_by_label("Sista svarsdag").fill("2024-05-31")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".messages")).to_contain_text("Året 2024 är sparat.")
    assert str(Year.objects.get(year=2024).deadline) == "2024-05-31"
