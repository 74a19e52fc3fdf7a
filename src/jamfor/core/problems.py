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

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_PROBLEMS = 1_000
"""An import stops checking after this many problems: the file is wrong wholesale."""
MAX_SHOWN = 50
"""Problems listed one by one in a message; the rest are counted."""
PER_KIND = 5
"""Problems of one kind (type and column) listed on a page before the rest are counted."""
MAX_LINE = 400
"""Characters of one line of a message; a longer value is cut with "…"."""

# C0 and C1 control characters (but tab and newline), and the invisible marks that
# reorder text (bidi overrides), which can disguise what a line says.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def shown_value(value: str, limit: int = 60) -> str:
    """A value as a message quotes it: printable, and cut to ``limit`` characters."""
    text = " ".join(printable(value, limit=max(limit, 2)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable(text: str, limit: int = MAX_LINE) -> str:
    """``text`` as it may be shown anywhere: no control characters, no line over ``limit``.

    A cell can hold escape sequences that recolour or rewrite a terminal, or a
    megabyte of text; shown in a message it must be neither.
    """
    lines = _CONTROLS.sub("", text.replace("\r\n", "\n")).split("\n")
    return "\n".join(line if len(line) <= limit else line[: limit - 1] + "…" for line in lines)


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
            "message": printable(self.message),
            "file": None if self.file is None else printable(self.file),
            "row": self.row,
            "field": None if self.field is None else printable(self.field),
        }


@dataclass(frozen=True)
class ProblemGroup:
    """Problems of one kind — the same type in the same column — the first few and how many more."""

    type: str
    field: str | None
    shown: tuple[Problem, ...]
    rest: int

    def rest_text(self) -> str:
        """ "… och 5 170 rader till med samma fel", or "" when every one is listed."""
        if not self.rest:
            return ""
        n = _number(self.rest)
        if all(p.row is not None for p in self.shown):
            return f"… och {n} {'rad' if self.rest == 1 else 'rader'} till med samma fel."
        return f"… och {n} fel till av samma slag."


def group_problems(problems: Iterable[Problem], per_kind: int = PER_KIND) -> list[ProblemGroup]:
    """The problems by kind, in the order each kind first occurs.

    A file wrong wholesale (a column of the wrong kind, a shifted sheet) has
    thousands of problems of a few kinds: listing each would bury the few
    different ones; the first of each kind show what to fix.
    """
    kinds: dict[tuple[str, str | None], list[Problem]] = {}
    for p in problems:
        kinds.setdefault((p.type, p.field), []).append(p)
    return [
        ProblemGroup(kind, field, tuple(found[:per_kind]), max(0, len(found) - per_kind))
        for (kind, field), found in kinds.items()
    ]


class JamforError(Exception):
    """Base of every error jamfor reports to a user in Swedish."""


class InputError(JamforError):
    """Input broke one or more rules; nothing from it has been used."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        self.shown = self.problems[:MAX_SHOWN]
        lines = [f"{self.count_text()} i indata, ingenting har importerats:"]
        lines += [f"  - {printable(str(p))}" for p in self.shown]
        if self.rest_text():
            lines.append(f"  {self.rest_text()}")
        super().__init__("\n".join(lines))

    @property
    def stopped(self) -> bool:
        """The import stopped checking at :data:`MAX_PROBLEMS`: there may be more."""
        return len(self.problems) >= MAX_PROBLEMS

    @property
    def omitted(self) -> int:
        return len(self.problems) - len(self.shown)

    def count_text(self) -> str:
        """ "1 fel", "12 fel", or "minst 1 000 fel" when checking stopped."""
        n = len(self.problems)
        return f"minst {_number(n)} fel" if self.stopped else f"{_number(n)} fel"

    def rest_text(self) -> str:
        """What the listed problems leave out, or "" when every problem is listed."""
        if not self.omitted:
            return ""
        more = f"minst {_number(self.omitted)}" if self.stopped else _number(self.omitted)
        text = f"… och {more} fel till."
        if self.stopped:
            text += " " + self.stop_text()
        return text

    def stop_text(self) -> str:
        """That checking stopped early, or "" when every problem was found."""
        if not self.stopped:
            return ""
        return f"Kontrollen avbröts efter {_number(MAX_PROBLEMS)} fel; rätta dessa först."

    def to_dict(self) -> dict[str, object]:
        """The shown problems and how many more, as the CLI's ``--json`` prints them."""
        return {
            "errors": [p.to_dict() for p in self.shown],
            "omitted": self.omitted,
            "stopped": self.stopped,
        }


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


class UnknownNameError(JamforError):
    """A name (group, catalog, unit) that jamfor does not know."""
