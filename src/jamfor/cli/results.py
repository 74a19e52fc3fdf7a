"""``jamfor report``, ``jamfor table`` and ``jamfor groups``: a group's results."""

from __future__ import annotations

import json
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jamfor.cli.app import Silent, app, err, fail, note, shows_progress
from jamfor.cli.terminal import terminal_text
from jamfor.core.numbers import format_sv
from jamfor.core.problems import JamforError

if TYPE_CHECKING:
    from rich.progress import Progress

    from jamfor.core.comparison import GroupComparison
    from jamfor.core.narrative import Thresholds
    from jamfor.report.model import Report

# What a command needs is imported when it runs (polars, pydantic, the report's
# renderers): ``jamfor --help`` and a usage error answer at once.

EXAMPLES = {2015: "oj-ekb-2015-nordvast.csv"}
EXAMPLE_SETTINGS = {2015: "rapport-fou-nordvast-2015.yaml"}
SettingsOpt = Annotated[
    Path | None,
    typer.Option(
        "--settings",
        help="Inställningsfil (YAML) som gör rapporten till er publikation: organisation, "
        "forfattare, logotyp, inledning, arbetsmodell, om_indikatorerna (se README).",
    ),
]

DataOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        "-d",
        help="Fil med resultat (CSV eller Excel, lång eller bred form, eller enkätsvar). "
        "Kan anges flera gånger.",
    ),
]
YearOpt = Annotated[int, typer.Option("--year", "-y", help="Året som jämförs, t.ex. 2015.")]
AreaOpt = Annotated[
    str,
    typer.Option(
        "--area",
        "-a",
        help="Området: ekb (ekonomiskt bistånd), missbruk, barn-unga, lss … "
        "(se jamfor katalog omraden).",
    ),
]
CatalogOpt = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        help="Egen katalog (YAML, t.ex. granskad från jamfor katalog skapa) i stället för "
        "den medföljande eller genererade.",
    ),
]
GroupOpt = Annotated[
    str,
    typer.Option(
        "--group",
        "-g",
        help="Gruppen: en medföljande grupp (nordvast) eller kommuner åtskilda med komma.",
    ),
]
LevelOpt = Annotated[
    float,
    typer.Option(
        "--level-threshold",
        help="Skillnad i procentenheter under vilken texten säger «i nivå med».",
    ),
]
ClearOpt = Annotated[
    float,
    typer.Option(
        "--clear-threshold",
        help="Skillnad i procentenheter från vilken texten säger «klart bättre/sämre».",
    ),
]
ExampleOpt = Annotated[
    bool,
    typer.Option("--example", help="Använd det medföljande exemplet (FoU-Nordväst 2015)."),
]


def _example_file(year: int) -> Path:
    name = EXAMPLES.get(year)
    if name is None:
        years = ", ".join(str(y) for y in EXAMPLES)
        raise JamforError(f"Det finns inget medföljande exempel för {year} (finns för: {years}).")
    return Path(str(resources.files("jamfor.examples") / name))


CompareOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--compare-with",
        help="Beräkna fler jämförelser ur kommunernas värden: kommungrupp (SKR) eller "
        "liknande (Koladas liknande kommuner). Kan anges flera gånger.",
    ),
]
MappingOpt = Annotated[
    Path | None,
    typer.Option(
        "--mapping",
        help="Fil som översätter ändrade kolumnrubriker i Socialstyrelsens Excelfiler till "
        "indikator-id (YAML «rubrik: id» eller CSV med två kolumner).",
    ),
]


def _comparison(
    data: list[Path] | None,
    year: int,
    group: str,
    example: bool,
    compare_with: list[str] | None = None,
    mapping: Path | None = None,
    area: str = "ekb",
    catalog_file: Path | None = None,
) -> GroupComparison:
    files = list(data or [])
    if example:
        files.insert(0, _example_file(year))
    if not files:
        raise JamforError("Ange minst en datafil med --data FIL, eller --example.")
    from jamfor.catalog.loader import has_catalog
    from jamfor.core.comparison import compare
    from jamfor.registry.loader import comparison_units, load_registry, resolve_group
    from jamfor.sources.catalogs import choose_catalog
    from jamfor.sources.loader import load_dataset
    from jamfor.sources.oj_excel import load_mapping

    registry = load_registry()
    if catalog_file is not None or has_catalog(year, area):
        choice = choose_catalog(area, year, files, registry, catalog_file=catalog_file)
    else:  # a catalog generated from Kolada's metadata, as far as the cache has it
        from jamfor.settings import KOLADA_URL, cache_dir
        from jamfor.sources.kolada import DiskCache, KoladaClient

        with KoladaClient(
            KOLADA_URL.value(), cache=DiskCache(cache_dir() / "kolada"), offline=True
        ) as kolada:
            choice = choose_catalog(area, year, files, registry, kolada=kolada)
    if choice.message:
        note(f"Obs: {choice.message}")
    catalog = choice.catalog
    grp = resolve_group(registry, group)
    extra = comparison_units(registry, grp, compare_with or [])
    headings = load_mapping(mapping) if mapping is not None else None
    with _spinner() as progress:
        task = progress.add_task("Läser data …", total=None)
        dataset = load_dataset(
            files,
            catalog,
            registry,
            progress=None
            if isinstance(progress, Silent)
            else lambda name: progress.update(task, description=f"Läser {terminal_text(name)} …"),
            mapping=headings,
        )
        progress.update(task, description="Jämför …")
        result = compare(dataset, grp, registry.units, extra_references=extra)
    for text in dataset.notes:
        note(f"Obs: {text}")
    return result


def _spinner() -> Progress | Silent:
    """A spinner on stderr while the data is read or the report written (none in a pipe)."""
    if not shows_progress():
        return Silent()
    from rich.progress import Progress, SpinnerColumn, TextColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True)


def _thresholds(level: float, clear: float) -> Thresholds:
    from jamfor.core.narrative import Thresholds

    try:
        return Thresholds(Decimal(str(level)), Decimal(str(clear)))
    except ValueError:
        raise JamforError(
            "Gränserna för texten måste uppfylla 0 < --level-threshold ≤ --clear-threshold."
        ) from None


def _report_mismatches(cmp: GroupComparison) -> None:
    for r in cmp.mismatches():
        assert r.snitt.value is not None and r.published_snitt is not None
        table = cmp.catalog.table_of(r.indicator.id).id
        note(
            f"Avvikelse: tabell {table} «{r.indicator.label}»: beräknat snitt "
            f"{format_sv(r.snitt.value, r.indicator.decimals)}, publicerat "
            f"{format_sv(r.published_snitt, r.indicator.decimals)}."
        )
    for label in cmp.unused_published:
        note(f"Obs: det publicerade «{label}» hör inte till gruppen och används inte.")


class ReportFormat(StrEnum):
    """What ``jamfor report --format`` writes; ``all`` writes each of the three."""

    html = "html"
    pdf = "pdf"
    docx = "docx"
    all = "all"


_FORMATS = ("html", "pdf", "docx")
_FORMAT_NAMES = {"html": "HTML", "pdf": "PDF", "docx": "Word"}
_SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


def _report_targets(
    fmt: ReportFormat | None, output: Path | None, year: int | str
) -> dict[str, Path]:
    """The files to write, by format.

    ``-o`` names the file, or a folder that gets ``rapport-ÅR.<format>``
    (always a folder with ``--format all``). Without ``--format`` the format
    follows the suffix of ``-o`` (``rapport.pdf``), otherwise HTML.
    """
    if fmt is None:
        guessed = _SUFFIXES.get(output.suffix.lower()) if output is not None else None
        fmt = ReportFormat(guessed or "html")
    formats = _FORMATS if fmt is ReportFormat.all else (fmt.value,)
    names = {f: f"rapport-{year}.{f}" for f in formats}
    if output is None:
        return {f: Path(name) for f, name in names.items()}
    if output.is_dir() or len(formats) > 1:
        if not output.is_dir() and output.suffix.lower() in _SUFFIXES:
            raise typer.BadParameter(
                f"med --format all ska -o vara en mapp, inte filen «{output}».",
                param_hint="'--output' / '-o'",
            )
        return {f: output / name for f, name in names.items()}
    return {formats[0]: output}


def _render_report(doc: Report, fmt: str) -> bytes:
    """One format of the report; the renderers are imported only when asked for."""
    if fmt == "pdf":
        from jamfor.report.pdf import render_pdf

        return render_pdf(doc)
    if fmt == "docx":
        from jamfor.report.docx import render_docx

        return render_docx(doc)
    from jamfor.report.html import render_html

    return render_html(doc).encode("utf-8")


@app.command()
def report(
    data: DataOpt = None,
    year: YearOpt = 2015,
    area: AreaOpt = "ekb",
    catalog: CatalogOpt = None,
    group: GroupOpt = "nordvast",
    example: ExampleOpt = False,
    settings: SettingsOpt = None,
    compare_with: CompareOpt = None,
    mapping: MappingOpt = None,
    level_threshold: LevelOpt = 5.0,
    clear_threshold: ClearOpt = 15.0,
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html, pdf, docx (Word) eller all (alla tre). Standard: efter filändelsen "
            "i -o, annars html.",
            case_sensitive=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Fil att skriva, eller en mapp för rapport-ÅR.html/.pdf/.docx "
            "(standard: rapport-ÅR.<format> i aktuell mapp).",
        ),
    ] = None,
) -> None:
    """Skriv gruppens rapport: tabeller, diagram, snitt, jämförelser och överenskomna tolkningar."""
    targets = _report_targets(format, output, year if area == "ekb" else f"{area}-{year}")
    try:
        thresholds = _thresholds(level_threshold, clear_threshold)
        cmp = _comparison(data, year, group, example, compare_with, mapping, area, catalog)
    except JamforError as exc:
        raise fail(exc) from None
    _report_mismatches(cmp)
    if settings is None and example and year in EXAMPLE_SETTINGS:
        settings = Path(str(resources.files("jamfor.examples") / EXAMPLE_SETTINGS[year]))
    from jamfor.sources.publication import load_front_matter

    try:
        front = load_front_matter(settings) if settings is not None else None
    except JamforError as exc:
        raise fail(exc) from None
    from jamfor.registry.loader import load_registry
    from jamfor.report.build import build_report

    doc = build_report(cmp, load_registry(), thresholds, front=front)
    rendered: dict[Path, bytes] = {}
    try:
        with _spinner() as progress:
            task = progress.add_task("Skriver rapporten …", total=None)
            for fmt, path in targets.items():
                progress.update(task, description=f"Skriver {_FORMAT_NAMES[fmt]} …")
                rendered[path] = _render_report(doc, fmt)
        # Nothing is written until every format has been made.
        for path, content in rendered.items():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
            except OSError as exc:
                raise JamforError(
                    f"Kunde inte skriva {path}: {exc.strerror or exc}. "
                    "Välj en annan fil eller mapp med -o."
                ) from None
    except JamforError as exc:
        raise fail(exc) from None
    for path in rendered:
        typer.echo(f"Rapporten är skriven till {path.resolve()}")


@app.command()
def table(
    data: DataOpt = None,
    year: YearOpt = 2015,
    area: AreaOpt = "ekb",
    catalog: CatalogOpt = None,
    group: GroupOpt = "nordvast",
    example: ExampleOpt = False,
    compare_with: CompareOpt = None,
    mapping: MappingOpt = None,
    level_threshold: LevelOpt = 5.0,
    clear_threshold: ClearOpt = 15.0,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv ut som JSON.")] = False,
) -> None:
    """Visa gruppens tabeller med beräknat snitt och jämförelseenheter."""
    try:
        thresholds = _thresholds(level_threshold, clear_threshold)
        cmp = _comparison(data, year, group, example, compare_with, mapping, area, catalog)
    except JamforError as exc:
        raise fail(exc, as_json) from None
    _report_mismatches(cmp)
    from jamfor.core.export import comparison_to_dict

    doc = comparison_to_dict(cmp, group, thresholds)
    if as_json:
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    out = Console(highlight=False)
    for tc in cmp.tables:
        rt = RichTable(title=f"Tabell {tc.table.id}. {tc.table.title}", title_justify="left")
        rt.add_column("Indikator")
        rt.add_column(cmp.group.snitt_label, justify="right")
        for ref in cmp.references:
            rt.add_column(ref.display_reference, justify="right")
        with_counts = any(len(r.answer_counts) > 2 for r in tc.indicators)
        if with_counts:
            rt.add_column("Svar i gruppen")
        for r in tc.indicators:
            ind = r.indicator
            unit = "%" if ind.in_percent else None

            def fmt(
                v: Decimal | None, decimals: int = ind.decimals, unit: str | None = unit
            ) -> str:
                return "–" if v is None else format_sv(v, decimals, unit)

            counts = " · ".join(f"{answer} {n}" for answer, n in r.answer_counts.items())
            rt.add_row(
                Text(ind.label + (" (granska regeln)" if ind.review else "")),
                fmt(r.snitt.value),
                *(fmt(r.references.get(u.code)) for u in cmp.references),
                *((Text(counts),) if with_counts else ()),
            )
        out.print(rt)
        if cmp.catalog.report.narrative:
            for ind_doc in next(t for t in doc["tables"] if t["id"] == tc.table.id)["indicators"]:
                out.print(Text(ind_doc["text"]))
            out.print()
    if cmp.catalog.report.summary:
        out.print("[bold]Resultatet i korthet[/]", markup=True)
        out.print(doc["summary"])


@app.command()
def groups() -> None:
    """Lista de medföljande grupperna och deras kommuner."""
    from jamfor.registry.loader import load_registry, resolve_group

    registry = load_registry()
    for gid in registry.group_ids():
        g = resolve_group(registry, gid)
        typer.echo(f"{gid}: {g.name} – " + ", ".join(u.name for u in g.members))
