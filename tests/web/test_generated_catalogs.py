"""A year without a bundled catalog in the web app: generated from a workbook or Kolada."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jamfor.catalog.loader import parse_catalog
from jamfor.registry.loader import load_registry
from jamfor.web.audit.models import AuditRecord
from jamfor.web.results.importing import import_results, undo_batch
from jamfor.web.results.models import ImportBatch, ResultValue
from jamfor.web.survey.models import Year

from ..support.oj_workbooks import RegisterColumn, SurveyColumn, Workbook, build_workbook

FOR_ALL = ("Ja, för alla", "Ja, men inte för alla", "Nej")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    return build_workbook(
        tmp_path_factory.mktemp("oj") / "oj-ekb-2024.xlsx",
        load_registry(),
        [
            SurveyColumn(
                "Tillgänglighet", "Socialjour alla dagar", ("Ja", "Nej"), (0.6, 0.4), ("Ja",)
            ),
            SurveyColumn(
                "Arbetsmarknad",
                "Insats till personer över 24 år",
                FOR_ALL,
                (0.3, 0.5, 0.2),
                ("Ja, för alla", "Ja, men inte för alla"),
            ),
        ],
        [RegisterColumn("Register", "Andel långvarigt ekonomiskt bistånd", 20, 50)],
        seed=11,
    )


@pytest.fixture
def year_2024(db: Any) -> Year:
    return Year.objects.create(
        year=2024, area="ekb", group="nordvast", deadline=dt.date.today() + dt.timedelta(days=9)
    )


def _upload(client: Client, path: Path) -> Any:
    return client.post(
        "/resultat/2024/import/", {"file": SimpleUploadedFile(path.name, path.read_bytes())}
    )


def test_importing_the_year_s_workbook_generates_and_keeps_its_catalog(
    year_2024: Year, workbook: Workbook, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    page = c.get("/resultat/2024/import/")
    assert "genererad ur Koladas nyckeltal" in page.content.decode()
    r = _upload(c, workbook.path)
    assert r.status_code == 302
    preview = c.get(r["Location"]).content.decode()
    assert "katalogen är genererad ur filen oj-ekb-2024.xlsx" in preview
    assert "Katalogen sparas för året när du bekräftar" in preview
    # nothing, the catalog included, is stored before the analyst confirms
    year_2024.refresh_from_db()
    assert year_2024.catalog_text == "" and not ResultValue.objects.exists()
    assert not AuditRecord.objects.filter(action="resultat.katalog").exists()
    confirmed = c.post(r["Location"] + "bekrafta/")
    shown = c.get(confirmed["Location"]).content.decode()
    assert "katalogen är genererad ur filen oj-ekb-2024.xlsx" in shown
    year_2024.refresh_from_db()
    catalog = year_2024.catalog
    assert catalog.generated_from == "oj-ekb-2024.xlsx"
    assert year_2024.catalog_origin == "genererad ur oj-ekb-2024.xlsx"
    labels = [i.label for i in catalog.indicators]
    assert labels == [
        "Socialjour alla dagar",
        "Insats till personer över 24 år",
        "Andel långvarigt ekonomiskt bistånd",
    ]
    older = catalog.indicators[1]
    assert older.yes_answers == ("Ja, för alla", "Ja, men inte för alla")
    assert ResultValue.objects.filter(year=year_2024, indicator=older.id).count() > 290
    assert AuditRecord.objects.filter(action="resultat.katalog").count() == 1
    # the dashboard shows the workbook's tables with the published Riket
    dashboard = BeautifulSoup(c.get("/resultat/2024/").content.decode(), "html.parser").get_text()
    assert "Insats till personer över 24 år" in dashboard and "Riket" in dashboard
    # the stored catalog is the one the YAML download gives, and reads back the same
    yaml = c.get("/resultat/2024/katalog.yaml")
    assert yaml.status_code == 200 and "härledd ur rikets" in yaml.content.decode()
    assert parse_catalog(yaml.content.decode(), "x") == catalog
    # a second import reads with the stored catalog and changes nothing
    again = _upload(c, workbook.path)
    assert again.status_code == 302 and again["Location"] == "/resultat/2024/"
    assert AuditRecord.objects.filter(action="resultat.katalog").count() == 1
    # undoing the import that generated the catalog takes the catalog away with its values
    batch = ImportBatch.objects.get(year=year_2024)
    undone = c.post(f"/resultat/2024/inlasningar/{batch.pk}/angra/")
    assert (
        "Katalogen som genererades ur filen är borttagen"
        in c.get(undone["Location"]).content.decode()
    )
    year_2024.refresh_from_db()
    assert year_2024.catalog_text == "" and not ResultValue.objects.filter(year=year_2024).exists()
    assert year_2024.catalog_origin == "genererad ur Koladas nyckeltal"
    undo_log = AuditRecord.objects.get(action="resultat.ångra")
    assert undo_log.after["katalog"] == "ingen egen"


def test_undoing_keeps_a_catalog_the_analyst_put_in_its_place(
    year_2024: Year, workbook: Workbook, analyst: Any
) -> None:
    outcome = import_results(year_2024, "oj-ekb-2024.xlsx", workbook.path.read_bytes(), analyst)
    assert outcome.batch is not None and outcome.catalog_generated
    year_2024.refresh_from_db()
    reviewed = year_2024.catalog_text.replace("Socialjour alla dagar", "Socialjour, granskad")
    year_2024.catalog_text = reviewed
    year_2024.save()
    assert undo_batch(outcome.batch, analyst).catalog_restored is False
    year_2024.refresh_from_db()
    assert year_2024.catalog_text == reviewed


def test_the_catalog_download_is_for_analysts_only(
    year_2024: Year, reader: Any, login: Callable[[Any], Client]
) -> None:
    r = login(reader).get("/resultat/2024/katalog.yaml")
    assert r.status_code in (302, 403)
