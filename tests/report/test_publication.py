"""The report as a published document: front matter, sorting, profiles, layout."""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import zlib
from importlib import resources
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from jamfor.catalog.loader import load_catalog
from jamfor.cli import app
from jamfor.core.comparison import GroupComparison, compare
from jamfor.core.problems import InputError
from jamfor.registry.loader import resolve_group
from jamfor.registry.model import Registry
from jamfor.report.build import build_report
from jamfor.report.docx import render_docx
from jamfor.report.html import render_html
from jamfor.report.pdf import render_pdf
from jamfor.sources.loader import load_dataset
from jamfor.sources.publication import blocks_from_text, load_front_matter

from ..conftest import DATA, NORDVAST_MEMBERS
from ..support.browser import chromium

runner = CliRunner()
EXAMPLE_SETTINGS = Path(str(resources.files("jamfor.examples") / "rapport-fou-nordvast-2015.yaml"))


def _png(width: int = 4, height: int = 2) -> bytes:
    """A tiny real PNG (a logo stand-in)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\x1f\x4e\x79" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _settings(tmp_path: Path, **extra: str) -> Path:
    (tmp_path / "logga.png").write_bytes(_png())
    text = (
        "organisation: FoU-Exempel\n"
        "forfattare: [Anna Andersson, Bo Berg]\n"
        "logotyp: logga.png\n"
        "inledning: |\n  Första stycket om rapporten.\n\n  Andra stycket.\n"
        "arbetsmodell: |\n  Modellen har tre steg:\n\n  1. Sammanställa.\n  2. Diskutera\n"
        "     resultaten.\n  3. Besluta.\n"
        "om_indikatorerna:\n  text: Indikatorerna beskrivs i guiden.\n  lankar:\n"
        "    - {text: Guiden, url: 'https://www.socialstyrelsen.se/guide.pdf'}\n"
    )
    for key, value in extra.items():
        text += f"{key}: {value}\n"
    path = tmp_path / "rapport.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_text_becomes_paragraphs_and_lists() -> None:
    blocks = blocks_from_text(
        "Ett stycke\nsom fortsätter.\n\n1. Ett\n2. Två\n   fortsätter\n\n- a\n- b"
    )
    assert [b.text for b in blocks] == ["Ett stycke som fortsätter.", "", ""]
    assert blocks[1].items == ("Ett", "Två fortsätter") and blocks[1].ordered
    assert blocks[2].items == ("a", "b") and not blocks[2].ordered


def test_a_settings_file_makes_the_title_page_and_front_matter(
    tmp_path: Path, nordvast_2015: GroupComparison, registry: Registry
) -> None:
    front = load_front_matter(_settings(tmp_path))
    report = build_report(nordvast_2015, registry, front=front)
    soup = BeautifulSoup(render_html(report, charts=False), "html.parser")
    title = soup.select_one("header.title-page")
    assert title is not None
    assert "FoU-Exempel" in title.get_text() and "Anna Andersson, Bo Berg" in title.get_text()
    logo = title.select_one("img.logo")
    assert logo is not None and logo["src"].startswith("data:image/png;base64,")
    assert logo["alt"] == "Logotyp: FoU-Exempel"
    headings = [h.get_text() for h in soup.select("main > section > h2")]
    assert headings[:4] == [
        "Inledning",
        "Nordvästkommunernas arbetsmodell",
        "Om indikatorerna",
        "Läsanvisningar",
    ]
    model = soup.select_one("#arbetsmodell")
    assert model is not None and [li.get_text() for li in model.select("ol > li")] == [
        "Sammanställa.",
        "Diskutera resultaten.",
        "Besluta.",
    ]
    link = soup.select_one("#om-indikatorerna a")
    assert link is not None and link["href"] == "https://www.socialstyrelsen.se/guide.pdf"
    # Word: title page, the sections as headings, the list numbered, the link a hyperlink
    word = Document(io.BytesIO(render_docx(report)))
    texts = [p.text for p in word.paragraphs]
    assert "Anna Andersson, Bo Berg" in texts and "FoU-Exempel" in texts
    assert "Inledning" in [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert "2.\tDiskutera resultaten." in texts
    assert any(
        r.reltype.endswith("/hyperlink") and r.target_ref.endswith("guide.pdf")
        for r in word.part.rels.values()
    )
    assert word.inline_shapes[0]._inline.docPr.get("descr") == "Logotyp: FoU-Exempel"


def test_the_pdf_title_page_carries_organisation_and_authors(
    tmp_path: Path, nordvast_2015: GroupComparison, registry: Registry
) -> None:
    report = build_report(nordvast_2015, registry, front=load_front_matter(_settings(tmp_path)))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(report))
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "FoU-Exempel" in first and "Anna Andersson, Bo Berg" in first


@pytest.mark.parametrize(
    ("extra", "key", "words"),
    [
        ({"forfatare": "[X]"}, "forfatare", "Extra inputs"),
        ({"logotyp": "saknas.png"}, "logotyp", "finns inte"),
        ({"logotyp": "rapport.yaml"}, "logotyp", "PNG-, JPEG- eller SVG"),
    ],
)
def test_a_bad_settings_file_names_the_key(
    tmp_path: Path, extra: dict[str, str], key: str, words: str
) -> None:
    path = _settings(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^logotyp: .*\n", "", text, flags=re.M)
    for k, v in extra.items():
        text += f"{k}: {v}\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_front_matter(path)
    problem = caught.value.problems[0]
    assert problem.file == "rapport.yaml" and problem.field == key and words in problem.message


def test_a_link_must_be_a_web_address(tmp_path: Path) -> None:
    path = _settings(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("https://www.socialstyrelsen.se", "javascript:"),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["report", "--example", "--settings", str(path), "-o", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 1
    assert "ska vara en webbadress" in result.stderr and "Traceback" not in result.output


def test_the_example_report_is_fou_nordvasts_publication(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    r = runner.invoke(app, ["report", "--example", "--year", "2015", "-o", str(out)])
    assert r.exit_code == 0, r.output
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    title = soup.select_one("header.title-page")
    assert title is not None and "Martin Åberg, Henrik Karlsson" in title.get_text()
    intro = soup.select_one("#inledning")
    assert intro is not None and intro.get_text(" ", strip=True).startswith(
        "Inledning Sveriges kommuner och landsting (SKL) och Socialstyrelsen arbetar sedan 2007"
    )
    assert (
        load_front_matter(EXAMPLE_SETTINGS)
        .om_indikatorerna.links[0]
        .url.endswith("anvandarguide-2015.pdf")
    )


def test_kommunsortering_lists_the_types_of_the_year(
    report_2015: object, registry: Registry
) -> None:
    soup = BeautifulSoup(render_html(report_2015, charts=False), "html.parser")  # type: ignore[arg-type]
    section = soup.select_one("#kommunsortering")
    assert section is not None
    types = [li.get_text() for li in section.select("ol > li")]
    assert types[0] == "Storstäder" and types[1] == "Förortskommuner till storstäder"
    assert len(types) == 10  # «SKL:s kommuntyp 2» is the second
    # 2018: SKR's groups, and each member's group
    ds = load_dataset([DATA / "oj-ekb-2018-handgjord.csv"], load_catalog(2018), registry)
    cmp = compare(ds, resolve_group(registry, "nordvast"), registry.units)
    soup = BeautifulSoup(render_html(build_report(cmp, registry), charts=False), "html.parser")
    section = soup.select_one("#kommunsortering")
    assert section is not None
    assert "A2 Pendlingskommun nära storstad" in [li.get_text() for li in section.select("li")]
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.select("td")]
        for tr in section.select("tbody tr")
    }
    assert rows["Solna"] == ["0184", "A2 Pendlingskommun nära storstad"]


@pytest.fixture(scope="module")
def report_2018_html(registry: Registry) -> str:
    ds = load_dataset([DATA / "oj-ekb-2018-handgjord.csv"], load_catalog(2018), registry)
    cmp = compare(ds, resolve_group(registry, "nordvast"), registry.units)
    return render_html(build_report(cmp, registry))


def test_a_profile_for_every_member(report_2018_html: str) -> None:
    soup = BeautifulSoup(report_2018_html, "html.parser")
    titles = [h.get_text() for h in soup.select("#kommunprofiler h3")]
    assert titles == [f"Kommunprofil: {m}" for m in NORDVAST_MEMBERS]
    ekero = soup.select_one("#kommunprofil-ekero")
    assert ekero is not None
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.select("td")]
        for tr in ekero.select("tbody tr")
    }
    # Ekerö's own answer, the group's Snitt and Riket, as in table 2
    assert rows[
        "Erbjuder minst en kommunal arbetsmarknadsinsats inom en månad till alla personer 18-24 år"
    ] == [
        "Ja, med samtliga",
        "12,5\u00a0%",
        "27,5\u00a0%",
    ]
    # the only one without «Ja» on hushållsekonomisk rådgivning besides Sigtuna and Väsby is
    # not Ekerö's difference; its «Nej» on the wait is: 7 of 8 have it within 14 days
    text = ekero.get_text(" ", strip=True)
    assert "Ekerö svarar annorlunda än de flesta i gruppen om" in text
    assert "«Genomsnittlig väntetid till nybesök är max 14 dagar»" in text


def test_layout_numbered_notes_single_date_and_national_appendix(
    report_2015: object, html_2015: str, registry: Registry, tmp_path: Path
) -> None:
    soup = BeautifulSoup(html_2015, "html.parser")
    # the question 17 note refers to «punkt 1»: its points stay numbered
    note = next(n for n in soup.select(".qa-note") if "punkt 1" in n.get_text())
    assert note.select("ol > li") and not note.select("ul > li")
    # the compilation date once, on the title page; no source line repeats it
    assert html_2015.count("Sammanställd") == 1
    # the reading guide names exactly the coloured tables: none without national data
    guide = soup.select_one("#lasanvisningar")
    assert guide is not None and "ingen tabell är därför färgad" in guide.get_text()
    # headers wrap between words only
    css = (Path(str(resources.files("jamfor.report") / "templates" / "print.css"))).read_text()
    assert re.search(r"thead th \{[^}]*hyphens: manual", css)


def test_with_national_data_the_reference_differences_are_one_appendix_table(
    tmp_path: Path,
) -> None:
    demo = tmp_path / "demo.csv"
    assert runner.invoke(app, ["demo-data", "--years", "2015", "-o", str(demo)]).exit_code == 0
    out = tmp_path / "r.html"
    r = runner.invoke(app, ["report", "--data", str(demo), "--year", "2015", "-o", str(out)])
    assert r.exit_code == 0, r.output
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    under_tables = [p.get_text() for p in soup.select("figure.result p.footnote")]
    assert not any("beräknat ur kommunernas värden (ovägt medel) blir" in t for t in under_tables)
    coloured = [
        f["id"].removeprefix("tabell-")
        for f in soup.select("figure.result")
        if f.select("td.colour") and not f["id"].startswith("tabell-profil")
    ]
    assert {"12a", "12b"} <= set(coloured)
    guide = soup.select_one("#lasanvisningar")
    # exactly the coloured tables, in order, and no others
    named = ", ".join(coloured[:-1]) + " och " + coloured[-1]
    assert guide is not None and f"Talen i tabell {named} färgas efter kvartil" in guide.get_text()


def test_word_opens_with_its_contents_filled(docx_2015: bytes) -> None:
    word = Document(io.BytesIO(docx_2015))
    entries = [p.text for p in word.paragraphs if p.style.name.startswith("toc ")]
    assert "Läsanvisningar" in entries and "Kommunprofiler" in entries
    assert "Helhetssyn och samordning" in entries
    instr = [e.text for e in word.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC") for i in instr)
    assert word.settings.element.find(qn("w:updateFields")) is not None


def test_tables_fit_1280_and_scroll_in_their_box_on_a_phone(
    report_2018_html: str, tmp_path: Path
) -> None:
    page_file = tmp_path / "r.html"
    page_file.write_text(report_2018_html, encoding="utf-8")
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_file.as_uri())
        cut = page.evaluate(
            "[...document.querySelectorAll('figure.result')]"
            ".filter(f => f.scrollWidth > f.clientWidth + 1).map(f => f.id)"
        )
        assert cut == [], f"tables cut off at 1280 px: {cut}"
        phone = browser.new_page(viewport={"width": 390, "height": 800})
        phone.goto(page_file.as_uri())
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        scrolls = phone.evaluate(
            "[...document.querySelectorAll('figure.result')].some(f => f.scrollWidth > f.clientWidth)"
        )
        assert scrolls  # the wide tables scroll inside their box instead


def test_client_statistics_as_a_publication(tmp_path: Path) -> None:
    data = tmp_path / "beslut.csv"
    rows = ["kommun,orsakskod,kon,alder,barn_i_hushallet"]
    for kommun in ("Solna", "Ekerö"):
        for i in range(12):
            rows.append(
                f"{kommun},02{1 + i % 3},{'K' if i % 2 else 'M'},{20 + i * 3},{'ja' if i % 3 else 'nej'}"
            )
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    settings = _settings(tmp_path, kommentarer="{Solna: Siffrorna gäller mars 2015.}")
    out = tmp_path / "k.html"
    r = runner.invoke(
        app,
        [
            "klientstatistik",
            "--data",
            str(data),
            "--koder",
            "021,022,023",
            "--settings",
            str(settings),
            "-o",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    title = soup.select_one("header.title-page")
    assert title is not None and "FoU-Exempel" in title.get_text()
    captions = [c.get_text() for c in soup.select("caption")]
    numbers = [int(re.match(r"Tabell (\d+)\.", c).group(1)) for c in captions]  # type: ignore[union-attr]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == 12
    solna = soup.select_one("#kommun-0184")
    assert solna is not None and "Siffrorna gäller mars 2015." in solna.get_text()
    bad = _settings(tmp_path, kommentarer="{Solnaa: x}")
    r = runner.invoke(
        app, ["klientstatistik", "--data", str(data), "--settings", str(bad), "--json"]
    )
    assert r.exit_code == 1
    problem = json.loads(r.stdout)["errors"][0]
    assert problem["field"] == "kommentarer.Solnaa" and "Menade du «Solna»?" in problem["message"]
