"""The accessibility statement: built from the organisation's YAML file, the template by default."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from jamfor import settings as jamfor_settings
from jamfor.web.statement.model import FILE_NAME, load_statement

COMPLETED = """\
organisation: FoU-Nordväst
tjanst: jamfor för Nordvästkommunerna
kontakt:
  epost: tillganglighet@fou-nordvast.se
  telefon: 08-123 456 00
  svarstid: Vi svarar inom två arbetsdagar.
forenlighet: helt
brister: []
utanfor_lagen:
  - Protokoll från möten före 23 september 2018.
testmetod: Granskning av extern part.
senast_bedomd: 2026-11-30
publicerad: 2026-01-15
uppdaterad: 2026-12-01
"""


def text(response: Any) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.find("main")
    assert main is not None
    return " ".join(main.get_text(" ").split())


def test_without_a_file_the_template_states_what_is_known_and_whom_to_ask(db: Any) -> None:
    page = text(Client().get("/tillganglighet/"))  # no login needed
    assert "Tillgänglighet för jamfor – Öppna jämförelser för socialtjänsten" in page
    assert (
        "Den organisation som driver den här installationen av jamfor står bakom tjänsten." in page
    )
    assert (
        "Tjänsten är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan."
        in page
    )
    assert "har inte validerats med veraPDF" in page
    assert "(WCAG 2.1, kriterium 1.3.1)" in page
    assert "Kontakta den FoU-analytiker som gav dig ditt konto." in page
    assert "Självskattning (intern testning)." in page
    assert "Den senaste bedömningen gjordes den 2026-12-02." in page
    assert "Redogörelsen är inte ifylld" not in page  # that is said to analysts only
    soup = BeautifulSoup(Client().get("/tillganglighet/").content, "html.parser")
    assert soup.find("a", href="https://www.digg.se/tdosanmalan") is not None


def test_analysts_are_told_the_statement_is_not_completed(
    analyst: Any, login: Callable[[Any], Client]
) -> None:
    page = text(login(analyst).get("/tillganglighet/"))
    assert "Redogörelsen är inte ifylld: organisation och kontaktvägar saknas." in page
    assert f"lägg den som {FILE_NAME} i jamfors datamapp" in page


@pytest.mark.parametrize("where", ["setting", "data folder"])
def test_the_organisations_file_is_the_statement(
    where: str, db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if where == "setting":
        path = tmp_path / "redogorelse.yaml"
        monkeypatch.setenv(jamfor_settings.ACCESSIBILITY_STATEMENT.env, str(path))
    else:
        monkeypatch.setattr(jamfor_settings, "data_dir", lambda: tmp_path)
        path = tmp_path / FILE_NAME
    path.write_text(COMPLETED, encoding="utf-8")
    response = Client().get("/tillganglighet/")
    page = text(response)
    assert "Tillgänglighet för jamfor för Nordvästkommunerna" in page
    assert "FoU-Nordväst står bakom den här tjänsten." in page
    assert (
        "Tjänsten är helt förenlig med lagen om tillgänglighet till digital offentlig service."
        in page
    )
    assert "Vi känner inte till några brister i tjänstens tillgänglighet." in page
    assert "Protokoll från möten före 23 september 2018." in page
    assert "Telefon: 08-123 456 00" in page and "Vi svarar inom två arbetsdagar." in page
    assert (
        "Tjänsten publicerades den 2026-01-15. Redogörelsen uppdaterades senast den 2026-12-01."
        in page
    )
    assert "veraPDF" not in page  # the organisation's list replaces the template's
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", href="mailto:tillganglighet@fou-nordvast.se") is not None
    assert load_statement().statement.completed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("forenlighet: nästan\n", "«forenlighet» ska vara helt, delvis eller inte"),
        ("senast_bedomd: igår\n", "«senast_bedomd» ska vara ett datum som ÅÅÅÅ-MM-DD"),
        ("organisatoin: FoU\n", "fältet «organisatoin» finns inte i mallen"),
        ("kontakt: [\n", "är inte giltig YAML på rad 2"),
    ],
)
def test_a_file_that_cannot_be_read_is_named_to_analysts_and_the_template_shown(
    content: str,
    message: str,
    analyst: Any,
    login: Callable[[Any], Client],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "redogorelse.yaml"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setenv(jamfor_settings.ACCESSIBILITY_STATEMENT.env, str(path))
    response = login(analyst).get("/tillganglighet/")
    assert response.status_code == 200
    page = text(response)
    assert (
        f"Organisationens redogörelse kunde inte läsas, så mallen visas i stället: {path}" in page
    )
    assert message in page
    assert "delvis förenlig" in page  # the template
    anonymous = text(Client().get("/tillganglighet/"))
    assert "kunde inte läsas" not in anonymous and "delvis förenlig" in anonymous
