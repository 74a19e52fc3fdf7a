"""«Kommunsortering»: the members' sorting keys and the municipality types they refer to.

A number such as «SKL:s kommuntyp 2» means nothing without the list of types, so the
section prints the classification in force for the year (SKL's 2011 types for 2015,
SKR's 2017 groups later) beside the table.
"""

from __future__ import annotations

from jamfor.core.comparison import GroupComparison
from jamfor.registry.loader import municipality_types_for
from jamfor.registry.model import Registry
from jamfor.report.model import Block, Cell, ReportTable, Row, Section

SOCIOECONOMIC_KEY = (
    "Socialstyrelsens socioekonomiska nyckel mäter avståndet till den kommun som har högst "
    "socioekonomisk status och baseras på invånarnas arbetsmarknadsanknytning och inkomst. Den "
    "kan tolkas som en indikation på behovet av ekonomiskt bistånd jämfört med andra kommuner."
)


def _table_title(cmp: GroupComparison) -> str:
    return (
        f"{cmp.group.name}s sortering" if cmp.group.name.endswith("na") else "Kommunernas sortering"
    )


def _anchor_and_number(cmp: GroupComparison) -> tuple[str, str]:
    """«Tabell 1» when the catalog's tables start at 2 (as the 2015 report); otherwise the
    sorting stands unnumbered beside the catalog's own Tabell 1."""
    if any(t.id == "1" for t in cmp.catalog.tables):
        return "tabell-sortering", ""
    return "tabell-1", "1"


def _keys_table(cmp: GroupComparison, registry: Registry) -> ReportTable | None:
    """The 2015 report's Tabell 1: size, SKL type and socioeconomic key per member."""
    sorting = {s.code: s for s in registry.sorting.get(cmp.year, ())}
    if not any(u.code in sorting for u in cmp.members):
        return None
    rows = []
    for u in cmp.members:
        s = sorting.get(u.code)
        cells = (
            (u.code, str(s.size_class), str(s.skl_type), str(s.socioeconomic_key))
            if s
            else (u.code, "–", "–", "–")
        )
        rows.append(Row(u.name, tuple(Cell(c) for c in cells)))
    return ReportTable(
        anchor=_anchor_and_number(cmp)[0],
        number=_anchor_and_number(cmp)[1],
        title=_table_title(cmp),
        captions=(),
        columns=(
            "Kommunkod",
            "Kommunstorlek¹",
            "SKL:s kommuntyp²",
            "Socioekonomisk sorteringsnyckel³",
        ),
        rows=tuple(rows),
        footnotes=(
            "1. Storlek på en skala från 1 till 5, där 5 motsvarar den största kommunstorleken.",
            "2. Av tio stycken (1–10), se listan ovan.",
            "3. På en skala från 1 till 8, där 1 = låg risk och 8 = hög risk.",
        ),
        source=f"Källa: Socialstyrelsen, Öppna jämförelser {cmp.year}; SKL:s kommungruppsindelning.",
    )


def _groups_table(cmp: GroupComparison) -> ReportTable | None:
    """Each member's SKR kommungrupp, for the years after SKL's 2011 types."""
    if not any(u.kommungrupp for u in cmp.members):
        return None
    return ReportTable(
        anchor=_anchor_and_number(cmp)[0],
        number=_anchor_and_number(cmp)[1],
        title=_table_title(cmp),
        captions=(),
        columns=("Kommunkod", "SKR:s kommungrupp"),
        rows=tuple(
            Row(
                u.name,
                (
                    Cell(u.code),
                    Cell(f"{u.kommungrupp} {u.kommungrupp_name}" if u.kommungrupp else "–"),
                ),
            )
            for u in cmp.members
        ),
        source="Källa: SKR:s kommungruppsindelning, via Koladas kommunregister.",
    )


def sorting_section(cmp: GroupComparison, registry: Registry) -> Section | None:
    """The section, or None when the registry knows no sorting for the members."""
    types = municipality_types_for(cmp.year)
    table = _keys_table(cmp, registry)
    if table is None and types is not None and types.id != "skl-2011":
        table = _groups_table(cmp)
    if table is None:
        return None
    blocks: list[Block] = []
    if types is not None:
        blocks.append(Block(text=f"{types.title} är som följer:"))
        numbered = [code for code, _ in types.types] == [
            str(n) for n in range(1, len(types.types) + 1)
        ]
        blocks.append(
            Block(items=tuple(name for _, name in types.types), ordered=True)
            if numbered
            else Block(items=tuple(f"{code} {name}" for code, name in types.types))
        )
    return Section(
        anchor="kommunsortering",
        title="Kommunsortering",
        level=2,
        paragraphs=(SOCIOECONOMIC_KEY,) if len(table.columns) > 2 else (),
        blocks=tuple(blocks),
        tables=(table,),
    )
