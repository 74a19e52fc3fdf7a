"""The client statistics chart: share of decisions per reason code, as inline SVG.

Reports are printed on office printers in grey, so the bars are hatched and
every bar carries its value as text; nothing depends on colour. A withheld
share (small-cell suppression) gets no bar — its length would give the count
away — only its mark ("<5", ".."). Drawn with matplotlib's object API on the
Agg canvas, so no pyplot state is shared with other charts or threads, and
with a fixed SVG hash salt and no date, so the same numbers give the same file.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping

import matplotlib
from markupsafe import escape
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from jamfor.core.clients import ClientTable

FONT_FAMILY = ["DejaVu Sans", "sans-serif"]
"""A list, not a comma-joined string: matplotlib tries each family in turn."""


def share_chart_svg(table: ClientTable, labels: Mapping[str, str], title: str) -> str:
    """Horizontal bars, one per code, of table 1's shares; an ``<svg>`` element for inlining.

    ``labels`` gives each code's meaning; ``title`` is read out by screen
    readers (the chart is also given as the table beside it).
    """
    svg = _draw(table, labels, "svg").decode("utf-8")
    svg = svg[svg.index("<svg") :]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def share_chart_png(table: ClientTable, labels: Mapping[str, str]) -> bytes:
    """The same chart as PNG, for Word."""
    return _draw(table, labels, "png")


def _draw(table: ClientTable, labels: Mapping[str, str], fmt: str) -> bytes:
    column = table.columns[0]
    codes = table.codes
    with matplotlib.rc_context(
        {
            "font.family": FONT_FAMILY,
            "font.size": 9,
            "svg.hashsalt": "jamfor",
            "svg.fonttype": "none",
            "hatch.color": "#1b1b1b",
            "hatch.linewidth": 0.6,
        }
    ):
        fig = Figure(figsize=(7.0, 0.55 * len(codes) + 1.0))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        positions = list(range(len(codes)))[::-1]  # first code on top, as in the table
        for y, cell in zip(positions, column.cells, strict=True):
            share = cell.share if cell.share_mark is None and cell.share is not None else None
            width = float(share) if share is not None else 0.0
            ax.barh(
                y,
                width,
                height=0.6,
                facecolor="#d0d0d0",
                edgecolor="#1b1b1b",
                linewidth=0.6,
                hatch="///",
            )
            ax.annotate(
                cell.andel,
                xy=(width, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                ha="left",
            )
        ax.set_yticks(
            positions,
            [f"{c} " + "\n".join(textwrap.wrap(labels.get(c, ""), 34)) for c in codes],
        )
        ax.set_xlim(0, 100)
        ax.set_xlabel("Andel av Totalt (%)")
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        fig.tight_layout()
        buf = io.BytesIO()
        if fmt == "svg":
            fig.savefig(buf, format="svg", metadata={"Date": None})
        else:
            fig.savefig(buf, format="png", dpi=150)
    return buf.getvalue()
