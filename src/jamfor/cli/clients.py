"""``jamfor klientstatistik``: decisions counted per reason code, by sex, age and children.

The command only reads the decisions file; it never copies or keeps it. A
file with a personal identity number anywhere is refused before anything is
counted (see :mod:`jamfor.sources.client_decisions`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jamfor.cli.app import app, err, fail
from jamfor.cli.terminal import terminal_text
from jamfor.core.collation import swedish_key
from jamfor.core.problems import InputError, JamforError, Problem

if TYPE_CHECKING:
    from jamfor.core.clients import ClientStatistics
    from jamfor.registry.model import Registry, Unit
    from jamfor.sources.client_decisions import DecisionFile

DEFAULT_HTML = "klientstatistik.html"
FORMATS = ("html", "pdf", "docx", "json")


def _period(months: tuple[str, ...]) -> str | None:
    if not months:
        return None
    return months[0] if len(months) == 1 else f"{months[0]} – {months[-1]}"


def _file_notes(decisions: DecisionFile) -> list[str]:
    if not decisions.birth_years_used:
        return []
    year = (
        f"referensåret {decisions.reference_year}"
        if decisions.reference_year is not None
        else "året i kolumnen manad"
    )
    return [
        f"Åldern är räknad som {year} minus födelseåret, alltså den ålder "
        "klienten fyller under året, där filen anger födelseår i stället för ålder."
    ]


def _statistics(
    decisions: DecisionFile,
    registry: Registry,
    codes: tuple[str, ...],
    unit: Unit | None,
    min_cell: int | None,
) -> tuple[ClientStatistics, ...]:
    from jamfor.core.clients import compile_statistics

    present = {d.kommun for d in decisions.decisions}
    if unit is not None:
        if unit.code not in present:
            raise JamforError(f"Filen {decisions.file} har inga beslut för {unit.name}.")
        units = [(unit.code, unit.name)]
    else:
        units = sorted(
            ((c, registry.units[c].name) for c in present), key=lambda u: swedish_key(u[1])
        )
    return compile_statistics(
        decisions.decisions,
        codes,
        units,
        with_group=unit is None and len(units) > 1,
        min_cell=min_cell,
    )


def _write(out: Path, text: str) -> None:
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise JamforError(f"Kunde inte skriva {out}: {exc.strerror or exc}.") from None
    typer.echo(f"Klientstatistiken är skriven till {out.resolve()}")


def _check_comments(
    comments: dict[str, str], stats: Sequence[ClientStatistics], registry: Registry, file: str
) -> None:
    """Every comment names a municipality of the report: a misspelt name is said, not lost."""
    present = {s.kommunkod for s in stats if s.kommunkod}
    problems = []
    for name in comments:
        unit = registry.find(name)
        if unit is None or unit.code not in present:
            problems.append(
                Problem(
                    "bad-settings",
                    f"Kommentaren gäller «{terminal_text(name)}», som inte finns i rapporten."
                    + (f" Menade du «{hint}»?" if (hint := registry.suggest(name)) else ""),
                    file,
                    None,
                    f"kommentarer.{name}",
                )
            )
    if problems:
        raise InputError(problems)


@app.command("klientstatistik")
def klientstatistik(
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            "-d",
            help="Fil med beslut (CSV eller Excel), en rad per beslut: kommun, orsakskod, kon, "
            "alder eller fodelsear, barn_i_hushallet, ev. arende_id och manad.",
        ),
    ],
    kommun: Annotated[
        str | None,
        typer.Option("--kommun", "-k", help="Bara den här kommunen (namn eller kommunkod)."),
    ] = None,
    koder: Annotated[
        str | None,
        typer.Option(
            "--koder",
            help="Orsakskoderna studien omfattar, åtskilda med komma, t.ex. 021,022,023,031,032 "
            "(standard: alla i katalogen).",
        ),
    ] = None,
    min_cell: Annotated[
        int | None,
        typer.Option(
            "--min-cell",
            min=2,
            help="Röjandeskydd för publicering: antal under N redovisas som «<N».",
        ),
    ] = None,
    referensar: Annotated[
        int | None,
        typer.Option(
            "--referensar",
            min=1900,
            max=2100,
            help="Året åldern räknas till när filen anger födelseår (standard: året i manad).",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="Format: html (standard), pdf, docx eller json."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Samma som --format json.")] = False,
    settings: Annotated[
        Path | None,
        typer.Option(
            "--settings",
            help="Inställningsfil (YAML): organisation, forfattare, logotyp och kommentarer "
            "per kommun (se README).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=f"Fil att skriva (html: standard {DEFAULT_HTML}; json: standard utskrift).",
        ),
    ] = None,
) -> None:
    """Klientstatistik: beslut per orsakskod, efter kön, ålder och barn i hushållet."""
    chosen = format.strip().lower() if format else None
    if chosen is not None and chosen not in FORMATS:
        err.print(
            f"[bold red]Fel:[/] formatet «{terminal_text(format or '')}» stöds inte; "
            "välj html, pdf, docx eller json."
        )
        raise typer.Exit(2)
    if as_json and chosen == "html":
        err.print("[bold red]Fel:[/] --json och --format html går inte ihop; välj ett format.")
        raise typer.Exit(2)
    fmt = "json" if as_json else chosen or "html"
    from jamfor.catalog.reason_codes import load_reason_codes
    from jamfor.core.clients import statistics_to_dict
    from jamfor.registry.loader import load_registry
    from jamfor.report.clients import build_client_report, render_client_html
    from jamfor.sources.client_decisions import read_decisions
    from jamfor.sources.publication import load_front_matter

    try:
        catalog = load_reason_codes()
        codes = catalog.select(koder.split(",") if koder is not None else None)
        registry = load_registry()
        unit = registry.municipality(kommun, " i --kommun") if kommun is not None else None
        decisions = read_decisions(data, catalog, registry, referensar, display=str(data))
        stats = _statistics(decisions, registry, codes, unit, min_cell)
        file_notes = _file_notes(decisions)
        front = load_front_matter(settings) if settings is not None else None
        if front is not None and settings is not None:
            _check_comments(front.comments, stats, registry, settings.name)
        if fmt == "json":
            docs: list[dict[str, Any]] = []
            for s in stats:
                doc = statistics_to_dict(s)
                doc["period"] = _period(decisions.months)
                doc["notes"] = [*doc["notes"], *file_notes]
                docs.append(doc)
            text = json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2)
            if output is None:
                typer.echo(text)
            else:
                _write(output, text + "\n")
            return
        report = build_client_report(
            stats,
            catalog.labels(),
            source=data.name,
            period=_period(decisions.months),
            notes=file_notes,
            front=front,
        )
        default = Path(DEFAULT_HTML).with_suffix(f".{fmt}")
        out = output or default
        if out.is_dir():
            out = out / default
        if fmt == "html":
            _write(out, render_client_html(report))
        else:
            from jamfor.report.client_documents import render_client_docx, render_client_pdf

            content = (
                render_client_pdf(report)
                if fmt == "pdf"
                else render_client_docx(report, list(stats), catalog.labels())
            )
            try:
                out.write_bytes(content)
            except OSError as exc:
                raise JamforError(f"Kunde inte skriva {out}: {exc.strerror or exc}.") from exc
            typer.echo(f"Klientstatistiken är skriven till {out.resolve()}")
    except JamforError as exc:
        raise fail(exc, fmt == "json") from None
