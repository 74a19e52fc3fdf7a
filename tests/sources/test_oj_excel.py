"""Socialstyrelsen's published OJ workbooks: header rows, notes, merged titles, sheets."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from jamfor.catalog.model import Catalog
from jamfor.core.problems import InputError
from jamfor.registry.model import Registry
from jamfor.sources.loader import load_dataset


def _workbook(path: Path, *, bad_unit: bool = False, renamed: bool = False) -> Path:
    wb = xlsxwriter.Workbook(path)
    info = wb.add_worksheet("Information")
    info.write(0, 0, "Öppna jämförelser 2015 – ekonomiskt bistånd")
    info.write(2, 0, "Läs mer om indikatorerna i guiden.")
    ws = wb.add_worksheet("Indikatorer")
    ws.merge_range(0, 0, 0, 4, "Tabell: Indikatorer ekonomiskt bistånd 2015")  # merged title
    ws.write(1, 0, "Uppgifterna avser 2014. Källa: Socialstyrelsen.")  # a notes line
    ws.merge_range(3, 2, 3, 3, "Långvarighet")  # first header row: a merged theme
    ws.write_row(4, 0, ["Kommunkod", "Kommun"])  # second header row
    ws.write(4, 2, "Långvarigt ekonomiskt bistånd")
    ws.write(
        4, 3, "Mycket långvarigt bistånd" if renamed else "Mycket långvarigt ekonomiskt bistånd"
    )
    ws.write(4, 4, "Kommentar")  # not an indicator: ignored
    ws.write(4, 5, "Kostnad per invånare")
    rows = [
        ("0125", "Ekerö", 30.9, 17.3, "", 480),
        ("0184", "Solna", 26.7, 0.4, "ny rutin", 292),
        ("0180-04", "Stockholm - Bromma", 20.1, 10.0, "", 512),
        ("", "Atlantis" if bad_unit else "", 11.0 if bad_unit else "", "", "", ""),
        ("0000", "Riket", 36.4, 23.8, "", 1095),
    ]
    for i, row in enumerate(rows):
        ws.write_row(5 + i, 0, row)
    ws.write(12, 0, "* Uppgift saknas för kommuner med färre än 10 biståndshushåll.")
    wb.close()
    return path


def test_header_rows_notes_and_merged_title(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    ds = load_dataset([_workbook(tmp_path / "oj.xlsx")], catalog, registry)
    rows = {
        (r["unit"], r["indicator"]): (r["value"], r["role"])
        for r in ds.values.iter_rows(named=True)
    }
    assert rows[("0125", "langvarigt-bistand")] == ("30.9", "answer")
    assert rows[("0184", "mycket-langvarigt-bistand")] == ("0.4", "answer")
    assert rows[("0180-04", "kostnad-per-invanare")] == ("512", "answer")
    assert rows[("0000", "kostnad-per-invanare")] == ("1095", "reference")
    assert ds.values.filter(pl.col("indicator") == "langvarigt-bistand").height == 4


def test_unknown_unit_with_values_is_reported(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    with pytest.raises(InputError) as exc:
        load_dataset([_workbook(tmp_path / "oj.xlsx", bad_unit=True)], catalog, registry)
    [problem] = exc.value.problems
    assert problem.type == "unknown-unit"
    assert problem.file == "oj.xlsx [Indikatorer]" and problem.row == 9
    assert problem.field == "Kommun" and "Atlantis" in problem.message


def test_changed_heading_through_a_mapping_file(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    book = _workbook(tmp_path / "oj.xlsx", renamed=True)
    ds = load_dataset([book], catalog, registry)
    assert ds.values.filter(pl.col("indicator") == "mycket-langvarigt-bistand").height == 0
    mapping = {"mycket långvarigt bistånd": "mycket-langvarigt-bistand"}
    ds = load_dataset([book], catalog, registry, mapping=mapping)
    assert ds.values.filter(pl.col("indicator") == "mycket-langvarigt-bistand").height == 4


def test_a_workbook_without_indicators(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    path = tmp_path / "annat.xlsx"
    wb = xlsxwriter.Workbook(path)
    wb.add_worksheet().write_row(0, 0, ["Något", "Annat"])
    wb.close()
    with pytest.raises(InputError, match="Hittade ingen tabell med kända indikatorer för 2015"):
        load_dataset([path], catalog, registry)
