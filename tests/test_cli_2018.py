"""The 2018 year through the command: written text in JSON and in the report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from bs4 import BeautifulSoup
from typer.testing import CliRunner

from jamfor.cli import app

from .conftest import DATA, write_csv

runner = CliRunner()
HANDMADE = DATA / "oj-ekb-2018-handgjord.csv"


def test_table_json_2018_computes_snitt_and_writes_text() -> None:
    r = runner.invoke(app, ["table", "--data", str(HANDMADE), "--year", "2018", "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    ind = doc["tables"][0]["indicators"][2]
    assert ind["label"] == "Erbjuder enklare hushållsekonomisk rådgivning"
    assert ind["values"]["Upplands Väsby"] == "Delvis"
    assert ind["snitt"] == 62.5
    assert "published_snitt" not in ind
    assert ind["references"] == {"Stockholms stad": 64.3, "Riket": 61.0}
    assert ind["text"].endswith(
        "i nivå med snittet i Stockholms stad (64,3\u00a0%) och riket (61\u00a0%)."
    )
    assert doc["summary"].startswith("Jämfört med riket ligger nordvästkommunerna bättre till")
    assert (
        "Jämfört med Stockholms stad ligger nordvästkommunerna bättre till i 1 av 4"
        in (doc["summary"])
    )
    assert doc["summary_counts"]["riket"] == {"better": 16, "level": 9, "worse": 10}
    assert "Avvikelse" not in r.stderr


def test_published_snitt_rows_are_checked(tmp_path: Path) -> None:
    with HANDMADE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows.append(
        [
            "1",
            "Tillgänglighet",
            "Socialjour med socionomer alla dagar hela dygnet",
            "Snitt i Nordväst",
            "100,0 %",
        ]
    )
    rows.append(
        [
            "2",
            "Arbetsmarknadsinsatser",
            "Erbjuder minst en kommunal arbetsmarknadsinsats inom en månad till alla personer "
            "18-24 år",
            "Snitt i Nordväst",
            "25,0 %",
        ]
    )
    f = write_csv(tmp_path / "med-snitt.csv", rows)
    r = runner.invoke(app, ["table", "--data", str(f), "--year", "2018", "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    first = doc["tables"][0]["indicators"][0]
    assert first["snitt"] == first["published_snitt"] == 100.0
    assert r.stderr.count("Avvikelse:") == 1
    assert "beräknat snitt 12,5, publicerat 25,0" in r.stderr


def test_report_2018_summary_first_then_table_then_text(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    r = runner.invoke(app, ["report", "--data", str(HANDMADE), "--year", "2018", "-o", str(out)])
    assert r.exit_code == 0, r.output
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    sections = [s["id"] for s in soup.select("main > section")]
    assert sections[0] == "i-korthet"
    summary = soup.select_one("#i-korthet").get_text()  # type: ignore[union-attr]
    assert "Jämfört med Stockholms stad ligger nordvästkommunerna" in summary
    fig = soup.find("figure", id="tabell-1")
    assert fig is not None
    rows = [tr.th.get_text(strip=True) for tr in fig.select("tbody tr")]
    assert rows[-3:] == ["Snitt i Nordväst", "Stockholms stad", "Riket"]
    text = fig.find_next_sibling()
    assert text is not None and "narrative" in text["class"]
    paragraphs = [p.get_text(" ", strip=True) for p in text.find_all("p")]
    # each paragraph opens with its finding, never by repeating the indicator's label
    assert paragraphs[0].startswith("Samtliga nordvästkommuner har socialjour med socionomer")
    assert len(paragraphs) == 3


def test_thresholds_from_the_command_line() -> None:
    r = runner.invoke(
        app,
        [
            "table",
            "--data",
            str(HANDMADE),
            "--year",
            "2018",
            "--json",
            "--level-threshold",
            "20",
            "--clear-threshold",
            "40",
        ],
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    first = doc["tables"][0]["indicators"][0]
    assert first["text"].endswith(
        "i nivå med snittet i Stockholms stad (100\u00a0%) och något bättre än snittet i riket "
        "(61\u00a0%)."
    )
    bad = runner.invoke(
        app,
        [
            "table",
            "--data",
            str(HANDMADE),
            "--year",
            "2018",
            "--level-threshold",
            "20",
            "--clear-threshold",
            "10",
        ],
    )
    assert bad.exit_code == 1 and "--level-threshold" in bad.stderr


def test_unknown_district_year(tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "a.csv",
        [
            ["indikator", "enhet", "varde"],
            [
                "Socialjour med socionomer alla dagar hela dygnet",
                "Stockholm Hägersten-Älvsjö",
                "JA",
            ],
        ],
    )
    r = runner.invoke(app, ["table", "--data", str(f), "--year", "2018"])
    assert r.exit_code == 1
    assert "Hägersten-Älvsjö fanns inte som egen enhet år 2018" in r.stderr


def test_the_seeds_stockholm_row_is_stockholms_stad(tmp_path: Path) -> None:
    """The 2018 report prints Stockholms stad's share of its stadsdelar as a row «Stockholm»."""
    rows = [["tabell", "tabellrubrik", "indikator", "enhet", "varde"]]
    answers = {"Ekerö": "JA", "Järfälla": "NEJ", "Sigtuna": "JA", "Sollentuna": "JA"}
    answers |= {"Solna": "JA", "Sundbyberg": "DELVIS", "Upplands Väsby": "JA", "Upplands-Bro": "JA"}
    label = "Erbjuder enklare hushållsekonomisk rådgivning"
    for name, value in answers.items():
        rows.append(["1", "Tillgänglighet", label, name, value])
    rows.append(["1", "Tillgänglighet", label, "Stockholm", "64 %"])
    rows.append(["1", "Tillgänglighet", label, "Riket", "61 %"])
    f = write_csv(tmp_path / "med-stockholm.csv", rows)
    r = runner.invoke(app, ["table", "--data", str(f), "--year", "2018", "--json"])
    assert r.exit_code == 0, r.output
    ind = next(
        i for t in json.loads(r.stdout)["tables"] for i in t["indicators"] if i["label"] == label
    )
    assert ind["references"]["Stockholms stad"] == 64
    assert "Stockholm" not in ind["values"]
    assert ind["text"] == (
        "Samtliga nordvästkommuner utom Järfälla och Sundbyberg erbjuder enklare "
        "hushållsekonomisk rådgivning. Sundbyberg gör det delvis. Snittet på 75\u00a0procent "
        "är något bättre än snittet i Stockholms stad (64\u00a0%) och riket (61\u00a0%)."
    )
