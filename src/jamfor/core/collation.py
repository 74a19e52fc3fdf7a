"""Swedish alphabetical order.

The machines jamfor runs on rarely have an ``sv_SE`` locale, and code-point
order puts Ä (U+00C4) before Å (U+00C5). Swedish order is … x y z å ä ö, with
é sorted as e and ü as y. As in Excel and Word, a space sorts before any
letter and hyphens are ignored, so "Upplands Väsby" comes before "Upplands-Bro"
as in the published tables.
"""

from __future__ import annotations

_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzåäö"
_FOLD = str.maketrans({"é": "e", "è": "e", "á": "a", "à": "a", "ü": "y", "æ": "ä", "ø": "ö"})
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}


def swedish_key(text: str) -> tuple[tuple[int, ...], str]:
    """A sort key giving Swedish order; ties (case) are broken by the text itself."""
    folded = text.lower().translate(_FOLD)
    ranks = tuple(
        _RANK.get(ch, 1000 + ord(ch)) if ch.isalnum() else -1
        for ch in folded
        if ch.isalnum() or ch.isspace()
    )
    return ranks, text
