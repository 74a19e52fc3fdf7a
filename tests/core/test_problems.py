"""Problems grouped by kind, so a file wrong wholesale does not bury the one different problem."""

from __future__ import annotations

from jamfor.core.problems import InputError, Problem, group_problems


def _bad(row: int, kind: str = "value-not-allowed", field: str = "varde") -> Problem:
    return Problem(kind, f"«x{row}» är inget tillåtet svar.", "f.csv", row, field)


def test_each_kind_lists_its_first_five_and_counts_the_rest_in_first_seen_order() -> None:
    problems = [_bad(r) for r in range(2, 5222)]
    problems.insert(3, _bad(9000, "unknown-unit", "enhet"))
    problems.append(Problem("missing-column", "Kolumnen varde saknas.", "f.csv"))
    groups = group_problems(problems)
    assert [(g.type, g.field, len(g.shown), g.rest) for g in groups] == [
        ("value-not-allowed", "varde", 5, 5215),
        ("unknown-unit", "enhet", 1, 0),
        ("missing-column", None, 1, 0),
    ]
    assert [p.row for p in groups[0].shown] == [2, 3, 4, 5, 6]
    assert groups[0].rest_text() == "… och 5\u00a0215 rader till med samma fel."
    assert groups[1].rest_text() == ""


def test_the_same_type_in_another_column_is_another_kind() -> None:
    problems = [_bad(2), _bad(3, field="enhet"), _bad(4)]
    assert [(g.field, [p.row for p in g.shown]) for g in group_problems(problems, 1)] == [
        ("varde", [2]),
        ("enhet", [3]),
    ]
    assert group_problems(problems, 1)[0].rest_text() == "… och 1 rad till med samma fel."


def test_problems_without_rows_are_counted_as_problems() -> None:
    problems = [Problem("x", "Fel.", "f.csv") for _ in range(7)]
    assert group_problems(problems)[0].rest_text() == "… och 2 fel till av samma slag."
    assert InputError(problems).stop_text() == ""
