"""What the table importers share: naming units and indicators, checking cells."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.dataset import Role
from jamfor.core.identity_numbers import contains_identity_number
from jamfor.core.problems import Problem
from jamfor.registry.model import Registry, Unit


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
            f"Okänd enhet «{raw}»: varken en kommun (namn eller kommunkod), "
            f"Riket eller ett län.{extra}"
        )
    named_as_reference = (
        unit.reference_name is not None and raw.strip().casefold() == unit.reference_name.casefold()
    )
    role: Role = "reference" if unit.kind in ("riket", "lan") or named_as_reference else "answer"
    return UnitCell(unit, role)


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def find_indicator(catalog: Catalog, raw: str) -> Indicator | None:
    """An indicator by id, printed label or alias (case, spacing and line breaks ignored)."""
    key = _fold(raw)
    for ind in catalog.indicators:
        if key == ind.id.casefold() or key in (_fold(n) for n in (ind.label, *ind.aliases)):
            return ind
    return None


def unknown_indicator(catalog: Catalog, raw: str) -> str:
    labels = [i.label for i in catalog.indicators]
    hits = difflib.get_close_matches(raw, labels, n=1, cutoff=0.7)
    extra = f" Menade du «{hits[0]}»?" if hits else ""
    return (
        f"Okänd indikator «{raw}» för {catalog.area_name.lower()} {catalog.year}: "
        f"ange indikatorns id eller rubrik som i katalogen.{extra}"
    )


def identity_number_problems(
    file: str, rows: tuple[tuple[int, dict[str, str]], ...]
) -> list[Problem]:
    """Cells that hold a personal identity number: never allowed in result files."""
    return [
        Problem(
            "identity-number",
            "Cellen ser ut att innehålla ett personnummer. Resultatfiler får inte innehålla "
            "personuppgifter; ta bort uppgiften och försök igen.",
            file=file,
            row=row,
            field=col,
        )
        for row, cells in rows
        for col, value in cells.items()
        if contains_identity_number(value)
    ]
