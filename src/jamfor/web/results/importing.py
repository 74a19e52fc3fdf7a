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

from jamfor.catalog.loader import catalog_yaml, has_catalog
from jamfor.catalog.model import Catalog
from jamfor.core.dataset import Dataset
from jamfor.core.problems import InputError
from jamfor.registry.loader import load_registry
from jamfor.sources.catalogs import choose_catalog
from jamfor.sources.loader import load_dataset
from jamfor.sources.reading import is_workbook
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
    catalog_generated: str | None = None
    """Said when the year's catalog was generated from this file."""

    @property
    def wrote(self) -> bool:
        return bool(self.added or self.changed)


def _generated_catalog(year: Year, path: Path) -> Catalog | None:
    """A catalog generated from a published workbook, for a year that has none of its own.

    Only before anything is stored for the year: values already stored were read
    with the year's catalog, and a new catalog must not orphan them.
    """
    if (
        has_catalog(year.year, year.area)
        or year.catalog_text.strip()
        or not is_workbook(path)
        or ResultValue.objects.filter(year=year).exists()
    ):
        return None
    choice = choose_catalog(year.area, year.year, [path], load_registry())
    return choice.catalog if choice.catalog.generated_from == path.name else None


def read_upload(year: Year, name: str, content: bytes) -> tuple[Dataset, Catalog | None]:
    """The file's values checked against the year's catalog (or one generated from the file
    when the year has none); problems name the file as uploaded."""
    safe = get_valid_filename(Path(name).name) or "fil.csv"
    with tempfile.TemporaryDirectory(prefix="jamfor-import-") as folder:
        path = Path(folder) / safe
        path.write_bytes(content)
        try:
            generated = _generated_catalog(year, path)
            catalog = generated or year.catalog
            return load_dataset([path], catalog, load_registry()), generated
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
    dataset, generated = read_upload(year, name, content)
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

    message = None
    if generated is not None:
        year.catalog_text = catalog_yaml(generated)
        year.save(update_fields=["catalog_text"])
        review = sum(1 for i in generated.indicators if i.review)
        message = (
            f"Det finns ingen medföljande katalog för {year.area} {year.year}: katalogen är "
            f"genererad ur filen {name} ({len(generated.indicators)} indikatorer"
            + (f", {review} med en regel att granska" if review else "")
            + ") – granska den med jamfor katalog skapa."
        )
        record(
            user,
            "resultat.katalog",
            f"Genererade katalogen för {year.year} ur {name}",
            year,
            {},
            {"katalog": f"{len(generated.indicators)} indikatorer ur {name}"},
            actor_name=actor_name,
        )
    outcome = ImportOutcome(
        file=name,
        added=added,
        changed=changed,
        unchanged=unchanged,
        other_years=dataset.history.height,
        catalog_generated=message,
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
