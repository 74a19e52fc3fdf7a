"""Which catalog a year's data is read with: the one loader every face calls.

In order:

1. a catalog the user gives (``--catalog FIL``, an edited ``katalog skapa``);
2. the hand-written catalog bundled for the area and year (2015, 2018 …);
3. one generated from a published OJ workbook among the data files
   (:mod:`jamfor.sources.workbook_catalog`), with the register measures of any
   Kolada file beside it;
4. one generated from Kolada's KPI metadata when the data are Kolada values
   (:mod:`jamfor.sources.kolada_catalog`).

The result says when the catalog was generated, so the faces can tell the user
to review it; nothing downstream depends on where a catalog came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jamfor.catalog.areas import area as find_area
from jamfor.catalog.loader import available, has_catalog, load_catalog, load_catalog_file
from jamfor.catalog.model import Catalog, Table
from jamfor.core.problems import InputError, UnknownNameError
from jamfor.registry.model import Registry
from jamfor.sources.long_form import is_long
from jamfor.sources.reading import RawTable, is_workbook, read_table
from jamfor.sources.survey_answers import is_survey_answers

if TYPE_CHECKING:
    from jamfor.sources.kolada import KoladaClient

# Generating a catalog (from a workbook, or Kolada's metadata over HTTP) is imported only
# when no bundled catalog fits: reading 2015 or 2018 data needs neither.

KPI_ID = re.compile(r"^[A-Z]\d{5}$")
REVIEW_HINT = "granska den med jamfor katalog skapa"


@dataclass(frozen=True)
class CatalogChoice:
    catalog: Catalog
    message: str | None = None
    """Said to the user when the catalog was generated or adapted."""


def _kpis_in(raw: RawTable) -> set[str]:
    """The Kolada KPI ids a long file names (in ``indikator`` or ``kolada_kpi``)."""
    cols = {c.casefold(): c for c in raw.columns}
    names = [cols[k] for k in ("indikator", "kolada_kpi") if k in cols]
    found = set()
    for _, cells in raw.rows:
        for name in names:
            value = cells.get(name, "").strip().upper()
            if KPI_ID.match(value):
                found.add(value)
    return found


def _with_register(base: Catalog, extra: Catalog) -> Catalog:
    """``base`` (a workbook's) with the register measures of ``extra`` (Kolada's) it lacks,
    in tables numbered on. The workbook holds the year's survey; Kolada adds the registers."""
    have = {i.id for i in base.indicators} | {
        i.source.kolada_kpi for i in base.indicators if i.source.kolada_kpi
    }
    tables = list(base.tables)
    for table in extra.tables:
        inds = tuple(
            i for i in table.indicators if i.id not in have and i.source.type == "register"
        )
        if inds:
            tables.append(
                Table(
                    id=str(len(tables) + 1),
                    title=table.title,
                    theme=table.theme,
                    part=table.part,
                    notes=table.notes,
                    indicators=inds,
                )
            )
    guide = (*base.reading_guide, *extra.reading_guide[:1])
    return base.model_copy(update={"tables": tuple(tables), "reading_guide": guide})


def no_catalog_message(area: str, year: int) -> str:
    years = ", ".join(str(y) for a, y in available() if a == area) or "inga"
    return (
        f"Det finns ingen katalog för område «{area}» år {year} (handskrivna finns för: "
        f"{years}). Ange Socialstyrelsens arbetsbok för året eller data från «jamfor hamta "
        f"kolada --area {area}» med --data, så genereras katalogen, eller en egen katalog "
        "med --catalog FIL."
    )


def choose_catalog(
    area: str,
    year: int,
    files: Sequence[Path],
    registry: Registry,
    *,
    catalog_file: Path | None = None,
    kolada: KoladaClient | None = None,
) -> CatalogChoice:
    """The catalog for ``area`` and ``year`` given the data ``files`` (see the module)."""
    find_area(area)
    if catalog_file is not None:
        catalog = load_catalog_file(catalog_file)
        if catalog.area != area:
            raise UnknownNameError(
                f"Katalogen {catalog_file.name} gäller område «{catalog.area}», inte «{area}»."
            )
        if catalog.year != year:
            return CatalogChoice(
                catalog.model_copy(update={"year": year}),
                f"Katalogen {catalog_file.name} är skriven för {catalog.year} och används för "
                f"{year}.",
            )
        return CatalogChoice(catalog)
    if has_catalog(year, area):
        return CatalogChoice(load_catalog(year, area))
    workbooks: list[Path] = []
    kpis: set[str] = set()
    for path in files:
        try:
            raw = read_table(path, display=str(path))
        except InputError:
            continue  # the loader reports the file's problems with the others'
        if is_workbook(path) and not (is_long(raw) or is_survey_answers(raw)):
            workbooks.append(path)
        elif is_long(raw):
            kpis |= _kpis_in(raw)
    from jamfor.sources.kolada_catalog import kolada_catalog, kpi_metadata
    from jamfor.sources.workbook_catalog import catalog_from_workbook

    if workbooks:
        catalog = catalog_from_workbook(workbooks[0], area, year, registry)
        if kpis:
            catalog = _with_register(
                catalog, kolada_catalog(area, year, kpi_metadata(kpis, kolada), only=kpis)
            )
        return CatalogChoice(
            catalog,
            f"Det finns ingen handskriven katalog för {area} {year}: katalogen är genererad ur "
            f"filen {workbooks[0].name} – {REVIEW_HINT} --from {workbooks[0].name}.",
        )
    if kpis:
        catalog = kolada_catalog(area, year, kpi_metadata(kpis, kolada), only=kpis)
        if catalog.indicators:
            return CatalogChoice(
                catalog,
                f"Det finns ingen handskriven katalog för {area} {year}: katalogen är genererad "
                f"ur Koladas nyckeltal – {REVIEW_HINT} --kolada --area {area}.",
            )
    raise UnknownNameError(no_catalog_message(area, year))
