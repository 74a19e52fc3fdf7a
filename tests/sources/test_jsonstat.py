"""JSON-stat 2.0 answers: the cells in order, sparse values, and answers whose parts disagree."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from jamfor.sources.jsonstat import Dataset, dimensions, observations, role


def _answer(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "class": "dataset",
        "label": "Sjukfall",
        "id": ["Region", "Tid"],
        "size": [2, 3],
        "dimension": {
            "Region": {"label": "region", "category": {"index": ["0125", "0123"]}},
            "Tid": {
                "label": "månad",
                "category": {
                    "index": {"2014M10": 0, "2014M11": 1, "2014M12": 2},
                    "label": {"2014M10": "2014M10", "2014M11": "2014M11", "2014M12": "2014M12"},
                },
            },
        },
        "value": [1, 2, None, 4, 5, ".."],
        "status": {"2": "..", "5": ".."},
        "extension": {"px": {"tableid": "X"}},
        "note": ["a host's own remark"],
    }
    doc.update(changes)
    return doc


def test_cells_in_row_major_order() -> None:
    ds = Dataset.model_validate(_answer())
    cells = [(o.coordinates["Region"], o.coordinates["Tid"], o.value) for o in observations(ds)]
    assert cells == [
        ("0125", "2014M10", 1.0),
        ("0125", "2014M11", 2.0),
        ("0125", "2014M12", None),
        ("0123", "2014M10", 4.0),
        ("0123", "2014M11", 5.0),
        ("0123", "2014M12", None),  # a status symbol written as the value is missing
    ]
    assert [d.categories[0] for d in dimensions(ds)] == [("0125", "0125"), ("2014M10", "2014M10")]
    assert role(ds, "time", ("Tid",)) == "Tid" and role(ds, "metric", ("ContentsCode",)) is None


def test_sparse_values() -> None:
    ds = Dataset.model_validate(_answer(value={"0": 7, "4": 9}))
    assert [o.value for o in observations(ds)] == [7.0, None, None, None, 9.0, None]


@pytest.mark.parametrize(
    "changes",
    [
        {"size": [2, 2]},
        {"value": [1, 2, 3]},
        {"value": {"6": 1}},
        {"id": ["Region"]},
        {"class": "collection"},
    ],
)
def test_parts_that_disagree_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Dataset.model_validate(_answer(**changes))
