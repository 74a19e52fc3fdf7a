"""The survey by keyboard alone, with the focus always visible and of enough contrast."""

from __future__ import annotations

from importlib import resources
from typing import Any

from coloraide import Color
from playwright.sync_api import Browser, Page

from jamfor.web.results.importing import import_results
from jamfor.web.survey.models import Answer, Year

from .conftest import log_in

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName, name: el.getAttribute('name'), value: el.value,
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def test_a_survey_page_answered_and_saved_by_keyboard_alone(
    live_server: Any, year: Year, rep: Any, browser: Browser
) -> None:
    page = browser.new_page()
    log_in(page, live_server.url, "ekero")
    page.goto(live_server.url + "/enkat/2015/0125/sida/intern-samordning/")
    page.keyboard.press("Tab")  # the first stop is the skip link
    first = page.evaluate(FOCUS_STYLE)
    assert first["tag"] == "A"
    seen = []
    for _ in range(60):  # Tab to the first answer of question 1 (Barn- och ungdomsvård)
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        seen.append(focus)
        assert focus["outline"] != "none" and focus["width"] >= 2, focus  # focus is visible
        if focus["name"] == "svar-1-bou":
            break
    else:
        raise AssertionError(f"question 1 never got focus: {seen[-5:]}")
    page.keyboard.press("Space")  # choose the focused option ("Ja")
    assert page.evaluate(FOCUS_STYLE)["value"] == "ja"
    for _ in range(80):  # on to the save button
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["tag"] == "BUTTON" and focus["value"] == "spara":
            break
    else:
        raise AssertionError("the save button never got focus")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Sidan är sparad.").is_visible()
    assert Answer.objects.filter(question="1", part="bou", value="ja").exists()


FOCUS_RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const colours = [];
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
    colours.push(style.outlineColor);
  }
  if (style.boxShadow !== 'none') colours.push(...(style.boxShadow.match(/rgba?\\([^)]*\\)/g) || []));
  let background = 'rgb(255, 255, 255)';  // the ring is drawn outside the element, on its parent
  for (let a = el.parentElement; a; a = a.parentElement) {
    const c = getComputedStyle(a).backgroundColor;
    if (c !== 'transparent' && !/^rgba\\(.*,\\s*0\\)$/.test(c)) { background = c; break; }
  }
  const name = (el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 40);
  return {element: `${el.tagName.toLowerCase()} «${name}»`, colours, background};
}"""


def _ring_problems(page: Page, path: str) -> list[str]:
    """Tab through the page; every stop's ring needs a colour of 3:1 against what is behind it."""
    problems: list[str] = []
    seen: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring["element"].startswith("body") or (seen and ring["element"] == seen[0]):
            break
        seen.append(ring["element"])
        colours = [Color(c) for c in ring["colours"]]
        best = max(
            (c.contrast(ring["background"], method="wcag21") for c in colours if c.alpha() == 1),
            default=0.0,
        )
        if best < 3:
            problems.append(
                f"{path}: {ring['element']}: ringen {ring['colours']} mot {ring['background']} "
                f"har högst {best:.2f}:1"
            )
    assert len(seen) >= 2, (path, seen)
    return problems


def test_the_focus_ring_has_3_to_1_against_every_background_it_appears_on(
    live_server: Any, year: Year, rep: Any, analyst: Any, browser: Browser
) -> None:
    """WCAG 1.4.11: computed from the colours the browser actually applies, stop by stop."""
    example = resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv"
    import_results(year, "oj-2015.csv", example.read_bytes(), analyst)
    problems = []
    page = browser.new_page()
    page.goto(live_server.url + "/konto/logga-in/")
    problems += _ring_problems(page, "/konto/logga-in/")
    for user, paths in (
        ("ekero", ["/", "/enkat/2015/0125/sida/kunskap-och-kompetens/"]),
        ("analytiker", ["/", "/resultat/2015/", "/resultat/2015/import/"]),
    ):
        page = browser.new_page()
        log_in(page, live_server.url, user)
        for path in paths:
            page.goto(live_server.url + path)
            problems += _ring_problems(page, path)
    assert not problems, "\n".join(problems)
