"""The group's members in order for one indicator: best first, as the indicator counts.

A figure is ordered by its value in the indicator's good direction (the
highest first where higher is better, the lowest where lower is better, the
highest for a neutral measure); a yes/no answer by whether it counts as yes
(yes first where yes is good). Ties and equal answers follow the Swedish
alphabet; a member without a value comes last — never ranked as a zero or a no.
"""

from __future__ import annotations

from decimal import Decimal

from jamfor.core.collation import swedish_key
from jamfor.core.comparison import GroupComparison, IndicatorComparison
from jamfor.core.values import Checked, counts_as_yes
from jamfor.registry.model import Unit

Ranked = tuple[Unit, Checked | None]


def ranked_members(cmp: GroupComparison, result: IndicatorComparison) -> list[Ranked]:
    """Every member with its value for ``result``'s indicator, best first."""
    ind = result.indicator
    flip = Decimal(-1) if ind.direction != "lower_better" else Decimal(1)

    def key(unit: Unit) -> tuple[int, Decimal, tuple[tuple[int, ...], str]]:
        checked = result.values.get(unit.code)
        name = swedish_key(unit.name)
        if checked is None or checked.missing:
            return (2, Decimal(0), name)
        if ind.is_share:
            yes = counts_as_yes(cmp.catalog, ind, checked)
            if yes is None:
                return (2, Decimal(0), name)
            good = yes if ind.direction != "lower_better" else not yes
            return (0 if good else 1, Decimal(0), name)
        if checked.number is None:
            return (1, Decimal(0), name)
        return (0, flip * checked.number, name)

    return [(u, result.values.get(u.code)) for u in sorted(cmp.members, key=key)]
