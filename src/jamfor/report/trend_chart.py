"""The line chart of a trend: members, the group and the references over the years."""

from __future__ import annotations

import io
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from jamfor.core.trend import Trend

_FONT = ["DejaVu Sans", "sans-serif"]
_MARKERS = ["o", "s", "^", "v", "D", "P", "X", "*", "h", "<", ">", "p"]


def trend_chart(trend: Trend, fmt: str = "png") -> bytes:
    """The chart as PNG or SVG bytes.

    The group is a thick black line, references dashed grey lines, members
    thin lines with a distinct marker each and the name at the line's end, so
    the chart reads in grey print and without colour vision.
    """
    ind = trend.indicator
    years = [p.year for p in trend.points]
    with plt.rc_context({"font.family": _FONT, "font.size": 9}):
        fig, ax = plt.subplots(figsize=(8, 4.8), dpi=110)
        if not ind.is_share:
            for i, unit in enumerate(trend.members):
                ys = [_num(p.result.values.get(unit.code)) for p in trend.points]
                ax.plot(
                    years,
                    ys,
                    marker=_MARKERS[i % len(_MARKERS)],
                    linewidth=1,
                    markersize=4,
                    label=unit.name,
                    alpha=0.8,
                )
                _end_label(ax, years, ys, unit.name)
        group_ys = [_f(p.snitt) for p in trend.points]
        ax.plot(years, group_ys, color="black", linewidth=3, marker="o", label="Snitt (gruppen)")
        _end_label(ax, years, group_ys, "Snitt")
        for j, ref in enumerate(trend.references):
            ys = [_f(p.result.references.get(ref.code)) for p in trend.points]
            ax.plot(
                years,
                ys,
                color="0.45",
                linestyle=["--", ":", "-."][j % 3],
                linewidth=2,
                label=ref.display_reference,
            )
            _end_label(ax, years, ys, ref.display_reference)
        ylabel = "andel som svarat ja, %" if ind.is_share else ind.unit
        ax.set_title(ind.label, loc="left", fontsize=11)
        ax.set_ylabel(ylabel)
        ax.set_xticks(years)
        ax.grid(axis="y", color="0.85")
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(
            fontsize=7, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False
        )
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format=fmt, metadata={"Title": ind.label} if fmt == "svg" else None)
        plt.close(fig)
    return out.getvalue()


def _f(value: Decimal | None) -> float:
    """A point to plot; a gap (NaN) where there is no value, so the line breaks."""
    return float("nan") if value is None else float(value)


def _num(checked: object) -> float:
    number = getattr(checked, "number", None)
    missing = getattr(checked, "missing", False)
    return float("nan") if number is None or missing else float(number)


def _end_label(ax: Axes, xs: list[int], ys: list[float], text: str) -> None:
    # y == y is False only for NaN: label the last year that has a value
    last = next(((x, y) for x, y in zip(reversed(xs), reversed(ys), strict=True) if y == y), None)
    if last is not None:
        ax.annotate(text, last, xytext=(4, 0), textcoords="offset points", fontsize=7, va="center")
