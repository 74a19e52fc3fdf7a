"""What the results dashboard offers to pick: the group's members and its indicators.

Read from the comparison the page shows, so the lists hold exactly the
municipalities and indicators that have a row or a column in its tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from jamfor.core.comparison import GroupComparison


@dataclass(frozen=True)
class Picks:
    members: tuple[tuple[str, str], ...]
    """(kommunkod, name) in the group's order."""
    tables: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """(table title, ((indicator id, label), …)) in the report's order."""


def picks_for(cmp: GroupComparison) -> Picks:
    return Picks(
        members=tuple((u.code, u.name) for u in cmp.members),
        tables=tuple(
            (tc.table.title, tuple((r.indicator.id, r.indicator.label) for r in tc.indicators))
            for tc in cmp.tables
        ),
    )
