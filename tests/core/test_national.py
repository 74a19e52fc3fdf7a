"""National data: the 2015 report from a national file equals the one from the Nordväst file."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from jamfor.catalog.loader import load_catalog
from jamfor.catalog.model import Catalog
from jamfor.core.comparison import NATIONAL_COVERAGE, GroupComparison, compare
from jamfor.core.export import comparison_to_dict
from jamfor.registry.loader import resolve_group
from jamfor.registry.model import Registry
from jamfor.report.build import build_report
from jamfor.sources.loader import load_dataset
from jamfor.synthetic import COLUMNS, synthetic_national

from ..conftest import PUBLISHED_2015

NORDVAST = ["0125", "0123", "0191", "0163", "0184", "0183", "0114", "0139"]


@pytest.fixture(scope="module")
def national_file(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Path:
    """The published 2015 Nordväst values (with Riket, län and Snitt) plus synthetic values
    for every other municipality, in one long file with a year column."""
    path = tmp_path_factory.mktemp("national") / "nationell-2015.csv"
    with PUBLISHED_2015.open(encoding="utf-8", newline="") as fh:
        published = list(csv.DictReader(fh))
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["enhet", "indikator", "ar", "varde", "kalla"])
        for r in published:
            w.writerow([r["enhet"], r["indikator"], "2015", r["varde"], "Socialstyrelsen"])
        ids = {i.id for i in load_catalog(2015).indicators}
        for row in synthetic_national(registry, [2015], seed=11, exclude=NORDVAST):
            if row.indicator in ids and registry.units[row.code].kind == "kommun":
                w.writerow([row.code, row.indicator, "2015", row.value, "Socialstyrelsen"])
    return path


@pytest.fixture(scope="module")
def national(national_file: Path, catalog: Catalog, registry: Registry) -> GroupComparison:
    ds = load_dataset([national_file], catalog, registry)
    return compare(ds, resolve_group(registry, "nordvast"), registry.units)


def _tables(cmp: GroupComparison, registry: Registry) -> list[tuple[str, list[tuple[str, ...]]]]:
    report = build_report(cmp, registry)
    out = []
    for section in report.sections:
        for sub in (section, *section.subsections):
            for t in sub.tables:
                out.append((t.number, [(r.header, *(c.text for c in r.cells)) for r in t.rows]))
    return out


def test_report_from_national_file_equals_report_from_nordvast_file(
    national: GroupComparison, nordvast_2015: GroupComparison, registry: Registry
) -> None:
    assert national.national and not nordvast_2015.national
    # table for table the same; national data adds only the appendix of published
    # versus computed references
    national_tables = _tables(national, registry)
    appendix = national_tables.pop()
    assert appendix[1][0][0] == "Rutin med barn- och ungdomsvården – Riket"
    assert national_tables == _tables(nordvast_2015, registry)


def test_quartile_colours_only_with_national_data(
    national: GroupComparison, nordvast_2015: GroupComparison
) -> None:
    by_id = {r.indicator.id: r for r in national.indicators()}
    cost = by_id["kostnad-per-invanare"]
    assert cost.bounds is not None and cost.bounds.count == 289  # Upplands Väsby has no value
    assert cost.colours["0114"] == "grey"
    assert set(cost.colours) == set(NORDVAST)
    assert by_id["lag-inkomst"].colours == {}  # neutral background measure
    assert by_id["rutin-vuxen"].colours == {}  # survey answers are not quartile-coloured
    assert all(not r.colours for r in nordvast_2015.indicators())


def test_computed_references_beside_published(national: GroupComparison) -> None:
    by_id = {r.indicator.id: r for r in national.indicators()}
    r = by_id["rutin-barn-unga"]
    assert r.references["0000"] == Decimal("54.3")  # the published figure is shown
    assert "0000" in r.computed_references and "0001" in r.computed_references
    if r.computed_references["0000"] != Decimal("54.3"):
        assert "0000" in r.reference_mismatches
    doc = comparison_to_dict(national, "nordvast")
    first = doc["tables"][0]["indicators"][0]
    assert first["published_references"]["Riket"] == 54.3
    assert "Riket" in first["computed_references"]
    assert doc["national"] is True


def test_computed_reference_shown_when_nothing_published(
    national_file: Path, catalog: Catalog, registry: Registry, tmp_path: Path
) -> None:
    without = tmp_path / "utan-riket.csv"
    with (
        national_file.open(encoding="utf-8", newline="") as src,
        without.open("w", encoding="utf-8", newline="") as dst,
    ):
        rows = [r for r in csv.reader(src) if r[0] not in ("Riket", "Stockholms län")]
        csv.writer(dst).writerows(rows)
    ds = load_dataset([without], catalog, registry)
    cmp = compare(ds, resolve_group(registry, "nordvast"), registry.units)
    r = next(cmp.indicators())
    assert r.published_references == {}
    assert r.references["0000"] == r.computed_references["0000"]
    # Riket computed as the unweighted share over every municipality with an answer
    answers = ds.values.filter(ds.values["indicator"] == "rutin-barn-unga")
    assert answers.height >= NATIONAL_COVERAGE


def test_synthetic_data_says_so(tmp_path: Path, catalog: Catalog, registry: Registry) -> None:
    path = tmp_path / "demo.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for row in synthetic_national(registry, [2014, 2015], seed=2):
            w.writerow(row.as_tuple())
    ds = load_dataset([path], catalog, registry)
    assert ds.synthetic
    cmp = compare(ds, resolve_group(registry, "nordvast"), registry.units)
    assert comparison_to_dict(cmp, "nordvast")["synthetic"] is True
    # 2014 is read with the catalog generated from Kolada (KPI ids): its rows are history
    # for the 2015 indicators that read the same KPI, which show their change since 2014
    by_id = {r.indicator.id: r for r in cmp.indicators()}
    long_term = by_id["langvarigt-bistand"]
    assert long_term.indicator.source.kolada_kpi == "N31814"
    change = long_term.change
    assert change is not None and change.since == 2014
    assert change.change == long_term.snitt.value - change.previous  # type: ignore[operator]
    # a 2015 survey indicator has no Kolada KPI, so no 2014 answer to compare with
    assert by_id["rutin-barn-unga"].change is None


def test_the_report_shows_colours_and_computed_references(
    national: GroupComparison, registry: Registry
) -> None:
    report = build_report(national, registry)
    tables = {t.number: t for t in report.tables()}
    t12a = tables["12a"]
    colours = {r.header: [c.colour for c in r.cells] for r in t12a.rows if r.kind == "unit"}
    assert colours["Upplands Väsby"] == ["grey", "grey", "grey"]
    assert all(c in ("green", "yellow", "red") for c in colours["Solna"])
    assert t12a.colour_legend is not None and "grå = uppgift saknas" in t12a.colour_legend
    assert tables["13a"].colour_legend is None  # neutral background measures
    assert tables["2"].colour_legend is None  # survey answers
    first = next(national.indicators())
    assert "0000" in first.reference_mismatches  # synthetic others: computed Riket ≠ 54,3 %
    # not a line under every table, but one appendix table
    assert not any("ovägt medel) blir" in f for t in tables.values() for f in t.footnotes)
    appendix = next(t for t in report.tables() if t.anchor == "tabell-jamforelsevarden")
    rows = {r.header: [c.text for c in r.cells] for r in appendix.rows}
    published, computed = rows["Rutin med barn- och ungdomsvården – Riket"]
    assert published == "54,3\u00a0%" and computed != published


def test_synthetic_report_says_so_and_shows_change(
    tmp_path: Path, catalog: Catalog, registry: Registry
) -> None:
    from jamfor.report.html import render_html

    path = tmp_path / "demo.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for row in synthetic_national(registry, [2013, 2015], seed=4):
            w.writerow(row.as_tuple())
    cmp = compare(
        load_dataset([path], catalog, registry), resolve_group(registry, "nordvast"), registry.units
    )
    report = build_report(cmp, registry)
    assert report.synthetic
    # 2013 is read with Kolada's catalog: the register measures (KPIs) show their change
    t12b = next(t for t in report.tables() if t.number == "12b")
    change = next(r for r in t12b.rows if r.kind == "change")
    assert change.header == "Förändring sedan 2013"
    assert all(c.text.endswith(" pe") for c in change.cells)
    html = render_html(report, charts=False)
    assert "Syntetiska data" in html and "inga resultat i den är verkliga" in html


def test_history_the_current_definition_cannot_read_is_left_out(registry: Registry) -> None:
    from jamfor.core.dataset import Dataset, ValueRecord

    catalog = load_catalog(2018)
    members = ["0125", "0123"]
    records = [ValueRecord(c, "socialjour", 2018, "Ja") for c in members]
    history = [
        ValueRecord("0125", "socialjour", 2016, "Integrerat"),  # not a 2018 answer
        ValueRecord("0123", "socialjour", 2016, "Nej"),
    ]
    ds = Dataset.from_records(catalog, records, history=history)
    cmp = compare(ds, resolve_group(registry, "Ekerö,Järfälla"), registry.units)
    change = next(r for r in cmp.indicators() if r.indicator.id == "socialjour").change
    assert change is not None and change.since == 2016
    assert change.previous == Decimal("0.0") and change.change == Decimal("100.0")
