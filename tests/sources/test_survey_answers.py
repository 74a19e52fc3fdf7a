"""Raw survey answers: checked against the survey, turned into the tables' values."""

from __future__ import annotations

from pathlib import Path

import pytest

from jamfor.catalog.model import Catalog
from jamfor.core.comparison import compare
from jamfor.core.problems import InputError
from jamfor.registry.loader import resolve_group
from jamfor.registry.model import Registry
from jamfor.sources.loader import load_dataset

from ..conftest import write_csv

HEADER = ["enhet", "fraga", "del", "svar", "kommentar"]


def test_answers_become_indicator_values(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    f = write_csv(
        tmp_path / "svar.csv",
        [
            HEADER,
            ["Sundbyberg", "1", "bou", "Ja", ""],
            ["Sundbyberg", "1a", "", "Ja", "Följdes upp i mars"],
            ["Sundbyberg", "1", "vuxen", "Ja", ""],
            ["Sundbyberg", "1b", "", "Ej aktuellt, rutinen upprättades efter 1 april 2014", ""],
            ["Sundbyberg", "1", "arbetsmarknad", "Ej aktuellt (Verksamheten saknas)", ""],
            ["Sundbyberg", "4", "", "11", ""],
            ["Sundbyberg", "4a", "", "10", ""],
            ["Sundbyberg", "4b", "", "9", ""],
            ["Sundbyberg", "8", "al1", "6", ""],
            ["Sundbyberg", "8", "al2", "5", ""],
            ["Sundbyberg", "9", "", "5", ""],
            ["Sundbyberg", "17", "", "Inom 8-14 dagar", ""],
            ["Sundbyberg", "29", "", "Vet ej", ""],
            ["Solna", "4", "", "4", ""],
            ["Solna", "4a", "", "4", ""],
        ],
    )
    ds = load_dataset([f], catalog, registry)
    rows = {(r["unit"], r["indicator"]): r["value"] for r in ds.values.iter_rows(named=True)}
    assert rows[("0183", "rutin-barn-unga")] == "Ja"
    assert rows[("0183", "rutin-vuxen")] == "Ny rutin"
    assert rows[("0183", "rutin-arbetsmarknad")] == "Verksamheten saknas"
    assert rows[("0183", "socionomexamen")] == "90.9 %"
    assert rows[("0183", "erfarenhet-over-2-ar")] == "81.8 %"
    assert rows[("0183", "stod-i-arbetet")] == "2.2"
    assert rows[("0183", "vantetid-nybesok")] == "Inom 8-14 dagar"
    assert rows[("0183", "andrade-overklagade-beslut")] == "Vet ej"
    assert rows[("0184", "socionomexamen")] == "100.0 %"

    cmp = compare(ds, resolve_group(registry, "Solna,Sundbyberg"), registry.units)
    by_id = {r.indicator.id: r for r in cmp.indicators()}
    assert str(by_id["socionomexamen"].snitt.value) == "95.5"  # (90.9 + 100.0) / 2 = 95.45
    assert by_id["rutin-arbetsmarknad"].snitt.value is None  # "saknas" is not a no
    assert by_id["rutin-vuxen"].snitt.counted == 1


def test_survey_answer_problems(tmp_path: Path, catalog: Catalog, registry: Registry) -> None:
    f = write_csv(
        tmp_path / "svar.csv",
        [
            HEADER,
            ["Solna", "4", "", "10", ""],
            ["Solna", "4a", "", "12", ""],
            ["Solna", "3", "", "Nej", ""],
            ["Solna", "3a", "barn", "Ja", ""],
            ["Solna", "31", "", "Ja", ""],
            ["Solna", "1", "", "Ja", ""],
            ["Riket", "5", "", "Ja", ""],
            ["Solna", "5", "", "Kanske", ""],
        ],
    )
    with pytest.raises(InputError) as exc:
        load_dataset([f], catalog, registry)
    got = sorted((p.row or 0, p.field or "", p.message.split(".")[0]) for p in exc.value.problems)
    assert got == [
        (
            3,
            "svar",
            "Solna: Svaret på fråga 4a (12) kan inte vara större än svaret på fråga 4 (10)",
        ),
        (5, "svar", "Solna: Fråga 3a ska bara besvaras om svaret på fråga 3 är «Ja»"),
        (6, "fraga", "Enkäten 2015 har ingen fråga «31»"),
        (
            7,
            "svar",
            "Fråga 1 har flera delar; ange vilken del svaret gäller (bou, vuxen, arbetsmarknad)",
        ),
        (8, "enhet", "Riket besvarar inte enkäten; bara kommuner har enkätsvar"),
        (9, "svar", "«Kanske» är inget svarsalternativ på fråga 5"),
    ]
