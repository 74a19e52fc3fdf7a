"""Report files are built beside the requests, in a thread, and served once built.

These tests use the thread as the server does (``JAMFOR_REPORT_BUILDS =
"thread"``) and a database the thread can see (committed, not a test
transaction).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from jamfor.web.audit.log import record
from jamfor.web.results.builds import request_build
from jamfor.web.results.importing import import_results
from jamfor.web.results.models import BuildStatus, ReportBuild
from jamfor.web.survey.models import Year

from .cycle_support import EXAMPLE

pytestmark = pytest.mark.django_db(transaction=True)


def _finished(build: ReportBuild, seconds: float = 120) -> ReportBuild:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        build.refresh_from_db()
        if build.status in (BuildStatus.DONE, BuildStatus.FAILED):
            return build
        time.sleep(0.25)
    raise AssertionError(f"build {build.pk} still {build.status}")


@pytest.fixture
def threaded(settings: Any) -> None:
    settings.JAMFOR_REPORT_BUILDS = "thread"


def test_a_download_answers_at_once_and_the_file_is_built_beside_it(
    threaded: None, year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    c = login(analyst)
    r = c.get("/resultat/2015/rapport.html")
    build = ReportBuild.objects.get()
    # the request only records the build and sends the browser to its progress page
    assert r.status_code == 302 and r["Location"] == f"/resultat/2015/rapporter/{build.pk}/"
    page = c.get(r["Location"])
    assert "Rapporten 2015 (HTML)" in page.content.decode()
    assert _finished(build).status == BuildStatus.DONE
    assert c.get(f"/resultat/2015/rapporter/{build.pk}/status/").json() == {
        "status": "done",
        "text": "Rapporten är klar.",
        "error": "",
    }
    file = c.get(f"/resultat/2015/rapporter/{build.pk}/fil/")
    assert file["Content-Disposition"] == 'attachment; filename="rapport-2015-nordvast.html"'
    assert b"Resultat av" in file.content or b"<!DOCTYPE html>" in file.content[:200]
    # the same data: the file at once, no new build
    again = c.get("/resultat/2015/rapport.html")
    assert again.status_code == 200 and again.content == file.content
    assert ReportBuild.objects.count() == 1
    # a write makes the file out of date: a new build
    record(analyst, "test.ändrad", "Ändrade något", year, None, {"x": 1})
    assert c.get("/resultat/2015/rapport.html").status_code == 302
    assert ReportBuild.objects.count() == 2
    _finished(ReportBuild.objects.order_by("-pk").first())


def test_a_build_that_fails_says_why_and_a_lost_one_starts_again(
    threaded: None, year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    # no development cycle: the knowledge report cannot be built (a bug path, not a hang)
    build = _finished(request_build("kunskap", year, "html", analyst))
    assert build.status == BuildStatus.FAILED
    assert build.error.startswith("Rapporten kunde inte byggas på grund av ett fel i jamfor.")
    import_results(year, "oj-2015.csv", EXAMPLE, analyst)
    lost = request_build("resultat", year, "html", analyst)
    _finished(lost)
    ReportBuild.objects.filter(pk=lost.pk).update(
        status=BuildStatus.RUNNING, created_at=timezone.now() - dt.timedelta(minutes=11)
    )
    again = request_build("resultat", year, "html", analyst)
    assert again.pk != lost.pk
    assert _finished(again).status == BuildStatus.DONE
    c = login(analyst)
    page = c.get(f"/resultat/2015/rapporter/{build.pk}/")
    assert page.status_code == 404  # a knowledge build is not read through the results' address
