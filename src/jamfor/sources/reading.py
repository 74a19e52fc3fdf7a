"""Read a CSV or Excel file into rows of text, keeping spreadsheet row numbers.

Every importer reads through here, so encodings (UTF-8 with or without BOM,
Windows-1252 from Swedish Excel), separators (comma, semicolon, tab) and empty
rows are handled once. Cells stay text: what a value means is the catalog's
business, not the reader's.

Two guards stand here for every importer, before anything else sees a cell:
the reading limits of :mod:`jamfor.sources.limits` (checked before a file is
parsed) and the personnummer check, run on every header and every cell of
every sheet by :func:`identity_number_problems`. A file with a personal
identity number is refused with only those problems, which name the row and
column but never repeat the number.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from jamfor.core.identity_numbers import contains_identity_number
from jamfor.core.problems import InputError, Problem
from jamfor.sources.limits import (
    MAX_CELL_CHARS,
    cell_too_long,
    file_problem,
    text_problem,
    workbook_problem,
)

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
IDENTITY_MESSAGE = (
    "Filen innehåller något som ser ut som ett personnummer eller samordningsnummer. "
    "Personnummer får aldrig lämnas in: ta bort {what} och försök igen. Filen har inte "
    "sparats och ingenting i den har använts."
)


def is_workbook(path: Path) -> bool:
    """A spreadsheet file by its name (its content is checked when it is read)."""
    return path.suffix.lower() in EXCEL_SUFFIXES


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


ROW = "\x00rad"
"""The frame column holding a row's spreadsheet number (no heading can be named so)."""


class RawTable:
    """A file's header and non-empty rows; ``row`` numbers count the header as 1.

    Every column has a distinct name: an empty heading is named by its letter
    ("C (utan rubrik)", listed in ``unnamed``), a heading written twice is
    named by its letter the second time and listed in ``repeated``.

    The cells are held as one polars frame (:attr:`frame`: a text column per
    name in ``columns``, empty cells null, and the row number in :data:`ROW`),
    so a column-wise importer never makes a Python object per cell; ``rows``
    gives them row by row, as dictionaries of the non-empty cells, for the
    importers that check one cell at a time.
    """

    def __init__(
        self,
        file: str,
        columns: tuple[str, ...],
        rows: tuple[tuple[int, dict[str, str]], ...] | None = None,
        unnamed: tuple[str, ...] = (),
        repeated: tuple[str, ...] = (),
        *,
        frame: pl.DataFrame | None = None,
    ) -> None:
        self.file = file
        self.columns = columns
        self.unnamed = unnamed
        self.repeated = repeated
        self._rows = rows
        self._frame = frame

    @property
    def frame(self) -> pl.DataFrame:
        if self._frame is None:
            rows = self._rows or ()
            data: dict[str, list[str | None]] = {name: [] for name in self.columns}
            for _, cells in rows:
                for name in self.columns:
                    data[name].append(cells.get(name))
            self._frame = pl.DataFrame(
                {ROW: [n for n, _ in rows], **data},
                schema={ROW: pl.Int64, **dict.fromkeys(self.columns, pl.String)},
            )
        return self._frame

    @property
    def rows(self) -> tuple[tuple[int, dict[str, str]], ...]:
        if self._rows is None:
            names = self.frame.columns
            self._rows = tuple(
                (
                    values[0],
                    {c: v for c, v in zip(names[1:], values[1:], strict=True) if v is not None},
                )
                for values in self.frame.iter_rows()
            )
        return self._rows


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook (or a CSV file) as a grid of text, empty cells as ""."""

    name: str
    rows: list[list[str]]


def _decode(data: bytes) -> tuple[str, bool]:
    """The text, and whether the bytes were UTF-8."""
    try:
        return data.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        # Excel on Swedish Windows saves "CSV" as Windows-1252; every byte decodes.
        return data.decode("cp1252", errors="replace"), False


def _first_lines(data: bytes, count: int) -> bytes:
    """The bytes of the first ``count`` lines (a newline never falls inside a character)."""
    end = -1
    for _ in range(count):
        end = data.find(b"\n", end + 1)
        if end < 0:
            return data
    return data[:end]


def _separator(data: bytes) -> str:
    """The separator, guessed from the first 20 lines (the whole file is never decoded for it)."""
    head = _first_lines(data, 20)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = head.decode("cp1252", errors="replace")
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _grid(frame: pl.DataFrame) -> list[list[str]]:
    return [[("" if v is None else str(v).strip()) for v in row] for row in frame.iter_rows()]


def _unreadable(name: str, exc: Exception, kind: str) -> InputError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError(
        [
            Problem(
                "unreadable-file",
                f"Filen kunde inte läsas som {kind} ({detail[:200]}). "
                "Spara den som CSV (UTF-8) eller Excel (.xlsx) och försök igen.",
                file=name,
            )
        ]
    )


def _check_size(path: Path, name: str) -> None:
    problem = file_problem(path, name)
    if problem is None and is_workbook(path):
        problem = workbook_problem(path, name)
    if problem is not None:
        raise InputError([problem])


Frames = list[tuple[str, pl.DataFrame]]


def _checked(name: str, frames: Frames) -> Frames:
    """The frames, once no cell is too long and none holds a personnummer."""
    found = identity_number_problems(name, frames)
    if found:
        raise InputError(found)
    for position, (sheet, frame) in enumerate(frames):
        for index, column in enumerate(frame.columns):
            cells = frame.get_column(column)
            if not (cells.str.len_bytes() > MAX_CELL_CHARS).any():  # never fewer bytes than chars
                continue
            too_long = (cells.str.len_chars() > MAX_CELL_CHARS).arg_true()
            if len(too_long):
                where = name if position == 0 else f"{name} [{sheet}]"
                raise InputError([cell_too_long(where, int(too_long[0]) + 1, column_letter(index))])
    return frames


def _workbook_frames(path: Path, name: str) -> Frames:
    _check_size(path, name)
    try:
        frames = pl.read_excel(
            path,
            sheet_id=0,
            engine="calamine",
            has_header=False,
            infer_schema_length=0,
            drop_empty_rows=False,
            drop_empty_cols=False,
            raise_if_empty=False,
        )
    except Exception as exc:  # calamine raises several types for a broken workbook
        raise _unreadable(name, exc, "Excel-fil") from exc
    return _checked(name, list(frames.items()))


def read_workbook(path: Path, name: str | None = None) -> list[Sheet]:
    """Every sheet of a workbook as a grid, after the reading limits allowed it.

    A workbook with a personnummer anywhere raises :class:`InputError`.
    """
    frames = _workbook_frames(path, name or path.name)
    return [Sheet(sheet, _grid(frame)) for sheet, frame in frames]


def _parsed(utf8: bytes, separator: str) -> pl.DataFrame | Exception:
    """The file's grid, or what polars raised (many types for a broken file)."""
    try:
        return pl.read_csv(
            utf8,
            separator=separator,
            has_header=False,
            infer_schema=False,
            truncate_ragged_lines=False,
        )
    except Exception as exc:
        return exc


def _csv_frame(path: Path, name: str) -> pl.DataFrame:
    _check_size(path, name)
    data = path.read_bytes()
    separator = _separator(data)
    problem = text_problem(data, separator, name)
    if problem is not None:
        raise InputError([problem])
    # polars parses UTF-8 bytes three times faster than a str and refuses bytes that are not
    # UTF-8, so the file is decoded in Python only when polars cannot read it as it is.
    parsed = _parsed(data.removeprefix(b"\xef\xbb\xbf"), separator)
    if isinstance(parsed, Exception):
        text, is_utf8 = _decode(data)
        if not is_utf8:
            parsed = _parsed(text.encode("utf-8"), separator)
        if isinstance(parsed, Exception):
            # A ragged CSV is unreadable, but a personnummer in it must still be the reason.
            lines = [line.replace(separator, "\t") for line in text.splitlines()]
            found = identity_number_problems(
                name, [("", pl.DataFrame({"rad": lines}))], by_line=True
            )
            raise (InputError(found) if found else _unreadable(name, parsed, "CSV-fil")) from None
    return _checked(name, [("", parsed)])[0][1]


def _table(name: str, frame: pl.DataFrame) -> RawTable:
    """A frame read without a header as a table: its first row names the columns."""
    first = frame.row(0) if frame.height else ()
    header = [("" if v is None else str(v).strip()) for v in first]
    columns: list[str] = []
    unnamed: list[str] = []
    repeated: list[str] = []
    seen: set[str] = set()
    for index, heading in enumerate(header):
        key = " ".join(heading.split()).casefold()
        if not key:
            columns.append(f"{column_letter(index)} (utan rubrik)")
            unnamed.append(columns[-1])
        elif key in seen:
            repeated.append(heading)
            columns.append(f"{heading} ({column_letter(index)})")
        else:
            seen.add(key)
            columns.append(heading)
    body = frame.slice(1)
    cells = body.select(pl.all().str.strip_chars().replace("", None)).rename(
        dict(zip(body.columns, columns, strict=True))
    )
    numbered = cells.select(pl.int_range(2, cells.height + 2, dtype=pl.Int64).alias(ROW), pl.all())
    kept = (
        numbered.filter(pl.any_horizontal(pl.col(columns).is_not_null())) if columns else numbered
    )
    return RawTable(
        file=name,
        columns=tuple(columns),
        unnamed=tuple(unnamed),
        repeated=tuple(repeated),
        frame=kept,
    )


# ----------------------------------------------------------------- identity numbers


_DIGIT = r"\d"  # a digit of any script, as the check itself reads them
_FEWEST_DIGITS = 10


def _holding(column: pl.Series) -> list[int]:
    """Rows of a column whose cell could hold a number: those with ten digits or more.

    Counted once per distinct cell: a national file repeats its few answers,
    years and source line on every row.
    """
    text = column if column.dtype == pl.String else column.cast(pl.String)
    distinct = text.unique()
    holding = distinct.filter(distinct.str.count_matches(_DIGIT) >= _FEWEST_DIGITS)
    if holding.is_empty():
        return []
    rows: list[int] = text.is_in(holding.implode()).arg_true().to_list()
    return rows


def _where(header: Sequence[str], index: int) -> str:
    """How a problem names a column: its heading, or its letter when the heading is no name.

    A heading that is empty, or is itself an identity number (which must not
    be repeated), is named by its letter.
    """
    letter = column_letter(index)
    heading = header[index] if index < len(header) else ""
    if contains_identity_number(heading):
        return letter
    return heading or f"{letter} (utan rubrik)"


def identity_number_problems(name: str, sheets: Frames, *, by_line: bool = False) -> list[Problem]:
    """Every header and cell of every sheet that holds a personnummer or samordningsnummer.

    The one check every importer runs (through :func:`read_table` and
    :func:`read_workbook`), on the frames as read: only cells with ten digits
    or more are looked at closely. Problems name the row and column, never the
    value; a sheet whose name holds a number is named by its position.
    """
    problems: list[Problem] = []
    for position, (sheet, frame) in enumerate(sheets, start=1):
        label = f"blad {position}" if contains_identity_number(sheet) else sheet
        if contains_identity_number(sheet):
            problems.append(
                Problem(
                    "identity-number",
                    IDENTITY_MESSAGE.format(what="numret ur bladets namn"),
                    file=f"{name} [{label}]",
                )
            )
        hits = sorted(
            (row, col)
            for col, column in enumerate(frame.columns)
            for row in _holding(frame.get_column(column))
            if contains_identity_number(str(frame.get_column(column)[row]))
        )
        if not hits:
            continue
        if position > 1:
            # calamine hands over a sheet from its first used cell, so row and column
            # numbers after the first sheet would mislead: the sheet is named instead
            problems.append(
                Problem(
                    "identity-number",
                    IDENTITY_MESSAGE.format(what=f"uppgiften från bladet «{label}»"),
                    file=name,
                )
            )
            continue
        header = (
            []
            if by_line or not frame.height
            else ["" if v is None else str(v) for v in frame.row(0)]
        )
        for row, col in hits:
            if by_line:
                field, what = None, "uppgiften"
            elif row == 0:
                field, what = column_letter(col), "kolumnrubriken"
            else:
                field, what = _where(header, col), "uppgiften (hela kolumnen om den har fler)"
            problems.append(
                Problem(
                    "identity-number",
                    IDENTITY_MESSAGE.format(what=what),
                    file=name,
                    row=row + 1,
                    field=field,
                )
            )
    return problems


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
    """Read ``path``'s first sheet; a file that cannot be read raises :class:`InputError`.

    In a workbook every sheet is read and checked for personnummer, not only
    the first.
    """
    name = display or path.name
    if not path.is_file():
        raise InputError([Problem("file-not-found", "Filen finns inte.", file=name)])
    with path.open("rb") as fh:
        problem = content_problem(path, fh.read(4096), name)
    if problem is not None:
        raise InputError([problem])
    if is_workbook(path):
        frames = _workbook_frames(path, name)
        return _table(name, frames[0][1] if frames else pl.DataFrame())
    return _table(name, _csv_frame(path, name))
