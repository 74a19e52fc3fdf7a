"""One record per write: who, when, what, and the changed values as JSON."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


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

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = "loggpost"
        verbose_name_plural = "logg"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.summary}"
