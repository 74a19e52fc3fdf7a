"""jamfor hamta kolada, demo-data and trend, as a user runs them (no network)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import httpx
import pytest
import respx
from typer.testing import CliRunner

from jamfor.catalog.areas import survey_kpis
from jamfor.cli import app

runner = CliRunner()
BASE = "https://api.kolada.se/v3/"


SURVEY_KPIS = {k.id for k in survey_kpis()}


def _kolada_answer(request: httpx.Request) -> httpx.Response:
    """A Kolada data answer for whatever KPIs, municipalities and years were asked: survey
    KPIs coded 0 or 1, register measures as figures."""
    parts = request.url.path.split("/")
    kpis, units, years = parts[4].split(","), parts[6].split(","), parts[8].split(",")
    rows = [
        {
            "kpi": k,
            "municipality": u,
            "period": int(y),
            "values": [
                {
                    "gender": "T",
                    "count": 1,
                    "status": "",
                    "value": float(i % 2) if k in SURVEY_KPIS else 10.25 + i % 50,
                    "isdeleted": False,
                },
                {
                    "gender": "K",
                    "count": 1,
                    "status": "",
                    "value": 1.0 if k in SURVEY_KPIS else 11.0,
                    "isdeleted": False,
                },
            ],
        }
        for i, (k, u, y) in enumerate((k, u, y) for k in kpis for u in units for y in years)
    ]
    return httpx.Response(200, json={"values": rows, "count": len(rows), "next_url": None})


def test_hamta_kolada_writes_a_file_the_report_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAMFOR_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "kolada.csv"
    with respx.mock:
        route = respx.get(url__startswith=f"{BASE}data/kpi/").mock(side_effect=_kolada_answer)
        # Kolada's current listing has dropped the OJ survey KPIs: the bundled titles serve
        meta = respx.get(url__startswith=f"{BASE}kpi/").mock(
            return_value=httpx.Response(200, json={"values": [], "count": 0, "next_url": None})
        )
        r = runner.invoke(
            app, ["hamta", "kolada", "--year", "2014-2015", "--group", "nordvast", "-o", str(out)]
        )
        assert r.exit_code == 0, r.output
        # 56 KPIs of ekb in 3 batches of ≤ 25, 8 municipalities + Riket + län, 2 years
        assert route.call_count == 3 and meta.call_count == 3
    text = out.read_text(encoding="utf-8").splitlines()
    assert text[0] == "kommunkod,enhet,indikator,ar,kon,varde,kolada_kpi"
    # the 19 register measures with Riket and län, the 37 survey KPIs for the municipalities
    # only (Kolada's figure for Riket is no answer); T and K kept
    assert len(text) - 1 == 19 * 10 * 2 * 2 + 37 * 8 * 2 * 2
    assert "sparade i" in r.stdout
    # the second run needs no network
    again = runner.invoke(
        app,
        [
            "fetch",
            "kolada",
            "--year",
            "2014-2015",
            "--group",
            "nordvast",
            "--offline",
            "-o",
            str(out),
        ],
    )
    assert again.exit_code == 0, again.output
    # and the file feeds a report: the register tables, with the change since 2014
    table = runner.invoke(app, ["table", "--data", str(out), "--year", "2015", "--json"])
    assert table.exit_code == 0, table.output
    doc = json.loads(table.stdout)
    ind = next(
        i
        for t in doc["tables"]
        for i in t["indicators"]
        if i["id"] == "bistandsmottagare-befolkningen"
    )
    assert ind["values"]["Ekerö"] is not None
    assert ind["change"]["since"] == 2014
    assert "Riket" in ind["published_references"]


def test_hamta_offline_with_empty_cache(tmp_path: Path) -> None:
    r = runner.invoke(
        app,
        [
            "hamta",
            "kolada",
            "--year",
            "2015",
            "--kommun",
            "Solna",
            "--offline",
            "--cache-dir",
            str(tmp_path / "tom"),
            "-o",
            str(tmp_path / "k.csv"),
        ],
    )
    assert r.exit_code == 1
    assert "finns inte i cachen och --offline är angivet" in r.stderr
    bad = runner.invoke(app, ["hamta", "kolada", "--year", "2015", "--kommun", "Solnaa"])
    assert bad.exit_code == 1 and "Menade du «Solna»" in bad.stderr
    bad = runner.invoke(app, ["hamta", "kolada", "--year", "2024-2015"])
    assert bad.exit_code == 1 and "slutar före" in bad.stderr


def test_demo_data_is_reproducible_and_labelled(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    for path, seed in ((a, "5"), (b, "5"), (c, "6")):
        r = runner.invoke(
            app, ["demo-data", "--years", "2015-2016", "--seed", seed, "-o", str(path)]
        )
        assert r.exit_code == 0, r.output
        assert "SYNTETISKA" in r.stdout

    def digest(p: Path) -> str:
        return hashlib.sha256(p.read_bytes()).hexdigest()

    assert digest(a) == digest(b) != digest(c)
    r = runner.invoke(app, ["table", "--data", str(a), "--year", "2015", "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["synthetic"] is True and doc["national"] is True
    cost = next(
        i for t in doc["tables"] for i in t["indicators"] if i["id"] == "kostnad-per-invanare"
    )
    assert set(cost["colours"].values()) <= {"green", "yellow", "red", "grey"}
    assert len(cost["colours"]) == 8


def test_trend_prints_a_table_and_draws_a_chart(tmp_path: Path) -> None:
    data = tmp_path / "demo.csv"
    assert runner.invoke(app, ["demo-data", "--years", "2015-2018", "-o", str(data)]).exit_code == 0
    chart = tmp_path / "trend.svg"
    r = runner.invoke(
        app,
        [
            "trend",
            "--indicator",
            "langvarigt-bistand",
            "--group",
            "nordvast",
            "--years",
            "2015-2018",
            "--data",
            str(data),
            "--chart",
            str(chart),
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["years"] == [2015, 2016, 2017, 2018]
    assert len(doc["snitt"]) == 4 and all(v is not None for v in doc["snitt"])
    assert set(doc["members"]) >= {"Ekerö", "Upplands-Bro"}
    assert "Riket" in doc["references"] and doc["synthetic"] is True
    svg = chart.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "Långvarigt ekonomiskt bistånd" in svg
    human = runner.invoke(
        app,
        [
            "trend",
            "-i",
            "Långvarigt ekonomiskt bistånd",
            "--years",
            "2015-2018",
            "--data",
            str(data),
            "-o",
            str(tmp_path / "t.png"),
        ],
    )
    assert human.exit_code == 0, human.output
    assert "SYNTETISKA DATA" in human.stdout
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_trend_errors(tmp_path: Path) -> None:
    r = runner.invoke(app, ["trend", "-i", "finns-inte", "--data", str(tmp_path / "x.csv")])
    assert r.exit_code == 1 and "Okänd indikator «finns-inte»" in r.stderr
    wide = tmp_path / "bred.csv"
    wide.write_text("Kommun,Juridiskt stöd\nSolna,Ja\n", encoding="utf-8")
    r = runner.invoke(app, ["trend", "-i", "juridiskt-stod", "--data", str(wide)])
    assert r.exit_code == 1 and "lång form" in r.stderr


def test_compare_with_kommungrupp_and_similar(tmp_path: Path) -> None:
    data = tmp_path / "demo.csv"
    assert runner.invoke(app, ["demo-data", "--years", "2015", "-o", str(data)]).exit_code == 0
    r = runner.invoke(
        app,
        [
            "table",
            "--data",
            str(data),
            "--year",
            "2015",
            "--group",
            "Ekerö",
            "--json",
            "--compare-with",
            "kommungrupp",
            "--compare-with",
            "liknande",
        ],
    )
    assert r.exit_code == 0, r.output
    refs = json.loads(r.stdout)["tables"][0]["indicators"][0]["references"]
    assert list(refs) == [
        "Riket",
        "Stockholms län",
        "Pendlingskommun nära storstad (SKR A2)",
        "Liknande kommuner",
    ]
    assert all(isinstance(v, float) for v in refs.values())
    bad = runner.invoke(app, ["table", "--data", str(data), "--compare-with", "grannar"])
    assert bad.exit_code == 1 and "Okänd jämförelse «grannar»" in bad.stderr


def test_mapping_file_for_changed_headings(tmp_path: Path) -> None:
    import xlsxwriter

    book = tmp_path / "oj.xlsx"
    wb = xlsxwriter.Workbook(book)
    ws = wb.add_worksheet()
    ws.write(0, 0, "Öppna jämförelser 2015")
    ws.write_row(2, 0, ["Kommun", "Långvarigt bistånd (ny rubrik)"])
    ws.write_row(3, 0, ["Solna", 26.7])
    ws.write_row(4, 0, ["Ekerö", 30.9])
    wb.close()
    mapping = tmp_path / "rubriker.yaml"
    mapping.write_text('"Långvarigt bistånd (ny rubrik)": langvarigt-bistand\n', encoding="utf-8")
    without = runner.invoke(app, ["table", "--data", str(book), "--group", "Solna,Ekerö", "--json"])
    assert without.exit_code == 1 and "Hittade ingen tabell med kända indikatorer" in without.stderr
    r = runner.invoke(
        app,
        [
            "table",
            "--data",
            str(book),
            "--group",
            "Solna,Ekerö",
            "--json",
            "--mapping",
            str(mapping),
        ],
    )
    assert r.exit_code == 0, r.output
    ind = next(
        i
        for t in json.loads(r.stdout)["tables"]
        for i in t["indicators"]
        if i["id"] == "langvarigt-bistand"
    )
    assert ind["snitt"] == 28.8


def test_hamta_kolada_refuses_values_an_import_would_refuse_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAMFOR_CACHE_DIR", str(tmp_path / "cache"))

    def poisoned(request: httpx.Request) -> httpx.Response:
        answer = _kolada_answer(request)
        doc = json.loads(answer.content)
        doc["values"][0]["values"][0]["value"] = 1e20
        doc["values"][1]["municipality"] = '=HYPERLINK("http://evil.example/")'
        return httpx.Response(200, json=doc)

    out = tmp_path / "kolada.csv"
    with respx.mock:
        respx.get(url__startswith=f"{BASE}data/kpi/").mock(side_effect=poisoned)
        respx.get(url__startswith=f"{BASE}kpi/").mock(
            return_value=httpx.Response(200, json={"values": [], "count": 0})
        )
        r = runner.invoke(
            app, ["hamta", "kolada", "--year", "2015", "--group", "nordvast", "-o", str(out)]
        )
    assert r.exit_code == 1
    assert "Kolada svarade med ett värde som inte godtas" in r.stderr
    assert "okänd kommun eller region" in r.stderr
    assert not out.exists()


def test_demo_data_cells_cannot_start_a_formula(tmp_path: Path) -> None:
    out = tmp_path / "demo.csv"
    r = runner.invoke(app, ["demo-data", "--years", "2015", "-o", str(out)])
    assert r.exit_code == 0, r.output
    import csv as _csv

    with out.open(encoding="utf-8") as fh:
        cells = [c for row in _csv.reader(fh) for c in row]
    assert not [
        c for c in cells if c[:1] in ("=", "+", "@") and not c[1:].replace(".", "").isdigit()
    ]
