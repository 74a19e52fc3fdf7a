"""Who reaches what, checked over every URL in the URLconf.

The tests walk django.urls.get_resolver() instead of a list of known pages,
so a view added later is checked too: it must declare an access level, a
parameter the tests do not know fails them until a sample is added here, and
a parameter naming a municipality must be called ``kommun`` and be guarded by
the municipality rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jamfor.web.accounts.access import LEVELS
from jamfor.web.accounts.models import Role
from jamfor.web.survey.models import Response, Status, Year

from .conftest import EKERO, JARFALLA, dump, make_user
from .routes import ROUTES, make_samples, url_for

UNIT_WORDS = re.compile(r"kommun|unit|enhet|lan|municipal|district|delomrade", re.I)
KOMMUN_LEVELS = {"kommun-page", "kommun-action"}
WRITE_REFUSED = (403, 405)
JAMFOR_APPS = ("accounts", "audit", "survey", "results", "development", "auth.user")


@pytest.fixture
def samples(year: Year) -> dict[str, str]:
    """A value for every URL parameter; a parameter without one fails the tests."""
    return make_samples(year)


def test_the_urlconf_was_found() -> None:
    names = {r.name for r in ROUTES}
    assert {"home", "login", "survey:section", "results:dashboard", "audit-log"} <= names
    assert len(ROUTES) >= 20


def test_every_view_declares_who_may_open_it() -> None:
    for r in ROUTES:
        assert r.access in LEVELS, f"{r.route} ({r.name}) declares no access level"


def test_a_municipality_parameter_is_always_guarded_by_the_municipality_rules() -> None:
    for r in ROUTES:
        unit_like = [p for p in r.params if UNIT_WORDS.search(p)]
        assert unit_like in ([], ["kommun"]), (
            f"{r.route}: a municipality is named by a parameter {unit_like}; call it «kommun» "
            "and wrap the view in kommun_page or kommun_action"
        )
        if "kommun" in r.params:
            assert r.access in KOMMUN_LEVELS, f"{r.route} names a kommun but is {r.access}"
        else:
            assert r.access not in KOMMUN_LEVELS, r.route
    assert sum("kommun" in r.params for r in ROUTES) >= 5


@pytest.fixture
def two_drafts(year: Year, rep: Any, other_rep: Any, login: Callable[[Any], Client]) -> None:
    """Ekerö has a draft; Järfälla has a submission (answers marked done)."""
    page = "/enkat/2015/{}/sida/intern-samordning/"
    login(rep).post(page.format(EKERO), {"svar-1-bou": "ja"})
    login(other_rep).post(page.format(JARFALLA), {"svar-1-bou": "nej", "kommentar-1": "Hemligt"})
    Response.objects.filter(kommun=JARFALLA).update(status=Status.SUBMITTED)


@pytest.mark.usefixtures("two_drafts")
def test_a_representative_cannot_reach_another_municipality_by_any_url(
    rep: Any, samples: dict[str, str], login: Callable[[Any], Client]
) -> None:
    c = login(rep)
    before = dump(*JAMFOR_APPS)
    checked = []
    for r in ROUTES:
        if "kommun" not in r.params:
            continue
        url = url_for(r, samples, JARFALLA)
        for method in ("get", "post"):
            response = getattr(c, method)(url, {"svar-1-bou": "ja"} if method == "post" else {})
            assert response.status_code in (403, 404), (method, url, response.status_code)
            assert "Hemligt" not in response.content.decode()
        checked.append(r.name)
        # the same page for the representative's own municipality is not refused
        own = c.get(url_for(r, samples, EKERO))
        expected = (200, 302) if r.access == "kommun-page" else (405,)
        assert own.status_code in expected, (r.route, own.status_code)
    assert dump(*JAMFOR_APPS) == before
    assert {
        "survey:start",
        "survey:section",
        "survey:overview",
        "survey:complete",
        "survey:check",
        "development:kommun-answers",
        "development:answer",
        "development:answer-autosave",
        "development:answer-statistics",
        "development:answer-versions",
        "development:plan",
        "development:plan-autosave",
        "development:plan-versions",
    } <= set(checked)


@pytest.mark.usefixtures("two_drafts")
def test_a_municipality_outside_the_group_or_a_missing_year_is_not_found(
    rep: Any, login: Callable[[Any], Client]
) -> None:
    solna_rep = make_user(
        "solna-utanfor", Role.REPRESENTATIVE, "0180"
    )  # Stockholm: not in Nordväst
    c = login(solna_rep)
    assert c.get("/enkat/2015/0180/").status_code == 404
    assert c.get("/enkat/2015/").status_code == 404
    missing = login(rep).get("/enkat/2016/0125/")
    assert missing.status_code == 404
    assert "Året 2016 finns inte i jamfor." in missing.content.decode()
    no_page = login(rep).get("/enkat/2015/0125/sida/finns-inte/")
    assert "Enkäten har ingen sådan sida." in no_page.content.decode()


def test_anonymous_users_are_sent_to_the_login_page(samples: dict[str, str]) -> None:
    c = Client()
    for r in ROUTES:
        if r.access == "public":
            continue
        url = url_for(r, samples, EKERO)
        response = c.get(url)
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith("/konto/logga-in/?next="), url
    assert c.get("/konto/logga-in/").status_code == 200


@pytest.mark.usefixtures("two_drafts")
def test_readers_read_results_and_write_nothing(
    reader: Any, samples: dict[str, str], login: Callable[[Any], Client]
) -> None:
    c = login(reader)
    before = dump(*JAMFOR_APPS)
    for r in ROUTES:
        if r.access in ("public", "authenticated"):
            continue  # logging in and out, and changing one's own password
        url = url_for(r, samples, EKERO)
        response = c.post(url, {"svar-1-bou": "nej", "participants": "X", "date": "2015-05-01"})
        assert response.status_code in WRITE_REFUSED, (url, response.status_code)
        got = c.get(url).status_code
        if r.access == "member":
            assert got in (200, 404), (url, got)  # 404: no results imported yet
        else:
            assert got == 403, (url, got)
    assert dump(*JAMFOR_APPS) == before


def test_only_analysts_reach_the_analyst_pages(
    rep: Any, reader: Any, analyst: Any, samples: dict[str, str], login: Callable[[Any], Client]
) -> None:
    analyst_routes = [r for r in ROUTES if r.access == "analyst"]
    assert {r.name for r in analyst_routes} >= {
        "audit-log",
        "survey:review",
        "survey:review-csv",
        "survey:review-xlsx",
        "results:upload",
        "survey:meeting-new",
        "development:candidates",
        "development:answers",
        "development:reminders",
        "development:publish",
        "development:decision",
        "development:milestone-new",
        "development:followup-new",
    }
    for user in (rep, reader):
        c = login(user)
        for r in analyst_routes:
            url = url_for(r, samples, EKERO)
            assert c.get(url).status_code == 403, (user, url)
            assert c.post(url, {}).status_code == 403, (user, url)
    c = login(analyst)
    for r in analyst_routes:
        url = url_for(r, samples, EKERO)
        assert c.get(url).status_code in (200, 405), url


def test_only_analysts_reach_the_admin(
    rep: Any, reader: Any, analyst: Any, login: Callable[[Any], Client]
) -> None:
    assert analyst.is_staff and not rep.is_staff
    for user in (rep, reader):
        response = login(user).get("/admin/")
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        assert login(user).get("/admin/audit/auditrecord/").status_code == 302
    # staff status alone is not enough: the role decides
    rep.is_staff = True
    rep.save()
    assert login(rep).get("/admin/").status_code == 302
    c = login(analyst)
    assert c.get("/admin/").status_code == 200
    for page in (
        "/admin/auth/user/",
        "/admin/survey/year/",
        "/admin/survey/meeting/",
        "/admin/survey/response/",
        "/admin/results/resultvalue/",
        "/admin/audit/auditrecord/",
    ):
        assert c.get(page).status_code == 200, page
