"""The published counting rules for a group's figure ("Snitt").

- yes/no and banded answers: the share of units whose answer counts as yes
  among those with an answer;
- numbers and percentages: the unweighted mean over units with a value.

Missing answers ("Vet ej", "Ingen uppgift") are left out of both numerator and
denominator, never counted as zero or no. Results are rounded half-up to the
indicator's decimals, as printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.numbers import round_half_up
from jamfor.core.values import Checked, counts_as_yes


@dataclass(frozen=True)
class GroupFigure:
    """A group's figure for one indicator and how it came about."""

    value: Decimal | None
    exact: Decimal | None
    counted: int
    missing: int
    yes: int | None = None


def share_yes(yes: int, counted: int) -> Decimal | None:
    """Percentage of ``counted`` units answering yes; None when nobody answered."""
    if counted == 0:
        return None
    return Decimal(yes) * 100 / Decimal(counted)


def mean(values: Sequence[Decimal]) -> Decimal | None:
    """The unweighted mean, or None when there are no values."""
    if not values:
        return None
    return sum(values, Decimal(0)) / Decimal(len(values))


def figure_from_counts(
    indicator: Indicator,
    *,
    counted: int,
    missing: int,
    yes: int = 0,
    total: Decimal = Decimal(0),
) -> GroupFigure:
    """The figure from what was counted: units with a value (and how many said yes, or
    the sum of their values). Both the per-group and the many-groups-at-once paths end
    here, so the rounding rule exists once."""
    if indicator.is_share:
        exact = share_yes(yes, counted)
    else:
        exact = None if counted == 0 else total / Decimal(counted)
    return GroupFigure(
        value=None if exact is None else round_half_up(exact, indicator.decimals),
        exact=exact,
        counted=counted,
        missing=missing,
        yes=yes if indicator.is_share else None,
    )


def group_figure(
    catalog: Catalog, indicator: Indicator, cells: Sequence[Checked | None]
) -> GroupFigure:
    """The group's figure from its members' cells (None = no value given)."""
    present = [c for c in cells if c is not None and not c.missing]
    missing = len(cells) - len(present)
    if indicator.is_share:
        yes = sum(1 for c in present if counts_as_yes(catalog, indicator, c))
        return figure_from_counts(indicator, counted=len(present), missing=missing, yes=yes)
    numbers = [c.number for c in present if c.number is not None]
    return figure_from_counts(
        indicator, counted=len(numbers), missing=missing, total=sum(numbers, Decimal(0))
    )
