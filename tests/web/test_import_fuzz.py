"""Whatever bytes are uploaded, the import ends in a clear error or a stored file — and a bad
file leaves the database exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamfor.core.problems import InputError
from jamfor.web.results.importing import import_results
from jamfor.web.survey.models import Year

from ..support.hostile import EXTREME_TEXTS, workbook_bytes
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
        # real workbooks with extreme cells, some damaged (far cells, claimed extents, cut)
        st.builds(
            workbook_bytes,
            st.lists(
                st.lists(
                    st.sampled_from(["Solna", "Ekerö", "kostnad-per-invanare", "Ja", "12,5"])
                    | st.sampled_from(EXTREME_TEXTS)
                    | st.floats(allow_nan=True, allow_infinity=True),
                    min_size=3,
                    max_size=3,
                ),
                min_size=1,
                max_size=4,
            ).map(lambda rows: [["indikator", "enhet", "varde"], *rows]),
            st.sampled_from(["none", "far-cell", "claimed-extent", "cut"]),
        ),
    ),
    name=st.sampled_from(["oj.csv", "oj.xlsx", "oj.txt"]),
)
def test_any_upload_is_stored_whole_or_not_at_all(
    data: bytes, name: str, year: Year, analyst: Any, login: Callable[[Any], Client]
) -> None:
    before = dump("results", "audit")
    try:
        import_results(year, name, data, analyst)
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        assert dump("results", "audit") == before
    else:
        # whatever was stored, everyone's results page still renders
        assert login(analyst).get("/resultat/2015/").status_code == 200
