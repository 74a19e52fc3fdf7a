"""Hostile files built from valid structure: a real workbook, then poisoned.

Random bytes never form a zip, so fuzzing with them never reaches the
workbook reader. These builders start from what XlsxWriter writes and change
one thing in the XML or the zip, the way an attacker (or a broken exporter)
would.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import xlsxwriter

PERSONNUMMER_FORMS = (
    "811218-9876",
    "811218–9876",  # en dash
    "19811218 - 9876",
    "81.12.18-9876",
    "1.98112189876E+11",  # Excel's General format in a saved CSV
    "８１１２１８－９８７６",  # full-width
)
"""One valid personnummer, written the ways that must all be recognised."""
DIGITS_OF_THE_NUMBER = ("9876", "8112189876", "198112189876")
"""What must never appear in a message about a refused number."""

Cell = str | int | float | None


def workbook(path: Path, sheets: dict[str, Sequence[Sequence[Cell]]]) -> Path:
    """A real .xlsx with the given sheets of rows (numbers as number cells)."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "nan_inf_to_errors": True})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write_number(r, c, value)
    book.close()
    return path


def poison(path: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one member of a zip (a workbook) with ``change`` applied to its bytes."""
    with zipfile.ZipFile(path) as book:
        parts = [(info, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in parts:
            book.writestr(info.filename, change(data) if info.filename == member else data)
    return path


SHEET = "xl/worksheets/sheet1.xml"


def far_cell(
    path: Path, ref: str = "XFD1048576", quote: str = '"', spaces: str = "", *, build: bool = True
) -> Path:
    """A tiny valid table (or ``path`` as it is) plus one cell at ``ref``, as Excel or oddly writes it."""
    if build:
        workbook(
            path, {"Blad1": [["enhet", "indikator", "varde"], ["Solna", "kostnad-per-invanare", 1]]}
        )

    def add(xml: bytes) -> bytes:
        cell = f"<c r{spaces}={spaces}{quote}{ref}{quote}><v>1</v></c>".encode()
        row = re.search(rb"\d+", ref.encode())
        assert row is not None
        return xml.replace(
            b"</sheetData>", b'<row r="' + row.group(0) + b'">' + cell + b"</row></sheetData>"
        )

    return poison(path, SHEET, add)


def claimed_extent(path: Path, ref: str = "A1:XFD1048576") -> Path:
    """A small table whose ``<dimension>`` claims ``ref``."""
    workbook(path, {"Blad1": [["enhet", "varde"], ["Solna", 1]]})
    return poison(
        path,
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml),
    )


def long_shared_string(path: Path, length: int) -> Path:
    """A workbook whose only string is ``length`` characters (XlsxWriter stops at 32 767)."""
    workbook(path, {"Blad1": [["enhet", "varde"], ["x", 1]]})
    return poison(
        path,
        "xl/sharedStrings.xml",
        lambda xml: xml.replace(b"<t>x</t>", b"<t>" + b"x" * length + b"</t>"),
    )


def bomb(path: Path, unpacked: int) -> Path:
    """A zip whose sheet unpacks to ``unpacked`` bytes of blanks (a few kB stored)."""
    workbook(path, {"Blad1": [["enhet", "varde"], ["Solna", 1]]})
    with zipfile.ZipFile(path) as book:
        parts = [(info.filename, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts:
            if name != SHEET:
                book.writestr(name, data)
                continue
            with book.open(name, "w", force_zip64=True) as out:
                head, _, tail = data.partition(b"<sheetData>")
                out.write(head + b"<sheetData>")
                blank = b" " * (1 << 20)
                for _ in range(unpacked >> 20):
                    out.write(blank)
                out.write(tail)
    return path


def lie_about_size(path: Path, member: str, declared: int) -> Path:
    """Make the zip's directory (and local header) claim ``member`` unpacks to ``declared`` bytes."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == name:
            struct.pack_into("<I", data, central + 24, declared)
            local = struct.unpack_from("<I", data, central + 42)[0]
            struct.pack_into("<I", data, local + 22, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    return path


EXTREME_TEXTS = (
    "9" * 29,
    str(10**308),
    "1e308",
    "-0",
    "NaN",
    "inf",
    "1,5 %",
    "1095 %",
    "１２３",
    "٣٧",
    "999999999999999",
    "0,00000000001",
    "[/x]",
    "\x1b[31m",
    '=HYPERLINK("http://evil.example/")',
    "x" * 5000,
)
"""Cells that have broken jamfor or could: long numbers, foreign digits, markup, formulas."""


def workbook_bytes(rows: Sequence[Sequence[Cell]], damage: str = "none") -> bytes:
    """A real workbook of ``rows`` on one sheet, then ``damage`` done to its XML, as bytes."""
    import io
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = workbook(Path(folder) / "bok.xlsx", {"Blad1": rows})
        if damage == "far-cell":
            far_cell(path, build=False)
        elif damage == "odd-far-cell":
            far_cell(path, quote="'", spaces=" ", build=False)
        elif damage == "claimed-extent":
            poison(
                path,
                SHEET,
                lambda xml: re.sub(
                    rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml
                ),
            )
        elif damage == "cut":
            path.write_bytes(path.read_bytes()[:-300])
        buffer = io.BytesIO(path.read_bytes())
    return buffer.getvalue()
