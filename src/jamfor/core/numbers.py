"""Numbers as the published tables print them.

Published figures are rounded half-up ("8.35 → 8.4"); Python's float ``round``
rounds half to even on binary approximations and gives 8.3, so every figure is
held and rounded as a :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"^[+-]?([0-9]+([.,][0-9]+)?|[.,][0-9]+)$")
_PLAIN = re.compile(r"[0-9]+(\.[0-9]+)?\Z")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})

LARGEST = Decimal("1e15")
"""No figure jamfor counts with is this large. Well inside Decimal's 28 digits, so
every mean, difference and rounding of accepted figures stays exact and cannot fail."""
MOST_DECIMALS = 10


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit written 0–9 (full-width ３, Arabic-Indic ٣ …)."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def parse_number(text: str) -> Decimal | None:
    """Read a number as people write it in Swedish tables, or None if it is not one.

    Accepts a trailing "%", a decimal comma or point and spaces (also
    non-breaking) as thousands separators: "37,5 %", "1 095", "0.4"; digits
    of any script are read as 0–9. A number of :data:`LARGEST` or more, or with
    more than ten decimals, is none jamfor can count with: None.
    """
    if _PLAIN.match(text):  # most cells: digits with a decimal point or none, nothing else
        s = text
    else:
        s = _SPACES.sub("", ascii_digits(text.strip()).translate(_MINUS))
        if s.endswith("%"):
            s = s[:-1]
        if not _NUMBER.match(s):
            return None
    try:
        number = Decimal(s.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern excludes it
        return None
    exponent = number.as_tuple().exponent
    if abs(number) >= LARGEST or (isinstance(exponent, int) and -exponent > MOST_DECIMALS):
        return None
    return number


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round as the published tables do: halves away from zero."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_sv(value: Decimal, decimals: int, unit: str | None = None) -> str:
    """Format for a Swedish reader: decimal comma, thin grouping of thousands.

    ``format_sv(Decimal("1095"), 0, "kr")`` gives "1 095 kr" (with a
    non-breaking space), ``format_sv(Decimal("37.5"), 1, "%")`` "37,5 %".
    """
    rounded = round_half_up(value, decimals)
    sign = "−" if rounded < 0 else ""
    whole, _, frac = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + "\u00a0".join(groups) + ("," + frac if frac else "")
    return f"{text}\u00a0{unit}" if unit else text


def to_json_number(value: Decimal) -> int | float:
    """A rounded figure for JSON: an int when it has no decimals."""
    if value == value.to_integral_value() and value.as_tuple().exponent == 0:
        return int(value)
    return float(value)
