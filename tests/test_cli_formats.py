"""``jamfor report --format html|pdf|docx|all`` as a user runs it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from jamfor.cli import app
from jamfor.report import pdf as pdf_module

runner = CliRunner()


def test_all_writes_three_files_into_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "rapporter"
    r = runner.invoke(app, ["report", "--example", "--format", "all", "-o", str(folder)])
    assert r.exit_code == 0, r.output
    html, pdf, docx = (folder / f"rapport-2015.{ext}" for ext in ("html", "pdf", "docx"))
    for path in (html, pdf, docx):
        assert f"Rapporten är skriven till {path}" in r.stdout
    assert sorted(p.name for p in folder.iterdir()) == [
        "rapport-2015.docx",
        "rapport-2015.html",
        "rapport-2015.pdf",
    ]
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert pdf.read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(docx) as z:
        assert "word/document.xml" in z.namelist()
    word = Document(io.BytesIO(docx.read_bytes()))
    assert word.paragraphs[0].text == "ÖPPNA JÄMFÖRELSER" and any(
        p.text == "Läsanvisningar" for p in word.paragraphs
    )
    assert r.stderr.count("Avvikelse:") == 2


def test_one_format_defaults_to_rapport_year_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["report", "--example", "--format", "docx"])
    assert r.exit_code == 0, r.output
    assert [p.name for p in tmp_path.iterdir()] == ["rapport-2015.docx"]


def test_format_follows_the_output_suffix(tmp_path: Path) -> None:
    target = tmp_path / "ny mapp" / "nordvast.docx"
    r = runner.invoke(app, ["report", "--example", "-o", str(target)])
    assert r.exit_code == 0, r.output
    assert zipfile.is_zipfile(target)
    html = tmp_path / "nv.html"
    r = runner.invoke(app, ["report", "--example", "-f", "HTML", "-o", str(html)])
    assert r.exit_code == 0, r.output
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_all_needs_a_folder(tmp_path: Path) -> None:
    r = runner.invoke(
        app, ["report", "--example", "--format", "all", "-o", str(tmp_path / "r.pdf")]
    )
    assert r.exit_code == 2
    assert "med --format all ska -o vara en mapp" in r.output
    assert not any(tmp_path.iterdir())


def test_without_pango_a_swedish_message_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pango(name: str) -> object:
        raise OSError("cannot load library 'libpango-1.0-0': error 0x7e")

    monkeypatch.setattr(pdf_module, "import_module", no_pango)
    r = runner.invoke(app, ["report", "--example", "--format", "all", "-o", str(tmp_path)])
    assert r.exit_code == 1
    assert "Fel: PDF kan inte skapas" in r.stderr
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core" in r.stderr
    assert "Traceback" not in r.output
    assert not any(tmp_path.iterdir())
    # HTML and Word do not need Pango.
    r = runner.invoke(app, ["report", "--example", "--format", "html", "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output


def test_help_names_the_formats() -> None:
    r = runner.invoke(app, ["report", "--help"])
    assert r.exit_code == 0
    assert "<html|pdf|docx|all>" in r.stdout
    assert "docx (Word)" in " ".join(r.stdout.split())
