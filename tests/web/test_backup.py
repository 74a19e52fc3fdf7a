"""jamfor backup / restore: everything out, an empty database, everything back, every table equal."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from typer.testing import CliRunner

from jamfor.cli import app
from jamfor.core.problems import JamforError
from jamfor.web.backup import backup, dump, restore, stored_rows
from jamfor.web.results.importing import import_results
from jamfor.web.survey.interpretations import load_catalog_protocol
from jamfor.web.survey.models import Year

EXAMPLE = Path(str(resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv"))


def _everything(year: Year, analyst: Any, rep: Any, login: Callable[[Any], Client]) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE.read_bytes(), analyst)
    load_catalog_protocol(year, analyst)
    c = login(rep)
    r = c.post(
        "/enkat/2015/0125/sida/intern-samordning/",
        {"svar-1-bou": "ja", "svar-1a": "ja", "kommentar-1a": "Följd upp", "action": "spara"},
    )
    assert r.status_code == 302


_WHOLE_SECOND = re.compile(r'(T\d{2}:\d{2}:\d{2})\.000(Z|[+-]\d{2}:\d{2})"')


def _tables(text: str) -> list[tuple[str, str]]:
    """Every object of a dump, keyed by model and content, order-independent.

    Django writes times to the millisecond: a time stored with 1–999 µs is dumped
    as ``…:10.000Z``, restored as the whole second and dumped again as ``…:10Z``;
    the same instant, so both spellings are compared as one.
    """
    return sorted(
        (o["model"], _WHOLE_SECOND.sub(r'\1\2"', json.dumps(o, sort_keys=True)))
        for o in json.loads(text)
    )


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_gives_every_table_back(
    year: Year, analyst: Any, rep: Any, login: Callable[[Any], Client], tmp_path: Path
) -> None:
    _everything(year, analyst, rep, login)
    before = dump()
    models = {o["model"] for o in json.loads(before)}
    assert {"survey.year", "results.resultvalue", "audit.auditrecord", "auth.user"} <= models
    path = tmp_path / "jamfor-backup.json"
    count = backup(path)
    assert count == len(json.loads(before))

    call_command("flush", interactive=False, verbosity=0)
    assert stored_rows() == 0
    assert restore(path) == count
    assert _tables(dump()) == _tables(before)

    with pytest.raises(JamforError, match="Databasen innehåller redan data"):
        restore(path)


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_commands(year: Year, analyst: Any, tmp_path: Path) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE.read_bytes(), analyst)
    runner = CliRunner()
    path = tmp_path / "kopia.json"
    r = runner.invoke(app, ["backup", str(path)])
    assert r.exit_code == 0, r.output
    assert "poster sparade i" in r.stdout
    r = runner.invoke(app, ["restore", str(path)])
    assert r.exit_code == 1 and "Databasen innehåller redan data" in r.stderr
    call_command("flush", interactive=False, verbosity=0)
    r = runner.invoke(app, ["restore", str(path)])
    assert r.exit_code == 0, r.output
    bad = tmp_path / "trasig.json"
    bad.write_text("{inte json", encoding="utf-8")
    call_command("flush", interactive=False, verbosity=0)
    r = runner.invoke(app, ["restore", str(bad)])
    assert r.exit_code == 1 and "ingen säkerhetskopia" in r.stderr


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["kopia.bak", "kopia", "säkerhetskopia 2015.json.gz.txt"])
def test_a_backup_of_any_name_restores_and_only_its_owner_reads_it(
    year: Year, analyst: Any, tmp_path: Path, name: str
) -> None:
    import stat

    import_results(year, "oj-2015.csv", EXAMPLE.read_bytes(), analyst)
    before = dump()
    path = tmp_path / name
    count = backup(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    call_command("flush", interactive=False, verbosity=0)
    assert restore(path) == count
    assert _tables(dump()) == _tables(before)


def _broken_backups(good: str) -> dict[str, str]:
    objects = json.loads(good)
    missing_parent = [o for o in objects if o["model"] != "survey.year"]
    return {
        "cut": good[: len(good) // 2],
        "foreign-json": json.dumps([{"model": "other.thing", "fields": {}}]),
        "not-a-list": json.dumps({"model": "survey.year"}),
        "missing-parent": json.dumps(missing_parent),
        "wrong-field": json.dumps(
            [
                {**o, "fields": {**o["fields"], "year": "inte ett år"}}
                if o["model"] == "survey.year"
                else o
                for o in objects
            ]
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_a_broken_or_foreign_backup_leaves_the_database_as_it_was(
    year: Year, analyst: Any, tmp_path: Path
) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE.read_bytes(), analyst)
    good = dump()
    call_command("flush", interactive=False, verbosity=0)
    runner = CliRunner()
    for kind, text in _broken_backups(good).items():
        path = tmp_path / f"{kind}.bak"
        path.write_text(text, encoding="utf-8")
        r = runner.invoke(app, ["restore", str(path)])
        assert r.exit_code == 1, (kind, r.output)
        assert r.stderr.startswith("Fel: ") and "Databasen är orörd" in r.stderr, kind
        assert "Traceback" not in r.output
        assert stored_rows() == 0, kind


@pytest.mark.django_db
def test_the_sqlite_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """A real SQLite connection made the way Django makes it: the file it creates is 0600."""
    import stat

    import dj_database_url
    from django.db.backends.sqlite3.base import DatabaseWrapper

    db = tmp_path / "jamfor.sqlite3"
    config = dict(dj_database_url.parse(f"sqlite:///{db}"))
    config.update(OPTIONS={}, TIME_ZONE=None, AUTOCOMMIT=True, ATOMIC_REQUESTS=False, TEST={})
    wrapper = DatabaseWrapper(config)
    wrapper.connect()
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x int)")
        assert db.is_file()
        wrapper.close()
        wrapper.connect()  # the next connection finds the file the first one made
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
    finally:
        wrapper.close()


@pytest.mark.django_db(transaction=True)
def test_a_time_with_microseconds_below_a_millisecond_compares_equal_after_restore(
    tmp_path: Path,
) -> None:
    """The CI flake this guards: ``…:10.000Z`` before, ``…:10Z`` after, the same instant."""
    import datetime

    from django.contrib.auth import get_user_model

    joined = datetime.datetime(2026, 12, 2, 9, 29, 10, 500, tzinfo=datetime.UTC)
    get_user_model().objects.create(username="tidig", date_joined=joined)
    before = dump()
    assert "09:29:10.000Z" in before
    path = tmp_path / "kopia.json"
    backup(path)
    call_command("flush", interactive=False, verbosity=0)
    restore(path)
    after = dump()
    assert "09:29:10Z" in after
    assert _tables(after) == _tables(before)
