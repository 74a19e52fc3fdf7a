"""A user's role in the FoU unit's work, and for representatives their municipality."""

from __future__ import annotations

import enum
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models

from jamfor.registry.loader import load_registry


class Role(enum.StrEnum):
    """The three roles; a plain enum so that type checkers see it without Django's stubs."""

    ANALYST = "analyst"
    REPRESENTATIVE = "representative"
    READER = "reader"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ANALYST: "FoU-analytiker",
    Role.REPRESENTATIVE: "Kommunrepresentant",
    Role.READER: "Läsare",
}


RESPONDING_KINDS = ("kommun", "delomrade")
"""Units that answer the survey themselves (municipalities and city districts)."""


def kommun_code(name_or_code: str) -> str:
    """The kommunkod a user means by a name or code, or :class:`ValidationError`."""
    unit = load_registry().find(name_or_code)
    if unit is None or unit.kind not in RESPONDING_KINDS:
        raise ValidationError(
            f"«{name_or_code}» är ingen kommun. Ange kommunkoden (t.ex. 0125) eller namnet."
        )
    return unit.code


class Profile(models.Model):
    """The role that decides every access rule; Django's is_staff follows it.

    Only analysts reach the admin, so ``is_staff`` is kept equal to "is an
    analyst" (or a superuser) whenever the profile is saved.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name="användare",
    )
    role = models.CharField(
        "roll", max_length=20, choices=[(r.value, label) for r, label in ROLE_LABELS.items()]
    )
    kommun = models.CharField(
        "kommunkod",
        max_length=10,
        blank=True,
        help_text="Bara för kommunrepresentanter: kommunens kod, t.ex. 0125 för Ekerö.",
    )

    class Meta:
        verbose_name = "roll"
        verbose_name_plural = "roller"

    def __str__(self) -> str:
        where = f" ({self.kommun_name})" if self.kommun else ""
        return f"{self.get_role_display()}{where}"

    @property
    def kommun_name(self) -> str:
        unit = load_registry().units.get(self.kommun)
        return unit.name if unit else self.kommun

    def clean(self) -> None:
        if self.role == Role.REPRESENTATIVE:
            if not self.kommun.strip():
                raise ValidationError({"kommun": "En kommunrepresentant måste ha en kommun."})
            try:
                self.kommun = kommun_code(self.kommun)
            except ValidationError as exc:
                raise ValidationError({"kommun": exc.messages}) from None
        elif self.kommun:
            raise ValidationError(
                {"kommun": "Bara kommunrepresentanter har en kommun; lämna fältet tomt."}
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        staff = self.role == Role.ANALYST or self.user.is_superuser
        if self.user.is_staff != staff:
            self.user.is_staff = staff
            get_user_model().objects.filter(pk=self.user.pk).update(is_staff=staff)
