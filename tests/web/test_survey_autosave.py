"""The survey's autosave and «Formuläret har gått ut» (issue 15, 3): saved as the button saves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from django.test import Client

from jamfor.web.accounts.models import Role
from jamfor.web.audit.models import AuditRecord
from jamfor.web.survey.models import Answer, Year

from .conftest import EKERO, make_user

PAGE = "/enkat/2015/0125/sida/intern-samordning/"
AUTOSAVE = PAGE + "autospara/"
NUMBERS = "/enkat/2015/0125/sida/kunskap-och-kompetens/"


def _grund(client: Client, page: str = PAGE) -> str:
    html = BeautifulSoup(client.get(page).content.decode(), "html.parser")
    return str(html.find("input", {"name": "grund"})["value"])  # type: ignore[index]


def _stored() -> dict[tuple[str, str], str]:
    return {(a.question, a.part): a.value for a in Answer.objects.all()}


def test_an_autosave_saves_the_page_and_answers_what_it_shows(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    r = c.post(AUTOSAVE, {"grund": _grund(c), "svar-1-bou": "ja"})
    assert r.status_code == 200
    data = r.json()
    assert data["saved"] is True and data["message"].startswith("Sparat automatiskt kl. ")
    assert data["asked"]["1a"] is True and data["errors"] == {}
    assert _stored() == {("1", "bou"): "ja"}
    log = AuditRecord.objects.get(action="enkät.sparad")
    assert "sidan «Intern samordning i enskilda ärenden» (automatiskt)" in log.summary
    # the same values again change nothing and say nothing
    again = c.post(AUTOSAVE, {"grund": data["grund"], "svar-1-bou": "ja"}).json()
    assert again["saved"] is True and again["message"] == ""
    assert AuditRecord.objects.filter(action="enkät.sparad").count() == 1


def test_a_page_with_an_error_is_not_autosaved_and_the_error_is_answered(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    r = c.post(AUTOSAVE.replace(PAGE, NUMBERS), {"svar-4": "5", "svar-4a": "7"})
    assert r.status_code == 400
    data = r.json()
    assert data["saved"] is False
    assert data["errors"]["svar-4a"] == [
        "Svaret på fråga 4a (7) kan inte vara större än svaret på fråga 4 (5)."
    ]
    assert data["message"] == "Sidan är inte sparad: rätta felet vid frågan som är markerad."
    assert not Answer.objects.exists()


def test_an_autosave_applies_only_what_changed_here_and_keeps_a_clash_for_the_next(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    colleague = make_user("ekero2", Role.REPRESENTATIVE, EKERO)
    a, b = login(rep), login(colleague)
    grund_a = _grund(a)  # A opens the empty page
    b.post(PAGE, {"grund": _grund(b), "svar-1-vuxen": "ja", "action": "spara"})
    # A's autosave of another question leaves B's answer
    first = a.post(AUTOSAVE, {"grund": grund_a, "svar-1-bou": "nej"}).json()
    assert first["saved"] is True and first["conflict"] is False
    assert _stored() == {("1", "vuxen"): "ja", ("1", "bou"): "nej"}
    # B changes 1 again; A, still showing its own answers, changes the same question
    b.post(PAGE, {"grund": _grund(b), "svar-1-vuxen": "ja", "svar-1-bou": "ja", "action": "spara"})
    clash = a.post(AUTOSAVE, {"grund": first["grund"], "svar-1-bou": "integrerat"}).json()
    assert clash["conflict"] is True
    assert clash["message"].startswith("Fråga 1 ändrades samtidigt av någon annan.")
    assert _stored()[("1", "bou")] == "ja"
    # the page's new snapshot keeps the clash: the next autosave does not quietly win
    later = a.post(AUTOSAVE, {"grund": clash["grund"], "svar-1-bou": "integrerat"}).json()
    assert later["conflict"] is True and _stored()[("1", "bou")] == "ja"


def test_a_form_with_an_expired_token_leads_back_to_the_page(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = Client(enforce_csrf_checks=True)
    c.force_login(rep)
    r = c.post(PAGE, {"svar-1-bou": "ja", "action": "spara"})
    assert r.status_code == 403
    page = BeautifulSoup(r.content.decode(), "html.parser")
    assert page.h1.get_text() == "Formuläret har gått ut"
    text = page.select_one("main").get_text(" ", strip=True)
    assert "Det du skrev finns kvar i den här webbläsarfliken." in text
    assert "ladda om" not in text
    assert page.find("a", string="Gå tillbaka till sidan")["href"] == PAGE  # type: ignore[index]
    assert not Answer.objects.exists()
