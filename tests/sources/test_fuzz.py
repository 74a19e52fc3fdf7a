"""Whatever bytes arrive, an import ends in a Dataset or a clear InputError — never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamfor.catalog.loader import load_catalog
from jamfor.catalog.model import Catalog
from jamfor.core.problems import InputError
from jamfor.registry.loader import load_registry
from jamfor.registry.model import Registry
from jamfor.sources.loader import load_dataset

from ..conftest import write_csv
from ..support.hostile import EXTREME_TEXTS, Cell, workbook_bytes

CELLS = st.sampled_from(
    [
        "Ja",
        "Nej",
        "Solna",
        "Riket",
        "Snitt",
        "37,5 %",
        "Vet ej",
        "",
        "Rutin med vuxenvården",
        "indikator",
        "enhet",
        "varde",
        "fraga",
        "svar",
        "4",
        "1a",
        "x;y",
        '"',
        "Ekerö",
    ]
) | st.text(max_size=12)


def _load(data: bytes, suffix: str, catalog: Catalog, registry: Registry) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fil{suffix}"
        path.write_bytes(data)
        try:
            load_dataset([path], catalog, registry)
        except InputError as exc:
            assert exc.problems
            assert all(p.message for p in exc.problems)


@settings(
    deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_random_bytes(data: bytes, suffix: str, catalog: Catalog, registry: Registry) -> None:
    _load(data, suffix, catalog, registry)


@settings(
    deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(CELLS, min_size=1, max_size=5), min_size=1, max_size=6),
    sep=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_random_tables(
    rows: list[list[str]], sep: str, encoding: str, catalog: Catalog, registry: Registry
) -> None:
    text = "\n".join(sep.join(r) for r in rows)
    _load(text.encode(encoding, errors="replace"), ".csv", catalog, registry)


EXAMPLE = (Path(__file__).parents[1] / "data" / "oj-ekb-2015-nordvast.csv").read_bytes()


@settings(
    deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=0, max_value=len(EXAMPLE)))
def test_truncated_files(cut: int, catalog: Catalog, registry: Registry) -> None:
    _load(EXAMPLE[:cut], ".csv", catalog, registry)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_encodings_give_the_same_dataset(
    encoding: str, catalog: Catalog, registry: Registry, tmp_path: Path
) -> None:
    text = EXAMPLE.decode("utf-8")
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    reference = tmp_path / "ref.csv"
    reference.write_bytes(EXAMPLE)
    assert load_dataset([path], catalog, registry).values.equals(
        load_dataset([reference], catalog, registry).values
    )


def test_semicolons_and_decimal_commas(
    catalog: Catalog, registry: Registry, tmp_path: Path
) -> None:
    text = EXAMPLE.decode("utf-8")
    import csv as _csv
    import io as _io

    rows = list(_csv.reader(_io.StringIO(text)))
    out = _io.StringIO()
    w = _csv.writer(out, delimiter=";")
    for r in rows:
        w.writerow([c.replace(".", ",") if c.endswith("%") else c for c in r])
    path = tmp_path / "semikolon.csv"
    path.write_text(out.getvalue(), encoding="cp1252")
    ds = load_dataset([path], catalog, registry)
    cell = ds.values.filter(
        (ds.values["unit"] == "0125") & (ds.values["indicator"] == "erfarenhet-over-2-ar")
    )["value"].to_list()
    assert cell == ["60,0 %"]
    assert ds.values.height == 520


@settings(
    deadline=None, max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_client_decision_files_never_crash(data: bytes, suffix: str, registry: Registry) -> None:
    from jamfor.catalog.reason_codes import load_reason_codes
    from jamfor.sources.client_decisions import read_decisions

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"beslut{suffix}"
        path.write_bytes(data)
        try:
            read_decisions(path, load_reason_codes(), registry, 2015)
        except InputError as exc:
            assert exc.problems and all(p.message for p in exc.problems)


@settings(deadline=None, max_examples=80)
@given(
    page=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=5),
        lambda kids: (
            st.lists(kids, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "values",
                        "kpi",
                        "municipality",
                        "period",
                        "gender",
                        "value",
                        "isdeleted",
                        "next_url",
                    ]
                ),
                kids,
                max_size=5,
            )
        ),
        max_leaves=12,
    )
)
def test_kolada_answers_of_any_shape(page: object) -> None:
    import httpx

    from jamfor.sources.kolada import KoladaClient, KoladaError

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=page)

    client = KoladaClient(transport=httpx.MockTransport(answer))
    try:
        list(client.data(["N31807"], ["0180"], [2015]))
    except KoladaError as exc:
        assert str(exc)
    finally:
        client.close()


# ------------------------------------------------- workbooks built, then damaged

WORKBOOK_CELLS = (
    st.sampled_from(
        [
            "indikator",
            "enhet",
            "varde",
            "Kommun",
            "Solna",
            "Riket",
            "Snitt i Nordväst",
            "kostnad-per-invanare",
            "langvarigt-bistand",
            "Kostnad per invånare",
            "Långvarigt ekonomiskt bistånd",
            "Rutin med vuxenvården",
            "Ja",
            "12,5",
        ]
    )
    | st.sampled_from(EXTREME_TEXTS)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.none()
)
DAMAGE = st.sampled_from(["none", "none", "far-cell", "odd-far-cell", "claimed-extent", "cut"])


def render_if_accepted(path: Path, catalog: Catalog, registry: Registry) -> None:
    """Load ``path``; anything accepted must also compare and render (nothing fails later)."""
    from jamfor.core.comparison import compare
    from jamfor.registry.loader import resolve_group
    from jamfor.report.build import build_report
    from jamfor.report.html import render_html

    try:
        dataset = load_dataset([path], catalog, registry)
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return
    cmp = compare(dataset, resolve_group(registry, "nordvast"), registry.units)
    assert render_html(build_report(cmp, registry)).startswith("<!DOCTYPE html>")


@settings(
    deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(WORKBOOK_CELLS, min_size=1, max_size=4), min_size=1, max_size=6),
    header=st.sampled_from(
        [
            ["indikator", "enhet", "varde"],
            ["Kommun", "Kostnad per invånare", "Långvarigt ekonomiskt bistånd"],
            [],
        ]
    ),
    damage=DAMAGE,
)
def test_workbooks_with_extreme_cells_and_damage(
    rows: list[list[Cell]], header: list[str], damage: str
) -> None:
    catalog, registry = load_catalog(2015), load_registry()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bok.xlsx"
        path.write_bytes(workbook_bytes([header, *rows] if header else rows, damage))
        render_if_accepted(path, catalog, registry)


@settings(
    deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(st.sampled_from(EXTREME_TEXTS) | st.text(max_size=40), min_size=1, max_size=8),
    indicator=st.sampled_from(["kostnad-per-invanare", "langvarigt-bistand", "rutin-barn-unga"]),
)
def test_long_and_extreme_cells_are_refused_or_rendered(values: list[str], indicator: str) -> None:
    catalog, registry = load_catalog(2015), load_registry()
    units = ["Solna", "Ekerö", "Järfälla", "Sigtuna", "Sollentuna", "Sundbyberg", "Riket", "Snitt"]
    rows = [["indikator", "enhet", "varde"]]
    rows += [[indicator, unit, value] for unit, value in zip(units, values, strict=False)]
    with tempfile.TemporaryDirectory() as tmp:
        render_if_accepted(write_csv(Path(tmp) / "v.csv", rows), catalog, registry)
