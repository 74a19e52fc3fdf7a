"""jamfor hamta pxweb and jamfor serie as a user runs them, against a PxWeb stand-in on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jamfor.cli import app

from .conftest import NORDVAST_MEMBERS, write_csv
from .sources.test_pxweb import MONTHS, cube
from .support.pxweb_server import NORDVAST, Host, pxweb_host, query

runner = CliRunner()


def _fetch(tmp_path: Path, host: Host, *extra: str) -> Path:
    fraga = tmp_path / "fraga.json"
    fraga.write_text(json.dumps(query(list(NORDVAST), [m for m, _ in MONTHS])), encoding="utf-8")
    out = tmp_path / "serie.csv"
    result = runner.invoke(
        app,
        ["hamta", "pxweb", host.table_url, "--query", str(fraga), "-o", str(out), *extra],
    )
    assert result.exit_code == 0, result.output
    assert "104 värden för 8 enheter, oktober 2014–oktober 2015" in result.output
    return out


def test_pxweb_to_monthly_group_totals_and_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAMFOR_CACHE_DIR", str(tmp_path / "cache"))
    with pxweb_host(Host(cube())) as host:
        series_file = _fetch(tmp_path, host)
    header = series_file.read_text(encoding="utf-8").splitlines()[0]
    assert header == "kommunkod,enhet,period,varde,serie,matenhet,kalla"
    chart = tmp_path / "c.png"
    result = runner.invoke(
        app,
        [
            "serie",
            "--data",
            str(series_file),
            "--group",
            "nordvast",
            "--json",
            "--chart",
            str(chart),
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) == {"members", "group", "missing", "unit", "source"}
    periods = [f"{m[:4]}-{m[5:]}" for m, _ in MONTHS]
    assert list(doc["members"]) == NORDVAST_MEMBERS
    codes = {name: code for code, name in NORDVAST.items()}
    for name, values in doc["members"].items():
        assert list(values) == periods  # every member, every month
        for i, p in enumerate(periods):
            expected = None if (name, p) == ("Ekerö", "2015-03") else int(codes[name]) % 97 + i
            assert values[p] == expected
    for i, p in enumerate(periods):
        if p == "2015-03":
            assert doc["group"][p] is None
        else:
            assert doc["group"][p] == sum(int(c) % 97 + i for c in NORDVAST)
    assert doc["missing"] == {"2015-03": ["Ekerö"]}
    assert doc["unit"] == "antal"
    assert "HE0000T01N" in doc["source"]
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_offline_second_run_and_svg_chart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAMFOR_CACHE_DIR", str(tmp_path / "cache"))
    with pxweb_host(Host(cube())) as host:
        url = host.table_url
        first = _fetch(tmp_path, host).read_text(encoding="utf-8")
    # the host is gone; --offline serves the same file from the cache
    fraga = tmp_path / "fraga.json"
    result = runner.invoke(
        app,
        ["hamta", "pxweb", url, "--query", str(fraga), "-o", str(tmp_path / "b.csv"), "--offline"],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b.csv").read_text(encoding="utf-8") == first
    svg = tmp_path / "c.svg"
    result = runner.invoke(app, ["serie", "-d", str(tmp_path / "b.csv"), "--chart", str(svg)])
    assert result.exit_code == 0, result.output
    assert "Nordvästkommunerna (summa)" in result.stdout and "saknas" in result.stdout
    assert "mars 2015: inget gruppvärde, värde saknas för Ekerö" in result.stderr
    text = svg.read_text(encoding="utf-8")
    assert text.count("<text") > 20 and "Ekerö" in text and "saknas" in text


def test_shares_take_the_mean_and_errors_are_clear(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "andel.csv",
        [["kommun", "period", "varde", "enhet"]]
        + [[name, "2015-09", str(10 + i), "procent"] for i, name in enumerate(NORDVAST_MEMBERS)],
    )
    result = runner.invoke(app, ["serie", "-d", str(path), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["group"] == {"2015-09": 13.5}  # (10 + … + 17) / 8
    assert doc["unit"] == "procent" and doc["missing"] == {}
    bad = runner.invoke(app, ["serie", "-d", str(tmp_path / "finns-inte.csv"), "--json"])
    assert bad.exit_code == 1
    assert json.loads(bad.stdout)["errors"][0]["message"] == "Filen finns inte."
    wrong = runner.invoke(app, ["serie", "-d", str(path), "--gruppvarde", "median"])
    assert wrong.exit_code == 1 and "summa eller medel" in wrong.output


def test_bad_query_file_and_unreachable_host(tmp_path: Path) -> None:
    fraga = tmp_path / "fraga.json"
    fraga.write_text("{inte json", encoding="utf-8")
    result = runner.invoke(
        app, ["hamta", "pxweb", "http://127.0.0.1:9/api/v1/sv/T", "--query", str(fraga)]
    )
    assert result.exit_code == 1
    assert "fraga.json" in result.output and "inte giltig JSON" in result.output
    assert "Traceback" not in result.output


def test_an_unwritable_chart_is_a_clear_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [["kommun", "period", "varde"], ["Solna", "2015-09", "1"]])
    result = runner.invoke(
        app,
        ["serie", "-d", str(path), "--group", "Solna", "--chart", str(tmp_path / "nej" / "c.png")],
    )
    assert result.exit_code == 1
    assert "Kunde inte skriva" in result.output and "Traceback" not in result.output


def test_a_table_without_units_is_still_totalled_from_its_measure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAMFOR_CACHE_DIR", str(tmp_path / "cache"))
    table = cube()
    table.with_units = False
    with pxweb_host(Host(table)) as host:
        series_file = _fetch(tmp_path, host)
    result = runner.invoke(app, ["serie", "--data", str(series_file), "--json"])
    doc = json.loads(result.stdout)
    assert doc["unit"] == ""
    assert doc["group"]["2014-10"] == sum(int(c) % 97 for c in NORDVAST)  # «Helårsekvivalenter»
