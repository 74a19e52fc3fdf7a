"""Read one indicator's values over many years from long files (Kolada, demo data)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.dataset import ValueRecord
from jamfor.core.problems import InputError, Problem
from jamfor.core.trend import narrowed
from jamfor.registry.model import Registry
from jamfor.sources.long_form import import_long, is_long
from jamfor.sources.reading import read_table


def load_series(
    paths: Sequence[Path],
    catalog: Catalog,
    indicator: Indicator,
    registry: Registry,
    last_year: int,
) -> tuple[list[ValueRecord], bool]:
    """Every value of ``indicator`` up to ``last_year``, and whether any file was synthetic.

    Files must be long with a year column (``ar``); other indicators in them are
    skipped. Problems in the indicator's own rows stop the import as usual.
    """
    narrow = narrowed(catalog, indicator, last_year)
    problems: list[Problem] = []
    records: dict[tuple[str, str, int, str], ValueRecord] = {}
    synthetic = False
    for path in paths:
        try:
            raw = read_table(path, display=str(path))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        cols = {c.casefold() for c in raw.columns}
        if not is_long(raw) or not ({"ar", "år"} & cols):
            problems.append(
                Problem(
                    "not-a-series",
                    "En tidsserie läses ur filer i lång form med kolumnerna indikator, "
                    "kommunkod eller enhet, ar och varde (som från «jamfor hamta kolada» "
                    "eller «jamfor demo-data»).",
                    raw.file,
                )
            )
            continue
        result = import_long(raw, narrow, registry, only_known=True)
        problems.extend(p for p in result.problems if p.type != "wrong-year")
        synthetic = synthetic or result.synthetic
        for rec in result.value_records():
            records.setdefault((rec.unit, rec.indicator, rec.year, rec.role), rec)
    if problems:
        raise InputError(problems)
    return list(records.values()), synthetic
