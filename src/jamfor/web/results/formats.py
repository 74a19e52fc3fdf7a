"""The report's download formats: HTML always, PDF and Word when their renderers exist.

The renderers live in :mod:`jamfor.report`; a format is offered as soon as its
module and function are there, so the web app needs no change when one is added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from jamfor.report.html import render_html
from jamfor.report.model import Report


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    content_type: str
    render: Callable[[Report], bytes]


def _html(report: Report) -> bytes:
    return render_html(report).encode("utf-8")


_OPTIONAL = (
    ("pdf", "PDF", "application/pdf", "jamfor.report.pdf", "render_pdf"),
    (
        "docx",
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "jamfor.report.docx",
        "render_docx",
    ),
)


def available_formats() -> dict[str, Format]:
    """Every format the report can be downloaded in, in the order they are offered."""
    formats = {"html": Format("html", "HTML", "text/html; charset=utf-8", _html)}
    for key, label, content_type, module_name, function in _OPTIONAL:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise  # the renderer exists but something it needs is missing: a real error
            continue
        render = getattr(module, function, None)
        if callable(render):
            formats[key] = Format(key, label, content_type, render)
    return formats
