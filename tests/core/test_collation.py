from __future__ import annotations

from jamfor.core.collation import swedish_key


def test_a_ring_before_a_umlaut_before_o_umlaut_after_z() -> None:
    names = ["Örebro", "Älvdalen", "Åre", "Zinkgruvan", "Arboga", "Östhammar", "Ånge"]
    assert sorted(names, key=swedish_key) == [
        "Arboga",
        "Zinkgruvan",
        "Ånge",
        "Åre",
        "Älvdalen",
        "Örebro",
        "Östhammar",
    ]


def test_space_before_letters_and_hyphen_ignored() -> None:
    assert sorted(["Upplands-Bro", "Upplands Väsby"], key=swedish_key) == [
        "Upplands Väsby",
        "Upplands-Bro",
    ]


def test_accents_fold() -> None:
    assert sorted(["Eda", "Ekerö", "Éb"], key=swedish_key) == ["Éb", "Eda", "Ekerö"]
