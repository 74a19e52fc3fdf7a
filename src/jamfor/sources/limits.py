"""How much of a file jamfor reads, checked before it is read.

A careless or hostile file must end in a Swedish message, never in a process
that runs out of memory or time. Every adapter asks this module before it
hands a file to a parser: the file's size, and for a workbook what its zip
holds — the size of every part once unpacked (counted while unpacking, so a
zip that lies about its sizes is caught), each sheet's declared extent
(``<dimension ref>``) and the extent its cells actually span, and how long its
longest text is. calamine allocates a sheet as one dense grid from A1 to its
farthest cell, so one cell at XFD1048576 in a 2 KB file would ask for hundreds
of gigabytes; here it is a refusal.

The limits are far above any published Öppna jämförelser file (the national
file of every municipality and indicator for ten years is ~1.2 million cells,
~60 MB unpacked) and far below what breaks a 3 GB process.

Only ``.xlsx``/``.xlsm`` are read among spreadsheet formats: the older binary
``.xls`` and OpenDocument ``.ods`` cannot be measured before they are
unpacked, so they are refused with a request to save the file as ``.xlsx``.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from jamfor.core.problems import Problem

MAX_FILE_BYTES = 100_000_000
"""A file to import, as stored (CSV or workbook)."""
MAX_UNPACKED_BYTES = 300_000_000
"""A workbook's parts unpacked, together."""
MAX_PARTS = 2_000
MAX_CELLS = 5_000_000
"""Cells of a workbook's sheets together, each sheet counted from A1 to its farthest cell."""
MAX_COLUMNS = 16_384
"""Excel's own number of columns."""
MAX_ROWS = 1_000_000
MAX_CELL_CHARS = 32_767
"""Excel's own limit for the text of one cell."""
MAX_PROBLEMS_SHOWN = 50
"""Problems listed one by one; the rest are counted."""

_CHUNK = 1 << 20
_EXCEL_ONLY_AS_XLSX = (".xls", ".ods")


def limit_text(n: int) -> str:
    """A limit as Swedish prose writes it: 5 000 000."""
    return f"{n:,}".replace(",", "\u00a0")


def _refusal(kind: str, message: str, name: str) -> Problem:
    return Problem(kind, message, file=name)


def file_problem(path: Path, name: str) -> Problem | None:
    """A file too large to read, or a spreadsheet format that cannot be measured first."""
    if path.suffix.lower() in _EXCEL_ONLY_AS_XLSX:
        return _refusal(
            "unsupported-format",
            f"Filformatet {path.suffix.lower()} kan inte läsas säkert. Öppna filen i Excel "
            "och spara den som Excel-arbetsbok (.xlsx) eller CSV (UTF-8).",
            name,
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return _refusal(
            "file-too-large",
            f"Filen är {size // 1_000_000} MB; jamfor läser filer på högst "
            f"{MAX_FILE_BYTES // 1_000_000} MB. Dela upp den och försök igen.",
            name,
        )
    return None


def text_problem(data: bytes, separator: str, name: str) -> Problem | None:
    """A CSV file with more rows, columns or cells than jamfor reads.

    Counted on the bytes before they are parsed or decoded (lines and the
    header's separators: a newline and the separators are the same byte in
    UTF-8 and Windows-1252), so a file of a million columns never becomes a
    million polars columns.
    """
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    end = data.find(b"\n")
    columns = data.count(separator.encode("ascii"), 0, len(data) if end < 0 else end) + 1
    if lines > MAX_ROWS + 1:
        return _refusal(
            "too-many-rows",
            f"Filen har {limit_text(lines)} rader; jamfor läser högst {limit_text(MAX_ROWS)}. "
            "Dela upp den och försök igen.",
            name,
        )
    if columns > MAX_COLUMNS or lines * columns > MAX_CELLS * 4:
        return _refusal(
            "too-many-cells",
            f"Filen har för många kolumner eller celler ({limit_text(columns)} kolumner, "
            f"{limit_text(lines)} rader) för att läsas.",
            name,
        )
    return None


def cell_too_long(name: str, row: int | None = None, field: str | None = None) -> Problem:
    return Problem(
        "cell-too-long",
        f"Cellen är längre än {limit_text(MAX_CELL_CHARS)} tecken, mer än en Excel-cell "
        "rymmer. Kontrollera att filen är rätt och försök igen.",
        file=name,
        row=row,
        field=field,
    )


# ----------------------------------------------------------------------- workbooks


@dataclass
class _SheetScan:
    """What one sheet's XML declares and holds, gathered while it streams past."""

    declared: tuple[int, int] = (0, 0)
    rows: int = 0
    columns: int = 0
    longest: int = 0
    unpacked: int = 0

    @property
    def extent(self) -> int:
        rows = max(self.rows, self.declared[0])
        return rows * max(self.columns, self.declared[1])


_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\sref\s*=\s*[\"']([^\"']*)[\"']")
# A cell's (or row's) r attribute as Excel writes it, and every other form XML allows
# (spaces around "=", single quotes, tabs), looked for with the slower patterns only
# where the fast ones could miss something. Leading zeros are skipped so that digits
# of equal length compare as numbers.
_ROW_REF = re.compile(rb' r="[A-Za-z]{0,8}0*([1-9][0-9]{0,11})["\']')
_COLUMN_REF = re.compile(rb' r="([A-Za-z]{1,8})')
_ODD_REF_SIGNS = (
    *(b" r" + after for after in (b" ", b"\t", b"\n", b"\r", b"='", b"= ", b"=\t", b"=\n", b"=\r")),
    *(before + b"r" for before in (b"\t", b"\n", b"\r")),
)
_ANY_ROW_REF = re.compile(rb"\sr\s*=\s*[\"'][A-Za-z]{0,8}0*([1-9][0-9]{0,11})[\"']")
_ANY_COLUMN_REF = re.compile(rb"\sr\s*=\s*[\"']([A-Za-z]{1,8})")
_TEXT_RUN = re.compile(rb">([^<]{%d,})" % MAX_CELL_CHARS)
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,8})\$?([0-9]{1,12})$")


def _column_number(letters: bytes | str) -> int:
    text = letters.decode("ascii") if isinstance(letters, bytes) else letters
    number = 0
    for ch in text.upper():
        number = number * 26 + ord(ch) - 64
    return number


def _corner(ref: str) -> tuple[int, int]:
    """Rows and columns from A1 to the far corner of a range such as ``A1:XFD1048576``."""
    far = ref.split(":")[-1].strip()
    m = _CELL_REF.match(far)
    if not m:
        return (0, 0)
    return (int(m.group(2)), _column_number(m.group(1)))


def _longest_text(body: bytes) -> int:
    """The length in characters of the longest text run a chunk holds (only long ones)."""
    # imported here: xml.sax.saxutils brings urllib.request, a thirtieth of a second that
    # every CSV import would pay for a check only workbooks need
    from xml.sax.saxutils import unescape

    longest = 0
    for m in _TEXT_RUN.finditer(body):
        if not m.group(1).strip():
            continue  # blanks between tags
        text = unescape(m.group(1).decode("utf-8", errors="replace"))
        longest = max(longest, len(text))
    return longest


def _scan_xml(body: bytes, scan: _SheetScan, sheet: bool) -> None:
    """Take in a stretch of XML that ends just before a ``<``."""
    scan.longest = max(scan.longest, _longest_text(body))
    if not sheet:
        return
    if scan.declared == (0, 0):
        m = _DIMENSION.search(body)
        if m:
            scan.declared = _corner(m.group(1).decode("ascii", errors="replace"))
    odd = any(sign in body for sign in _ODD_REF_SIGNS)
    rows = set((_ANY_ROW_REF if odd else _ROW_REF).findall(body))
    if rows:
        longest = max(map(len, rows))
        scan.rows = max(scan.rows, int(max(r for r in rows if len(r) == longest)))
    letters = set((_ANY_COLUMN_REF if odd else _COLUMN_REF).findall(body))
    if letters:
        scan.columns = max(scan.columns, max(_column_number(c) for c in letters))


class _Refused(Exception):
    def __init__(self, problem_kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = problem_kind


def _stored(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's bytes as stored in the zip (compressed), read in chunks."""
    fh.seek(info.header_offset)
    head = fh.read(30)
    if len(head) != 30 or head[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local header")
    name_length, extra_length = struct.unpack("<HH", head[26:30])
    fh.seek(info.header_offset + 30 + name_length + extra_length)
    left = info.compress_size
    while left > 0:
        data = fh.read(min(_CHUNK, left))
        if not data:
            raise zipfile.BadZipFile("truncated member")
        left -= len(data)
        yield data


def _unpacked(fh: BinaryIO, info: zipfile.ZipInfo, ceiling: int) -> Iterator[bytes]:
    """A member unpacked chunk by chunk; :class:`_Refused` once more than ``ceiling`` came out.

    Python's zipfile stops at the size the zip's directory declares, calamine
    does not: inflating the stored bytes here measures what calamine gets.
    """
    if info.flag_bits & 0x1:
        raise _Refused("unreadable-file", "Arbetsboken är lösenordsskyddad eller krypterad.")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _Refused("unreadable-file", "Arbetsboken är packad på ett sätt Excel inte använder.")
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    total = 0
    for data in _stored(fh, info):
        pending = data
        while pending:
            if inflater is None:
                out, pending = pending, b""
            else:
                out = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
            total += len(out)
            if total > ceiling:
                raise _Refused(
                    "file-too-large",
                    f"Arbetsboken blir mer än {MAX_UNPACKED_BYTES // 1_000_000} MB uppackad; "
                    "jamfor läser inte så stora filer. Dela upp den och försök igen.",
                )
            if out:
                yield out


_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_STRINGS = re.compile(r"^xl/sharedStrings\.xml$", re.IGNORECASE)
_MAX_TAIL = 10 * MAX_CELL_CHARS + 4096
"""Bytes of one text run beyond which it cannot be a cell Excel could hold."""


def _scan_member(fh: BinaryIO, info: zipfile.ZipInfo, ceiling: int, sheet: bool) -> _SheetScan:
    scan = _SheetScan()
    tail = b""
    for out in _unpacked(fh, info, ceiling):
        buf = tail + out
        cut = buf.rfind(b"<")
        if cut <= 0:
            tail = buf
        else:
            _scan_xml(buf[:cut], scan, sheet)
            tail = buf[cut:]
        if len(tail) > _MAX_TAIL:
            end = tail.find(b">")
            if end < 0 or tail[end + 1 :].strip():
                scan.longest = MAX_CELL_CHARS + 1  # one text (or tag) longer than any cell
                return scan
            tail = tail[: end + 1]  # blanks between tags: nothing calamine keeps
        scan.unpacked += len(out)
    _scan_xml(tail, scan, sheet)
    return scan


def _corner_name(rows: int, columns: int) -> str:
    letters = ""
    n = columns
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters or 'A'}{max(rows, 1)}"


def workbook_problem(path: Path, name: str) -> Problem | None:
    """What makes a workbook unsafe to hand to calamine, found without trusting the zip.

    Every part is unpacked and measured (not extracted: nothing is kept), the
    sheets' XML and shared strings are scanned for their extent and longest
    text as they stream past.
    """
    try:
        with zipfile.ZipFile(path) as book, path.open("rb") as fh:
            infos = book.infolist()
            if len(infos) > MAX_PARTS:
                return _refusal(
                    "unreadable-file",
                    f"Arbetsboken har {limit_text(len(infos))} delar; en Excel-fil har "
                    "några tiotal. Spara den på nytt i Excel och försök igen.",
                    name,
                )
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise _Refused(
                    "file-too-large",
                    f"Arbetsboken blir mer än {MAX_UNPACKED_BYTES // 1_000_000} MB uppackad; "
                    "jamfor läser inte så stora filer. Dela upp den och försök igen.",
                )
            unpacked = 0
            cells = 0
            for info in infos:
                sheet = bool(_SHEET.match(info.filename))
                if sheet or _STRINGS.match(info.filename):
                    scan = _scan_member(fh, info, MAX_UNPACKED_BYTES - unpacked, sheet)
                    unpacked += scan.unpacked
                else:
                    for out in _unpacked(fh, info, MAX_UNPACKED_BYTES - unpacked):
                        unpacked += len(out)
                    continue
                if scan.longest > MAX_CELL_CHARS:
                    return cell_too_long(name)
                rows = max(scan.rows, scan.declared[0])
                columns = max(scan.columns, scan.declared[1])
                cells += scan.extent
                if rows > MAX_ROWS or columns > MAX_COLUMNS or cells > MAX_CELLS:
                    return _refusal(
                        "too-many-cells",
                        f"Ett blad i arbetsboken sträcker sig från A1 till "
                        f"{_corner_name(rows, columns)} ({limit_text(rows)} rader och "
                        f"{limit_text(columns)} kolumner). jamfor läser högst "
                        f"{limit_text(MAX_ROWS)} rader, {limit_text(MAX_COLUMNS)} kolumner "
                        f"och {limit_text(MAX_CELLS)} celler. Ta bort celler långt utanför "
                        "tabellen (markera de tomma raderna och kolumnerna efter tabellen och "
                        "ta bort dem) eller dela upp filen.",
                        name,
                    )
    except _Refused as exc:
        return _refusal(exc.kind, str(exc), name)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, struct.error):
        return _refusal(
            "unreadable-file",
            "Filen kunde inte läsas som Excel-fil (den är trasig eller ingen riktig "
            ".xlsx-fil). Spara den på nytt som .xlsx eller CSV (UTF-8) och försök igen.",
            name,
        )
    return None
