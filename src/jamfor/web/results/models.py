"""Imported results: one row per unit, indicator and role, as :class:`Dataset` holds them.

A year's values are what its imported files said; the group means published
with them (``Snitt i Nordväst``) are kept apart, to be compared with and never
counted from, exactly as :mod:`jamfor.core.dataset` keeps them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from jamfor.web.survey.models import Year


class Role(models.TextChoices):
    ANSWER = "answer", "Kommunens värde"
    REFERENCE = "reference", "Publicerat värde för jämförelseenhet"


class BatchStatus(models.TextChoices):
    PREVIEW = "preview", "Förhandsvisad, inte inläst"
    APPLIED = "applied", "Inläst"
    UNDONE = "undone", "Ångrad"
    CANCELLED = "cancelled", "Avbruten"


class ImportBatch(models.Model):
    """One file's import: previewed, then applied on confirmation, and undoable.

    An upload is first read and compared with what is stored (a preview: the
    :class:`BatchChange` rows say what would be added and changed, old → new);
    nothing is written to the results until the analyst confirms. An applied
    batch keeps those rows, so undoing it puts back the values it replaced.
    Batches of a year are undone newest first. ``legacy`` marks files imported
    before batches existed: their earlier values were not kept, so they cannot
    be undone.
    """

    year = models.ForeignKey(Year, on_delete=models.CASCADE, related_name="import_batches")
    name = models.CharField("fil", max_length=255)
    sha256 = models.CharField("kontrollsumma", max_length=64)
    size = models.PositiveIntegerField("storlek (byte)")
    synthetic = models.BooleanField("syntetiska data", default=False)
    status = models.CharField(
        "status", max_length=20, choices=BatchStatus.choices, default=BatchStatus.PREVIEW
    )
    created_at = models.DateTimeField("förhandsvisad", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="förhandsvisad av",
    )
    imported_at = models.DateTimeField("inläst", null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inläst av",
    )
    undone_at = models.DateTimeField("ångrad", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ångrad av",
    )
    added = models.PositiveIntegerField("nya värden", default=0)
    changed = models.PositiveIntegerField("ändrade värden", default=0)
    unchanged = models.PositiveIntegerField("oförändrade värden", default=0)
    other_years = models.PositiveIntegerField("värden för andra år", default=0)
    catalog_before = models.TextField("årets katalog före inläsningen", blank=True)
    catalog_generated = models.TextField("katalog genererad ur filen", blank=True)
    legacy = models.BooleanField("inläst före ångra-funktionen", default=False)

    class Meta:
        ordering = ("-imported_at", "-created_at", "-id")
        verbose_name = "inläsning"
        verbose_name_plural = "inläsningar"

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    @property
    def applied(self) -> bool:
        return self.status == BatchStatus.APPLIED


class ChangeKind(models.TextChoices):
    VALUE = "value", "Värde"
    MEAN = "mean", "Publicerat snitt"


class BatchChange(models.Model):
    """A cell an import adds or changes: where, the value before (None: new) and after.

    For a published mean ``unit`` holds its label («Snitt i Nordväst») and
    ``role`` is empty. ``old_source``, ``old_imported_at`` and ``old_batch``
    are what the cell said about its origin before, put back on undo.
    """

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("slag", max_length=10, choices=ChangeKind.choices)
    unit = models.CharField("enhet", max_length=200)
    indicator = models.CharField("indikator", max_length=100)
    role = models.CharField("roll", max_length=20, blank=True)
    old_value = models.CharField("före", max_length=200, null=True, blank=True)
    new_value = models.CharField("efter", max_length=200)
    old_source = models.CharField("källa före", max_length=255, blank=True)
    old_imported_at = models.DateTimeField("inläst före", null=True, blank=True)
    old_batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inläsning före",
    )

    class Meta:
        indexes = (models.Index(fields=("batch", "indicator")),)
        verbose_name = "ändring vid inläsning"
        verbose_name_plural = "ändringar vid inläsning"

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator}: {self.old_value} → {self.new_value}"


class ResultValue(models.Model):
    """A unit's value for an indicator in a year, as the catalog spells it."""

    year = models.ForeignKey(Year, on_delete=models.CASCADE, related_name="result_values")
    unit = models.CharField("enhet", max_length=10)
    indicator = models.CharField("indikator", max_length=100)
    value = models.CharField("värde", max_length=200)
    role = models.CharField("slag", max_length=20, choices=Role.choices, default=Role.ANSWER)
    source = models.CharField("källa", max_length=255)
    imported_at = models.DateTimeField("inläst")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inläst av",
    )

    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inläsning",
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("year", "unit", "indicator", "role"), name="one_value_per_cell"
            ),
        )
        indexes = (models.Index(fields=("year", "indicator")),)
        verbose_name = "resultatvärde"
        verbose_name_plural = "resultatvärden"

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator} {self.year}: {self.value}"


class PublishedMean(models.Model):
    """A group figure published with the input ("Snitt i Nordväst"): compared, never used."""

    year = models.ForeignKey(Year, on_delete=models.CASCADE, related_name="published_means")
    label = models.CharField("rubrik", max_length=200)
    indicator = models.CharField("indikator", max_length=100)
    value = models.CharField("värde", max_length=200)
    source = models.CharField("källa", max_length=255)
    imported_at = models.DateTimeField("inläst")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inläst av",
    )

    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inläsning",
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("year", "label", "indicator"), name="one_published_mean_per_cell"
            ),
        )
        verbose_name = "publicerat snitt"
        verbose_name_plural = "publicerade snitt"

    def __str__(self) -> str:
        return f"{self.label} {self.indicator} {self.year}: {self.value}"


class BuildStatus(models.TextChoices):
    QUEUED = "queued", "I kö"
    RUNNING = "running", "Byggs"
    DONE = "done", "Klar"
    FAILED = "failed", "Misslyckades"


class ReportBuild(models.Model):
    """A report file built outside the request that asked for it (see ``results.builds``).

    A PDF or Word report takes seconds to build; the request that asks for one
    records a build and answers at once, the file is built in the background,
    and the page asking for it shows progress until it can be downloaded. A
    finished file is kept for the same data (``version``), so the next person
    asking gets it at once.
    """

    kind = models.CharField("rapport", max_length=20)
    year = models.ForeignKey(Year, on_delete=models.CASCADE, related_name="report_builds")
    fmt = models.CharField("format", max_length=10)
    version = models.CharField("dataversion", max_length=100)
    status = models.CharField(
        "status", max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    content = models.BinaryField("fil", null=True, blank=True)
    error = models.TextField("fel", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beställd av",
    )
    created_at = models.DateTimeField("beställd", default=timezone.now)
    started_at = models.DateTimeField("påbörjad", null=True, blank=True)
    finished_at = models.DateTimeField("klar", null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = "rapportbygge"
        verbose_name_plural = "rapportbyggen"
        indexes = (models.Index(fields=("kind", "year", "fmt", "version")),)

    def __str__(self) -> str:
        return f"{self.kind} {self.year.year} ({self.fmt})"
