"""Imports are previewed, applied only on confirmation, kept as batches and undoable (issue 15, 1–2)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jamfor.registry.loader import load_registry
from jamfor.synthetic import COLUMNS, synthetic_national
from jamfor.web.audit.models import AuditRecord
from jamfor.web.results.importing import (
    NotUndoable,
    StalePreview,
    apply_batch,
    import_results,
    preview_import,
    undo_batch,
)
from jamfor.web.results.models import BatchStatus, ImportBatch, PublishedMean, ResultValue
from jamfor.web.survey.models import Year

from .conftest import dump

EXAMPLE = Path(str(resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv")).read_bytes()
FIX = "indikator,enhet,varde\nRutin med barn- och ungdomsvården,Ekerö,Ja\n".encode()
NORDVAST = ("0125", "0123", "0191", "0163", "0184", "0183", "0114", "0139")


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def synthetic_file(members_only: bool = True) -> bytes:
    """``jamfor demo-data --national`` for 2015, as the CLI writes it (optionally the group only)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in synthetic_national(load_registry(), [2015], seed=1):
        if not members_only or row.code in NORDVAST or row.code in ("00", "01"):
            writer.writerow(row.as_tuple())
    return out.getvalue().encode()


def post_file(client: Client, name: str, content: bytes) -> Any:
    return client.post("/resultat/2015/import/", {"file": SimpleUploadedFile(name, content)})


def test_a_preview_stores_nothing_and_says_what_would_change(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    c = login(analyst)
    stored = ("results.resultvalue", "results.publishedmean", "survey.year", "audit")
    before = dump(*stored)
    fix = (
        "indikator,enhet,varde\n"
        "Rutin med barn- och ungdomsvården,Ekerö,Ja\n"
        "Rutin med barn- och ungdomsvården,Järfälla,Nej\n"  # as stored: unchanged
        "Rutin med vuxenvården,Sigtuna,Ja\n"
    ).encode()
    r = post_file(c, "rattelse.csv", fix)
    assert r.status_code == 302 and "/resultat/2015/inlasningar/" in r["Location"]
    assert dump(*stored) == before
    page = soup(c.get(r["Location"]))
    assert page.h1.get_text() == "Förhandsgranska rattelse.csv"
    counts = [li.get_text(" ", strip=True) for li in page.select(".batch-counts li")]
    assert counts == ["0 nya värden", "2 ändrade värden", "1 oförändrade värden"]
    section = page.select_one("#per-indikator").find_parent("section")
    per_indicator = {
        tr.th.get_text(" ", strip=True): [td.get_text() for td in tr.select("td")]
        for tr in section.select("tbody tr")
    }
    assert per_indicator == {
        "Rutin med barn- och ungdomsvården (rutin-barn-unga)": ["0", "1"],
        "Rutin med vuxenvården (rutin-vuxen)": ["0", "1"],
    }
    changes = [
        [cell.get_text() for cell in tr.select("th, td")]
        for tr in page.select("table.changes tbody tr")
    ]
    assert changes == [["Ekerö", "Nej", "Ja"], ["Sigtuna", "Nej", "Ja"]]
    # confirming applies it, and the batch is logged and listed
    done = c.post(r["Location"] + "bekrafta/")
    assert done["Location"] == "/resultat/2015/"
    assert ResultValue.objects.get(unit="0125", indicator="rutin-barn-unga").value == "Ja"
    record = AuditRecord.objects.filter(action="resultat.import").latest("id")
    assert record.before == {"Ekerö · rutin-barn-unga": "Nej", "Sigtuna · rutin-vuxen": "Nej"}
    listed = soup(c.get("/resultat/2015/inlasningar/"))
    names = [tr.th.get_text(" ", strip=True) for tr in listed.select("tbody tr")]
    assert names == ["rattelse.csv", "oj-2015.csv"]


def test_the_changes_download_as_csv_every_one_old_and_new(year: Year, analyst: Any) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    outcome = preview_import(year, "rattelse.csv", FIX, analyst)
    assert outcome.batch is not None
    c = Client()
    c.force_login(analyst)
    r = c.get(f"/resultat/2015/inlasningar/{outcome.batch.pk}/andringar.csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["indikator", "enhet", "slag", "före", "efter"],
        ["rutin-barn-unga", "Ekerö", "värde", "Nej", "Ja"],
    ]


def test_cancelling_a_preview_changes_nothing(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    values = list(ResultValue.objects.order_by("id").values_list("value", flat=True))
    c = login(analyst)
    r = post_file(c, "rattelse.csv", FIX)
    cancelled = c.post(r["Location"] + "avbryt/")
    assert "är avbruten. Ingenting ändrades" in soup(c.get(cancelled["Location"])).get_text()
    assert list(ResultValue.objects.order_by("id").values_list("value", flat=True)) == values
    batch = ImportBatch.objects.get(name="rattelse.csv")
    assert batch.status == BatchStatus.CANCELLED and not batch.changes.exists()
    assert c.post(r["Location"] + "bekrafta/").status_code == 302
    assert ResultValue.objects.get(unit="0125", indicator="rutin-barn-unga").value == "Nej"


def test_undo_puts_back_what_the_import_replaced_and_removes_what_it_added(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    first = import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    values_before = sorted(ResultValue.objects.values_list("unit", "indicator", "value", "source"))
    added = "indikator,enhet,varde\nRutin med barn- och ungdomsvården,Ekerö,Ja\n"
    added += "Rutin med barn- och ungdomsvården,Snitt i Nordväst,50.0\n"
    second = import_results(year, "rattelse.csv", added.encode(), analyst)
    assert second.batch is not None and (second.added, second.changed) == (0, 2)
    # the older batch waits for the newer one
    assert first.batch is not None
    with pytest.raises(NotUndoable, match=r"Ångra först den senare inläsningen rattelse\.csv"):
        undo_batch(first.batch, analyst)
    c = login(analyst)
    page = soup(c.get(f"/resultat/2015/inlasningar/{second.batch.pk}/"))
    assert page.select_one("#angra-rubrik") is not None
    r = c.post(f"/resultat/2015/inlasningar/{second.batch.pk}/angra/")
    assert "är ångrad: 2 värden är som före inläsningen" in soup(c.get(r["Location"])).get_text()
    assert (
        sorted(ResultValue.objects.values_list("unit", "indicator", "value", "source"))
        == values_before
    )
    mean = PublishedMean.objects.get(indicator="rutin-barn-unga")
    assert mean.batch == first.batch
    log = AuditRecord.objects.get(action="resultat.ångra")
    assert log.before == {
        "Ekerö · rutin-barn-unga": "Ja",
        "Snitt i Nordväst · rutin-barn-unga": "50.0",
    }
    assert log.after["Ekerö · rutin-barn-unga"] == "Nej" and log.actor == analyst
    # then the first one, which leaves the year empty
    assert undo_batch(first.batch, analyst).restored == first.added
    assert not ResultValue.objects.exists() and not PublishedMean.objects.exists()


def test_a_cell_changed_after_the_import_keeps_its_value_on_undo(year: Year, analyst: Any) -> None:
    outcome = import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    assert outcome.batch is not None
    ResultValue.objects.filter(unit="0125", indicator="rutin-barn-unga").update(
        value="Ja", batch=None
    )
    undone = undo_batch(outcome.batch, analyst)
    assert undone.kept == 1
    assert list(ResultValue.objects.values_list("unit", "value")) == [("0125", "Ja")]


def test_a_preview_made_before_another_import_is_not_applied(year: Year, analyst: Any) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    late = preview_import(year, "rattelse.csv", FIX, analyst)
    other = "indikator,enhet,varde\nRutin med barn- och ungdomsvården,Ekerö,Integrerat\n"
    import_results(year, "annan.csv", other.encode(), analyst)
    assert late.batch is not None
    with pytest.raises(StalePreview, match="har ändrats sedan förhandsvisningen"):
        apply_batch(late.batch, analyst)
    assert ResultValue.objects.get(unit="0125", indicator="rutin-barn-unga").value == "Integrerat"
    late.batch.refresh_from_db()
    assert late.batch.status == BatchStatus.CANCELLED


def test_a_synthetic_file_into_a_real_year_needs_an_explicit_choice(
    year: Year, analyst: Any, reader: Any, login: Callable[[Any], Client]
) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    c = login(analyst)
    r = post_file(c, "demo.csv", synthetic_file())
    preview = soup(c.get(r["Location"]))
    warning = preview.select_one(".message-warning").get_text(" ", strip=True)
    assert "Filen innehåller SYNTETISKA DATA" in warning
    assert "Året har verkliga värden" in warning
    refused = c.post(r["Location"] + "bekrafta/")
    assert refused.status_code == 400
    summary = soup(refused).select_one("[data-error-summary]")
    assert "Kryssa i rutan om du verkligen vill" in summary.get_text()
    assert summary.select_one("a")["href"] == "#id_syntetiska"
    assert not ResultValue.objects.filter(batch__synthetic=True).exists()
    assert "SYNTETISKA DATA" not in soup(login(reader).get("/resultat/2015/")).get_text()
    done = c.post(r["Location"] + "bekrafta/", {"syntetiska": "on"})
    assert done.status_code == 302
    assert ResultValue.objects.filter(batch__synthetic=True).exists()
    # every role sees the banner, and no table credits the publisher with the values
    page = soup(login(reader).get("/resultat/2015/"))
    banner = page.select_one(".synthetic-banner").get_text(" ", strip=True)
    assert banner.startswith("SYNTETISKA DATA – värden på den här sidan är påhittade")
    # (table 1, the municipalities' sorting, is the bundled registry's, not the file's)
    sources = [p.get_text() for p in page.select("figure:not(#tabell-1) p.source")]
    assert len(sources) > 10 and not [s for s in sources if "Socialstyrelsen" in s]
    assert all(s.startswith("Källa: SYNTETISKA DATA från jamfor demo-data") for s in sources)
    assert "Siffror och regler: Socialstyrelsen" not in page.select_one("footer").get_text()
    # undone, the real values are back and the banner goes
    undo_batch(ImportBatch.objects.get(name="demo.csv"), analyst)
    page = soup(login(reader).get("/resultat/2015/"))
    assert page.select_one(".synthetic-banner") is None
    assert "Källa: Socialstyrelsens" in page.select_one("#tabell-2 p.source").get_text()


def test_a_synthetic_file_into_an_empty_year_needs_no_tick_but_is_marked(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    r = post_file(c, "demo.csv", synthetic_file())
    preview = soup(c.get(r["Location"]))
    assert preview.select_one("#id_syntetiska") is None
    assert "Året har verkliga värden" not in preview.get_text()
    assert c.post(r["Location"] + "bekrafta/").status_code == 302
    listed = soup(c.get("/resultat/2015/inlasningar/")).select_one("tbody tr th").get_text()
    assert "(SYNTETISKA DATA)" in listed


def test_a_legacy_import_cannot_be_undone(year: Year, analyst: Any) -> None:
    outcome = import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    assert outcome.batch is not None
    ImportBatch.objects.filter(pk=outcome.batch.pk).update(legacy=True)
    outcome.batch.refresh_from_db()
    with pytest.raises(NotUndoable, match="innan jamfor sparade värdena"):
        undo_batch(outcome.batch, analyst)


def test_a_file_with_thousands_of_problems_lists_a_few_of_each_kind(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    rows = ["indikator,enhet,varde", "Rutin med barn- och ungdomsvården,Atlantis,Ja"]
    rows += [f"Rutin med barn- och ungdomsvården,Ekerö,Kanske{i}" for i in range(1200)]
    r = post_file(login(analyst), "trasig.csv", "\n".join(rows).encode())
    assert r.status_code == 400
    page = soup(r)
    summary = page.select_one("[data-error-summary]")
    assert summary.h2.get_text() == "Filen har minst 1\u00a0000 fel – ingenting ur den är sparat"
    groups = summary.select("table.problems tbody")
    assert [len(g.select("tr:not(.rest)")) for g in groups] == [1, 5]
    assert [td.get_text() for td in groups[0].select("td")][:3] == ["trasig.csv", "2", "enhet"]
    assert [g.select_one("tr td:nth-of-type(2)").get_text() for g in groups] == ["2", "3"]
    assert groups[1].select_one("tr.rest").get_text() == "… och 994 rader till med samma fel."
    assert "Kontrollen avbröts efter 1\u00a0000 fel" in summary.get_text()
    assert len(r.content) < 30_000


@pytest.mark.django_db(transaction=True)
def test_files_imported_before_batches_become_applied_batches_that_cannot_be_undone() -> None:
    """The migration keeps what was imported: each file a legacy batch, its values linked."""
    import datetime as dt

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before = [("results", "0001_initial"), ("survey", "0002_year_area_catalog")]
    executor.migrate([before[0]])
    old = executor.loader.project_state(before).apps
    year = old.get_model("survey", "Year").objects.create(year=2015, area="ekb", group="nordvast")
    at = dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC)
    old.get_model("results", "ImportedFile").objects.create(
        year=year, name="oj-2015.csv", sha256="0" * 64, size=10, imported_at=at
    )
    old.get_model("results", "ResultValue").objects.create(
        year=year,
        unit="0125",
        indicator="rutin-barn-unga",
        value="Nej",
        source="oj-2015.csv",
        imported_at=at,
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.legacy, batch.created_at) == (BatchStatus.APPLIED, True, at)
    assert ResultValue.objects.get().batch == batch
    with pytest.raises(NotUndoable):
        undo_batch(batch, None)
