"""Render a :class:`~jamfor.report.model.Report` as an A4 PDF with WeasyPrint.

The PDF is the HTML report in print mode (``render_print_html``): the same
template and the same inline SVG charts, with a print stylesheet for the title
page, the contents with page numbers, the running header and the page
numbers. Fonts are embedded (WeasyPrint subsets every font it uses); the
DejaVu Sans files that ship with matplotlib are declared as the report font so
that å, ä and ö come out the same on every machine.

WeasyPrint needs Pango from the operating system. Where it is missing the
import (or the first use) raises :class:`OSError` from cffi; that becomes a
:class:`~jamfor.core.problems.JamforError` that says what to install instead
of a traceback.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from pathlib import Path
from types import ModuleType

from jamfor.core.problems import JamforError
from jamfor.report.html import render_print_html
from jamfor.report.model import Report

PDF_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"

_FONT_FILES = {
    ("normal", "normal"): "DejaVuSans.ttf",
    ("bold", "normal"): "DejaVuSans-Bold.ttf",
    ("normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("bold", "italic"): "DejaVuSans-BoldOblique.ttf",
}


def _missing_libraries(exc: BaseException) -> JamforError:
    return JamforError(
        "PDF kan inte skapas: WeasyPrint hittar inte de systembibliotek det behöver "
        f"({exc}). Installera dem, till exempel på Debian eller Ubuntu med\n"
        f"  apt-get install {PDF_PACKAGES}\n"
        "och försök igen. HTML och Word fungerar utan dem (--format html eller docx)."
    )


def load_weasyprint() -> ModuleType:
    """Import WeasyPrint, or explain in Swedish what is missing."""
    try:
        return import_module("weasyprint")
    except OSError as exc:  # cffi: "cannot load library 'libpango-1.0-0' …"
        raise _missing_libraries(exc) from exc
    except ImportError as exc:
        raise JamforError(
            "PDF kan inte skapas: Python-paketet WeasyPrint saknas. "
            "Installera jamfor med dess beroenden (pip install jamfor) och försök igen."
        ) from exc


def _font_faces() -> str:
    """@font-face rules for matplotlib's copy of DejaVu Sans (the system's is the fallback)."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    rules = []
    for (weight, style), name in _FONT_FILES.items():
        path = folder / name
        if path.is_file():
            rules.append(
                '@font-face { font-family: "DejaVu Sans"; '
                f'src: url("{path.as_uri()}"); font-weight: {weight}; font-style: {style}; }}'
            )
    return "\n".join(rules)


def html_to_pdf(html: str, extra_css: str = "") -> bytes:
    """Any of jamfor's HTML documents as a tagged PDF with embedded DejaVu Sans."""
    weasyprint = load_weasyprint()
    try:
        document = weasyprint.HTML(string=html)
        sheets = [weasyprint.CSS(string=_font_faces() + "\n" + extra_css)]
        # Tagged PDF: headings, tables and the charts' alternative text reach screen readers.
        pdf = document.write_pdf(stylesheets=sheets, pdf_tags=True)
    except OSError as exc:
        raise _missing_libraries(exc) from exc
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf without a target returns bytes
        raise TypeError("WeasyPrint returned no PDF")
    return pdf


def render_pdf(report: Report, made: dt.date | None = None) -> bytes:
    """The report as an A4 PDF, ready to print or send."""
    return html_to_pdf(render_print_html(report, made))
