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
