"""The Typer application and the console every command reports on."""

from __future__ import annotations

import json
import os
import sys
from types import TracebackType
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from jamfor import __version__
from jamfor.cli.terminal import terminal_text
from jamfor.core.problems import InputError, JamforError, printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import TaskID

app = typer.Typer(
    name="jamfor",
    help="Öppna jämförelser för en grupp kommuner: importera, jämför och skriv rapporter.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


class _Stderr:
    """The console on stderr, made when something styled is first printed on it.

    Importing Rich costs more than a command's own work on a small file, and a
    run that prints only results and plain notes (a table to a pipe) never needs it.
    """

    _console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        return getattr(self._console, name)


err = cast("Console", _Stderr())


def note(text: str) -> None:
    """A plain line on stderr ("Obs: …"): shown as written, never as markup or terminal codes."""
    typer.echo(printable(text, limit=4000), err=True)


def shows_progress() -> bool:
    """Whether a spinner or progress bar may draw on stderr: Rich's ``is_terminal``, asked
    without loading Rich when its answer can only be no (no terminal, and neither
    ``TTY_COMPATIBLE`` nor ``FORCE_COLOR`` set to say otherwise)."""
    if "TTY_COMPATIBLE" not in os.environ and "FORCE_COLOR" not in os.environ:
        try:
            if not sys.stderr.isatty():
                return False
        except ValueError:  # stderr closed
            return False
    return bool(err.is_terminal)


class Silent:
    """What a progress display does when nobody sees it: nothing (and Rich is not loaded)."""

    def __enter__(self) -> Silent:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    def add_task(self, description: str, total: float | None = None) -> TaskID:
        return cast("TaskID", 0)

    def update(self, task: TaskID, description: str) -> None:
        return None


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
