"""A monthly series as a line chart, and the chart model built from a group's series.

Reads in grey print and without colour vision: the group is a thick black
line with every value written beside its points; each member a thin line with
its own marker *and* dash pattern, named at its last value and in the legend.
For totals the group has its own panel above the members (eight
municipalities' total would flatten their lines). Periods without a group
figure leave a gap in the group's line and are marked «saknas».
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from jamfor.core.monthly import GroupSeries, period_label, places
from jamfor.core.numbers import format_sv
from jamfor.report.charts import INK, MUTED, WIDTH_IN, _swedish_tick
from jamfor.report.model import Chart, ChartValue, SeriesChart, SeriesLine

_MARKERS = ("o", "s", "^", "v", "D", "P", "X", "*", "h", "<", ">", "p")
_DASHES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (1, 2)))
_GREYS = ("#4d4d4d", "#7a7a7a", "#2b2b2b", "#999999")


def series_chart(gs: GroupSeries, names: dict[str, str], group_label: str) -> Chart:
    """The chart model of a group's series: a line per member (``names`` kommunkod → name)."""

    def values(row: dict[str, Decimal | None]) -> tuple[ChartValue, ...]:
        return tuple(
            ChartValue(None, "saknas")
            if (v := row.get(p)) is None
            else ChartValue(float(v), format_sv(v, gs.decimals if row is gs.group else places(v)))
            for p in gs.periods
        )

    lines = [SeriesLine(names.get(c, c), "unit", values(row)) for c, row in gs.members.items()]
    lines.append(SeriesLine(group_label, "snitt", values(gs.group)))
    how = "summan" if gs.aggregate == "total" else "det ovägda medelvärdet"
    first, last = (
        (period_label(gs.periods[0]), period_label(gs.periods[-1])) if gs.periods else ("", "")
    )
    gaps = [period_label(p) for p in gs.periods if gs.group.get(p) is None]
    description = (
        f"Linjediagram: {gs.name}{f' ({gs.unit})' if gs.unit else ''} {first}–{last} för "
        f"{len(gs.members)} kommuner och {group_label.lower()} ({how} av kommunernas värden)."
    )
    if gaps:
        description += f" Gruppens värde saknas för {', '.join(gaps)}."
    return Chart(
        description=description,
        series=SeriesChart(
            title=gs.name,
            unit=gs.unit,
            periods=tuple(period_label(p, short=True) for p in gs.periods),
            lines=tuple(lines),
            group_apart=gs.aggregate == "total",
        ),
    )


def _points(line: SeriesLine) -> list[float]:
    return [float("nan") if v.value is None else v.value for v in line.values]


def _style_axes(ax: Axes, chart: SeriesChart, xs: Sequence[int], ticks: bool) -> None:
    step = max(1, -(-len(xs) // 12))
    ax.set_xticks(list(xs)[::step], list(chart.periods)[::step] if ticks else [])
    ax.tick_params(axis="x", labelrotation=0 if len(xs) <= 6 else 45, labelsize=6.5)
    ax.yaxis.set_major_formatter(_swedish_tick("%" if chart.unit in ("%", "procent") else ""))
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlim(-0.5, len(xs) - 0.5 + max(1.5, len(xs) * 0.18))


def _draw_group(ax: Axes, line: SeriesLine, xs: Sequence[int]) -> None:
    ys = _points(line)
    ax.plot(xs, ys, color=INK, linewidth=2.6, marker="o", markersize=4, label=line.label, zorder=4)
    step = max(1, -(-len(xs) // 14))
    floor = min((y for y in ys if y == y), default=0.0)
    for i, (x, v) in enumerate(zip(xs, line.values, strict=True)):
        if v.value is None:
            ax.annotate(
                "saknas", (x, floor), xytext=(0, -10), textcoords="offset points",
                ha="center", fontsize=6, color=MUTED, style="italic",
            )  # fmt: skip
        elif i % step == 0 or i == len(xs) - 1:
            ax.annotate(
                v.text, (x, v.value), xytext=(0, 6), textcoords="offset points",
                ha="center", fontsize=6.3, color=INK, fontweight="bold", zorder=5,
            )  # fmt: skip


def _draw_members(ax: Axes, lines: Sequence[SeriesLine], xs: Sequence[int]) -> None:
    ends: list[tuple[float, float, str]] = []
    for j, line in enumerate(lines):
        ys = _points(line)
        ax.plot(
            xs,
            ys,
            color=_GREYS[j % len(_GREYS)],
            linestyle=_DASHES[j % len(_DASHES)],
            marker=_MARKERS[j % len(_MARKERS)],
            markersize=3.5,
            linewidth=1.1,
            label=line.label,
            zorder=3,
        )
        pairs = zip(reversed(xs), reversed(ys), reversed(line.values), strict=True)
        last = next(((x, y, v) for x, y, v in pairs if y == y), None)  # y == y: not NaN
        if last is not None:
            ends.append((last[0], last[1], f"{line.label} {last[2].text}"))
    if not ends:
        return
    # Names at the lines' ends, pushed apart so that close values stay readable.
    low, high = ax.get_ylim()
    gap = (high - low) * 0.05
    placed: list[float] = []
    for x, y, text in sorted(ends, key=lambda e: e[1]):
        at = max(y, placed[-1] + gap) if placed else y
        placed.append(at)
        ax.annotate(
            text, (x, y), xytext=(x + 0.25, at), textcoords="data", va="center",
            fontsize=6.3, color=INK,
        )  # fmt: skip


def series_figure(chart: SeriesChart) -> Figure:
    """The figure for a :class:`SeriesChart` (drawn in ``charts.py``'s style and sizes)."""
    xs = list(range(len(chart.periods)))
    members = [ln for ln in chart.lines if ln.kind != "snitt"]
    group = next((ln for ln in chart.lines if ln.kind == "snitt"), None)
    height = 5.4 if chart.group_apart else 4.0
    fig = Figure(figsize=(WIDTH_IN, height))
    FigureCanvasAgg(fig)
    if chart.group_apart:
        top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": (2, 3)})
        if group is not None:
            _draw_group(top, group, xs)
        top.set_title(group.label if group else "", loc="left", fontsize=7.5, color=INK)
        _style_axes(top, chart, xs, ticks=False)
        _draw_members(bottom, members, xs)
        bottom.set_title("Kommunerna", loc="left", fontsize=7.5, color=INK)
        _style_axes(bottom, chart, xs, ticks=True)
        axes = [top, bottom]
    else:
        ax = fig.subplots()
        _draw_members(ax, members, xs)
        if group is not None:
            _draw_group(ax, group, xs)
        _style_axes(ax, chart, xs, ticks=True)
        axes = [ax]
    fig.suptitle(
        chart.title + (f" ({chart.unit})" if chart.unit else ""), x=0.01, ha="left", fontsize=8.5
    )
    handles = [h for a in axes for h in a.get_legend_handles_labels()[0]]
    fig.legend(
        handles=handles, loc="lower center", ncols=min(5, max(1, len(handles))), frameon=False,
        fontsize=6.5, handlelength=3.2,
    )  # fmt: skip
    rows = -(-len(handles) // 5)
    fig.tight_layout(rect=(0, 0.035 + 0.045 * rows, 1, 0.96))
    return fig
