"""Whatever bytes are uploaded, the import ends in a clear error or a stored file — and a bad
file leaves the database exactly as it was."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamfor.core.problems import InputError
from jamfor.web.results.importing import import_results
from jamfor.web.survey.models import Year

from .conftest import dump

EXAMPLE = (resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv").read_bytes()


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.integers(0, len(EXAMPLE)).map(lambda n: EXAMPLE[:n]),  # truncated
        st.just(EXAMPLE.decode("utf-8").encode("latin-1")),
        st.just(b"\xef\xbb\xbf" + EXAMPLE.replace(b",", b";")),
    ),
    name=st.sampled_from(["oj.csv", "oj.xlsx", "oj.txt"]),
)
def test_any_upload_is_stored_whole_or_not_at_all(
    data: bytes, name: str, year: Year, analyst: Any
) -> None:
    before = dump("results", "audit")
    try:
        import_results(year, name, data, analyst)
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        assert dump("results", "audit") == before
