"""axe-core (WCAG 2.1 A and AA) on the web app's pages, as each role sees them.

Uses the shared helpers in tests/support/browser.py: Debian's Chromium and
axe-core from tools/axe; skipped with the reason when either is missing.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from jamfor.web.results.importing import import_results
from jamfor.web.survey.interpretations import load_catalog_protocol
from jamfor.web.survey.models import Year

from ..support.browser import axe_violations, describe, require_axe
from .conftest import log_in

EXAMPLE = (resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv").read_bytes()


def check(page: Page, url: str) -> list[str]:
    page.goto(url)
    violations = axe_violations(page)
    return [f"{url}:\n{describe(violations)}"] if violations else []


def test_every_kind_of_page_passes_axe(
    live_server: Any, year: Year, rep: Any, analyst: Any, browser: Browser
) -> None:
    require_axe()
    load_catalog_protocol(year, analyst)
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    base = live_server.url
    page = browser.new_page()
    found = check(page, base + "/konto/logga-in/")

    log_in(page, base, "ekero")
    for path in (
        "/",
        "/enkat/2015/0125/",
        "/enkat/2015/0125/sida/intern-samordning/",
        "/enkat/2015/0125/svarsoversikt/",
        "/tolkningar/2015/",
        "/resultat/2015/",
        "/konto/byt-losenord/",
        "/enkat/2015/0123/",  # 403
    ):
        found += check(page, base + path)
    page.goto(base + "/enkat/2015/0125/sida/kunskap-och-kompetens/")
    page.get_by_label("Svar på fråga 4 (personer)").fill("5")
    page.get_by_label("Svar på fråga 4a (personer)").fill("7")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_selector(".error-summary")
    violations = axe_violations(page)
    found += [f"sidan med fel:\n{describe(violations)}"] if violations else []
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, base, "analytiker")
    for path in (
        "/enkat/2015/",
        "/granskning/2015/",
        "/resultat/2015/import/",
        "/tolkningar/2015/nytt/",
        "/logg/",
    ):
        found += check(page, base + path)
    assert not found, "\n\n".join(found)


def test_every_page_of_the_development_work_passes_axe(
    live_server: Any, year: Year, rep: Any, analyst: Any, browser: Browser
) -> None:
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from jamfor.web.development.models import Milestone

    from .cycle_support import DECISIONS_HEADER, answer, cycle_with_area, decide

    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    year_2018 = Year.objects.create(year=2018, group="nordvast")
    import_results(
        year_2018,
        "oj-2018.csv",
        (Path(__file__).parent.parent / "data" / "oj-ekb-2018-handgjord.csv").read_bytes(),
        analyst,
    )
    cycle, area = cycle_with_area(
        year, indicators=("rutin-barn-unga", "rutin-skyddade-personuppgifter"), statistics=True
    )
    cycle_with_area(year, "Juridiskt stöd", indicators=("juridiskt-stod",))
    c = Client()
    c.force_login(rep)
    c.post(
        f"/utveckling/2015/svar/0125/{area.pk}/statistik/",
        {"file": SimpleUploadedFile("b.csv", (DECISIONS_HEADER + "Ekerö,021,K,30,ja\n").encode())},
    )
    answer(c, "0125", area, "Första svaret.")
    answer(c, "0125", area, "Andra svaret.")
    decide(cycle, area)
    Milestone.objects.create(cycle=cycle, title="Rutin", due=dt.date(2016, 3, 1), kommun="0125")
    c.post(
        "/utveckling/2015/handlingsplaner/0125/",
        {"text": "Plan.", "status": "pagar", "action": "skicka"},
    )
    base = live_server.url
    page = browser.new_page()
    found: list[str] = []

    log_in(page, base, "ekero")
    for path in (
        "/utveckling/2015/",
        "/utveckling/2015/svar/0125/",
        f"/utveckling/2015/svar/0125/{area.pk}/",
        f"/utveckling/2015/svar/0125/{area.pk}/versioner/",
        f"/utveckling/2015/omraden/{area.pk}/",
        f"/utveckling/2015/omraden/{area.pk}/over-tid/",
        "/utveckling/2015/handlingsplaner/0125/",
        "/utveckling/2015/uppfoljning/",
        "/utveckling/2015/kunskap/",  # 403 before publication
    ):
        found += check(page, base + path)
    page.goto(f"{base}/utveckling/2015/svar/0125/{area.pk}/")
    page.get_by_label("Fil med beslut (CSV eller Excel)").set_input_files(
        files=[{"name": "fel.csv", "mimeType": "text/csv", "buffer": b"kommun\nEker\xc3\xb6\n"}]
    )
    page.get_by_role("button", name="Ladda upp och räkna").click()
    page.wait_for_selector(".error-summary")
    violations = axe_violations(page)
    found += [f"uppladdning med fel:\n{describe(violations)}"] if violations else []
    page.get_by_role("button", name="Logga ut").click()

    log_in(page, base, "analytiker")
    for path in (
        "/utveckling/2015/",
        "/utveckling/2015/planering/",
        "/utveckling/2015/forslag/",
        "/utveckling/2015/omraden/nytt/",
        f"/utveckling/2015/omraden/{area.pk}/andra/",
        f"/utveckling/2015/omraden/{area.pk}/fragor/",
        f"/utveckling/2015/omraden/{area.pk}/analys/",
        "/utveckling/2015/svar/",
        f"/utveckling/2015/svar/0125/{area.pk}/",
        "/utveckling/2015/kunskap/",
        "/utveckling/2015/kunskap/publicera/",
        "/utveckling/2015/stallningstagande/",
        "/utveckling/2015/beslut/",
        "/utveckling/2015/beslut/milstolpar/ny/",
        "/utveckling/2015/handlingsplaner/",
        "/utveckling/2015/uppfoljning/nytt/",
    ):
        found += check(page, base + path)
    page.goto(base + "/utveckling/2015/omraden/nytt/")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector(".error-summary")
    violations = axe_violations(page)
    found += [f"området med fel:\n{describe(violations)}"] if violations else []
    assert not found, "\n\n".join(found)
