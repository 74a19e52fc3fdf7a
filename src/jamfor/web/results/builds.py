"""Report files built in the background, so that no request blocks a worker for seconds.

A PDF of the 2015 report takes about four seconds to build and a Word file
three (``bench/report.py``); on a shared server with four gunicorn processes a
handful of such downloads would hold every worker. So a download only records
a :class:`ReportBuild` and answers at once; a thread of the same process
builds the file and stores it in the database, where any process can serve
it; the page that asked shows progress (``build.js`` asks for the state every
second) and starts the download when the file is there.

A thread rather than a separate worker process keeps the deployment as it is
(``jamfor serve``, gunicorn, SQLite or PostgreSQL): nothing more to start, and
rendering releases no lock a request needs. A file already built for the same
data (the audit log's newest write, see :func:`data_version`) is served at
once. A build left «running» by a process that died is started again after
:data:`STALE`. ``JAMFOR_REPORT_BUILDS=inline`` (the tests' setting) builds in
the request instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.db import OperationalError, close_old_connections, connections
from django.db.models import Max
from django.utils import timezone

from jamfor.core.problems import JamforError
from jamfor.report.model import Report
from jamfor.web.audit.models import AuditRecord
from jamfor.web.results.formats import available_formats
from jamfor.web.results.models import BuildStatus, ReportBuild
from jamfor.web.survey.models import Year

log = logging.getLogger(__name__)

STALE = dt.timedelta(minutes=10)
"""A build «running» longer than this was lost with its process: it is started again."""

KEEP = 3
"""Finished files kept per report and format (older data's files are removed)."""

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jamfor-rapport")


def _results(year: Year) -> Report | None:
    from jamfor.web.results.dataset import report_for

    return report_for(year)


def _knowledge(year: Year) -> Report | None:
    from jamfor.web.development.knowledge import build_knowledge_report
    from jamfor.web.development.models import Cycle

    return build_knowledge_report(Cycle.objects.get(year=year))


def _preliminary(year: Year) -> Report | None:
    from jamfor.web.results.preliminary import preliminary_for

    return preliminary_for(year).report


RESULTS, KNOWLEDGE, PRELIMINARY = "resultat", "kunskap", "preliminart"
_BUILDERS: dict[str, Callable[[Year], Report | None]] = {
    RESULTS: _results,
    KNOWLEDGE: _knowledge,
    PRELIMINARY: _preliminary,
}
_NOTHING = {
    RESULTS: "Inga resultat är inlästa för {year}.",
    KNOWLEDGE: "Inga resultat är inlästa för {year}.",
    PRELIMINARY: "Ingen kommun har skickat in sina svar för {year} ännu.",
}


def file_name(build: ReportBuild) -> str:
    """The downloaded file's name, ASCII only: «rapport-2015-nordvast.pdf»."""
    year = build.year
    group = year.group.split(",")[0].strip().lower()
    if build.kind == KNOWLEDGE:
        name = f"kunskapssammanstallning-{year.year}.{build.fmt}"
    elif build.kind == PRELIMINARY:
        name = f"preliminart-resultat-{year.year}-{group}.{build.fmt}"
    else:
        name = f"rapport-{year.year}-{group}.{build.fmt}"
    return ascii_name(name)


def ascii_name(name: str) -> str:
    """A file name a browser keeps as it is: å → a, spaces → -, nothing else outside ASCII."""
    table = str.maketrans("åäöéÅÄÖÉ ", "aaoeAAOE-")
    return "".join(c for c in name.translate(table) if c.isascii() and (c.isalnum() or c in "-_."))


def data_version() -> str:
    """Changes with every write: a file built before it may be out of date."""
    found = AuditRecord.objects.aggregate(latest=Max("id"))
    return str(found["latest"] or 0)


def request_build(kind: str, year: Year, fmt: str, user: Any) -> ReportBuild:
    """The build of this report for the data as it is now: a finished or running one, else a new one."""
    version = data_version()
    found = (
        ReportBuild.objects.filter(kind=kind, year=year, fmt=fmt, version=version)
        .exclude(status=BuildStatus.FAILED)
        .order_by("-created_at")
        .first()
    )
    if found is not None and not _stale(found):
        return found
    build = ReportBuild.objects.create(
        kind=kind,
        year=year,
        fmt=fmt,
        version=version,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if getattr(settings, "JAMFOR_REPORT_BUILDS", "thread") == "inline":
        run(build.pk)
        build.refresh_from_db()
    else:
        _executor.submit(_in_thread, build.pk)
    return build


def _stale(build: ReportBuild) -> bool:
    if build.status == BuildStatus.DONE:
        return False
    return timezone.now() - build.created_at > STALE


def _in_thread(pk: int) -> None:
    close_old_connections()
    try:
        run(pk)
    except Exception:  # the thread has no one to tell but the log; the build turns stale
        log.exception("report build %s could not be recorded", pk)
    finally:
        connections.close_all()


BUG = (
    "Rapporten kunde inte byggas på grund av ett fel i jamfor. Försök igen, och säg till "
    "FoU-analytikern om felet kvarstår."
)


def run(pk: int) -> None:
    """Build one queued report and store the file, or the reason it could not be built."""
    build = ReportBuild.objects.select_related("year").get(pk=pk)
    _write(pk, status=BuildStatus.RUNNING, started_at=timezone.now())
    try:
        chosen = available_formats()[build.fmt]
        report = _BUILDERS[build.kind](build.year)
        if report is None:
            raise JamforError(_NOTHING[build.kind].format(year=build.year.year))
        content = chosen.render(report)
    except JamforError as exc:
        _finish(pk, BuildStatus.FAILED, error=str(exc))
        return
    except Exception:  # a bug must not leave the page waiting for ever
        log.exception("report build %s failed", pk)
        _finish(pk, BuildStatus.FAILED, error=BUG)
        return
    _finish(pk, BuildStatus.DONE, content=content)
    _prune(build)


def _finish(pk: int, status: Any, **values: Any) -> None:
    _write(pk, status=status, finished_at=timezone.now(), **values)


def _write(pk: int, **values: Any) -> None:
    """Update the build, waiting out a moment's lock (SQLite: a reader asking for the state)."""
    for attempt in range(40):
        try:
            ReportBuild.objects.filter(pk=pk).update(**values)
            return
        except OperationalError:
            if attempt == 39:
                raise
            time.sleep(0.25)


def _prune(build: ReportBuild) -> None:
    done = ReportBuild.objects.filter(
        kind=build.kind, year=build.year, fmt=build.fmt, status=BuildStatus.DONE
    ).order_by("-finished_at")
    old = [b.pk for b in done.only("pk")[KEEP:]]
    if old:
        ReportBuild.objects.filter(pk__in=old).delete()
