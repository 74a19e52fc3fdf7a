"""How many database queries the busiest pages make (bench/web.py measures them under load).

The dashboard and the survey page are what every member opens, many at once
around a deadline. Each query is a round trip to PostgreSQL, and one per row
would grow with the data, so the counts are pinned here.

A change that makes one of these pages read more updates its number in
``QUERIES`` below, and says in its commit message what the new query is for.
The counts do not depend on the data's size: the survey page makes the same
number on every section, however many questions it has.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jamfor.web.accounts.models import Role
from jamfor.web.example import load_example
from jamfor.web.results.views import _report_part
from jamfor.web.survey.models import Year
from tests.web.conftest import EKERO, make_user

QUERIES = {
    # session, user with role, year, the data's version (audit log); the rest is cached
    "dashboard": 4,
    # and the imports an analyst may undo
    "dashboard (analyst)": 5,
    # session, user with role, year, the response, the interpretations with their meetings
    "survey page": 5,
}


@pytest.fixture
def example(db: Any) -> Year:
    return load_example().year


def _client(login: Callable[[Any], Client], role: Role) -> Client:
    user = make_user(f"matt-{role.value}", role, EKERO if role == Role.REPRESENTATIVE else "")
    return login(user)


@pytest.mark.parametrize("role", [Role.REPRESENTATIVE, Role.ANALYST, Role.READER])
def test_dashboard_reads_the_cached_report_in_a_fixed_number_of_queries(
    example: Year,
    login: Callable[[Any], Client],
    role: Role,
    django_assert_num_queries: Any,
) -> None:
    client = _client(login, role)
    assert client.get("/resultat/2015/").status_code == 200  # computes and caches the report
    assert _report_part(example) is not None
    name = "dashboard (analyst)" if role == Role.ANALYST else "dashboard"
    with django_assert_num_queries(QUERIES[name]):
        assert client.get("/resultat/2015/").status_code == 200


def test_survey_page_makes_the_same_queries_on_every_section(
    example: Year, login: Callable[[Any], Client], django_assert_num_queries: Any
) -> None:
    client = _client(login, Role.REPRESENTATIVE)
    survey = example.catalog.survey
    assert survey is not None and len(survey.sections) > 3
    for section in survey.sections:
        url = f"/enkat/2015/{EKERO}/sida/{section.id}/"
        with django_assert_num_queries(QUERIES["survey page"]):
            assert client.get(url).status_code == 200, url
