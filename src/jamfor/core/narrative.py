"""The written comparison: Swedish sentences generated from the numbers they describe.

Hand-written paragraphs can contradict their own tables; these cannot, because
they are built from the same :class:`~jamfor.core.comparison.IndicatorComparison`
the table shows. For each indicator:

1. who has it — "Samtliga nordvästkommuner har …", "Samtliga … utom Ekerö och
   Upplands Väsby har …", "Sigtuna, Solna och Sundbyberg har …", "Endast Solna
   har …", "Ingen kommun har …" — and who has it partly ("Upplands Väsby gör det
   delvis.");
2. how the group's Snitt compares with each reference: "Snittet på 62,5 procent
   är i nivå med snittet i Stockholm (64 %) och riket (61 %)." The verdict comes
   from the difference in percentage points: under ``level`` "i nivå med",
   ``level``–``clear`` "något bättre/sämre än", ``clear`` or more "klart
   bättre/sämre än", where better follows the indicator's direction.

Numbers in running text get a decimal comma and the word "procent"; tables keep
their own style.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.comparison import GroupComparison, IndicatorComparison
from jamfor.core.numbers import format_sv, round_half_up
from jamfor.core.values import counts_as_yes
from jamfor.registry.model import Unit

Strength = Literal["level", "somewhat", "clearly"]
Side = Literal["better", "worse", "higher", "lower", "level"]


@dataclass(frozen=True)
class Thresholds:
    """Percentage-point limits for the verdict words (configurable per report)."""

    level: Decimal = Decimal(5)
    clear: Decimal = Decimal(15)

    def __post_init__(self) -> None:
        if not Decimal(0) < self.level <= self.clear:
            raise ValueError("thresholds must satisfy 0 < level <= clear")


@dataclass(frozen=True)
class Verdict:
    """How the group stands against one reference."""

    reference: str
    difference: Decimal
    strength: Strength
    side: Side

    @property
    def words(self) -> str:
        if self.strength == "level":
            return "i nivå med"
        adverb = "något" if self.strength == "somewhat" else "klart"
        adjective = {
            "better": "bättre",
            "worse": "sämre",
            "higher": "högre",
            "lower": "lägre",
        }[self.side]
        return f"{adverb} {adjective} än"


@dataclass(frozen=True)
class IndicatorText:
    """An indicator's paragraph and the facts it was written from."""

    indicator: str
    text: str
    yes: tuple[str, ...] = ()
    partial: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    verdicts: tuple[Verdict, ...] = field(default=())


def join_sv(names: Sequence[str]) -> str:
    """Join names as Swedish does: "A", "A och B", "A, B och C"."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " och " + names[-1]


def number_in_text(value: Decimal, decimals: int = 1) -> str:
    """A figure for running text: decimal comma, no trailing ",0" (62,5 · 75 · 1 095)."""
    rounded = round_half_up(value, decimals)
    if rounded == rounded.to_integral_value():
        return format_sv(rounded, 0)
    return format_sv(rounded, decimals)


def judge(
    difference: Decimal, indicator: Indicator, reference: str, thresholds: Thresholds
) -> Verdict:
    """The verdict for a group-minus-reference difference in percentage points."""
    size = abs(difference)
    if size < thresholds.level:
        return Verdict(reference, difference, "level", "level")
    strength: Strength = "somewhat" if size < thresholds.clear else "clearly"
    if indicator.direction == "neutral":
        side: Side = "higher" if difference > 0 else "lower"
    else:
        good = difference > 0 if indicator.direction == "higher_better" else difference < 0
        side = "better" if good else "worse"
    return Verdict(reference, difference, strength, side)


NBSP = "\u00a0"
"""Between a number and its unit, so a line never breaks inside «64 %»."""

_ALL = {2: "Båda", 3: "Alla tre", 4: "Alla fyra", 5: "Alla fem", 6: "Alla sex", 7: "Alla sju"}
_ALL |= {8: "Alla åtta", 9: "Alla nio", 10: "Alla tio", 11: "Alla elva", 12: "Alla tolv"}
_PARTIAL_QUALIFIER = re.compile(r"vissa|men inte|inte för alla|delvis|några", re.IGNORECASE)
_PARTICIPLE = re.compile(r"^har (?!ett\b)\w{2,}(?:at|it|t)\b")


def _figure_text(indicator: Indicator, value: Decimal) -> str:
    if indicator.in_percent:
        return f"{number_in_text(value, indicator.decimals)}{NBSP}%"
    unit = f"{NBSP}{indicator.unit}" if indicator.unit else ""
    return f"{number_in_text(value, indicator.decimals)}{unit}"


def _statement(indicator: Indicator) -> str:
    if indicator.statement:
        return indicator.statement
    return f"svarar ja på «{indicator.label}»"


def proform(statement: str) -> str:
    """The verb that stands for the statement in a follow-up ("har det", "gör det").

    Swedish repeats «har» and «är» and replaces other verbs with «göra»: «… har
    en rutin. Solna har det delvis.», «… erbjuder rådgivning. Solna gör det
    delvis.», «… har upprättat planen. Solna har gjort det delvis.»
    """
    text = statement.strip()
    if _PARTICIPLE.match(text):
        return "har gjort det"
    if text.startswith("har "):
        return "har det"
    if text.startswith("är "):
        return "är det"
    return "gör det"


def definite(noun: str) -> str:
    """«nordvästkommuner» → «nordvästkommunerna», «kommuner i gruppen» → «kommunerna i gruppen»."""
    if "kommunerna" in noun or "kommuner" not in noun:
        return noun
    return noun.replace("kommuner", "kommunerna", 1)


def qualifier(answer: str) -> str | None:
    """What a «Ja, …» answer adds to a plain yes: «med vissa», «men inte för alla»."""
    text = " ".join(answer.split())
    if text.casefold().startswith("ja, ") and len(text) > 4:
        return text[4:]
    return None


def _how_far(qualified: str) -> str:
    """«med vissa» → «bara med vissa», «men inte för alla» → «inte för alla»."""
    if qualified.casefold().startswith("men "):
        return qualified[4:]
    if _PARTIAL_QUALIFIER.search(qualified):
        return f"bara {qualified}"
    return qualified


def _subject(names: Sequence[str], everyone: int) -> str:
    """The members a follow-up speaks of: by name, or «Alla tre» when it is all of them."""
    if len(names) == everyone and everyone > 1:
        return _ALL.get(everyone, "Alla")
    return join_sv(list(names))


def _who(
    res: IndicatorComparison, catalog: Catalog, members: Sequence[Unit], noun: str
) -> tuple[list[str], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    ind = res.indicator
    yes: list[str] = []
    no: list[str] = []
    partial: list[str] = []
    missing: list[str] = []
    given: dict[str, str] = {}
    for u in members:
        checked = res.values.get(u.code)
        vote = None if checked is None else counts_as_yes(catalog, ind, checked)
        if vote is None:
            missing.append(u.name)
            continue
        assert checked is not None
        given[u.name] = checked.text
        if vote:
            yes.append(u.name)
        else:
            no.append(u.name)
            if checked.text in ind.partial_answers:
                partial.append(u.name)
    answered = len(yes) + len(no)
    stmt = _statement(ind)
    verb = proform(stmt)
    sentences: list[str] = []
    if answered == 0:
        sentences.append(f"Ingen av {definite(noun)} har lämnat något svar.")
    elif not no:
        scope = f"Samtliga {noun}" + (" som har svarat" if missing else "")
        sentences.append(f"{scope} {stmt}.")
    elif not yes:
        sentences.append(f"Ingen av {definite(noun)} {stmt}.")
    elif len(yes) == 1:
        sentences.append(f"Endast {yes[0]} {stmt}.")
    elif len(no) <= 3 and len(yes) > answered / 2:
        scope = f"Samtliga {noun}" + (" som har svarat" if missing else "")
        sentences.append(f"{scope} utom {join_sv(no)} {stmt}.")
    else:
        sentences.append(f"{join_sv(yes)} {stmt}.")
    sentences += _qualified_yes(yes, given, verb)
    sentences += _partly(partial, given, verb, noun, answered == len(partial) and not missing)
    if missing and answered:
        sentences.append(f"Uppgift saknas för {join_sv(missing)}.")
    return sentences, tuple(yes), tuple(partial), tuple(missing)


def _by_answer(names: Sequence[str], given: dict[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(given[name], []).append(name)
    return groups


def _qualified_yes(yes: Sequence[str], given: dict[str, str], verb: str) -> list[str]:
    """Who has it only in part though it counts («Ja, med vissa»), and then who has it fully
    in so many words («Ja, med samtliga»): the nuance a plain yes would lose."""
    groups = _by_answer(yes, given)
    limited = {
        a: names
        for a, names in groups.items()
        if (q := qualifier(a)) is not None and _PARTIAL_QUALIFIER.search(q)
    }
    if not limited:
        return []
    out = [
        f"{_subject(names, len(yes))} {verb} {_how_far(qualifier(a) or a)}."
        for a, names in limited.items()
    ]
    out += [
        f"{join_sv(names)} {verb} {q}."
        for a, names in groups.items()
        if a not in limited and (q := qualifier(a)) is not None
    ]
    return out


def _partly(
    partial: Sequence[str], given: dict[str, str], verb: str, noun: str, everyone: bool
) -> list[str]:
    """Who has it partly but not enough to count: «Delvis», or «Ja, med vissa» where the
    indicator demands all."""
    out = []
    for answer, names in _by_answer(partial, given).items():
        q = qualifier(answer)
        how = _how_far(q) if q else "delvis"
        subject = f"Samtliga {noun}" if everyone and len(names) == len(partial) else join_sv(names)
        out.append(f"{subject} {verb} {how}.")
    return out


def _extremes(res: IndicatorComparison, members: Sequence[Unit]) -> list[str]:
    ind = res.indicator
    given = [
        (u.name, c.number)
        for u in members
        if (c := res.values.get(u.code)) and c.number is not None and not c.missing
    ]
    if len(given) < 2:
        return []
    hi = max(v for _, v in given)
    lo = min(v for _, v in given)
    if hi == lo:
        return [f"Alla kommuner med värde har {_figure_text(ind, hi)}."]
    highest = [n for n, v in given if v == hi]
    lowest = [n for n, v in given if v == lo]
    return [
        f"Högst värde har {join_sv(highest)} ({_figure_text(ind, hi)}) och lägst "
        f"{join_sv(lowest)} ({_figure_text(ind, lo)})."
    ]


def _comparison_sentence(
    res: IndicatorComparison, references: Sequence[Unit], thresholds: Thresholds
) -> tuple[str | None, tuple[Verdict, ...]]:
    ind = res.indicator
    snitt = res.snitt.value
    if snitt is None:
        return None, ()
    in_pp = ind.in_percent
    groups: dict[str, list[str]] = {}
    verdicts: list[Verdict] = []
    for ref in references:
        value = res.references.get(ref.code)
        if value is None:
            continue
        diff = snitt - value
        if in_pp:
            v = judge(diff, ind, ref.in_text, thresholds)
            words = v.words
            verdicts.append(v)
        else:
            words = "samma som" if diff == 0 else ("högre än" if diff > 0 else "lägre än")
        groups.setdefault(words, []).append(f"{ref.in_text} ({_figure_text(ind, value)})")
    opening = (
        f"Snittet på {number_in_text(snitt, ind.decimals)}{NBSP}procent"
        if in_pp
        else f"Snittet på {_figure_text(ind, snitt)}"
    )
    if not groups:
        return f"{opening}.", ()
    clauses = [f"{words} snittet i {join_sv(names)}" for words, names in groups.items()]
    return f"{opening} är {join_sv(clauses)}.", tuple(verdicts)


def indicator_text(
    cmp: GroupComparison, res: IndicatorComparison, thresholds: Thresholds | None = None
) -> IndicatorText:
    """The paragraph for one indicator of a group comparison."""
    thresholds = thresholds or Thresholds()
    ind = res.indicator
    if ind.is_share:
        sentences, yes, partial, missing = _who(
            res, cmp.catalog, cmp.members, cmp.group.members_noun
        )
    else:
        sentences = _extremes(res, cmp.members)
        yes, partial = (), ()
        missing = tuple(
            u.name for u in cmp.members if u.code not in res.values or res.values[u.code].missing
        )
        if missing and sentences:
            sentences.append(f"Uppgift saknas för {join_sv(missing)}.")
    comparison, verdicts = _comparison_sentence(res, cmp.references, thresholds)
    if comparison:
        sentences.append(comparison)
    return IndicatorText(
        indicator=ind.id,
        text=" ".join(sentences),
        yes=yes,
        partial=partial,
        missing=missing,
        verdicts=verdicts,
    )
