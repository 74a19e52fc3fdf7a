from __future__ import annotations

import pytest

from jamfor.core.problems import UnknownNameError
from jamfor.registry.loader import resolve_group
from jamfor.registry.model import Registry


def test_all_municipalities_and_references(registry: Registry) -> None:
    assert len(registry.municipalities()) == 290
    assert registry.find("Riket").code == "0000"  # type: ignore[union-attr]
    assert registry.find("Stockholms län").code == "0001"  # type: ignore[union-attr]
    assert registry.find("Region Stockholm").code == "0001"  # type: ignore[union-attr]
    assert registry.find("Stockholms stad").code == "0180"  # type: ignore[union-attr]
    assert registry.find("upplands-bro").code == "0139"  # type: ignore[union-attr]
    assert registry.find("139").name == "Upplands-Bro"  # type: ignore[union-attr]
    assert registry.find("Atlantis") is None
    assert registry.suggest("Upplands Bro") == "Upplands-Bro"


def test_nordvast_is_the_eight_of_table_1(registry: Registry) -> None:
    g = resolve_group(registry, "nordvast")
    assert g.snitt_label == "Snitt i Nordväst"
    assert sorted(u.code for u in g.members) == sorted(s.code for s in registry.sorting[2015])
    assert "Sollentuna" in {u.name for u in g.members}


def test_group_from_a_list(registry: Registry) -> None:
    g = resolve_group(registry, "Solna, Ekerö ,0183")
    assert [u.name for u in g.members] == ["Ekerö", "Solna", "Sundbyberg"]
    assert [u.display_reference for u in g.references] == ["Riket", "Stockholms län"]


def test_unknown_group_or_member(registry: Registry) -> None:
    with pytest.raises(UnknownNameError, match=r"Okänd grupp «sydost».*nordvast"):
        resolve_group(registry, "sydost")
    with pytest.raises(UnknownNameError, match="Menade du «Upplands-Bro»"):
        resolve_group(registry, "Solna,Upplands Bro")
    with pytest.raises(UnknownNameError, match="Okänd kommun «Riket»"):
        resolve_group(registry, "Solna,Riket")


def test_every_municipality_in_exactly_one_kommungrupp(registry: Registry) -> None:
    kommungrupper = [g for g in registry.kolada_groups.values() if g.id.startswith("G927")]
    assert len(kommungrupper) == 9
    for unit in registry.municipalities():
        holding = [g.id for g in kommungrupper if unit.code in g.members]
        assert len(holding) == 1, unit.name
        assert unit.kommungrupp is not None
    counts = {code: len(registry.kommungrupp_members(code)) for code in ("A1", "A2", "C9")}
    assert counts == {"A1": 3, "A2": 43, "C9": 21}


def test_kolada_groups_and_ours(registry: Registry) -> None:
    kolada = resolve_group(registry, "G196055")
    ours = resolve_group(registry, "nordvast")
    assert len(kolada.members) == 7 and len(ours.members) == 8
    assert {u.name for u in ours.members} - {u.name for u in kolada.members} == {"Sollentuna"}
    lan = resolve_group(registry, "lan:01")
    assert len(lan.members) == 26 and lan.name == "Stockholms läns kommuner"
    assert resolve_group(registry, "lan:Stockholms län").members == lan.members
    assert [u.name for u in resolve_group(registry, "kommungrupp:A1").members] == [
        "Göteborg",
        "Malmö",
        "Stockholm",
    ]
    similar = resolve_group(registry, "liknande:Ekerö")
    assert len(similar.members) == 8 and "Ekerö" in {u.name for u in similar.members}


def test_swedish_order_of_all_municipalities(registry: Registry) -> None:
    names = [u.name for u in registry.municipalities()]
    assert names[-1].startswith("Ö") and names[0] == "Ale"
    first_a_ring = next(i for i, n in enumerate(names) if n.startswith("Å"))
    first_a_uml = next(i for i, n in enumerate(names) if n.startswith("Ä"))
    first_o_uml = next(i for i, n in enumerate(names) if n.startswith("Ö"))
    last_z = max(i for i, n in enumerate(names) if n[0] in "VXYZ")
    assert last_z < first_a_ring < first_a_uml < first_o_uml


def test_districts_and_their_city(registry: Registry) -> None:
    stockholm_2018 = registry.districts("0180", 2018)
    assert len(stockholm_2018) == 14
    assert len(registry.districts("0180", 2021)) == 13
    assert registry.find("Stockholm - Bromma").parent == "0180"  # type: ignore[union-attr]
    assert registry.find("Göteborg: Centrum").code == "1480-04"  # type: ignore[union-attr]
    assert len(registry.districts("1480", 2022)) == 4
