"""``jamfor hamta pxweb`` and ``jamfor serie``: monthly statistics beside the yearly comparison."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jamfor.cli.app import app, err, fail
from jamfor.cli.national import fetch_app
from jamfor.core.numbers import format_sv, to_json_number
from jamfor.core.problems import JamforError

if TYPE_CHECKING:
    from jamfor.core.monthly import Aggregate, GroupSeries

# Each command imports what it needs when it runs, so ``jamfor --help`` starts at once.
_AGGREGATES: dict[str, Aggregate] = {"summa": "total", "medel": "mean"}


@fetch_app.command("pxweb")
def fetch_pxweb(
    url: Annotated[
        str, typer.Argument(help="Tabellens adress i PxWeb-API:t (v1), t.ex. SCB:s HE0000T01N.")
    ],
    query: Annotated[
        Path, typer.Option("--query", "-q", help="Sparad fråga (JSON) från PxWeb-sidans API-panel.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV-fil att skriva.")] = Path(
        "serie.csv"
    ),
    offline: Annotated[
        bool, typer.Option("--offline", help="Använd bara sparade svar; gå inte ut på nätet.")
    ] = False,
    cache: Annotated[
        Path | None, typer.Option("--cache-dir", help="Mapp för sparade svar från PxWeb.")
    ] = None,
) -> None:
    """Hämta en tabell ur en PxWeb-databas (SCB, Socialstyrelsen …) till en seriefil för «serie»."""
    from jamfor.core.monthly import period_label
    from jamfor.registry.loader import load_registry
    from jamfor.settings import cache_dir
    from jamfor.sources.http_api import DiskCache
    from jamfor.sources.monthly import pxweb_rows, write_series
    from jamfor.sources.pxweb import PxWebClient, load_query

    registry = load_registry()
    try:
        saved = load_query(query)
        with PxWebClient(
            cache=DiskCache(cache or cache_dir() / "pxweb"),
            offline=offline,
            on_request=lambda u: err.print(f"Hämtar {u} …") if err.is_terminal else None,
        ) as client:
            table = client.table(url, saved)
        rows, unknown = pxweb_rows(table, registry)
        if not rows:
            raise JamforError(
                f"Svaret från {url} har inga värden för kommuner, län eller riket jamfor känner."
            )
    except JamforError as exc:
        raise fail(exc) from None
    try:
        write_series(rows, output)
    except OSError as exc:
        raise fail(JamforError(f"Kunde inte skriva {output}: {exc.strerror}.")) from None
    if unknown:
        err.print(
            f"{len(unknown)} regioner som inte är kommuner, län eller riket hoppades över: "
            + ", ".join(unknown[:10])
            + (" …" if len(unknown) > 10 else "")
        )
    units = len({r.kommunkod for r in rows})
    periods = sorted({r.period for r in rows})
    typer.echo(
        f"{len(rows)} värden för {units} enheter, {period_label(periods[0])}–"
        f"{period_label(periods[-1])}, ur {table.title or table.table_id} sparade i "
        f"{output.resolve()}"
    )


def series_document(gs: GroupSeries, names: dict[str, str]) -> dict[str, Any]:
    """The ``serie --json`` document: members' values, the group's figure and what is missing."""

    def number(v: Decimal | None) -> int | float | None:
        return None if v is None else to_json_number(v)

    return {
        "members": {
            names[code]: {p: number(v) for p, v in row.items()} for code, row in gs.members.items()
        },
        "group": {p: number(gs.group[p]) for p in gs.periods},
        "missing": {p: [names[c] for c in codes] for p, codes in gs.missing.items()},
        "unit": gs.unit,
        "source": gs.source,
    }


@app.command("serie")
def series_command(
    data: Annotated[
        list[Path], typer.Option("--data", "-d", help="Seriefil(er), CSV eller Excel, i lång form.")
    ],
    group: Annotated[str, typer.Option("--group", "-g", help="Gruppen.")] = "nordvast",
    serie: Annotated[
        str | None, typer.Option("--serie", "-s", help="Vilken serie, när filen har flera.")
    ] = None,
    aggregate: Annotated[
        str | None,
        typer.Option(
            "--gruppvarde",
            help="summa eller medel; utan: summa för antal, ovägt medel för andelar och annat.",
        ),
    ] = None,
    chart: Annotated[
        Path | None, typer.Option("--chart", "-o", help="Diagramfil (.png eller .svg).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False,
) -> None:
    """Visa en månadsserie per kommun och för gruppen (summa eller medel), och rita den."""
    from rich.console import Console
    from rich.table import Table as RichTable

    from jamfor.core.monthly import group_series, period_label, places
    from jamfor.registry.loader import load_registry, resolve_group
    from jamfor.report.charts import chart_file
    from jamfor.report.series_chart import series_chart
    from jamfor.sources.monthly import load_series_files, pick_series

    registry = load_registry()
    try:
        if aggregate is not None and aggregate.casefold() not in _AGGREGATES:
            raise JamforError(f"--gruppvarde ska vara summa eller medel, inte «{aggregate}».")
        grp = resolve_group(registry, group)
        chosen = pick_series(load_series_files(data, registry), serie)
        codes = [u.code for u in grp.members]
        gs = group_series(chosen, codes, _AGGREGATES[aggregate.casefold()] if aggregate else None)
        if not any(v is not None for row in gs.members.values() for v in row.values()):
            raise JamforError(
                f"Serien «{chosen.name}» har inga värden för kommunerna i {grp.name}."
            )
        if chart is not None and chart.suffix.lower() not in (".png", ".svg"):
            raise JamforError(f"Diagrammet skrivs som .png eller .svg, inte «{chart.name}».")
    except JamforError as exc:
        raise fail(exc, as_json) from None
    names = {u.code: u.name for u in grp.members}
    label = f"{grp.name} ({'summa' if gs.aggregate == 'total' else 'medel'})"
    if chart is not None:
        try:
            chart.write_bytes(chart_file(series_chart(gs, names, label), chart.suffix.lower()[1:]))
        except OSError as exc:
            raise fail(
                JamforError(f"Kunde inte skriva {chart}: {exc.strerror}."), as_json
            ) from None
    if as_json:
        typer.echo(json.dumps(series_document(gs, names), ensure_ascii=False, indent=2))
        return
    out = Console(highlight=False)
    wide = 12 + sum(max(len(n), 6) + 3 for n in names.values()) + len(label) + 3
    if not out.is_terminal and out.width < wide:
        out = Console(highlight=False, width=wide)  # a file or a pipe gets the whole table
    title = gs.name + (f" ({gs.unit})" if gs.unit else "")
    table = RichTable(title=title, title_justify="left", caption=gs.source, caption_justify="left")
    table.add_column("Period")
    for code in gs.members:
        table.add_column(names[code], justify="right")
    table.add_column(f"[bold]{label}[/]", justify="right")
    for p in gs.periods:
        cells = [
            "–" if (v := gs.members[c][p]) is None else format_sv(v, places(v)) for c in gs.members
        ]
        g = gs.group[p]
        cells.append("[italic]saknas[/]" if g is None else f"[bold]{format_sv(g, gs.decimals)}[/]")
        table.add_row(p, *cells)
    out.print(table)
    for p, lacking in gs.missing.items():
        err.print(
            f"{period_label(p)}: inget gruppvärde, värde saknas för "
            + ", ".join(names[c] for c in lacking)
        )
    if chart is not None:
        typer.echo(f"Diagrammet är skrivet till {chart.resolve()}")
