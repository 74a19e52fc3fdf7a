"""Quartile colours: explained in the reading guide now, shown with symbol and legend when set."""

from __future__ import annotations

import dataclasses
import io

import pytest
from bs4 import BeautifulSoup, Tag
from docx import Document
from docx.oxml.ns import qn

from jamfor.report.docx import render_docx
from jamfor.report.html import render_html
from jamfor.report.model import Cell, Report, ReportTable, Section


def test_reading_guide_says_which_tables_would_be_coloured(report_2015: Report) -> None:
    guide = next(s for s in report_2015.sections if s.anchor == "lasanvisningar")
    text = guide.paragraphs[-1]
    assert text.startswith("Registermåtten (tabell 12a och 12b) färgas efter kvartil")
    assert "grönt för den fjärdedel av kommunerna som har bäst värden" in text
    assert "rött för den fjärdedel som har sämst" in text
    assert "gult för de mellersta 50 procenten" in text
    assert "Bakgrundsmåtten färgas inte" in text
    assert "när riksdata för alla kommuner har lästs in" in text
    assert not any(c.colour for t in report_2015.tables() for r in t.rows for c in r.cells)


def test_unknown_colour_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown colour 'blå'"):
        Cell("1,0 %", colour="blå")


def _colour_12a(report: Report) -> Report:
    """Table 12a with Sigtuna green, Solna yellow and Sollentuna red in the first column."""
    wanted = {"Sigtuna": "green", "Solna": "yellow", "Sollentuna": "red"}

    def table(t: ReportTable) -> ReportTable:
        if t.number != "12a":
            return t
        rows = tuple(
            dataclasses.replace(
                r,
                cells=(dataclasses.replace(r.cells[0], colour=wanted[r.header]), *r.cells[1:]),
            )
            if r.header in wanted
            else r
            for r in t.rows
        )
        return dataclasses.replace(t, rows=rows)

    def section(s: Section) -> Section:
        return dataclasses.replace(
            s,
            tables=tuple(table(t) for t in s.tables),
            subsections=tuple(section(x) for x in s.subsections),
        )

    return dataclasses.replace(report, sections=tuple(section(s) for s in report.sections))


def test_legend_lists_the_colours_used(report_2015: Report) -> None:
    coloured = _colour_12a(report_2015)
    table = next(t for t in coloured.tables() if t.number == "12a")
    assert [k.name for k in table.colours] == ["green", "yellow", "red"]
    assert table.colour_legend == (
        "Färger: ● grön = bland den bästa fjärdedelen av landets kommuner; "
        "▲ gul = bland de mellersta 50 procenten; "
        "■ röd = bland den sämsta fjärdedelen av landets kommuner."
    )
    assert next(t for t in coloured.tables() if t.number == "12b").colour_legend is None


def test_html_shows_class_symbol_and_legend(report_2015: Report) -> None:
    soup = BeautifulSoup(render_html(_colour_12a(report_2015), charts=False), "html.parser")
    fig = soup.find("figure", id="tabell-12a")
    assert isinstance(fig, Tag)
    cells = {
        tr.th.get_text(strip=True): tr.find_all("td")[0]  # type: ignore[union-attr]
        for tr in fig.select("tbody tr")
    }
    sigtuna = cells["Sigtuna"]
    assert sigtuna["class"] == ["colour", "colour-green"]
    assert sigtuna.get_text() == "● 25,0\u00a0%"
    assert sigtuna["title"].startswith("grön: ")
    assert cells["Solna"]["class"] == ["colour", "colour-yellow"]
    assert cells["Sollentuna"].get_text().startswith("■ ")
    assert "class" not in cells["Ekerö"].attrs
    legend = fig.select_one("figcaption .colour-legend")
    assert legend is not None and legend.get_text().startswith("Färger: ● grön = ")
    assert soup.select(".colour-legend") == [legend]


def test_word_shades_the_cell_and_prints_symbol_and_legend(report_2015: Report) -> None:
    word = Document(io.BytesIO(render_docx(_colour_12a(report_2015))))
    table = next(
        t for t in word.tables if t.rows[0].cells[1].text == "Långvarigt ekonomiskt bistånd"
    )
    rows = {r.cells[0].text: r.cells[1] for r in table.rows[1:]}
    assert rows["Sigtuna"].text == "● 25,0\u00a0%"
    shading = rows["Sigtuna"]._tc.tcPr.find(qn("w:shd"))
    assert shading is not None and shading.get(qn("w:fill")) == "C6E6C3"
    assert rows["Ekerö"]._tc.tcPr.find(qn("w:shd")) is None
    notes = [p.text for p in word.paragraphs if p.text.startswith("Färger: ")]
    assert len(notes) == 1 and "▲ gul" in notes[0]
