"""Import a file of published results into the database, all of it or nothing.

The file is read by :func:`jamfor.sources.loader.load_dataset`, the same
adapters as ``jamfor report --data``: a file with any problem raises
:class:`~jamfor.core.problems.InputError` before the database is touched.
A good file's values are stored for the year being imported, cell by cell:
a value already stored is left as it is (so importing the same file twice
changes nothing), a different value replaces it and the log keeps both. Values
the file holds for other years are not stored: each year is imported on its
own, so a second year's file never touches the first year's values.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from jamfor.core.dataset import Dataset
from jamfor.core.problems import InputError
from jamfor.registry.loader import load_registry
from jamfor.sources.loader import load_dataset
from jamfor.web.audit.log import record
from jamfor.web.results.models import ImportedFile, PublishedMean, ResultValue
from jamfor.web.survey.models import Year


@dataclass(frozen=True)
class ImportOutcome:
    file: str
    added: int
    changed: int
    unchanged: int
    other_years: int

    @property
    def wrote(self) -> bool:
        return bool(self.added or self.changed)


def read_upload(year: Year, name: str, content: bytes) -> Dataset:
    """The file's values checked against the year's catalog; problems name the file as uploaded."""
    safe = get_valid_filename(Path(name).name) or "fil.csv"
    with tempfile.TemporaryDirectory(prefix="jamfor-import-") as folder:
        path = Path(folder) / safe
        path.write_bytes(content)
        try:
            return load_dataset([path], year.catalog, load_registry())
        except InputError as exc:
            raise InputError(
                dataclasses.replace(
                    p,
                    file=name if p.file in (str(path), safe) else p.file,
                    message=p.message.replace(str(path), name),
                )
                for p in exc.problems
            ) from None


def _cell_name(unit: str, indicator: str, role: str) -> str:
    units = load_registry().units
    where = units[unit].name if unit in units else unit
    return f"{where} · {indicator}" + (" (publicerat)" if role == "reference" else "")


@transaction.atomic
def import_results(
    year: Year, name: str, content: bytes, user: Any, actor_name: str | None = None
) -> ImportOutcome:
    """Store a file's values for ``year``; raise :class:`InputError` and store nothing if bad."""
    dataset = read_upload(year, name, content)
    now = timezone.now()
    by = user if getattr(user, "is_authenticated", False) else None
    before: dict[str, str | None] = {}
    after: dict[str, str | None] = {}
    unchanged = 0

    stored = {
        (v.unit, v.indicator, v.role): v
        for v in ResultValue.objects.select_for_update().filter(year=year)
    }
    new_values: list[ResultValue] = []
    changed_values: list[ResultValue] = []
    for unit, indicator, value, role in dataset.values.select(
        "unit", "indicator", "value", "role"
    ).iter_rows():
        old = stored.get((unit, indicator, role))
        if old is not None and old.value == value:
            unchanged += 1
            continue
        key = _cell_name(unit, indicator, role)
        before[key], after[key] = (old.value if old else None), value
        if old is None:
            new_values.append(
                ResultValue(
                    year=year,
                    unit=unit,
                    indicator=indicator,
                    value=value,
                    role=role,
                    source=name,
                    imported_at=now,
                    imported_by=by,
                )
            )
        else:
            old.value, old.source, old.imported_at, old.imported_by = value, name, now, by
            changed_values.append(old)
    ResultValue.objects.bulk_create(new_values, batch_size=1000)
    ResultValue.objects.bulk_update(
        changed_values, ["value", "source", "imported_at", "imported_by"], batch_size=1000
    )

    means = {
        (m.label, m.indicator): m
        for m in PublishedMean.objects.select_for_update().filter(year=year)
    }
    new_means: list[PublishedMean] = []
    changed_means: list[PublishedMean] = []
    for label, indicator, value in dataset.published.select(
        "label", "indicator", "value"
    ).iter_rows():
        old_mean = means.get((label, indicator))
        if old_mean is not None and old_mean.value == value:
            unchanged += 1
            continue
        key = f"{label} · {indicator}"
        before[key], after[key] = (old_mean.value if old_mean else None), value
        if old_mean is None:
            new_means.append(
                PublishedMean(
                    year=year,
                    label=label,
                    indicator=indicator,
                    value=value,
                    source=name,
                    imported_at=now,
                    imported_by=by,
                )
            )
        else:
            old_mean.value, old_mean.source = value, name
            old_mean.imported_at, old_mean.imported_by = now, by
            changed_means.append(old_mean)
    PublishedMean.objects.bulk_create(new_means, batch_size=1000)
    PublishedMean.objects.bulk_update(
        changed_means, ["value", "source", "imported_at", "imported_by"], batch_size=1000
    )
    added = len(new_values) + len(new_means)
    changed = len(changed_values) + len(changed_means)

    outcome = ImportOutcome(
        file=name,
        added=added,
        changed=changed,
        unchanged=unchanged,
        other_years=dataset.history.height,
    )
    if not outcome.wrote:
        return outcome
    digest = hashlib.sha256(content).hexdigest()
    file, _ = ImportedFile.objects.update_or_create(
        year=year,
        sha256=digest,
        defaults={
            "name": name,
            "size": len(content),
            "synthetic": dataset.synthetic,
            "imported_at": now,
            "imported_by": by,
        },
    )
    record(
        user,
        "resultat.import",
        f"Läste in {name} för {year.year}: {added} nya och {changed} ändrade värden",
        file,
        before,
        after,
        actor_name=actor_name,
    )
    return outcome
