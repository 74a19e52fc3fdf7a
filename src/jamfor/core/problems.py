"""Problems found in input, collected as records rather than raised one by one.

A user who fixes a file wants every problem in it at once, each naming the
file, row and field, so importers collect :class:`Problem` records and raise a
single :class:`InputError` at the end; nothing from a file with problems is
used. The exceptions::

    JamforError              anything jamfor reports to a user
    ├── InputError           a file or value broke a rule; carries Problems
    └── UnknownNameError     a group, catalog or unit that does not exist

Messages are Swedish and say how to fix the problem; the CLI and the web app
print them as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    ``type`` is a stable machine-readable name (``unknown-unit``,
    ``value-not-allowed`` …); ``message`` is the Swedish explanation.
    ``row`` counts as a spreadsheet user does: the header is row 1.
    """

    type: str
    message: str
    file: str | None = None
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.field:
            where.append(f"kolumn «{self.field}»")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "type": self.type,
            "message": self.message,
            "file": self.file,
            "row": self.row,
            "field": self.field,
        }


class JamforError(Exception):
    """Base of every error jamfor reports to a user in Swedish."""


class InputError(JamforError):
    """Input broke one or more rules; nothing from it has been used."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        n = len(self.problems)
        head = "1 fel" if n == 1 else f"{n} fel"
        lines = [f"{head} i indata, ingenting har importerats:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class UnknownNameError(JamforError):
    """A name (group, catalog, unit) that jamfor does not know."""
