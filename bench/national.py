"""National-scale benchmark (not a test): import, group comparison and report, beside baselines.

Run from the repository root after ``pip install -e '.[bench]'``::

    .venv/bin/python bench/national.py               # seed 1, 10 years
    .venv/bin/python bench/national.py --seed 7 --years 2015-2024 --runs 3

It generates a synthetic national dataset (every municipality and district,
every indicator of the catalogs, every year; seedable), writes it as CSV and
XLSX, then times, each beside a plain baseline doing the same work:

- import: jamfor's importer (read, check every cell, keep the year and its
  history) on the XLSX and the CSV, against ``pandas.read_excel`` on the same
  XLSX, and ``polars.read_csv`` and ``pandas.read_csv`` on the same CSV (which
  only parse);
- aggregation: the group shares and means of every county (21 groups, every
  indicator) against one DuckDB SQL query computing the same; the first call,
  which also checks each distinct cell once, is shown apart, and so is the full
  comparison (references, quartile colours, changes) of all 21;
- the full 2015-style report for FoU-Nordväst from the national data, as HTML
  and as PDF.

Each figure is the median of ``--runs`` runs; ratios are ours ÷ baseline.
Targets: import ≤ 1.0× pandas (XLSX), ≤ 10× polars (CSV), aggregation ≤ 2× DuckDB, HTML < 2 s, PDF < 10 s.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlsxwriter

from jamfor.catalog.loader import load_catalog
from jamfor.core.aggregate import group_figures
from jamfor.core.comparison import compare
from jamfor.core.dataset import Dataset
from jamfor.registry.loader import load_registry, resolve_group
from jamfor.report.build import build_report
from jamfor.report.charts import clear_cache
from jamfor.report.html import render_html
from jamfor.report.pdf import render_pdf
from jamfor.sources.loader import load_dataset
from jamfor.synthetic import COLUMNS, synthetic_national


def _time(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _write(folder: Path, seed: int, years: list[int]) -> tuple[Path, Path, int]:
    rows = [r.as_tuple() for r in synthetic_national(load_registry(), years, seed=seed)]
    csv_path = folder / "nationell.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    xlsx_path = folder / "nationell.xlsx"
    wb = xlsxwriter.Workbook(xlsx_path, {"constant_memory": True})
    ws = wb.add_worksheet("Data")
    ws.write_row(0, 0, COLUMNS)
    for i, row in enumerate(rows, start=1):
        ws.write_row(i, 0, row)
    wb.close()
    return csv_path, xlsx_path, len(rows)


DUCKDB_QUERY = """
with v as (
  select unit, indicator, value from values_df where role = 'answer'
), k as (
  select kommunkod, lan_kod from kommuner
), j as (
  select k.lan_kod, v.indicator, v.value,
         try_cast(replace(replace(v.value, ' %', ''), ',', '.') as double) as number
  from v join k on v.unit = k.kommunkod
  where v.value not in ('Vet ej', 'Ingen uppgift', 'Ej aktuellt', 'Verksamheten saknas')
)
select lan_kod, indicator,
       round(100.0 * avg(case when value in ('Ja', 'Integrerat', 'Ny rutin') then 1 else 0 end), 1)
         as share,
       round(avg(number), 1) as mean
from j group by lan_kod, indicator
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--years", default="2015-2024")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    first, _, last = args.years.partition("-")
    years = list(range(int(first), int(last or first) + 1))

    import duckdb
    import pandas as pd
    import polars as pl

    registry = load_registry()
    catalog = load_catalog(2015)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Maskin: {platform.machine()}, {os.cpu_count()} kärnor, Python {platform.python_version()}"
        f", {datetime.date.today()}; belastning {load}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        csv_path, xlsx_path, n = _write(folder, args.seed, years)
        print(
            f"Syntetiska riksdata: {n} värden, {years[0]}–{years[-1]}, frö {args.seed} "
            f"(skrivna på {time.perf_counter() - start:.1f} s)\n"
        )
        rows: list[tuple[str, float, str, float | None, str]] = []

        ours_xlsx, dataset = _time(lambda: load_dataset([xlsx_path], catalog, registry), args.runs)
        pandas_xlsx, _ = _time(lambda: pd.read_excel(xlsx_path, dtype=str), args.runs)
        rows.append(("Import XLSX", ours_xlsx, "pandas.read_excel", pandas_xlsx, "≤ 1,0×"))
        ours_csv, dataset = _time(lambda: load_dataset([csv_path], catalog, registry), args.runs)
        pandas_csv, _ = _time(lambda: pd.read_csv(csv_path, dtype=str), args.runs)
        polars_csv, _ = _time(lambda: pl.read_csv(csv_path, infer_schema=False), args.runs)
        rows.append(("Import CSV", ours_csv, "polars.read_csv", polars_csv, "≤ 10×"))
        rows.append(("", ours_csv, "pandas.read_csv", pandas_csv, "–"))

        assert isinstance(dataset, Dataset)
        groups = [
            resolve_group(registry, f"lan:{u.lan_code}")
            for u in registry.units.values()
            if u.kind == "lan"
        ]
        members = {g.id: [u.code for u in g.members] for g in groups}
        start = time.perf_counter()
        group_figures(dataset, members)  # the first call also checks each distinct cell once
        first_agg = time.perf_counter() - start
        ours_agg, _ = _time(lambda: group_figures(dataset, members), max(args.runs, 5))

        def ours_groups() -> None:
            for g in groups:
                compare(dataset, g, registry.units)

        ours_compare, _ = _time(ours_groups, args.runs)
        con = duckdb.connect()
        con.register("values_df", dataset.values)
        con.register(
            "kommuner",
            pl.DataFrame(
                [(u.code, u.lan_code) for u in registry.municipalities()],
                schema=["kommunkod", "lan_kod"],
                orient="row",
            ),
        )
        duck_agg, _ = _time(lambda: con.sql(DUCKDB_QUERY).pl(), max(args.runs, 5))
        n = len(groups)
        rows.append((f"Snitt, {n} län", ours_agg, "en DuckDB-fråga", duck_agg, "≤ 2×"))
        rows.append(("  första anropet", first_agg, "", None, "(prövar varje cell en gång)"))
        rows.append((f"Hela jämförelsen, {n} län", ours_compare, "", None, "(referenser, färger)"))

        nordvast = resolve_group(registry, "nordvast")

        def html() -> str:
            clear_cache()
            return render_html(build_report(compare(dataset, nordvast, registry.units), registry))

        def pdf() -> bytes:
            clear_cache()
            return render_pdf(build_report(compare(dataset, nordvast, registry.units), registry))

        html_time, _ = _time(html, args.runs)
        rows.append(("Rapport 2015, HTML", html_time, "", None, "< 2 s"))
        pdf_time, _ = _time(pdf, max(1, args.runs - 1))
        rows.append(("Rapport 2015, PDF", pdf_time, "", None, "< 10 s"))

    print(f"{'arbete':<24} {'jamfor':>9}  {'baslinje':<20} {'tid':>9} {'kvot':>7}  mål")
    for name, ours, base_name, base, target in rows:
        ratio = f"{ours / base:.2f}×" if base else ""
        base_text = f"{base:.3f} s" if base else ""
        print(f"{name:<24} {ours:>7.3f} s  {base_name:<20} {base_text:>9} {ratio:>7}  {target}")


if __name__ == "__main__":
    main()
