"""``jamfor klientstatistik`` as a user runs it: JSON, HTML, suppression and refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import xlsxwriter
from bs4 import BeautifulSoup, Tag
from typer.testing import CliRunner

from jamfor.cli import app

from .conftest import write_csv
from .support.pdf_tags import structure, unscoped_headers

runner = CliRunner()
HEADER = ["kommun", "orsakskod", "kon", "alder", "barn_i_hushallet", "manad"]
CODES = ["021", "022", "023", "031", "032"]


def _rows(kommun: str, n: int, code: str, sex: str, age: int, children: str) -> list[list[str]]:
    return [[kommun, code, sex, str(age), children, "2015-03"] for _ in range(n)]


# Solna's 50 decisions in March 2015: 021 ×7, 022 ×20, 023 none, 031 ×22, 032 ×1.
SOLNA = [
    *_rows("Solna", 5, "021", "M", 25, "nej"),
    *_rows("Solna", 2, "021", "Kvinna", 40, "1"),
    *_rows("Solna", 15, "022", "M", 30, "nej"),
    *_rows("Solna", 5, "022", "K", 22, "ja"),
    *_rows("Solna", 19, "031", "Man", 50, "0"),
    *_rows("Solna", 3, "031", "K", 29, "Nej"),
    *_rows("Solna", 1, "032", "M", 28, "3"),
]


def _column(*cells: tuple[int | str, str]) -> dict[str, dict[str, Any]]:
    """A JSON column from its five code cells and Totalt, in print order."""
    return {
        code: {"antal": antal, "andel": andel}
        for code, (antal, andel) in zip([*CODES, "Totalt"], cells, strict=True)
    }


# Counted by hand (see tests/core/test_clients.py for the arithmetic).
SOLNA_JSON = {
    "kommun": "Solna",
    "tables": [
        {
            "id": "orsakskod",
            "columns": {
                "Alla": {
                    "021": {"antal": 7, "andel": "14 %"},
                    "022": {"antal": 20, "andel": "40 %"},
                    "023": {"antal": 0, "andel": "-"},
                    "031": {"antal": 22, "andel": "44 %"},
                    "032": {"antal": 1, "andel": "2 %"},
                    "Totalt": {"antal": 50, "andel": "100 %"},
                }
            },
        },
        {
            "id": "kon",
            "columns": {
                "Män": _column(
                    (5, "13 %"), (15, "38 %"), (0, "-"), (19, "48 %"), (1, "3 %"), (40, "100 %")
                ),
                "Kvinnor": _column(
                    (2, "20 %"), (5, "50 %"), (0, "-"), (3, "30 %"), (0, "-"), (10, "100 %")
                ),
            },
        },
        {
            "id": "alder",
            "columns": {
                "Yngre än 29 år": _column(
                    (5, "45 %"), (5, "45 %"), (0, "-"), (0, "-"), (1, "9 %"), (11, "100 %")
                ),
                "29 år eller äldre": _column(
                    (2, "5 %"), (15, "38 %"), (0, "-"), (22, "56 %"), (0, "-"), (39, "100 %")
                ),
            },
        },
        {
            "id": "barn",
            "columns": {
                "Utan barn": _column(
                    (5, "12 %"), (15, "36 %"), (0, "-"), (22, "52 %"), (0, "-"), (42, "100 %")
                ),
                "Med barn": _column(
                    (2, "25 %"), (5, "63 %"), (0, "-"), (0, "-"), (1, "13 %"), (8, "100 %")
                ),
            },
        },
    ],
}


def _shape(doc: dict[str, Any]) -> dict[str, Any]:
    """The promised keys only (extra keys such as notes may be added)."""
    return {
        "kommun": doc["kommun"],
        "tables": [{"id": t["id"], "columns": t["columns"]} for t in doc["tables"]],
    }


def _run(*args: str) -> Any:
    return runner.invoke(app, ["klientstatistik", *args])


def test_json_for_one_municipality_exactly(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "solna.csv", [HEADER, *SOLNA])
    result = _run("--data", str(f), "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert _shape(doc) == SOLNA_JSON
    assert list(doc["tables"][1]["columns"]) == ["Män", "Kvinnor"]  # order as printed
    assert list(doc["tables"][0]["columns"]["Alla"]) == [*CODES, "Totalt"]
    assert doc["period"] == "2015-03" and doc["min_cell"] is None and doc["notes"] == []
    same = _run("--data", str(f), "--format", "json", "--kommun", "0184")
    assert json.loads(same.stdout) == doc
    target = tmp_path / "solna.json"
    written = _run("--data", str(f), "--json", "-o", str(target))
    assert written.exit_code == 0 and "skriven till" in written.stdout
    assert json.loads(target.read_text(encoding="utf-8")) == doc


def test_excel_input_gives_the_same_tables(tmp_path: Path) -> None:
    path = tmp_path / "solna.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Beslut")
    ws.write_row(0, 0, HEADER)
    for i, row in enumerate(SOLNA, start=1):
        kommun, code, sex, age, children, month = row
        ws.write_string(i, 0, kommun)
        ws.write_string(i, 1, code)  # text, so the leading zero stays
        ws.write_string(i, 2, sex)
        ws.write_number(i, 3, int(age))
        ws.write(i, 4, int(children) if children.isdigit() else children)
        ws.write_string(i, 5, month)
    wb.close()
    result = _run("--data", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert _shape(json.loads(result.stdout)) == SOLNA_JSON


def test_several_municipalities_give_a_list_ending_with_the_group(tmp_path: Path) -> None:
    ekero = _rows("Ekerö", 3, "023", "K", 70, "nej") + _rows("0125", 1, "021", "M", 18, "ja")
    f = write_csv(tmp_path / "grupp.csv", [HEADER, *SOLNA, *ekero])
    result = _run("--data", str(f), "--json")
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert [d["kommun"] for d in docs] == ["Ekerö", "Solna", "Alla"]
    assert _shape(docs[1]) == SOLNA_JSON
    assert docs[0]["tables"][0]["columns"]["Alla"] == _column(
        (1, "25 %"), (0, "-"), (3, "75 %"), (0, "-"), (0, "-"), (4, "100 %")
    )
    assert docs[2]["tables"][0]["columns"]["Alla"] == _column(
        (8, "15 %"), (20, "37 %"), (3, "6 %"), (22, "41 %"), (1, "2 %"), (54, "100 %")
    )
    assert docs[2]["kommunkod"] is None
    only = _run("--data", str(f), "--json", "--kommun", "Ekerö")
    assert json.loads(only.stdout)["kommun"] == "Ekerö"  # one document, not a list


def test_a_column_of_hundreds_shows_below_one_percent(tmp_path: Path) -> None:
    rows = _rows("Solna", 250, "022", "K", 40, "nej") + _rows("Solna", 1, "031", "K", 40, "nej")
    f = write_csv(tmp_path / "manga.csv", [HEADER, *rows])
    doc = json.loads(_run("--data", str(f), "--json").stdout)
    women = doc["tables"][1]["columns"]["Kvinnor"]
    assert women["031"] == {"antal": 1, "andel": "<1 %"}  # 1/251 = 0,4 %
    assert women["022"] == {"antal": 250, "andel": "100 %"}  # 99,6 %
    assert women["Totalt"] == {"antal": 251, "andel": "100 %"}
    assert doc["tables"][1]["columns"]["Män"]["Totalt"] == {"antal": 0, "andel": "-"}


def test_case_ids_count_a_case_once(tmp_path: Path) -> None:
    header = ["kommun", "orsakskod", "kon", "alder", "barn_i_hushallet", "arende_id"]
    f = write_csv(
        tmp_path / "arenden.csv",
        [
            header,
            ["Solna", "021", "K", "30", "ja", "p-101"],
            ["Solna", "021", "K", "30", "ja", "p-101"],
            ["Solna", "021", "K", "30", "ja", "p-101"],
            ["Solna", "021", "M", "45", "nej", "p-102"],
            ["Solna", "022", "M", "45", "nej", "p-103"],
        ],
    )
    doc = json.loads(_run("--data", str(f), "--json").stdout)
    alla = doc["tables"][0]["columns"]["Alla"]
    assert alla["021"] == {"antal": 2, "andel": "67 %"}  # p-101 once, p-102
    assert alla["Totalt"] == {"antal": 3, "andel": "100 %"}
    assert doc["tables"][1]["columns"]["Kvinnor"]["021"] == {"antal": 1, "andel": "100 %"}
    assert all("räknas en gång per tabell" in t["notes"][0] for t in doc["tables"])


def test_birth_years_with_a_reference_year(tmp_path: Path) -> None:
    header = ["kommun", "orsakskod", "kon", "fodelsear", "barn_i_hushallet"]
    f = write_csv(
        tmp_path / "fodda.csv",
        [header, ["Solna", "021", "K", "1987", "nej"], ["Solna", "021", "K", "1986", "nej"]],
    )
    refused = _run("--data", str(f), "--json")
    assert refused.exit_code == 1
    assert json.loads(refused.stdout)["errors"][0]["type"] == "missing-reference-year"
    assert "--referensar" in refused.stderr
    result = _run("--data", str(f), "--json", "--referensar", "2015")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    age = doc["tables"][2]["columns"]
    # 2015 − 1987 = 28 (younger), 2015 − 1986 = 29 (older)
    assert age["Yngre än 29 år"]["021"]["antal"] == 1
    assert age["29 år eller äldre"]["021"]["antal"] == 1
    assert any("referensåret 2015 minus födelseåret" in n for n in doc["notes"])


def test_codes_outside_the_study(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "solna.csv", [HEADER, *SOLNA])
    doc = json.loads(_run("--data", str(f), "--json", "--koder", "021,022,023").stdout)
    alla = doc["tables"][0]["columns"]["Alla"]
    assert list(alla) == ["021", "022", "023", "Totalt"]
    assert alla["Totalt"] == {"antal": 27, "andel": "100 %"}
    assert alla["021"] == {"antal": 7, "andel": "26 %"}  # 7/27 = 25,9 %
    assert "23 beslut med andra orsakskoder ingår inte." in doc["notes"]
    bad = _run("--data", str(f), "--json", "--koder", "021,099")
    assert bad.exit_code == 1
    assert "Okänd orsakskod «099»" in bad.stderr


def test_decisions_with_codes_outside_the_catalog_are_left_out_and_counted(
    tmp_path: Path,
) -> None:
    # 011 (arbetslös) is no health code: the README promises a note, not a refusal.
    rows = [
        *SOLNA,
        *_rows("Solna", 3, "011", "K", 30, "nej"),
        *_rows("Solna", 1, "099", "M", 40, "ja"),
    ]
    f = write_csv(tmp_path / "solna.csv", [HEADER, *rows])
    result = _run("--data", str(f), "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["tables"][0]["columns"]["Alla"]["Totalt"] == {"antal": 50, "andel": "100 %"}
    assert "4 beslut med andra orsakskoder ingår inte." in doc["notes"]
    html = tmp_path / "klienter.html"
    assert _run("--data", str(f), "-o", str(html)).exit_code == 0
    assert "4 beslut med andra orsakskoder ingår inte." in html.read_text(encoding="utf-8")
    bad = write_csv(tmp_path / "fel.csv", [HEADER, ["Solna", "11", "K", "30", "nej"]])
    refused = _run("--data", str(bad), "--json")
    assert refused.exit_code == 1
    assert "Okänd orsakskod «11»" in refused.stderr and "Menade du «011»?" in refused.stderr


def test_min_cell_withholds_small_counts_and_their_complement(tmp_path: Path) -> None:
    # All men over 29 without children, so tables 2–4 repeat table 1 in one column.
    rows = (
        _rows("Solna", 2, "021", "M", 40, "nej")
        + _rows("Solna", 10, "022", "M", 40, "nej")
        + _rows("Solna", 7, "031", "M", 40, "nej")
        + _rows("Solna", 30, "032", "M", 40, "nej")
    )
    f = write_csv(tmp_path / "liten.csv", [HEADER, *rows])
    result = _run("--data", str(f), "--json", "--min-cell", "3")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    expected = _column(
        ("<3", "<3"), (10, "20 %"), (0, "-"), ("..", ".."), (30, "61 %"), (49, "100 %")
    )
    assert doc["tables"][0]["columns"]["Alla"] == expected
    assert doc["tables"][1]["columns"]["Män"] == expected
    assert doc["tables"][2]["columns"]["29 år eller äldre"] == expected
    assert doc["tables"][3]["columns"]["Utan barn"] == expected
    assert doc["tables"][1]["columns"]["Kvinnor"]["Totalt"] == {"antal": 0, "andel": "-"}
    assert doc["min_cell"] == 3
    assert any("Röjandeskydd" in n for n in doc["notes"])
    plain = json.loads(_run("--data", str(f), "--json").stdout)
    assert plain["tables"][0]["columns"]["Alla"]["021"] == {"antal": 2, "andel": "4 %"}
    assert not any("Röjandeskydd" in n for n in plain["notes"])
    assert _run("--data", str(f), "--min-cell", "1").exit_code == 2


def test_min_cell_across_municipalities_and_the_group(tmp_path: Path) -> None:
    rows = (
        _rows("Ekerö", 2, "021", "M", 40, "nej")
        + _rows("Ekerö", 10, "022", "M", 40, "nej")
        + _rows("Ekerö", 8, "031", "M", 40, "nej")
        + _rows("Solna", 6, "021", "M", 40, "nej")
        + _rows("Solna", 9, "022", "M", 40, "nej")
        + _rows("Solna", 7, "031", "M", 40, "nej")
    )
    f = write_csv(tmp_path / "tva.csv", [HEADER, *rows])
    docs = json.loads(_run("--data", str(f), "--json", "--min-cell", "3").stdout)
    antal = [
        [d["tables"][0]["columns"]["Alla"][c]["antal"] for c in ["021", "022", "031", "Totalt"]]
        for d in docs
    ]
    # Ekerö's 2 takes its 8 with it (column); Alla's 8 = Ekerö + Solna, so Solna's
    # 6 is withheld too, and Alla's 15 = 8 + 7 takes Solna's 7.
    assert antal == [["<3", 10, "..", 20], ["..", 9, "..", 22], [8, 19, 15, 42]]


def test_html_report(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "solna.csv", [HEADER, *SOLNA])
    out = tmp_path / "ut"
    out.mkdir()
    result = _run("--data", str(f), "-o", str(out))
    assert result.exit_code == 0, result.output
    target = out / "klientstatistik.html"
    assert f"Klientstatistiken är skriven till {target}" in result.stdout
    soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
    assert soup.html is not None and soup.html["lang"] == "sv"
    assert not soup.find_all("script") and not soup.find_all("link")
    tables = soup.find_all("table")
    assert [t.caption.get_text(" ", strip=True) for t in tables] == [  # type: ignore[union-attr]
        "Tabell 1. Klienter och orsakskoder",
        "Tabell 2. Klienter och orsakskoder efter kön",
        "Tabell 3. Klienter och orsakskoder efter ålder",
        "Tabell 4. Klienter och orsakskoder efter barn i hushållet",
    ]
    by_sex = tables[1]
    assert [th.get_text() for th in by_sex.find_all("th", scope="colgroup")] == ["Män", "Kvinnor"]
    body = {
        tr.th.get_text(" ", strip=True): [td.get_text() for td in tr.find_all("td")]
        for tr in by_sex.find("tbody").find_all("tr")  # type: ignore[union-attr]
    }
    assert body["021 Sjukskriven med läkarintyg, otillräcklig ersättning"] == [
        "5",
        "13 %",
        "2",
        "20 %",
    ]
    assert body["Totalt"] == ["40", "100 %", "10", "100 %"]
    svg = soup.find("svg")
    assert isinstance(svg, Tag) and svg["role"] == "img"
    assert "Solna" in str(svg["aria-label"])
    labels = [t.get_text() for t in svg.find_all("text")]
    for share in ("14 %", "40 %", "44 %", "2 %"):  # value labels, not colour alone
        assert share in labels
    assert svg.find("pattern") is not None  # hatched bars
    facts = soup.find("dl")
    assert isinstance(facts, Tag) and "Röjandeskydd" in facts.get_text()
    assert "av" in facts.get_text()


def test_html_with_suppression_says_so(tmp_path: Path) -> None:
    f = write_csv(tmp_path / "solna.csv", [HEADER, *SOLNA])
    target = tmp_path / "r.html"
    assert _run("--data", str(f), "--min-cell", "3", "-o", str(target)).exit_code == 0
    html = target.read_text(encoding="utf-8")
    assert "på, minsta redovisade antal 3" in html
    assert "Röjandeskydd (minsta redovisade antal 3)" in html
    assert 'class="withheld"' in html


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ("811218-9876", "kolumn «B (utan rubrik)»"),  # personnummer, valid check digit
        ("811278-9873", "kolumn «B (utan rubrik)»"),  # samordningsnummer
    ],
)
def test_identity_numbers_refuse_the_file_and_nothing_is_written(
    tmp_path: Path, value: str, where: str
) -> None:
    f = write_csv(
        tmp_path / "indata.csv",
        [
            ["kommun", "", *HEADER[1:]],
            [*SOLNA[0][:1], "", *SOLNA[0][1:]],
            [*SOLNA[0][:1], value, *SOLNA[0][1:]],
        ],
    )
    target = tmp_path / "ut.html"
    result = _run("--data", str(f), "-o", str(target))
    assert result.exit_code == 1
    assert f"rad 3, {where}" in result.stderr
    assert "personnummer" in result.stderr and "ta bort" in result.stderr
    assert value not in result.output
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["indata.csv"]  # not copied anywhere
    as_json = _run("--data", str(f), "--json")
    errors = json.loads(as_json.stdout)["errors"]
    assert [(e["type"], e["row"], e["field"]) for e in errors] == [
        ("identity-number", 3, "B (utan rubrik)")
    ]


def test_bad_input_and_names(tmp_path: Path) -> None:
    f = write_csv(
        tmp_path / "fel.csv",
        [
            HEADER,
            ["Sollna", "021", "K", "34", "ja", "2015-03"],
            ["Solna", "021", "K", "12", "ja", "2015-3"],
        ],
    )
    result = _run("--data", str(f), "--json")
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(2, "kommun"), (3, "alder"), (3, "manad")]
    assert "Menade du «Solna»?" in result.stderr
    good = write_csv(tmp_path / "solna.csv", [HEADER, *SOLNA])
    unknown = _run("--data", str(good), "--kommun", "Solnna")
    assert unknown.exit_code == 1 and "Menade du «Solna»?" in unknown.stderr
    absent = _run("--data", str(good), "--kommun", "Ekerö")
    assert absent.exit_code == 1 and "har inga beslut för Ekerö" in absent.stderr
    assert _run("--data", str(good), "--format", "xml").exit_code == 2
    assert _run("--data", str(good), "--format", "html", "--json").exit_code == 2
    missing = _run("--data", str(tmp_path / "finns-inte.csv"))
    assert missing.exit_code == 1 and "Filen finns inte" in missing.stderr


def test_client_statistics_as_pdf_and_word(tmp_path: Path) -> None:
    import io
    import shutil
    import subprocess

    from docx import Document

    data = write_csv(
        tmp_path / "beslut.csv",
        [
            ["kommun", "orsakskod", "kon", "alder", "barn_i_hushallet"],
            ["Solna", "021", "K", "25", "ja"],
            ["Solna", "022", "M", "40", "nej"],
            ["Solna", "031", "Kvinna", "61", "0"],
        ],
    )
    pdf = tmp_path / "k.pdf"
    r = runner.invoke(app, ["klientstatistik", "--data", str(data), "-f", "pdf", "-o", str(pdf)])
    assert r.exit_code == 0, r.output
    assert pdf.read_bytes()[:5] == b"%PDF-"
    with pikepdf.open(pdf) as tagged:  # the two header rows: column groups and columns
        assert [k for k, _, _ in structure(tagged)].count("/TH") >= 8
        assert not unscoped_headers(tagged)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Klienter och orsakskoder" in text and "Solna" in text and "Män" in text
    docx = tmp_path / "k.docx"
    r = runner.invoke(app, ["klientstatistik", "--data", str(data), "-f", "docx", "-o", str(docx)])
    assert r.exit_code == 0, r.output
    doc = Document(io.BytesIO(docx.read_bytes()))
    first = doc.tables[0]
    assert [c.text for c in first.rows[0].cells][:3] == ["Orsakskod", "Alla", "Alla"]
    assert first.rows[2].cells[0].text.startswith("021 Sjukskriven")
    assert [c.text for c in first.rows[2].cells][1:] == ["1", "33 %"]
    assert doc.inline_shapes[0]._inline.docPr.get("descr").startswith("Andel per orsakskod")
    assert len(doc.tables) == 4
