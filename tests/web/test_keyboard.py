"""The survey by keyboard alone, with the focus always visible."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser

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
