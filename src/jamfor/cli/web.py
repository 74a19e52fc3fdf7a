"""``jamfor serve`` and ``jamfor createuser``: the web app from the terminal.

Both apply the database migrations first, so a fresh installation needs no
other step. Django is imported only when one of these commands runs: the
other commands start as fast as before.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from jamfor.cli.app import app, err, fail
from jamfor.cli.terminal import terminal_text
from jamfor.core.problems import JamforError
from jamfor.settings import SECURE_COOKIES, flag

LOOPBACK = ("127.0.0.1", "localhost", "::1")
ROLES = {
    "analyst": "analyst",
    "analytiker": "analyst",
    "representative": "representative",
    "representant": "representative",
    "kommunrepresentant": "representative",
    "reader": "reader",
    "lasare": "reader",
    "läsare": "reader",
}


def _django(migrate: bool = True) -> None:
    from jamfor.web import setup

    setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def _database() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite ({db['NAME']})"
    return f"{db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('HOST') or 'lokal'}/{db.get('NAME')})"


def secure_cookies_by_default(host: str) -> None:
    """A server reached from other machines is reached through HTTPS: cookies only over it.

    Unless the administrator set ``JAMFOR_SECURE_COOKIES`` (0 in a trusted network).
    """
    if host not in LOOPBACK and not os.environ.get(SECURE_COOKIES.env):
        os.environ[SECURE_COOKIES.env] = "1"


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", "-p", help="Porten webbappen lyssnar på.")] = 8000,
    with_example: Annotated[
        bool,
        typer.Option(
            "--with-example",
            help="Läs in exemplet: FoU-Nordvästs resultat 2015, mötesprotokollet och "
            "demokonton med nya lösenord.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=0,
            help="Antal arbetsprocesser (gunicorn) för en delad server; 0 = Djangos "
            "utvecklingsserver för en enskild användare.",
        ),
    ] = 0,
    host: Annotated[str, typer.Option("--host", help="Adressen servern lyssnar på.")] = "127.0.0.1",
) -> None:
    """Starta webbappen på 127.0.0.1 (databasen uppdateras först)."""
    secure_cookies_by_default(host)
    _django()
    from django.core.management import call_command

    err.print(f"Databas: {_database()}", highlight=False)
    if flag(SECURE_COOKIES):
        err.print(
            "Inloggningen kräver HTTPS (JAMFOR_SECURE_COOKIES=1): nå servern genom en "
            "HTTPS-proxy, eller sätt JAMFOR_SECURE_COOKIES=0 i ett betrott nät.",
            highlight=False,
        )
    if with_example:
        from jamfor.web.example import load_example

        example = load_example()
        typer.echo(f"Exemplet {example.year.year} är inläst. Demokonton (nya lösenord varje gång):")
        for account in example.accounts:
            typer.echo(f"  {account.username:<16} {account.password:<22} {account.description}")
        if example.year.deadline is not None:
            typer.echo(
                f"Enkäten {example.year.year} är öppen till och med {example.year.deadline}."
            )
    typer.echo(f"Öppna http://{host}:{port}/ i webbläsaren. Avsluta med Ctrl+C.")
    if workers:
        _gunicorn(host, port, workers)
        return
    call_command(
        "runserver",
        f"{host}:{port}",
        use_reloader=False,
        insecure_serving=True,
        skip_checks=False,
    )


def _gunicorn(host: str, port: int, workers: int) -> None:
    """Serve with gunicorn: several processes, static files by WhiteNoise."""
    import sys

    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    os.execvp(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "jamfor.web.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            "2",
            "--access-logfile",
            "-",
        ],
    )


@app.command()
def createuser(
    username: Annotated[str, typer.Argument(help="Användarnamnet.")],
    role: Annotated[
        str,
        typer.Option(
            "--role",
            "-r",
            help="Roll: analyst (FoU-analytiker), representative (kommunrepresentant) "
            "eller reader (läsare).",
        ),
    ],
    kommun: Annotated[
        str,
        typer.Option("--kommun", "-k", help="Kommunrepresentantens kommun: namn eller kommunkod."),
    ] = "",
    email: Annotated[str, typer.Option("--email", help="E-postadress (frivillig).")] = "",
    password: Annotated[
        str | None,
        typer.Option("--password", help="Lösenordet. Utelämnas det frågar kommandot efter det."),
    ] = None,
) -> None:
    """Skapa ett konto i webbappen med en roll."""
    key = ROLES.get(role.strip().casefold())
    if key is None:
        err.print(
            f"[bold red]Fel:[/] okänd roll «{terminal_text(role)}». "
            "Välj analyst, representative eller reader.",
            markup=True,
        )
        raise typer.Exit(2)
    if password is None:
        password = typer.prompt("Lösenord", hide_input=True, confirmation_prompt=True)
    _django()
    from django.core.exceptions import ValidationError

    from jamfor.web.accounts.models import Role
    from jamfor.web.accounts.users import create_user

    try:
        user = create_user(
            username,
            Role(key),
            password,
            kommun=kommun,
            email=email,
            actor_name="kommandoraden (jamfor createuser)",
        )
    except ValidationError as exc:
        for message in exc.messages:
            err.print(f"[bold red]Fel:[/] {terminal_text(message)}", markup=True, highlight=False)
        raise typer.Exit(1) from None
    typer.echo(f"Användaren «{user.get_username()}» är skapad: {user.profile}.")


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="Filen säkerhetskopian skrivs till (JSON).")],
) -> None:
    """Säkerhetskopiera allt webbappen lagrat till en fil (SQLite eller PostgreSQL)."""
    _django()
    from jamfor.web.backup import backup as write_backup

    try:
        count = write_backup(file)
    except (JamforError, OSError) as exc:
        raise fail(JamforError(str(exc))) from None
    typer.echo(f"{count} poster sparade i {file.resolve()} (från {_database()}).")


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="En säkerhetskopia från «jamfor backup».")],
) -> None:
    """Återställ en säkerhetskopia till en tom databas."""
    _django()
    from jamfor.web.backup import restore as read_backup

    try:
        count = read_backup(file)
    except JamforError as exc:
        raise fail(exc) from None
    typer.echo(f"{count} poster återställda i {_database()} från {file.resolve()}.")
