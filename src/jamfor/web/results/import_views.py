"""The analyst's imports: upload, preview, confirm or cancel, and the batches with their undo.

An upload is never written straight into the results. The file is read and
compared with what is stored, and the preview page says what it would add
and change — per indicator, and each changed value old → new — before the
analyst confirms. A synthetic file (``jamfor demo-data``) into a year that
holds real values needs an explicit tick. Every applied import is a batch
listed on the imports page, where the newest can be undone.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from jamfor.core.problems import InputError
from jamfor.csv_output import csv_writer
from jamfor.registry.loader import load_registry
from jamfor.web.accounts.access import analysts
from jamfor.web.identity_guard import GuardedForm
from jamfor.web.results.dataset import holds_real
from jamfor.web.results.forms import UploadForm
from jamfor.web.results.importing import (
    NotUndoable,
    StalePreview,
    apply_batch,
    batch_catalog,
    cancel_batch,
    catalog_message,
    change_rows,
    counts_per_indicator,
    preview_import,
    undo_batch,
    undo_refusal,
)
from jamfor.web.results.models import BatchStatus, ChangeKind, ImportBatch
from jamfor.web.survey.models import Year, year_or_404

CHANGES_SHOWN = 10
"""Changed values listed per indicator on the preview; the rest are counted (and in the CSV)."""


def batch_or_404(year: Year, pk: int) -> ImportBatch:
    found = ImportBatch.objects.filter(year=year, pk=pk).first()
    if found is None:
        raise Http404(f"Inläsningen finns inte bland inläsningarna {year.year}.")
    return found


class ConfirmForm(GuardedForm, forms.Form):
    """The confirmation; a synthetic file into a year with real values needs the tick."""

    syntetiska = forms.BooleanField(
        label="Jag vill läsa in SYNTETISKA (påhittade) värden i ett år som har verkliga värden",
        required=False,
    )

    def __init__(self, needs_tick: bool, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_tick = needs_tick
        if not needs_tick:
            del self.fields["syntetiska"]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.needs_tick and not cleaned.get("syntetiska"):
            self.add_error(
                "syntetiska",
                "Filen innehåller syntetiska värden och året har verkliga. Kryssa i rutan om "
                "du verkligen vill blanda in påhittade värden, eller avbryt inläsningen.",
            )
        return cleaned


@analysts
def upload(request: HttpRequest, year: int) -> HttpResponse:
    """Read a file and show what it would change; a bad file lists its problems, grouped."""
    year_obj = year_or_404(year)
    problems = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                outcome = preview_import(year_obj, upload.name, upload.read(), request.user)
            except InputError as exc:
                problems = exc
            else:
                if outcome.batch is not None:
                    return redirect("results:batch", year=year_obj.year, batch=outcome.batch.pk)
                messages.info(
                    request,
                    f"{outcome.file} innehåller inget nytt: alla {outcome.unchanged} värden "
                    "fanns redan. Ingenting ändrades.",
                )
                _other_years(request, year_obj, outcome.other_years)
                return redirect("results:dashboard", year=year_obj.year)
    else:
        form = UploadForm()
    return render(
        request,
        "results/upload.html",
        {
            "year": year_obj,
            "form": form,
            "problems": problems,
            "batches": ImportBatch.objects.filter(year=year_obj, status=BatchStatus.APPLIED),
        },
        status=400 if problems else 200,
    )


def _other_years(request: HttpRequest, year: Year, count: int) -> None:
    if count:
        messages.warning(
            request,
            f"{count} värden gäller andra år än {year.year} och lästes inte in. Läs in dem "
            "under respektive år.",
        )


def _changed_by_indicator(batch: ImportBatch) -> list[dict[str, Any]]:
    """The changed values (old → new) per indicator, the first few of each and the count of the rest."""
    units = load_registry().units
    changed = batch.changes.exclude(old_value=None).order_by("indicator", "kind", "unit", "role")
    groups = []
    for indicator, items in groupby(changed.iterator(chunk_size=2000), key=lambda c: c.indicator):
        listed: list[dict[str, str]] = []
        total = 0
        for c in items:
            total += 1
            if len(listed) < CHANGES_SHOWN:
                where = (
                    units[c.unit].name if c.kind == ChangeKind.VALUE and c.unit in units else c.unit
                )
                if c.role == "reference":
                    where += " (publicerat)"
                listed.append({"unit": where, "old": c.old_value, "new": c.new_value})
        groups.append({"indicator": indicator, "changes": listed, "rest": total - len(listed)})
    return groups


def _batch_page(
    request: HttpRequest, year: Year, batch: ImportBatch, form: ConfirmForm | None, status: int
) -> HttpResponse:
    catalog = batch_catalog(batch)
    labels = {i.id: i.label for i in catalog.indicators}
    changed = _changed_by_indicator(batch)
    for group in changed:
        group["label"] = labels.get(group["indicator"], group["indicator"])
    return render(
        request,
        "results/batch.html",
        {
            "year": year,
            "batch": batch,
            "form": form,
            "counts": counts_per_indicator(batch, catalog),
            "changed": changed,
            "catalog_message": catalog_message(year, batch),
            "undo_refusal": undo_refusal(batch) if batch.applied else None,
            "real_year": batch.synthetic and holds_real(year),
        },
        status=status,
    )


@analysts
@require_safe
def batch_page(request: HttpRequest, year: int, batch: int) -> HttpResponse:
    """A preview to confirm, or an applied (or undone) batch with what it changed."""
    year_obj = year_or_404(year)
    found = batch_or_404(year_obj, batch)
    form = None
    if found.status == BatchStatus.PREVIEW:
        form = ConfirmForm(found.synthetic and holds_real(year_obj))
    return _batch_page(request, year_obj, found, form, 200)


@analysts
@require_POST
def confirm(request: HttpRequest, year: int, batch: int) -> HttpResponse:
    year_obj = year_or_404(year)
    found = batch_or_404(year_obj, batch)
    form = ConfirmForm(found.synthetic and holds_real(year_obj), request.POST)
    if not form.is_valid():
        return _batch_page(request, year_obj, found, form, 400)
    try:
        outcome = apply_batch(found, request.user)
    except StalePreview as exc:
        messages.error(request, str(exc))
        return redirect("results:upload", year=year_obj.year)
    if outcome.catalog_generated:
        messages.info(request, outcome.catalog_generated)
    messages.success(
        request,
        f"{outcome.file} är inläst: {outcome.added} nya, {outcome.changed} ändrade och "
        f"{outcome.unchanged} oförändrade värden. Inläsningen kan ångras under «Inläsningar».",
    )
    _other_years(request, year_obj, outcome.other_years)
    return redirect("results:dashboard", year=year_obj.year)


@analysts
@require_POST
def cancel(request: HttpRequest, year: int, batch: int) -> HttpResponse:
    year_obj = year_or_404(year)
    found = batch_or_404(year_obj, batch)
    cancel_batch(found, request.user)
    messages.info(request, f"Inläsningen av {found.name} är avbruten. Ingenting ändrades.")
    return redirect("results:upload", year=year_obj.year)


@analysts
@require_POST
def undo(request: HttpRequest, year: int, batch: int) -> HttpResponse:
    year_obj = year_or_404(year)
    found = batch_or_404(year_obj, batch)
    try:
        outcome = undo_batch(found, request.user)
    except NotUndoable as exc:
        messages.error(request, str(exc))
        return redirect("results:batch", year=year_obj.year, batch=found.pk)
    text = (
        f"Inläsningen av {found.name} är ångrad: {outcome.restored} värden är som före inläsningen."
    )
    if outcome.kept:
        text += f" {outcome.kept} värden hade ändrats senare och lämnades som de är."
    if outcome.catalog_restored:
        text += " Katalogen som genererades ur filen är borttagen."
    messages.success(request, text)
    return redirect("results:batches", year=year_obj.year)


@analysts
@require_safe
def batches(request: HttpRequest, year: int) -> HttpResponse:
    """Every import of the year, newest first, with the newest applied one undoable."""
    year_obj = year_or_404(year)
    found = list(
        ImportBatch.objects.filter(year=year_obj)
        .exclude(status=BatchStatus.CANCELLED)
        .select_related("imported_by", "undone_by", "created_by")
    )
    return render(
        request,
        "results/batches.html",
        {"year": year_obj, "rows": [(b, b.applied and undo_refusal(b) is None) for b in found]},
    )


@analysts
@require_safe
def changes_csv(request: HttpRequest, year: int, batch: int) -> HttpResponse:
    """Every value the batch adds or changes, old and new, for a spreadsheet."""
    year_obj = year_or_404(year)
    found = batch_or_404(year_obj, batch)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="inlasning-{year_obj.year}-{found.pk}.csv"'
    )
    response.write("\ufeff")
    writer = csv_writer(response, delimiter=";")
    writer.writerow(["indikator", "enhet", "slag", "före", "efter"])
    writer.writerows(change_rows(found))
    return response
