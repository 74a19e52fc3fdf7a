"""A result table's :class:`~jamfor.report.model.Chart` as a picture: SVG for pages, PNG for Word.

The figures come from the report model (built from the group comparison), so a
chart can only show what its table shows. Two pictures:

- yes/no indicators: horizontal bars, the group's Snitt beside each reference
  unit, one group of bars per indicator;
- numbers and percentages: one small panel per indicator with a dot per
  municipality and the Snitt, county and nation below them.

Every chart must read in grey print and for colour-blind readers, so colour is
never the only cue: each series has its own hatch (bars) or marker shape
(dots), every bar and dot has its value printed beside it, and the colours are
from the Okabe–Ito palette. SVG text stays text (smaller files, selectable,
and WeasyPrint draws it several times faster than glyph paths), in DejaVu Sans
with Verdana, whose widths are close, as the browsers' fallback.

The SVG of a result chart (HTML and PDF) is written directly from its
figures by :mod:`jamfor.report.svg_charts`, in a few milliseconds; matplotlib
draws the same layout as PNG for Word, and the series charts (line charts over
months) in both formats. It is imported only when it draws, and used through
:class:`~matplotlib.figure.Figure` with the Agg canvas attached to each
figure: no pyplot, no global figure state and no backend switch for anyone
else in the process; it never touches the network.
"""

from __future__ import annotations

import functools
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jamfor.report.model import Chart, UnitChart
from jamfor.report.svg_charts import (
    INK,
    MARKERS,
    MUTED,
    REFERENCE_MARKERS,
    REFERENCE_STYLES,
    WIDTH_IN,
    bar_style,
    panel_grid,
    result_chart_svg,
    text_width_in,
    tick_text,
    wrap,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from jamfor.report.model import ShareChart

__all__ = ["INK", "MUTED", "WIDTH_IN", "chart_file", "chart_png", "chart_svg", "clear_cache"]

FONT_FAMILY = ["DejaVu Sans"]  # bundled with matplotlib: found on every machine

_RC: dict[Any, Any] = {  # rc names as matplotlib spells them
    "font.family": FONT_FAMILY,
    "font.size": 7.5,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.linewidth": 0.6,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7.5,
    "hatch.linewidth": 0.7,
    "svg.fonttype": "none",
    "svg.hashsalt": "jamfor",
}


def _swedish_tick(unit: str) -> FuncFormatter:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: tick_text(x, unit))


@dataclass(frozen=True)
class _Block:
    """A part of the figure stacked from the top, sized in inches before drawing."""

    height: float
    draw: Callable[[Figure, float, float], None]


def _shares_block(chart: ShareChart) -> _Block:
    labels = [wrap(t, 34) for t in chart.indicators]
    left = text_width_in([ln for lab in labels for ln in lab.split("\n")], 7.5) + 0.12
    n = len(chart.series)
    axes_h = len(chart.indicators) * (0.15 * n + 0.17)
    legend_h, bottom_h = 0.3, 0.42

    def draw(fig: Figure, top: float, total: float) -> None:
        ax = fig.add_axes(
            (
                left / WIDTH_IN,
                (total - top - legend_h - axes_h) / total,
                (WIDTH_IN - left - 0.1) / WIDTH_IN,
                axes_h / total,
            )
        )
        slot = 0.8 / n
        positions = range(len(chart.indicators))
        handles = []
        for j, series in enumerate(chart.series):
            style = bar_style(j, series.kind)
            ys = [i + (j - (n - 1) / 2) * slot for i in positions]
            bars = ax.barh(
                ys,
                [v.value or 0.0 for v in series.values],
                height=slot * 0.92,
                color=style["color"],
                edgecolor=style["edge"],
                hatch=style["hatch"] or None,
                linewidth=0.6,
                label=series.label,
            )
            handles.append(bars)
            for y, v in zip(ys, series.values, strict=True):
                ax.annotate(
                    v.text,
                    (v.value or 0.0, y),
                    xytext=(3, 0),
                    textcoords="offset points",
                    va="center",
                    ha="left",
                    fontsize=6.5,
                    color=INK if v.value is not None else MUTED,
                    fontweight="bold" if series.kind == "snitt" else "normal",
                )
        ax.set_yticks(list(positions), labels)
        ax.set_ylim(len(chart.indicators) - 0.5, -0.5)
        ax.set_xlim(0, 112)
        from matplotlib.ticker import FixedLocator

        ax.xaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
        ax.xaxis.set_major_formatter(_swedish_tick("%"))
        ax.grid(axis="x", color="#d9d9d9", linewidth=0.5)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_xlabel("Andel kommuner som svarat ja", labelpad=3)
        fig.legend(
            handles=handles,
            loc="center",
            ncols=len(handles),
            frameon=False,
            fontsize=7,
            handlelength=2.4,
            handleheight=1.1,
            bbox_to_anchor=(0.5, (total - top - legend_h / 2) / total),
        )

    return _Block(legend_h + axes_h + bottom_h, draw)


def _draw_unit_panel(ax: Axes, chart: UnitChart, labels: bool, title: str, width_in: float) -> None:
    ys = list(range(len(chart.rows)))
    present = [r.value.value for r in chart.rows if r.value.value is not None]
    top = max(present, default=1.0)
    low = min(0.0, *present) if present else 0.0
    span = (top - low) or 1.0
    snitt_value = next((r.value.value for r in chart.rows if r.kind == "snitt"), None)
    if snitt_value is not None:
        ax.axvline(snitt_value, color="#9ec9e6", linewidth=0.7, linestyle=":", zorder=1)
    # One marker style per kind of row (municipalities, Snitt, each reference),
    # drawn with one call each: far fewer artists than a call per dot.
    styles: dict[tuple[str, str, float], tuple[list[float], list[float]]] = {}
    reference_no = 0
    for y, row in zip(ys, chart.rows, strict=True):
        marker, colour, size = MARKERS[row.kind]
        if row.kind == "reference":
            marker = REFERENCE_MARKERS[reference_no % len(REFERENCE_MARKERS)]
            colour = REFERENCE_STYLES[reference_no % len(REFERENCE_STYLES)]["color"]
            reference_no += 1
        v = row.value
        if v.value is None:
            ax.text(
                low, y, v.text, va="center", ha="left", fontsize=6.3, color=MUTED, style="italic"
            )
            continue
        xs_ys = styles.setdefault((marker, colour, size), ([], []))
        xs_ys[0].append(v.value)
        xs_ys[1].append(y)
        ax.annotate(
            v.text,
            (v.value, y),
            xytext=(4.5, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize=6.3,
            color=INK,
            fontweight="bold" if row.kind == "snitt" else "normal",
            zorder=2,
        )
    for (marker, colour, size), (xs, dot_ys) in styles.items():
        ax.plot(
            xs,
            dot_ys,
            marker=marker,
            markersize=size,
            color=colour,
            markeredgecolor=INK,
            markeredgewidth=0.5,
            linestyle="none",
            zorder=3,
        )
    members = sum(1 for r in chart.rows if r.kind == "unit")
    if 0 < members < len(chart.rows):
        ax.axhline(members - 0.5, color="#bfbfbf", linewidth=0.5)
    ax.set_ylim(len(ys) - 0.5, -0.5)
    # Leave room right of the highest dot for its label, whatever the panel's width.
    label_in = text_width_in([r.value.text for r in chart.rows], 6.3, bold=True) + 0.12
    room = min(label_in / width_in, 0.6)
    ax.set_xlim(low, top + span * room / (1 - room))
    ax.set_yticks(ys, [r.label for r in chart.rows] if labels else [])
    if labels:
        for tick, row in zip(ax.get_yticklabels(), chart.rows, strict=True):
            if row.kind == "snitt":
                tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=3, min_n_ticks=2))
    ax.xaxis.set_major_formatter(_swedish_tick(chart.unit))
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=7, loc="left", color=INK, pad=4)


def _units_block(charts: tuple[UnitChart, ...]) -> _Block:
    grid = panel_grid(charts)

    def draw(fig: Figure, top: float, total: float) -> None:
        for k, chart in enumerate(charts):
            x, y = grid.origin(k)
            bottom = total - top - y - grid.axes_h
            ax = fig.add_axes(
                (x / WIDTH_IN, bottom / total, grid.panel_w / WIDTH_IN, grid.axes_h / total)
            )
            _draw_unit_panel(
                ax, chart, labels=k % grid.cols == 0, title=grid.titles[k], width_in=grid.panel_w
            )

    return _Block(grid.rows * grid.row_h, draw)


def _figure(chart: Chart) -> Figure:
    if chart.series is not None:
        from jamfor.report.series_chart import series_figure  # it draws with this module's style

        return series_figure(chart.series)
    blocks = []
    if chart.shares is not None:
        blocks.append(_shares_block(chart.shares))
    if chart.units:
        blocks.append(_units_block(chart.units))
    total = sum(b.height for b in blocks) + 0.05
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, total))
    FigureCanvasAgg(fig)
    top = 0.05
    for b in blocks:
        b.draw(fig, top, total)
        top += b.height
    return fig


@functools.lru_cache(maxsize=64)
def _render(chart: Chart, fmt: str, dpi: int) -> bytes:
    """The drawing in one format, made once per chart.

    A report written as HTML and PDF (``--format all``) needs the same SVGs
    twice; a chart is a frozen value, so equal charts give equal drawings.
    """
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = _figure(chart)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=dpi, metadata={"Date": None} if fmt == "svg" else None)
    return buf.getvalue()


def clear_cache() -> None:
    """Forget the charts drawn so far (for timing a cold run)."""
    _render.cache_clear()


def chart_png(chart: Chart, dpi: int = 200) -> bytes:
    """The chart as a PNG image (for Word)."""
    return _render(chart, "png", dpi)


def chart_file(chart: Chart, fmt: str) -> bytes:
    """The chart as a file of its own: ``png`` (200 dpi) or ``svg`` (text kept as text)."""
    return _render(chart, fmt, 200 if fmt == "png" else 72)


_ID = re.compile(r'\bid="([^"]+)"')
_SVG_FONT = "font-family: 'DejaVu Sans'"
_SVG_FONTS = "font-family: 'DejaVu Sans', Verdana, sans-serif"
_REF = re.compile(r'(href="#|url\(#)([^")]+)')


def chart_svg(chart: Chart, ident: str) -> str:
    """The chart as an ``<svg>`` element to place inside an HTML page.

    Every id in the drawing is prefixed with ``ident`` so that several charts
    can share one page, and the element carries ``role="img"`` with the
    chart's description as its accessible name.
    """
    if chart.series is None:
        return result_chart_svg(chart, ident)
    svg = _render(chart, "svg", 72).decode("utf-8")
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = svg.replace(_SVG_FONT, _SVG_FONTS)
    svg = _ID.sub(lambda m: f'id="{ident}-{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{ident}-{m.group(2)}", svg)
    title_id = f"{ident}-titel"
    head_end = svg.index(">") + 1
    head = svg[: head_end - 1]
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    return (
        f'{head} role="img" aria-labelledby="{title_id}" class="chart-image">'
        f'<title id="{title_id}">{html.escape(chart.description)}</title>' + svg[head_end:].rstrip()
    )
