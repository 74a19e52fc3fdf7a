"""jamfor: Öppna jämförelser for a group of municipalities, reproducibly.

The public API — load a catalog and the registry, import files into a
:class:`Dataset`, compare a group, build and render a report::

    catalog = load_catalog(2015)
    registry = load_registry()
    dataset = load_dataset([Path("oj-2015.csv")], catalog, registry)
    comparison = compare(dataset, resolve_group(registry, "nordvast"), registry.units)
    html = render_html(build_report(comparison, registry))
"""

from __future__ import annotations

__version__ = "0.1.0"

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jamfor.catalog.loader import load_catalog
    from jamfor.catalog.model import Catalog, Indicator, Table
    from jamfor.core.comparison import GroupComparison, IndicatorComparison, compare
    from jamfor.core.dataset import Dataset
    from jamfor.core.problems import InputError, JamforError, Problem, UnknownNameError
    from jamfor.registry.loader import load_registry, resolve_group
    from jamfor.registry.model import Group, Registry, Unit
    from jamfor.report.build import build_report
    from jamfor.report.docx import render_docx
    from jamfor.report.html import render_html
    from jamfor.report.pdf import render_pdf
    from jamfor.sources.loader import load_dataset

# Where each public name lives. They are imported on first use (PEP 562), so that
# ``import jamfor.cli`` — every command, ``jamfor --help`` included — does not pay
# for the report renderers, polars or pydantic before it knows what it will do.
_EXPORTS = {
    "Catalog": "jamfor.catalog.model",
    "Indicator": "jamfor.catalog.model",
    "Table": "jamfor.catalog.model",
    "load_catalog": "jamfor.catalog.loader",
    "GroupComparison": "jamfor.core.comparison",
    "IndicatorComparison": "jamfor.core.comparison",
    "compare": "jamfor.core.comparison",
    "Dataset": "jamfor.core.dataset",
    "InputError": "jamfor.core.problems",
    "JamforError": "jamfor.core.problems",
    "Problem": "jamfor.core.problems",
    "UnknownNameError": "jamfor.core.problems",
    "load_registry": "jamfor.registry.loader",
    "resolve_group": "jamfor.registry.loader",
    "Group": "jamfor.registry.model",
    "Registry": "jamfor.registry.model",
    "Unit": "jamfor.registry.model",
    "build_report": "jamfor.report.build",
    "render_docx": "jamfor.report.docx",
    "render_html": "jamfor.report.html",
    "render_pdf": "jamfor.report.pdf",
    "load_dataset": "jamfor.sources.loader",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'jamfor' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Catalog",
    "Dataset",
    "Group",
    "GroupComparison",
    "Indicator",
    "IndicatorComparison",
    "InputError",
    "JamforError",
    "Problem",
    "Registry",
    "Table",
    "Unit",
    "UnknownNameError",
    "__version__",
    "build_report",
    "compare",
    "load_catalog",
    "load_dataset",
    "load_registry",
    "render_docx",
    "render_html",
    "render_pdf",
    "resolve_group",
]
