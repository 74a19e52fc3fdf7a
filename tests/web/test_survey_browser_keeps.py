"""The survey never loses input, in a real browser (issue 15, 3).

Typed answers autosave as the button saves them; leaving with unsaved changes
asks first; and what was typed survives a reload, an expired session (log in
again) and an expired form («Formuläret har gått ut»), to be filled in and
saved. After a failed save the focus is on the error summary.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Dialog, expect

from jamfor.web.survey.models import Answer, Year

from ..support.screenshots import shot
from .conftest import log_in

PAGE = "/enkat/2015/0125/sida/kunskap-och-kompetens/"
FOCUSED_SUMMARY = (
    "() => !!document.activeElement && document.activeElement.matches('[data-error-summary]')"
)


def _stored(question: str) -> str | None:
    found = Answer.objects.filter(question=question).first()
    return found.value if found else None


def test_typed_answers_autosave_and_survive_a_reload(
    live_server: Any, year: Year, rep: Any, browser: Browser
) -> None:
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, base, "ekero")
    page.goto(base + PAGE)
    page.get_by_label("Svar på fråga 4 (personer)").fill("12")
    expect(page.locator("#autosparat")).to_contain_text("Sparat automatiskt kl.")
    assert _stored("4") == "12"
    shot(page, "enkat-autosparat")

    # typed and reloaded before the autosave: the browser asks first, then the answer is back
    dialogs: list[str] = []

    def answer(dialog: Dialog) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    page.route("**/autospara/", lambda route: route.abort())  # the network fails for a moment
    page.get_by_label("Svar på fråga 4a (personer)").fill("9")
    expect(page.locator("#autosparat")).to_contain_text("kunde inte sparas automatiskt")
    page.unroute("**/autospara/")
    page.reload()
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label("Svar på fråga 4a (personer)")).to_have_value("9")
    expect(page.locator("[data-keep-status]")).to_contain_text(
        "Det du skrev här men som inte hann sparas är ifyllt igen. Det sparas nu."
    )
    expect(page.locator("#autosparat")).to_contain_text("Sparat automatiskt kl.")
    assert (_stored("4"), _stored("4a")) == ("12", "9")

    # a failed save: the focus is on the summary
    page.get_by_label("Svar på fråga 4a (personer)").fill("20")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Sidan är inte sparad")
    assert page.evaluate(FOCUSED_SUMMARY) is True
    assert _stored("4a") == "9"


def test_typed_answers_survive_an_expired_session_and_an_expired_form(
    live_server: Any, year: Year, rep: Any, browser: Browser
) -> None:
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, "ekero")
    page.goto(base + PAGE)

    # the session ends: the autosave says so and keeps what was typed
    context.clear_cookies(name="sessionid")
    page.get_by_label("Svar på fråga 4 (personer)").fill("30")
    status = page.locator("#autosparat")
    expect(status).to_contain_text("Du är utloggad, så sidan sparas inte.")
    assert _stored("4") is None
    status.get_by_role("link", name="Logga in igen, så fylls det i och sparas.").click()
    page.get_by_label("Användarnamn").fill("ekero")
    page.get_by_label("Lösenord").fill("Rätt-hemligt-lösen-42")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(base + PAGE)
    expect(page.get_by_label("Svar på fråga 4 (personer)")).to_have_value("30")
    expect(page.locator("#autosparat")).to_contain_text("Sparat automatiskt kl.")
    assert _stored("4") == "30"

    # the form's token expires (here: the cookie is dropped) and the button is used at once
    page.route("**/autospara/", lambda route: route.abort())  # only the button sends
    context.clear_cookies(name="csrftoken")
    page.get_by_label("Svar på fråga 4a (personer)").fill("25")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formuläret har gått ut")
    assert _stored("4a") is None
    page.unroute("**/autospara/")
    page.get_by_role("link", name="Gå tillbaka till sidan").click()
    expect(page.get_by_label("Svar på fråga 4a (personer)")).to_have_value("25")
    expect(page.locator("#autosparat")).to_contain_text("Sparat automatiskt kl.")
    assert _stored("4a") == "25"
    context.close()
