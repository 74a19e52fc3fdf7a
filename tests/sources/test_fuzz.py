"""Whatever bytes arrive, an import ends in a Dataset or a clear InputError — never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamfor.catalog.model import Catalog
from jamfor.core.problems import InputError
from jamfor.registry.model import Registry
from jamfor.sources.loader import load_dataset

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


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_random_bytes(data: bytes, suffix: str, catalog: Catalog, registry: Registry) -> None:
    _load(data, suffix, catalog, registry)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
