"""Accessible reports: axe-core on the HTML, tagged PDF, and Word's own structure."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn

from jamfor.catalog.loader import load_catalog
from jamfor.core.comparison import compare
from jamfor.registry.loader import resolve_group
from jamfor.registry.model import Registry
from jamfor.report.build import build_report
from jamfor.report.docx import render_docx
from jamfor.report.html import render_html
from jamfor.report.model import Report
from jamfor.sources.loader import load_dataset

from ..conftest import DATA
from ..support.browser import axe_violations, chromium, describe, require_axe
from ..support.pdf_tags import scope_of, structure, unscoped_headers


@pytest.fixture(scope="module")
def report_2018(registry: Registry) -> Report:
    catalog = load_catalog(2018)
    ds = load_dataset([DATA / "oj-ekb-2018-handgjord.csv"], catalog, registry)
    return build_report(compare(ds, resolve_group(registry, "nordvast"), registry.units), registry)


@pytest.mark.parametrize("which", ["report_2015", "report_2018"])
def test_html_report_passes_axe(which: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    require_axe()
    report: Report = request.getfixturevalue(which)
    page_file = tmp_path / "rapport.html"
    page_file.write_text(render_html(report), encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page()
        page.goto(page_file.as_uri())
        violations = axe_violations(page)
    assert not violations, describe(violations)


def test_html_tables_and_charts_are_described(report_2015: Report) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(render_html(report_2015), "html.parser")
    assert soup.html is not None and soup.html["lang"] == "sv"
    for table in soup.find_all("table"):
        assert table.caption is not None and table.caption.get_text(strip=True)
        # The PDF's /Scope follows the same rule: Column in the head, Row in the body.
        assert all(th.get("scope") in ("col", "colgroup") for th in table.thead.find_all("th"))
        assert all(th.get("scope") == "row" for th in table.tbody.find_all("th"))
    for svg in soup.find_all("svg"):
        assert svg.get("role") == "img" and (svg.get("aria-label") or svg.find("title"))


def test_pdf_is_tagged_with_title_language_and_bookmarks(pdf_2015: Path) -> None:
    pdf = pikepdf.open(pdf_2015)
    root = pdf.Root
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == "sv"
    assert "/StructTreeRoot" in root
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    assert str(pdf.docinfo.get("/Title", "")).startswith("Resultat av Öppna jämförelser")
    titles = []
    with pdf.open_outline() as outline:
        todo = list(outline.root)
        while todo:
            item = todo.pop(0)
            titles.append(item.title)
            todo.extend(item.children)
    assert "Läsanvisningar" in titles and any(t.startswith("Del 1") for t in titles)


def test_pdf_has_xmp_metadata_with_title_language_and_the_pdf_ua_identifier(
    pdf_2015: Path,
) -> None:
    pdf = pikepdf.open(pdf_2015)
    assert "/Metadata" in pdf.Root
    meta = pdf.open_metadata()
    assert meta["dc:title"] == (
        "Resultat av Öppna jämförelser inom ekonomiskt bistånd 2015 – Nordvästkommunerna"
    )
    assert meta["dc:language"] == {"sv"}
    assert meta["pdfuaid:part"] == "1"


def test_every_table_header_in_the_pdf_has_a_scope(pdf_2015: Path) -> None:
    pdf = pikepdf.open(pdf_2015)
    headers = [(a, e) for kind, a, e in structure(pdf) if kind == "/TH"]
    assert len(headers) > 100
    assert all("/Table" in ancestors for ancestors, _ in headers)
    assert {scope_of(e) for _, e in headers} == {"/Column", "/Row"}
    assert not unscoped_headers(pdf)


def test_word_report_structure(report_2015: Report) -> None:
    doc = Document(io.BytesIO(render_docx(report_2015)))
    assert doc.core_properties.language == "sv-SE"
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Heading 1", "Heading 2"} <= styles
    langs = doc.styles.element.findall(f".//{qn('w:lang')}")
    assert any(el.get(qn("w:val")) == "sv-SE" for el in langs)
    for table in doc.tables:
        first = table.rows[0]._tr
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert doc.inline_shapes, "the report has charts"
    for shape in doc.inline_shapes:
        assert shape._inline.docPr.get("descr"), "every picture has alternative text"


@pytest.mark.parametrize("which", ["report_2015", "report_2018"])
def test_headings_never_skip_a_level(which: str, request: pytest.FixtureRequest) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(render_html(request.getfixturevalue(which)), "html.parser")
    levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not jumps, f"heading levels jump: {jumps}"
