"""Typed text in the web app: no personnummer in any field, no edit silently lost to another tab."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.test import Client

import jamfor.web
from jamfor.web.admin_site import site
from jamfor.web.audit.models import AuditRecord
from jamfor.web.development.models import Kind, Submission
from jamfor.web.identity_guard import GuardedForm
from jamfor.web.survey.models import Comment, Interpretation, Year

from ..support.hostile import DIGITS_OF_THE_NUMBER, PERSONNUMMER_FORMS
from .conftest import EKERO, dump
from .cycle_support import cycle_with_area, decide


def _web_modules() -> list[Any]:
    names = [m.name for m in pkgutil.walk_packages(jamfor.web.__path__, "jamfor.web.")]
    return [importlib.import_module(n) for n in names if ".migrations" not in n]


def test_every_form_of_the_app_refuses_identity_numbers() -> None:
    found = [
        obj
        for module in _web_modules()
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, forms.BaseForm) and obj.__module__.startswith("jamfor.web")
    ]
    assert len(found) >= 15
    assert [f.__name__ for f in found if not issubclass(f, GuardedForm)] == []


def test_every_admin_form_refuses_identity_numbers(rf: Any, analyst: Any) -> None:
    request = rf.get("/admin/")
    request.user = analyst
    for model, admin in site._registry.items():
        assert issubclass(admin.get_form(request), GuardedForm), model
        for inline in admin.get_inline_instances(request):
            assert issubclass(inline.get_formset(request).form, GuardedForm), inline


def _unrepeated(content: bytes) -> None:
    text = content.decode()
    assert "personnummer" in text
    for digits in DIGITS_OF_THE_NUMBER:
        assert digits not in text.replace('value="', "")  # the typed field may show it back


@pytest.mark.parametrize("form", PERSONNUMMER_FORMS)
def test_a_personnummer_in_a_survey_comment_is_refused(
    year: Year, rep: Any, login: Callable[[Any], Client], form: str
) -> None:
    before = dump("survey", "audit")
    r = login(rep).post(
        f"/enkat/2015/{EKERO}/sida/intern-samordning/",
        {"svar-1-bou": "Ja", "kommentar-1": f"Klienten {form} ringde."},
    )
    assert r.status_code == 200  # the page again, with the message beside the field
    assert "ser ut att innehålla ett personnummer" in r.content.decode()
    assert dump("survey", "audit") == before and not Comment.objects.exists()


def test_a_personnummer_in_development_answers_plans_and_interpretations_is_refused(
    year: Year, rep: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    cycle, area = cycle_with_area(year)
    decide(cycle, area)
    (q,) = area.questions.all()
    c = login(rep)
    base = f"/utveckling/2015/svar/{EKERO}/{area.pk}/"
    auto = c.post(base + "autospara/", {f"svar-{q.pk}": "Se 811218–9876."})
    assert auto.status_code == 400 and auto.json()["saved"] is False
    assert "personnummer" in str(auto.json()["errors"]) and "9876" not in str(auto.json())
    assert c.post(base, {f"svar-{q.pk}": "Ring 19811218 - 9876"}).status_code == 400
    plan = f"/utveckling/2015/handlingsplaner/{EKERO}/"
    r = c.post(plan, {"text": "Kontakta 81.12.18-9876", "status": "planerad", "action": "spara"})
    assert r.status_code == 400
    assert not Submission.objects.exists()

    a = login(analyst)
    r = a.post(
        "/tolkningar/2015/nytt/",
        {
            "date": "2015-09-10",
            "title": "Möte",
            "participants": "FoU",
            "interpretations-TOTAL_FORMS": "1",
            "interpretations-INITIAL_FORMS": "0",
            "interpretations-MIN_NUM_FORMS": "0",
            "interpretations-MAX_NUM_FORMS": "1000",
            "interpretations-0-questions": "17",
            "interpretations-0-heading": "",
            "interpretations-0-text": "Som för 811218-9876.",
        },
    )
    assert r.status_code in (200, 400) and "personnummer" in r.content.decode()
    assert not Interpretation.objects.exists()
    r = a.post(
        "/utveckling/2015/omraden/nytt/",
        {"name": "Samverkan", "need": "Klient 8112189876 behöver hjälp."},
    )
    assert "personnummer" in r.content.decode()
    assert not AuditRecord.objects.filter(after__icontains="9876").exists()


# ------------------------------------------------------------------------ two tabs


def _grund(client: Client, url: str) -> str:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get(url).content, "html.parser")
    field = page.select_one("input[name=grund]")
    assert field is not None
    return str(field["value"])


def test_two_tabs_cannot_silently_overwrite_a_development_answer(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    _cycle, area = cycle_with_area(year, questions=("Vad vet ni?", "Vilken statistik har ni?"))
    q1, q2 = area.questions.all()
    url = f"/utveckling/2015/svar/{EKERO}/{area.pk}/"
    first, second = login(rep), login(rep)
    tab_a, tab_b = _grund(first, url), _grund(second, url)

    a = first.post(url + "autospara/", {"grund": tab_a, f"svar-{q1.pk}": "Text från flik A."})
    assert a.status_code == 200 and a.json()["saved"] is True
    b = second.post(url + "autospara/", {"grund": tab_b, f"svar-{q1.pk}": "Text från flik B."})
    assert b.status_code == 409 and b.json()["saved"] is False and b.json()["conflict"] is True
    assert "Någon annan ändrade samtidigt svaret på fråga 1" in b.json()["message"]
    draft = Submission.objects.get(kind=Kind.ANSWERS).draft
    assert draft["svar"] == {str(q1.pk): "Text från flik A."}

    # tab B goes on with question 2: saved, and question 1 still reported, never overwritten
    b2 = second.post(
        url + "autospara/",
        {
            "grund": b.json()["grund"],
            f"svar-{q1.pk}": "Text från flik B.",
            f"svar-{q2.pk}": "Ingen.",
        },
    )
    assert b2.json()["saved"] is True and b2.json()["conflict"] is True
    draft = Submission.objects.get(kind=Kind.ANSWERS).draft
    assert draft["svar"] == {str(q1.pk): "Text från flik A.", str(q2.pk): "Ingen."}
    # tab A, which saw its own save, goes on editing question 1 without a conflict
    a2 = first.post(
        url + "autospara/",
        {
            "grund": a.json()["grund"],
            f"svar-{q1.pk}": "Text från flik A, rättad.",
            f"svar-{q2.pk}": "Ingen.",
        },
    )
    assert a2.status_code == 200 and a2.json()["saved"] is True
    # the button without JavaScript merges the same way
    r = second.post(url, {"grund": tab_b, f"svar-{q1.pk}": "Flik B igen."})
    assert r.status_code == 302
    assert "Någon annan ändrade samtidigt" in second.get(url).content.decode()
    assert Submission.objects.get(kind=Kind.ANSWERS).draft["svar"][str(q1.pk)] == (
        "Text från flik A, rättad."
    )


def test_two_tabs_cannot_silently_overwrite_an_action_plan(
    year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    cycle, area = cycle_with_area(year)
    decide(cycle, area)
    url = f"/utveckling/2015/handlingsplaner/{EKERO}/"
    first, second = login(rep), login(rep)
    tab_a, tab_b = _grund(first, url), _grund(second, url)
    a = first.post(url + "autospara/", {"grund": tab_a, "text": "Plan A.", "status": "planerad"})
    assert a.json()["saved"] is True
    b = second.post(url + "autospara/", {"grund": tab_b, "text": "Plan B.", "status": "pagar"})
    assert b.status_code == 409
    assert "ändrade samtidigt handlingsplanens text och status" in b.json()["message"]
    assert Submission.objects.get(kind=Kind.PLAN).draft == {"text": "Plan A.", "status": "planerad"}
    # a tab that saw the stored plan changes only what it changes
    c = second.post(
        url + "autospara/", {"grund": a.json()["grund"], "text": "Plan A.", "status": "pagar"}
    )
    assert c.json()["saved"] is True
    assert Submission.objects.get(kind=Kind.PLAN).draft == {"text": "Plan A.", "status": "pagar"}


def test_a_far_cell_workbook_uploaded_as_client_statistics_is_refused_and_the_app_lives_on(
    year: Year, rep: Any, login: Callable[[Any], Client], tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..support.hostile import far_cell

    _cycle, area = cycle_with_area(year, statistics=True)
    c = login(rep)
    url = f"/utveckling/2015/svar/{EKERO}/{area.pk}/"
    data = far_cell(tmp_path / "beslut.xlsx").read_bytes()
    r = c.post(url + "statistik/", {"file": SimpleUploadedFile("beslut.xlsx", data)})
    assert r.status_code == 400
    assert "från A1 till XFD1048576" in r.content.decode()
    assert c.get(url).status_code == 200
    assert not Submission.objects.exists()
