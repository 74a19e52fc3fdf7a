"""Recognise Swedish personal identity numbers (personnummer, samordningsnummer).

Result files must never carry them: a cell that holds one is refused with a
message, so client data cannot slip into a shared report by mistake.
"""

from __future__ import annotations

import datetime as dt
import re

_PATTERN = re.compile(r"(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def contains_identity_number(text: str) -> bool:
    """Whether ``text`` contains something that is a valid personnummer or samordningsnummer."""
    for m in _PATTERN.finditer(text):
        _century, yy, mm, dd, tail = m.groups()
        day = int(dd) - 60 if int(dd) > 60 else int(dd)  # samordningsnummer: day + 60
        try:
            dt.date(2000 + int(yy), int(mm), day)
        except ValueError:
            try:
                dt.date(1900 + int(yy), int(mm), day)
            except ValueError:
                continue
        if _luhn_ok(f"{yy}{mm}{dd}{tail}"):
            return True
    return False
