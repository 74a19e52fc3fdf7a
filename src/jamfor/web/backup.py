"""A consistent dump of everything the web app stores, and its restore into an empty database.

Django's own serializers do the work (``dumpdata``/``loaddata``), with natural
keys so that a dump made on SQLite restores on PostgreSQL and the other way
round. What is left out is rebuilt by ``migrate`` (content types, permissions)
or worthless after a restore (sessions).

The dump is taken inside one transaction — on PostgreSQL at REPEATABLE READ —
so a survey saved during the backup is either wholly in it or not at all.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

from jamfor.core.problems import JamforError

EXCLUDED = ("contenttypes", "auth.permission", "sessions")
REBUILT_BY_MIGRATE = ("contenttypes", "auth", "sessions")


def dump() -> str:
    """Everything, as Django's JSON serialization (one consistent snapshot)."""
    out = io.StringIO()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=list(EXCLUDED),
            indent=1,
            stdout=out,
        )
    return out.getvalue()


def backup(path: Path) -> int:
    """Write the dump to ``path``; the number of objects saved."""
    text = dump()
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return len(json.loads(text))


def stored_rows() -> int:
    """Rows in the app's own tables (what an empty database has none of)."""
    total = 0
    for model in apps.get_models():
        label = model._meta.app_label
        if label in ("contenttypes", "sessions") or model._meta.label == "auth.Permission":
            continue
        total += model._default_manager.count()
    return total


def restore(path: Path) -> int:
    """Load a backup into an empty (migrated) database; the number of objects restored."""
    if not path.is_file():
        raise JamforError(f"Säkerhetskopian {path} finns inte.")
    if stored_rows():
        raise JamforError(
            "Databasen innehåller redan data. Återställ till en tom databas (ny "
            "JAMFOR_DATA_DIR eller DATABASE_URL), så att ingenting skrivs över."
        )
    try:
        objects = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise JamforError(f"{path} är ingen säkerhetskopia från jamfor ({exc}).") from exc
    if not isinstance(objects, list):
        raise JamforError(f"{path} är ingen säkerhetskopia från jamfor.")
    with transaction.atomic():
        call_command("loaddata", str(path), verbosity=0)
    return len(objects)
