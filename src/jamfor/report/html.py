"""Render a :class:`~jamfor.report.model.Report` as one self-contained HTML file."""

from __future__ import annotations

import datetime as dt

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from jamfor import __version__
from jamfor.report.model import Report

_ENV = Environment(
    loader=PackageLoader("jamfor.report", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    trim_blocks=False,
)


def render_html(report: Report, made: dt.date | None = None) -> str:
    """The report as HTML: styles inline, no scripts, prints cleanly."""
    made = made or dt.date.today()
    return _ENV.get_template("report.html.j2").render(
        report=report, version=__version__, made=made.isoformat()
    )
