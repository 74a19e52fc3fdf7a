"""A catalog generated from a workbook in Socialstyrelsen's shape."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from jamfor.catalog.loader import catalog_yaml, parse_catalog
from jamfor.core.comparison import compare
from jamfor.core.problems import InputError
from jamfor.registry.loader import resolve_group
from jamfor.registry.model import Registry
from jamfor.sources.loader import load_dataset
from jamfor.sources.workbook_catalog import catalog_from_workbook

from ..support.oj_workbooks import RegisterColumn, SurveyColumn, Workbook, build_workbook

FOR_ALL = ("Ja, för alla", "Ja, men inte för alla", "Nej")
SURVEY = [
    SurveyColumn(
        "Tillgänglighet",
        "Socialjour med socionomer alla dagar hela dygnet",
        ("Ja", "Nej"),
        (0.6, 0.4),
        ("Ja",),
        "Kommunen har socialjour med socionomer.",
    ),
    SurveyColumn(
        "Tillgänglighet",
        "Erbjuder enklare hushållsekonomisk rådgivning",
        ("Ja", "Delvis", "Nej"),
        (0.5, 0.2, 0.3),
        ("Ja", "Delvis"),
    ),
    SurveyColumn(
        "Arbetsmarknadsinsatser",
        "Erbjuder minst en kommunal arbetsmarknadsinsats till alla personer 18-24 år",
        FOR_ALL,
        (0.4, 0.4, 0.2),
        ("Ja, för alla",),
    ),
    SurveyColumn(
        "Arbetsmarknadsinsatser",
        "Erbjuder minst en kommunal arbetsmarknadsinsats till personer över 24 år",
        FOR_ALL,
        (0.4, 0.4, 0.2),
        ("Ja, för alla", "Ja, men inte för alla"),
    ),
]
REGISTER = [
    RegisterColumn(
        "Långvarigt bistånd",
        "Andel långvarigt ekonomiskt bistånd",
        20,
        50,
        direction_text="Lågt värde är bra",
    ),
    RegisterColumn(
        "Kostnader",
        "Utbetalt ekonomiskt bistånd, kronor per invånare",
        500,
        2000,
        "kr",
        direction_text="Lågt värde är bra",
    ),
]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Workbook:
    path = tmp_path_factory.mktemp("oj") / "oj-ekb-2024.xlsx"
    return build_workbook(path, registry, SURVEY, REGISTER)


def test_tables_themes_labels_and_kinds_as_printed(workbook: Workbook, registry: Registry) -> None:
    catalog = catalog_from_workbook(workbook.path, "ekb", 2024, registry)
    assert (catalog.area, catalog.year, catalog.generated_from) == (
        "ekb",
        2024,
        "oj-ekb-2024.xlsx",
    )
    assert [(t.id, t.title, [i.label for i in t.indicators]) for t in catalog.tables] == [
        ("1", "Tillgänglighet", [SURVEY[0].label, SURVEY[1].label]),
        ("2", "Arbetsmarknadsinsatser", [SURVEY[2].label, SURVEY[3].label]),
        ("3", "Långvarigt bistånd", [REGISTER[0].label]),
        ("4", "Kostnader", [REGISTER[1].label]),
    ]
    jour, advice, young, _older = catalog.tables[0].indicators + catalog.tables[1].indicators
    assert jour.kind == "categorical" and jour.values == ("Ja", "Nej")
    assert advice.values == ("Ja", "Delvis", "Nej")
    assert young.values == FOR_ALL
    assert jour.description == "Kommunen har socialjour med socionomer."
    share, cost = catalog.tables[2].indicators[0], catalog.tables[3].indicators[0]
    assert (share.kind, share.unit, share.direction, share.source.type) == (
        "percent",
        "%",
        "lower_better",
        "register",
    )
    assert (cost.kind, cost.unit, cost.decimals) == ("number", "kr", 0)


def test_the_yes_rule_the_published_shares_reveal(workbook: Workbook, registry: Registry) -> None:
    catalog = catalog_from_workbook(workbook.path, "ekb", 2024, registry)
    by_label = {i.label: i for i in catalog.indicators}
    for column in SURVEY:
        ind = by_label[column.label]
        assert set(ind.yes_answers or ()) == set(column.counted), column.label
        assert ind.yes_rule is not None and ind.yes_rule.basis == "published"
        riket = workbook.riket[column.label]
        assert f"härledd ur rikets {riket} %" in ind.yes_rule.note
        assert not ind.review
    # the 18-24 indicator demands all: the default rule would agree; the 24+ one does not
    # demand all and the published share counts the partial answer as yes too
    assert by_label[SURVEY[3].label].yes_answers == ("Ja, för alla", "Ja, men inte för alla")


def test_the_group_s_snitt_counts_with_the_revealed_rule(
    workbook: Workbook, registry: Registry
) -> None:
    catalog = catalog_from_workbook(workbook.path, "ekb", 2024, registry)
    ds = load_dataset([workbook.path], catalog, registry)
    group = resolve_group(registry, "nordvast")
    cmp = compare(ds, group, registry.units)
    for r in cmp.indicators():
        column = next((c for c in SURVEY if c.label == r.indicator.label), None)
        if column is None:
            continue
        given = [
            a
            for u in group.members
            if (a := workbook.answers[column.label][u.code]) != "Uppgift saknas"
        ]
        expected = round(100 * sum(a in column.counted for a in given) / len(given), 1)
        assert float(r.snitt.value or 0) == pytest.approx(expected, abs=0.051)
        # the published Riket and county are shown as given
        assert r.published_references["0000"] == int(workbook.riket[column.label])
        assert r.references["0001"] == int(workbook.counties["Stockholms län"][column.label])


def test_shares_written_as_fractions(tmp_path: Path, registry: Registry) -> None:
    wb = build_workbook(tmp_path / "andelar.xlsx", registry, SURVEY[2:], fraction=True, seed=5)
    catalog = catalog_from_workbook(wb.path, "ekb", 2024, registry)
    young, older = catalog.indicators
    assert young.yes_answers == ("Ja, för alla",) and young.references_as_fraction
    assert older.yes_answers == ("Ja, för alla", "Ja, men inte för alla")
    ds = load_dataset([wb.path], catalog, registry)
    cmp = compare(ds, resolve_group(registry, "nordvast"), registry.units)
    riket = next(cmp.indicators()).published_references["0000"]
    assert riket == pytest.approx(float(wb.riket[young.label]) * 100)


def test_a_share_no_answer_set_explains_is_marked_for_review(
    tmp_path: Path, registry: Registry
) -> None:
    odd = SurveyColumn(
        "Samverkan",
        "Aktuell överenskommelse med samtliga hyresvärdar",
        ("Ja", "Ja, med vissa", "Nej"),
        (0.3, 0.4, 0.3),
        ("Nej",),  # a published share that counts something no rule would
    )
    wb = build_workbook(tmp_path / "udda.xlsx", registry, [odd], seed=3)
    ind = catalog_from_workbook(wb.path, "ekb", 2024, registry).indicators[0]
    assert ind.review and ind.yes_rule is not None and ind.yes_rule.basis == "default"
    # the default: «Ja, med vissa» does not count where the label demands all («samtliga»)
    assert ind.yes_answers == ("Ja",)


def test_the_catalog_as_yaml_reads_back_the_same(workbook: Workbook, registry: Registry) -> None:
    catalog = catalog_from_workbook(workbook.path, "ekb", 2024, registry)
    text = catalog_yaml(catalog)
    assert text.startswith("# Katalog för ekonomiskt bistånd 2024, genererad av jamfor ur")
    assert "härledd ur rikets" in text
    assert parse_catalog(text, "ekb-2024.yaml") == catalog


def test_a_workbook_without_a_results_table(tmp_path: Path, registry: Registry) -> None:
    path = tmp_path / "tom.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Info").write(0, 0, "Öppna jämförelser 2024")
    book.close()
    with pytest.raises(InputError) as caught:
        catalog_from_workbook(path, "ekb", 2024, registry)
    assert "Hittade ingen resultattabell" in str(caught.value)
