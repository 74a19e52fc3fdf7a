"""A personnummer in any form, in any importer, header, cell or sheet, refuses the file unrepeated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jamfor.catalog.model import Catalog
from jamfor.catalog.reason_codes import load_reason_codes
from jamfor.core.problems import InputError
from jamfor.registry.model import Registry
from jamfor.sources.client_decisions import read_decisions
from jamfor.sources.loader import load_dataset

from ..conftest import write_csv
from ..support.hostile import DIGITS_OF_THE_NUMBER, PERSONNUMMER_FORMS, workbook

DECISIONS = ["kommun", "orsakskod", "kon", "alder", "barn_i_hushallet"]

Build = Callable[[Path, str], Path]


def _long(tmp: Path, number: str) -> Path:
    return write_csv(
        tmp / "lang.csv",
        [["indikator", "enhet", "varde"], ["kostnad-per-invanare", "Solna", number]],
    )


def _wide_header(tmp: Path, number: str) -> Path:
    return write_csv(tmp / "bred.csv", [["Kommun", number], ["Solna", "1"]])


def _survey_comment(tmp: Path, number: str) -> Path:
    return write_csv(
        tmp / "enkat.csv",
        [["enhet", "fraga", "del", "svar", "kommentar"], ["Solna", "3", "", "Ja", f"Se {number}"]],
    )


def _second_sheet(tmp: Path, number: str) -> Path:
    return workbook(
        tmp / "blad.xlsx",
        {
            "Resultat": [["indikator", "enhet", "varde"], ["kostnad-per-invanare", "Solna", 1]],
            "Anteckningar": [["Ring", number]],
        },
    )


def _workbook_header(tmp: Path, number: str) -> Path:
    return workbook(tmp / "rubrik.xlsx", {"Blad1": [["Kommun", number], ["Solna", 1]]})


IMPORTERS: dict[str, Build] = {
    "long-value": _long,
    "wide-header": _wide_header,
    "survey-comment": _survey_comment,
    "second-sheet": _second_sheet,
    "workbook-header": _workbook_header,
}


def _assert_unrepeated(exc: InputError) -> None:
    assert exc.problems and {p.type for p in exc.problems} == {"identity-number"}
    text = str(exc) + repr([p.to_dict() for p in exc.problems])
    assert "personnummer" in text
    for digits in DIGITS_OF_THE_NUMBER:
        assert digits not in text


@pytest.mark.parametrize("form", PERSONNUMMER_FORMS)
@pytest.mark.parametrize("importer", IMPORTERS)
def test_every_form_in_every_table_importer(
    tmp_path: Path, catalog: Catalog, registry: Registry, importer: str, form: str
) -> None:
    path = IMPORTERS[importer](tmp_path, form)
    with pytest.raises(InputError) as exc:
        load_dataset([path], catalog, registry)
    _assert_unrepeated(exc.value)


@pytest.mark.parametrize("form", PERSONNUMMER_FORMS)
def test_every_form_in_a_decisions_file_and_on_its_second_sheet(
    tmp_path: Path, registry: Registry, form: str
) -> None:
    codes = load_reason_codes()
    row = ["Solna", "021", "K", "34", "ja"]
    for path in (
        write_csv(tmp_path / "b.csv", [[*DECISIONS, "arende_id"], [*row, form]]),
        workbook(
            tmp_path / "b.xlsx",
            {"Beslut": [DECISIONS, row], "Trasigt": [["#REF!", None, form]]},
        ),
    ):
        with pytest.raises(InputError) as exc:
            read_decisions(path, codes, registry, 2015)
        _assert_unrepeated(exc.value)


@pytest.mark.parametrize(
    "ordinary",
    [
        "1 095",
        "37,5 %",
        "2015-04-24",
        "0125",
        "1234567",
        "12 345 678",
        "0,8112189876",
        "kr 1 000 000",
    ],
)
def test_ordinary_values_are_not_mistaken_for_one(
    tmp_path: Path, catalog: Catalog, registry: Registry, ordinary: str
) -> None:
    path = write_csv(tmp_path / "ok.csv", [["enhet", "Rutin med vuxenvården"], ["Solna", ordinary]])
    with pytest.raises(InputError) as exc:
        load_dataset([path], catalog, registry)
    assert {p.type for p in exc.value.problems} == {"value-not-allowed"}
