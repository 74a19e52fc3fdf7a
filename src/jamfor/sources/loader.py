"""Turn the files a user names into one :class:`~jamfor.core.dataset.Dataset`.

Each file's format is recognised from its header row. Problems from every file
are collected and reported together; if there is any, nothing is used. Two
files giving different values for the same unit and indicator is a problem
too: jamfor never silently picks one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import fastexcel

from jamfor.catalog.model import Catalog
from jamfor.core.dataset import Dataset, PublishedRecord, ValueRecord
from jamfor.core.problems import MAX_PROBLEMS, InputError, Problem
from jamfor.registry.model import Registry
from jamfor.sources.cells import find_indicator
from jamfor.sources.oj_excel import import_oj_workbook
from jamfor.sources.reading import RawTable, is_workbook, read_table
from jamfor.sources.survey_answers import import_survey_answers, is_survey_answers
from jamfor.sources.tables import TableImport, import_long, import_wide, is_long

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
    values: dict[tuple[str, str, str], tuple[ValueRecord, str, int]] = {}
    published: dict[tuple[str, str], tuple[PublishedRecord, str]] = {}
    history: dict[tuple[str, str, int, str], ValueRecord] = {}
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
        if not (result.problems or result.values or result.published or result.history):
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
        for rec in result.values:
            key = (rec.unit, rec.indicator, rec.role)
            row = result.rows.get(key, 0)
            if key in values and values[key][0].value != rec.value:
                other, other_file, other_row = values[key]
                problems.append(
                    Problem(
                        "conflict",
                        f"{registry.units[rec.unit].name} har två olika värden för "
                        f"«{catalog.indicator(rec.indicator).label}»: «{other.value}» i "
                        f"{other_file} (rad {other_row}) och «{rec.value}» här.",
                        raw.file,
                        row or None,
                    )
                )
            values.setdefault(key, (rec, raw.file, row))
        for rec in result.history:
            history.setdefault((rec.unit, rec.indicator, rec.year, rec.role), rec)
        for pub in result.published:
            pkey = (pub.label.casefold(), pub.indicator)
            if pkey in published and published[pkey][0].value != pub.value:
                problems.append(
                    Problem(
                        "conflict",
                        f"«{pub.label}» för «{catalog.indicator(pub.indicator).label}» är "
                        f"«{published[pkey][0].value}» i {published[pkey][1]} men «{pub.value}» här.",
                        raw.file,
                    )
                )
            published.setdefault(pkey, (pub, raw.file))
    if problems:
        raise InputError(problems)
    return Dataset.from_records(
        catalog,
        (v[0] for v in values.values()),
        (p[0] for p in published.values()),
        files=[str(p) for p in paths],
        history=history.values(),
        synthetic=synthetic,
        notes=notes,
    )
