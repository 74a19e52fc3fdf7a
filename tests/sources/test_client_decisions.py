"""Reading decision files: CSV and Excel, ages from birth years, every refusal with row and column."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from jamfor.catalog.reason_codes import ReasonCodes, load_reason_codes
from jamfor.core.clients import Decision
from jamfor.core.identity_numbers import contains_identity_number
from jamfor.core.problems import InputError, UnknownNameError
from jamfor.registry.model import Registry
from jamfor.sources.client_decisions import normalise_header, read_decisions
from jamfor.sources.reading import column_letter

from ..conftest import write_csv

HEADER = ["kommun", "orsakskod", "kon", "alder", "barn_i_hushallet"]
PERSONNUMMER = "811218-9876"  # valid check digit
SAMORDNINGSNUMMER = "811278-9873"  # day 18 + 60, valid check digit


@pytest.fixture(scope="module")
def codes() -> ReasonCodes:
    return load_reason_codes()


def _read(path: Path, codes: ReasonCodes, registry: Registry, year: int | None = None):  # type: ignore[no-untyped-def]
    return read_decisions(path, codes, registry, reference_year=year)


def _refused(
    path: Path, codes: ReasonCodes, registry: Registry, year: int | None = None
) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(InputError) as exc:
        read_decisions(path, codes, registry, reference_year=year)
    return [(p.type, p.row, p.field, p.message) for p in exc.value.problems]


def test_the_catalog_holds_the_five_health_codes(codes: ReasonCodes) -> None:
    assert codes.labels() == {
        "021": "Sjukskriven med läkarintyg, otillräcklig ersättning",
        "022": "Sjukskriven med läkarintyg, väntar på ersättning",
        "023": "Sjukskriven med läkarintyg, ingen ersättning",
        "031": "Sjuk- eller aktivitetsersättning, otillräcklig ersättning",
        "032": "Sjuk- eller aktivitetsersättning, väntar på ersättning",
    }
    assert codes.select(None) == ("021", "022", "023", "031", "032")
    assert codes.select(["031", " 021"]) == ("021", "031")  # catalog order
    with pytest.raises(UnknownNameError, match="«099»"):
        codes.select(["021", "099"])


def test_csv_with_swedish_headers_and_every_spelling(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "beslut.csv",
        [
            ["Kommun", "Orsakskod", "Kön", "Ålder", "Barn i hushållet", "Månad"],
            ["Solna", "021", "K", "34", "ja", "2015-03"],
            ["0184", "022", "Man", "16", "Nej", "2015-03"],
            ["solna", "031", "kvinna", "120", "2", "2015-04"],
            ["Solna", "032", "m", "29", "0", "2015-04-01 00:00:00"],
        ],
        sep=";",
    )
    got = _read(f, codes, registry)
    assert got.decisions == (
        Decision("0184", "021", "K", 34, True),
        Decision("0184", "022", "M", 16, False),
        Decision("0184", "031", "K", 120, True),
        Decision("0184", "032", "M", 29, False),
    )
    assert got.months == ("2015-03", "2015-04")
    assert not got.has_case_ids and not got.birth_years_used


def test_excel_with_text_codes_and_number_cells(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    path = tmp_path / "beslut.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Beslut")
    ws.write_row(0, 0, [*HEADER, "arende_id"])
    ws.write_row(1, 0, ["Ekerö", "023", "K", 41, "nej", "x17"])
    ws.write_row(2, 0, ["0125", "021", "M", 52.0, 1, "x18"])
    wb.close()
    got = _read(path, codes, registry)
    assert got.decisions == (
        Decision("0125", "023", "K", 41, False, "x17"),
        Decision("0125", "021", "M", 52, True, "x18"),
    )
    assert got.has_case_ids


def test_age_from_birth_year_and_reference_year(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "b.csv",
        [
            ["kommun", "orsakskod", "kon", "fodelsear", "barn_i_hushallet"],
            ["Solna", "021", "K", "1986", "ja"],
            ["Solna", "021", "M", "1999", "nej"],
        ],
    )
    got = _read(f, codes, registry, year=2015)
    assert [d.age for d in got.decisions] == [29, 16]  # the age reached during 2015
    assert got.birth_years_used and got.reference_year == 2015
    # without a reference year and without manad: asked for, once, at the header
    problems = _refused(f, codes, registry)
    assert [(t, r, fld) for t, r, fld, _ in problems] == [
        ("missing-reference-year", 1, "fodelsear")
    ]
    assert "--referensar" in problems[0][3]


def test_age_is_preferred_and_birth_year_fills_in(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    header = ["kommun", "orsakskod", "kon", "alder", "fodelsear", "barn_i_hushallet"]
    f = write_csv(
        tmp_path / "b.csv",
        [
            header,
            ["Solna", "021", "K", "40", "1950", "ja"],
            ["Solna", "021", "K", "", "1990", "ja"],
        ],
    )
    assert [d.age for d in _read(f, codes, registry, year=2015).decisions] == [40, 25]
    # no reference year: only the row that needs one is refused
    problems = _refused(f, codes, registry)
    assert [(t, r, fld) for t, r, fld, _ in problems] == [
        ("missing-reference-year", 3, "fodelsear")
    ]


def test_the_month_gives_the_reference_year_row_by_row(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "b.csv",
        [
            ["kommun", "orsakskod", "kon", "fodelsear", "barn_i_hushallet", "manad"],
            ["Solna", "021", "K", "1986", "ja", "2015-12"],
            ["Solna", "021", "K", "1986", "ja", "2016-01"],
            ["Solna", "021", "K", "1986", "ja", ""],
            ["Solna", "021", "K", "2000", "ja", "2015-05"],
        ],
    )
    problems = _refused(f, codes, registry)
    assert [(t, r, fld) for t, r, fld, _ in problems] == [
        ("missing-reference-year", 4, "manad"),
        ("value-not-allowed", 5, "fodelsear"),  # 2015 − 2000 = 15
    ]
    assert "Åldern blir 15 år (referensår 2015 − födelseår 2000)" in problems[1][3]
    f.write_text("\n".join(f.read_text().splitlines()[:3]) + "\n", encoding="utf-8")
    assert [d.age for d in _read(f, codes, registry).decisions] == [29, 30]
    assert [d.age for d in _read(f, codes, registry, year=2015).decisions] == [29, 29]


def test_a_code_outside_the_catalog_is_read_for_the_note(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    # 011 (arbetslös) is a real SCB code the health study does not cover: the
    # decision is kept so that the tables can count it as left out.
    f = write_csv(
        tmp_path / "solna.csv",
        [HEADER, ["Solna", "011", "K", "34", "ja"], ["Solna", "021", "M", "40", "nej"]],
    )
    assert [d.code for d in _read(f, codes, registry).decisions] == ["011", "021"]


def test_every_bad_value_is_reported_with_row_and_column(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "fel.csv",
        [
            [*HEADER, "manad"],
            ["Solna", "021", "K", "34", "ja", "2015-03"],  # row 2 is fine
            ["Solna", "0211", "K", "34", "ja", "2015-03"],  # not three digits
            ["Solna", "21", "K", "34", "ja", "2015-03"],  # Excel ate the zero
            ["Sollna", "021", "K", "34", "ja", "2015-03"],  # unknown municipality
            ["Stockholms län", "021", "K", "34", "ja", "2015-03"],  # not a municipality
            ["Solna", "021", "K", "15", "ja", "2015-03"],  # too young
            ["Solna", "021", "K", "121", "ja", "2015-03"],  # too old
            ["Solna", "021", "K", "34,5", "ja", "2015-03"],  # not whole years
            ["Solna", "021", "X", "34", "ja", "2015-03"],  # unknown sex
            ["Solna", "021", "K", "34", "kanske", "2015-03"],  # bad children
            ["Solna", "021", "K", "34", "-1", "2015-03"],  # bad children
            ["Solna", "021", "K", "34", "ja", "2015-13"],  # bad month
            ["Solna", "021", "K", "34", "ja", "mars 2015"],  # bad month
            ["Solna", "", "K", "", "ja", "2015-03"],  # missing code and age
        ],
    )
    problems = _refused(f, codes, registry)
    assert [(t, r, fld) for t, r, fld, _ in problems] == [
        ("unknown-code", 3, "orsakskod"),
        ("unknown-code", 4, "orsakskod"),
        ("unknown-unit", 5, "kommun"),
        ("unknown-unit", 6, "kommun"),
        ("value-not-allowed", 7, "alder"),
        ("value-not-allowed", 8, "alder"),
        ("value-not-allowed", 9, "alder"),
        ("value-not-allowed", 10, "kon"),
        ("value-not-allowed", 11, "barn_i_hushallet"),
        ("value-not-allowed", 12, "barn_i_hushallet"),
        ("value-not-allowed", 13, "manad"),
        ("value-not-allowed", 14, "manad"),
        ("missing-value", 15, "orsakskod"),
        ("missing-value", 15, "alder"),
    ]
    messages = [m for *_, m in problems]
    assert messages[0] == (
        "Okänd orsakskod «0211». Koden har tre siffror med inledande nolla, t.ex. 021."
    )
    assert "Menade du «021»?" in messages[1]
    assert messages[2] == (
        "Okänd kommun «Sollna»: ange kommunens namn eller kommunkod. Menade du «Solna»?"
    )
    assert "inte en kommun" in messages[3]
    assert messages[4] == "Åldern 15 år ligger utanför 16–120 år."
    assert messages[5] == "Åldern 121 år ligger utanför 16–120 år."
    assert messages[7] == "Okänt kön «X»: ange K eller M (Kvinna eller Man)."
    assert "ja, nej eller antalet barn" in messages[8]
    assert messages[10] == "Månaden «2015-13» ska skrivas ÅÅÅÅ-MM, t.ex. 2015-03."
    with pytest.raises(InputError) as exc:
        _read(f, codes, registry)
    assert "fel.csv, rad 10, kolumn «kon»: Okänt kön «X»" in str(exc.value)


def test_missing_columns_and_empty_case_ids(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    f = write_csv(tmp_path / "a.csv", [["kommun", "orsakskod", "kon"], ["Solna", "021", "K"]])
    problems = _refused(f, codes, registry)
    assert [(t, r) for t, r, _, _ in problems] == [("missing-column", 1)]
    assert "«barn_i_hushallet», «alder (eller fodelsear)»" in problems[0][3]
    f = write_csv(
        tmp_path / "b.csv",
        [[*HEADER, "arende_id"], ["Solna", "021", "K", "40", "ja", ""]],
    )
    assert [(t, r, fld) for t, r, fld, _ in _refused(f, codes, registry)] == [
        ("missing-value", 2, "arende_id")
    ]


# ---------------------------------------------------------------- identity numbers


def test_the_numbers_used_here_are_valid() -> None:
    assert contains_identity_number(PERSONNUMMER)
    assert contains_identity_number(SAMORDNINGSNUMMER)
    assert contains_identity_number("198112189876")
    assert not contains_identity_number("8112189875")  # wrong check digit


def _assert_refused_for_identity(
    problems: list[tuple[str, int | None, str | None, str]],
    where: list[tuple[int | None, str | None]],
) -> None:
    assert [(r, fld) for _, r, fld, _ in problems] == where
    for kind, _, fld, message in problems:
        assert kind == "identity-number"
        assert "personnummer" in message and "ta bort" in message
        for number in (PERSONNUMMER, SAMORDNINGSNUMMER, "8112189876", "198112189876"):
            assert number not in message and number not in (fld or "")


def test_a_personnummer_in_a_column_without_a_header(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "dolt.csv",
        [
            ["kommun", "", *HEADER[1:]],
            ["Solna", "", "021", "K", "34", "ja"],
            ["Solna", PERSONNUMMER, "021", "K", "34", "ja"],
            ["Sollna", "", "099", "X", "34", "ja"],  # other problems are not reported
        ],
    )
    _assert_refused_for_identity(_refused(f, codes, registry), [(3, "B (utan rubrik)")])


def test_a_samordningsnummer_as_a_case_id(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "s.csv",
        [
            [*HEADER, "arende_id"],
            ["Solna", "021", "K", "34", "ja", "8112189875"],  # no valid check digit: a plain id
            ["Solna", "021", "K", "34", "ja", SAMORDNINGSNUMMER],
        ],
    )
    _assert_refused_for_identity(_refused(f, codes, registry), [(3, "arende_id")])


def test_a_twelve_digit_personnummer_in_a_header_or_a_ragged_row(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "h.csv", [[*HEADER, "198112189876"], ["Solna", "021", "K", "34", "ja", "1"]]
    )
    _assert_refused_for_identity(_refused(f, codes, registry), [(1, "F")])
    # a value in a column the header does not have: unreadable as CSV, refused for the number
    f = write_csv(tmp_path / "r.csv", [HEADER, ["Solna", "021", "K", "34", "ja", "198112189876"]])
    _assert_refused_for_identity(_refused(f, codes, registry), [(2, None)])


def test_a_personnummer_on_another_excel_sheet_or_unnamed_column(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    path = tmp_path / "bok.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Beslut")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, ["Solna", "021", "K", 34, "ja"])
    wb.add_worksheet("Tomt")
    other = wb.add_worksheet("Klienter")
    other.write(4, 2, 8112189876)  # a number cell
    wb.close()
    problems = _refused(path, codes, registry)
    _assert_refused_for_identity(problems, [(None, None)])
    assert "bladet «Klienter»" in problems[0][3]

    path = tmp_path / "kolumn.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet()
    ws.write_row(0, 0, [*HEADER[:2], None, *HEADER[2:]])
    ws.write_row(1, 0, ["Solna", "021", PERSONNUMMER, "K", 34, "ja"])
    wb.close()
    _assert_refused_for_identity(_refused(path, codes, registry), [(2, "C (utan rubrik)")])


def test_unreadable_files_are_still_reported_as_such(
    tmp_path: Path, codes: ReasonCodes, registry: Registry
) -> None:
    f = write_csv(tmp_path / "r.csv", [HEADER, ["Solna", "021", "K", "34", "ja", "extra"]])
    assert [t for t, *_ in _refused(f, codes, registry)] == ["unreadable-file"]
    assert [t for t, *_ in _refused(tmp_path / "saknas.csv", codes, registry)] == ["file-not-found"]


def test_header_names_and_letters() -> None:
    assert normalise_header(" Barn i hushållet ") == "barn_i_hushallet"
    assert normalise_header("Ärende-id") == "arende_id"
    assert normalise_header("FÖDELSEÅR") == "fodelsear"
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701)] == ["A", "B", "Z", "AA", "AB", "ZZ"]
