"""The 2015 example in the web app: the year, the quality meeting, the results, demo accounts.

``jamfor serve --with-example`` loads it so that the app can be tried at once:
FoU-Nordväst's published 2015 results, the protocol of the quality meeting
2015-04-24 and three demo accounts with fresh passwords. Loading it again
changes nothing but the passwords.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from importlib import resources

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from jamfor.registry.loader import load_registry
from jamfor.web.accounts.models import Role
from jamfor.web.accounts.users import create_user, set_password
from jamfor.web.audit.log import record, snapshot
from jamfor.web.results.importing import import_results
from jamfor.web.survey.interpretations import load_catalog_protocol
from jamfor.web.survey.models import Year

EXAMPLE_YEAR = 2015
EXAMPLE_GROUP = "nordvast"
EXAMPLE_FILE = "oj-ekb-2015-nordvast.csv"
ACTOR = "jamfor serve --with-example"
DEMO_USERS = (
    ("demo-analytiker", Role.ANALYST, ""),
    ("demo-ekero", Role.REPRESENTATIVE, "0125"),
    ("demo-lasare", Role.READER, ""),
)
OPEN_DAYS = 28
"""The example survey stays open this long from loading, so the demo representative can answer."""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role
    kommun: str

    @property
    def description(self) -> str:
        if not self.kommun:
            return self.role.label
        return f"{self.role.label} för {load_registry().units[self.kommun].name}"


@dataclass(frozen=True)
class Example:
    year: Year
    accounts: tuple[DemoAccount, ...]


def _password() -> str:
    return "-".join(secrets.token_urlsafe(4) for _ in range(3))


@transaction.atomic
def load_example(today: dt.date | None = None) -> Example:
    """Load (or top up) the example and give each demo account a new password."""
    today = today or timezone.localdate()
    year, created = Year.objects.get_or_create(
        year=EXAMPLE_YEAR,
        defaults={
            "area": "ekb",
            "group": EXAMPLE_GROUP,
            "deadline": today + dt.timedelta(days=OPEN_DAYS),
        },
    )
    if created:
        record(
            None, "år.skapat", f"Lade upp året {year}", year, None, snapshot(year), actor_name=ACTOR
        )
    load_catalog_protocol(year, None, actor_name=ACTOR)
    content = (resources.files("jamfor.examples") / EXAMPLE_FILE).read_bytes()
    import_results(year, EXAMPLE_FILE, content, None, actor_name=ACTOR)

    User = get_user_model()
    accounts = []
    for username, role, kommun in DEMO_USERS:
        password = _password()
        existing = User._default_manager.filter(username=username).first()
        if existing is None:
            create_user(username, role, password, kommun=kommun, actor_name=ACTOR)
        else:
            set_password(existing, password, actor_name=ACTOR)
        accounts.append(DemoAccount(username, password, role, kommun))
    return Example(year=year, accounts=tuple(accounts))
