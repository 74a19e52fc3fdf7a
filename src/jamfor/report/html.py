"""Render a :class:`~jamfor.report.model.Report` as one self-contained HTML file.

The same template makes the HTML people open in a browser and, in print mode,
the HTML that WeasyPrint turns into the PDF (``report/pdf.py``): one layout of
the report, two stylesheets. Charts are SVG in both: inline in the browser's
HTML, and as an SVG ``<img>`` (a data URI) in print mode, because WeasyPrint
styles every element of an inline SVG as HTML first, which triples the time a
PDF takes.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt

from markupsafe import Markup, escape

from jamfor import __version__
from jamfor.report.model import PRELIMINARY_TEXT, Report
from jamfor.report.templating import ENV as _ENV


def chart_images(report: Report, inline: bool = True) -> dict[str, Markup]:
    """Each result table's chart as SVG markup, keyed by the table's anchor.

    ``inline`` gives ``<svg>`` elements; otherwise ``<img>`` elements holding
    the same SVG, with the chart's description as ``alt``.
    """
    from jamfor.report.charts import chart_svg  # matplotlib is imported only when drawing

    images = {}
    for t in report.tables():
        if t.chart is None:
            continue
        svg = chart_svg(t.chart, f"diagram-{t.number}")
        if inline:
            images[t.anchor] = Markup(svg)
        else:
            uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
            images[t.anchor] = Markup(
                f'<img class="chart-image" src="{uri}" alt="{escape(t.chart.description)}">'
            )
    return images


def _render(report: Report, made: dt.date | None, *, print_mode: bool, charts: bool) -> str:
    if made is not None:
        report = dataclasses.replace(report, made=made)
    logo = report.title_page.logo if report.title_page else None
    return _ENV.get_template("report.html.j2").render(
        report=report,
        logo_uri=(
            f"data:{logo.media_type};base64," + base64.b64encode(logo.data).decode("ascii")
            if logo
            else ""
        ),
        version=__version__,
        made=report.made.isoformat(),
        charts=chart_images(report, inline=not print_mode) if charts else {},
        print=print_mode,
        preliminary_text=PRELIMINARY_TEXT,
    )


def render_html(report: Report, made: dt.date | None = None, *, charts: bool = True) -> str:
    """The report as HTML: styles and charts inline, no scripts, prints cleanly.

    ``made`` overrides the date the report says it was compiled.
    """
    return _render(report, made, print_mode=False, charts=charts)


def render_print_html(report: Report, made: dt.date | None = None, *, charts: bool = True) -> str:
    """The HTML the PDF is made from: A4 pages, title page, contents with page numbers."""
    return _render(report, made, print_mode=True, charts=charts)
