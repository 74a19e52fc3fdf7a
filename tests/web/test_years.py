"""Analysts make and change years in the app: area, catalog, group and deadline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jamfor.catalog.loader import catalog_yaml
from jamfor.sources.kolada_catalog import bundled_kolada_catalog
from jamfor.web.audit.models import AuditRecord
from jamfor.web.survey.models import Year


def _errors(r: Any) -> list[str]:
    page = BeautifulSoup(r.content, "html.parser")
    return [" ".join(li.get_text().split()) for li in page.select(".error-summary li")]


def test_an_analyst_lays_out_a_year_with_the_bundled_catalog(
    analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    home = BeautifulSoup(c.get("/").content, "html.parser")
    assert home.select_one("a[href='/ar/nytt/']").get_text() == "Lägg upp ett år"
    page = BeautifulSoup(c.get("/ar/nytt/").content, "html.parser")
    areas = [o.get_text() for o in page.select("#id_area option")]
    assert "Ekonomiskt bistånd" in areas and "Missbruks- och beroendevård" in areas
    r = c.post(
        "/ar/nytt/",
        {
            "year": "2015",
            "area": "ekb",
            "group": "nordvast",
            "deadline": "2015-03-31",
            "katalog": "medfoljande",
        },
        follow=True,
    )
    year = Year.objects.get()
    assert (year.year, year.area, year.group, str(year.deadline)) == (
        2015,
        "ekb",
        "nordvast",
        "2015-03-31",
    )
    assert "Året 2015 är upplagt. Katalogen: medföljande (handskriven)." in r.content.decode()
    assert AuditRecord.objects.get().action == "år.skapad"
    r = c.post(
        "/ar/2015/", {"group": "Solna, Sundbyberg", "deadline": "", "katalog": "medfoljande"}
    )
    assert r.status_code == 302
    year.refresh_from_db()
    assert (year.year, year.group, year.deadline) == (2015, "Solna, Sundbyberg", None)


def test_a_catalog_that_does_not_fit_is_refused_with_the_reason(
    analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    base = {"year": "2024", "area": "missbruk", "group": "nordvast", "deadline": ""}
    r = c.post("/ar/nytt/", {**base, "katalog": "medfoljande"})
    assert _errors(r) == [
        "Katalog: Det finns ingen medföljande katalog för missbruk 2024. Välj att den genereras ur "
        "arbetsboken eller ladda upp en egen."
    ]
    r = c.post("/ar/nytt/", {**base, "group": "Atlantis", "katalog": "egen"})
    assert "Katalogfil (YAML): Välj katalogfilen (YAML) att ladda upp." in _errors(r)
    assert any("Okänd grupp «Atlantis»" in e for e in _errors(r))
    wrong = SimpleUploadedFile("ekb.yaml", b"area: ekb\nyear: 2024\ntables: []\n")
    r = c.post("/ar/nytt/", {**base, "katalog": "egen", "katalogfil": wrong})
    assert any(
        e.startswith("Katalogfil (YAML): ekb.yaml: Katalogen i fältet är felaktig")
        for e in _errors(r)
    )
    r = c.post("/ar/nytt/", {**base, "year": "2015", "area": "ekb", "katalog": "genereras"})
    assert _errors(r) == ["Katalog: ekb 2015 har en medföljande katalog, och den gäller. Välj den."]
    assert not Year.objects.exists() and not AuditRecord.objects.exists()


def test_an_own_catalog_file_or_one_generated_from_the_workbook(
    analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    own = catalog_yaml(bundled_kolada_catalog("missbruk", 2024)).replace(
        "\n", "\r\n"
    )  # written on Windows
    upload = SimpleUploadedFile("missbruk-2024.yaml", own.encode())
    base = {"year": "2024", "area": "missbruk", "group": "nordvast", "deadline": "1 095"}
    r = c.post("/ar/nytt/", {**base, "katalog": "egen", "katalogfil": upload})
    assert r.status_code == 200  # the deadline is no date
    upload.seek(0)
    r = c.post(
        "/ar/nytt/", {**base, "deadline": "2024-04-30", "katalog": "egen", "katalogfil": upload}
    )
    assert r.status_code == 302, _errors(r)
    year = Year.objects.get()
    assert "\r" not in year.catalog_text and year.catalog.area == "missbruk"
    # changing only the deadline keeps the stored catalog
    r = c.post("/ar/2024/", {"group": "nordvast", "deadline": "2024-05-31", "katalog": "egen"})
    assert r.status_code == 302
    year.refresh_from_db()
    assert year.catalog_text and str(year.deadline) == "2024-05-31"
    r = c.post("/ar/2024/", {"group": "nordvast", "deadline": "", "katalog": "genereras"})
    year.refresh_from_db()
    assert year.catalog_text == "" and year.catalog_origin == "genererad ur Koladas nyckeltal"
