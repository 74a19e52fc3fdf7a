"""A result table's chart written as SVG directly from its figures.

The report's HTML and PDF show fifteen charts; drawing each with matplotlib
cost more than everything else in the report together (importing matplotlib
included). The pictures are simple — bars and dots on a linear scale, with
their values written beside them — so they are written here as SVG elements,
laid out as :mod:`jamfor.report.charts` lays out the same charts with
matplotlib for Word's PNG images: the same sizes, colours, hatches, marker
shapes and text.

What makes a chart read in grey print and without colour is kept: each
reference has its own hatch (bars) or marker shape (dots), every bar and dot
has its value written beside it, and the text is text (selectable, read by
screen readers, in DejaVu Sans with Verdana as the browsers' fallback). Text
widths for the layout are measured with the same DejaVu Sans that matplotlib
ships, through Pillow.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import math
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from jamfor.report.model import Chart, ChartRow, RowKind, ShareChart, UnitChart

WIDTH_IN = 6.7  # A4 text width (170 mm); HTML scales the SVG to its column
INK = "#1b1b1b"
MUTED = "#595959"
FONTS = "'DejaVu Sans', Verdana, sans-serif"

# Okabe–Ito colours; the hatch and the value label carry the same information.
SNITT_STYLE = {"color": "#0072B2", "hatch": "", "edge": "#003c5e"}
REFERENCE_STYLES = (
    {"color": "#E69F00", "hatch": "////", "edge": "#7a5400"},
    {"color": "#FFFFFF", "hatch": "\\\\\\", "edge": INK},
    {"color": "#56B4E9", "hatch": "xx", "edge": "#1d5f86"},
    {"color": "#F0E442", "hatch": "---", "edge": "#6b6510"},
)
MARKERS: dict[RowKind, tuple[str, str, float]] = {
    "unit": ("o", "#4d4d4d", 4.0),
    "snitt": ("D", SNITT_STYLE["color"], 5.0),
    "reference": ("s", REFERENCE_STYLES[0]["color"], 4.5),
}
REFERENCE_MARKERS = ("s", "^", "v", "P")
PANELS_PER_ROW = 4

_PT = 72.0  # points per inch: the SVG's user unit is the point, as matplotlib's
_W = WIDTH_IN * _PT
_TICK = 3.5  # tick length and the gap to its label, in points
_ASCENT = 0.76  # a line's baseline below its top, in ems
_MIDDLE = 0.36  # a line's baseline below its middle, in ems
_LINE = 1.2  # line spacing, in ems


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def tick_text(x: float, unit: str) -> str:
    """An axis tick as a Swedish reader writes it: 2,5 · 1 000 · 25 %."""
    text = f"{x:,.0f}".replace(",", "\u00a0") if abs(x) >= 1000 else f"{x:g}"
    text = text.replace(".", ",")
    return f"{text}\u00a0%" if unit == "%" else text


@functools.cache
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    spec = importlib.util.find_spec("matplotlib")  # its data, without importing it
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return ImageFont.truetype(
        str(folder / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), 100
    )


def text_width_in(lines: list[str], size: float, bold: bool = False) -> float:
    """The widest of ``lines`` in inches, measured with the chart font."""
    font = _font(bold)
    return max((font.getlength(ln) * size / 100 for ln in lines), default=0.0) / _PT


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


class _Drawing:
    """SVG elements in points from the top left, ids prefixed with the chart's."""

    def __init__(self, ident: str) -> None:
        self.ident = ident
        self.defs: list[str] = []
        self.body: list[str] = []
        self._patterns: dict[tuple[str, str, str], str] = {}

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        anchor: str = "start",
        colour: str = INK,
        bold: bool = False,
        italic: bool = False,
    ) -> None:
        """One line, or several (``\\n``) centred on ``y``; ``y`` is the middle of the text."""
        lines = text.split("\n")
        first = y - (len(lines) - 1) * _LINE * size / 2 + _MIDDLE * size
        attrs = f'font-size="{_num(size)}" fill="{colour}"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if bold:
            attrs += ' font-weight="bold"'
        if italic:
            attrs += ' font-style="italic"'
        if len(lines) == 1:
            self.body.append(
                f'<text x="{_num(x)}" y="{_num(first)}" {attrs}>{html.escape(text)}</text>'
            )
            return
        spans = "".join(
            f'<tspan x="{_num(x)}" y="{_num(first + i * _LINE * size)}">{html.escape(ln)}</tspan>'
            for i, ln in enumerate(lines)
        )
        self.body.append(f"<text {attrs}>{spans}</text>")

    def line(
        self, x1: float, y1: float, x2: float, y2: float, colour: str, width: float, dash: str = ""
    ) -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.body.append(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{colour}" stroke-width="{_num(width)}"{extra}/>'
        )

    def fill(self, style: dict[str, str]) -> str:
        """A bar's fill: its colour, or a pattern of its hatch over the colour."""
        if not style["hatch"]:
            return style["color"]
        key = (style["color"], style["hatch"], style["edge"])
        if key not in self._patterns:
            pid = f"{self.ident}-hatch-{len(self._patterns) + 1}"
            self._patterns[key] = pid
            self.defs.append(_pattern(pid, *key))
        return f"url(#{self._patterns[key]})"

    def rect(self, x: float, y: float, w: float, h: float, style: dict[str, str]) -> None:
        self.body.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(max(w, 0.0))}" '
            f'height="{_num(h)}" fill="{self.fill(style)}" stroke="{style["edge"]}" '
            'stroke-width="0.6"/>'
        )

    def marker(self, shape: str, x: float, y: float, size: float, colour: str) -> None:
        r = size / 2
        paint = f'fill="{colour}" stroke="{INK}" stroke-width="0.5"'
        if shape == "o":
            self.body.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" {paint}/>')
            return
        points = {
            "s": [(-r, -r), (r, -r), (r, r), (-r, r)],
            "D": [(0, -r), (r, 0), (0, r), (-r, 0)],
            "^": [(0, -r), (r, r), (-r, r)],
            "v": [(0, r), (r, -r), (-r, -r)],
        }.get(shape)
        if points is None:  # "P": a filled plus
            t = r / 3
            points = [
                (-t, -r), (t, -r), (t, -t), (r, -t), (r, t), (t, t),
                (t, r), (-t, r), (-t, t), (-r, t), (-r, -t), (-t, -t),
            ]  # fmt: skip
        path = " ".join(f"{_num(x + px)},{_num(y + py)}" for px, py in points)
        self.body.append(f'<polygon points="{path}" {paint}/>')

    def svg(self, height: float, description: str) -> str:
        title_id = f"{self.ident}-titel"
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(_W)} {_num(height)}" '
            f'role="img" aria-labelledby="{title_id}" class="chart-image" '
            f'font-family="{FONTS}">'
            f'<title id="{title_id}">{html.escape(description)}</title>'
            f'{defs}<rect width="100%" height="100%" fill="#ffffff"/>'
            + "".join(self.body)
            + "</svg>"
        )


def _pattern(pid: str, colour: str, hatch: str, edge: str) -> str:
    """A hatch as matplotlib draws it: lines of the edge colour over the bar's colour."""
    size = 6.0
    lines: dict[str, list[tuple[float, float, float, float]]] = {
        "/": [(0, size, size, 0), (-size / 2, size / 2, size / 2, -size / 2),
              (size / 2, size * 1.5, size * 1.5, size / 2)],
        "\\": [(0, 0, size, size), (-size / 2, size / 2, size / 2, size * 1.5),
               (size / 2, -size / 2, size * 1.5, size / 2)],
        "x": [(0, 0, size, size), (0, size, size, 0)],
        "-": [(0, size / 2, size, size / 2)],
    }  # fmt: skip
    dense = len(hatch) >= 3
    drawn = []
    for kind in dict.fromkeys(hatch):
        for x1, y1, x2, y2 in lines[kind]:
            drawn.append(
                f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
                f'stroke="{edge}" stroke-width="0.7"/>'
            )
    step = size / 2 if dense else size
    return (
        f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="{_num(step)}" '
        f'height="{_num(step)}"><rect width="{_num(step)}" height="{_num(step)}" fill="{colour}"/>'
        f'<g transform="scale({_num(step / size)})">{"".join(drawn)}</g></pattern>'
    )


def bar_style(j: int, kind: RowKind) -> dict[str, str]:
    """Series ``j``'s look: the Snitt solid, each reference its own colour and hatch."""
    return (
        SNITT_STYLE if kind == "snitt" else REFERENCE_STYLES[max(j - 1, 0) % len(REFERENCE_STYLES)]
    )


def _shares(d: _Drawing, chart: ShareChart, top: float) -> float:
    """The bars of yes/no indicators from ``top`` (points); returns the block's height."""
    labels = [wrap(t, 34) for t in chart.indicators]
    left = (text_width_in([ln for lab in labels for ln in lab.split("\n")], 7.5) + 0.12) * _PT
    n = len(chart.series)
    axes_h = len(chart.indicators) * (0.15 * n + 0.17) * _PT
    legend_h, bottom_h = 0.3 * _PT, 0.42 * _PT
    x0, x1 = left, _W - 0.1 * _PT
    y0 = top + legend_h
    count = len(chart.indicators)

    def sx(v: float) -> float:
        return x0 + (x1 - x0) * v / 112

    def sy(v: float) -> float:
        return y0 + axes_h * (v + 0.5) / count

    for tick in (0, 25, 50, 75, 100):
        d.line(sx(tick), y0, sx(tick), y0 + axes_h, "#d9d9d9", 0.5)
    slot = 0.8 / n
    for j, series in enumerate(chart.series):
        style = bar_style(j, series.kind)
        for i, v in enumerate(series.values):
            y = i + (j - (n - 1) / 2) * slot
            h = slot * 0.92 * axes_h / count
            d.rect(sx(0), sy(y) - h / 2, sx(v.value or 0.0) - sx(0), h, style)
            d.text(
                sx(v.value or 0.0) + 3,
                sy(y),
                v.text,
                6.5,
                colour=INK if v.value is not None else MUTED,
                bold=series.kind == "snitt",
            )
    for i, label in enumerate(labels):
        d.text(x0 - _TICK, sy(i), label, 7.5, anchor="end")
    d.line(x0, y0, x0, y0 + axes_h, MUTED, 0.6)
    bottom = y0 + axes_h
    d.line(x0, bottom, x1, bottom, MUTED, 0.6)
    for tick in (0, 25, 50, 75, 100):
        d.line(sx(tick), bottom, sx(tick), bottom + _TICK, MUTED, 0.6)
        d.text(
            sx(tick),
            bottom + 2 * _TICK + 7 / 2,
            tick_text(tick, "%"),
            7,
            anchor="middle",
            colour=MUTED,
        )
    d.text(
        (x0 + x1) / 2,
        bottom + 2 * _TICK + 7 * _LINE + 3 + 7.5 / 2,
        "Andel kommuner som svarat ja",
        7.5,
        anchor="middle",
    )
    # The legend, centred above the bars: a swatch of each series' fill and its name.
    swatch_w, swatch_h, pad, gap = 2.4 * 7, 1.1 * 7, 0.8 * 7, 2.0 * 7
    widths = [swatch_w + pad + text_width_in([s.label], 7) * _PT for s in chart.series]
    x = _W / 2 - (sum(widths) + gap * (n - 1)) / 2
    middle = top + legend_h / 2
    for j, (series, width) in enumerate(zip(chart.series, widths, strict=True)):
        d.rect(x, middle - swatch_h / 2, swatch_w, swatch_h, bar_style(j, series.kind))
        d.text(x + swatch_w + pad, middle, series.label, 7)
        x += width + gap
    return legend_h + axes_h + bottom_h


def nice_ticks(low: float, high: float, bins: int = 3) -> list[float]:
    """At most ``bins + 1`` round ticks within ``low``–``high`` (steps 1, 2, 2,5, 5, 10)."""
    span = high - low
    if span <= 0:
        return [low]
    scale = 10 ** math.floor(math.log10(span / bins))
    for step in (1, 2, 2.5, 5, 10, 20):
        s = step * scale
        first, last = math.ceil(low / s - 1e-9), math.floor(high / s + 1e-9)
        if last - first + 1 <= bins + 1:
            return [round(k * s, 10) for k in range(first, last + 1)]
    return [low, high]  # pragma: no cover - step 20 always fits


def _panel(
    d: _Drawing,
    chart: UnitChart,
    x0: float,
    y0: float,
    w: float,
    h: float,
    labels: bool,
    title: str,
) -> None:
    rows = chart.rows
    present = [r.value.value for r in rows if r.value.value is not None]
    top = max(present, default=1.0)
    low = min(0.0, *present) if present else 0.0
    span = (top - low) or 1.0
    label_in = text_width_in([r.value.text for r in rows], 6.3, bold=True) + 0.12
    room = min(label_in / (w / _PT), 0.6)
    high = top + span * room / (1 - room)

    def sx(v: float) -> float:
        return x0 + w * (v - low) / (high - low)

    def sy(i: float) -> float:
        return y0 + h * (i + 0.5) / len(rows)

    ticks = [t for t in nice_ticks(low, high) if low - 1e-9 <= t <= high + 1e-9]
    for t in ticks:
        d.line(sx(t), y0, sx(t), y0 + h, "#e5e5e5", 0.5)
    snitt = next((r.value.value for r in rows if r.kind == "snitt"), None)
    if snitt is not None:
        d.line(sx(snitt), y0, sx(snitt), y0 + h, "#9ec9e6", 0.7, dash="0.7 1.2")
    members = sum(1 for r in rows if r.kind == "unit")
    if 0 < members < len(rows):
        d.line(x0, sy(members - 0.5), x0 + w, sy(members - 0.5), "#bfbfbf", 0.5)
    reference_no = 0
    dots: list[tuple[str, float, float, float, str]] = []
    for i, row in enumerate(rows):
        shape, colour, size = _marker(row, reference_no)
        reference_no += row.kind == "reference"
        v = row.value
        if v.value is None:
            d.text(sx(low), sy(i), v.text, 6.3, colour=MUTED, italic=True)
            continue
        d.text(sx(v.value) + 4.5, sy(i), v.text, 6.3, bold=row.kind == "snitt")
        dots.append((shape, sx(v.value), sy(i), size, colour))
    for shape, x, y, size, colour in dots:
        d.marker(shape, x, y, size, colour)
    if labels:
        for i, row in enumerate(rows):
            d.text(x0 - _TICK, sy(i), row.label, 7.5, anchor="end", bold=row.kind == "snitt")
    d.line(x0, y0, x0, y0 + h, MUTED, 0.6)
    d.line(x0, y0 + h, x0 + w, y0 + h, MUTED, 0.6)
    for t in ticks:
        d.line(sx(t), y0 + h, sx(t), y0 + h + _TICK, MUTED, 0.6)
        d.text(
            sx(t),
            y0 + h + 2 * _TICK + 7 / 2,
            tick_text(t, chart.unit),
            7,
            anchor="middle",
            colour=MUTED,
        )
    lines = title.count("\n") + 1
    # the title's last line stands 4 points above the panel (its descent included)
    d.text(x0, y0 - 4 - 0.24 * 7 - (lines - 1) * _LINE * 7 / 2 - _MIDDLE * 7, title, 7)


def _marker(row: ChartRow, reference_no: int) -> tuple[str, str, float]:
    shape, colour, size = MARKERS[row.kind]
    if row.kind == "reference":
        shape = REFERENCE_MARKERS[reference_no % len(REFERENCE_MARKERS)]
        colour = REFERENCE_STYLES[reference_no % len(REFERENCE_STYLES)]["color"]
    return shape, colour, size


@dataclass(frozen=True)
class PanelGrid:
    """Where the dot panels go, in inches: the SVG and Word's PNG lay them out alike."""

    cols: int
    rows: int
    left: float
    gap: float
    panel_w: float
    titles: list[str]
    title_h: float
    axes_h: float
    row_h: float

    def origin(self, k: int) -> tuple[float, float]:
        """Panel ``k``'s left edge and the top of its axes, from the grid's top left."""
        r, c = divmod(k, self.cols)
        return self.left + c * (self.panel_w + self.gap), r * self.row_h + self.title_h


def panel_grid(charts: tuple[UnitChart, ...]) -> PanelGrid:
    """Four panels to a row, the row labels' width at the left, titles wrapped to the panel."""
    cols = min(len(charts), PANELS_PER_ROW)
    left = text_width_in([r.label for c in charts for r in c.rows], 7.5, bold=True) + 0.1
    gap = 0.18
    panel_w = (WIDTH_IN - left - 0.1 - gap * (cols - 1)) / cols
    chars = max(int(panel_w * 72 / (7 * 0.6)), 12)
    titles = [wrap(c.indicator + ("" if c.unit == "%" else f" ({c.unit})"), chars) for c in charts]
    title_h = 0.14 * max(t.count("\n") + 1 for t in titles) + 0.1
    axes_h = 0.155 * max(len(c.rows) for c in charts)
    return PanelGrid(
        cols=cols,
        rows=-(-len(charts) // cols),
        left=left,
        gap=gap,
        panel_w=panel_w,
        titles=titles,
        title_h=title_h,
        axes_h=axes_h,
        row_h=title_h + axes_h + 0.3,
    )


def _units(d: _Drawing, charts: tuple[UnitChart, ...], top: float) -> float:
    """A panel of dots per indicator, four to a row, from ``top``; returns the height."""
    grid = panel_grid(charts)
    for k, chart in enumerate(charts):
        x, y = grid.origin(k)
        _panel(
            d,
            chart,
            x * _PT,
            top + y * _PT,
            grid.panel_w * _PT,
            grid.axes_h * _PT,
            k % grid.cols == 0,
            grid.titles[k],
        )
    return grid.rows * grid.row_h * _PT


def result_chart_svg(chart: Chart, ident: str) -> str:
    """A result table's chart (bars and dots) as an ``<svg>`` element for a page.

    Every id is prefixed with ``ident`` so several charts can share a page;
    the element has ``role="img"`` and the chart's description as its name.
    """
    d = _Drawing(ident)
    top = 0.05 * _PT
    if chart.shares is not None:
        top += _shares(d, chart.shares, top)
    if chart.units:
        top += _units(d, chart.units, top)
    return d.svg(top + 0.05 * _PT, chart.description)
