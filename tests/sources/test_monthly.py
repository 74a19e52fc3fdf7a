"""Series files in long form, CSV and Excel: read, and every problem named by row and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamfor.core.problems import InputError, JamforError
from jamfor.registry.model import Registry
from jamfor.sources.monthly import load_series_files, pick_series

from ..conftest import write_csv


def test_csv_with_names_codes_and_pxweb_periods(tmp_path: Path, registry: Registry) -> None:
    path = write_csv(
        tmp_path / "sjukfall.csv",
        [
            ["Kommun", "Period", "Värde", "Enhet", "Källa"],
            ["Ekerö", "2014M10", "12", "antal", "Försäkringskassan"],
            ["0123", "2014-11", "1 095", "antal", "Försäkringskassan"],
            ["Solna", "2014-12", "..", "antal", "Försäkringskassan"],
        ],
        sep=";",
    )
    [s] = load_series_files([path], registry)
    assert s.unit == "antal" and s.source == "Försäkringskassan"
    assert [(v.unit, v.period, v.value) for v in s.values] == [
        ("0125", "2014-10", Decimal(12)),
        ("0123", "2014-11", Decimal(1095)),
        ("0184", "2014-12", None),
    ]


def test_excel_with_several_series(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "andelar.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Data")
    rows = [
        ["kommunkod", "enhet", "period", "varde", "serie", "matenhet"],
        ["0125", "Ekerö", "2012-03", 4.5, "Andel sjukskrivna", "procent"],
        ["0125", "Ekerö", "2012-04", 4.75, "Andel sjukskrivna", "procent"],
        ["0125", "Ekerö", "2012-03", 31, "Antal sjukfall", "antal"],
    ]
    for r, row in enumerate(rows):
        ws.write_row(r, 0, row)
    wb.close()
    series = load_series_files([path], registry)
    assert [s.name for s in series] == ["Andel sjukskrivna", "Antal sjukfall"]
    share = pick_series(series, "andel sjukskrivna")
    assert share.unit == "procent"
    assert [v.value for v in share.values] == [Decimal("4.5"), Decimal("4.75")]
    with pytest.raises(JamforError, match="välj en med --serie"):
        pick_series(series, None)
    with pytest.raises(JamforError, match="finns inte"):
        pick_series(series, "Kostnad")


def test_every_problem_by_row_and_column(tmp_path: Path, registry: Registry) -> None:
    path = write_csv(
        tmp_path / "fel.csv",
        [
            ["kommun", "period", "varde"],
            ["Ekeröö", "2014-10", "1"],
            ["Solna", "oktober", "1"],
            ["Solna", "2014-10", "tolv"],
            ["Solna", "2014-11", "3"],
            ["Solna", "2014-11", "4"],
            ["Solna", "2014K4", "4"],
        ],
    )
    with pytest.raises(InputError) as exc:
        load_series_files([path], registry)
    found = [(p.type, p.row, p.field) for p in exc.value.problems]
    assert found == [
        ("unknown-unit", 2, "kommun"),
        ("bad-period", 3, "period"),
        ("not-a-number", 4, "varde"),
        ("duplicate", 6, "period"),
        ("mixed-periods", 7, "period"),
    ]
    assert "Menade du «Ekerö»?" in exc.value.problems[0].message
    assert all(p.file == str(path) for p in exc.value.problems)


def test_missing_columns_and_identity_numbers(tmp_path: Path, registry: Registry) -> None:
    path = write_csv(tmp_path / "a.csv", [["kommun", "varde"], ["Solna", "1"]])
    with pytest.raises(InputError, match="saknar kolumnen period"):
        load_series_files([path], registry)
    pnr = "19121212-1212"
    path = write_csv(tmp_path / "b.csv", [["kommun", "period", "varde"], ["Solna", "2014-10", pnr]])
    with pytest.raises(InputError) as exc:
        load_series_files([path], registry)
    assert exc.value.problems[0].type == "identity-number"
    assert (exc.value.problems[0].row, exc.value.problems[0].field) == (2, "varde")
    assert pnr not in str(exc.value)


SERIES_CELLS = st.sampled_from(
    ["Solna", "0125", "2014M10", "2014-Q4", "12", "1 095,5", "..", "", "antal", "kommun", "period"]
) | st.text(max_size=10)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(["kommun", "kommunkod", "period", "varde", "serie", "enhet", "x"]),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    st.lists(st.lists(SERIES_CELLS, min_size=5, max_size=5), max_size=6),
)
def test_any_series_file_gives_series_or_a_clear_error(
    tmp_path: Path, registry: Registry, header: list[str], rows: list[list[str]]
) -> None:
    path = write_csv(tmp_path / "s.csv", [header, *[r[: len(header)] for r in rows]])
    try:
        series = load_series_files([path], registry)
    except InputError as exc:
        assert exc.problems and all(p.file == str(path) for p in exc.problems)
    else:
        assert all(v.period for s in series for v in s.values)


@settings(max_examples=80)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda kids: (
            st.lists(kids, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    ["id", "size", "dimension", "value", "category", "index", "label", "Tid"]
                ),
                kids,
                max_size=4,
            )
        ),
        max_leaves=14,
    )
)
def test_pxweb_answers_of_any_shape(answer: object) -> None:
    from jamfor.sources.pxweb import PxWebError, read_jsonstat

    try:
        read_jsonstat(answer, "http://127.0.0.1/t")
    except PxWebError as exc:
        assert "json-stat2" in str(exc)
