"""What every generated catalog shares, whether made from a workbook or from Kolada."""

from __future__ import annotations

from collections.abc import Sequence

from jamfor.catalog.areas import area
from jamfor.catalog.model import Catalog, ReportSettings, Table

MISSING_ANSWERS = ("Vet ej", "Ingen uppgift", "Uppgift saknas", "Ej aktuellt", "..", "x", "-", "–")
"""Answers and marks that mean no answer in Socialstyrelsen's files and Kolada's."""


def generated_catalog(
    area_id: str,
    year: int,
    tables: Sequence[Table],
    reading_guide: Sequence[str],
    generated_from: str,
) -> Catalog:
    """A catalog made by jamfor: the area's name and title, a written comparison under each
    table and «Resultatet i korthet», as the 2018 report has them."""
    a = area(area_id)
    return Catalog(
        area=a.id,
        area_name=a.name,
        year=year,
        title=f"Öppna jämförelser {a.name.lower()} {year}",
        yes_answers=("Ja",),
        missing_answers=MISSING_ANSWERS,
        reading_guide=tuple(reading_guide),
        tables=tuple(tables),
        report=ReportSettings(narrative=True, summary=True),
        generated_from=generated_from,
    )
