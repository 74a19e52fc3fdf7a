"""The Typer application and the console every command reports on."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console

from jamfor import __version__
from jamfor.cli.terminal import terminal_text
from jamfor.core.problems import InputError, JamforError

app = typer.Typer(
    name="jamfor",
    help="Öppna jämförelser för en grupp kommuner: importera, jämför och skriv rapporter.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(exc: JamforError, as_json: bool = False) -> typer.Exit:
    """Report a :class:`JamforError` on stderr (and as JSON when asked); exit code 1."""
    if as_json:
        doc = (
            exc.to_dict()
            if isinstance(exc, InputError)
            else {
                "errors": [
                    {"type": "error", "message": str(exc), "file": None, "row": None, "field": None}
                ]
            }
        )
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    err.print(f"[bold red]Fel:[/] {terminal_text(str(exc))}", markup=True, highlight=False)
    return typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jamfor {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen.")
    ] = False,
) -> None:
    """Öppna jämförelser för en grupp kommuner."""
