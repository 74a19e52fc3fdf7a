"""Result tables in long form, one row per cell, read column-wise.

Long form is how the 2015 tables are transcribed —
``tabell,tabellrubrik,indikator,enhet,varde`` — and how Kolada and ``jamfor
demo-data`` write national files (``kommunkod, enhet, indikator, ar, varde``:
160 000 rows and more). Such a file repeats a few hundred indicators, units and
answers thousands of times, so it is checked by what is distinct, not row by
row: each indicator name is looked up once, each unit name resolved once, each
(indicator, value) pair checked once by :func:`jamfor.core.values.check_value`,
and the results are joined back onto the rows in polars. The cells stay in
frames all the way into the :class:`~jamfor.core.dataset.Dataset`.

What a row may be refused for, and in which order, is exactly the cell-by-cell
rule of :class:`~jamfor.sources.tables.CellCollector` (the wide and workbook
importers use it): at most one problem per row, in row order, the same
messages, and checking stops after :data:`~jamfor.core.problems.MAX_PROBLEMS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

from jamfor.catalog.model import Catalog, Indicator
from jamfor.core.numbers import parse_number
from jamfor.core.problems import MAX_PROBLEMS
from jamfor.core.values import Checked, ValueNotAllowed, check_value
from jamfor.registry.model import Registry
from jamfor.sources.cells import (
    UnitCell,
    find_indicator,
    is_published_group_label,
    resolve_unit,
    unknown_indicator,
)
from jamfor.sources.reading import ROW, RawTable
from jamfor.sources.tables import (
    PUBLISHED_ROW_SCHEMA,
    ROW_SCHEMA,
    CellCollector,
    ImportFrames,
    TableImport,
)

LONG_COLUMNS = ("indikator", "varde")
UNIT_COLUMNS = ("kommunkod", "enhet", "kommun")

# What happens to a row, in the order the rules ask (the first that applies wins).
_SKIP = "skip"
_KPI = "\x00kpi"  # a Kolada KPI this catalog does not read: skipped and counted
_VALUE = "value"
_HISTORY = "history"
_PUBLISHED = "published"
_DUPLICATE = "duplicate"
_PROBLEMS = (
    "missing-indicator",
    "missing-unit",
    "bad-year",
    "unknown-indicator",
    "wrong-table",
    "bad-published",
    "unknown-unit",
    "unit-not-then",
    "value-not-allowed",
    _DUPLICATE,
)


def is_long(raw: RawTable) -> bool:
    cols = {c.casefold() for c in raw.columns}
    return all(c in cols for c in LONG_COLUMNS) and any(c in cols for c in UNIT_COLUMNS)


def _year(text: str) -> int | None:
    return int(text) if text.isdecimal() and len(text) == 4 else None  # int() reads any Nd digit


def _joined(
    frame: pl.DataFrame, keys: list[str], found: dict[Any, tuple[Any, ...]], schema: pl.Schema
) -> pl.DataFrame:
    """Columns holding ``found[key]`` for each row's key (nulls where it has none)."""
    table = pl.DataFrame(
        [(*(k if isinstance(k, tuple) else (k,)), *v) for k, v in found.items()],
        schema={**{k: frame.schema[k] for k in keys}, **schema},
        orient="row",
    )
    joined = frame.select(keys).join(table, on=keys, how="left", maintain_order="left")
    return joined.select(schema.names())


def _mapped(
    frame: pl.DataFrame, keys: list[str], found: dict[Any, Any], name: str, dtype: pl.DataType
) -> pl.Series:
    """A column holding ``found[key]`` for each row's key (null where it has none)."""
    return _joined(frame, keys, {k: (v,) for k, v in found.items()}, pl.Schema({name: dtype}))[name]


def _distinct(frame: pl.DataFrame, *keys: str) -> Iterable[tuple[Any, ...]]:
    return frame.select(keys).unique().iter_rows()


def import_long(
    raw: RawTable, catalog: Catalog, registry: Registry, *, only_known: bool = False
) -> TableImport:
    """Rows of ``indikator, enhet|kommunkod|kommun, varde`` (+ ``tabell``, ``ar``, ``kon``).

    A file with a year column may hold many years (Kolada, Socialstyrelsen's
    time series): the catalog's year is imported, earlier years are kept as
    history for changes and trends, later years are left for their own
    import. A file from Kolada (a ``kolada_kpi`` column) may hold KPIs this
    catalog does not read: they are left out and counted in ``skipped``. A
    ``kon`` column keeps only the totals (``T``). With ``only_known`` rows for
    indicators the catalog lacks are skipped rather than reported (a trend
    reads one indicator out of a national file).
    """
    c = CellCollector(raw, catalog, registry)
    room = MAX_PROBLEMS - len(c.out.problems)
    col = {name.casefold(): name for name in raw.columns}
    unit_col = next(col[k] for k in UNIT_COLUMNS if k in col)
    year_col = col.get("ar") or col.get("år")
    kpi_col = col.get("kolada_kpi")

    def text(name: str | None, default: str = "") -> pl.Expr:
        return pl.col(name).fill_null("") if name is not None else pl.lit(default)

    f = raw.frame.select(
        pl.col(ROW).alias("row"),
        text(col["indikator"]).alias("ind_raw"),
        text(unit_col).alias("unit_raw"),
        text(col["varde"]).alias("value"),
        text(col.get("kon"), "T").alias("kon"),
        text(year_col).alias("year_text"),
        text(kpi_col).alias("kpi"),
        text(col.get("tabell")).alias("tabell"),
    )
    year = catalog.year
    if year_col is not None:
        years = {t: _year(t) for (t,) in _distinct(f, "year_text")}
        f = f.with_columns(year=_mapped(f, ["year_text"], years, "year", pl.Int32()))
    else:
        f = f.with_columns(year=pl.lit(year, dtype=pl.Int32))
    # A later year's rows are left for their own import once the checks before the year have
    # passed: split off before anything else is worked out for them (in a national file of ten
    # years read for its first, nine rows in ten). Only their years are needed, to say which
    # years a file holds.
    later_year = _reaches_year() & (pl.col("year") > year)
    later = f.filter(later_year).select("row", "year_text")
    f = f.filter(~later_year)

    # The indicator a row names: by id, label or alias, else by its Kolada KPI id.
    named: dict[tuple[str, str], str | None] = {}
    for ind_raw, kpi in _distinct(f, "ind_raw", "kpi"):
        ind = find_indicator(catalog, ind_raw) if ind_raw else None
        if ind is None and kpi_col is not None and kpi:
            ind = find_indicator(catalog, kpi)
            named[(ind_raw, kpi)] = _KPI if ind is None else ind.id
        else:
            named[(ind_raw, kpi)] = None if ind is None else ind.id
    f = f.with_columns(ind=_mapped(f, ["ind_raw", "kpi"], named, "ind", pl.String()))
    tables = {ind.id: catalog.table_of(ind.id).id for ind in catalog.indicators}
    f = f.with_columns(table_id=pl.col("ind").replace_strict(tables, default=None))

    before_cell = (
        pl.when(~pl.col("kon").str.to_uppercase().is_in(["T", ""]))
        .then(pl.lit(_SKIP))
        .when(pl.col("ind_raw") == "")
        .then(pl.lit("missing-indicator"))
        .when(pl.col("unit_raw") == "")
        .then(pl.lit("missing-unit"))
        .when(pl.col("year").is_null())
        .then(pl.lit("bad-year"))
        .when(pl.col("year") > year)
        .then(pl.lit(_SKIP))
        .when(pl.col("ind") == _KPI)
        .then(pl.lit(_KPI))
        .when(pl.col("ind").is_null())
        .then(
            # an earlier year's indicator that this year's catalog no longer has is history
            # nobody can compare with: left out
            pl.when((pl.col("year") == year) & pl.lit(not only_known))
            .then(pl.lit("unknown-indicator"))
            .otherwise(pl.lit(_SKIP))
        )
        .when((pl.col("tabell") != "") & (pl.col("tabell") != pl.col("table_id")))
        .then(pl.lit("wrong-table"))
        .when(pl.col("value") == "")
        .then(pl.lit(_SKIP))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    f = f.with_columns(stage=before_cell)
    # Only the rows still undecided have a cell to read (in a national file of ten years
    # read for its first, one in ten): the rest keep their stage.
    todo, known = _cells(f.filter(pl.col("stage").is_null()), c, catalog, registry)
    decided = f.filter(pl.col("stage").is_not_null())
    return _collect(decided, todo, later, c, room, year_col, col, unit_col, known)


def _cells(
    f: pl.DataFrame, c: CellCollector, catalog: Catalog, registry: Registry
) -> tuple[pl.DataFrame, dict[tuple[str, str, bool], Checked]]:
    """Each row that names a known indicator and holds a value: what its cell comes to.

    Also the checked cells by (indicator, canonical value, as reference), which
    the comparisons start from (checking a canonical value again gives the same).
    """
    year = catalog.year
    by_id = {ind.id: ind for ind in catalog.indicators}
    todo = f.filter(pl.col("stage").is_null())
    units: dict[str, UnitCell | str] = {}
    published: dict[str, bool] = {}
    for (unit_raw,) in _distinct(todo, "unit_raw"):
        published[unit_raw] = is_published_group_label(unit_raw)
        if not published[unit_raw]:
            units[unit_raw] = resolve_unit(registry, unit_raw)
    cities = {u.unit.code for u in units.values() if isinstance(u, UnitCell)}
    cities = {code for code in cities if registry.districts(code)}
    f = f.with_columns(
        is_pub=pl.col("unit_raw").replace_strict(published, default=False, return_dtype=pl.Boolean),
        code=pl.col("unit_raw").replace_strict(
            {k: v.unit.code for k, v in units.items() if isinstance(v, UnitCell)},
            default=None,
            return_dtype=pl.String,
        ),
        role=pl.col("unit_raw").replace_strict(
            {k: v.role for k, v in units.items() if isinstance(v, UnitCell)},
            default=None,
            return_dtype=pl.String,
        ),
    )
    todo = f.filter(pl.col("stage").is_null() & ~pl.col("is_pub") & pl.col("code").is_not_null())
    exists = {
        (code, y): registry.units[code].exists_in(y) for code, y in _distinct(todo, "code", "year")
    }
    f = f.with_columns(
        exists=_mapped(f, ["code", "year"], exists, "exists", pl.Boolean()).fill_null(True)
    )
    # A city answering through its districts, given as the share of its districts: a reference.
    shares = f.filter(
        pl.col("stage").is_null()
        & pl.col("exists")
        & pl.col("code").is_in(list(cities))
        & (pl.col("role") == "answer")
    )
    city_share = {
        (code, ind, value): c._city_share(
            UnitCell(registry.units[code], "answer"), by_id[ind], value
        )
        for code, ind, value in _distinct(shares, "code", "ind", "value")
    }
    if city_share:
        shared = _mapped(f, ["code", "ind", "value"], city_share, "shared", pl.Boolean())
        f = f.with_columns(
            role=pl.when(shared.fill_null(False)).then(pl.lit("reference")).otherwise("role")
        )
    # Each distinct (indicator, value) is checked once (per role, and per year where a
    # Kolada coding changed over the years).
    coded = [i.id for i in catalog.indicators if i.coding]
    f = f.with_columns(
        coding_year=pl.when(pl.col("ind").is_in(coded)).then("year").otherwise(pl.lit(year))
    )
    todo = f.filter(
        pl.col("stage").is_null()
        & ~pl.col("is_pub")
        & pl.col("code").is_not_null()
        & pl.col("exists")
    )
    checked: dict[tuple[str, str, str, int], tuple[str | None, str | None]] = {}
    known: dict[tuple[str, str, bool], Checked] = {}
    for ind_id, value, role, coding_year in _distinct(todo, "ind", "value", "role", "coding_year"):
        try:
            result = check_value(
                catalog,
                by_id[ind_id],
                value,
                reference=role == "reference",
                year=coding_year,
            )
            checked[(ind_id, value, role, coding_year)] = (result.text, None)
            known[(ind_id, result.text, role == "reference")] = result
        except ValueNotAllowed as exc:
            checked[(ind_id, value, role, coding_year)] = (None, str(exc))
    keys = ["ind", "value", "role", "coding_year"]
    f = f.with_columns(
        _joined(f, keys, checked, pl.Schema({"text": pl.String(), "refusal": pl.String()}))
    )
    pub = f.filter(pl.col("stage").is_null() & pl.col("is_pub") & (pl.col("year") == year))
    numbers = {value: parse_number(value) is not None for (value,) in _distinct(pub, "value")}
    f = f.with_columns(
        number=pl.col("value").replace_strict(numbers, default=True, return_dtype=pl.Boolean)
    )
    stage = (
        pl.when(pl.col("stage").is_not_null())
        .then("stage")
        .when(pl.col("is_pub") & (pl.col("year") != year))
        .then(pl.lit(_SKIP))
        .when(pl.col("is_pub") & ~pl.col("number"))
        .then(pl.lit("bad-published"))
        .when(pl.col("is_pub"))
        .then(pl.lit(_PUBLISHED))
        .when(pl.col("code").is_null())
        .then(pl.lit("unknown-unit"))
        .when(~pl.col("exists"))
        .then(pl.lit("unit-not-then"))
        .when(pl.col("refusal").is_not_null())
        .then(pl.lit("value-not-allowed"))
        .when(pl.col("year") != year)
        .then(pl.lit(_HISTORY))
        .otherwise(pl.lit(_VALUE))
    )
    f = f.with_columns(stage=stage)
    # The first row with a key is kept; a later one is a duplicate naming the first's row.
    folded = {
        u: u.casefold() for (u,) in _distinct(f.filter(pl.col("stage") == _PUBLISHED), "unit_raw")
    }
    f = f.with_columns(
        key=pl.when(pl.col("stage") == _PUBLISHED)
        .then(pl.col("unit_raw").replace_strict(folded, default=None, return_dtype=pl.String))
        .when(pl.col("stage") == _VALUE)
        .then(pl.col("code") + "\x00" + pl.col("role"))
    )
    first = pl.col("row").first().over("stage", "key", "ind")
    f = f.with_columns(
        first_row=pl.when(pl.col("key").is_not_null()).then(first),
    ).with_columns(
        stage=pl.when(pl.col("key").is_not_null() & (pl.col("first_row") != pl.col("row")))
        .then(pl.lit(_DUPLICATE))
        .otherwise("stage")
    )
    return f, known


def _collect(
    decided: pl.DataFrame,
    todo: pl.DataFrame,
    later: pl.DataFrame,
    c: CellCollector,
    room: int,
    year_col: str | None,
    col: dict[str, str],
    unit_col: str,
    known: dict[tuple[str, str, bool], Checked],
) -> TableImport:
    """Problems in row order (at most ``room``), and the cells of the rows read before them.

    ``decided`` are the rows settled before their cell was read (skipped, or
    refused for their indicator, unit or year), ``todo`` the rows whose cell
    was read; each in row order; ``later`` the rows of a later year (row and year).
    """
    catalog, registry = c.catalog, c.registry
    year = catalog.year
    value_col = col["varde"]
    wrong = pl.concat(
        [part.filter(pl.col("stage").is_in(_PROBLEMS)) for part in (decided, todo)],
        how="diagonal_relaxed",
    ).sort("row")
    if room <= 0:
        decided, todo, later = decided.clear(), todo.clear(), later.clear()
    elif wrong.height >= room:
        last = wrong["row"][room - 1]  # checking stops there
        decided, todo, later = (
            part.filter(pl.col("row") <= last) for part in (decided, todo, later)
        )
    for r in wrong.head(max(room, 0)).iter_rows(named=True):
        stage, row = r["stage"], r["row"]
        ind: Indicator | None = (
            catalog.indicator(r["ind"]) if r["ind"] not in (None, _KPI) else None
        )
        if stage == "missing-indicator":
            c.problem("missing-field", "Indikator saknas.", row, col["indikator"])
        elif stage == "missing-unit":
            c.problem("missing-field", "Enhet saknas.", row, unit_col)
        elif stage == "bad-year":
            c.problem("bad-year", f"«{r['year_text']}» är inget årtal.", row, year_col)
        elif stage == "unknown-indicator":
            message = unknown_indicator(catalog, r["ind_raw"])
            c.problem("unknown-indicator", message, row, col["indikator"])
        elif stage == "wrong-table":
            assert ind is not None
            c.problem(
                "wrong-table",
                f"«{ind.label}» hör till tabell {r['table_id']}, inte {r['tabell']}.",
                row,
                col["tabell"],
            )
        elif stage == "bad-published":
            assert ind is not None
            c.problem(
                "value-not-allowed",
                f"Det publicerade snittet «{r['value']}» för «{ind.label}» är inget tal.",
                row,
                value_col,
            )
        elif stage == "unknown-unit":
            unknown = resolve_unit(registry, r["unit_raw"])
            assert isinstance(unknown, str)
            c.problem("unknown-unit", unknown, row, unit_col)
        elif stage == "unit-not-then":
            name = registry.units[r["code"]].name
            c.problem(
                "unknown-unit", f"{name} fanns inte som egen enhet år {r['year']}.", row, unit_col
            )
        elif stage == "value-not-allowed":
            c.problem("value-not-allowed", r["refusal"], row, value_col)
        else:
            assert ind is not None
            who = f"«{r['unit_raw']}»" if r["is_pub"] else registry.units[r["code"]].name
            c.problem(
                "duplicate",
                f"{who} har redan ett värde för «{ind.label}» (rad {r['first_row']}).",
                row,
                value_col,
            )
    c.out.skipped = set(decided.filter(pl.col("stage") == _KPI)["kpi"].unique().to_list())
    cells = ["code", "ind", "year", "text", "role", "row"]
    c.out.frames = ImportFrames(
        values=todo.filter(pl.col("stage") == _VALUE)
        .select(cells)
        .rename(_NAMES)
        .cast(pl.Schema(ROW_SCHEMA)),
        history=todo.filter(pl.col("stage") == _HISTORY)
        .select(cells)
        .rename(_NAMES)
        .cast(pl.Schema(ROW_SCHEMA)),
        published=todo.filter(pl.col("stage") == _PUBLISHED)
        .select(label="unit_raw", indicator="ind", year="year", value="value", row="row")
        .cast(pl.Schema(PUBLISHED_ROW_SCHEMA)),
        checked=known,
    )
    if year_col is not None:
        seen = _years_seen(decided) | _years_seen(todo) | set(later["year_text"].unique())
        if seen and str(year) not in seen:
            c.problem(
                "wrong-year",
                f"Filen har inga värden för år {year} (den har {', '.join(sorted(seen))}).",
                None,
                year_col,
            )
    return c.out


_NAMES = {"code": "unit", "ind": "indicator", "text": "value"}


def _reaches_year() -> pl.Expr:
    """A row that got as far as its year: the kon, indicator and unit checks come first."""
    return (
        pl.col("kon").str.to_uppercase().is_in(["T", ""])
        & (pl.col("ind_raw") != "")
        & (pl.col("unit_raw") != "")
        & pl.col("year").is_not_null()
    )


def _years_seen(f: pl.DataFrame) -> set[str]:
    """The years of the rows that got as far as their year."""
    return set(f.filter(_reaches_year())["year_text"].unique().to_list())
