"""Statistics over time in the development work: a series attached to an area and its knowledge report."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jamfor.web.audit.models import AuditRecord
from jamfor.web.development.models import AreaSeries
from jamfor.web.survey.models import Year

from ..sources.test_pxweb import MONTHS, cube
from ..support.pxweb_server import NORDVAST, Host, pxweb_host, query
from .conftest import dump
from .cycle_support import cycle_with_area, sick_leave_csv


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(response: Any) -> str:
    return " ".join(soup(response).get_text(" ").split())


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAMFOR_CACHE_DIR", str(tmp_path / "cache"))


def test_a_series_file_in_the_knowledge_report_in_three_formats(
    year: Year, analyst: Any, login: Callable[[Any], Client], tmp_path: Path
) -> None:
    _cycle, area = cycle_with_area(year)
    a = login(analyst)
    r = a.post(
        f"/utveckling/2015/omraden/{area.pk}/serier/",
        {
            "action": "fil",
            "fil-file": SimpleUploadedFile("sjukfall.csv", sick_leave_csv()),
            "fil-title": "Antal sjukfall i nordvästkommunerna",
        },
        follow=True,
    )
    assert r.status_code == 200
    assert (
        "Serien «Antal sjukfall i nordvästkommunerna» (oktober 2014–oktober 2015) är tillagd"
        in text(r)
    )
    assert "Gruppens värde saknas för 1 perioder" in text(r)
    stored = AreaSeries.objects.get()
    assert stored.origin == "fil" and stored.file_name == "sjukfall.csv"
    assert stored.unit == "antal" and stored.source == "Försäkringskassan"
    assert len(stored.values) == 8 * 13
    assert AuditRecord.objects.filter(action="utveckling.serie.skapad").count() == 1

    page = soup(a.get("/utveckling/2015/kunskap/"))
    headings = [h.get_text() for h in page.select("h2, h3")]
    assert "Statistik över tid" in headings
    table = page.select_one(f"#omrade-1-serie-{stored.pk}")
    assert table is not None
    assert "Tabell 1.1. Antal sjukfall i nordvästkommunerna (antal)" in table.caption.get_text(" ")
    columns = [th.get_text() for th in table.select("thead th")]
    assert columns[0] == "Ekerö" and columns[-1] == "Nordvästkommunerna (summa)"
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.select("td")]
        for tr in table.select("tbody tr")
    }
    assert len(rows) == 13
    # members 10, 20, … 80 in October 2014, one more each month: the total is 360 + 8 × month
    assert rows["oktober 2014"][-1] == "360"
    assert rows["oktober 2015"][-1] == str(360 + 8 * 12)
    assert rows["mars 2015"][0] == "–" and rows["mars 2015"][-1] == "saknas"
    caption = " ".join(table.figcaption.get_text(" ").split())
    assert "Mars 2015: inget gruppvärde, värde saknas för Ekerö." in caption
    assert "Källa: Försäkringskassan." in caption
    chart = table.find_next_sibling("div", class_="chart").select_one("svg[role=img]")
    assert chart is not None and "Linjediagram: Antal sjukfall" in chart.title.get_text()

    pdf = a.get("/utveckling/2015/kunskap/rapport.pdf")
    (tmp_path / "k.pdf").write_bytes(pdf.content)
    pdf_text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "k.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert (
        "Antal sjukfall i nordvästkommunerna" in pdf_text
        and "Källa: Försäkringskassan." in pdf_text
    )
    docx = a.get("/utveckling/2015/kunskap/rapport.docx")
    with zipfile.ZipFile(io.BytesIO(docx.content)) as z:
        xml = z.read("word/document.xml").decode()
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
    assert "Antal sjukfall i nordvästkommunerna" in xml and "Källa: Försäkringskassan." in xml
    assert pictures  # the chart as a picture
    assert "Linjediagram: Antal sjukfall" in xml  # its alternative text


def test_a_pxweb_query_fetched_from_the_stand_in(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    _cycle, area = cycle_with_area(year)
    saved = query(list(NORDVAST), [m for m, _ in MONTHS])
    with pxweb_host(Host(cube())) as host:
        r = login(analyst).post(
            f"/utveckling/2015/omraden/{area.pk}/serier/",
            {"action": "pxweb", "pxweb-url": host.table_url, "pxweb-query": json.dumps(saved)},
            follow=True,
        )
        assert len(host.posts()) == 1
    assert "Serien «Helårsekvivalenter» (oktober 2014–oktober 2015) är tillagd" in text(r)
    stored = AreaSeries.objects.get()
    assert stored.origin == "pxweb" and stored.pxweb_url == host.table_url
    assert stored.pxweb_query["query"][2]["selection"]["values"][0] == "2014M10"
    assert stored.source.startswith("SCB, tabell HE0000T01N")
    page = text(login(analyst).get("/utveckling/2015/kunskap/"))
    assert "Helårsekvivalenter (antal)" in page
    assert "Mars 2015: inget gruppvärde, värde saknas för Ekerö." in page


def test_bad_input_is_listed_and_nothing_is_stored(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    _cycle, area = cycle_with_area(year)
    a = login(analyst)
    before = dump("development", "audit")
    bad = "kommun;period;varde\nEkerö;2014-10;12\nEkeröö;2014-11;13\nSolna;oktober;1\n"
    r = a.post(
        f"/utveckling/2015/omraden/{area.pk}/serier/",
        {"action": "fil", "fil-file": SimpleUploadedFile("fel.csv", bad.encode())},
    )
    assert r.status_code == 400
    body = text(r)
    problems = [
        [td.get_text() for td in tr.select("td")]
        for tr in soup(r).select(".error-summary table tbody tr")
    ]
    assert problems[0][:3] == ["fel.csv", "3", "kommun"]
    assert problems[0][3].startswith("Okänd kommun «Ekeröö»")
    assert problems[1][:3] == ["fel.csv", "4", "period"]
    assert problems[1][3].startswith("«oktober» är ingen period")
    assert "Serien lades inte till – ingenting ur filen är sparat" in body
    r = a.post(
        f"/utveckling/2015/omraden/{area.pk}/serier/",
        {
            "action": "pxweb",
            "pxweb-url": "http://127.0.0.1:9/api/v1/sv/T",
            "pxweb-query": "{inte json",
        },
    )
    assert r.status_code == 400 and "Frågan är inte giltig JSON" in text(r)
    assert "Serien hämtades inte – ingenting är sparat" in text(r)
    with pxweb_host(Host(cube())) as host:
        r = a.post(
            f"/utveckling/2015/omraden/{area.pk}/serier/",
            {
                "action": "pxweb",
                "pxweb-url": host.url + "/OV0104/v1/doris/sv/ssd/FINNS/INTE",
                "pxweb-query": json.dumps(query(["0125"], ["2014M10"])),
            },
        )
    assert r.status_code == 400 and "PxWeb svarade HTTP 404" in text(r)
    assert dump("development", "audit") == before


def test_removing_a_series(year: Year, analyst: Any, login: Callable[[Any], Client]) -> None:
    _cycle, area = cycle_with_area(year)
    a = login(analyst)
    a.post(
        f"/utveckling/2015/omraden/{area.pk}/serier/",
        {"action": "fil", "fil-file": SimpleUploadedFile("s.csv", sick_leave_csv(None))},
    )
    stored = AreaSeries.objects.get()
    page = soup(a.get(f"/utveckling/2015/omraden/{area.pk}/serier/"))
    assert page.find("button", string="Ta bort serien «Antal sjukfall»") is not None
    r = a.post(f"/utveckling/2015/omraden/{area.pk}/serier/{stored.pk}/ta-bort/", follow=True)
    assert "Serien «Antal sjukfall» är borttagen." in text(r)
    assert not AreaSeries.objects.exists()
    assert AuditRecord.objects.filter(action="utveckling.serie.borttagen").count() == 1
    assert "Statistik över tid" not in text(a.get("/utveckling/2015/kunskap/"))
