"""Preliminary results and the ranking of members, on the group's own answers."""

from __future__ import annotations

from jamfor.catalog.model import Catalog
from jamfor.core.comparison import GroupComparison, compare
from jamfor.core.preliminary import answer_changes, preliminary_dataset, survey_catalog
from jamfor.core.ranking import ranked_members
from jamfor.registry.loader import resolve_group
from jamfor.registry.model import Registry

SOLNA, SUNDBYBERG = "0184", "0183"


def _preliminary(catalog: Catalog, registry: Registry) -> GroupComparison:
    answers = {
        SOLNA: {("4", None): "10", ("4a", None): "8", ("1", "bou"): "nej"},
        SUNDBYBERG: {("4", None): "11", ("4a", None): "10", ("1", "bou"): "ja", ("1a", None): "ja"},
    }
    ds = preliminary_dataset(catalog, answers)
    assert ds.preliminary
    return compare(ds, resolve_group(registry, "Solna,Sundbyberg"), registry.units)


def test_only_survey_indicators_and_the_answers_values(
    catalog: Catalog, registry: Registry
) -> None:
    own = survey_catalog(catalog)
    assert own.indicators and all(i.source.type == "survey" for i in own.indicators)
    assert len(own.indicators) < len(catalog.indicators)
    cmp = _preliminary(catalog, registry)
    assert cmp.preliminary
    by_id = {r.indicator.id: r for r in cmp.indicators()}
    assert by_id["socionomexamen"].values[SOLNA].text == "80.0 %"
    assert str(by_id["socionomexamen"].snitt.value) == "85.5"  # (80.0 + 90.9) / 2 = 85.45


def test_changes_name_the_member_and_both_answers(
    catalog: Catalog, registry: Registry, dataset_2015: object
) -> None:
    pre = _preliminary(catalog, registry)
    published = compare(dataset_2015, resolve_group(registry, "Solna,Sundbyberg"), registry.units)  # type: ignore[arg-type]
    changes = {
        (c.unit, c.indicator.id): (c.preliminary, c.published)
        for c in answer_changes(pre, published)
    }
    # Solna's printed 2015 share with the degree is 100,0 %; it answered 8 of 10 here
    assert changes[(SOLNA, "socionomexamen")] == ("80,0\u00a0%", "100,0\u00a0%")
    # Sundbyberg's 90,9 % is what it published too: no change
    assert (SUNDBYBERG, "socionomexamen") not in changes


def test_members_rank_best_first_and_missing_last(catalog: Catalog, registry: Registry) -> None:
    cmp = _preliminary(catalog, registry)
    by_id = {r.indicator.id: r for r in cmp.indicators()}
    ranked = [u.code for u, _ in ranked_members(cmp, by_id["socionomexamen"])]
    assert ranked == [SUNDBYBERG, SOLNA]  # 90.9 % before 80.0 %: higher is better
    # a yes/no answer: the member whose answer counts as yes first
    rutin = [u.code for u, _ in ranked_members(cmp, by_id["rutin-barn-unga"])]
    assert rutin[0] == SUNDBYBERG
