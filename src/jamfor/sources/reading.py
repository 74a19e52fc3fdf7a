"""Read a CSV or Excel file into rows of text, keeping spreadsheet row numbers.

Every importer reads through here, so encodings (UTF-8 with or without BOM,
Windows-1252 from Swedish Excel), separators (comma, semicolon, tab) and empty
rows are handled once. Cells stay text: what a value means is the catalog's
business, not the reader's.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from jamfor.core.problems import InputError, Problem

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def is_workbook(path: Path) -> bool:
    """A spreadsheet file by its name (its content is checked when it is read)."""
    return path.suffix.lower() in EXCEL_SUFFIXES


@dataclass(frozen=True)
class RawTable:
    """A file's header and non-empty rows; ``row`` numbers count the header as 1."""

    file: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Swedish Windows saves "CSV" as Windows-1252; every byte decodes.
        return data.decode("cp1252", errors="replace")


def _separator(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _frame(path: Path) -> pl.DataFrame:
    if is_workbook(path):
        return pl.read_excel(path, engine="calamine", infer_schema_length=0, drop_empty_rows=False)
    text = _decode(path.read_bytes())
    return pl.read_csv(
        io.StringIO(text),
        separator=_separator(text),
        infer_schema=False,
        truncate_ragged_lines=False,
    )


_SIGNATURES = {
    b"PK\x03\x04": "en Excel- eller annan zip-fil",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "en äldre Excel- eller Office-fil",
    b"%PDF": "en PDF-fil",
    b"\x89PNG": "en bild",
    b"\xff\xd8\xff": "en bild",
}


def content_problem(path: Path, head: bytes, name: str) -> Problem | None:
    """A file whose content is not what its name says (checked by content, not by name)."""
    suffix = path.suffix.lower()
    found = next((what for sig, what in _SIGNATURES.items() if head.startswith(sig)), None)
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if not head.startswith(b"PK\x03\x04"):
            return Problem(
                "wrong-content",
                f"Filen heter {suffix} men är ingen Excel-fil. Spara den som .xlsx eller .csv.",
                file=name,
            )
        return None
    if suffix == ".xls":
        if not head.startswith(b"\xd0\xcf\x11\xe0"):
            return Problem("wrong-content", "Filen heter .xls men är ingen Excel-fil.", file=name)
        return None
    if found is not None or b"\x00" in head:
        what = found or "en binärfil"
        return Problem(
            "wrong-content",
            f"Filen är {what}, inte en textfil (CSV). Spara den som CSV (UTF-8) eller .xlsx.",
            file=name,
        )
    return None


def read_table(path: Path, display: str | None = None) -> RawTable:
    """Read ``path``; a file that cannot be read raises :class:`InputError` naming it."""
    name = display or path.name
    if not path.is_file():
        raise InputError([Problem("file-not-found", "Filen finns inte.", file=name)])
    with path.open("rb") as fh:
        problem = content_problem(path, fh.read(4096), name)
    if problem is not None:
        raise InputError([problem])
    try:
        frame = _frame(path)
    except Exception as exc:  # polars/calamine raise many types for a broken file
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        kind = "Excel-fil" if is_workbook(path) else "CSV-fil"
        raise InputError(
            [
                Problem(
                    "unreadable-file",
                    f"Filen kunde inte läsas som {kind} ({detail[:200]}). "
                    "Spara den som CSV (UTF-8) eller Excel (.xlsx) och försök igen.",
                    file=name,
                )
            ]
        ) from exc
    columns = tuple(c.strip() for c in frame.columns)
    rows = []
    for index, values in enumerate(frame.iter_rows()):
        cells = {
            col: str(v).strip() for col, v in zip(columns, values, strict=True) if v is not None
        }
        cells = {k: v for k, v in cells.items() if v}
        if cells:
            rows.append((index + 2, cells))
    return RawTable(file=name, columns=columns, rows=tuple(rows))
