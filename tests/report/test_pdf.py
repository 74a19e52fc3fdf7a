"""The PDF report, read back with poppler: text, pages, fonts and that no page is blank."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from jamfor.catalog.model import Catalog
from jamfor.core.problems import JamforError
from jamfor.report import pdf as pdf_module
from jamfor.report.model import Cell, Report, ReportTable, Row, Section
from jamfor.report.pdf import render_pdf

from ..conftest import NORDVAST_MEMBERS
from .conftest import MADE, run

pytestmark = pytest.mark.usefixtures("poppler")

MEMBERS = NORDVAST_MEMBERS


@pytest.fixture(scope="module")
def pages(pdf_2015: Path) -> list[str]:
    """The text of each page, whitespace collapsed."""
    text = run("pdftotext", "-enc", "UTF-8", pdf_2015, "-")
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@pytest.fixture(scope="module")
def text(pages: list[str]) -> str:
    return " ".join(pages)


def test_a4_and_more_than_one_page(pdf_2015: Path, pages: list[str]) -> None:
    info = run("pdfinfo", pdf_2015)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size is not None, info
    assert (round(float(size[1])), round(float(size[2]))) == (595, 842)
    count = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    assert count > 1 and count == len(pages)
    assert "Title: Resultat av Öppna jämförelser inom ekonomiskt bistånd 2015" in " ".join(
        info.split()
    )
    assert re.search(r"^Metadata Stream:\s+yes$", info, re.M), info  # XMP (PDF/UA)
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info


def test_every_municipality_table_and_snitt(
    text: str, catalog: Catalog, report_2015: Report
) -> None:
    for name in MEMBERS:
        assert name in text, name
    assert "Snitt i Nordväst" in text
    assert "Tabell 1. Nordvästkommunernas sortering" in text
    for t in catalog.tables:
        assert f"Tabell {t.id}. {t.title}" in text, t.id
    # the sorting, the results, a profile per member
    assert len(report_2015.tables()) == 1 + len(catalog.tables) + len(MEMBERS)
    assert "Riket" in text and "Stockholms län" in text


def test_swedish_letters_survive(text: str) -> None:
    for word in ("Öppna jämförelser", "Läsanvisningar", "Järfälla", "Ekerö", "biståndshushåll"):
        assert word in text, word
    assert "37,5 %" in text


def test_interpretations_and_their_headings(text: str, report_2015: Report) -> None:
    notes = [t.notes for t in report_2015.tables() if t.notes is not None]
    assert notes
    for block in notes:
        assert block.title in text
        for note in block.notes:
            assert f"{note.heading}:" in text, note.heading


def test_source_under_tables_and_the_date_once(text: str) -> None:
    assert (
        "Källa: Socialstyrelsens registerdata, Öppna jämförelser ekonomiskt bistånd 2015." in text
    )
    # the date the report was compiled stands once, on the title page
    assert text.count(f"Sammanställd {MADE.isoformat()}") == 1


def test_fonts_are_embedded(pdf_2015: Path) -> None:
    lines = run("pdffonts", pdf_2015).splitlines()[2:]
    assert lines
    for line in lines:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert "DejaVu" in name, line


def test_title_page_contents_with_page_numbers_header_and_footer(pages: list[str]) -> None:
    title = "Resultat av Öppna jämförelser inom ekonomiskt bistånd 2015"
    assert pages[0].startswith("ÖPPNA JÄMFÖRELSER " + title)
    assert "Sida" not in pages[0]  # no header or footer on the title page
    contents = pages[1]
    assert "Innehåll" in contents
    for n, page in enumerate(pages[1:], start=2):
        assert page.startswith(f"{title} – Nordvästkommunerna"), n
        assert page.endswith(f"Sida {n} av {len(pages)}"), n

    def listed(heading: str) -> int:
        found = re.search(re.escape(heading) + r" ?\.*\s*(\d+)", contents)
        assert found is not None, heading
        return int(found[1])

    for heading, first_words in (
        ("Läsanvisningar", "Läsanvisningar Gruppen Nordvästkommunerna består av"),
        ("Kommunsortering", "Kommunsortering Socialstyrelsens socioekonomiska nyckel"),
        ("Del 2 – Omfattning av ekonomiskt bistånd", "Del 2 – Omfattning av ekonomiskt bistånd"),
    ):
        number = listed(heading)
        assert first_words in pages[number - 1], (heading, number)


def test_no_page_is_blank(pdf_2015: Path, tmp_path: Path) -> None:
    run("pdftoppm", "-r", "30", "-gray", "-png", pdf_2015, tmp_path / "side")
    images = sorted(tmp_path.glob("side-*.png"))
    assert len(images) > 1
    for image in images:
        with Image.open(image) as im:
            grey = im.convert("L")
            width, height = grey.size
            # The page body, without the running header and the page number.
            body = grey.crop((0, height * 24 // 297, width, height * 275 // 297))
            dark = sum(body.histogram()[:200])
            share = dark / (body.width * body.height)
        assert share > 0.005, f"{image.name}: {share:.2%} of the page body has ink"


def _long_report(rows: int) -> Report:
    table = ReportTable(
        anchor="tabell-lang",
        number="99",
        title="En lång tabell",
        captions=(),
        columns=("Kolumn A", "Kolumn B"),
        rows=tuple(
            Row(f"Rad {i}", (Cell(f"{i},0 %"), Cell(f"värde {i}"))) for i in range(1, rows + 1)
        ),
        source="Källa: test.",
    )
    return Report(
        title="Lång rapport",
        subtitle="Testgruppen",
        year=2015,
        group_name="Testgruppen",
        sections=(Section(anchor="del", title="Del", level=2, tables=(table,)),),
        made=MADE,
    )


def test_long_table_repeats_its_header_and_never_splits_a_row(tmp_path: Path) -> None:
    path = tmp_path / "lang.pdf"
    path.write_bytes(render_pdf(_long_report(140)))
    text = run("pdftotext", "-layout", "-enc", "UTF-8", path, "-")
    spanned = [page for page in text.split("\f") if "Rad " in page]
    assert len(spanned) >= 3
    for page in spanned:
        assert re.search(r"Kolumn A\s+Kolumn B", page), page[:300]
    seen = []
    for line in text.splitlines():
        found = re.match(r"\s*Rad (\d+)\s+(\d+),0 %\s+värde (\d+)\s*$", line)
        if found:
            assert found[1] == found[2] == found[3], line
            seen.append(int(found[1]))
    assert seen == list(range(1, 141))


def test_missing_pango_gives_a_swedish_message(
    monkeypatch: pytest.MonkeyPatch, report_2015: Report
) -> None:
    def no_pango(name: str) -> object:
        raise OSError(
            "cannot load library 'libpango-1.0-0': libpango-1.0-0: "
            "cannot open shared object file: No such file or directory"
        )

    monkeypatch.setattr(pdf_module, "import_module", no_pango)
    with pytest.raises(JamforError) as caught:
        render_pdf(report_2015)
    message = str(caught.value)
    assert message.startswith("PDF kan inte skapas")
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core" in message
    assert "libpango-1.0-0: cannot open shared object file" in message
