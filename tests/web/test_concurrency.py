"""Two representatives of one municipality saving the same draft at once: no lost update."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from django.test import Client

from jamfor.web.accounts.models import Role
from jamfor.web.survey.drafts import Draft, PageEdit, merge_page
from jamfor.web.survey.models import Answer, Year

from .conftest import EKERO, make_user

PAGE = "/enkat/2015/0125/sida/intern-samordning/"


def _opened(client: Client) -> dict[str, str]:
    """The page's form as the browser got it (hidden snapshot and current values)."""
    page = BeautifulSoup(client.get(PAGE).content.decode(), "html.parser")
    fields = {"grund": page.find("input", {"name": "grund"})["value"]}  # type: ignore[index]
    for radio in page.select("input[type=radio][checked]"):
        fields[str(radio["name"])] = str(radio["value"])
    return fields


def _stored() -> dict[tuple[str, str], str]:
    return {(a.question, a.part): a.value for a in Answer.objects.all()}


def test_changes_to_different_questions_are_both_kept(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    colleague = make_user("ekero2", Role.REPRESENTATIVE, EKERO)
    a, b = login(rep), login(colleague)
    form_a, form_b = _opened(a), _opened(b)  # both open the empty page
    assert (
        a.post(PAGE, {**form_a, "svar-1-bou": "ja", "svar-1a": "ja", "action": "spara"}).status_code
        == 302
    )
    r = b.post(PAGE, {**form_b, "svar-1-vuxen": "nej", "action": "spara"})
    assert r.status_code == 302
    assert _stored() == {("1", "bou"): "ja", ("1a", ""): "ja", ("1", "vuxen"): "nej"}


def test_the_same_question_changed_by_both_keeps_the_first_and_tells_the_second(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    colleague = make_user("ekero2", Role.REPRESENTATIVE, EKERO)
    a, b = login(rep), login(colleague)
    form_a, form_b = _opened(a), _opened(b)
    a.post(PAGE, {**form_a, "svar-1-vuxen": "ja", "action": "spara"})
    r = b.post(
        PAGE, {**form_b, "svar-1-vuxen": "nej", "svar-1-bou": "nej", "action": "spara"}, follow=True
    )
    assert _stored() == {("1", "vuxen"): "ja", ("1", "bou"): "nej"}
    text = BeautifulSoup(r.content.decode(), "html.parser").get_text(" ")
    assert re.search(r"Fråga 1 ändrades samtidigt av någon annan\. Deras svar behölls", text)


def test_merge_rule() -> None:
    base = Draft(answers={("4", None): "10"}, comments={"4": "gammal"})
    mine = Draft(answers={("4", None): "10", ("4a", None): "9"}, comments={})
    current = Draft(answers={("4", None): "12"}, comments={"4": "gammal"})
    merged, conflicts = merge_page(current, PageEdit(base, mine))
    assert merged.answers == {("4", None): "12", ("4a", None): "9"}  # theirs kept, mine added
    assert merged.comments == {}  # I removed the comment, nobody else touched it
    assert conflicts == ()
    theirs = Draft(answers={("4", None): "10", ("4a", None): "3"})
    merged, conflicts = merge_page(theirs, PageEdit(base, mine))
    assert merged.answers[("4a", None)] == "3" and conflicts == ("4a",)


def test_changes_that_break_the_rules_together_are_not_saved(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    page = "/enkat/2015/0125/sida/kunskap-och-kompetens/"
    colleague = make_user("ekero2", Role.REPRESENTATIVE, EKERO)
    a, b = login(rep), login(colleague)
    a.post(page, {"svar-4": "10", "svar-4a": "8", "action": "spara"})

    def opened(client: Client) -> dict[str, str]:
        html = BeautifulSoup(client.get(page).content.decode(), "html.parser")
        fields = {str(i["name"]): str(i.get("value", "")) for i in html.select("input[name]")}
        return {k: v for k, v in fields.items() if k != "csrfmiddlewaretoken"}

    form_a, form_b = opened(a), opened(b)  # both see 4 = 10, 4a = 8
    a.post(page, {**form_a, "svar-4a": "10", "action": "spara"})  # A: 4a = 10 (≤ 4 = 10)
    r = b.post(page, {**form_b, "svar-4": "9", "action": "spara"}, follow=True)  # B: 4 = 9 (≥ 8)
    # together 4a = 10 > 4 = 9: nothing of B's is saved, and B is told
    assert _stored() == {("4", ""): "10", ("4a", ""): "10"}
    text = BeautifulSoup(r.content.decode(), "html.parser").get_text(" ")
    assert "Någon annan sparade samtidigt svar på den här sidan som inte går ihop med dina" in text
