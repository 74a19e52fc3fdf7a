"""Which answers count as yes, when nobody wrote it down.

Socialstyrelsen's workbook gives every municipality's answer in words («Ja»,
«Ja, men inte för alla», «Delvis», «Nej») and the share of municipalities
answering yes for Riket and each county, but not which answers that share
counted. It differs between indicators. The published shares reveal it: of the
plausible answer sets — the best answer alone, or the best answer with the next
ones in order — exactly one usually reproduces every published share within
its rounding. That set is the rule, and the catalog says how it was found.

When no set or several different sets fit, the default applies and the
indicator is marked for a person to review: answers beginning «Ja» count,
except partial ones («Ja, men inte för alla», «Ja, med vissa») where the label
demands all («alla», «samtliga»); «Delvis» and «Nej …» never count.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jamfor.core.numbers import format_sv

_PARTIAL_YES = re.compile(r"men inte|med vissa|vissa|delvis|några|inte alla", re.IGNORECASE)
_DEMANDS_ALL = re.compile(r"\b(alla|samtliga)\b", re.IGNORECASE)
_TIME = re.compile(r"(\d+)\s*(?:-\s*(\d+)\s*)?(dagar|dag|d\b|min|minut|minuter|timm|veck)", re.I)
_WORSE_TIME = re.compile(r"mer än|eller mer|över|längre än", re.IGNORECASE)


@dataclass(frozen=True)
class PublishedShare:
    """A reference's published share and the municipalities it was counted over."""

    name: str
    value: Decimal
    decimals: int
    members: tuple[str, ...]


@dataclass(frozen=True)
class YesDecision:
    answers: tuple[str, ...]
    basis: Literal["published", "default"]
    note: str
    review: bool


def _rank(answer: str, position: int) -> tuple[float, float, int]:
    """Sort key, best answer first: full yes, partial yes, Delvis, «Nej, men …», Nej."""
    text = answer.strip().casefold()
    time = _TIME.search(text)
    if time is not None and not text.startswith(("ja", "nej")):
        limit = float(time.group(2) or time.group(1))
        return (3.5 if _WORSE_TIME.search(text) else 0.5, limit, position)
    if text.startswith("ja"):
        return (1.0 if _PARTIAL_YES.search(text) else 0.0, 0.0, position)
    if text.startswith("delvis"):
        return (2.0, 0.0, position)
    if text.startswith("nej") and text != "nej":
        return (3.0, 0.0, position)
    if text == "nej" or text.startswith("nej"):
        return (4.0, 0.0, position)
    return (2.5, 0.0, position)


def rank_answers(values: Sequence[str]) -> tuple[str, ...]:
    """The answers from best to worst, as the survey's scale orders them."""
    return tuple(v for _, v in sorted((_rank(v, i), v) for i, v in enumerate(values)))


def is_no(answer: str) -> bool:
    """A plain «Nej» (never yes in any rule)."""
    return answer.strip().casefold() == "nej"


def default_yes(label: str, values: Sequence[str]) -> tuple[str, ...]:
    """The default rule (see the module's docstring); the best answer when none says «Ja»."""
    demands_all = _DEMANDS_ALL.search(label) is not None
    yes = [
        v
        for v in values
        if v.strip().casefold().startswith("ja") and not (demands_all and _PARTIAL_YES.search(v))
    ]
    if yes:
        return tuple(yes)
    ranked = rank_answers(values)
    return ranked[:1]


def _share(answers: Mapping[str, str], members: Sequence[str], yes: set[str]) -> Decimal | None:
    given = [answers[c] for c in members if c in answers]
    if not given:
        return None
    return Decimal(sum(1 for a in given if a in yes)) * 100 / Decimal(len(given))


def _fits(answers: Mapping[str, str], yes: set[str], published: Sequence[PublishedShare]) -> bool:
    for ref in published:
        share = _share(answers, ref.members, yes)
        if share is None:
            return False
        tolerance = Decimal(5) / Decimal(10) ** (ref.decimals + 1) + Decimal("1e-9")
        if abs(share - ref.value) > tolerance:
            return False
    return True


def candidates(values: Sequence[str]) -> list[tuple[str, ...]]:
    """The answer sets a published share may have counted: the best answer, then with the
    next ones in order, never a plain «Nej»."""
    ranked = rank_answers(values)
    return [ranked[:k] for k in range(1, len(ranked) + 1) if not any(map(is_no, ranked[:k]))]


def _text(ref: PublishedShare) -> str:
    return f"{ref.name.lower() if ref.name == 'Riket' else ref.name}s {format_sv(ref.value, ref.decimals)} %"


def decide_yes(
    label: str,
    values: Sequence[str],
    answers: Mapping[str, str],
    published: Sequence[PublishedShare],
) -> YesDecision:
    """The answers that count as yes for an indicator, and how that was decided.

    ``answers`` maps each municipality's code to its answer (missing answers left
    out); ``published`` holds Riket's and the counties' published shares.
    """
    fitting = [c for c in candidates(values) if published and _fits(answers, set(c), published)]
    distinct = {frozenset(a for a in c if a in set(answers.values())) for c in fitting}
    if len(fitting) >= 1 and len(distinct) == 1:
        chosen = fitting[0]
        riket = next((p for p in published if p.name == "Riket"), published[0])
        words = ", ".join(f"«{a}»" for a in chosen)
        others = len(published) - 1
        also = f" och {others} läns andelar" if others > 0 else ""
        return YesDecision(
            answers=chosen,
            basis="published",
            note=f"{words} räknas som ja: härledd ur {_text(riket)}{also}.",
            review=False,
        )
    default = default_yes(label, values)
    words = ", ".join(f"«{a}»" for a in default) or "inget svar"
    if not published:
        why = "filen har inga publicerade andelar för riket eller länen att härleda regeln ur"
    elif not fitting:
        why = "inget rimligt urval av svar ger de publicerade andelarna"
    else:
        why = "flera urval av svar ger de publicerade andelarna"
    return YesDecision(
        answers=default,
        basis="default",
        note=f"{words} räknas som ja enligt standardregeln; {why}. Granska regeln.",
        review=True,
    )
