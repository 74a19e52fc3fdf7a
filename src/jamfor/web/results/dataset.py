"""A year's stored results back as a :class:`Dataset`, compared and made into a report.

The comparison and the report are computed by core and report from this
Dataset exactly as the CLI computes them from files; the database only stands
in for the files. Earlier years in the database are the Dataset's ``history``,
so every table shows the change since the latest earlier year, as a
multi-year file does in the CLI.
"""

from __future__ import annotations

import datetime as dt

from jamfor.core.comparison import GroupComparison, compare
from jamfor.core.dataset import Dataset, PublishedRecord, ValueRecord
from jamfor.registry.loader import load_registry
from jamfor.report.build import build_report
from jamfor.report.model import Report
from jamfor.web.results.models import BatchStatus, ImportBatch, PublishedMean, ResultValue
from jamfor.web.survey.interpretations import catalog_for
from jamfor.web.survey.models import Year


def dataset_for(year: Year) -> Dataset | None:
    """The year's stored values with the app's interpretations; None when nothing is imported."""
    rows = list(
        ResultValue.objects.filter(year=year).values_list("unit", "indicator", "value", "role")
    )
    if not rows:
        return None
    files = ImportBatch.objects.filter(year=year, status=BatchStatus.APPLIED).order_by(
        "imported_at", "id"
    )
    return Dataset.from_records(
        catalog_for(year),
        (
            ValueRecord(u, i, year.year, v, "reference" if r == "reference" else "answer")
            for u, i, v, r in rows
        ),
        (
            PublishedRecord(label, indicator, year.year, value)
            for label, indicator, value in PublishedMean.objects.filter(year=year).values_list(
                "label", "indicator", "value"
            )
        ),
        files=list(files.values_list("name", flat=True)),
        history=history_for(year),
        synthetic=holds_synthetic(year),
    )


def holds_synthetic(*years: Year) -> bool:
    """Whether any value stored for these years came from a synthetic file (``demo-data``)."""
    return ResultValue.objects.filter(year__in=years, batch__synthetic=True).exists()


def holds_real(year: Year) -> bool:
    """Whether the year holds values that did not come from a synthetic file."""
    return ResultValue.objects.filter(year=year).exclude(batch__synthetic=True).exists()


def history_for(year: Year) -> list[ValueRecord]:
    """Every earlier year's stored values of the same area, for the tables' change since then.

    The core computes each change from the latest earlier year with data and
    leaves out an earlier answer the current definition cannot read, so all
    earlier years can be handed over as they are.
    """
    rows = ResultValue.objects.filter(year__area=year.area, year__year__lt=year.year).values_list(
        "unit", "indicator", "value", "role", "year__year"
    )
    return [
        ValueRecord(u, i, y, v, "reference" if r == "reference" else "answer")
        for u, i, v, r, y in rows
    ]


def comparison_for(year: Year) -> GroupComparison | None:
    dataset = dataset_for(year)
    if dataset is None:
        return None
    return compare(dataset, year.group_object, load_registry().units)


def report_for(year: Year, made: dt.date | None = None) -> Report | None:
    cmp = comparison_for(year)
    if cmp is None:
        return None
    return build_report(cmp, load_registry(), made=made)
