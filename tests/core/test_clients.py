"""Client statistics: the four tables counted by hand, shares, case ids and suppression."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamfor.core.clients import (
    BREAKDOWNS,
    TOTAL,
    CellKey,
    ClientStatistics,
    Decision,
    compile_statistics,
    format_share,
    protect,
    statistics_to_dict,
)

CODES = ("021", "022", "023", "031", "032")
SOLNA = ("0184", "Solna")


def _many(n: int, code: str, sex: str, age: int, children: bool, kommun: str = "0184"):  # type: ignore[no-untyped-def]
    return [Decision(kommun, code, sex, age, children) for _ in range(n)]  # type: ignore[arg-type]


# 50 decisions: 021 ×7, 022 ×20, 023 none, 031 ×22, 032 ×1; 40 men and 10 women.
FIFTY = [
    *_many(5, "021", "M", 25, False),
    *_many(2, "021", "K", 40, True),
    *_many(15, "022", "M", 30, False),
    *_many(5, "022", "K", 22, True),
    *_many(19, "031", "M", 50, False),
    *_many(3, "031", "K", 29, False),  # 29 is "29 år eller äldre"
    *_many(1, "032", "M", 28, True),  # 28 is "Yngre än 29 år"
]

# Counted by hand; shares are of the column's Totalt, half-up to whole percent.
EXPECTED_FIFTY = {
    "orsakskod": {
        # 7/50 = 14 %, 20/50 = 40 %, 22/50 = 44 %, 1/50 = 2 %
        "Alla": [(7, "14 %"), (20, "40 %"), (0, "-"), (22, "44 %"), (1, "2 %"), (50, "100 %")],
    },
    "kon": {
        # 5/40 = 12,5 → 13; 15/40 = 37,5 → 38; 19/40 = 47,5 → 48; 1/40 = 2,5 → 3 (half-up)
        "Män": [(5, "13 %"), (15, "38 %"), (0, "-"), (19, "48 %"), (1, "3 %"), (40, "100 %")],
        "Kvinnor": [(2, "20 %"), (5, "50 %"), (0, "-"), (3, "30 %"), (0, "-"), (10, "100 %")],
    },
    "alder": {
        # younger: 5 (021 M25) + 5 (022 K22) + 1 (032 M28) = 11; 5/11 = 45,45; 1/11 = 9,09
        "Yngre än 29 år": [(5, "45 %"), (5, "45 %"), (0, "-"), (0, "-"), (1, "9 %"), (11, "100 %")],
        # older: 2 + 15 + 22 = 39; 2/39 = 5,13; 15/39 = 38,46; 22/39 = 56,41
        "29 år eller äldre": [
            (2, "5 %"),
            (15, "38 %"),
            (0, "-"),
            (22, "56 %"),
            (0, "-"),
            (39, "100 %"),
        ],
    },
    "barn": {
        # without: 5 + 15 + 22 = 42; 5/42 = 11,9; 15/42 = 35,7; 22/42 = 52,4
        "Utan barn": [(5, "12 %"), (15, "36 %"), (0, "-"), (22, "52 %"), (0, "-"), (42, "100 %")],
        # with: 2 + 5 + 1 = 8; 2/8 = 25; 5/8 = 62,5 → 63 (not 62); 1/8 = 12,5 → 13
        "Med barn": [(2, "25 %"), (5, "63 %"), (0, "-"), (0, "-"), (1, "13 %"), (8, "100 %")],
    },
}


def _printed(stats: ClientStatistics) -> dict[str, dict[str, list[tuple[int | str, str]]]]:
    return {
        t.id: {
            col.label: [(c.antal, c.andel) for c in (*col.cells, col.total)] for col in t.columns
        }
        for t in stats.tables
    }


def test_the_four_tables_counted_by_hand() -> None:
    (stats,) = compile_statistics(FIFTY, CODES, [SOLNA])
    assert stats.kommun == "Solna" and stats.kommunkod == "0184"
    assert [t.id for t in stats.tables] == ["orsakskod", "kon", "alder", "barn"]
    assert stats.tables[0].title == "Klienter och orsakskoder"
    assert _printed(stats) == EXPECTED_FIFTY
    assert stats.excluded == 0 and stats.notes == () and not stats.by_case
    assert all(t.notes == () for t in stats.tables)


def test_shares_are_rounded_half_up_with_zero_and_below_one_percent() -> None:
    assert format_share(5, 8) == "63 %"  # 62,5: float round() would give 62
    assert format_share(0, 8) == "-"
    assert format_share(0, 0) == "-"
    assert format_share(1, 201) == "<1 %"  # 0,4975 %
    assert format_share(1, 200) == "1 %"  # 0,5 % rounds up
    assert format_share(8, 8) == "100 %"


def test_a_column_of_more_than_a_hundred_rows_shows_below_one_percent() -> None:
    decisions = [*_many(1, "021", "K", 40, False), *_many(300, "022", "K", 40, False)]
    decisions += _many(150, "031", "M", 40, False) + _many(1, "032", "M", 40, False)
    (stats,) = compile_statistics(decisions, CODES, [SOLNA])
    women = stats.table("kon").column("Kvinnor")
    assert [(c.antal, c.andel) for c in women.cells[:2]] == [(1, "<1 %"), (300, "100 %")]
    assert (women.total.antal, women.total.andel) == (301, "100 %")
    men = stats.table("kon").column("Män")
    assert men.cells[4].andel == "1 %"  # 1/151 = 0,66 % rounds to 1


def test_an_empty_column_shows_zero_and_dash() -> None:
    (stats,) = compile_statistics(_many(4, "021", "M", 40, False), CODES, [SOLNA])
    women = stats.table("kon").column("Kvinnor")
    assert [(c.antal, c.andel) for c in (*women.cells, women.total)] == [(0, "-")] * 6
    assert stats.table("orsakskod").cell("Alla", TOTAL).andel == "100 %"


def test_codes_outside_the_study_are_left_out_and_noted() -> None:
    decisions = [*_many(3, "021", "M", 40, False), *_many(4, "031", "K", 40, False)]
    (stats,) = compile_statistics(decisions, ("021", "022"), [SOLNA])
    table = stats.table("orsakskod")
    assert table.codes == ("021", "022")
    assert [c.antal for c in table.columns[0].cells] == [3, 0]
    assert table.columns[0].total.antal == 3
    assert stats.excluded == 4
    assert stats.notes == ("4 beslut med andra orsakskoder ingår inte.",)


def test_a_case_with_several_rows_is_counted_once_per_table() -> None:
    decisions = [
        Decision("0184", "021", "K", 30, True, "A"),
        Decision("0184", "021", "K", 30, True, "A"),  # the same case next month
        Decision("0184", "022", "K", 30, True, "A"),  # and then with another code
        Decision("0184", "021", "M", 50, False, "B"),
        Decision("0184", "021", "M", 50, False, "B"),
        Decision("0125", "021", "M", 50, False, "A"),  # "A" in Ekerö is another case
    ]
    ekero, solna, group = compile_statistics(
        decisions, CODES, [("0125", "Ekerö"), SOLNA], with_group=True
    )
    alla = solna.table("orsakskod").column("Alla")
    assert [(c.antal, c.andel) for c in alla.cells[:2]] == [(2, "100 %"), (1, "50 %")]
    assert alla.total.antal == 2  # two cases, five rows
    assert solna.table("kon").cell("Kvinnor", "021").antal == 1
    assert solna.table("kon").cell("Kvinnor", TOTAL).antal == 1
    assert ekero.table("orsakskod").cell("Alla", TOTAL).antal == 1
    assert group.table("orsakskod").cell("Alla", "021").antal == 3
    assert group.table("orsakskod").cell("Alla", TOTAL).antal == 3
    assert solna.by_case
    for table in solna.tables:
        assert len(table.notes) == 1
        assert "räknas en gång per tabell" in table.notes[0]


def test_the_group_is_summed_after_its_municipalities() -> None:
    decisions = [*FIFTY, *_many(3, "023", "K", 70, False, kommun="0125")]
    out = compile_statistics(decisions, CODES, [("0125", "Ekerö"), SOLNA], with_group=True)
    assert [(s.kommun, s.kommunkod) for s in out] == [
        ("Ekerö", "0125"),
        ("Solna", "0184"),
        ("Alla", None),
    ]
    group = out[2].table("orsakskod").column("Alla")
    # 021 7, 022 20, 023 3, 031 22, 032 1 of 53
    assert [(c.antal, c.andel) for c in (*group.cells, group.total)] == [
        (7, "13 %"),
        (20, "38 %"),
        (3, "6 %"),
        (22, "42 %"),
        (1, "2 %"),
        (53, "100 %"),
    ]


# ---------------------------------------------------------------------- suppression


def _column(
    counts: dict[str, int],
) -> tuple[dict[CellKey, int], list[tuple[CellKey, tuple[CellKey, ...]]]]:
    keyed = {(0, "t", "c", code): n for code, n in counts.items()}
    parts = tuple(k for k in keyed if k[3] != TOTAL)
    return keyed, [((0, "t", "c", TOTAL), parts)]


def test_a_lone_small_cell_takes_the_next_smallest_with_it() -> None:
    counts, constraints = _column({"021": 2, "022": 10, "023": 0, "031": 7, "032": 30, TOTAL: 49})
    withheld = protect(counts, constraints, min_cell=3)
    # 2 is below 3; alone, it would be 49 − 10 − 0 − 7 − 30. The next smallest
    # non-zero cell, 7, goes with it; the zero stays.
    assert withheld == {(0, "t", "c", "021"): "below", (0, "t", "c", "031"): "complementary"}


def test_two_small_cells_protect_each_other_and_ties_take_the_first() -> None:
    counts, constraints = _column({"021": 1, "022": 2, "031": 9, TOTAL: 12})
    assert set(protect(counts, constraints, 3).values()) == {"below"}
    counts, constraints = _column({"021": 1, "022": 9, "031": 9, TOTAL: 19})
    assert protect(counts, constraints, 3)[(0, "t", "c", "022")] == "complementary"
    assert (0, "t", "c", "031") not in protect(counts, constraints, 3)


def test_a_withheld_total_takes_a_part_with_it() -> None:
    counts, constraints = _column({"021": 4, "022": 6, TOTAL: 10})
    withheld = protect({**counts, (9, "x", "y", "z"): 0}, constraints, 3)
    assert withheld == {}
    # Totalt withheld from elsewhere (as a part of another sum): 4 + 6 would give it back.
    constraints.append(((1, "t", "c", TOTAL), ((0, "t", "c", TOTAL), (2, "t", "c", TOTAL))))
    counts[(1, "t", "c", TOTAL)] = 12
    counts[(2, "t", "c", TOTAL)] = 2
    withheld = protect(counts, constraints, 3)
    assert withheld[(2, "t", "c", TOTAL)] == "below"
    assert withheld[(0, "t", "c", TOTAL)] == "complementary"
    assert withheld[(0, "t", "c", "021")] == "complementary"
    assert withheld[(0, "t", "c", "022")] == "complementary"


def test_suppression_of_the_fifty_traced_by_hand() -> None:
    (stats,) = compile_statistics(FIFTY, CODES, [SOLNA], min_cell=3)
    marks = {
        (t.id, col.label, code): cell.antal
        for t in stats.tables
        for col in t.columns
        for code, cell in [*zip(t.codes, col.cells, strict=True), (TOTAL, col.total)]
        if cell.withheld
    }
    below = {k for k, v in marks.items() if v == "<3"}
    complementary = {k for k, v in marks.items() if v == ".."}
    assert below == {
        ("orsakskod", "Alla", "032"),
        ("kon", "Män", "032"),
        ("kon", "Kvinnor", "021"),
        ("alder", "Yngre än 29 år", "032"),
        ("alder", "29 år eller äldre", "021"),
        ("barn", "Med barn", "021"),
        ("barn", "Med barn", "032"),
    }
    assert complementary == {
        # columns: the next smallest beside a lone "<3"
        ("orsakskod", "Alla", "021"),  # 7 beside 032
        ("kon", "Män", "021"),  # 5 beside 032
        ("kon", "Kvinnor", "031"),  # 3 beside 021
        ("alder", "Yngre än 29 år", "021"),  # 5, tied with 022 and first
        ("alder", "29 år eller äldre", "022"),  # 15 beside 021
        # rows: table 1's 031 (22) = Män + Kvinnor, and Kvinnor's 031 is hidden
        ("kon", "Män", "031"),
        ("alder", "Yngre än 29 år", "022"),  # 022 row: older 15 hidden
        ("barn", "Utan barn", "021"),  # 021 row: Med barn hidden
        ("barn", "Utan barn", "022"),  # then Utan barn's column had one
        ("barn", "Med barn", "022"),  # and the 022 row one
    }
    alla = stats.table("orsakskod").column("Alla")
    assert [(c.antal, c.andel) for c in (*alla.cells, alla.total)] == [
        ("..", ".."),
        (20, "40 %"),
        (0, "-"),
        (22, "44 %"),
        ("<3", "<3"),
        (50, "100 %"),
    ]
    assert any("Röjandeskydd" in n and "«<3»" in n and "«..»" in n for n in stats.notes)
    doc = statistics_to_dict(stats)
    assert doc["tables"][0]["columns"]["Alla"]["032"] == {"antal": "<3", "andel": "<3"}
    assert doc["min_cell"] == 3


def test_a_small_excluded_count_is_not_printed_under_suppression() -> None:
    decisions = [*_many(5, "021", "M", 40, False), *_many(2, "031", "M", 40, False)]
    (stats,) = compile_statistics(decisions, ("021",), [SOLNA], min_cell=3)
    assert stats.notes[0] == "Färre än 3 beslut med andra orsakskoder ingår inte."


def test_min_cell_below_two_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        compile_statistics(FIFTY, CODES, [SOLNA], min_cell=1)


def test_a_decision_outside_the_rules_cannot_be_made() -> None:
    with pytest.raises(ValueError):
        Decision("0184", "021", "M", 15, False)
    with pytest.raises(ValueError):
        Decision("0184", "021", "X", 40, False)  # type: ignore[arg-type]


# ------------------------------------------------------------------------ properties

DECISIONS = st.lists(
    st.builds(
        Decision,
        kommun=st.sampled_from(["0184", "0125"]),
        code=st.sampled_from([*CODES, "011"]),
        sex=st.sampled_from(["K", "M"]),
        age=st.integers(16, 120),
        children=st.booleans(),
    ),
    max_size=60,
)


@settings(max_examples=200)
@given(decisions=DECISIONS)
def test_counts_sum_to_totalt_and_every_table_to_table_one(decisions: list[Decision]) -> None:
    units = [("0125", "Ekerö"), SOLNA]
    for stats in compile_statistics(decisions, CODES, units, with_group=True):
        first_total = stats.table("orsakskod").columns[0].total.count
        for table in stats.tables:
            for col in table.columns:
                assert sum(c.count for c in col.cells) == col.total.count
            assert sum(col.total.count for col in table.columns) == first_total
            for i in range(len(CODES)):
                first = stats.table("orsakskod").columns[0].cells[i].count
                assert sum(col.cells[i].count for col in table.columns) == first
        own = [d for d in decisions if stats.kommunkod in (None, d.kommun)]
        assert first_total == sum(1 for d in own if d.code in CODES)
        assert stats.excluded == sum(1 for d in own if d.code not in CODES)


@settings(max_examples=200)
@given(decisions=DECISIONS, min_cell=st.integers(2, 6))
def test_no_withheld_count_can_be_recomputed_by_subtraction(
    decisions: list[Decision], min_cell: int
) -> None:
    units = [("0125", "Ekerö"), SOLNA]
    out = compile_statistics(decisions, CODES, units, with_group=True, min_cell=min_cell)

    def cells(s: ClientStatistics, table_id: str, row: int) -> list[tuple[int, bool]]:
        t = s.table(table_id)
        return [
            ((c := col.total if row < 0 else col.cells[row]).count, c.withheld) for col in t.columns
        ]

    for s in out:
        for table in s.tables:
            for col in table.columns:
                for cell in (*col.cells, col.total):
                    # every small count is withheld, zeros never, and "<N" only for small ones
                    assert cell.withheld == (cell.mark is not None)
                    if 0 < cell.count < min_cell:
                        assert cell.antal == f"<{min_cell}"
                    if cell.count == 0:
                        assert not cell.withheld
                    if cell.antal == f"<{min_cell}":
                        assert 0 < cell.count < min_cell
                hidden = sum(c.withheld for c in col.cells)
                if hidden == 1:  # allowed only when it is the column's one count and Totalt
                    assert col.total.withheld
                    assert all(c.count == 0 for c in col.cells if not c.withheld)
                assert not (col.total.withheld and hidden == 0 and col.total.count)
        # table 1 against each other table, row by row (Totalt as row -1)
        for b in BREAKDOWNS[1:]:
            for row in [*range(len(CODES)), -1]:
                pair = cells(s, b.id, row)
                if sum(hidden for _, hidden in pair) == 1:  # then it equals table 1's cell
                    assert all(n == 0 for n, hidden in pair if not hidden)
                    assert cells(s, "orsakskod", row)[0][1]
    # the group against its municipalities
    group = out[-1]
    for t in group.tables:
        for ci, col in enumerate(t.columns):
            for row in [*range(len(CODES)), -1]:
                parts = [
                    (
                        m.table(t.id).columns[ci].total
                        if row < 0
                        else m.table(t.id).columns[ci].cells[row]
                    )
                    for m in out[:-1]
                ]
                hidden = [p.withheld for p in parts]
                total = col.total if row < 0 else col.cells[row]
                if sum(hidden) == 1:  # then it equals the group's cell
                    assert total.withheld
                    assert all(p.count == 0 for p in parts if not p.withheld)
                assert not (total.withheld and not any(hidden) and total.count)


def test_shares_of_a_column_with_a_withheld_total_are_withheld() -> None:
    # Ekerö has 2 men, so Män Totalt is "<3"; Kvinnor Totalt would give it back
    # from table 1's Totalt, so it is withheld too, and with it its shares.
    decisions = [*_many(2, "021", "M", 40, False), *_many(8, "021", "K", 40, False)]
    decisions += _many(6, "022", "K", 40, False)
    (stats,) = compile_statistics(decisions, CODES, [SOLNA], min_cell=3)
    women = stats.table("kon").column("Kvinnor")
    assert women.total.antal == ".."
    assert all(c.andel in ("..", "-") for c in women.cells)
    assert women.total.andel == "100 %"
    assert stats.table("orsakskod").column("Alla").total.antal == 16
    assert women.cells[0].share == Decimal(8) * 100 / Decimal(14)
