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
from .routes import ROUTES, admin_urls, make_samples, url_for

EXAMPLE = (resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv").read_bytes()


def _html_pages(client: Client, urls: list[str]) -> list[str]:
    """The URLs that open as an HTML page (GET 200, not a download)."""
    pages = []
    for url in urls:
        response = client.get(url)
        if (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("Content-Disposition")
        ):
            pages.append(url)
    return pages


def _pages_for(user: Any, year: Year) -> list[str]:
    """Every route this user may open as an HTML page."""
    samples = make_samples(year)
    client = Client()
    client.force_login(user)
    urls = [url_for(r, samples, EKERO) for r in ROUTES if r.name not in ("logout",)]
    return _html_pages(client, urls)


def _problems(page: Page, narrow: Page, base: str, path: str, *, ours: bool = True) -> list[str]:
    """axe's violations, reflow at 320 px, the footer's link and, on jamfor's own pages, the basics."""
    narrow.goto(base + path)
    found = reflow_problems(narrow, path)
    page.goto(base + path)
    violations = axe_violations(page)
    if violations:
        found.append(f"{path}:\n{describe(violations)}")
    facts = page.evaluate(HEADINGS_AND_BASICS)
    if not facts["statement"]:
        found.append(f"{path}: sidfoten länkar inte till tillgänglighetsredogörelsen")
    if ours and facts["jumps"]:
        found.append(f"{path}: rubriknivåerna hoppar: {facts['jumps']}")
    if ours and (facts["lang"] != "sv" or not facts["skip"]):
        found.append(f"{path}: lang={facts['lang']!r}, hopplänk={facts['skip']}")
    return found


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
        found += _problems(page, narrow, live_server.url, path)
    assert not found, "\n".join(found)


def test_every_admin_page_passes_axe_and_reflows(
    live_server: Any, year: Year, analyst: Any, rep: Any, browser: Browser
) -> None:
    """The admin is Django's, and analysts work in it: the same checks, on every model's pages."""
    load_catalog_protocol(year, analyst)
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    make_samples(year)
    client = Client()
    client.force_login(analyst)
    pages = _html_pages(client, admin_urls())
    assert len(pages) >= 60, pages
    require_axe()
    page = browser.new_page()
    log_in(page, live_server.url, "analytiker")
    narrow = browser.new_page(viewport={"width": 320, "height": 640})
    log_in(narrow, live_server.url, "analytiker")
    found = []
    for path in pages:
        found += _problems(page, narrow, live_server.url, path, ours=False)
    assert not found, "\n".join(found)


def test_the_pages_without_logging_in_pass_too(live_server: Any, browser: Browser) -> None:
    """The login pages (jamfor's and the admin's) and the statement itself, logged out."""
    require_axe()
    page = browser.new_page()
    narrow = browser.new_page(viewport={"width": 320, "height": 640})
    found = []
    for path, ours in (
        ("/konto/logga-in/", True),
        ("/tillganglighet/", True),
        ("/admin/login/", False),
    ):
        found += _problems(page, narrow, live_server.url, path, ours=ours)
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
          skip: !!document.querySelector('a.skip[href^="#"]'),
          statement: !!document.querySelector('footer a[href="/tillganglighet/"]')};
}"""
