"""Turn the files a user names into one :class:`~jamfor.core.dataset.Dataset`.

Each file's format is recognised from its header row. Problems from every file
are collected and reported together; if there is any, nothing is used. Two
files giving different values for the same unit and indicator is a problem
too: jamfor never silently picks one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from jamfor.catalog.model import Catalog
from jamfor.core.dataset import PUBLISHED_SCHEMA, VALUES_SCHEMA, Dataset
from jamfor.core.problems import MAX_PROBLEMS, InputError, Problem
from jamfor.core.values import Checked
from jamfor.registry.model import Registry
from jamfor.sources.cells import find_indicator
from jamfor.sources.long_form import import_long, is_long
from jamfor.sources.oj_excel import import_oj_workbook
from jamfor.sources.reading import RawTable, is_workbook, read_table
from jamfor.sources.survey_answers import import_survey_answers, is_survey_answers
from jamfor.sources.tables import PUBLISHED_ROW_SCHEMA, ROW_SCHEMA, TableImport, import_wide

Importer = Callable[[RawTable, Catalog, Registry], TableImport]


def importer_for(raw: RawTable) -> Importer:
    """The adapter for a file, recognised by its columns."""
    if is_survey_answers(raw):
        return import_survey_answers
    if is_long(raw):
        return import_long
    return import_wide


def sheet_count(path: Path) -> int:
    """How many sheets a workbook has (a wide table on the first sheet alone is read as one)."""
    try:
        import fastexcel  # a workbook's reader, for workbooks

        return len(fastexcel.read_excel(path).sheet_names)
    except Exception:  # read_table has already opened it; a failure here is no workbook
        return 1


def _names_indicators(raw: RawTable, catalog: Catalog) -> bool:
    return any(find_indicator(catalog, c) is not None for c in raw.columns[1:] if c)


def load_dataset(
    paths: Sequence[Path],
    catalog: Catalog,
    registry: Registry,
    progress: Callable[[str], None] | None = None,
    mapping: dict[str, str] | None = None,
) -> Dataset:
    """Read, check and merge ``paths``; raise :class:`InputError` listing every problem.

    An Excel file whose first row is not a header jamfor knows, that has several
    sheets, or that the catalog was generated from, is read as a published OJ
    workbook (header rows found on every sheet; ``mapping`` maps changed
    headings to indicator ids).
    """
    problems: list[Problem] = []
    merged = _Merged()
    synthetic = False
    notes: list[str] = []
    for path in paths:
        if len(problems) >= MAX_PROBLEMS:
            break
        if progress:
            progress(path.name)
        try:
            raw = read_table(path, display=str(path))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if (
            is_workbook(path)
            and not (is_survey_answers(raw) or is_long(raw))
            and (
                mapping
                or not _names_indicators(raw, catalog)
                or catalog.generated_from == path.name
                or sheet_count(path) > 1
            )
        ):
            try:
                result = import_oj_workbook(path, catalog, registry, mapping)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
        else:
            result = importer_for(raw)(raw, catalog, registry)
        problems.extend(result.problems)
        if result.empty:
            problems.append(
                Problem(
                    "empty-file",
                    "Filen har inga värden: den har bara rubriker eller tomma rader. "
                    "Kontrollera att det är rätt fil.",
                    raw.file,
                )
            )
        synthetic = synthetic or result.synthetic
        if result.skipped:
            shown = ", ".join(sorted(result.skipped)[:8])
            more = f" och {len(result.skipped) - 8} till" if len(result.skipped) > 8 else ""
            notes.append(
                f"{raw.file}: {len(result.skipped)} nyckeltal i filen ingår inte i katalogen för "
                f"{catalog.area} {catalog.year} och används inte ({shown}{more})."
            )
        problems.extend(merged.add(result, raw.file, catalog, registry))
    if problems:
        raise InputError(problems)
    return Dataset(
        catalog=catalog,
        values=merged.values.select(VALUES_SCHEMA.keys()),
        published=merged.published.select(PUBLISHED_SCHEMA.keys()),
        files=tuple(str(p) for p in paths),
        history=merged.history.select(VALUES_SCHEMA.keys()),
        synthetic=synthetic,
        notes=tuple(notes),
        checked=merged.checked,
    )


_VALUE_KEY = ["unit", "indicator", "role"]
_HISTORY_KEY = ["unit", "indicator", "year", "role"]


def _keep_first(
    kept: pl.DataFrame, new: pl.DataFrame, key: list[str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The earlier file wins: the merged frame, and the new rows whose value differs from it.

    The clashes keep the new frame's order (``position``) and carry the kept
    row's columns with the suffix ``_first``, for a message naming both.
    """
    first = pl.concat([kept, new]).unique(key, keep="first", maintain_order=True)
    clashes = (
        new.with_row_index("position")
        .join(first, on=key, how="inner", suffix="_first")
        .filter(pl.col("value") != pl.col("value_first"))
        .sort("position")
    )
    return first, clashes


class _Merged:
    """The files' cells so far: the first file to give a unit's value for an indicator
    keeps it, and a later different value is a conflict naming both files."""

    def __init__(self) -> None:
        file = {"file": pl.String()}
        self.values = pl.DataFrame(schema={**ROW_SCHEMA, **file})
        self.history = pl.DataFrame(schema={**ROW_SCHEMA, **file})
        self.published = pl.DataFrame(schema={**PUBLISHED_ROW_SCHEMA, **file, "key": pl.String()})
        self.checked: dict[tuple[str, str, bool], Checked] = {}

    def add(
        self, result: TableImport, file: str, catalog: Catalog, registry: Registry
    ) -> list[Problem]:
        problems: list[Problem] = []
        if result.frames is not None:
            self.checked.update(result.frames.checked)
        values = result.value_frame().with_columns(file=pl.lit(file))
        first, clashes = _keep_first(self.values, values, _VALUE_KEY)
        for r in clashes.iter_rows(named=True):
            problems.append(
                Problem(
                    "conflict",
                    f"{registry.units[r['unit']].name} har två olika värden för "
                    f"«{catalog.indicator(r['indicator']).label}»: «{r['value_first']}» i "
                    f"{r['file_first']} (rad {r['row_first']}) och «{r['value']}» här.",
                    file,
                    r["row"] or None,
                )
            )
        self.values = first
        self.history = pl.concat(
            [self.history, result.history_frame().with_columns(file=pl.lit(file))]
        ).unique(_HISTORY_KEY, keep="first", maintain_order=True)
        published = result.published_frame()
        folded = {label: label.casefold() for label in published["label"].unique().to_list()}
        published = published.with_columns(
            file=pl.lit(file),
            key=pl.col("label").replace_strict(folded, return_dtype=pl.String),
        )
        first, clashes = _keep_first(self.published, published, ["key", "indicator"])
        for r in clashes.iter_rows(named=True):
            problems.append(
                Problem(
                    "conflict",
                    f"«{r['label']}» för «{catalog.indicator(r['indicator']).label}» är "
                    f"«{r['value_first']}» i {r['file_first']} men «{r['value']}» här.",
                    file,
                )
            )
        self.published = first
        return problems
