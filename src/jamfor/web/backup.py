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
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

from jamfor.core.problems import JamforError
from jamfor.web.private_files import write_private

EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes", "results.reportbuild")
"""Left out: rebuilt by ``migrate`` (content types, permissions) or worthless after a
restore (sessions, django-axes' count of failed log-ins, report files built from the data)."""
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
    """Write the dump to ``path`` (any name, readable by the owner only); the objects saved."""
    text = dump()
    write_private(path, text)
    return len(json.loads(text))


def stored_rows() -> int:
    """Rows in the app's own tables (what an empty database has none of)."""
    total = 0
    for model in apps.get_models():
        label = model._meta.app_label
        if label in ("contenttypes", "sessions", "axes") or model._meta.label in (
            "auth.Permission",
            "results.ReportBuild",
        ):
            continue
        total += model._default_manager.count()
    return total


def _objects(path: Path) -> list[dict[str, object]]:
    """The backup's objects, if it is one: a JSON list of objects of this app's models."""
    foreign = JamforError(
        f"{path.name} är ingen säkerhetskopia från jamfor backup (eller så är den skadad). "
        "Databasen är orörd."
    )
    try:
        objects = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise foreign from None
    known = {m._meta.label_lower for m in apps.get_models()}
    if not isinstance(objects, list) or not all(
        isinstance(o, dict) and o.get("model") in known and isinstance(o.get("fields"), dict)
        for o in objects
    ):
        raise foreign
    return objects


def restore(path: Path) -> int:
    """Load a backup into an empty (migrated) database; the number of objects restored.

    The file may have any name (Django's loaddata reads the format from the
    suffix, so it reads a private copy named .json). A broken or foreign file
    ends in a Swedish message with the database as it was: the load runs in
    one transaction.
    """
    if not path.is_file():
        raise JamforError(f"Säkerhetskopian {path} finns inte.")
    if stored_rows():
        raise JamforError(
            "Databasen innehåller redan data. Återställ till en tom databas (ny "
            "JAMFOR_DATA_DIR eller DATABASE_URL), så att ingenting skrivs över."
        )
    objects = _objects(path)
    with tempfile.TemporaryDirectory(prefix="jamfor-restore-") as folder:
        copy = Path(folder) / "backup.json"
        write_private(copy, path.read_text(encoding="utf-8"))
        try:
            with transaction.atomic():
                call_command("loaddata", str(copy), verbosity=0)
        except (DeserializationError, DatabaseError, ValueError, LookupError, TypeError) as exc:
            raise JamforError(
                f"{path.name} kunde inte återställas: den är skadad eller kommer från en annan "
                f"version av jamfor ({type(exc).__name__}). Databasen är orörd."
            ) from None
    return len(objects)
