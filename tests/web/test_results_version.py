"""The version the dashboard's cache is keyed on: which writes move it, and what it costs to read.

Every dashboard request reads it. Every autosave of a survey or development-work
draft adds a row to the audit log, so over a few years the log is mostly drafts;
the newest write that can change a report must come from an index, not a scan
of the whole log. The databases are asked for their plan of the query as it is
sent (the web tests run on SQLite and again on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from jamfor.web.audit.log import record
from jamfor.web.audit.models import AuditRecord
from jamfor.web.results.views import results_version

DRAFTS = 3000


def _write(action: str) -> None:
    record(None, action, f"test: {action}", ("test", "1"), None, None, actor_name="test")


def test_drafts_leave_the_version_and_other_writes_move_it(db: Any) -> None:
    empty = results_version()
    _write("import.klar")
    imported = results_version()
    assert imported != empty
    _write("enkät.sparad")
    _write("utveckling.utkast")
    _write("enkät.klar")
    assert results_version() == imported
    _write("tolkning.ändrad")
    assert results_version() not in {empty, imported}


def test_every_record_says_whether_it_can_change_a_report(db: Any) -> None:
    for action in ("enkät.sparad", "enkät.klar", "utveckling.fråga", "utveckling.utkast"):
        _write(action)
    for action in ("import.klar", "import.ångrad", "tolkning.ny", "admin.ändrad", "enkätsvar"):
        _write(action)
    marks = AuditRecord.objects.order_by("id").values_list("action", "touches_results")
    assert [action for action, touches in marks if not touches] == [
        "enkät.sparad",
        "enkät.klar",
        "utveckling.fråga",
        "utveckling.utkast",
    ]


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE audit_auditrecord")
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(" ".join(str(cell) for cell in row) for row in cursor.fetchall())


def test_the_newest_result_write_is_read_from_an_index(db: Any) -> None:
    _write("import.klar")
    AuditRecord.objects.bulk_create(
        AuditRecord(
            actor_name="test",
            action="enkät.sparad",
            summary="utkast",
            target_type="test",
            touches_results=False,
        )
        for _ in range(DRAFTS)
    )
    expected = AuditRecord.objects.get(action="import.klar")
    with CaptureQueriesContext(connection) as queries:
        version = results_version()
    assert version == f"{expected.pk}-{expected.at.timestamp()}"
    assert len(queries.captured_queries) == 1
    sql = queries.captured_queries[0]["sql"]
    # No bound parameter: SQLite matches a partial index's condition only against literal terms,
    # and a logged query with parameters would be explained here with them filled in.
    query = AuditRecord.objects.filter(touches_results=True).order_by("-id").values_list("id", "at")
    assert query[:1].query.sql_with_params() == (sql, ())
    plan = _plan(sql)
    assert "audit_results_latest" in plan, plan


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_the_drafts_already_in_the_log() -> None:
    executor = MigrationExecutor(connection)
    before = [("audit", "0001_initial")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("audit", "AuditRecord")
    at = dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC)
    for action in ("import.klar", "enkät.sparad", "utveckling.utkast", "tolkning.ny"):
        old.objects.create(actor_name="test", action=action, summary="", target_type="t", at=at)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert dict(AuditRecord.objects.values_list("action", "touches_results")) == {
        "import.klar": True,
        "enkät.sparad": False,
        "utveckling.utkast": False,
        "tolkning.ny": True,
    }


def test_the_migrations_build_every_index_the_models_declare(db: Any) -> None:
    """A model change without its migration (this index, say) would never reach a server."""
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail("a model change has no migration: run python -m jamfor.web makemigrations")
