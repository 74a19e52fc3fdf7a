"""Imported results: one row per unit, indicator and role, as :class:`Dataset` holds them.

A year's values are what its imported files said; the group means published
with them (``Snitt i Nordväst``) are kept apart, to be compared with and never
counted from, exactly as :mod:`jamfor.core.dataset` keeps them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jamfor.web.survey.models import Year


class Role(models.TextChoices):
    ANSWER = "answer", "Kommunens värde"
    REFERENCE = "reference", "Publicerat värde för jämförelseenhet"


class ImportedFile(models.Model):
    """A file whose values are stored: recognised again by its content if imported twice."""

    year = models.ForeignKey(Year, on_delete=models.CASCADE, related_name="imported_files")
    name = models.CharField("fil", max_length=255)
    sha256 = models.CharField("kontrollsumma", max_length=64)
    size = models.PositiveIntegerField("storlek (byte)")
    synthetic = models.BooleanField("påhittade data", default=False)
    imported_at = models.DateTimeField("inläst")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inläst av",
    )

    class Meta:
        ordering = ("-imported_at",)
        constraints = (
            models.UniqueConstraint(fields=("year", "sha256"), name="one_import_per_content"),
        )
        verbose_name = "inläst fil"
        verbose_name_plural = "inlästa filer"

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


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
