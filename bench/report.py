"""Time the bundled 2015 example report in each format (not a test).

Run from the repository root::

    .venv/bin/python bench/report.py            # 5 runs per format
    .venv/bin/python bench/report.py --runs 9

Each run builds the report from the example data (read, compare, build) and
renders it, with the chart cache emptied first, so every run draws its charts
as a fresh process would. Printed: the median and the fastest run per format,
and one end-to-end ``jamfor report`` command per format (process start and
imports included), which is what a user waits for.

Targets on a 2-core machine: HTML under 2 s, PDF under 10 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from jamfor.catalog.loader import load_catalog
from jamfor.core.comparison import compare
from jamfor.registry.loader import load_registry, resolve_group
from jamfor.report.build import build_report
from jamfor.report.charts import clear_cache
from jamfor.report.docx import render_docx
from jamfor.report.html import render_html
from jamfor.report.model import Report
from jamfor.report.pdf import render_pdf
from jamfor.sources.loader import load_dataset

TARGETS = {"html": 2.0, "pdf": 10.0, "docx": None}


def _build() -> Report:
    example = Path(str(resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv"))
    catalog = load_catalog(2015)
    registry = load_registry()
    dataset = load_dataset([example], catalog, registry)
    cmp = compare(dataset, resolve_group(registry, "nordvast"), registry.units)
    return build_report(cmp, registry)


RENDERERS: dict[str, Callable[[Report], object]] = {
    "html": render_html,
    "pdf": render_pdf,
    "docx": render_docx,
}


def _in_process(fmt: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        clear_cache()
        start = time.perf_counter()
        RENDERERS[fmt](_build())
        times.append(time.perf_counter() - start)
    return times


def _command(fmt: str) -> float:
    jamfor = Path(sys.executable).with_name("jamfor")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run(
            [str(jamfor), "report", "--example", "--format", fmt, "-o", folder],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per format (default 5)")
    args = parser.parse_args()
    _in_process("html", 1)  # warm up imports and font caches
    print(f"jamfor report, 2015 example, {args.runs} runs, {os.cpu_count()} CPU(s)")
    print(f"{'format':<6} {'median':>8} {'fastest':>8} {'command':>8}  target")
    for fmt in ("html", "pdf", "docx"):
        times = _in_process(fmt, args.runs)
        command = _command(fmt)
        target = TARGETS[fmt]
        verdict = (
            ""
            if target is None
            else f"< {target:g} s " + ("ok" if statistics.median(times) < target else "MISSED")
        )
        print(
            f"{fmt:<6} {statistics.median(times):>7.2f}s {min(times):>7.2f}s "
            f"{command:>7.2f}s  {verdict}"
        )
    clear_cache()
    start = time.perf_counter()
    report = _build()
    for fmt in ("html", "pdf", "docx"):
        RENDERERS[fmt](report)
    print(f"all    {time.perf_counter() - start:>7.2f}s (one build, three formats, in process)")


if __name__ == "__main__":
    main()
