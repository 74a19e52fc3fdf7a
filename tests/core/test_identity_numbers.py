from __future__ import annotations

import pytest

from jamfor.core.identity_numbers import contains_identity_number


@pytest.mark.parametrize(
    "text", ["811218-9876", "19811218-9876", "8112189876", "198112189876", "811278-9873"]
)
def test_recognised(text: str) -> None:
    assert contains_identity_number(text)


@pytest.mark.parametrize(
    "text", ["811218-9875", "37.5 %", "0125", "1095", "2015-04-24", "Ja", "20151301-1234"]
)
def test_not_identity_numbers(text: str) -> None:
    assert not contains_identity_number(text)
