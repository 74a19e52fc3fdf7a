"""«Resultatet i korthet»: what the results say as a whole, written from the same numbers.

Not a count alone: where the group stands against the nation (and each other
reference), in which themes it is strongest and weakest, the largest gaps either
way — every indicator named when several tie — and the candidate development
areas the results point to (:mod:`jamfor.core.candidates`), as FoU-Nordväst's
summaries do. Only indicators with a direction and a figure in percent take
part: a neutral background measure is neither better nor worse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jamfor.core.candidates import DEFAULT_THRESHOLD, find_candidates
from jamfor.core.comparison import GroupComparison
from jamfor.core.narrative import NBSP, IndicatorText, Verdict, definite, join_sv, number_in_text


@dataclass(frozen=True)
class ReferenceTally:
    reference: str
    better: int
    level: int
    worse: int
    best: tuple[tuple[str, Decimal], ...]
    worst: tuple[tuple[str, Decimal], ...]


@dataclass(frozen=True)
class ThemeStanding:
    """The group against the main reference within one theme."""

    theme: str
    better: int
    level: int
    worse: int
    mean: Decimal
    """Mean signed difference in percentage points (positive: better)."""


@dataclass(frozen=True)
class Summary:
    text: str
    tallies: tuple[ReferenceTally, ...]
    themes: tuple[ThemeStanding, ...] = ()
    candidates: tuple[str, ...] = ()


def _pp(value: Decimal) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{number_in_text(abs(value))}{NBSP}procentenheter"


def _extremes(
    signed: Sequence[tuple[str, Decimal]], largest: bool
) -> tuple[tuple[str, Decimal], ...]:
    """The largest gap one way, with every indicator that ties it (never one of two)."""
    pool = [(label, d) for label, d in signed if (d > 0 if largest else d < 0)]
    if not pool:
        return ()
    edge = max(d for _, d in pool) if largest else min(d for _, d in pool)
    return tuple((label, d) for label, d in pool if d == edge)


def _count_text(better: int, level: int, worse: int) -> str:
    n = better + level + worse
    return (
        f"bättre till i {better} av {n} "
        + ("indikator" if n == 1 else "indikatorer")
        + f", i nivå i {level} och sämre till i {worse}"
    )


def _standing_key(t: ThemeStanding) -> tuple[Decimal, Decimal]:
    """How well the group stands in a theme: the share of its indicators where it is better
    minus the share where it is worse, then the mean difference."""
    n = t.better + t.level + t.worse
    return (Decimal(t.better - t.worse) / n, t.mean)


def _theme_text(standings: Sequence[ThemeStanding], reference: str) -> str | None:
    """Where the group is strongest and weakest against ``reference``; ties are all named."""
    ranked = [t for t in standings if t.better + t.worse > 0]
    if len(ranked) < 2:
        return None
    top = max(_standing_key(t) for t in ranked)
    bottom = min(_standing_key(t) for t in ranked)
    strong = [t for t in ranked if _standing_key(t) == top and t.better > 0]
    weak = [t for t in ranked if _standing_key(t) == bottom and t.worse > 0 and t not in strong]
    parts = []
    if strong:
        better = sum(t.better for t in strong)
        worse = sum(t.worse for t in strong)
        total = sum(t.better + t.level + t.worse for t in strong)
        parts.append(
            f"Starkast står gruppen inom {join_sv([f'«{t.theme}»' for t in strong])}, där den "
            f"ligger bättre till än {reference} i {better} av {total} indikatorer"
            + (f" och sämre till i {worse}" if worse else " och aldrig sämre till")
        )
    if weak:
        worse = sum(t.worse for t in weak)
        better = sum(t.better for t in weak)
        total = sum(t.better + t.level + t.worse for t in weak)
        lead = "svagast" if strong else "Svagast står gruppen"
        parts.append(
            f"{lead} inom {join_sv([f'«{t.theme}»' for t in weak])}, där den ligger sämre "
            f"till i {worse} av {total}" + (f" och bättre till i {better}" if better else "")
        )
    if not parts:
        return None
    return "; ".join(parts) + "."


def summarise(
    cmp: GroupComparison,
    texts: Sequence[IndicatorText],
    threshold: Decimal = DEFAULT_THRESHOLD,
) -> Summary:
    """The report's summary for a group comparison and its indicator texts."""
    by_id = {r.indicator.id: r for r in cmp.indicators()}
    theme_of = {i.id: t.theme for t in cmp.catalog.tables for i in t.indicators}
    group = definite(cmp.group.members_noun)
    directed = {i for i, r in by_id.items() if r.indicator.direction != "neutral"}
    tallies: list[ReferenceTally] = []
    paragraphs: list[str] = []
    themes: tuple[ThemeStanding, ...] = ()
    # the nation first: the analysis is against Riket, the other references are counted
    ordered = sorted(cmp.references, key=lambda u: u.kind != "riket")
    for index, ref in enumerate(ordered):
        verdicts: list[tuple[str, Verdict]] = [
            (t.indicator, v)
            for t in texts
            if t.indicator in directed
            for v in t.verdicts
            if v.reference == ref.in_text
        ]
        if not verdicts:
            continue

        def signed(ind_id: str, v: Verdict) -> Decimal:
            higher = by_id[ind_id].indicator.direction == "higher_better"
            return v.difference if higher else -v.difference

        better = sum(1 for _, v in verdicts if v.side == "better")
        worse = sum(1 for _, v in verdicts if v.side == "worse")
        level = len(verdicts) - better - worse
        gaps = [
            (by_id[i].indicator.label, signed(i, v)) for i, v in verdicts if v.strength != "level"
        ]
        best, worst = _extremes(gaps, True), _extremes(gaps, False)
        tallies.append(ReferenceTally(ref.in_text, better, level, worse, best, worst))
        if index > 0 and paragraphs:
            paragraphs.append(
                f"Jämfört med {ref.in_text} ligger {group} {_count_text(better, level, worse)}."
            )
            continue
        text = f"Jämfört med {ref.in_text} ligger {group} {_count_text(better, level, worse)}."
        standings: dict[str, list[tuple[str, Verdict]]] = {}
        for i, v in verdicts:
            standings.setdefault(theme_of[i], []).append((i, v))
        themes = tuple(
            ThemeStanding(
                theme=theme,
                better=sum(1 for _, v in items if v.side == "better"),
                level=sum(1 for _, v in items if v.side == "level"),
                worse=sum(1 for _, v in items if v.side == "worse"),
                mean=sum((signed(i, v) for i, v in items), Decimal(0)) / len(items),
            )
            for theme, items in standings.items()
        )
        theme_text = _theme_text(themes, ref.in_text)
        if theme_text:
            text += " " + theme_text
        if best:
            text += (
                " Störst försprång har gruppen i "
                + join_sv([f"«{label}» ({_pp(d)})" for label, d in best])
                + "."
            )
        if worst:
            text += (
                " Störst eftersläpning har gruppen i "
                + join_sv([f"«{label}» ({_pp(d)})" for label, d in worst])
                + "."
            )
        paragraphs.append(text)
    found = find_candidates(cmp, threshold)
    names = tuple(c.indicator.label for c in found)
    if found:
        shown = [f"«{n}»" for n in names[:5]]
        rule = (
            f"där gruppen ligger minst {number_in_text(threshold, 0)}{NBSP}procentenheter sämre "
            "till än riket eller länet, eller där högst hälften av kommunerna har det "
            "indikatorn mäter"
        )
        if len(names) == 1:
            paragraphs.append(
                f"Resultaten pekar ut ett möjligt utvecklingsområde ({rule}): {shown[0]}."
            )
        else:
            clearest = "tydligast är" if len(names) > len(shown) else "de är"
            paragraphs.append(
                f"Resultaten pekar ut {len(names)} möjliga utvecklingsområden ({rule}); "
                f"{clearest} {join_sv(shown)}."
            )
    if not paragraphs:
        paragraphs.append("Det finns inga jämförelseenheter att jämföra gruppen med.")
    return Summary(
        text="\n\n".join(paragraphs), tallies=tuple(tallies), themes=themes, candidates=names
    )
