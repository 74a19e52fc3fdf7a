"""Candidate development areas: where the results say the group falls short.

FoU-Nordväst's working model has the result meeting pick at least three
development areas "strictly from the results". This module proposes them from
a :class:`~jamfor.core.comparison.GroupComparison`, by two rules:

1. **Below a reference.** The group's figure is worse than Riket's or the
   county's by at least ``threshold`` percentage points (10 by default).
   Worse follows the indicator's direction: for an indicator where lower is
   better, a group figure *above* the reference is the shortfall. Only
   figures in percent take part (yes/no shares and percentages): the
   threshold is in percentage points, and kronor or hours have no such scale.
2. **At most half.** For a yes/no indicator, at most half of the group's
   municipalities with an answer give the good answer (yes, or no where
   lower is better).

Neutral background measures (low income, unemployment …) are never
candidates: a high or low value there is neither better nor worse.

Ranking: by the larger shortfall against Riket or the county, in percentage
points (a negative shortfall means the group is better than both); ties by
the lower share giving the good answer, then catalog order. Every candidate
carries its numbers and its reasons as Swedish sentences, so the page that
lists them and the record of why an area was picked say the same thing.

Pure: a comparison in, frozen records out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jamfor.catalog.model import Indicator, Table
from jamfor.core.comparison import GroupComparison, IndicatorComparison
from jamfor.core.narrative import number_in_text
from jamfor.core.numbers import format_sv
from jamfor.registry.model import Unit

DEFAULT_THRESHOLD = Decimal(10)
"""Percentage points below Riket or the county that make an indicator a candidate."""

REFERENCE_KINDS = ("riket", "lan")
"""The references the first rule compares with: the nation and the county."""

ReasonKind = Literal["below_reference", "at_most_half"]


@dataclass(frozen=True)
class ReferenceGap:
    """The group against one reference.

    ``difference`` is the group figure minus the reference's, as the
    comparison gives it; ``shortfall`` is how much worse the group is, in
    the indicator's good direction (negative when the group is better).
    """

    unit: Unit
    value: Decimal
    difference: Decimal
    shortfall: Decimal


@dataclass(frozen=True)
class Reason:
    kind: ReasonKind
    text: str


@dataclass(frozen=True)
class Candidate:
    """An indicator the results put forward as a development area, with its numbers."""

    rank: int
    table: Table
    indicator: Indicator
    snitt: Decimal
    counted: int
    good: int | None
    gaps: tuple[ReferenceGap, ...]
    reasons: tuple[Reason, ...]
    threshold: Decimal

    @property
    def worst_gap(self) -> ReferenceGap | None:
        """The reference the group falls furthest behind (or is least ahead of)."""
        return max(self.gaps, key=lambda g: g.shortfall, default=None)

    @property
    def good_share(self) -> Decimal | None:
        """Percent of the municipalities with an answer giving the good answer (yes/no only)."""
        if self.good is None or not self.counted:
            return None
        return Decimal(self.good) * 100 / Decimal(self.counted)

    @property
    def kinds(self) -> tuple[ReasonKind, ...]:
        return tuple(r.kind for r in self.reasons)

    @property
    def summary(self) -> str:
        """All reasons as one paragraph."""
        return " ".join(r.text for r in self.reasons)


def _shortfall(ind: Indicator, difference: Decimal) -> Decimal:
    return -difference if ind.direction == "higher_better" else difference


def _gaps(cmp: GroupComparison, res: IndicatorComparison) -> tuple[ReferenceGap, ...]:
    out = []
    for ref in cmp.references:
        if ref.kind not in REFERENCE_KINDS:
            continue
        value = res.references.get(ref.code)
        difference = res.differences.get(ref.code)
        if value is None or difference is None:
            continue
        out.append(ReferenceGap(ref, value, difference, _shortfall(res.indicator, difference)))
    return tuple(out)


def _good_answers(res: IndicatorComparison) -> int | None:
    yes = res.snitt.yes
    if yes is None or not res.indicator.is_share:
        return None
    return yes if res.indicator.direction == "higher_better" else res.snitt.counted - yes


def _below_text(ind: Indicator, snitt: Decimal, gap: ReferenceGap, group_name: str) -> str:
    unit = "%"
    worse = "högre" if ind.direction == "lower_better" else "lägre"
    return (
        f"{group_name} har {format_sv(snitt, ind.decimals, unit)} mot "
        f"{format_sv(gap.value, ind.decimals, unit)} i {gap.unit.in_text}: "
        f"{number_in_text(abs(gap.difference), ind.decimals)} procentenheter {worse}"
        + (", där lägre är bättre." if ind.direction == "lower_better" else ".")
    )


def _half_text(ind: Indicator, good: int, counted: int) -> str:
    answer = "nej" if ind.direction == "lower_better" else "ja"
    return f"{good} av {counted} kommuner med svar svarar {answer}."


def _candidate(
    cmp: GroupComparison, table: Table, res: IndicatorComparison, threshold: Decimal
) -> Candidate | None:
    ind = res.indicator
    snitt = res.snitt.value
    if ind.direction == "neutral" or snitt is None or not ind.in_percent:
        return None
    gaps = _gaps(cmp, res)
    reasons = [
        Reason("below_reference", _below_text(ind, snitt, g, cmp.group.name))
        for g in sorted(gaps, key=lambda g: g.shortfall, reverse=True)
        if g.shortfall >= threshold
    ]
    good = _good_answers(res)
    counted = res.snitt.counted
    if good is not None and counted and 2 * good <= counted:
        reasons.append(Reason("at_most_half", _half_text(ind, good, counted)))
    if not reasons:
        return None
    return Candidate(
        rank=0,
        table=table,
        indicator=ind,
        snitt=snitt,
        counted=counted,
        good=good,
        gaps=gaps,
        reasons=tuple(reasons),
        threshold=threshold,
    )


def _rank_key(c: Candidate) -> tuple[Decimal, Decimal]:
    worst = c.worst_gap
    shortfall = worst.shortfall if worst is not None else Decimal("-Infinity")
    share = c.good_share
    return (-shortfall, share if share is not None else Decimal(100))


def find_candidates(
    cmp: GroupComparison, threshold: Decimal = DEFAULT_THRESHOLD
) -> tuple[Candidate, ...]:
    """The comparison's candidate development areas, best-founded first, ranked from 1."""
    if threshold < 0:
        raise ValueError("the threshold is a shortfall in percentage points and cannot be negative")
    found = [
        c
        for tc in cmp.tables
        for res in tc.indicators
        if (c := _candidate(cmp, tc.table, res, threshold)) is not None
    ]
    ordered = sorted(found, key=_rank_key)  # stable: catalog order breaks remaining ties
    return tuple(dataclasses.replace(c, rank=i) for i, c in enumerate(ordered, start=1))


def by_table(candidates: Sequence[Candidate]) -> list[tuple[Table, tuple[Candidate, ...]]]:
    """The candidates grouped by their table, tables in the order of their best candidate."""
    tables: dict[str, tuple[Table, list[Candidate]]] = {}
    for c in sorted(candidates, key=lambda c: c.rank):
        tables.setdefault(c.table.id, (c.table, []))[1].append(c)
    return [(table, tuple(items)) for table, items in tables.values()]
