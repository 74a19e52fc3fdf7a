"""axe-core (WCAG 2.1 A/AA) on every page each role can open, the list drawn from the URLconf.

The pages are the URLconf's routes filled with the same samples as the
authorization tests, so a page added later is checked without anyone listing
it. A route a role may not open, or one that downloads a file, is left out for
that role (the authorization tests cover those); every other page must pass
with no violation, reported with rule id and element.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from playwright.sync_api import Browser

from jamfor.web.results.importing import import_results
from jamfor.web.survey.interpretations import load_catalog_protocol
from jamfor.web.survey.models import Year

from ..support.browser import axe_violations, chromium, describe, require_axe
from .conftest import EKERO, PASSWORD
from .routes import ROUTES, make_samples, url_for

EXAMPLE = (resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv").read_bytes()


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    require_axe()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with chromium() as b:
        yield b
        connections.close_all()


def _pages_for(user: Any, year: Year) -> list[str]:
    """Every route this user may open as an HTML page (GET 200, not a download)."""
    samples = make_samples(year)
    client = Client()
    client.force_login(user)
    pages = []
    for route in ROUTES:
        if route.name in ("logout",):
            continue
        url = url_for(route, samples, EKERO)
        response = client.get(url)
        if (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("Content-Disposition")
        ):
            pages.append(url)
    return pages


@pytest.mark.parametrize("role", ["rep", "analyst", "reader"])
def test_every_page_each_role_reaches_passes_axe(
    role: str,
    request: pytest.FixtureRequest,
    live_server: Any,
    year: Year,
    analyst: Any,
    browser: Browser,
) -> None:
    load_catalog_protocol(year, analyst)
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    user = request.getfixturevalue(role)
    pages = _pages_for(user, year)
    assert len(pages) >= {"rep": 8, "analyst": 20, "reader": 3}[role], pages
    page = browser.new_page()
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user.get_username())
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(live_server.url + "/")
    found = []
    for path in pages:
        page.goto(live_server.url + path)
        violations = axe_violations(page)
        if violations:
            found.append(f"{path}:\n{describe(violations)}")
    assert not found, "\n".join(found)
