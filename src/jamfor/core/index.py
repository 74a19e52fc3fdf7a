"""A dataset's cells indexed for comparisons: built once per dataset, read many times.

Comparing 21 county groups, or a group year by year, asks for the same cells
and the same national figures again and again. The index checks each distinct
value once per indicator (a national file repeats "Ja" and "Nej" thousands of
times) and remembers every group figure it has computed, so the second and
later comparisons on a dataset cost a fraction of the first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TypeVar, cast

import polars as pl

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.counting import GroupFigure, group_figure
from jamfor.core.quartiles import QuartileBounds, quartile_bounds
from jamfor.core.values import Checked, ValueNotAllowed, check_value

T = TypeVar("T")


class DatasetIndex:
    def __init__(
        self,
        catalog: Catalog,
        values: pl.DataFrame,
        history: pl.DataFrame,
        checked: Mapping[tuple[str, str, bool], Checked] | None = None,
    ) -> None:
        self.catalog = catalog
        self.raw: dict[tuple[str, str, str], str] = {}
        self.answers: dict[str, dict[str, str]] = defaultdict(dict)
        for unit, indicator, value, role in values.select(
            "unit", "indicator", "value", "role"
        ).iter_rows():
            self.raw[(indicator, unit, role)] = value
            if role == "answer":
                self.answers[indicator][unit] = value
        self.history: dict[str, dict[int, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
        for unit, indicator, year, value, role in history.select(
            "unit", "indicator", "year", "value", "role"
        ).iter_rows():
            if role == "answer":
                self.history[indicator][year][unit] = value
        self._checked: dict[tuple[str, str, bool], Checked] = dict(checked or {})
        self._figures: dict[tuple[str, tuple[str, ...]], GroupFigure] = {}
        self._bounds: dict[str, QuartileBounds | None] = {}
        self._remembered: dict[str, object] = {}
        self.present = frozenset(unit for (_, unit, _) in self.raw)
        self.given_as_reference = frozenset(
            unit for (_, unit, role) in self.raw if role == "reference"
        )

    def remember(self, name: str, make: Callable[[], T]) -> T:
        """Something derived from the dataset, made on first use and kept with it."""
        if name not in self._remembered:
            self._remembered[name] = make()
        return cast(T, self._remembered[name])

    def check(self, ind: Indicator, raw: str, *, reference: bool = False) -> Checked:
        """``check_value`` once per distinct value of an indicator."""
        key = (ind.id, raw, reference)
        found = self._checked.get(key)
        if found is None:
            found = check_value(self.catalog, ind, raw, reference=reference)
            self._checked[key] = found
        return found

    def checked(self, ind: Indicator, unit: str) -> Checked | None:
        raw = self.answers[ind.id].get(unit)
        return None if raw is None else self.check(ind, raw)

    def units_with_answers(self, ind: Indicator) -> list[str]:
        return list(self.answers[ind.id])

    def figure(self, ind: Indicator, codes: Sequence[str]) -> GroupFigure:
        """The group figure over ``codes`` (units without a value left out), remembered."""
        key = (ind.id, tuple(codes))
        found = self._figures.get(key)
        if found is None:
            cells = [c for code in codes if (c := self.checked(ind, code)) is not None]
            found = group_figure(self.catalog, ind, cells)
            self._figures[key] = found
        return found

    def figure_over(self, ind: Indicator, codes: Sequence[str]) -> Decimal | None:
        """The figure over those of ``codes`` that have a value; None when none has."""
        return self.figure(ind, codes).value

    def bounds(self, ind: Indicator, national: Sequence[str]) -> QuartileBounds | None:
        """Quartile boundaries of the indicator among ``national`` (remembered per indicator)."""
        if ind.id not in self._bounds:
            numbers = [
                c.number
                for code in national
                if (c := self.checked(ind, code)) is not None and c.number is not None
            ]
            self._bounds[ind.id] = quartile_bounds(numbers)
        return self._bounds[ind.id]

    def history_cells(self, ind: Indicator, year: int, codes: Sequence[str]) -> list[Checked]:
        """An earlier year's cells, as far as this year's definition can read them.

        A value the indicator no longer allows (2015's "Integrerat" under a 2018
        definition) is left out: a change is only computed from comparable answers.
        """
        given = self.history[ind.id].get(year, {})
        out = []
        for c in codes:
            if c in given:
                try:
                    out.append(self.check(ind, given[c]))
                except ValueNotAllowed:
                    continue
        return out


def municipalities_of(codes: Sequence[str], units: Mapping[str, object]) -> list[str]:
    """The codes that are municipalities (not districts, counties or Riket)."""
    return [c for c in codes if getattr(units.get(c), "kind", None) == "kommun"]
