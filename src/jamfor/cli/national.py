"""``jamfor hamta kolada``, ``jamfor demo-data`` and ``jamfor trend``: national data over time."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jamfor.cli.app import app, err, fail
from jamfor.core.numbers import format_sv, to_json_number
from jamfor.core.problems import JamforError
from jamfor.csv_output import csv_writer

if TYPE_CHECKING:
    from jamfor.sources.kolada import KoladaValue

# Each command imports what it needs when it runs, so ``jamfor --help`` starts at once.

fetch_app = typer.Typer(
    help="Hämta data från öppna källor (Kolada).", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(fetch_app, name="hamta")
app.add_typer(fetch_app, name="fetch", help="Samma som «hamta».", hidden=True)

YEARS = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$")


def parse_years(text: str) -> list[int]:
    """ "2015-2024" or "2018" as a list of years."""
    m = YEARS.match(text)
    if not m:
        raise JamforError(f"«{text}» är inget årsintervall; skriv t.ex. 2015-2024 eller 2018.")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if last < first:
        raise JamforError(f"Årsintervallet {text} slutar före det börjar.")
    return list(range(first, last + 1))


@fetch_app.command("kolada")
def fetch_kolada(
    year: Annotated[str, typer.Option("--year", "-y", help="År eller intervall, t.ex. 2015-2024.")],
    area: Annotated[
        str,
        typer.Option("--area", "-a", help="Området (se jamfor katalog omraden), t.ex. ekb."),
    ] = "ekb",
    kommun: Annotated[
        list[str] | None, typer.Option("--kommun", help="Kommun (namn eller kod); flera går bra.")
    ] = None,
    group: Annotated[
        str | None, typer.Option("--group", "-g", help="En grupp i stället för enskilda kommuner.")
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Använd bara sparade svar; gå inte ut på nätet.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="CSV-fil att skriva.")
    ] = None,
    cache: Annotated[
        Path | None, typer.Option("--cache-dir", help="Mapp för sparade svar från Kolada.")
    ] = None,
) -> None:
    """Hämta områdets nyckeltal ur Kolada (enkätsvar och registermått) till en CSV-fil för --data."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from jamfor.catalog.areas import area_kpi_ids
    from jamfor.registry.loader import load_registry, resolve_group
    from jamfor.settings import KOLADA_URL, cache_dir
    from jamfor.sources.kolada import DiskCache, KoladaClient, checked_rows
    from jamfor.sources.kolada_catalog import kolada_catalog, kpi_metadata

    registry = load_registry()
    target = output or Path(f"kolada-{area}.csv")
    try:
        years = parse_years(year)
        if group:
            units = list(resolve_group(registry, group).members)
        elif kommun:
            units = [registry.municipality(name) for name in kommun]
        else:
            units = registry.municipalities()
        kpis = list(dict.fromkeys([*area_kpi_ids(area), *_catalog_kpis(area)]))
        codes = [u.code for u in units]
        codes += sorted({"0000", *(f"00{u.lan_code}" for u in units)})
        values: list[KoladaValue] = []
        with (
            KoladaClient(
                KOLADA_URL.value(),
                cache=DiskCache(cache or cache_dir() / "kolada"),
                offline=offline,
            ) as client,
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=err,
                transient=True,
                disable=not err.is_terminal,
            ) as progress,
        ):
            catalog = kolada_catalog(area, years[-1], kpi_metadata(kpis, client))
            paths = client.data_paths(kpis, codes, years)
            task = progress.add_task("Hämtar från Kolada", total=len(paths))
            for path in paths:
                values.extend(client.values_at(path))
                progress.advance(task)
        result = checked_rows(values, catalog, registry)
    except JamforError as exc:
        raise fail(exc) from None
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv_writer(fh)
        writer.writerow(["kommunkod", "enhet", "indikator", "ar", "kon", "varde", "kolada_kpi"])
        writer.writerows(result.rows)
    if result.skipped_codes:
        total = sum(result.skipped_codes.values())
        shown = ", ".join(f"{name} ({n})" for name, n in result.skipped_codes.items())
        err.print(
            f"Obs: {total} värden är inga svarskoder enligt nyckeltalets titel och är inte med i "
            f"filen: {shown}. (Kolada kan ge en stad med stadsdelar stadsdelarnas snitt.)",
            markup=False,
        )
    found = len({r[6] for r in result.rows})
    typer.echo(
        f"{len(result.rows)} värden för {len(units)} kommuner och {found} av {len(kpis)} "
        f"nyckeltal för {area} ({years[0]}–{years[-1]}) sparade i {target.resolve()}"
    )


def _catalog_kpis(area: str) -> list[str]:
    """The KPIs the area's hand-written catalogs read (their register measures)."""
    from jamfor.catalog.loader import available, load_catalog

    return [
        ind.source.kolada_kpi
        for a, y in available()
        if a == area
        for ind in load_catalog(y, a).indicators
        if ind.source.kolada_kpi
    ]


@app.command("demo-data")
def demo_data(
    years: Annotated[str, typer.Option("--years", help="År eller intervall.")] = "2015-2024",
    area: Annotated[str, typer.Option("--area", "-a", help="Området, t.ex. ekb.")] = "ekb",
    seed: Annotated[int, typer.Option("--seed", help="Slumpfrö; samma frö ger samma data.")] = 1,
    national: Annotated[
        bool, typer.Option("--national", help="Alla kommuner (och stadsdelar) i landet.")
    ] = True,
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV-fil att skriva.")] = Path(
        "demo-nationell.csv"
    ),
) -> None:
    """Skriv SYNTETISKA nationella data för demonstrationer och prestandamätning."""
    from jamfor.registry.loader import load_registry
    from jamfor.synthetic import COLUMNS, synthetic_national

    try:
        year_list = parse_years(years)
        rows = list(synthetic_national(load_registry(), year_list, seed=seed, area=area))
    except JamforError as exc:
        raise fail(exc) from None
    count = len(rows)
    with output.open("w", encoding="utf-8", newline="") as fh:
        writer = csv_writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(row.as_tuple() for row in rows)
    typer.echo(
        f"{count} SYNTETISKA värden ({year_list[0]}–{year_list[-1]}, frö {seed}) skrivna till "
        f"{output.resolve()}. Siffrorna är påhittade och får inte användas som resultat."
    )


@app.command("trend")
def trend_command(
    indicator: Annotated[
        str, typer.Option("--indicator", "-i", help="Indikatorns id eller rubrik.")
    ],
    data: Annotated[list[Path], typer.Option("--data", "-d", help="Fil(er) i lång form med år.")],
    group: Annotated[str, typer.Option("--group", "-g", help="Gruppen.")] = "nordvast",
    years: Annotated[str, typer.Option("--years", help="Årsintervall.")] = "2015-2024",
    area: Annotated[str, typer.Option("--area", "-a", help="Området, t.ex. ekb.")] = "ekb",
    chart: Annotated[
        Path | None, typer.Option("--chart", "-o", help="Diagramfil (.png eller .svg).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False,
) -> None:
    """Visa en indikator över åren för gruppen, kommunerna och riket, och rita ett linjediagram."""
    from rich.console import Console
    from rich.table import Table as RichTable

    from jamfor.core.trend import find_indicator_definition, trend
    from jamfor.registry.loader import load_registry, resolve_group
    from jamfor.report.trend_chart import trend_chart
    from jamfor.sources.kolada_catalog import kolada_catalog
    from jamfor.sources.series import load_series

    registry = load_registry()
    try:
        year_list = parse_years(years)
        catalog, ind = find_indicator_definition(
            indicator, area, generated=kolada_catalog(area, year_list[-1])
        )
        grp = resolve_group(registry, group)
        records, synthetic = load_series(data, catalog, ind, registry, year_list[-1])
        result = trend(catalog, ind, records, grp, registry.units, year_list)
        if not result.points:
            raise JamforError(f"Filerna har inga värden för «{ind.label}» åren {years}.")
    except JamforError as exc:
        raise fail(exc, as_json) from None
    unit = "%" if ind.in_percent else None
    target = chart or Path(f"trend-{ind.id}.png")
    fmt = "svg" if target.suffix.lower() == ".svg" else "png"
    target.write_bytes(trend_chart(result, fmt))
    if as_json:
        doc = {
            "indicator": ind.id,
            "label": ind.label,
            "group": group,
            "synthetic": synthetic,
            "years": [p.year for p in result.points],
            "snitt": [None if p.snitt is None else to_json_number(p.snitt) for p in result.points],
            "members": {
                u.name: [
                    (p.result.values[u.code].text if u.code in p.result.values else None)
                    for p in result.points
                ]
                for u in result.members
            },
            "references": {
                r.display_reference: [
                    None if (v := p.result.references.get(r.code)) is None else to_json_number(v)
                    for p in result.points
                ]
                for r in result.references
            },
            "chart": str(target.resolve()),
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    out = Console(highlight=False)
    title = f"{ind.label} {result.points[0].year}–{result.points[-1].year}"
    if unit:
        title += f" ({unit})"
    if synthetic:
        title += " (SYNTETISKA DATA)"
    table = RichTable(title=title, title_justify="left")
    table.add_column("")
    for p in result.points:
        table.add_column(str(p.year), justify="right")

    def cell(value: object) -> str:
        if value is None:
            return "–"
        text = getattr(value, "text", None)
        number = getattr(value, "number", None)
        if number is not None and not ind.is_share:
            return format_sv(number, ind.decimals)
        return str(text)

    for u in result.members:
        table.add_row(u.name, *(cell(p.result.values.get(u.code)) for p in result.points))
    table.add_row(
        f"[bold]{grp.snitt_label}[/]",
        *(
            "–" if p.snitt is None else f"[bold]{format_sv(p.snitt, ind.decimals)}[/]"
            for p in result.points
        ),
    )
    for r in result.references:
        table.add_row(
            r.display_reference,
            *(
                "–"
                if (v := p.result.references.get(r.code)) is None
                else format_sv(v, ind.decimals)
                for p in result.points
            ),
        )
    out.print(table)
    typer.echo(f"Diagrammet är skrivet till {target.resolve()}")
