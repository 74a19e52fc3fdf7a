"""One record per write: who, when, what, and the changed values as JSON."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

DRAFT_ACTIONS = ("enkät.", "utveckling.")
"""Prefixes of the frequent writes (survey and development-work drafts) that never change a
report."""


def can_change_results(action: str) -> bool:
    """Whether a write of this kind can change a report (and so the dashboard's cached copy)."""
    return not action.startswith(DRAFT_ACTIONS)


class AuditRecord(models.Model):
    """A write as it happened; never edited, never deleted through the app.

    ``actor_name`` keeps the name even if the user is later removed, and
    names the command line when no user made the change.
    """

    at = models.DateTimeField("tidpunkt", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="användare",
    )
    actor_name = models.CharField("vem", max_length=150)
    action = models.CharField("händelse", max_length=50, db_index=True)
    summary = models.CharField("beskrivning", max_length=500)
    target_type = models.CharField("gäller", max_length=50)
    target_id = models.CharField("id", max_length=100, blank=True)
    before = models.JSONField("före", null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField("efter", null=True, blank=True, encoder=DjangoJSONEncoder)
    touches_results = models.BooleanField(
        "kan ändra resultaten",
        default=True,
        editable=False,
        help_text="Falskt för utkast (enkät och utvecklingsarbete); satt från händelsen.",
    )
    """Set from ``action`` on save. A column, not a condition on ``action``: the index below
    then needs no parameter, and SQLite uses a partial index only when the query's terms match
    its condition literally (PostgreSQL would have managed either way). True by default: a record
    restored from an older backup then counts, which at worst renews the dashboard's cache once
    more."""

    class Meta:
        ordering = ("-at", "-id")
        indexes = (
            # The dashboard asks on every request for the newest write that can change the
            # results; autosaves add a row each, so without this it would read the whole log.
            models.Index(
                fields=["id"], condition=models.Q(touches_results=True), name="audit_results_latest"
            ),
        )
        verbose_name = "loggpost"
        verbose_name_plural = "logg"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.touches_results = can_change_results(self.action)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.summary}"
