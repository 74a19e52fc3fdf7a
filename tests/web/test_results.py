"""Importing published results, the dashboard and the report downloads."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jamfor.catalog.loader import load_catalog
from jamfor.core.comparison import compare
from jamfor.registry.loader import load_registry, resolve_group
from jamfor.sources.loader import load_dataset
from jamfor.synthetic import COLUMNS, synthetic_national
from jamfor.web.audit.models import AuditRecord
from jamfor.web.results.dataset import comparison_for
from jamfor.web.results.formats import available_formats
from jamfor.web.results.importing import import_results
from jamfor.web.results.models import ImportBatch, PublishedMean, ResultValue
from jamfor.web.survey.interpretations import load_catalog_protocol
from jamfor.web.survey.models import Year

from .conftest import dump

EXAMPLE = Path(str(resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv"))
DATA = Path(__file__).parent.parent / "data"
RESULT_TABLES = ("results",)
UPLOAD = "/resultat/2015/import/"


def upload(client: Client, name: str, content: bytes, url: str = UPLOAD) -> Any:
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def upload_and_confirm(client: Client, name: str, content: bytes, url: str = UPLOAD) -> Any:
    """Upload, then confirm the preview the upload leads to (as the analyst clicks through)."""
    preview = upload(client, name, content, url)
    assert preview.status_code == 302 and "/inlasningar/" in preview["Location"], preview
    return client.post(preview["Location"] + "bekrafta/")


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


BAD = (
    "indikator,enhet,varde\n"
    "Rutin med barn- och ungdomsvården,Ekerö,Ja\n"
    "Rutin med barn- och ungdomsvården,Järfälla,Kanske\n"
    "Rutin med barn- och ungdomsvården,Atlantis,Ja\n"
).encode()


def test_a_bad_file_shows_every_problem_by_row_and_stores_nothing(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    upload_and_confirm(c, "oj-2015.csv", EXAMPLE.read_bytes())
    before = dump(*RESULT_TABLES, "audit")
    r = upload(c, "rattelse.csv", BAD)
    assert r.status_code == 400
    page = soup(r)
    rows = [
        [td.get_text() for td in tr.select("td")] for tr in page.select(".error-summary tbody tr")
    ]
    assert [row[:3] for row in rows] == [
        ["rattelse.csv", "3", "varde"],
        ["rattelse.csv", "4", "enhet"],
    ]
    assert "«Kanske» är inget tillåtet svar" in rows[0][3]
    assert "fel – ingenting ur den är sparat" in page.select_one("[role=alert]").get_text()
    assert "/tmp" not in r.content.decode()  # problems name the file as uploaded
    assert dump(*RESULT_TABLES, "audit") == before


def test_the_same_file_twice_leaves_the_same_state(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    c = login(analyst)
    r = upload_and_confirm(c, "oj-2015.csv", EXAMPLE.read_bytes())
    assert r.status_code == 302 and r["Location"] == "/resultat/2015/"
    assert ResultValue.objects.filter(year=year).count() == (8 + 2) * 52  # members, Riket, län
    assert PublishedMean.objects.filter(year=year).count() == 52
    once = dump(*RESULT_TABLES, "audit")
    r = upload(c, "oj-2015.csv", EXAMPLE.read_bytes())
    assert "innehåller inget nytt" in soup(c.get(r["Location"])).get_text()
    assert dump(*RESULT_TABLES, "audit") == once


def test_a_corrected_value_replaces_the_stored_one_and_the_log_keeps_both(
    year: Year, analyst: Any
) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE.read_bytes(), analyst)
    fix = "indikator,enhet,varde\nRutin med barn- och ungdomsvården,Ekerö,Ja\n".encode()
    outcome = import_results(year, "rattelse.csv", fix, analyst)
    assert (outcome.added, outcome.changed, outcome.unchanged) == (0, 1, 0)
    value = ResultValue.objects.get(year=year, unit="0125", indicator="rutin-barn-unga")
    assert (value.value, value.source, value.imported_by) == ("Ja", "rattelse.csv", analyst)
    record = AuditRecord.objects.filter(action="resultat.import").latest("id")
    assert record.before == {"Ekerö · rutin-barn-unga": "Nej"}
    assert record.after == {"Ekerö · rutin-barn-unga": "Ja"}
    assert record.actor == analyst and "rattelse.csv" in record.summary


def test_a_second_years_file_never_touches_the_first_years_values(year: Year, analyst: Any) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE.read_bytes(), analyst)
    first = list(ResultValue.objects.filter(year=year).order_by("id").values())
    year_2018 = Year.objects.create(year=2018, group="nordvast")
    outcome = import_results(
        year_2018, "oj-2018.csv", (DATA / "oj-ekb-2018-handgjord.csv").read_bytes(), analyst
    )
    assert outcome.added > 0
    assert list(ResultValue.objects.filter(year=year).order_by("id").values()) == first
    assert ResultValue.objects.filter(year=year_2018).count() == outcome.added - (
        PublishedMean.objects.filter(year=year_2018).count()
    )


def test_values_for_other_years_in_a_file_are_left_out(year: Year, analyst: Any) -> None:
    rows = "indikator,enhet,ar,varde\nRutin med barn- och ungdomsvården,Ekerö,2015,Ja\n"
    rows += "Rutin med barn- och ungdomsvården,Ekerö,2014,Nej\n"
    outcome = import_results(year, "tva-ar.csv", rows.encode(), analyst)
    assert (outcome.added, outcome.other_years) == (1, 1)
    assert list(ResultValue.objects.values_list("value", flat=True)) == ["Ja"]


def test_the_stored_results_compare_exactly_as_the_file_does(year: Year, analyst: Any) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE.read_bytes(), analyst)
    stored = comparison_for(year)
    assert stored is not None
    registry = load_registry()
    direct = compare(
        load_dataset([EXAMPLE], load_catalog(2015), registry),
        resolve_group(registry, "nordvast"),
        registry.units,
    )
    assert [
        (r.indicator.id, r.snitt, r.references, r.published_snitt) for r in stored.indicators()
    ] == [(r.indicator.id, r.snitt, r.references, r.published_snitt) for r in direct.indicators()]
    assert [(r.indicator.id, r.values) for r in stored.indicators()] == [
        (r.indicator.id, r.values) for r in direct.indicators()
    ]
    assert len(stored.mismatches()) == 2


def test_the_dashboard_shows_the_reports_tables_with_interpretations(
    year: Year, analyst: Any, reader: Any, login: Callable[[Any], Client]
) -> None:
    assert (
        "Inga resultat är inlästa för 2015" in soup(login(reader).get("/resultat/2015/")).get_text()
    )
    import_results(year, "oj-2015.csv", EXAMPLE.read_bytes(), analyst)
    load_catalog_protocol(year, analyst)
    page = soup(login(reader).get("/resultat/2015/"))
    table = page.select_one("#tabell-2 table")
    assert table.caption.get_text(" ", strip=True).startswith(
        "Tabell 2. Intern samordning i enskilda ärenden"
    )
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.select("td")]
        for tr in table.select("tbody tr")
    }
    assert list(rows)[:3] == ["Ekerö", "Järfälla", "Sigtuna"]
    assert rows["Snitt i Nordväst"][0] == "37,5\xa0%"
    assert rows["Riket"][0] == "54,3\xa0%"
    assert rows["Stockholms län"][0] == "55,0\xa0%"
    notes = page.select_one("#tabell-2-tolkningar")
    assert notes.get_text() == "Dokumentation från mötet om kvalitetssäkring 2015-04-24"
    assert "Om någon förvaltningsledning" in notes.parent.get_text()
    assert "Avvikelser mot publicerade snitt" in page.get_text()
    headings = [int(h.name[1]) for h in page.select("main h1, main h2, main h3, main h4")]
    assert headings[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(headings))


def test_dashboard_colours_follow_the_national_quartiles(
    year: Year, analyst: Any, reader: Any, login: Callable[[Any], Client], tmp_path: Path
) -> None:
    path = tmp_path / "nationell.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for row in synthetic_national(load_registry(), [2015], seed=3):
            writer.writerow(row.as_tuple())
    import_results(year, "nationell.csv", path.read_bytes(), analyst)
    assert ImportBatch.objects.get().synthetic
    page = soup(login(reader).get("/resultat/2015/"))
    coloured = page.select("#tabell-12a td.colour")
    assert coloured and all(td.select_one(".colour-mark") for td in coloured)
    assert page.select_one("#tabell-12a .colour-legend").get_text().startswith("Färger:")


def test_the_report_downloads_in_every_available_format(
    year: Year, analyst: Any, rep: Any, login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    assert c.get("/resultat/2015/rapport.html").status_code == 404  # nothing imported yet
    import_results(year, "oj-2015.csv", EXAMPLE.read_bytes(), analyst)
    formats = available_formats()
    page = soup(c.get("/resultat/2015/"))
    offered = [a["href"] for a in page.select("#ladda-ner ~ ul a, section a[href*='rapport.']")]
    assert {f"/resultat/2015/rapport.{k}" for k in formats} <= set(offered)
    html = c.get("/resultat/2015/rapport.html")
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert html["Content-Disposition"] == 'attachment; filename="rapport-2015-nordvast.html"'
    assert "Snitt i Nordväst" in html.content.decode()
    if "pdf" in formats:
        pdf = c.get("/resultat/2015/rapport.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    if "docx" in formats:
        docx = c.get("/resultat/2015/rapport.docx")
        assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert c.get("/resultat/2015/rapport.odt").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("bild.png", b"\x89PNG", "CSV (.csv) eller Excel (.xlsx)"), ("tom.csv", b"", "tom")],
)
def test_the_upload_form_refuses_what_it_cannot_read(
    year: Year,
    analyst: Any,
    login: Callable[[Any], Client],
    name: str,
    content: bytes,
    message: str,
) -> None:
    r = upload(login(analyst), name, content)
    assert r.status_code == 200
    assert message in soup(r).select_one(".errorlist").get_text()
    assert ResultValue.objects.count() == 0
