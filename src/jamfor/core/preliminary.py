"""Preliminary results: the group's tables from its members' own survey answers.

Before Socialstyrelsen publishes, the group already holds what its members
answered. Each member's answers become the values the results tables print
exactly as a survey-answers file does in ``jamfor table`` (one rule,
:func:`unit_values`), and the comparison is then counted by
:func:`jamfor.core.comparison.compare` as for any other data. Once the
published figures are in, :func:`answer_changes` says where a member's
published answer differs from the one it gave in the group's survey.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.comparison import GroupComparison
from jamfor.core.dataset import Dataset, ValueRecord
from jamfor.core.derive import derive
from jamfor.core.numbers import format_sv
from jamfor.core.survey import Answers
from jamfor.core.values import Checked

PRELIMINARY_SOURCE = "kommunernas egna enkätsvar (preliminärt resultat, ej publicerat)"
"""A preliminary table's source: the members' answers, never Socialstyrelsen."""


def unit_values(catalog: Catalog, unit: str, answers: Answers) -> Iterator[ValueRecord]:
    """The value of every survey indicator the unit's answers determine."""
    for ind in catalog.indicators:
        value = derive(catalog, ind, answers)
        if value is not None:
            yield ValueRecord(unit, ind.id, catalog.year, value, "answer")


def survey_catalog(catalog: Catalog) -> Catalog:
    """The catalog with only the survey's indicators: the tables answers can fill.

    Register measures come from Socialstyrelsen's statistics, not from the
    survey, so a preliminary result has no figure for them and leaves their
    tables out rather than printing them empty.
    """
    tables = []
    for table in catalog.tables:
        kept = tuple(
            i
            for i in table.indicators
            if i.source.type == "survey" and i.source.rule != "published"
        )
        if kept:
            tables.append(table.model_copy(update={"indicators": kept}))
    return catalog.model_copy(update={"tables": tuple(tables)})


def preliminary_dataset(catalog: Catalog, answers: Mapping[str, Answers]) -> Dataset:
    """The members' answers (kommunkod → answers) as a preliminary Dataset of the survey tables."""
    own = survey_catalog(catalog)
    values = [rec for unit, given in answers.items() for rec in unit_values(own, unit, given)]
    return Dataset.from_records(own, values, preliminary=True)


@dataclass(frozen=True)
class AnswerChange:
    """A member whose published answer differs from its answer in the group's survey."""

    unit: str
    indicator: Indicator
    preliminary: str | None
    """The answer as the tables print it («Ja», «90,9 %»); None where the member gave none."""
    published: str | None


def _shown(ind: Indicator, checked: Checked | None) -> str | None:
    if checked is None:
        return None
    if checked.number is not None and not checked.missing and ind.kind in ("number", "percent"):
        return format_sv(checked.number, ind.decimals, "%" if ind.in_percent else None)
    return checked.text


def _same(a: str | None, b: str | None, an: object, bn: object) -> bool:
    if an is not None and bn is not None:
        return an == bn
    return (a or "").casefold() == (b or "").casefold()


def answer_changes(preliminary: GroupComparison, published: GroupComparison) -> list[AnswerChange]:
    """Per member and survey indicator, where the published value is not the preliminary one.

    Only members that answered in the survey are compared; an indicator the
    published figures lack is not a change (it may not be published yet).
    """
    found = {r.indicator.id: r for r in published.indicators()}
    answered = {code for r in preliminary.indicators() for code in r.values}
    changes = []
    for pre in preliminary.indicators():
        pub = found.get(pre.indicator.id)
        if pub is None or not pub.values:
            continue
        for unit in preliminary.members:
            if unit.code not in answered:
                continue
            before, after = pre.values.get(unit.code), pub.values.get(unit.code)
            if before is None and after is None:
                continue
            if (
                before is not None
                and after is not None
                and _same(before.text, after.text, before.number, after.number)
            ):
                continue
            changes.append(
                AnswerChange(
                    unit=unit.code,
                    indicator=pre.indicator,
                    preliminary=_shown(pre.indicator, before),
                    published=_shown(pre.indicator, after),
                )
            )
    return changes
