"""Which values an indicator accepts, and what a value counts as.

Importers ask :func:`check_value` whether a cell is allowed and get back the
canonical form; the counting rules ask :func:`counts_as_yes` and
:func:`reference_figure`. Both read the catalog, so a rule lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jamfor.catalog.model import Band, Catalog, Indicator
from jamfor.core.numbers import LARGEST, MOST_DECIMALS, ascii_digits, format_sv, parse_number
from jamfor.core.problems import shown_value

_DAYS_SUFFIXES = (" dagar", " dag", " d")


@dataclass(frozen=True)
class Checked:
    """A cell that passed :func:`check_value`.

    ``text`` is the answer as given but in canonical spelling ("ja" → "Ja");
    ``number`` is its value when it is a number; ``missing`` marks "Vet ej",
    "Ingen uppgift" and the like, which are never counted as zero or no.
    """

    text: str
    number: Decimal | None = None
    missing: bool = False


class ValueNotAllowed(ValueError):
    """The Swedish explanation of why a cell is not allowed."""


@lru_cache(maxsize=1024)
def _by_folded(allowed: tuple[str, ...]) -> dict[str, str]:
    """Allowed answers by their folded spelling, the first of equals winning (asked per cell)."""
    return {a.casefold(): a for a in reversed(allowed)}


def _match(raw: str, allowed: tuple[str, ...]) -> str | None:
    return _by_folded(allowed).get(" ".join(raw.split()).casefold())


def _band(indicator: Indicator, raw: str) -> Band | None:
    for band in indicator.bands:
        if _match(raw, (band.label, *band.aliases)):
            return band
    return None


def _days(raw: str, most: Decimal) -> int | None:
    s = ascii_digits(raw.strip().casefold())
    for suffix in _DAYS_SUFFIXES:
        if s.endswith(suffix):
            s = s[: -len(suffix)].strip()
            break
    if not (s.isascii() and s.isdigit() and len(s) <= 6) or int(s) > most:
        return None
    return int(s)


def _shown(number: Decimal) -> str:
    exponent = number.as_tuple().exponent
    return format_sv(number, max(0, -exponent) if isinstance(exponent, int) else 0)


def _range_text(indicator: Indicator, number: Decimal) -> str:
    lo, hi = indicator.minimum, indicator.upper_bound
    if lo is not None and indicator.maximum is not None:
        return f"mellan {_shown(lo)} och {_shown(hi)}"
    if lo is not None and number < lo:
        return f"minst {_shown(lo)}"
    return f"högst {_shown(hi)}"


def _number(indicator: Indicator, raw: str, what: str) -> Checked:
    number = parse_number(raw)
    if number is None:
        raise ValueNotAllowed(
            f"«{shown_value(raw)}» är inte ett tal jamfor kan räkna med; {what} ska anges som tal "
            f"(mindre än {_shown(LARGEST)}, högst {MOST_DECIMALS} decimaler)."
        )
    if raw.rstrip().endswith("%") and not indicator.in_percent:
        raise ValueNotAllowed(
            f"«{shown_value(raw)}» är angivet i procent, men «{indicator.label}» anges i {indicator.unit}."
        )
    if (indicator.minimum is not None and number < indicator.minimum) or (
        number > indicator.upper_bound
    ):
        raise ValueNotAllowed(
            f"{_shown(number)} ligger utanför "
            f"det tillåtna intervallet för «{indicator.label}» ({_range_text(indicator, number)})."
        )
    return Checked(text=" ".join(ascii_digits(raw).split()), number=number)


def _coded(indicator: Indicator, raw: str, year: int) -> str | None:
    """The answer word for a Kolada code ("2.0" → "Ja"), read with the coding of ``year``."""
    number = parse_number(raw)
    if number is None or number != number.to_integral_value():
        return None
    return next((a.label for a in indicator.codes_for(year) if a.code == number), None)


def _share_of_units(indicator: Indicator, raw: str) -> Checked:
    checked = _number(
        indicator.model_copy(update={"minimum": Decimal(0), "maximum": Decimal(100)}),
        raw,
        "en andel för en jämförelseenhet",
    )
    if indicator.references_as_fraction and "%" not in raw and checked.number is not None:
        if checked.number > 1:
            raise ValueNotAllowed(
                f"«{raw}» är ingen andel i bråkform för «{indicator.label}» "
                "(filens andelar för län och riket anges som 0–1)."
            )
        return Checked(text=checked.text, number=checked.number * 100)
    return checked


def check_value(
    catalog: Catalog,
    indicator: Indicator,
    raw: str,
    *,
    reference: bool = False,
    year: int | None = None,
) -> Checked:
    """Check one cell for an indicator; raise :class:`ValueNotAllowed` if it is not allowed.

    A municipality's cell holds its answer (categorical, banded) or figure — for a
    KPI from Kolada the answer's code, read with the coding of the value's
    ``year`` (the catalog's by default); a reference unit's cell (Riket, a county)
    holds the share of its municipalities answering yes, so it must be a percentage.
    """
    missing = _match(raw, catalog.missing_answers)
    if missing is not None:
        return Checked(text=missing, missing=True)
    if reference and indicator.is_share:
        return _share_of_units(indicator, raw)
    if indicator.kind == "categorical":
        hit = _match(raw, indicator.values)
        if hit is None and indicator.coding:
            hit = _coded(indicator, raw, catalog.year if year is None else year)
        if hit is None:
            allowed = ", ".join((*indicator.values, *catalog.missing_answers))
            codes = indicator.codes_for(catalog.year if year is None else year)
            if codes:
                allowed += (
                    " (eller Koladas koder: "
                    + ", ".join(f"{a.label}={a.code}" for a in codes)
                    + ")"
                )
            raise ValueNotAllowed(
                f"«{shown_value(raw)}» är inget tillåtet svar för «{indicator.label}». Tillåtna svar: {allowed}."
            )
        return Checked(text=hit)
    if indicator.kind == "banded":
        band = _band(indicator, raw)
        if band is not None:
            return Checked(text=band.label)
        days = _days(raw, indicator.upper_bound)
        if days is not None:
            return Checked(text=f"{days} dagar", number=Decimal(days))
        allowed = ", ".join(b.label for b in indicator.bands)
        raise ValueNotAllowed(
            f"«{shown_value(raw)}» är inget tillåtet svar för «{indicator.label}». "
            f"Tillåtna svar: {allowed}, eller ett antal dagar."
        )
    what = "andelen" if indicator.kind == "percent" else "värdet"
    return _number(indicator, raw, what)


def counts_as_yes(catalog: Catalog, indicator: Indicator, checked: Checked) -> bool | None:
    """Whether a municipality's answer counts as yes; None when it is missing.

    Categorical: the answer is one of the indicator's yes answers (2015: Ja,
    Integrerat, Ny rutin). Banded: the answer lies within
    ``yes_within_days`` (a band counts when its upper bound does).
    """
    if checked.missing:
        return None
    if indicator.kind == "categorical":
        return checked.text in catalog.yes_for(indicator)
    if indicator.kind == "banded":
        limit = indicator.yes_within_days
        assert limit is not None
        if checked.number is not None:
            return checked.number <= limit
        band = _band(indicator, checked.text)
        assert band is not None
        return band.max_days is not None and band.max_days <= limit
    raise TypeError(f"{indicator.id} is not a yes/no indicator")


def reference_figure(catalog: Catalog, indicator: Indicator, checked: Checked) -> Decimal | None:
    """A reference unit's figure: its published share or value.

    A single municipality standing as a reference with its own answer (say
    Stockholms stad answering "Ja") is the share of one unit: 100 or 0.
    """
    if checked.missing:
        return None
    if checked.number is not None and not (indicator.kind == "banded" and "dagar" in checked.text):
        return checked.number
    yes = counts_as_yes(catalog, indicator, checked)
    if yes is None:
        return None
    return Decimal(100) if yes else Decimal(0)
