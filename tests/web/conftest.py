"""The web app's tests: Django settings, a year with the Nordväst group, one user per role.

Django is configured here rather than in pyproject so that the rest of the
suite runs without it. The database is SQLite in memory unless DATABASE_URL
names another (scripts/test runs these tests again on PostgreSQL). The data
folder (secret key, default SQLite file) is a throwaway one.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

_DATA = tempfile.mkdtemp(prefix="jamfor-webtest-")
atexit.register(shutil.rmtree, _DATA, ignore_errors=True)
os.environ["JAMFOR_DATA_DIR"] = _DATA
os.environ["DJANGO_SETTINGS_MODULE"] = "jamfor.web.settings"

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from jamfor.web.accounts.models import Profile, Role  # noqa: E402
from jamfor.web.survey.models import Year  # noqa: E402
from tests.support import live_server as _live_server  # noqa: E402

_live_server.install()

PASSWORD = "Rätt-hemligt-lösen-42"


@pytest.fixture(autouse=True)
def _reports_built_in_the_request(settings: Any) -> None:
    """Report files are built in the request, where the test's transaction can be seen.

    The background thread is tested on its own (``test_report_builds``).
    """
    settings.JAMFOR_REPORT_BUILDS = "inline"


EKERO, JARFALLA = "0125", "0123"


@pytest.fixture
def year(db: Any) -> Year:
    """2015, the Nordväst group, open for answers for another month."""
    return Year.objects.create(
        year=2015,
        area="ekb",
        group="nordvast",
        deadline=timezone.localdate() + dt.timedelta(days=30),
    )


def make_user(username: str, role: Role, kommun: str = "") -> Any:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Profile.objects.create(user=user, role=role, kommun=kommun)
    user.refresh_from_db()
    return user


@pytest.fixture
def analyst(db: Any) -> Any:
    return make_user("analytiker", Role.ANALYST)


@pytest.fixture
def rep(db: Any) -> Any:
    """Ekerö's representative."""
    return make_user("ekero", Role.REPRESENTATIVE, EKERO)


@pytest.fixture
def other_rep(db: Any) -> Any:
    """Järfälla's representative."""
    return make_user("jarfalla", Role.REPRESENTATIVE, JARFALLA)


@pytest.fixture
def reader(db: Any) -> Any:
    return make_user("lasare", Role.READER)


@pytest.fixture
def login() -> Callable[[Any], Client]:
    """A test client logged in as the given user."""

    def client_for(user: Any) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return client_for


def dump(*labels: str) -> str:
    """The rows of the named apps' tables as JSON, to compare the database before and after."""
    from io import StringIO

    out = StringIO()
    call_command("dumpdata", *labels, format="json", indent=1, stdout=out)
    return out.getvalue()


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Chromium for one test; request it after the database fixtures.

    Playwright's sync API keeps an event loop running in this thread, so Django
    takes the test's code for async code: it must be told the database calls
    are safe, and it keeps their connection apart from the synchronous one, so
    that connection is closed here before the loop stops (PostgreSQL refuses
    to drop a test database someone is still connected to).
    """
    from django.db import connections

    from ..support.browser import chromium

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with chromium() as b:
        yield b
        connections.close_all()


def log_in(page: Any, base: str, username: str) -> None:
    """Log in through the login page as a person does; lands on the start page."""
    page.goto(base + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(base + "/")
