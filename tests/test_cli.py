"""The jamfor command, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jamfor.cli import app

from .conftest import PUBLISHED_2015, write_csv

runner = CliRunner()


def test_report_on_the_bundled_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", "--example", "--year", "2015", "--group", "nordvast"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "rapport-2015.html"
    assert f"Rapporten är skriven till {out}" in result.stdout
    html = out.read_text(encoding="utf-8")
    assert "Snitt i Nordväst" in html and "Järfälla" in html
    assert "Avvikelse: tabell 12a «Mycket långvarigt ekonomiskt bistånd»" in result.stderr


def test_report_output_option(tmp_path: Path) -> None:
    target = tmp_path / "ut" / "nv.html"
    target.parent.mkdir()
    result = runner.invoke(app, ["report", "--data", str(PUBLISHED_2015), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (
        runner.invoke(
            app, ["report", "--data", str(PUBLISHED_2015), "-o", str(target.parent)]
        ).exit_code
        == 0
    )
    assert (target.parent / "rapport-2015.html").is_file()


def test_table_json(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["table", "--data", str(PUBLISHED_2015), "--year", "2015", "--group", "nordvast", "--json"],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["year"] == 2015 and doc["group"] == "nordvast"
    first = doc["tables"][0]
    assert first["id"] == "2" and first["title"] == "Intern samordning i enskilda ärenden"
    ind = first["indicators"][0]
    assert ind["label"] == "Rutin med barn- och ungdomsvården"
    assert ind["values"]["Upplands-Bro"] == "Integrerat"
    assert ind["snitt"] == 37.5 and ind["published_snitt"] == 37.5
    assert ind["references"] == {"Riket": 54.3, "Stockholms län": 55.0}
    by_label = {i["label"]: i for t in doc["tables"] for i in t["indicators"]}
    assert by_label["Kostnad per invånare"]["snitt"] == 879
    assert by_label["Ändrade överklagade beslut"]["values"]["Sigtuna"] == "Vet ej"
    mismatched = {label for label, i in by_label.items() if i["snitt"] != i["published_snitt"]}
    assert mismatched == {
        "Mycket långvarigt ekonomiskt bistånd",
        "Biståndsmottagare i befolkningen",
    }
    assert result.stderr.count("Avvikelse:") == 2
    assert "beräknat snitt 3,0, publicerat 2,9" in result.stderr


def test_published_snitt_absent_without_snitt_rows(tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "a.csv", [["Kommun", "Juridiskt stöd"], ["Solna", "Ja"], ["Ekerö", "Nej"]]
    )
    result = runner.invoke(app, ["table", "--data", str(f), "--group", "Solna,Ekerö", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    ind = next(i for t in doc["tables"] for i in t["indicators"] if i["id"] == "juridiskt-stod")
    assert ind["snitt"] == 50.0
    assert "published_snitt" not in ind
    assert ind["values"] == {"Ekerö": "Nej", "Solna": "Ja"}


def test_bad_input_exits_1_with_a_swedish_message(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "fel.csv", [["Kommun", "Juridiskt stöd"], ["Solna", "Kanske"]])
    result = runner.invoke(app, ["table", "--data", str(f), "--json"])
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["errors"]
    assert errors == [
        {
            "type": "value-not-allowed",
            "message": errors[0]["message"],
            "file": str(f),
            "row": 2,
            "field": "Juridiskt stöd",
        }
    ]
    assert "«Kanske» är inget tillåtet svar" in result.stderr
    human = runner.invoke(app, ["report", "--data", str(f), "-o", str(tmp_path / "x.html")])
    assert human.exit_code == 1
    assert "rad 2, kolumn «Juridiskt stöd»" in human.stderr
    assert not (tmp_path / "x.html").exists()


def test_unknown_group_year_and_no_data() -> None:
    r = runner.invoke(app, ["table", "--example", "--group", "sydost"])
    assert r.exit_code == 1 and "Okänd grupp «sydost»" in r.stderr
    r = runner.invoke(app, ["table", "--example", "--year", "2099"])
    assert r.exit_code == 1 and "inget medföljande exempel för 2099" in r.stderr
    r = runner.invoke(app, ["table"])
    assert r.exit_code == 1 and "Ange minst en datafil" in r.stderr
    r = runner.invoke(app, ["report", "--example", "--format", "odt"])
    assert r.exit_code == 2


def test_groups_and_help() -> None:
    r = runner.invoke(app, ["groups"])
    assert r.exit_code == 0 and r.stdout.startswith(
        "nordvast: Nordvästkommunerna – Ekerö, Järfälla"
    )
    r = runner.invoke(app, ["--help"])
    assert "Öppna jämförelser för en grupp kommuner" in r.stdout
    r = runner.invoke(app, ["report", "--help"])
    assert "Skriv gruppens rapport" in r.stdout


def test_module_entry_point(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "jamfor", "report", "--example", "-o", str(tmp_path / "r.html")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "r.html").is_file()


def test_table_for_people() -> None:
    r = runner.invoke(app, ["table", "--example"])
    assert r.exit_code == 0, r.output
    assert "Tabell 2. Intern samordning i enskilda ärenden" in r.stdout
    assert "37,5\u00a0%" in r.stdout and "54,3\u00a0%" in r.stdout
