"""The Word report, reopened with python-docx and compared with the HTML report."""

from __future__ import annotations

import io
import itertools

import pytest
from bs4 import BeautifulSoup, Tag
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.table import Table as WordTable

from jamfor.report.model import Report

from ..conftest import NORDVAST_MEMBERS


@pytest.fixture(scope="module")
def word(docx_2015: bytes) -> WordDocument:
    return Document(io.BytesIO(docx_2015))


def _html_tables(html: str) -> list[list[list[str]]]:
    soup = BeautifulSoup(html, "html.parser")
    tables = []
    for fig in soup.select("figure.result"):
        table = fig.find("table")
        assert isinstance(table, Tag)
        rows = [
            [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
            for tr in table.find_all("tr")
        ]
        tables.append(rows)
    return tables


def _word_rows(table: WordTable) -> list[list[str]]:
    return [[cell.text.strip() for cell in row.cells] for row in table.rows]


def test_tables_have_the_same_cells_as_the_html(word: WordDocument, html_2015: str) -> None:
    html_tables = _html_tables(html_2015)
    assert len(html_tables) == 16 + len(NORDVAST_MEMBERS)  # results, then a profile per member
    assert len(word.tables) == len(html_tables)
    for html_rows, table in zip(html_tables, word.tables, strict=True):
        assert _word_rows(table) == html_rows
    table2 = _word_rows(word.tables[1])
    assert table2[0][1] == "Rutin med barn- och ungdomsvården"
    assert table2[9] == [
        "Snitt i Nordväst",
        "37,5\u00a0%",
        "75,0\u00a0%",
        "87,5\u00a0%",
        "87,5\u00a0%",
    ]


def test_header_row_repeats_and_rows_do_not_split(word: WordDocument) -> None:
    for table in word.tables:
        first, *rest = table.rows
        assert first._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in rest:
            assert row._tr.trPr.find(qn("w:tblHeader")) is None
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_sections_are_word_headings(word: WordDocument, report_2015: Report) -> None:
    by_style: dict[str, list[str]] = {}
    for p in word.paragraphs:
        by_style.setdefault(p.style.name if p.style else "", []).append(p.text)
    assert by_style["Heading 1"][:4] == [
        "Avvikelser mot publicerade snitt",  # h2 in the HTML and the PDF as well
        "Läsanvisningar",
        "Kommunsortering",
        "Del 1 – God kvalitet i verksamheten",
    ]
    assert "Del 2 – Omfattning av ekonomiskt bistånd" in by_style["Heading 1"]
    assert by_style["Heading 1"][-1].startswith("Bilaga: ")
    for theme in ("Helhetssyn och samordning", "Indikatorer", "Försörjningshinder"):
        assert theme in by_style["Heading 2"]
    assert set(by_style["Heading 3"]) == {
        t.notes.title for t in report_2015.tables() if t.notes is not None
    }
    captions = by_style["Caption"]
    assert captions == [f"Tabell {t.number}. {t.title}" for t in report_2015.tables()]
    assert by_style["Title"] == ["Resultat av Öppna jämförelser inom ekonomiskt bistånd 2015"]


def test_heading_levels_never_skip_and_no_paragraph_is_empty(word: WordDocument) -> None:
    levels = [
        int(p.style.name.removeprefix("Heading "))
        for p in word.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]
    assert levels[0] == 1 and 3 in levels
    assert not [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    for n, p in enumerate(word.paragraphs):
        # Spacing comes from the styles: a screen reader reads an empty paragraph as "blank".
        assert p.text.strip() or p._p.xpath(".//w:drawing"), (n, p.style and p.style.name)


def test_table_of_contents_field(word: WordDocument) -> None:
    instructions = [
        el.text for el in word.element.body.iter(qn("w:instrText")) if el.text is not None
    ]
    assert any(i.strip().startswith('TOC \\o "1-2"') for i in instructions)
    settings = word.settings.element
    update = settings.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_every_picture_has_alt_text(word: WordDocument, report_2015: Report) -> None:
    charts = [t.chart for t in report_2015.tables() if t.chart is not None]
    assert len(word.inline_shapes) == len(charts) == 15
    descriptions = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert descriptions == [c.description for c in charts]
    for shape in word.inline_shapes:
        assert shape.width is not None and shape.width > 0
        blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        assert word.part.related_parts[blob].content_type == "image/png"


def test_interpretations_are_tolkning_paragraphs_under_their_table(word: WordDocument) -> None:
    after: dict[str, list[str]] = {}
    headings: dict[str, list[str]] = {}
    current = None
    for block in word.iter_inner_content():
        if isinstance(block, WordTable):
            current = _word_rows(block)[0][1]
            after[current], headings[current] = [], []
        elif current is not None and block.style is not None and block.style.name == "Tolkning":
            after[current].append(block.text)
        elif current is not None and block.style is not None and block.style.name == "Heading 3":
            headings[current].append(block.text)
    notes = after["Rutin med barn- och ungdomsvården"]  # table 2
    assert headings["Rutin med barn- och ungdomsvården"] == [
        "Dokumentation från mötet om kvalitetssäkring 2015-04-24"
    ]
    assert notes[0].startswith("Fråga 1 i enkäten: ")
    assert notes[1].startswith("Fråga 3 i enkäten: ")
    assert after["Överenskommelse med Arbetsförmedlingen"] == []  # table 3 has none
    assert headings["Överenskommelse med Arbetsförmedlingen"] == []
    tolkning = word.styles["Tolkning"]
    assert tolkning.base_style is not None and tolkning.base_style.name == "Normal"


def test_properties_and_language(word: WordDocument) -> None:
    props = word.core_properties
    assert (
        props.title
        == "Resultat av Öppna jämförelser inom ekonomiskt bistånd 2015 – Nordvästkommunerna"
    )
    assert props.language == "sv-SE"
    lang = word.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))  # type: ignore[union-attr]
    assert lang is not None and lang.get(qn("w:val")) == "sv-SE"
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # type: ignore[union-attr]
    assert section.header.paragraphs[0].text == props.title


def test_sources_with_date_under_every_table(word: WordDocument, report_2015: Report) -> None:
    notes = [p.text for p in word.paragraphs if p.style is not None and p.style.name == "Tabellnot"]
    for table in report_2015.tables():
        assert report_2015.source_line(table) in notes
