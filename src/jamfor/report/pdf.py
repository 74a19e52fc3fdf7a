"""Render a :class:`~jamfor.report.model.Report` as an A4 PDF with WeasyPrint.

The PDF is the HTML report in print mode (``render_print_html``): the same
template and the same inline SVG charts, with a print stylesheet for the title
page, the contents with page numbers, the running header and the page
numbers. Fonts are embedded (WeasyPrint subsets every font it uses); the
DejaVu Sans files that ship with matplotlib are declared as the report font so
that å, ä and ö come out the same on every machine.

The PDF is tagged as PDF/UA-1 (WeasyPrint's ``pdf/ua-1`` variant: structure
tree, language, the title shown as the window title and an XMP metadata
stream carrying the PDF/UA identifier and the title). Two things WeasyPrint
70 leaves out are added afterwards with pikepdf: a ``/Scope`` on every table
header cell (PDF/UA and EN 301 549 clause 10 ask for it; screen readers use it
to read a cell with its headers) and the document's language in the XMP
metadata, where PDF/A and PDF/UA checkers look for it.

WeasyPrint needs Pango from the operating system. Where it is missing the
import (or the first use) raises :class:`OSError` from cffi; that becomes a
:class:`~jamfor.core.problems.JamforError` that says what to install instead
of a traceback.
"""

from __future__ import annotations

import datetime as dt
import io
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pikepdf

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
        pdf = document.write_pdf(stylesheets=sheets, pdf_variant="pdf/ua-1")
    except OSError as exc:
        raise _missing_libraries(exc) from exc
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf without a target returns bytes
        raise TypeError("WeasyPrint returned no PDF")
    return _finish_tagging(pdf)


def _finish_tagging(pdf: bytes) -> bytes:
    """The PDF with every TH scoped and its language in the XMP metadata."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        _scope_table_headers(doc.Root.StructTreeRoot)
        language = str(doc.Root.get("/Lang", ""))
        if language:
            with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
                meta["dc:language"] = {language}
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def _table_attributes(element: pikepdf.Object) -> pikepdf.Dictionary:
    """The element's attribute dictionary of owner /Table, added when it has none."""
    found = element.get("/A")
    candidates = found if isinstance(found, pikepdf.Array) else [found]
    for attributes in candidates:
        if isinstance(attributes, pikepdf.Dictionary) and attributes.get("/O") == "/Table":
            return attributes
    table = pikepdf.Dictionary(O=pikepdf.Name.Table)
    if isinstance(found, pikepdf.Array):
        found.append(table)
    elif isinstance(found, pikepdf.Dictionary):
        element.A = pikepdf.Array([found, table])
    else:
        element.A = table
    return table


def _scope_table_headers(root: pikepdf.Object) -> None:
    """``/Scope /Column`` on header cells in a THead, ``/Row`` on the others.

    The HTML templates follow the same rule (``scope="col"`` or ``colgroup``
    in ``thead``, ``scope="row"`` in ``tbody``), so the structure tree says
    what the HTML said; WeasyPrint does not carry the attribute over.
    """
    todo: list[tuple[pikepdf.Object, bool]] = [(root, False)]
    while todo:
        element, in_head = todo.pop()
        kind = element.get("/S")
        if kind == "/TH":
            scope = pikepdf.Name.Column if in_head else pikepdf.Name.Row
            _table_attributes(element).Scope = scope
        kids = element.get("/K")
        if kids is None:
            continue
        children = kids if isinstance(kids, pikepdf.Array) else [kids]
        for kid in children:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                todo.append((kid, in_head or kind == "/THead"))


def render_pdf(report: Report, made: dt.date | None = None) -> bytes:
    """The report as an A4 PDF, ready to print or send."""
    return html_to_pdf(render_print_html(report, made))
