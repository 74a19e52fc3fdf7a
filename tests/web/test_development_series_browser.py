"""An analyst attaches monthly statistics in a real browser (Debian's headless Chromium).

From the area's page to the series page, a file chosen and read in, a PxWeb
query fetched from the stand-in on 127.0.0.1, and the knowledge report with
the series' table and line chart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from jamfor.web.survey.models import Year

from ..sources.test_pxweb import MONTHS, cube
from ..support.pxweb_server import NORDVAST, Host, pxweb_host, query
from .conftest import log_in
from .cycle_support import cycle_with_area, sick_leave_csv


def test_attach_a_file_and_a_pxweb_query_and_read_the_report(
    live_server: Any,
    year: Year,
    analyst: Any,
    browser: Browser,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JAMFOR_CACHE_DIR", str(tmp_path / "cache"))
    _cycle, area = cycle_with_area(year, name="Ohälsa")
    upload = tmp_path / "sjukfall.csv"
    upload.write_bytes(sick_leave_csv())
    base = live_server.url
    page = browser.new_page()
    log_in(page, base, "analytiker")
    page.goto(f"{base}/utveckling/2015/omraden/{area.pk}/")
    page.get_by_role("link", name="Statistik över tid (månadsserier)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistik över tid: Ohälsa")

    page.get_by_label("Seriefil (CSV eller Excel)").set_input_files(str(upload))
    page.locator("#id_fil-title").fill("Antal sjukfall i nordvästkommunerna")
    page.get_by_role("button", name="Läs in serien").click()
    expect(page.locator(".messages")).to_contain_text(
        "Serien «Antal sjukfall i nordvästkommunerna» (oktober 2014–oktober 2015) är tillagd"
    )

    with pxweb_host(Host(cube())) as host:
        page.get_by_label("Tabellens adress i PxWeb-API:t").fill(host.table_url)
        page.get_by_label("Sparad fråga (JSON)").fill(
            json.dumps(query(list(NORDVAST), [m for m, _ in MONTHS]))
        )
        page.get_by_role("button", name="Hämta serien").click()
        expect(page.locator(".messages")).to_contain_text("Serien «Helårsekvivalenter»")
    expect(page.get_by_role("button", name="Ta bort serien «Helårsekvivalenter»")).to_be_visible()

    page.goto(f"{base}/utveckling/2015/kunskap/")
    expect(page.get_by_role("heading", name="Statistik över tid")).to_be_visible()
    table = page.locator("figure", has_text="Antal sjukfall i nordvästkommunerna (antal)")
    expect(table.get_by_role("row", name="mars 2015")).to_contain_text("saknas")
    chart = page.get_by_role("img", name="Linjediagram: Antal sjukfall")
    expect(chart).to_be_visible()
    expect(page.get_by_role("img", name="Linjediagram: Helårsekvivalenter")).to_be_visible()
