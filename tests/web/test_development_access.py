"""Who reads and writes what in the development work.

A municipality's answers are its own: its representative writes them, the
analysts read them, and the other municipalities see them only in the
knowledge report once an analyst has published it — never on the
municipality's own pages, and never to change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve

from jamfor.web.development.models import Area, Cycle, Submission
from jamfor.web.survey.models import Year

from .conftest import EKERO, JARFALLA, dump
from .cycle_support import DECISIONS_HEADER, answer, cycle_with_area, decide

KNOWLEDGE = ("/utveckling/2015/kunskap/", "/utveckling/2015/kunskap/rapport.html")


@pytest.fixture
def answered(
    year: Year, rep: Any, other_rep: Any, login: Callable[[Any], Client]
) -> tuple[Cycle, Area]:
    """Järfälla has sent in one answer and then drafted another; Ekerö has sent in its own."""
    cycle, area = cycle_with_area(year)
    answer(login(other_rep), JARFALLA, area, "Järfällas inskickade svar.")
    answer(login(other_rep), JARFALLA, area, "Järfällas hemliga utkast.", action="spara")
    answer(login(rep), EKERO, area, "Ekerös svar.")
    return cycle, area


def _other_pages(area: Area) -> list[str]:
    base = f"/utveckling/2015/svar/{JARFALLA}/"
    return [base, f"{base}{area.pk}/", f"{base}{area.pk}/versioner/"]


def _writes(area: Area) -> list[tuple[str, dict[str, Any]]]:
    base = f"/utveckling/2015/svar/{JARFALLA}/{area.pk}/"
    q = area.questions.first()
    assert q is not None
    upload = SimpleUploadedFile("b.csv", (DECISIONS_HEADER + "Järfälla,021,K,30,ja\n").encode())
    return [
        (base, {f"svar-{q.pk}": "Skrivet av någon annan", "action": "skicka"}),
        (base, {f"svar-{q.pk}": "Skrivet av någon annan", "action": "spara"}),
        (base + "autospara/", {f"svar-{q.pk}": "Skrivet av någon annan"}),
        (base + "statistik/", {"file": upload}),
        (base + "statistik/", {"action": "ta-bort"}),
        (
            f"/utveckling/2015/handlingsplaner/{JARFALLA}/",
            {"text": "Annans plan", "status": "pagar"},
        ),
        (f"/utveckling/2015/handlingsplaner/{JARFALLA}/autospara/", {"text": "Annans plan"}),
    ]


def test_before_publication_a_representative_reads_no_other_municipalitys_answers(
    answered: tuple[Cycle, Area],
    rep: Any,
    reader: Any,
    analyst: Any,
    login: Callable[[Any], Client],
) -> None:
    _cycle, area = answered
    c = login(rep)
    for url in _other_pages(area):
        r = c.get(url)
        assert r.status_code == 403, url
        assert "Järfällas" not in r.content.decode()
    for url in KNOWLEDGE:
        for user in (rep, reader):
            r = login(user).get(url)
            assert r.status_code == 403, (user, url)
            assert "inte publicerad ännu" in r.content.decode()
            assert "Järfällas" not in r.content.decode()
    for url in KNOWLEDGE:
        r = login(analyst).get(url)
        assert r.status_code == 200
        assert "Järfällas inskickade svar." in r.content.decode()
        assert "Järfällas hemliga utkast." not in r.content.decode()
    assert login(analyst).get(f"/utveckling/2015/svar/{JARFALLA}/{area.pk}/").status_code == 200


def test_after_publication_the_group_reads_the_compilation_and_nothing_else(
    answered: tuple[Cycle, Area],
    rep: Any,
    reader: Any,
    analyst: Any,
    login: Callable[[Any], Client],
) -> None:
    _cycle, area = answered
    assert login(analyst).post("/utveckling/2015/kunskap/publicera/").status_code == 302
    for user in (rep, reader):
        for url in KNOWLEDGE:
            r = login(user).get(url)
            assert r.status_code == 200, (user, url)
            page = r.content.decode()
            assert "Järfällas inskickade svar." in page and "Ekerös svar." in page
            assert "Järfällas hemliga utkast." not in page
    for url in _other_pages(area):  # a municipality's own pages stay its own
        assert login(rep).get(url).status_code == 403, url


@pytest.mark.parametrize("published", [False, True])
def test_no_one_but_its_representative_ever_writes_a_municipalitys_answers_or_plan(
    answered: tuple[Cycle, Area],
    published: bool,
    rep: Any,
    reader: Any,
    analyst: Any,
    login: Callable[[Any], Client],
) -> None:
    cycle, area = answered
    decide(cycle, area)
    if published:
        login(analyst).post("/utveckling/2015/kunskap/publicera/")
    before = dump("development", "audit")
    for user in (rep, reader, analyst):
        c = login(user)
        for url, data in _writes(area):
            r = c.post(url, data)
            assert r.status_code == 403, (user.username, url, r.status_code)
            assert "Järfällas" not in r.content.decode()
    assert dump("development", "audit") == before
    sent = Submission.objects.get(kommun=JARFALLA)
    assert sent.versions.get().content["svar"][0]["svar"] == "Järfällas inskickade svar."


def test_the_knowledge_report_declares_its_own_access_level() -> None:
    for url in KNOWLEDGE:
        assert resolve(url).func.access == "compilation"  # type: ignore[attr-defined]
    assert resolve("/utveckling/2015/svar/0123/1/").func.access == "kommun-page"  # type: ignore[attr-defined]
    assert resolve("/utveckling/2015/svar/0123/1/autospara/").func.access == "kommun-action"  # type: ignore[attr-defined]
