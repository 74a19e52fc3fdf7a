"""Client statistics: decisions counted per SCB reason code, by sex, age and children.

When a development area concerns a client group, each municipality hands its
FoU unit every decision on ekonomiskt bistånd in a period, coded with one of
SCB's reason codes (orsakskoder). FoU prints four tables per municipality, and
the same four for the group summed:

1. "Klienter och orsakskoder" — per code Antal and Andelar, and Totalt;
2. by sex — Män, Kvinnor;
3. by age — "Yngre än 29 år", "29 år eller äldre";
4. by children in the household — "Utan barn", "Med barn".

What is counted. Without case ids every decision counts once. With a
pseudonymous case id (``arende_id``) a case is counted once in each cell and
once in a column's Totalt however many rows it has; a case that appears with
two codes (or in two age groups, say over a year) is counted in each, so the
cells may then sum to more than Totalt. Shares are of the column's Totalt,
rounded half-up to whole percent: "-" for none, "<1 %" for a share above 0
that rounds to 0.

Small-cell suppression (``min_cell`` = N, off by default), for publication:

* a count from 1 to N-1 is shown as "<N", and so is its share (the share times
  Totalt would give the count back);
* a withheld count must not be recoverable by subtraction. Every printed sum
  is a constraint ``total = part + part + …``: a column's Totalt and its code
  cells; a cell of table 1 and the two cells beside it in tables 2–4 (Män +
  Kvinnor, younger + older, without + with children, Totalt rows too); and,
  when the group is printed with its municipalities, the group's cell and the
  municipalities' cells. When exactly one part of a constraint is withheld,
  the smallest non-zero visible part is withheld too (the first in print
  order on ties) — for a column this is "also suppress the next smallest
  non-zero cell". When a total is withheld but all its parts are visible, the
  smallest non-zero part is withheld. This repeats until nothing changes.
  Complementary cells hold counts of N or more, so they are marked ".."
  rather than "<N", which would be untrue;
* a column whose Totalt is withheld shows no shares ("..": a share and its
  count give the Totalt back). Zeros are never withheld.

This is the classic rule set for linked frequency tables, not a full audit:
it closes every subtraction a reader can make from one run's tables. Tables
from separate runs (a municipality alone, then the group) are protected each
on its own, so publish them from one run.

Pure: plain :class:`Decision` records in, frozen results out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from jamfor.core.numbers import format_sv, round_half_up

Sex = Literal["K", "M"]

MIN_AGE = 16
MAX_AGE = 120
AGE_LIMIT = 29
"""Table 3 splits at 29: "Yngre än 29 år" is 16–28, "29 år eller äldre" 29 and up."""

TOTAL = "Totalt"
GROUP_NAME = "Alla"
COMPLEMENTARY_MARK = ".."


@dataclass(frozen=True)
class Decision:
    """One decision (or client) as the tables need it; nothing that identifies a person.

    ``kommun`` is the kommunkod; ``case_id`` a pseudonymous case id, or None
    when the file has none.
    """

    kommun: str
    code: str
    sex: Sex
    age: int
    children: bool
    case_id: str | None = None

    def __post_init__(self) -> None:
        if self.sex not in ("K", "M"):
            raise ValueError(f"sex must be K or M, not {self.sex!r}")
        if not MIN_AGE <= self.age <= MAX_AGE:
            raise ValueError(f"age {self.age} outside {MIN_AGE}–{MAX_AGE}")


@dataclass(frozen=True)
class Breakdown:
    """One of the four tables: its id, title and columns with who belongs in each."""

    id: str
    title: str
    columns: tuple[tuple[str, Callable[[Decision], bool]], ...]


BREAKDOWNS: tuple[Breakdown, ...] = (
    Breakdown("orsakskod", "Klienter och orsakskoder", (("Alla", lambda d: True),)),
    Breakdown(
        "kon",
        "Klienter och orsakskoder efter kön",
        (("Män", lambda d: d.sex == "M"), ("Kvinnor", lambda d: d.sex == "K")),
    ),
    Breakdown(
        "alder",
        "Klienter och orsakskoder efter ålder",
        (
            (f"Yngre än {AGE_LIMIT} år", lambda d: d.age < AGE_LIMIT),
            (f"{AGE_LIMIT} år eller äldre", lambda d: d.age >= AGE_LIMIT),
        ),
    ),
    Breakdown(
        "barn",
        "Klienter och orsakskoder efter barn i hushållet",
        (("Utan barn", lambda d: not d.children), ("Med barn", lambda d: d.children)),
    ),
)


def format_share(count: int, total: int) -> str:
    """A share of ``total`` as printed: "14 %", "<1 %" above 0 but under 0.5 %, "-" for none."""
    if count == 0 or total == 0:
        return "-"
    percent = round_half_up(Decimal(count) * 100 / Decimal(total), 0)
    return "<1 %" if percent == 0 else f"{percent:f} %"


@dataclass(frozen=True)
class ClientCell:
    """A count and its share of the column's Totalt, with what is withheld for publication.

    ``mark`` replaces the count ("<5", or ".." for a complementary cell);
    ``share_mark`` replaces the share. ``count`` is always the true count: the
    faces print :attr:`antal` and :attr:`andel`, never ``count`` directly.
    """

    count: int
    total: int
    mark: str | None = None
    share_mark: str | None = None

    @property
    def share(self) -> Decimal | None:
        """The exact percentage, or None for an empty column."""
        return None if self.total == 0 else Decimal(self.count) * 100 / Decimal(self.total)

    @property
    def antal(self) -> int | str:
        return self.mark if self.mark is not None else self.count

    @property
    def andel(self) -> str:
        return (
            self.share_mark if self.share_mark is not None else format_share(self.count, self.total)
        )

    @property
    def withheld(self) -> bool:
        return self.mark is not None


@dataclass(frozen=True)
class ClientColumn:
    label: str
    cells: tuple[ClientCell, ...]
    total: ClientCell


@dataclass(frozen=True)
class ClientTable:
    """One table: rows are the study's codes (in catalog order) and Totalt."""

    id: str
    title: str
    codes: tuple[str, ...]
    columns: tuple[ClientColumn, ...]
    notes: tuple[str, ...] = ()

    def column(self, label: str) -> ClientColumn:
        return next(c for c in self.columns if c.label == label)

    def cell(self, label: str, code: str) -> ClientCell:
        col = self.column(label)
        return col.total if code == TOTAL else col.cells[self.codes.index(code)]


@dataclass(frozen=True)
class ClientStatistics:
    """The four tables for one municipality, or for the group (``kommunkod`` None)."""

    kommun: str
    kommunkod: str | None
    tables: tuple[ClientTable, ...]
    excluded: int
    by_case: bool
    min_cell: int | None = None
    notes: tuple[str, ...] = ()

    def table(self, table_id: str) -> ClientTable:
        return next(t for t in self.tables if t.id == table_id)


CellKey = tuple[int, str, str, str]
"""(unit index, table id, column label, code or Totalt)."""

Constraint = tuple[CellKey, tuple[CellKey, ...]]
Withheld = Literal["below", "complementary"]


def compile_statistics(
    decisions: Iterable[Decision],
    codes: Sequence[str],
    units: Sequence[tuple[str, str]],
    *,
    with_group: bool = False,
    min_cell: int | None = None,
) -> tuple[ClientStatistics, ...]:
    """The tables for each of ``units`` (kommunkod, name), then the group summed if asked.

    Decisions whose code is not among ``codes`` are left out and counted per
    unit; decisions of municipalities not in ``units`` are ignored. With
    ``min_cell`` all tables are protected together (see the module docstring),
    so no withheld count can be recovered from any other printed figure.
    """
    if min_cell is not None and min_cell < 2:
        raise ValueError("min_cell must be at least 2")
    if not codes:
        raise ValueError("a study covers at least one code")
    keyed = [(_case_key(i, d), d) for i, d in enumerate(decisions)]
    by_case = any(d.case_id is not None for _, d in keyed)
    selected = set(codes)
    wanted = {code for code, _ in units}
    groups: list[tuple[str, str | None, list[tuple[Hashable, Decision]]]] = [
        (name, code, [(k, d) for k, d in keyed if d.kommun == code]) for code, name in units
    ]
    if with_group:
        groups.append((GROUP_NAME, None, [(k, d) for k, d in keyed if d.kommun in wanted]))
    counts: dict[CellKey, int] = {}
    for index, (_, _, own) in enumerate(groups):
        counts.update(_count(index, [(k, d) for k, d in own if d.code in selected], codes))
    withheld: dict[CellKey, Withheld] = {}
    if min_cell is not None:
        withheld = protect(counts, _constraints(len(groups), codes, with_group), min_cell)
    out = []
    for index, (name, code, own) in enumerate(groups):
        excluded = sum(1 for _, d in own if d.code not in selected)
        tables = tuple(
            _table(index, b, codes, counts, withheld, min_cell, by_case) for b in BREAKDOWNS
        )
        notes = _notes(excluded, min_cell, with_group)
        out.append(ClientStatistics(name, code, tables, excluded, by_case, min_cell, notes))
    return tuple(out)


def _case_key(index: int, d: Decision) -> Hashable:
    # A case is one (municipality, case id); a decision without one is its own.
    return (d.kommun, d.case_id, -1) if d.case_id is not None else (d.kommun, None, index)


def _count(
    unit: int, keyed: list[tuple[Hashable, Decision]], codes: Sequence[str]
) -> dict[CellKey, int]:
    counts: dict[CellKey, int] = {}
    for b in BREAKDOWNS:
        for label, belongs in b.columns:
            members = [(k, d) for k, d in keyed if belongs(d)]
            for code in codes:
                counts[(unit, b.id, label, code)] = len({k for k, d in members if d.code == code})
            counts[(unit, b.id, label, TOTAL)] = len({k for k, _ in members})
    return counts


def _constraints(n_units: int, codes: Sequence[str], with_group: bool) -> list[Constraint]:
    """Every printed sum: columns, table 1 against tables 2–4, the group against its members."""
    rows = (*codes, TOTAL)
    first = BREAKDOWNS[0]
    first_label = first.columns[0][0]
    out: list[Constraint] = []
    for u in range(n_units):
        for b in BREAKDOWNS:
            for label, _ in b.columns:
                out.append(((u, b.id, label, TOTAL), tuple((u, b.id, label, c) for c in codes)))
        for b in BREAKDOWNS[1:]:
            for r in rows:
                parts = tuple((u, b.id, label, r) for label, _ in b.columns)
                out.append(((u, first.id, first_label, r), parts))
    if with_group and n_units > 1:
        top = n_units - 1
        for b in BREAKDOWNS:
            for label, _ in b.columns:
                for r in rows:
                    members = tuple((u, b.id, label, r) for u in range(top))
                    out.append(((top, b.id, label, r), members))
    return out


def protect(
    counts: dict[CellKey, int], constraints: Sequence[Constraint], min_cell: int
) -> dict[CellKey, Withheld]:
    """Which cells to withhold so that none below ``min_cell`` can be seen or recomputed.

    Primary: every count from 1 to ``min_cell`` - 1. Complementary, repeated
    until stable: in a constraint with exactly one withheld part, withhold
    the smallest non-zero visible part (the first on ties); when the total is
    withheld and no part is, withhold the smallest non-zero part. Should a
    lone withheld part have no visible non-zero sibling, the total is
    withheld instead (it then equals the part).
    """
    withheld: dict[CellKey, Withheld] = {
        key: "below" for key, n in counts.items() if 0 < n < min_cell
    }
    changed = True
    while changed:
        changed = False
        for total, parts in constraints:
            hidden = sum(1 for p in parts if p in withheld)
            if not (hidden == 1 or (hidden == 0 and total in withheld)):
                continue
            visible = [p for p in parts if p not in withheld and counts[p] > 0]
            if visible:
                withheld[min(visible, key=lambda p: counts[p])] = "complementary"
                changed = True
            elif total not in withheld and counts[total] > 0:
                withheld[total] = "complementary"
                changed = True
    return withheld


def _table(
    unit: int,
    b: Breakdown,
    codes: Sequence[str],
    counts: dict[CellKey, int],
    withheld: dict[CellKey, Withheld],
    min_cell: int | None,
    by_case: bool,
) -> ClientTable:
    def mark(key: CellKey) -> str | None:
        kind = withheld.get(key)
        if kind is None:
            return None
        return f"<{min_cell}" if kind == "below" else COMPLEMENTARY_MARK

    columns = []
    for label, _ in b.columns:
        total_key = (unit, b.id, label, TOTAL)
        total = counts[total_key]
        total_hidden = total_key in withheld
        cells = []
        for code in codes:
            key = (unit, b.id, label, code)
            n = counts[key]
            m = mark(key)
            share_mark = (
                m if m is not None else (COMPLEMENTARY_MARK if total_hidden and n else None)
            )
            cells.append(ClientCell(n, total, m, share_mark))
        columns.append(ClientColumn(label, tuple(cells), ClientCell(total, total, mark(total_key))))
    notes = (CASE_NOTE,) if by_case else ()
    return ClientTable(b.id, b.title, tuple(codes), tuple(columns), notes)


CASE_NOTE = (
    "Varje ärende (arende_id) räknas en gång per tabell även om det har flera rader i filen: "
    "en gång i varje cell där det förekommer och en gång i kolumnens Totalt. Ett ärende med "
    "flera orsakskoder, eller som bytt åldersgrupp eller hushållstyp under perioden, räknas "
    "i var och en, så cellerna kan tillsammans bli fler än Totalt."
)


def _notes(excluded: int, min_cell: int | None, with_group: bool) -> tuple[str, ...]:
    notes = []
    if excluded:
        if min_cell is not None and excluded < min_cell:
            notes.append(f"Färre än {min_cell} beslut med andra orsakskoder ingår inte.")
        else:
            notes.append(
                f"{format_sv(Decimal(excluded), 0)} beslut med andra orsakskoder ingår inte."
            )
    if min_cell is not None:
        group = ", eller ur Alla och de andra kommunerna" if with_group else ""
        notes.append(
            f"Röjandeskydd (minsta redovisade antal {min_cell}): antal från 1 till {min_cell - 1} "
            f"redovisas som «<{min_cell}», liksom deras andelar. Där ett dolt värde annars "
            "skulle kunna räknas fram – ur Totalt och kolumnens övriga värden, ur tabell 1 "
            f"och den andra kolumnen{group} – döljs också det minsta övriga värdet, markerat "
            "«..». I en kolumn vars Totalt är dolt redovisas inga andelar."
        )
    return tuple(notes)


def statistics_to_dict(stats: ClientStatistics) -> dict[str, Any]:
    """One municipality's (or the group's) tables as JSON-ready data.

    ``{"kommun": …, "tables": [{"id": "orsakskod", "columns": {"Alla": {"021":
    {"antal": 7, "andel": "14 %"}, …, "Totalt": {…}}}}, …]}``; a withheld
    ``antal`` is the string "<N" (or ".." for a complementary cell).
    """

    def cell(c: ClientCell) -> dict[str, Any]:
        return {"antal": c.antal, "andel": c.andel}

    return {
        "kommun": stats.kommun,
        "kommunkod": stats.kommunkod,
        "tables": [
            {
                "id": t.id,
                "title": t.title,
                "columns": {
                    col.label: {
                        **{code: cell(c) for code, c in zip(t.codes, col.cells, strict=True)},
                        TOTAL: cell(col.total),
                    }
                    for col in t.columns
                },
                "notes": list(t.notes),
            }
            for t in stats.tables
        ],
        "min_cell": stats.min_cell,
        "notes": list(stats.notes),
    }
