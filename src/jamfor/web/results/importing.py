"""Import a file of published results: previewed, applied on confirmation, undoable.

The file is read by :func:`jamfor.sources.loader.load_dataset`, the same
adapters as ``jamfor report --data``: a file with any problem raises
:class:`~jamfor.core.problems.InputError` before the database is touched.

A good file is first compared with what is stored for the year: the
:class:`~jamfor.web.results.models.ImportBatch` it makes (a *preview*) holds
one :class:`~jamfor.web.results.models.BatchChange` per cell it would add or
change, old → new, and nothing in the results changes. Only
:func:`apply_batch` — the analyst's confirmation — writes the values, and
only if the stored values are still those the preview was made against. A
value already stored is left as it is (so the same file twice changes
nothing); values for other years are not stored (each year is imported on
its own). :func:`undo_batch` puts back what an applied batch replaced,
newest batch first, and logs it.

A year without a catalog of its own gets one generated from the first
workbook imported into it. The catalog is kept in the preview and stored
with the values on confirmation; undoing that import restores the year's
catalog as it was (empty), unless someone has replaced the generated
catalog since — then the replacement stays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import get_valid_filename

from jamfor.catalog.loader import catalog_yaml, has_catalog, parse_catalog
from jamfor.catalog.model import Catalog
from jamfor.core.dataset import Dataset
from jamfor.core.problems import InputError, JamforError
from jamfor.registry.loader import load_registry
from jamfor.sources.catalogs import choose_catalog
from jamfor.sources.loader import load_dataset
from jamfor.sources.reading import is_workbook
from jamfor.web.audit.log import record
from jamfor.web.results.models import (
    BatchChange,
    BatchStatus,
    ChangeKind,
    ImportBatch,
    PublishedMean,
    ResultValue,
)
from jamfor.web.survey.models import Year

PREVIEW_KEPT = dt.timedelta(days=2)
"""A preview nobody confirmed is dropped after this long (its file is not kept anyway)."""


class StalePreview(JamforError):
    """The stored results changed after the preview was made: preview the file again."""


class NotUndoable(JamforError):
    """The batch cannot be undone (not applied, imported before batches, or not the newest)."""


@dataclass(frozen=True)
class ImportOutcome:
    file: str
    added: int
    changed: int
    unchanged: int
    other_years: int
    catalog_generated: str | None = None
    """Said when the year's catalog was generated from this file."""
    batch: ImportBatch | None = None
    """The preview (or, after :func:`import_results`, the applied batch); None: nothing new."""

    @property
    def wrote(self) -> bool:
        return bool(self.added or self.changed)


@dataclass(frozen=True)
class UndoOutcome:
    restored: int
    """Cells put back as they were before the batch (removed where the batch added them)."""
    kept: int
    """Cells someone changed after the batch; they keep their value."""
    catalog_restored: bool
    """The catalog the batch generated was removed again."""


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


def cell_name(kind: str, unit: str, indicator: str, role: str) -> str:
    """A cell as the log and the preview name it: «Ekerö · rutin-vuxen»."""
    if kind == str(ChangeKind.MEAN):
        return f"{unit} · {indicator}"
    units = load_registry().units
    where = units[unit].name if unit in units else unit
    return f"{where} · {indicator}" + (" (publicerat)" if role == "reference" else "")


def _by(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _stored_values(year: Year, *, lock: bool = False) -> dict[tuple[str, str, str], ResultValue]:
    rows = ResultValue.objects.filter(year=year)
    if lock:
        rows = rows.select_for_update()
    return {(v.unit, v.indicator, v.role): v for v in rows}


def _stored_means(year: Year, *, lock: bool = False) -> dict[tuple[str, str], PublishedMean]:
    rows = PublishedMean.objects.filter(year=year)
    if lock:
        rows = rows.select_for_update()
    return {(m.label, m.indicator): m for m in rows}


def _diff(year: Year, dataset: Dataset) -> tuple[list[BatchChange], int]:
    """The cells the dataset adds or changes against what is stored, and how many it repeats."""
    changes: list[BatchChange] = []
    unchanged = 0
    stored = _stored_values(year)
    for unit, indicator, value, role in dataset.values.select(
        "unit", "indicator", "value", "role"
    ).iter_rows():
        old = stored.get((unit, indicator, role))
        if old is not None and old.value == value:
            unchanged += 1
            continue
        changes.append(
            BatchChange(
                kind=ChangeKind.VALUE,
                unit=unit,
                indicator=indicator,
                role=role,
                old_value=old.value if old else None,
                new_value=value,
                old_source=old.source if old else "",
                old_imported_at=old.imported_at if old else None,
                old_batch_id=old.batch_id if old else None,
            )
        )
    means = _stored_means(year)
    for label, indicator, value in dataset.published.select(
        "label", "indicator", "value"
    ).iter_rows():
        old_mean = means.get((label, indicator))
        if old_mean is not None and old_mean.value == value:
            unchanged += 1
            continue
        changes.append(
            BatchChange(
                kind=ChangeKind.MEAN,
                unit=label,
                indicator=indicator,
                old_value=old_mean.value if old_mean else None,
                new_value=value,
                old_source=old_mean.source if old_mean else "",
                old_imported_at=old_mean.imported_at if old_mean else None,
                old_batch_id=old_mean.batch_id if old_mean else None,
            )
        )
    return changes, unchanged


def catalog_message(year: Year, batch: ImportBatch) -> str | None:
    """What the analyst is told about a catalog the batch generates, or None."""
    if not batch.catalog_generated:
        return None
    generated = parse_catalog(batch.catalog_generated, f"genererad ur {batch.name}")
    review = sum(1 for i in generated.indicators if i.review)
    return (
        f"Det finns ingen medföljande katalog för {year.area} {year.year}: katalogen är "
        f"genererad ur filen {batch.name} ({len(generated.indicators)} indikatorer"
        + (f", {review} med en regel att granska" if review else "")
        + ") – granska den med jamfor katalog skapa."
    )


def _drop_old_previews(year: Year) -> None:
    ImportBatch.objects.filter(
        year=year, status=BatchStatus.PREVIEW, created_at__lt=timezone.now() - PREVIEW_KEPT
    ).delete()


@transaction.atomic
def preview_import(year: Year, name: str, content: bytes, user: Any) -> ImportOutcome:
    """Read the file and record what it would change; raise :class:`InputError` if bad.

    Nothing in the year's results changes. Without anything new (and no
    catalog to generate) no batch is made: ``outcome.batch`` is None.
    """
    dataset, generated = read_upload(year, name, content)
    changes, unchanged = _diff(year, dataset)
    _drop_old_previews(year)
    added = sum(1 for c in changes if c.old_value is None)
    outcome = ImportOutcome(
        file=name,
        added=added,
        changed=len(changes) - added,
        unchanged=unchanged,
        other_years=dataset.history.height,
    )
    if not changes and generated is None:
        return outcome
    batch = ImportBatch.objects.create(
        year=year,
        name=name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        synthetic=dataset.synthetic,
        created_by=_by(user),
        added=outcome.added,
        changed=outcome.changed,
        unchanged=unchanged,
        other_years=outcome.other_years,
        catalog_generated=catalog_yaml(generated) if generated is not None else "",
    )
    for c in changes:
        c.batch = batch
    BatchChange.objects.bulk_create(changes, batch_size=1000)
    return dataclasses.replace(outcome, batch=batch, catalog_generated=catalog_message(year, batch))


def _stale_cells(batch: ImportBatch, values: dict[Any, ResultValue], means: dict[Any, Any]) -> int:
    stale = 0
    for c in batch.changes.all().iterator(chunk_size=2000):
        now = (
            means.get((c.unit, c.indicator))
            if c.kind == ChangeKind.MEAN
            else values.get((c.unit, c.indicator, c.role))
        )
        if (now.value if now is not None else None) != c.old_value:
            stale += 1
    return stale


def apply_batch(batch: ImportBatch, user: Any, actor_name: str | None = None) -> ImportOutcome:
    """Write a previewed batch's values: the analyst confirmed.

    Raises :class:`StalePreview` (and drops the preview) when the stored
    values are no longer those the preview was made against — another import
    or an undo came in between — so nothing is applied that the analyst did
    not see.
    """
    applied = _apply(batch, user, actor_name)
    if isinstance(applied, StalePreview):
        cancel_batch(batch, user)
        raise applied
    return applied


@transaction.atomic
def _apply(batch: ImportBatch, user: Any, actor_name: str | None) -> ImportOutcome | StalePreview:
    batch = ImportBatch.objects.select_for_update().select_related("year").get(pk=batch.pk)
    year = Year.objects.select_for_update().get(pk=batch.year_id)
    if batch.status != BatchStatus.PREVIEW:
        return StalePreview(
            f"{batch.name} är redan {batch.get_status_display().lower()}; läs in filen igen "
            "om du vill se en ny förhandsvisning."
        )
    values = _stored_values(year, lock=True)
    means = _stored_means(year, lock=True)
    stale = _stale_cells(batch, values, means)
    catalog_taken = bool(batch.catalog_generated) and (
        bool(year.catalog_text.strip()) or bool(values)
    )
    if stale or catalog_taken:
        why = (
            f"{stale} av värdena har ändrats" if stale else "året har fått en katalog eller värden"
        )
        return StalePreview(
            f"Resultaten för {year.year} har ändrats sedan förhandsvisningen ({why}). "
            f"Ingenting ur {batch.name} är inläst; läs in filen igen för en ny förhandsvisning."
        )
    now = timezone.now()
    by = _by(user)
    before: dict[str, str | None] = {}
    after: dict[str, str | None] = {}
    new_values: list[ResultValue] = []
    changed_values: list[ResultValue] = []
    new_means: list[PublishedMean] = []
    changed_means: list[PublishedMean] = []
    for c in batch.changes.all().iterator(chunk_size=2000):
        key = cell_name(c.kind, c.unit, c.indicator, c.role)
        before[key], after[key] = c.old_value, c.new_value
        fields = {
            "value": c.new_value,
            "source": batch.name,
            "imported_at": now,
            "imported_by": by,
            "batch": batch,
        }
        if c.kind == ChangeKind.MEAN:
            mean = means.get((c.unit, c.indicator))
            if mean is None:
                new_means.append(
                    PublishedMean(year=year, label=c.unit, indicator=c.indicator, **fields)
                )
            else:
                _set(mean, fields)
                changed_means.append(mean)
        else:
            value = values.get((c.unit, c.indicator, c.role))
            if value is None:
                new_values.append(
                    ResultValue(
                        year=year, unit=c.unit, indicator=c.indicator, role=c.role, **fields
                    )
                )
            else:
                _set(value, fields)
                changed_values.append(value)
    written = ["value", "source", "imported_at", "imported_by", "batch"]
    ResultValue.objects.bulk_create(new_values, batch_size=1000)
    ResultValue.objects.bulk_update(changed_values, written, batch_size=1000)
    PublishedMean.objects.bulk_create(new_means, batch_size=1000)
    PublishedMean.objects.bulk_update(changed_means, written, batch_size=1000)

    message = catalog_message(year, batch)
    if batch.catalog_generated:
        batch.catalog_before = year.catalog_text
        year.catalog_text = batch.catalog_generated
        year.save(update_fields=["catalog_text"])
        record(
            user,
            "resultat.katalog",
            f"Genererade katalogen för {year.year} ur {batch.name}",
            year,
            {},
            {"katalog": f"genererad ur {batch.name}"},
            actor_name=actor_name,
        )
    batch.status = BatchStatus.APPLIED
    batch.imported_at, batch.imported_by = now, by
    batch.save()
    record(
        user,
        "resultat.import",
        f"Läste in {batch.name} för {year.year}: {batch.added} nya och {batch.changed} "
        "ändrade värden" + (" (SYNTETISKA DATA)" if batch.synthetic else ""),
        batch,
        before,
        after,
        actor_name=actor_name,
    )
    return ImportOutcome(
        file=batch.name,
        added=batch.added,
        changed=batch.changed,
        unchanged=batch.unchanged,
        other_years=batch.other_years,
        catalog_generated=message,
        batch=batch,
    )


def _set(obj: Any, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


@transaction.atomic
def cancel_batch(batch: ImportBatch, user: Any) -> None:
    """Drop a preview: nothing was written, so nothing is logged but the cancellation."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != BatchStatus.PREVIEW:
        return
    batch.status = BatchStatus.CANCELLED
    batch.save(update_fields=["status"])
    batch.changes.all().delete()


def newest_applied(year: Year) -> ImportBatch | None:
    return (
        ImportBatch.objects.filter(year=year, status=BatchStatus.APPLIED)
        .order_by("-imported_at", "-id")
        .first()
    )


def undo_refusal(batch: ImportBatch) -> str | None:
    """Why the batch cannot be undone now, in Swedish; None when it can."""
    if batch.status != BatchStatus.APPLIED:
        return f"{batch.name} är inte inläst ({batch.get_status_display().lower()})."
    if batch.legacy:
        return (
            f"{batch.name} lästes in innan jamfor sparade värdena före en inläsning, så det "
            "finns inget att återställa. Läs in en fil med de rätta värdena i stället."
        )
    newest = newest_applied(batch.year)
    if newest is not None and newest.pk != batch.pk:
        return (
            f"Ångra först den senare inläsningen {newest.name}: inläsningar ångras senaste först."
        )
    return None


@transaction.atomic
def undo_batch(batch: ImportBatch, user: Any) -> UndoOutcome:
    """Put back what an applied batch replaced (and remove what it added); log it.

    A cell someone changed after the batch (say in the admin) keeps its value
    and is counted in ``kept``.
    """
    batch = ImportBatch.objects.select_for_update().select_related("year").get(pk=batch.pk)
    year = Year.objects.select_for_update().get(pk=batch.year_id)
    refusal = undo_refusal(batch)
    if refusal:
        raise NotUndoable(refusal)
    values = _stored_values(year, lock=True)
    means = _stored_means(year, lock=True)
    old_batches = {
        b.pk: b
        for b in ImportBatch.objects.filter(
            pk__in=batch.changes.exclude(old_batch=None).values("old_batch")
        )
    }
    before: dict[str, str | None] = {}
    after: dict[str, str | None] = {}
    restored: list[Any] = []
    removed: list[int] = []
    removed_means: list[int] = []
    kept = 0
    for c in batch.changes.all().iterator(chunk_size=2000):
        is_mean = c.kind == ChangeKind.MEAN
        now = (
            means.get((c.unit, c.indicator))
            if is_mean
            else values.get((c.unit, c.indicator, c.role))
        )
        if now is None or now.batch_id != batch.pk or now.value != c.new_value:
            kept += 1
            continue
        key = cell_name(c.kind, c.unit, c.indicator, c.role)
        before[key], after[key] = c.new_value, c.old_value
        if c.old_value is None:
            (removed_means if is_mean else removed).append(now.pk)
            continue
        old_batch = old_batches.get(c.old_batch_id) if c.old_batch_id else None
        _set(
            now,
            {
                "value": c.old_value,
                "source": c.old_source,
                "imported_at": c.old_imported_at or now.imported_at,
                "imported_by": old_batch.imported_by if old_batch else None,
                "batch": old_batch,
            },
        )
        restored.append(now)
    written = ["value", "source", "imported_at", "imported_by", "batch"]
    ResultValue.objects.filter(pk__in=removed).delete()
    PublishedMean.objects.filter(pk__in=removed_means).delete()
    ResultValue.objects.bulk_update(
        [r for r in restored if isinstance(r, ResultValue)], written, batch_size=1000
    )
    PublishedMean.objects.bulk_update(
        [r for r in restored if isinstance(r, PublishedMean)], written, batch_size=1000
    )
    catalog_restored = False
    if batch.catalog_generated and year.catalog_text == batch.catalog_generated:
        year.catalog_text = batch.catalog_before
        year.save(update_fields=["catalog_text"])
        catalog_restored = True
        before["katalog"], after["katalog"] = f"genererad ur {batch.name}", "ingen egen"
    batch.status = BatchStatus.UNDONE
    batch.undone_at, batch.undone_by = timezone.now(), _by(user)
    batch.save(update_fields=["status", "undone_at", "undone_by"])
    record(
        user,
        "resultat.ångra",
        f"Ångrade inläsningen av {batch.name} för {year.year}: {len(before)} värden "
        "återställda" + (f", {kept} ändrade senare och lämnade som de är" if kept else ""),
        batch,
        before,
        after,
    )
    return UndoOutcome(
        restored=len(restored) + len(removed) + len(removed_means),
        kept=kept,
        catalog_restored=catalog_restored,
    )


def import_results(
    year: Year, name: str, content: bytes, user: Any, actor_name: str | None = None
) -> ImportOutcome:
    """Preview and apply at once, for ``jamfor serve --with-example`` and the tests' set-up.

    Raises :class:`InputError` and stores nothing if the file is bad.
    """
    with transaction.atomic():
        outcome = preview_import(year, name, content, user)
        if outcome.batch is None:
            return outcome
        return apply_batch(outcome.batch, user, actor_name=actor_name)


@dataclass(frozen=True)
class IndicatorCount:
    indicator: str
    label: str
    added: int
    changed: int


def counts_per_indicator(batch: ImportBatch, catalog: Catalog) -> list[IndicatorCount]:
    """New and changed values per indicator, in the catalog's order."""
    rows = (
        batch.changes.values("indicator")
        .annotate(
            added=Count("id", filter=Q(old_value__isnull=True)),
            changed=Count("id", filter=Q(old_value__isnull=False)),
        )
        .order_by()
    )
    order = {i.id: n for n, i in enumerate(catalog.indicators)}
    labels = {i.id: i.label for i in catalog.indicators}
    counts = [
        IndicatorCount(
            r["indicator"], labels.get(r["indicator"], r["indicator"]), r["added"], r["changed"]
        )
        for r in rows
    ]
    return sorted(counts, key=lambda c: (order.get(c.indicator, len(order)), c.indicator))


def batch_catalog(batch: ImportBatch) -> Catalog:
    """The catalog the batch's values are read with (the one it generates, else the year's)."""
    if batch.catalog_generated and batch.status == BatchStatus.PREVIEW:
        return parse_catalog(batch.catalog_generated, f"genererad ur {batch.name}")
    return batch.year.catalog


def change_rows(batch: ImportBatch) -> Iterator[tuple[str, str, str, str, str]]:
    """Every change as (indicator, unit, kind, before, after), for the CSV download."""
    units = load_registry().units
    for c in batch.changes.order_by("indicator", "kind", "unit", "role").iterator(chunk_size=2000):
        where = units[c.unit].name if c.kind == ChangeKind.VALUE and c.unit in units else c.unit
        kind = (
            "publicerat snitt"
            if c.kind == ChangeKind.MEAN
            else ("publicerat värde" if c.role == "reference" else "värde")
        )
        yield c.indicator, where, kind, c.old_value or "", c.new_value
