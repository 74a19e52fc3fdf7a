"""One indicator for the whole group as a table: every member best first, then the group.

The order is :func:`jamfor.core.ranking.ranked_members`'; the cells are the
result tables' own (same formatting, colours and Snitt), so a member's figure
reads the same here as in the report.
"""

from __future__ import annotations

from jamfor.core.comparison import GroupComparison, IndicatorComparison
from jamfor.core.ranking import ranked_members
from jamfor.report.build import _figure, _snitt_cell, _unit_cell
from jamfor.report.credit import credited, publisher
from jamfor.report.model import ReportTable, Row


def ranking_table(cmp: GroupComparison, result: IndicatorComparison) -> ReportTable:
    """``result``'s indicator: a row per member in order, then Snitt and the references."""
    ind = result.indicator
    rows = [
        Row(unit.name, (_unit_cell(ind, checked, result.colours.get(unit.code)),))
        for unit, checked in ranked_members(cmp, result)
    ]
    rows.append(Row(cmp.group.snitt_label, (_snitt_cell(result),), kind="snitt"))
    for ref in cmp.references:
        value = result.references.get(ref.code)
        if value is not None:
            rows.append(Row(ref.display_reference, (_figure(ind, value),), kind="reference"))
    origin = publisher(ind.source.type == "survey")
    order = (
        "svar som räknas som ja först"
        if ind.is_share
        else "lägst värde först"
        if ind.direction == "lower_better"
        else "högst värde först"
    )
    return ReportTable(
        anchor=f"indikator-{ind.id}",
        number="",
        title=f"{ind.label}: alla kommuner i gruppen, {order}",
        captions=(),
        columns=(ind.label,),
        rows=tuple(rows),
        source=f"Källa: {credited(cmp, origin)}. "
        f"{cmp.group.snitt_label}: beräknat av jamfor ur kommunernas värden.",
    )
