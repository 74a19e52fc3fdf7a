"""``jamfor katalog``: the OJ areas, and catalogs generated from a workbook or Kolada."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from jamfor.cli.app import app, err, fail
from jamfor.core.problems import JamforError

catalog_app = typer.Typer(
    help="Områden och kataloger: vilka indikatorer ett år och område har och hur de räknas.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(catalog_app, name="katalog")


@catalog_app.command("omraden")
def list_areas(
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False,
) -> None:
    """Lista områdena (--area) med deras nyckeltal i Kolada och handskrivna kataloger."""
    from jamfor.catalog.areas import area_survey_kpis, areas
    from jamfor.catalog.loader import available

    rows: list[dict[str, Any]] = []
    for a in areas():
        rows.append(
            {
                "id": a.id,
                "namn": a.name,
                "enkatnyckeltal": len(area_survey_kpis(a.id)),
                "registermatt": len(a.register_measures),
                "handskrivna_ar": [y for ar, y in available() if ar == a.id],
                "kolada_verksamhetsomraden": list(a.kolada_operating_areas),
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        years = ", ".join(map(str, r["handskrivna_ar"])) or "–"
        typer.echo(
            f"{r['id']:<15} {r['namn']}: {r['enkatnyckeltal']} enkätnyckeltal och "
            f"{r['registermatt']} registermått i Kolada; handskrivna kataloger: {years}"
        )


@catalog_app.command("skapa")
def create(
    year: Annotated[int, typer.Option("--year", "-y", help="Året katalogen gäller.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="YAML-fil att skriva.")],
    source: Annotated[
        Path | None,
        typer.Option("--from", help="Socialstyrelsens arbetsbok (.xlsx) för området och året."),
    ] = None,
    kolada: Annotated[
        bool, typer.Option("--kolada", help="Generera ur Koladas nyckeltal i stället.")
    ] = False,
    area: Annotated[str, typer.Option("--area", "-a", help="Området, t.ex. ekb.")] = "ekb",
    offline: Annotated[
        bool,
        typer.Option("--offline", help="Med --kolada: fråga inte Kolada, använd sparade svar."),
    ] = False,
) -> None:
    """Generera en katalog ur en arbetsbok eller ur Kolada, att granska och använda med --catalog."""
    if (source is None) == (not kolada):
        raise typer.BadParameter("ange antingen --from ARBETSBOK eller --kolada.")
    from jamfor.catalog.areas import area_survey_kpis
    from jamfor.catalog.loader import catalog_yaml
    from jamfor.registry.loader import load_registry
    from jamfor.settings import KOLADA_URL, cache_dir
    from jamfor.sources.kolada import DiskCache, KoladaClient
    from jamfor.sources.kolada_catalog import kolada_catalog, kpi_metadata
    from jamfor.sources.workbook_catalog import catalog_from_workbook

    try:
        if source is not None:
            catalog = catalog_from_workbook(source, area, year, load_registry())
        else:
            with KoladaClient(
                KOLADA_URL.value(), cache=DiskCache(cache_dir() / "kolada"), offline=offline
            ) as client:
                ids = [k.id for k in area_survey_kpis(area)]
                catalog = kolada_catalog(area, year, kpi_metadata(ids, client))
    except JamforError as exc:
        raise fail(exc) from None
    text = catalog_yaml(catalog)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(JamforError(f"Kunde inte skriva {output}: {exc.strerror or exc}.")) from None
    inds = catalog.indicators
    review = [i for i in inds if i.review]
    typer.echo(
        f"Katalogen för {catalog.area_name.lower()} {year}: {len(catalog.tables)} tabeller och "
        f"{len(inds)} indikatorer, skriven till {output.resolve()}"
    )
    for ind in review:
        err.print(
            f"Granska: «{ind.label}»: {ind.yes_rule.note if ind.yes_rule else ''}", markup=False
        )
