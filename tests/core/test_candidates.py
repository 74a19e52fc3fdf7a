"""Candidate development areas from the 2015 Nordväst results, and the rule's edges."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jamfor.catalog.model import Catalog
from jamfor.core.candidates import DEFAULT_THRESHOLD, by_table, find_candidates
from jamfor.core.comparison import GroupComparison, compare
from jamfor.core.dataset import Dataset, ValueRecord
from jamfor.registry.loader import resolve_group
from jamfor.registry.model import Registry


def ids(candidates: tuple[object, ...]) -> list[str]:
    return [c.indicator.id for c in candidates]  # type: ignore[attr-defined]


def test_the_2015_routine_with_child_welfare_is_a_candidate_it_100_percent_is_not(
    nordvast_2015: GroupComparison,
) -> None:
    found = {c.indicator.label: c for c in find_candidates(nordvast_2015)}
    routine = found["Rutin med barn- och ungdomsvården"]
    assert routine.snitt == Decimal("37.5")
    riket = next(g for g in routine.gaps if g.unit.kind == "riket")
    assert (riket.value, riket.difference, riket.shortfall) == (
        Decimal("54.3"),
        Decimal("-16.8"),
        Decimal("16.8"),
    )
    assert routine.kinds == ("below_reference", "below_reference", "at_most_half")
    nbsp = "\u00a0"  # format_sv keeps a figure and its unit together
    assert f"37,5{nbsp}% mot 54,3{nbsp}% i riket: 16,8 procentenheter lägre." in routine.summary
    assert "3 av 8 kommuner med svar svarar ja." in routine.summary
    assert "IT-system som stödjer verksamhetsuppföljning" not in found
    assert "Individuell kompetensutvecklingsplan" not in found  # 100 %, far above both


def test_the_default_list_in_rank_order(nordvast_2015: GroupComparison) -> None:
    found = find_candidates(nordvast_2015)
    assert Decimal(10) == DEFAULT_THRESHOLD
    assert [c.rank for c in found] == list(range(1, len(found) + 1))
    assert ids(found) == [
        "rutin-skyddade-personuppgifter",  # 32,5 pe below the county
        "juridiskt-stod",  # 25
        "inskolning",  # 20
        "rutin-barn-unga",  # 17,5
        "standardiserade-bedomningsmetoder",  # 15
        "klagomalshantering",  # 12,5, 50 % say yes
        "nya-rattsfall",  # 12,5, 62,5 % say yes
        "rutin-barn-far-illa",  # at most half; 5,6 pe below riket
        "genomforandeplan-foljs-upp",  # at most half; better than both by 1,6 pe
        "overenskommelse-primarvard",  # at most half; better by 3,6
        "overenskommelse-fk",  # at most half; better by 12,5 (tie: catalog order)
        "sammanstallning-gruppniva",
    ]
    worst = [c.worst_gap.shortfall for c in found if c.worst_gap is not None]
    assert worst == sorted(worst, reverse=True)


def test_the_threshold_changes_the_list(nordvast_2015: GroupComparison) -> None:
    at_10 = set(ids(find_candidates(nordvast_2015, Decimal(10))))
    at_15 = set(ids(find_candidates(nordvast_2015, Decimal(15))))
    at_25 = set(ids(find_candidates(nordvast_2015, Decimal(25))))
    assert at_10 - at_15 == {"nya-rattsfall"}  # 12,5 below the county, 62,5 % say yes
    assert "klagomalshantering" in at_15  # 12,5 below, but only half say yes
    assert at_15 - at_25 == {"inskolning"}  # 20 below the county
    assert "juridiskt-stod" in at_25  # exactly 25: at the threshold counts
    assert len(find_candidates(nordvast_2015, Decimal(0))) > len(at_10)
    with pytest.raises(ValueError, match="negative"):
        find_candidates(nordvast_2015, Decimal(-1))


def test_at_most_half_is_a_reason_of_its_own(nordvast_2015: GroupComparison) -> None:
    found = {c.indicator.id: c for c in find_candidates(nordvast_2015, Decimal(100))}
    assert set(found) == {
        "rutin-skyddade-personuppgifter",
        "rutin-barn-unga",
        "standardiserade-bedomningsmetoder",
        "klagomalshantering",
        "rutin-barn-far-illa",
        "genomforandeplan-foljs-upp",
        "overenskommelse-primarvard",
        "overenskommelse-fk",
        "sammanstallning-gruppniva",
    }
    fk = found["overenskommelse-fk"]  # 4 of 8, and 18,7 pe above riket
    assert fk.kinds == ("at_most_half",)
    assert (fk.good, fk.counted, fk.good_share) == (4, 8, Decimal(50))
    assert fk.summary == "4 av 8 kommuner med svar svarar ja."
    assert "overenskommelse-psykiatri" not in found  # 5 of 8: more than half


def test_numbers_in_other_units_and_background_measures_are_never_candidates(
    nordvast_2015: GroupComparison,
) -> None:
    found = set(ids(find_candidates(nordvast_2015, Decimal(0))))
    assert "arendebelastning" not in found  # hushåll per handläggare: no percentage points
    assert "kostnad-per-invanare" not in found  # kronor
    assert "forsorjningshinder-ohalsa" not in found  # neutral: 6,1 pe above riket
    assert "erfarenhet-over-2-ar" in found  # a percentage, 1,4 pe below riket


def _lower_is_better(catalog: Catalog, registry: Registry, member_value: str) -> GroupComparison:
    members = ["0125", "0123"]
    records = [ValueRecord(c, "langvarigt-bistand", 2015, member_value) for c in members]
    records += [
        ValueRecord("0000", "langvarigt-bistand", 2015, "36.4"),
        ValueRecord("0001", "langvarigt-bistand", 2015, "41.8"),
    ]
    dataset = Dataset.from_records(catalog, records)
    return compare(dataset, resolve_group(registry, "Ekerö,Järfälla"), registry.units)


def test_for_lower_is_better_above_the_reference_is_worse(
    catalog: Catalog, registry: Registry
) -> None:
    worse = find_candidates(_lower_is_better(catalog, registry, "50"))
    assert ids(worse) == ["langvarigt-bistand"]
    c = worse[0]
    riket = next(g for g in c.gaps if g.unit.kind == "riket")
    assert (riket.difference, riket.shortfall) == (Decimal("13.6"), Decimal("13.6"))
    assert c.good is None  # a percentage, not a yes/no share
    assert "13,6 procentenheter högre, där lägre är bättre." in c.summary
    better = find_candidates(_lower_is_better(catalog, registry, "22.8"))
    assert ids(better) == []  # 13,6 below riket: better, not worse


def test_by_table_groups_in_the_order_of_the_best_candidate(
    nordvast_2015: GroupComparison,
) -> None:
    groups = by_table(find_candidates(nordvast_2015))
    assert [t.id for t, _ in groups][:3] == ["10", "11", "5"]
    ten = dict((t.id, [c.indicator.id for c in cs]) for t, cs in groups)["10"]
    assert ten == ["rutin-skyddade-personuppgifter", "klagomalshantering", "rutin-barn-far-illa"]
