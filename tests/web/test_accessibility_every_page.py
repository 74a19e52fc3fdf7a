"""axe-core (WCAG 2.1 A/AA) on every page each role can open, the list drawn from the URLconf.

The pages are the URLconf's routes filled with the same samples as the
authorization tests, so a page added later is checked without anyone listing
it. A route a role may not open, or one that downloads a file, is left out for
that role (the authorization tests cover those); every other page must pass
with no violation, reported with rule id and element, and reflow at 320 CSS
pixels (WCAG 1.4.10) without scrolling sideways.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page

from jamfor.web.results.importing import import_results
from jamfor.web.survey.interpretations import load_catalog_protocol
from jamfor.web.survey.models import Year

from ..support.browser import axe_violations, describe, require_axe
from .conftest import EKERO, log_in
from .routes import ROUTES, make_samples, url_for

EXAMPLE = (resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv").read_bytes()


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
    require_axe()
    page = browser.new_page()
    log_in(page, live_server.url, user.get_username())
    narrow = browser.new_page(viewport={"width": 320, "height": 640})
    log_in(narrow, live_server.url, user.get_username())
    found = []
    for path in pages:
        narrow.goto(live_server.url + path)
        found += reflow_problems(narrow, path)
        page.goto(live_server.url + path)
        violations = axe_violations(page)
        if violations:
            found.append(f"{path}:\n{describe(violations)}")
        facts = page.evaluate(HEADINGS_AND_BASICS)
        if facts["jumps"]:
            found.append(f"{path}: rubriknivåerna hoppar: {facts['jumps']}")
        if facts["lang"] != "sv" or not facts["skip"]:
            found.append(f"{path}: lang={facts['lang']!r}, hopplänk={facts['skip']}")
    assert not found, "\n".join(found)


def reflow_problems(page: Page, path: str) -> list[str]:
    """The page at its viewport's width (320 px) scrolls sideways: what sticks out."""
    width = page.evaluate(WIDER_THAN_VIEWPORT)
    if not width["wider"]:
        return []
    return [f"{path}: {width['scroll']} px bred vid 320 px, för bred: {width['wider']}"]


WIDER_THAN_VIEWPORT = """() => {
  const limit = window.innerWidth;
  const scroll = document.documentElement.scrollWidth;
  if (scroll <= limit) return {scroll, wider: []};
  const describe = el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`;
  const right = el => el.getBoundingClientRect().right;
  const boxes = [...document.body.querySelectorAll('*')]
    .filter(el => right(el) > limit + 0.5 && (!el.parentElement || right(el.parentElement) <= limit + 0.5))
    .map(el => `${describe(el)} slutar vid ${Math.round(right(el))} px`);
  const texts = [...document.body.querySelectorAll('*')]
    .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible'
                  && el.clientWidth > 0)
    .map(el => `${describe(el)}: innehållet ${el.scrollWidth} px i ${el.clientWidth} px`);
  return {scroll, wider: [...boxes, ...texts].slice(0, 8)};
}"""


HEADINGS_AND_BASICS = """() => {
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
  const jumps = levels.slice(1).map((l, i) => [levels[i], l]).filter(([a, b]) => b > a + 1);
  return {jumps, lang: document.documentElement.lang,
          skip: !!document.querySelector('a.skip[href^="#"]')};
}"""
