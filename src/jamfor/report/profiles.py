"""«Kommunprofil»: one member's results against its group, a section per municipality.

Each member reads its own answers beside the group's Snitt and the references,
sees where it answers differently from most of the group, and finds its
register measures with their quartile colours — the same cells as in the result
tables, gathered for one municipality.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from jamfor.core.comparison import GroupComparison, IndicatorComparison
from jamfor.core.narrative import join_sv
from jamfor.core.numbers import format_sv
from jamfor.core.values import counts_as_yes
from jamfor.registry.model import Unit
from jamfor.report.credit import credited
from jamfor.report.model import Cell, ReportTable, Row, Section

_ABSENT = Cell("–", missing=True, title="Uppgift saknas")


def _slug(text: str) -> str:
    table = str.maketrans("åäöéÅÄÖÉ", "aaoeaaoe")
    return "".join(c if c.isalnum() else "-" for c in text.lower().translate(table)).strip("-")


def _figure(r: IndicatorComparison, value: Decimal | None) -> Cell:
    if value is None:
        return _ABSENT
    unit = "%" if r.indicator.in_percent else None
    return Cell(format_sv(value, r.indicator.decimals, unit))


def _own(r: IndicatorComparison, unit: Unit) -> Cell:
    checked = r.values.get(unit.code)
    if checked is None:
        return _ABSENT
    if checked.missing:
        return Cell(checked.text, missing=True)
    if checked.number is not None and not r.indicator.is_share:
        unit_text = "%" if r.indicator.in_percent else None
        return Cell(
            format_sv(checked.number, r.indicator.decimals, unit_text),
            colour=r.colours.get(unit.code),
        )
    return Cell(checked.text)


def _differs(cmp: GroupComparison, r: IndicatorComparison, unit: Unit) -> bool:
    """The member's yes/no differs from what most of the group answered."""
    if not r.indicator.is_share or unit.code not in r.values:
        return False
    votes = {
        code: counts_as_yes(cmp.catalog, r.indicator, c)
        for code, c in r.values.items()
        if not c.missing
    }
    own = votes.get(unit.code)
    if own is None:
        return False
    tally = Counter(v for v in votes.values() if v is not None)
    return tally[own] * 2 < sum(tally.values())


def profile_sections(cmp: GroupComparison, first_number: int) -> tuple[Section, ...]:
    """A «Kommunprofil: <kommun>» section per member; tables numbered on from
    ``first_number``."""
    return tuple(
        member_profile(cmp, unit, str(first_number + n)) for n, unit in enumerate(cmp.members)
    )


def member_profile(cmp: GroupComparison, unit: Unit, number: str) -> Section:
    """One member's «Kommunprofil»: its answers and values beside the group's Snitt and Riket,
    where it answers differently from most of the group, its register measures' colours."""
    riket = next((u for u in cmp.references if u.kind == "riket"), None)
    results = list(cmp.indicators())
    columns = [unit.name, cmp.group.snitt_label] + ([riket.display_reference] if riket else [])
    rows = []
    for r in results:
        cells = [_own(r, unit), _figure(r, r.snitt.value)]
        if riket is not None:
            cells.append(_figure(r, r.references.get(riket.code)))
        rows.append(Row(r.indicator.label, tuple(cells)))
    different = [r.indicator.label for r in results if _differs(cmp, r, unit)]
    coloured = [r for r in results if unit.code in r.colours]
    paragraphs = []
    if different:
        paragraphs.append(
            f"{unit.name} svarar annorlunda än de flesta i gruppen om "
            + join_sv([f"«{label}»" for label in different])
            + "."
        )
    else:
        paragraphs.append(f"{unit.name} svarar som de flesta i gruppen på alla enkätfrågor.")
    if coloured:
        counts = Counter(r.colours[unit.code] for r in coloured)
        words = {"green": "bästa", "yellow": "mellersta", "red": "sämsta"}
        parts = [
            f"{counts[c]} i den {words[c]} {'hälften' if c == 'yellow' else 'fjärdedelen'}"
            for c in ("green", "yellow", "red")
            if counts[c]
        ]
        paragraphs.append(
            f"Av registermåtten med färg ligger {unit.name} med {join_sv(parts)} av landets "
            "kommuner."
        )
    return Section(
        anchor=f"kommunprofil-{_slug(unit.name)}",
        title=f"Kommunprofil: {unit.name}",
        level=3,
        paragraphs=tuple(paragraphs),
        tables=(
            ReportTable(
                anchor=f"tabell-profil-{_slug(unit.name)}",
                number=number,
                title=f"{unit.name} jämfört med gruppen",
                captions=(),
                columns=tuple(columns),
                rows=tuple(rows),
                breakable=True,
                source=f"Källa: {credited(cmp, 'Socialstyrelsen')}; samma värden "
                "som i resultattabellerna.",
            ),
        ),
    )
