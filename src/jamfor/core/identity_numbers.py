"""Recognise Swedish personal identity numbers (personnummer, samordningsnummer).

Files and texts jamfor takes in must never carry them: one found is refused
with a message that names where it is and never repeats it, so client data
cannot slip into a shared report, a log or a terminal by mistake.

People write them in many ways, and every way counts: ``811218-9876``,
``19811218-9876``, ``8112189876``, with an en dash or a minus sign
(``811218–9876``), with spaces around the dash (``19811218 - 9876``), with a
dotted or spaced date (``81.12.18-9876``), in full-width or other Unicode
digits, and as Excel shows a long number in a CSV it saved
(``1.98112189876E+11``). What keeps false alarms low is what makes a number a
personnummer: a real date (day + 60 for a samordningsnummer) and a valid
check digit — a random ten-digit number passes both about once in 130.
A digit run longer than twelve, or a number with decimals, is not one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_DASHES = "\\-+\u2010\u2011\u2012\u2013\u2014\u2212"
_SPACE = "[ \t\u00a0\u202f]"
_PATTERN = re.compile(
    rf"(?<![\d.,])(\d{{2}})?(\d{{2}})([./ -]?)(\d{{2}})\3(\d{{2}})"
    rf"{_SPACE}*[{_DASHES}]?{_SPACE}*(\d{{4}})(?![\d]|[.,]\d)"
)
# Excel's "General" format shows a long whole number as 1.98112189876E+11.
_SCIENTIFIC = re.compile(r"(?<![\d.,])(\d)[.,](\d{1,14})[eE]\+?(\d{1,2})(?![\d])")
_SHORTEST = 10  # "8112189876"; anything shorter cannot hold one


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _expand_scientific(match: re.Match[str]) -> str:
    first, fraction, exponent = match.group(1), match.group(2), int(match.group(3))
    if exponent < len(fraction):
        return match.group(0)  # a number with decimals, not a whole number
    return first + fraction + "0" * (exponent - len(fraction))


def _is_date(yy: str, mm: str, dd: str) -> bool:
    day = int(dd) - 60 if int(dd) > 60 else int(dd)  # samordningsnummer: day + 60
    for century in (2000, 1900):
        try:
            dt.date(century + int(yy), int(mm), day)
        except ValueError:
            continue
        return True
    return False


def contains_identity_number(text: str) -> bool:
    """Whether ``text`` contains something that is a valid personnummer or samordningsnummer."""
    if len(text) < _SHORTEST:
        return False
    text = unicodedata.normalize("NFKC", text)
    if "e" in text or "E" in text:
        text = _SCIENTIFIC.sub(_expand_scientific, text)
    for m in _PATTERN.finditer(text):
        _century, yy, _sep, mm, dd, tail = m.groups()
        if _is_date(yy, mm, dd) and _luhn_ok(f"{yy}{mm}{dd}{tail}"):
            return True
    return False
