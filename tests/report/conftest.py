"""The 2015 example report, built once and rendered once per format for the report tests."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from jamfor.core.comparison import GroupComparison
from jamfor.registry.model import Registry
from jamfor.report.build import build_report
from jamfor.report.docx import render_docx
from jamfor.report.html import render_html
from jamfor.report.model import Report
from jamfor.report.pdf import render_pdf

MADE = dt.date(2026, 11, 29)
POPPLER = ("pdftotext", "pdfinfo", "pdftoppm", "pdffonts")


@pytest.fixture(scope="session")
def report_2015(nordvast_2015: GroupComparison, registry: Registry) -> Report:
    return build_report(nordvast_2015, registry, made=MADE)


@pytest.fixture(scope="session")
def html_2015(report_2015: Report) -> str:
    return render_html(report_2015)


@pytest.fixture(scope="session")
def pdf_2015(report_2015: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "rapport-2015.pdf"
    path.write_bytes(render_pdf(report_2015))
    return path


@pytest.fixture(scope="session")
def docx_2015(report_2015: Report) -> bytes:
    return render_docx(report_2015)


@pytest.fixture(scope="session")
def poppler() -> None:
    """poppler-utils reads the PDFs back; CI installs it, so there it must be present."""
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"poppler-utils saknas ({', '.join(missing)}): apt-get install poppler-utils"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def run(*command: str | Path) -> str:
    """A poppler tool's standard output as text (UTF-8)."""
    return subprocess.run(
        [str(c) for c in command], capture_output=True, check=True, text=True, encoding="utf-8"
    ).stdout
