"""Charts: their figures come from the table, they read without colour, and they sit in the figure."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup, Tag
from PIL import Image

from jamfor.report.charts import chart_png, chart_svg, clear_cache
from jamfor.report.html import render_print_html
from jamfor.report.model import Chart, Report, ReportTable

SVG = "{http://www.w3.org/2000/svg}"


def _table(report: Report, number: str) -> ReportTable:
    return next(t for t in report.tables() if t.number == number)


def _chart(report: Report, number: str) -> Chart:
    chart = _table(report, number).chart
    assert chart is not None
    return chart


def test_every_result_table_has_a_chart_and_the_sorting_table_none(report_2015: Report) -> None:
    tables = report_2015.tables()
    assert tables[0].number == "1" and tables[0].chart is None
    results = [t for t in tables[1:] if not t.anchor.startswith("tabell-profil")]
    assert len(results) == 15 and all(t.chart is not None for t in results)
    # the municipality profiles gather the same cells; their pictures are the result tables'
    assert all(t.chart is None for t in tables if t.anchor.startswith("tabell-profil"))


def test_share_chart_shows_the_snitt_and_references_of_the_table(report_2015: Report) -> None:
    table = _table(report_2015, "2")
    chart = _chart(report_2015, "2")
    assert chart.shares is not None and chart.units == ()
    assert chart.shares.indicators == table.columns
    assert [s.label for s in chart.shares.series] == ["Snitt i Nordväst", "Riket", "Stockholms län"]
    rows = {r.header: [c.text for c in r.cells] for r in table.rows}
    for series in chart.shares.series:
        assert [v.text for v in series.values] == rows[series.label]
    assert [v.value for v in chart.shares.series[0].values] == [37.5, 75.0, 87.5, 87.5]
    assert chart.description.startswith("Stapeldiagram till tabell 2: andelen kommuner")
    assert "lägst för «Rutin med barn- och ungdomsvården» (37,5\u00a0%)" in chart.description


def test_register_chart_shows_each_municipality_beside_group_county_and_nation(
    report_2015: Report,
) -> None:
    chart = _chart(report_2015, "12a")
    assert chart.shares is None
    assert [c.indicator for c in chart.units] == list(_table(report_2015, "12a").columns)
    cost = chart.units[2]
    assert cost.unit == "kr"
    labels = [r.label for r in cost.rows]
    assert labels[-3:] == ["Snitt i Nordväst", "Riket", "Stockholms län"]
    assert [r.kind for r in cost.rows][-3:] == ["snitt", "reference", "reference"]
    by_label = {r.label: r.value for r in cost.rows}
    assert by_label["Riket"].value == 1095 and by_label["Riket"].text == "1\u00a0095"
    assert by_label["Upplands Väsby"].value is None
    assert by_label["Upplands Väsby"].text == "Ingen uppgift"
    # The chart shows the computed Snitt, without the table's footnote mark.
    assert chart.units[1].rows[8].value.text == "16,7\u00a0%"


def test_mixed_table_gets_bars_and_dots(report_2015: Report) -> None:
    chart = _chart(report_2015, "5")
    assert chart.shares is not None and len(chart.shares.indicators) == 3
    assert [c.indicator for c in chart.units] == ["Tillgång till stöd i arbetet"]
    assert chart.units[0].unit == "timmar per vecka"


def test_svg_is_labelled_and_every_value_is_written_on_it(report_2015: Report) -> None:
    chart = _chart(report_2015, "12b")
    svg = chart_svg(chart, "diagram-12b")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == chart.description
    assert root.get("aria-labelledby") == title.get("id")
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert ids and all(i.startswith("diagram-12b-") for i in ids)  # type: ignore[union-attr]
    texts = {"".join(el.itertext()).strip() for el in root.iter(f"{SVG}text")}
    for unit_chart in chart.units:
        for row in unit_chart.rows:
            assert row.value.text in texts, row
            assert row.label in texts, row


def test_bars_are_told_apart_by_hatching_not_only_colour(report_2015: Report) -> None:
    svg = chart_svg(_chart(report_2015, "2"), "d2")
    root = ET.fromstring(svg)
    patterns = root.findall(f".//{SVG}pattern")
    # Snitt is solid; Riket and Stockholms län each have their own hatch.
    assert len(patterns) == 2
    texts = ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]
    for value in ("37,5\u00a0%", "54,3\u00a0%", "55,0\u00a0%"):
        assert value in texts


def test_png_for_word(report_2015: Report) -> None:
    png = chart_png(_chart(report_2015, "10"))
    with Image.open(io.BytesIO(png)) as im:
        assert im.format == "PNG"
        width, height = im.size
        assert width >= 1200 and height > 300
        grey = im.convert("L")
        assert sum(grey.histogram()[:128]) / (width * height) > 0.02


def test_html_puts_the_chart_inside_its_figure_after_the_table(html_2015: str) -> None:
    soup = BeautifulSoup(html_2015, "html.parser")
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate ids in the HTML"
    for fig in soup.select("figure.result"):
        children = [c for c in fig.children if isinstance(c, Tag)]
        names = [c.name for c in children]
        if fig["id"] == "tabell-1" or fig["id"].startswith("tabell-profil-"):
            assert names == ["table", "figcaption"]  # the sorting and the profiles: no picture
            continue
        assert names == ["table", "div", "figcaption"], fig["id"]
        svg = children[1].find("svg")
        assert isinstance(svg, Tag) and svg["role"] == "img"
        assert svg.title is not None
        assert re.match(r"(Stapel|Punkt)diagram till tabell \w+:", svg.title.get_text())
    assert len(soup.select("figure.result svg")) == 15


def test_pdf_html_uses_svg_images_with_alt_text(report_2015: Report) -> None:
    soup = BeautifulSoup(render_print_html(report_2015), "html.parser")
    images = soup.select("figure.result .chart img")
    assert len(images) == 15
    for img in images:
        assert img["src"].startswith("data:image/svg+xml;base64,")  # type: ignore[union-attr]
        assert re.match(r"(Stapel|Punkt)diagram till tabell \w+:", str(img["alt"]))
    assert soup.body is not None and "print" in soup.body["class"]


@pytest.mark.parametrize("number", ["2", "12a"])
def test_same_chart_same_drawing(report_2015: Report, number: str) -> None:
    chart = _chart(report_2015, number)
    first = chart_svg(chart, "x")
    clear_cache()
    assert chart_svg(chart, "x") == first
