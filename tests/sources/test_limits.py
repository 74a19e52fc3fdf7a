"""Reading limits: a file too large, too wide or too far-reaching is refused before it is parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from jamfor.catalog.model import Catalog
from jamfor.catalog.reason_codes import load_reason_codes
from jamfor.core.problems import MAX_PROBLEMS, InputError
from jamfor.registry.model import Registry
from jamfor.sources import limits
from jamfor.sources.client_decisions import read_decisions
from jamfor.sources.loader import load_dataset
from jamfor.sources.oj_excel import import_oj_workbook
from jamfor.sources.reading import read_table

from ..conftest import write_csv
from ..support.hostile import (
    SHEET,
    bomb,
    claimed_extent,
    far_cell,
    lie_about_size,
    long_shared_string,
    workbook,
)


def _refusal(path: Path, catalog: Catalog, registry: Registry) -> tuple[str, str]:
    with pytest.raises(InputError) as exc:
        load_dataset([path], catalog, registry)
    (problem,) = exc.value.problems
    return problem.type, problem.message


@pytest.mark.parametrize(
    ("quote", "spaces"),
    [('"', ""), ("'", " "), ('"', "\t")],
    ids=["as-excel-writes", "single-quotes-and-spaces", "tabs"],
)
def test_a_far_cell_is_refused_before_the_workbook_is_read(
    tmp_path: Path, catalog: Catalog, registry: Registry, quote: str, spaces: str
) -> None:
    path = far_cell(tmp_path / "lang.xlsx", quote=quote, spaces=spaces)
    kind, message = _refusal(path, catalog, registry)
    assert kind == "too-many-cells"
    assert "från A1 till XFD1048576" in message
    assert "1\u00a0048\u00a0576 rader och 16\u00a0384 kolumner" in message


def test_a_claimed_extent_is_refused_by_every_reader(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    path = claimed_extent(tmp_path / "dim.xlsx")
    assert _refusal(path, catalog, registry)[0] == "too-many-cells"
    with pytest.raises(InputError):
        import_oj_workbook(path, catalog, registry)
    with pytest.raises(InputError) as exc:
        read_decisions(path, load_reason_codes(), registry, 2015)
    assert exc.value.problems[0].type == "too-many-cells"


def test_a_far_cell_within_the_limits_is_read(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    raw = read_table(far_cell(tmp_path / "ok.xlsx", ref="C200"))
    assert raw.rows[-1][0] == 200


def test_a_cell_longer_than_excel_allows(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    path = long_shared_string(tmp_path / "lang-text.xlsx", limits.MAX_CELL_CHARS + 1)
    assert _refusal(path, catalog, registry)[0] == "cell-too-long"
    text = "x" * (limits.MAX_CELL_CHARS + 1)
    csv_path = write_csv(tmp_path / "lang.csv", [["enhet", "varde"], ["Solna", text]])
    with pytest.raises(InputError) as exc:
        read_table(csv_path)
    assert [(p.type, p.row, p.field) for p in exc.value.problems] == [("cell-too-long", 2, "B")]
    assert text not in str(exc.value)


def test_a_zip_bomb_is_refused_while_unpacking(
    tmp_path: Path, catalog: Catalog, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 1 << 20)
    path = bomb(tmp_path / "bomb.xlsx", 3 << 20)
    assert path.stat().st_size < 100_000
    kind, message = _refusal(path, catalog, registry)
    assert kind == "file-too-large" and "uppackad" in message
    # The zip's directory may lie: what comes out is counted, not what it says.
    lie_about_size(path, SHEET, 100)
    assert _refusal(path, catalog, registry)[0] == "file-too-large"


def test_broken_zips_and_formats_that_cannot_be_measured(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    good = workbook(tmp_path / "bok.xlsx", {"Blad1": [["enhet", "varde"], ["Solna", 1]]})
    cut = tmp_path / "kapad.xlsx"
    cut.write_bytes(good.read_bytes()[:-200])
    assert _refusal(cut, catalog, registry)[0] == "unreadable-file"
    ods = tmp_path / "bok.ods"
    ods.write_bytes(good.read_bytes())
    kind, message = _refusal(ods, catalog, registry)
    assert kind == "unsupported-format" and ".xlsx" in message


def test_rows_columns_and_size_of_a_csv(
    tmp_path: Path, catalog: Catalog, registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 10)
    rows = write_csv(tmp_path / "rader.csv", [["enhet", "varde"]] + [["Solna", "1"]] * 11)
    assert _refusal(rows, catalog, registry)[0] == "too-many-rows"
    ok = write_csv(tmp_path / "ok.csv", [["enhet", "varde"]] + [["Solna", "1"]] * 10)
    assert len(read_table(ok).rows) == 10
    wide = write_csv(tmp_path / "bred.csv", [[f"k{i}" for i in range(limits.MAX_COLUMNS + 1)]])
    assert _refusal(wide, catalog, registry)[0] == "too-many-cells"
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    assert _refusal(rows, catalog, registry)[0] == "file-too-large"


def test_checking_stops_at_a_thousand_problems_and_fifty_are_listed(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    rows = [["indikator", "enhet", "varde"]] + [[f"okand-{i}", "Solna", "1"] for i in range(5000)]
    path = write_csv(tmp_path / "fel.csv", rows)
    with pytest.raises(InputError) as exc:
        load_dataset([path], catalog, registry)
    assert len(exc.value.problems) == MAX_PROBLEMS
    text = str(exc.value)
    assert text.startswith("minst 1\u00a0000 fel i indata, ingenting har importerats:")
    assert text.count("\n  - ") == 50
    assert text.endswith(
        "… och minst 950 fel till. Kontrollen avbröts efter 1\u00a0000 fel; rätta dessa först."
    )
    assert exc.value.to_dict()["omitted"] == 950 and len(exc.value.to_dict()["errors"]) == 50


def test_a_few_problems_are_all_listed(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    rows = [["indikator", "enhet", "varde"]] + [[f"okand-{i}", "Solna", "1"] for i in range(60)]
    with pytest.raises(InputError) as exc:
        load_dataset([write_csv(tmp_path / "fel.csv", rows)], catalog, registry)
    text = str(exc.value)
    assert text.startswith("60 fel i indata") and text.endswith("… och 10 fel till.")
