"""What the table importers share: naming units and indicators, checking cells."""

from __future__ import annotations

import difflib
from collections import OrderedDict
from dataclasses import dataclass

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.dataset import Role
from jamfor.core.problems import Problem, shown_value
from jamfor.registry.model import Registry, Unit
from jamfor.sources.reading import RawTable


@dataclass(frozen=True)
class UnitCell:
    unit: Unit
    role: Role


def is_published_group_label(raw: str) -> bool:
    """A row carrying a published group mean ("Snitt i Nordväst", "Snitt")."""
    return raw.strip().casefold().startswith("snitt")


def resolve_unit(registry: Registry, raw: str) -> UnitCell | str:
    """The unit a cell names, with its role, or a Swedish message saying what is wrong.

    Riket and counties always stand as references (their cells are shares of
    municipalities). A municipality named by its reference name ("Stockholms
    stad") is a reference row too; named as itself ("Stockholm", "0180") it
    gives its own answers, as do a city's districts ("Stockholm Bromma").
    """
    unit = registry.find(raw)
    if unit is None:
        hint = registry.suggest(raw)
        extra = f" Menade du «{hint}»?" if hint else ""
        return (
            f"Okänd enhet «{shown_value(raw)}»: varken en kommun (namn eller kommunkod), "
            f"Riket eller ett län.{extra}"
        )
    named_as_reference = (
        unit.reference_name is not None and raw.strip().casefold() == unit.reference_name.casefold()
    )
    role: Role = "reference" if unit.kind in ("riket", "lan") or named_as_reference else "answer"
    return UnitCell(unit, role)


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


_INDEXES: OrderedDict[int, tuple[Catalog, dict[str, Indicator]]] = OrderedDict()


def _index(catalog: Catalog) -> dict[str, Indicator]:
    """The catalog's indicators by folded id, label and alias (a few catalogs are kept)."""
    hit = _INDEXES.get(id(catalog))
    if hit is not None and hit[0] is catalog:
        _INDEXES.move_to_end(id(catalog))
        return hit[1]
    index: dict[str, Indicator] = {}
    for ind in reversed(catalog.indicators):
        # a Kolada KPI id names the indicator that reads it ("N31814" → langvarigt-bistand),
        # below any label or id
        if ind.source.kolada_kpi:
            index[ind.source.kolada_kpi.casefold()] = ind
    for ind in reversed(catalog.indicators):  # the first indicator wins, as in the catalog
        for name in (ind.label, *ind.aliases):
            index[_fold(name)] = ind
    for ind in reversed(catalog.indicators):
        index[ind.id.casefold()] = ind  # an id beats a label that happens to equal it
    _INDEXES[id(catalog)] = (catalog, index)
    while len(_INDEXES) > 16:
        _INDEXES.popitem(last=False)
    return index


def find_indicator(catalog: Catalog, raw: str) -> Indicator | None:
    """An indicator by id, printed label, alias or Kolada KPI id (case, spacing and line
    breaks ignored)."""
    return _index(catalog).get(_fold(raw))


def unknown_indicator(catalog: Catalog, raw: str) -> str:
    labels = [i.label for i in catalog.indicators]
    hits = difflib.get_close_matches(raw, labels, n=1, cutoff=0.7)
    extra = f" Menade du «{hits[0]}»?" if hits else ""
    return (
        f"Okänd indikator «{shown_value(raw)}» för {catalog.area_name.lower()} {catalog.year}: "
        f"ange indikatorns id eller rubrik som i katalogen.{extra}"
    )


def repeated_column_problems(raw: RawTable) -> list[Problem]:
    """A heading written twice: which of the two columns counts would be a guess."""
    return [
        Problem(
            "duplicate-column",
            f"Kolumnen «{name}» finns två gånger. Ta bort eller byt namn på den ena.",
            raw.file,
            1,
            name,
        )
        for name in dict.fromkeys(raw.repeated)
    ]
