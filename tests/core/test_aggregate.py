"""Many groups at once must give exactly what one group at a time gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jamfor.catalog.loader import load_catalog
from jamfor.core.aggregate import group_figures
from jamfor.core.counting import group_figure
from jamfor.core.dataset import Dataset, ValueRecord
from jamfor.registry.model import Registry
from jamfor.synthetic import synthetic_national


def test_every_county_equals_the_one_group_path(registry: Registry) -> None:
    catalog = load_catalog(2015)
    records = [
        ValueRecord(r.code, r.indicator, r.year, r.value)
        for r in synthetic_national(registry, [2015], seed=9)
        if r.indicator in {i.id for i in catalog.indicators}
    ]
    ds = Dataset.from_records(catalog, records)
    groups = {
        u.code: [m.code for m in registry.lan_members(u.lan_code or "")]
        for u in registry.units.values()
        if u.kind == "lan"
    }
    figures = group_figures(ds, groups)
    assert len(figures) == 21 * len(catalog.indicators)
    for (group, ind_id), fig in figures.items():
        ind = catalog.indicator(ind_id)
        cells = [c for code in groups[group] if (c := ds.index.checked(ind, code)) is not None]
        assert fig == group_figure(catalog, ind, cells), (group, ind_id)


VALUES_2015 = {
    "rutin-vuxen": st.sampled_from(["Ja", "Nej", "Integrerat", "Ny rutin", "Vet ej"]),
    "vantetid-nybesok": st.sampled_from(
        ["Inom 3 dagar", "Inom 8-14 dagar", "15 dagar eller mer", "9"]
    ),
    "andrade-overklagade-beslut": st.sampled_from(["8.35 %", "4.25 %", "Vet ej", "0.1 %", "100 %"]),
    "kostnad-per-invanare": st.integers(0, 5000).map(str),
}


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(
        st.tuples(st.sampled_from(sorted(VALUES_2015)), st.integers(0, 11), st.data()),
        min_size=1,
        max_size=40,
    ),
    split=st.integers(1, 11),
)
def test_random_cells_any_grouping(cells, split: int) -> None:  # type: ignore[no-untyped-def]
    catalog = load_catalog(2015)
    records = {}
    for ind_id, unit, data in cells:
        records[(ind_id, unit)] = ValueRecord(
            f"U{unit:02d}", ind_id, 2015, data.draw(VALUES_2015[ind_id])
        )
    ds = Dataset.from_records(catalog, records.values())
    groups = {
        "a": [f"U{i:02d}" for i in range(split)],
        "b": [f"U{i:02d}" for i in range(split, 12)],
        "all": [f"U{i:02d}" for i in range(12)],
    }
    for (group, ind_id), fig in group_figures(ds, groups).items():
        ind = catalog.indicator(ind_id)
        one = [c for code in groups[group] if (c := ds.index.checked(ind, code)) is not None]
        assert fig == group_figure(catalog, ind, one)
