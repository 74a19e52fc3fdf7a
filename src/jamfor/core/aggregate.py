"""Group figures for many groups at once, computed column-wise with polars.

A comparison for one group asks for its figures one indicator at a time; a
national overview (every county, every kommungrupp) asks for thousands. This
module counts, for every group and indicator in one polars query, the units
with a value, how many count as yes and the sum of their values, then hands
each count to :func:`jamfor.core.counting.figure_from_counts` — the same
function the one-group path ends in — so both paths round alike.

What counts as a value, as missing and as yes is decided per distinct cell by
the same :mod:`jamfor.core.values` rules, through the dataset's index.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import polars as pl

from jamfor.core.counting import GroupFigure, figure_from_counts
from jamfor.core.dataset import Dataset
from jamfor.core.values import counts_as_yes

NUMBER = pl.Decimal(38, 12)


def cell_facts(dataset: Dataset) -> pl.DataFrame:
    """Every answer cell with what the rules make of it: ``present``, ``yes``, ``number``."""
    catalog = dataset.catalog
    index = dataset.index
    answers = dataset.values.filter(pl.col("role") == "answer").select("unit", "indicator", "value")
    combos = answers.select("indicator", "value").unique()
    rows = []
    indicators = {i.id: i for i in catalog.indicators}
    for ind_id, raw in combos.iter_rows():
        ind = indicators[ind_id]
        checked = index.check(ind, raw)
        present = not checked.missing
        yes = bool(counts_as_yes(catalog, ind, checked)) if ind.is_share and present else False
        number = checked.number if present and not ind.is_share else None
        rows.append((ind_id, raw, present, yes, number))
    facts = pl.DataFrame(
        rows,
        schema={
            "indicator": pl.String(),
            "value": pl.String(),
            "present": pl.Boolean(),
            "yes": pl.Boolean(),
            "number": NUMBER,
        },
        orient="row",
    )
    return answers.join(facts, on=["indicator", "value"], how="left")


def group_figures(
    dataset: Dataset, groups: Mapping[str, Sequence[str]]
) -> dict[tuple[str, str], GroupFigure]:
    """Figures for every (group, indicator): ``groups`` maps a group id to its unit codes.

    A unit without a value for an indicator is left out of that figure, as in
    :func:`jamfor.core.counting.group_figure`; units in several groups count in each.
    """
    assignment = pl.DataFrame(
        [(g, code) for g, codes in groups.items() for code in codes],
        schema={"group": pl.String(), "unit": pl.String()},
        orient="row",
    )
    facts = dataset.index.remember("cell_facts", lambda: cell_facts(dataset))
    counts = (
        facts.join(assignment, on="unit")
        .group_by("group", "indicator")
        .agg(
            pl.col("present").sum().alias("counted"),
            (~pl.col("present")).sum().alias("missing"),
            pl.col("yes").sum().alias("yes"),
            pl.col("number").sum().alias("total"),
            pl.col("number").count().alias("numbers"),
        )
    )
    out: dict[tuple[str, str], GroupFigure] = {}
    indicators = {i.id: i for i in dataset.catalog.indicators}
    for group, ind_id, counted, missing, yes, total, numbers in counts.iter_rows():
        ind = indicators[ind_id]
        out[(group, ind_id)] = figure_from_counts(
            ind,
            counted=counted if ind.is_share else numbers,
            missing=missing,
            yes=yes,
            total=Decimal(total) if total is not None else Decimal(0),
        )
    return out
