"""Importing published tables: long and wide, CSV and Excel, and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from jamfor.catalog.model import Catalog
from jamfor.core.problems import InputError
from jamfor.registry.model import Registry
from jamfor.sources.loader import load_dataset

from ..conftest import PUBLISHED_2015, write_csv

HEADER = ["tabell", "tabellrubrik", "indikator", "enhet", "varde"]


def _problems(exc: pytest.ExceptionInfo[InputError]) -> list[tuple[str, int | None, str | None]]:
    return [(p.type, p.row, p.field) for p in exc.value.problems]


def test_long_csv(dataset_2015, published_rows) -> None:  # type: ignore[no-untyped-def]
    values = dataset_2015.values
    # 52 indicators x (8 municipalities + Riket + län); the Snitt rows are kept apart.
    assert values.height == 520
    assert dataset_2015.published.height == 52
    assert set(dataset_2015.published["label"].unique()) == {"Snitt i Nordväst"}
    ekero = values.filter((pl.col("unit") == "0125") & (pl.col("indicator") == "rutin-vuxen"))
    assert ekero["value"].to_list() == ["Integrerat"]
    assert ekero["role"].to_list() == ["answer"]
    riket = values.filter(pl.col("unit") == "0000")
    assert set(riket["role"]) == {"reference"}


def test_wide_csv_semicolon_latin1_and_codes(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "bred.csv",
        [
            ["Kommun", "Rutin med vuxenvården", "socionomexamen", "Kostnad per invånare"],
            ["Ekerö", "Integrerat", "100,0 %", "480"],
            ["0123", "nej", "100", "1 065"],
            ["", "", "", ""],
            ["Riket", "67,1 %", "84,7 %", "1 095"],
            ["Snitt", "50 %", "100 %", "772"],
        ],
        sep=";",
        encoding="cp1252",
    )
    ds = load_dataset([f], catalog, registry)
    rows = {(r["unit"], r["indicator"]): r["value"] for r in ds.values.iter_rows(named=True)}
    assert rows[("0125", "rutin-vuxen")] == "Integrerat"
    assert rows[("0123", "rutin-vuxen")] == "Nej"
    assert rows[("0123", "kostnad-per-invanare")] == "1 065"
    assert rows[("0000", "rutin-vuxen")] == "67,1 %"
    assert ds.published.height == 3


def test_windows_1252_found_past_the_lines_the_separator_is_guessed_from(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    # The first 20 lines are plain ASCII (valid UTF-8): only polars, reading the whole
    # file, finds the Windows-1252 «ö» near its end, and the file is read again decoded.
    codes = "0114 0115 0117 0120 0123 0126 0127 0128 0136 0138 0139 0140 0160 0162 0163 0180 0181 0182 0184 0186 0187"
    rows = [["Kommun", "rutin-vuxen"], *([code, "Nej"] for code in codes.split())]
    rows += [["Sundbyberg", "Integrerat"], ["Ekerö", "Ja"]]
    f = write_csv(tmp_path / "sen.csv", rows, sep=";", encoding="cp1252")
    assert f.read_bytes().splitlines()[-1].startswith("Eker\xf6".encode("latin-1"))
    ds = load_dataset([f], catalog, registry)
    values = {(r["unit"], r["indicator"]): r["value"] for r in ds.values.iter_rows(named=True)}
    assert values[("0125", "rutin-vuxen")] == "Ja"
    assert values[("0183", "rutin-vuxen")] == "Integrerat"


def test_wide_xlsx(tmp_path: Path, catalog: Catalog, registry: Registry) -> None:
    path = tmp_path / "bred.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Tabell 2")
    ws.write_row(0, 0, ["Enhet", "Rutin med barn- och ungdomsvården", "Ärendebelastning"])
    ws.write_row(1, 0, ["Solna", "Ja", 25.9])
    ws.write_row(3, 0, ["Sundbyberg", "Nej", 42.4])
    wb.close()
    ds = load_dataset([path], catalog, registry)
    assert ds.values.height == 4
    rows = {(r["unit"], r["indicator"]): r["value"] for r in ds.values.iter_rows(named=True)}
    assert rows[("0183", "arendebelastning")] == "42.4"


def test_xlsx_errors_name_the_spreadsheet_row(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    path = tmp_path / "fel.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["Enhet", "Juridiskt stöd"])
    ws.write_row(1, 0, ["Solna", "Ja"])
    ws.write_row(4, 0, ["Solna", "Kanske"])
    wb.close()
    with pytest.raises(InputError) as exc:
        load_dataset([path], catalog, registry)
    assert _problems(exc) == [("value-not-allowed", 5, "Juridiskt stöd")]


def test_every_problem_is_reported_and_nothing_imported(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "fel.csv",
        [
            HEADER,
            ["2", "", "Rutin med vuxenvården", "Ekerö", "Ja"],
            ["2", "", "Rutin med vuxenvården", "Atlantis", "Ja"],
            ["2", "", "Rutin med vuxenvården", "Solna", "Kanske"],
            ["2", "", "Okänd indikator", "Solna", "Ja"],
            ["4", "", "Socialsekreterare med socionomexamen", "Solna", "140 %"],
            ["3", "", "Rutin med vuxenvården", "Sigtuna", "Ja"],
            ["2", "", "Rutin med vuxenvården", "Ekerö", "Nej"],
            ["2", "", "Rutin med vuxenvården", "Riket", "Ja"],
        ],
    )
    with pytest.raises(InputError) as exc:
        load_dataset([f], catalog, registry)
    assert sorted(_problems(exc), key=lambda p: (p[1] or 0, p[0])) == [
        ("unknown-unit", 3, "enhet"),
        ("value-not-allowed", 4, "varde"),
        ("unknown-indicator", 5, "indikator"),
        ("value-not-allowed", 6, "varde"),
        ("wrong-table", 7, "tabell"),
        ("duplicate", 8, "varde"),
        ("value-not-allowed", 9, "varde"),
    ]
    text = str(exc.value)
    assert "ingenting har importerats" in text
    assert "fel.csv, rad 3, kolumn «enhet»: Okänd enhet «Atlantis»" in text


def test_a_personnummer_refuses_the_file_without_being_repeated(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "pnr.csv",
        [
            HEADER,
            ["2", "", "Rutin med vuxenvården", "Atlantis", "Ja"],
            ["2", "", "Rutin med vuxenvården", "Järfälla", "19811218-9876"],
        ],
    )
    with pytest.raises(InputError) as exc:
        load_dataset([f], catalog, registry)
    # only the number is reported: any other message about that cell would repeat it
    assert _problems(exc) == [("identity-number", 3, "varde")]
    assert "personnummer" in str(exc.value) and "9876" not in str(exc.value)


def test_unknown_unit_suggests_a_name(tmp_path: Path, catalog: Catalog, registry: Registry) -> None:
    f = write_csv(
        tmp_path / "a.csv", [HEADER, ["2", "", "Rutin med vuxenvården", "Upplands Bro", "Ja"]]
    )
    with pytest.raises(InputError, match="Menade du «Upplands-Bro»"):
        load_dataset([f], catalog, registry)


def test_wide_file_with_unknown_column(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "b.csv", [["Kommun", "Rutin med vuxenvarden", "Påhittad"], ["Solna", "Ja", "1"]]
    )
    with pytest.raises(InputError) as exc:
        load_dataset([f], catalog, registry)
    assert _problems(exc) == [
        ("unknown-indicator", 1, "Rutin med vuxenvarden"),
        ("unknown-indicator", 1, "Påhittad"),
    ]
    assert "Menade du «Rutin med vuxenvården»?" in exc.value.problems[0].message


def test_conflicting_files(tmp_path: Path, catalog: Catalog, registry: Registry) -> None:
    a = write_csv(tmp_path / "a.csv", [["Kommun", "Juridiskt stöd"], ["Solna", "Ja"]])
    b = write_csv(
        tmp_path / "b.csv", [["Kommun", "Juridiskt stöd"], ["Solna", "Nej"], ["Ekerö", "Ja"]]
    )
    with pytest.raises(
        InputError, match=r"två olika värden .*«Ja» i .*a\.csv \(rad 2\) och «Nej» här"
    ):
        load_dataset([a, b], catalog, registry)
    same = write_csv(tmp_path / "c.csv", [["Kommun", "Juridiskt stöd"], ["Solna", "ja"]])
    assert load_dataset([a, same], catalog, registry).values.height == 1


def test_unreadable_and_missing_files(tmp_path: Path, catalog: Catalog, registry: Registry) -> None:
    broken = tmp_path / "trasig.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError) as exc:
        load_dataset([broken, tmp_path / "saknas.csv", PUBLISHED_2015], catalog, registry)
    assert [p.type for p in exc.value.problems] == ["unreadable-file", "file-not-found"]
    assert "trasig.xlsx" in str(exc.value)


def test_wrong_year_column(tmp_path: Path, catalog: Catalog, registry: Registry) -> None:
    f = write_csv(
        tmp_path / "a.csv",
        [["ar", "indikator", "enhet", "varde"], ["2016", "Juridiskt stöd", "Solna", "Ja"]],
    )
    with pytest.raises(InputError, match=r"inga värden för år 2015 \(den har 2016\)"):
        load_dataset([f], catalog, registry)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("data.csv", b"PK\x03\x04" + b"\x00" * 40, "Excel- eller annan zip-fil, inte en textfil"),
        ("data.csv", b"%PDF-1.7\n...", "PDF-fil, inte en textfil"),
        ("data.csv", b"enhet,varde\x00\x01", "binärfil"),
        ("data.xlsx", b"enhet,indikator,varde\n", "heter .xlsx men är ingen Excel-fil"),
        ("data.xls", b"PK\x03\x04", "heter .xls men är ingen Excel-fil"),
    ],
)
def test_file_type_is_checked_by_content(
    name: str, content: bytes, message: str, tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        load_dataset([path], catalog, registry)
    assert [p.type for p in exc.value.problems] == ["wrong-content"]


def test_a_file_with_only_headers_or_a_repeated_column_is_refused(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    empty = write_csv(tmp_path / "tom.csv", [["indikator", "enhet", "varde"]])
    with pytest.raises(InputError) as exc:
        load_dataset([empty], catalog, registry)
    assert _problems(exc) == [("empty-file", None, None)]
    assert "Filen har inga värden" in str(exc.value)
    twice = write_csv(
        tmp_path / "dubbel.csv",
        [["indikator", "enhet", "varde", "varde"], ["kostnad-per-invanare", "Solna", "1", "2"]],
    )
    with pytest.raises(InputError) as exc:
        load_dataset([twice], catalog, registry)
    assert _problems(exc) == [("duplicate-column", 1, "varde")]
