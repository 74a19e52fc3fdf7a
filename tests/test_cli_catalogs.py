"""This year's comparison for any area, as a user runs it: a workbook, or Kolada (stand-in)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from jamfor.catalog.areas import area_survey_kpis, areas
from jamfor.catalog.loader import load_catalog_file
from jamfor.cli import app
from jamfor.registry.loader import load_registry, resolve_group
from jamfor.registry.model import Registry
from jamfor.sources.kolada_titles import parse_title

from .support.kolada_standin import StandIn, kolada_standin
from .support.oj_workbooks import RegisterColumn, SurveyColumn, Workbook, build_workbook

runner = CliRunner()
NORDVAST = resolve_group(load_registry(), "nordvast")


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def _draw(*key: object) -> int:
    return int(hashlib.sha256(repr(key).encode()).hexdigest()[:8], 16)


def kolada_value(kpi: str, unit: str, year: int) -> float | None:
    """Plausible Kolada values: a code of the year's coding for survey KPIs (Stockholm and
    Göteborg as an average of their districts, never a code), numbers for the rest."""
    registry = load_registry()
    u = registry.units.get(unit)
    from jamfor.catalog.areas import bundled_kpis

    meta = bundled_kpis().get(kpi)
    if meta is None or u is None:
        return None
    if _draw(kpi, unit, year, "missing") % 40 == 0:
        return None
    if kpi.startswith("U") and "=" in meta.title:
        if u.kind != "kommun":
            return 0.55  # Kolada's figure for Riket: not an answer
        if unit in ("0180", "1480"):
            return 0.64
        coding = parse_title(kpi, meta.title).codings
        codes = next(
            (c.answers for c in coding if (c.first_year or 0) <= year <= (c.last_year or 9999)),
            coding[-1].answers,
        )
        return float(sorted(a.code for a in codes)[_draw(kpi, unit, year) % len(codes)])
    base = 10 + _draw(kpi) % 40
    return round(base + (_draw(kpi, unit, year) % 200) / 10 - 10, 1)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    monkeypatch.setenv("JAMFOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("JAMFOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    with kolada_standin(kolada_value, busy_first=1) as standin:
        monkeypatch.setenv("JAMFOR_KOLADA_URL", standin.base)
        yield standin


def test_areas_are_listed() -> None:
    r = _run("katalog", "omraden", "--json")
    assert r.exit_code == 0, r.output
    found = {a["id"]: a for a in json.loads(r.stdout)}
    assert {"ekb", "missbruk", "barn-unga", "lss"} <= set(found)
    assert found["ekb"]["handskrivna_ar"] == [2015, 2018]
    assert found["missbruk"]["enkatnyckeltal"] == 31
    # ekb: its operating area's 30 KPIs and those whose title names ekonomiskt bistånd
    ekb = {k.id for k in area_survey_kpis("ekb")}
    assert {"U31466", "U28439", "U35505"} <= ekb and len(ekb) == 37
    text = _run("katalog", "omraden")
    assert "barn-unga" in text.stdout and "Social barn- och ungdomsvård" in text.stdout
    assert len(areas()) >= 4


def _kolada_table(area: str, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / f"k-{area}.csv"
    r = _run("hamta", "kolada", "--area", area, "--year", "2022-2023", "-o", str(out))
    assert r.exit_code == 0, r.output
    # Stockholm's and Göteborg's averages of their districts are no answers: left out, named
    assert "värden är inga svarskoder enligt nyckeltalets titel" in r.stderr
    assert "Göteborg (" in r.stderr and "Stockholm (" in r.stderr
    t = _run(
        "table",
        "--data",
        str(out),
        "--area",
        area,
        "--year",
        "2023",
        "--group",
        "nordvast",
        "--json",
    )
    assert t.exit_code == 0, t.output
    assert "katalogen är genererad ur Koladas nyckeltal" in t.stderr
    return dict(json.loads(t.stdout))


def test_kolada_ekb_every_kpi_with_answers_as_words(env: StandIn, tmp_path: Path) -> None:
    doc = _kolada_table("ekb", tmp_path)
    indicators = {i["kolada_kpi"]: i for t in doc["tables"] for i in t["indicators"]}
    assert set(indicators) >= {k.id for k in area_survey_kpis("ekb")}
    registry = load_registry()
    for kpi, ind in indicators.items():
        if ind["kind"] != "categorical":
            continue
        # every member's answer is a word of the KPI's coding, never a code
        words = {a.label for c in parse_title(kpi, _title(kpi)).codings for a in c.answers}
        given = [v for v in ind["values"].values() if v is not None]
        assert given and all(v in words for v in given), (kpi, given)
        # Snitt: the share with the highest code among those that answered
        top = ind["yes_answers"][0]
        assert sum(ind["answer_counts"].values()) == ind["counted"]
        expected = round(100 * ind["answer_counts"].get(top, 0) / ind["counted"], 1)
        assert ind["snitt"] == pytest.approx(expected, abs=0.051)
        # Riket computed over every municipality (Kolada's own figure for Riket is not a share)
        riket = ind["computed_references"]["Riket"]
        assert ind["references"]["Riket"] == riket and 0 <= riket <= 100
    coded = indicators["U31488"]  # Ja=2, Delvis=1, Nej=0
    assert coded["yes_answers"] == ["Ja"] and set(coded["answer_counts"]) <= {"Ja", "Delvis", "Nej"}
    assert indicators["U31467"]["label"] == "Väntetid för personligt nybesök vid ekonomiskt bistånd"
    # register measures: published Riket, and quartile colours among all municipalities
    register = indicators["N31814"]
    assert register["colours"] and "Riket" in register["published_references"]
    assert register["change"]["since"] == 2022
    assert doc["national"] is True
    assert registry.units["0180"].name not in indicators["U31466"]["values"]


def _title(kpi: str) -> str:
    from jamfor.catalog.areas import bundled_kpis

    return bundled_kpis()[kpi].title


def test_kolada_missbruk_and_the_report(env: StandIn, tmp_path: Path) -> None:
    doc = _kolada_table("missbruk", tmp_path)
    kpis = {i["kolada_kpi"] for t in doc["tables"] for i in t["indicators"]}
    assert kpis == {k.id for k in area_survey_kpis("missbruk")}
    waiting = next(i for t in doc["tables"] for i in t["indicators"] if i["kolada_kpi"] == "U35537")
    assert waiting["yes_answers"] == ["Inom 3 dagar"]
    assert set(waiting["answer_counts"]) <= {
        "Inom 3 dagar",
        "4-7 dagar",
        "8-14 dagar",
        "mer än 15 dagar",
    }
    report = tmp_path / "r.html"
    r = _run(
        "report",
        "--data",
        str(tmp_path / "k-missbruk.csv"),
        "--area",
        "missbruk",
        "--year",
        "2023",
        "--group",
        "nordvast",
        "-o",
        str(report),
    )
    assert r.exit_code == 0, r.output
    html = report.read_text(encoding="utf-8")
    assert "inom missbruks- och beroendevård 2023" in html and "svaren i gruppen" in html
    assert "Förändring sedan 2022" in html


def test_kolada_fetch_is_cached_and_year_dependent_codings(env: StandIn, tmp_path: Path) -> None:
    out = tmp_path / "k.csv"
    first = _run(
        "hamta", "kolada", "--area", "ekb", "--year", "2017-2018", "-g", "nordvast", "-o", str(out)
    )
    assert first.exit_code == 0, first.output
    assert "värden är inga svarskoder" not in first.stderr  # Stockholm was not asked
    asked = len(env.requests)
    again = _run(
        "hamta",
        "kolada",
        "--area",
        "ekb",
        "--year",
        "2017-2018",
        "-g",
        "nordvast",
        "--offline",
        "-o",
        str(out),
    )
    assert again.exit_code == 0, again.output
    assert len(env.requests) == asked
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["indikator"] for r in rows} >= {"U31490", "N31814"}
    # U31490 changed coding in 2018: 1 is «Ja» in 2017 and «Delvis» in 2018
    t = _run(
        "table",
        "--data",
        str(out),
        "--year",
        "2018",
        "--area",
        "ekb",
        "--json",
        "--catalog",
        str(_kolada_catalog_file(tmp_path, 2018)),
    )
    assert t.exit_code == 0, t.output
    doc = json.loads(t.stdout)
    gender = next(i for tb in doc["tables"] for i in tb["indicators"] if i["id"] == "U31490")
    codes = {
        r["kommunkod"]: r["varde"] for r in rows if r["indikator"] == "U31490" and r["ar"] == "2018"
    }
    names = {u.code: u.name for u in NORDVAST.members}
    for code, value in codes.items():
        assert gender["values"][names[code]] == {"2": "Ja", "1": "Delvis", "0": "Nej"}[value]


def _kolada_catalog_file(tmp_path: Path, year: int) -> Path:
    target = tmp_path / f"ekb-{year}.yaml"
    r = _run(
        "katalog", "skapa", "--kolada", "--area", "ekb", "--year", str(year), "-o", str(target)
    )
    assert r.exit_code == 0, r.output
    catalog = load_catalog_file(target)
    assert catalog.generated_from == "Kolada" and catalog.year == year
    return target


FOR_ALL = ("Ja, för alla", "Ja, men inte för alla", "Nej")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Workbook:
    path = tmp_path_factory.mktemp("oj") / "oj-ekb-2024.xlsx"
    return build_workbook(
        path,
        registry,
        [
            SurveyColumn(
                "Tillgänglighet", "Socialjour alla dagar", ("Ja", "Nej"), (0.6, 0.4), ("Ja",)
            ),
            SurveyColumn(
                "Arbetsmarknad",
                "Insats till alla personer 18-24 år",
                FOR_ALL,
                (0.4, 0.4, 0.2),
                ("Ja, för alla", "Ja, men inte för alla"),
            ),
            SurveyColumn(
                "Arbetsmarknad",
                "Insats till personer över 24 år",
                FOR_ALL,
                (0.3, 0.5, 0.2),
                ("Ja, för alla",),
            ),
        ],
        [RegisterColumn("Register", "Andel långvarigt ekonomiskt bistånd", 20, 50)],
        seed=7,
    )


def test_workbook_catalog_skapa_then_table_with_and_without_it(
    workbook: Workbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    yaml_file = tmp_path / "ekb-2024.yaml"
    made = _run(
        "katalog",
        "skapa",
        "--from",
        str(workbook.path),
        "--area",
        "ekb",
        "--year",
        "2024",
        "-o",
        str(yaml_file),
    )
    assert made.exit_code == 0, made.output
    assert "3 tabeller och 4 indikatorer" in made.stdout
    given = _run(
        "table",
        "--data",
        str(workbook.path),
        "--catalog",
        str(yaml_file),
        "--year",
        "2024",
        "--group",
        "nordvast",
        "--json",
    )
    bare = _run(
        "table", "--data", str(workbook.path), "--year", "2024", "--group", "nordvast", "--json"
    )
    assert given.exit_code == 0 and bare.exit_code == 0, (given.output, bare.output)
    assert "katalogen är genererad ur filen oj-ekb-2024.xlsx" in bare.stderr
    assert "granska den med jamfor katalog skapa" in bare.stderr
    doc, doc_bare = json.loads(given.stdout), json.loads(bare.stdout)
    assert doc["tables"] == doc_bare["tables"]
    labels = [i["label"] for t in doc["tables"] for i in t["indicators"]]
    assert labels == [
        "Socialjour alla dagar",
        "Insats till alla personer 18-24 år",
        "Insats till personer över 24 år",
        "Andel långvarigt ekonomiskt bistånd",
    ]
    survey = {
        "Socialjour alla dagar": ("Ja",),
        "Insats till alla personer 18-24 år": ("Ja, för alla", "Ja, men inte för alla"),
        "Insats till personer över 24 år": ("Ja, för alla",),
    }
    for t in doc["tables"]:
        for ind in t["indicators"]:
            if ind["label"] not in survey:
                continue
            counted = survey[ind["label"]]
            assert tuple(ind["yes_answers"]) == counted
            assert ind["yes_rule"].startswith("«") and "härledd ur rikets" in ind["yes_rule"]
            answers = [
                workbook.answers[ind["label"]][u.code]
                for u in NORDVAST.members
                if workbook.answers[ind["label"]][u.code] != "Uppgift saknas"
            ]
            assert ind["snitt"] == pytest.approx(
                round(100 * sum(a in counted for a in answers) / len(answers), 1), abs=0.051
            )
            assert ind["references"]["Riket"] == float(workbook.riket[ind["label"]])
            assert ind["published_references"]["Riket"] == float(workbook.riket[ind["label"]])
    report = _run(
        "report", "--data", str(workbook.path), "--year", "2024", "-o", str(tmp_path / "r.html")
    )
    assert report.exit_code == 0, report.output
    assert "Insats till personer över 24 år" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_no_catalog_and_nothing_to_make_one_from(tmp_path: Path) -> None:
    data = tmp_path / "x.csv"
    data.write_text("enhet,indikator,varde\nSolna,socialjour,Ja\n", encoding="utf-8")
    r = _run("table", "--data", str(data), "--year", "2024")
    assert r.exit_code == 1
    assert "Det finns ingen katalog för område «ekb» år 2024" in r.stderr
    assert "hamta kolada --area ekb" in r.stderr
    unknown = _run("table", "--data", str(data), "--year", "2024", "--area", "akutsjukvard")
    assert unknown.exit_code == 1 and "Okänt område «akutsjukvard»" in unknown.stderr


@pytest.mark.parametrize(
    ("area", "years"),
    [("ekb", "2018"), ("ekb", "2023-2024"), ("missbruk", "2022-2023"), ("lss", "2023")],
)
def test_demo_data_every_catalog_accepts(area: str, years: str, tmp_path: Path) -> None:
    out = tmp_path / "demo.csv"
    r = _run("demo-data", "--area", area, "--years", years, "-o", str(out))
    assert r.exit_code == 0, r.output
    last = years.split("-")[-1]
    t = _run("table", "--data", str(out), "--area", area, "--year", last, "--json")
    assert t.exit_code == 0, t.output
    doc = json.loads(t.stdout)
    assert doc["synthetic"] is True and doc["area"] == area
    assert all(i["values"] for tb in doc["tables"] for i in tb["indicators"])


def test_the_workbook_and_kolada_s_register_measures_together(
    env: StandIn, workbook: Workbook, tmp_path: Path
) -> None:
    """The README's example: this year's workbook beside Kolada's register measures."""
    kolada = tmp_path / "kolada.csv"
    r = _run("hamta", "kolada", "--year", "2023-2024", "--group", "nordvast", "-o", str(kolada))
    assert r.exit_code == 0, r.output
    t = _run(
        "table",
        "--data",
        str(kolada),
        "--data",
        str(workbook.path),
        "--year",
        "2024",
        "--group",
        "nordvast",
        "--json",
    )
    assert t.exit_code == 0, t.output
    doc = json.loads(t.stdout)
    labels = [i["label"] for tb in doc["tables"] for i in tb["indicators"]]
    assert labels[:4] == [
        "Socialjour alla dagar",
        "Insats till alla personer 18-24 år",
        "Insats till personer över 24 år",
        "Andel långvarigt ekonomiskt bistånd",
    ]
    register = {
        i["kolada_kpi"]: i for tb in doc["tables"] for i in tb["indicators"] if "kolada_kpi" in i
    }
    # the survey comes from the workbook; Kolada adds only its register measures
    assert {"N31814", "N31002"} <= set(register) and not any(k.startswith("U314") for k in register)
    assert "nyckeltal i filen ingår inte i katalogen" in t.stderr
    assert register["N31814"]["change"]["since"] == 2023
    r = _run(
        "report",
        "--data",
        str(kolada),
        "--data",
        str(workbook.path),
        "--year",
        "2024",
        "--group",
        "nordvast",
        "-o",
        str(tmp_path / "rapport.html"),
    )
    assert r.exit_code == 0, r.output


def test_trend_of_a_kolada_survey_kpi(env: StandIn, tmp_path: Path) -> None:
    out = tmp_path / "k.csv"
    r = _run("hamta", "kolada", "--area", "ekb", "--year", "2021-2023", "-o", str(out))
    assert r.exit_code == 0, r.output
    t = _run(
        "trend",
        "--indicator",
        "U31466",
        "--area",
        "ekb",
        "--data",
        str(out),
        "--years",
        "2021-2023",
        "--group",
        "nordvast",
        "--json",
        "--chart",
        str(tmp_path / "t.svg"),
    )
    assert t.exit_code == 0, t.output
    doc = json.loads(t.stdout)
    assert doc["years"] == [2021, 2022, 2023]
    assert doc["label"] == "Socialjour tillgänglig utanför kontorstid"
    assert {v for vs in doc["members"].values() for v in vs} <= {"Ja", "Nej", None}
    assert all(s is not None and 0 <= s <= 100 for s in doc["snitt"])
    # the register measure reads the same file by its KPI under the 2015 catalog's name
    long_term = _run(
        "trend",
        "--indicator",
        "langvarigt-bistand",
        "--data",
        str(out),
        "--years",
        "2021-2023",
        "--json",
        "--chart",
        str(tmp_path / "l.png"),
    )
    assert long_term.exit_code == 0, long_term.output
    assert json.loads(long_term.stdout)["years"] == [2021, 2022, 2023]
