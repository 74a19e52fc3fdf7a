"""Whole ``jamfor`` commands on national data against one baseline, B (not a test).

Run from the repository root::

    .venv/bin/python bench/commands.py                  # 3 interleaved rounds
    .venv/bin/python bench/commands.py --runs 5 --data demo.csv

What a user waits for, process start included. Without ``--data`` the national
demo file is written first with ``jamfor demo-data --national --years 2015-2024
--seed 1``. Each round runs, one after the other:

- B: a plain Python process that reads the same file with polars and groups it
  (``pl.read_csv`` then ``group_by(indikator, ar)``) — the least any tool
  reading this file does;
- ``jamfor --help``;
- ``jamfor table --data FILE --year 2015 --group nordvast --json``;
- ``jamfor report --data FILE --year 2015 --group nordvast`` (HTML).

The machine is shared, so a command is compared with the B of its own round and
the ratio printed is the median of the rounds' ratios (issue 17's goals: help
≤ 1×, table ≤ 3×, report ≤ 4×). The median time of each is printed beside it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = """
import sys
import polars as pl
frame = pl.read_csv(sys.argv[1], infer_schema=False)
print(frame.group_by("indikator", "ar").agg(pl.len()).height)
"""

GOALS = {"jamfor --help": 1.0, "jamfor table --json": 3.0, "jamfor report (HTML)": 4.0}


def _jamfor() -> str:
    return str(Path(sys.executable).with_name("jamfor"))


def _commands(data: Path, out: Path) -> dict[str, list[str]]:
    jamfor = _jamfor()
    common = ["--data", str(data), "--year", "2015", "--group", "nordvast"]
    return {
        "B (polars läser och grupperar)": [sys.executable, "-c", BASELINE, str(data)],
        "jamfor --help": [jamfor, "--help"],
        "jamfor table --json": [jamfor, "table", *common, "--json"],
        "jamfor report (HTML)": [jamfor, "report", *common, "-o", str(out / "rapport.html")],
    }


def _run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _values(data: Path) -> int:
    with data.open(encoding="utf-8") as fh:
        return sum(1 for _ in fh) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--data", type=Path, help="the national file (default: written now)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = args.data
        if data is None:
            data = folder / "nationell.csv"
            demo = ["demo-data", "--national", "--years", "2015-2024", "--seed", "1"]
            subprocess.run(
                [_jamfor(), *demo, "-o", str(data)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        values = _values(data)  # counted here: a file written now goes with the folder
        commands = _commands(data, folder)
        names = list(commands)
        times: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(args.runs):
            for name in names:
                times[name].append(_run(commands[name]))
    base = names[0]
    print(
        f"Maskin: {platform.machine()}, {os.cpu_count()} kärnor, Python "
        f"{platform.python_version()}, {datetime.date.today().isoformat()}; "
        f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}; "
        f"belastning {', '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    print(f"Data: {data.name}, {values} värden; median av {args.runs} varvade körningar\n")
    print(f"{'kommando':<32} {'median':>8}  {'kvot mot B':>10}  {'mål':>6}  varven")
    for name in names:
        median = statistics.median(times[name])
        runs = " ".join(f"{t:.2f}" for t in times[name])
        if name == base:
            print(f"{name:<32} {median:>6.2f} s  {'1,00×':>10}  {'':>6}  {runs}")
            continue
        ratio = statistics.median(t / b for t, b in zip(times[name], times[base], strict=True))
        goal = f"≤ {GOALS[name]:g}×".replace(".", ",")
        ratio_text = f"{ratio:.2f}×".replace(".", ",")
        print(f"{name:<32} {median:>6.2f} s  {ratio_text:>10}  {goal:>6}  {runs}")


if __name__ == "__main__":
    main()
