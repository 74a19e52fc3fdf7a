"""Series files: monthly (or quarterly, yearly) statistics in long form, CSV or Excel.

One row per unit and period (header names matched without regard to case or
å/ä/ö, so «Värde» and «Källa» work):

- ``kommun`` or ``kommunkod`` — the municipality (or Riket, a county) by name
  or code;
- ``period`` (also ``manad``, ``tid``) — ``2014-10``, ``2014M10``, ``2014K4``,
  ``2014-Q4``, ``2014`` or a date standing for its month;
- ``varde`` — the value; empty, ``..``, ``.`` or ``-`` is missing;
- optional ``serie`` — which measure, when the file holds several;
- optional ``matenhet`` — the unit of measure (``antal``, ``procent``); in a
  file with ``kommun`` and no ``kommunkod`` the column ``enhet`` is the unit
  of measure, beside ``kommunkod`` it is the unit's name (as ``jamfor hamta
  pxweb`` and ``hamta kolada`` write it);
- optional ``kalla`` — the source, printed under tables and charts.

``jamfor hamta pxweb`` writes this form (:data:`COLUMNS`) from a PxWeb table
(:func:`pxweb_rows`). Every problem is reported with file, row and column, all
at once, and nothing from a file with a problem is used.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jamfor.core.monthly import Series, SeriesValue, parse_period, period_kind
from jamfor.core.numbers import parse_number
from jamfor.core.problems import InputError, JamforError, Problem
from jamfor.csv_output import csv_writer
from jamfor.registry.model import Registry, Unit
from jamfor.sources.pxweb import PxTable
from jamfor.sources.reading import RawTable, read_table

COLUMNS = ("kommunkod", "enhet", "period", "varde", "serie", "matenhet", "kalla")
MISSING = frozenset({"", "..", ".", "-", "–", "…", "x"})

_ALIASES = {
    "kommunkod": ("kommunkod", "regionkod", "kod"),
    "kommun": ("kommun", "region"),
    "period": ("period", "manad", "tid"),
    "varde": ("varde", "value"),
    "serie": ("serie", "matt", "mattet"),
    "matenhet": ("matenhet", "mattenhet"),
    "kalla": ("kalla",),
}


def exact(value: float) -> Decimal:
    """A figure from a JSON answer as the source wrote it: ``1234.0`` is ``1234``, ``4.5`` is ``4.5``."""
    return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))


@dataclass(frozen=True)
class SeriesRow:
    """One line of a series file as ``hamta pxweb`` writes it."""

    kommunkod: str
    enhet: str
    period: str
    varde: float | None
    serie: str
    matenhet: str
    kalla: str

    def as_csv(self) -> list[str]:
        value = "" if self.varde is None else str(exact(self.varde))
        return [
            self.kommunkod,
            self.enhet,
            self.period,
            value,
            self.serie,
            self.matenhet,
            self.kalla,
        ]


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in plain if not unicodedata.combining(c)).replace(" ", "_")


def _column(columns: Sequence[str], key: str) -> str | None:
    wanted = _ALIASES.get(key, (key,))
    return next((c for c in columns if _fold(c) in wanted), None)


def region(registry: Registry, code: str, label: str = "") -> Unit | None:
    """The unit a PxWeb region is: ``0125``, ``00`` (Riket), ``01`` (a county) or its label."""
    c = code.strip()
    if c.isdigit() and len(c) == 2:
        c = f"00{c}"
    unit = registry.find(c)
    if unit is None and label:
        unit = registry.find(label) or registry.find(label.split(" ", 1)[-1])
    return unit


# --------------------------------------------------------------- PxWeb → rows


def pxweb_rows(table: PxTable, registry: Registry) -> tuple[list[SeriesRow], list[str]]:
    """A PxWeb table as series rows, and the regions that are no unit jamfor knows.

    The measure is the metric dimension's label with any other dimension's
    category beside it («Helårsekvivalenter, kvinnor»); its unit of measure
    is the metric category's unit in the answer.
    """
    geo = table.geo or next(
        (
            d.code
            for d in table.dimensions
            if sum(region(registry, c, t) is not None for c, t in d.categories)
            > len(d.categories) / 2
        ),
        None,
    )
    time = table.time or next(
        (
            d.code
            for d in table.dimensions
            if d.code != geo and all(parse_period(c) for c, _ in d.categories)
        ),
        None,
    )
    if time is None or geo is None:
        raise InputError(
            [
                Problem(
                    "not-a-series",
                    f"Tabellen {table.table_id} har ingen tid och region i svaret "
                    f"(dimensioner: {', '.join(d.code for d in table.dimensions)}). "
                    "Välj både region och tid i frågan.",
                    file=table.url,
                )
            ]
        )
    labels = {d.code: dict(d.categories) for d in table.dimensions}
    extra = [
        d.code
        for d in table.dimensions
        if d.code not in (time, geo, table.metric) and len(d.categories) > 1
    ]
    metric = table.dimension(table.metric) if table.metric else None
    source = f"{table.source}, tabell {table.table_id}: {table.title}".strip()
    rows: list[SeriesRow] = []
    unknown: dict[str, str] = {}
    for obs in table.observations:
        code = obs.coordinates[geo]
        unit = region(registry, code, labels[geo].get(code, ""))
        if unit is None:
            unknown[code] = labels[geo].get(code, code)
            continue
        raw_period = obs.coordinates[time]
        period = parse_period(raw_period) or raw_period
        parts = []
        measure_unit = ""
        if metric is not None:
            mcode = obs.coordinates[metric.code]
            parts.append(labels[metric.code].get(mcode, mcode))
            measure_unit = metric.units.get(mcode, "")
        parts += [labels[d].get(obs.coordinates[d], obs.coordinates[d]) for d in extra]
        rows.append(
            SeriesRow(
                unit.code,
                unit.name,
                period,
                obs.value,
                ", ".join(parts) or table.title,
                measure_unit,
                source,
            )
        )
    rows.sort(key=lambda r: (r.serie, r.kommunkod, r.period))
    return rows, [f"{c} {t}".strip() if t != c else c for c, t in unknown.items()]


def series_from_rows(rows: Sequence[SeriesRow]) -> list[Series]:
    """Rows as :func:`pxweb_rows` gives them, one :class:`Series` per measure."""
    out: dict[str, list[SeriesRow]] = {}
    for r in rows:
        out.setdefault(r.serie, []).append(r)
    return [
        Series(
            name=name,
            unit=group[0].matenhet,
            source=group[0].kalla,
            values=tuple(
                SeriesValue(r.kommunkod, r.period, None if r.varde is None else exact(r.varde))
                for r in group
            ),
        )
        for name, group in out.items()
    ]


def write_series(rows: Sequence[SeriesRow], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv_writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(r.as_csv() for r in rows)


# --------------------------------------------------------------- files → series


def read_series_file(raw: RawTable, registry: Registry) -> list[Series]:
    """Every series in one file; :class:`InputError` with every problem if anything is wrong.

    ``raw`` comes from :func:`read_table`, which has refused any personnummer.
    """
    problems: list[Problem] = []
    cols = {key: _column(raw.columns, key) for key in _ALIASES}
    enhet = _column(raw.columns, "enhet")
    unit_col = cols["kommunkod"] or cols["kommun"] or enhet
    measure_col = cols["matenhet"]
    if enhet and cols["kommun"] and not cols["kommunkod"] and not measure_col:
        measure_col = enhet
    lacking = [
        name
        for name, col in (
            ("kommun", unit_col),
            ("period", cols["period"]),
            ("varde", cols["varde"]),
        )
        if col is None
    ]
    if lacking:
        raise InputError(
            [
                Problem(
                    "not-a-series",
                    f"Filen saknar kolumnen {', '.join(lacking)}. En serie har en rad per "
                    "kommun och period med kolumnerna kommun (eller kommunkod), period och "
                    f"varde, och kan ha serie, matenhet och kalla. Kolumnerna nu: "
                    f"{', '.join(raw.columns)}.",
                    file=raw.file,
                    row=1,
                )
            ]
        )
    assert unit_col is not None and cols["period"] is not None and cols["varde"] is not None
    found: dict[str, list[SeriesValue]] = {}
    measure: dict[str, dict[str, int]] = {}
    sources: dict[str, str] = {}
    kinds: dict[str, tuple[str, int]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for row, cells in raw.rows:
        name = cells.get(cols["serie"] or "", "") or "Serie"
        raw_unit = cells.get(unit_col, "")
        unit = region(registry, raw_unit) if raw_unit else None
        if unit is None:
            hint = registry.suggest(raw_unit) if raw_unit else None
            extra = f" Menade du «{hint}»?" if hint else ""
            problems.append(
                Problem(
                    "unknown-unit",
                    f"Okänd kommun «{raw_unit}»: ange kommunens namn eller kommunkod.{extra}"
                    if raw_unit
                    else "Kommunen saknas.",
                    raw.file,
                    row,
                    unit_col,
                )
            )
            continue
        raw_period = cells.get(cols["period"], "")
        period = parse_period(raw_period)
        if period is None:
            problems.append(
                Problem(
                    "bad-period",
                    f"«{raw_period}» är ingen period; skriv t.ex. 2014-10, 2014M10, "
                    "2014K4 eller 2014."
                    if raw_period
                    else "Perioden saknas.",
                    raw.file,
                    row,
                    cols["period"],
                )
            )
            continue
        kind = period_kind(period)
        first = kinds.setdefault(name, (kind, row))
        if first[0] != kind:
            problems.append(
                Problem(
                    "mixed-periods",
                    f"Perioden {raw_period} är ett {kind}, men rad {first[1]} har ett "
                    f"{first[0]}; en serie har perioder av ett slag.",
                    raw.file,
                    row,
                    cols["period"],
                )
            )
            continue
        text = cells.get(cols["varde"], "")
        value: Decimal | None = None
        if text.strip().casefold() not in MISSING:
            value = parse_number(text)
            if value is None:
                problems.append(
                    Problem(
                        "not-a-number",
                        f"«{text}» är inget tal; skriv värdet som ett tal (decimalkomma går "
                        "bra) eller lämna cellen tom om värde saknas.",
                        raw.file,
                        row,
                        cols["varde"],
                    )
                )
                continue
        key = (name, unit.code, period)
        if key in seen:
            problems.append(
                Problem(
                    "duplicate",
                    f"{unit.name} {period} finns redan på rad {seen[key]}.",
                    raw.file,
                    row,
                    cols["period"],
                )
            )
            continue
        seen[key] = row
        found.setdefault(name, []).append(SeriesValue(unit.code, period, value))
        if measure_col and cells.get(measure_col):
            counts = measure.setdefault(name, {})
            counts[cells[measure_col]] = counts.get(cells[measure_col], 0) + 1
        if cols["kalla"] and cells.get(cols["kalla"]):
            sources.setdefault(name, cells[cols["kalla"]])
    for name, counts in measure.items():
        if len(counts) > 1:
            problems.append(
                Problem(
                    "mixed-units",
                    f"Serien «{name}» har flera måttenheter ({', '.join(sorted(counts))}); "
                    "en serie har en måttenhet.",
                    raw.file,
                    None,
                    measure_col,
                )
            )
    if problems:
        raise InputError(problems)
    if not found:
        raise InputError([Problem("empty", "Filen har inga värden.", file=raw.file)])
    return [
        Series(
            name=name,
            unit=next(iter(measure.get(name, {})), ""),
            source=sources.get(name, f"Filen {raw.file}"),
            values=tuple(values),
        )
        for name, values in found.items()
    ]


def load_series_files(paths: Sequence[Path], registry: Registry) -> list[Series]:
    """Every series in the files; problems from all of them at once."""
    problems: list[Problem] = []
    out: dict[str, Series] = {}
    for path in paths:
        try:
            found = read_series_file(read_table(path, display=str(path)), registry)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        for s in found:
            have = out.get(s.name)
            out[s.name] = (
                s
                if have is None
                else Series(have.name, have.unit or s.unit, have.source, have.values + s.values)
            )
    if problems:
        raise InputError(problems)
    return list(out.values())


def pick_series(series: Sequence[Series], name: str | None) -> Series:
    """The series asked for by name, or the only one; a clear message otherwise."""
    names = [s.name for s in series]
    if name is None:
        if len(series) == 1:
            return series[0]
        raise JamforError(
            "Filerna har flera serier; välj en med --serie: " + "; ".join(f"«{n}»" for n in names)
        )
    for s in series:
        if s.name.casefold() == name.strip().casefold():
            return s
    raise JamforError(
        f"Serien «{name}» finns inte i filerna. Serierna: " + "; ".join(f"«{n}»" for n in names)
    )
