"""A year's work: its catalog and group, the municipalities' answers, the agreed readings.

Answers are stored as :mod:`jamfor.core.survey` normalises them — an option
code (``ja``), a number as text, ``vet-ej`` — keyed by question and part, so
the core's rules read them as they are.
"""

from __future__ import annotations

import datetime as dt
import enum
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone

from jamfor.catalog.areas import areas
from jamfor.catalog.loader import has_catalog, load_catalog, parse_catalog
from jamfor.catalog.model import Catalog
from jamfor.core.narrative import join_sv
from jamfor.core.problems import JamforError
from jamfor.registry.loader import load_registry, resolve_group
from jamfor.registry.model import Group
from jamfor.sources.kolada_catalog import bundled_kolada_catalog


def area_choices() -> list[tuple[str, str]]:
    return [(a.id, a.name) for a in areas()]


@lru_cache(maxsize=16)
def _stored_catalog(text: str) -> Catalog:
    return parse_catalog(text, "som är sparad för året")


def catalog_problem(text: str, year: int | None, area: str) -> str | None:
    """What is wrong with a catalog (YAML) stored for ``year`` and ``area``, or None.

    A year with a bundled catalog keeps it; an own catalog must parse and be
    for the year's area and year. The admin and the app's year form both ask here.
    """
    if not text.strip():
        return None
    if year and has_catalog(year, area):
        return f"{area} {year} har en medföljande katalog; lämna fältet tomt."
    try:
        own = parse_catalog(text, "i fältet")
    except JamforError as exc:
        return str(exc)
    if (own.area, own.year) != (area, year):
        return f"Katalogen gäller {own.area} {own.year}, inte {area} {year}."
    return None


class Year(models.Model):
    """One year of Öppna jämförelser as the FoU unit works with it.

    The catalog (area and year) gives the survey and the tables; ``group`` is
    the group of municipalities that answer and are compared, named as the CLI
    names it (``nordvast`` or "Solna, Sundbyberg, …"); the deadline closes the
    survey for editing.
    """

    year = models.PositiveIntegerField("år", unique=True)
    area = models.CharField("område", max_length=20, default="ekb", choices=area_choices)
    group = models.CharField(
        "grupp",
        max_length=500,
        default="nordvast",
        help_text="En medföljande grupp (nordvast) eller kommuner åtskilda med komma.",
    )
    deadline = models.DateField(
        "sista svarsdag",
        null=True,
        blank=True,
        help_text="Enkäten kan ändras till och med denna dag. Tom: ingen sista dag.",
    )
    catalog_text = models.TextField(
        "katalog (YAML)",
        blank=True,
        help_text="Bara för år utan medföljande katalog: en katalog från «jamfor katalog skapa» "
        "(granskad). Tom: katalogen genereras ur den första arbetsbok som läses in, annars ur "
        "Koladas nyckeltal för området.",
    )

    class Meta:
        ordering = ("-year",)
        verbose_name = "år"
        verbose_name_plural = "år"

    def __str__(self) -> str:
        return str(self.year)

    def clean(self) -> None:
        problem = catalog_problem(self.catalog_text, self.year, self.area)
        if problem is not None:
            raise ValidationError({"catalog_text": problem})
        try:
            resolve_group(load_registry(), self.group)
        except JamforError as exc:
            raise ValidationError({"group": str(exc)}) from None

    @property
    def catalog(self) -> Catalog:
        """The year's catalog: bundled, else the stored one, else Kolada's for the area.

        Reports use ``interpretations.catalog_for``, which puts the app's meetings in it.
        """
        if has_catalog(self.year, self.area):
            return load_catalog(self.year, self.area)
        if self.catalog_text.strip():
            return _stored_catalog(self.catalog_text)
        return bundled_kolada_catalog(self.area, self.year)

    @property
    def catalog_origin(self) -> str:
        """Where the year's catalog comes from, said to the analyst."""
        if has_catalog(self.year, self.area):
            return "medföljande (handskriven)"
        if self.catalog_text.strip():
            found = self.catalog.generated_from
            return f"genererad ur {found}" if found else "egen (inläst i jamfor)"
        return "genererad ur Koladas nyckeltal"

    @property
    def group_object(self) -> Group:
        return resolve_group(load_registry(), self.group)

    def is_open(self, today: dt.date | None = None) -> bool:
        """Whether answers may still be changed (until the end of the deadline day)."""
        if self.deadline is None:
            return True
        return (today or timezone.localdate()) <= self.deadline


def year_or_404(year: int) -> Year:
    """The year, or a "not found" page that says which year is missing."""
    found = Year.objects.filter(year=year).first()
    if found is None:
        raise Http404(f"Året {year} finns inte i jamfor.")
    return found


class Status(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {Status.DRAFT: "Utkast", Status.SUBMITTED: "Klar"}


class Response(models.Model):
    """A municipality's answers for a year: a draft until its representative marks it done."""

    year = models.ForeignKey(Year, on_delete=models.CASCADE, related_name="responses")
    kommun = models.CharField("kommunkod", max_length=10)
    status = models.CharField(
        "status",
        max_length=20,
        choices=[(s.value, label) for s, label in STATUS_LABELS.items()],
        default=Status.DRAFT.value,
    )
    updated_at = models.DateTimeField("senast sparad", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="sparad av",
    )
    submitted_at = models.DateTimeField("markerad klar", null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("year", "kommun"), name="one_response_per_kommun"),
        )
        verbose_name = "enkätsvar"
        verbose_name_plural = "enkätsvar"

    def __str__(self) -> str:
        unit = load_registry().units.get(self.kommun)
        return f"{unit.name if unit else self.kommun} {self.year.year}"


class Answer(models.Model):
    """One answer: to a question, or to one part (row) of a grid question."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField("fråga", max_length=10)
    part = models.CharField("del", max_length=40, blank=True, default="")
    value = models.CharField("svar", max_length=200)
    detail = models.CharField("precisering", max_length=500, blank=True, default="")

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("response", "question", "part"), name="one_answer_per_question_part"
            ),
        )
        verbose_name = "svar"
        verbose_name_plural = "svar"

    def __str__(self) -> str:
        return f"{self.question}{'/' + self.part if self.part else ''}: {self.value}"


class Comment(models.Model):
    """A municipality's comment on a question."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    question = models.CharField("fråga", max_length=10)
    text = models.TextField("kommentar")

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("response", "question"), name="one_comment_per_question"
            ),
        )
        verbose_name = "kommentar"
        verbose_name_plural = "kommentarer"

    def __str__(self) -> str:
        return f"{self.question}: {self.text[:40]}"


class Meeting(models.Model):
    """A quality meeting where the group agreed how to read survey questions."""

    year = models.ForeignKey(Year, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField("datum")
    title = models.CharField("rubrik", max_length=200, default="Mötet om kvalitetssäkring")
    participants = models.TextField(
        "deltagare", blank=True, help_text="Vilka som deltog, t.ex. en per rad."
    )

    class Meta:
        ordering = ("date", "id")
        verbose_name = "möte"
        verbose_name_plural = "möten"

    def __str__(self) -> str:
        return meeting_name(self.title, self.date)


class Interpretation(models.Model):
    """A reading of one or more questions agreed at a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="interpretations")
    questions = models.CharField(
        "frågor",
        max_length=100,
        help_text="Frågornas nummer åtskilda med komma, t.ex. 4, 4a.",
    )
    heading = models.CharField("rubrik", max_length=200, blank=True)
    text = models.TextField(
        "tolkning",
        help_text="Stycken skiljs med en tom rad; rader som börjar med - blir en punktlista.",
    )
    position = models.PositiveIntegerField("ordning", default=0)

    class Meta:
        ordering = ("position", "id")
        verbose_name = "tolkning"
        verbose_name_plural = "tolkningar"

    def __str__(self) -> str:
        return interpretation_name(self.heading, self.questions)

    @property
    def question_ids(self) -> tuple[str, ...]:
        return question_ids(self.questions)

    def clean(self) -> None:
        """The questions must exist in the year's survey; the heading defaults to their numbers."""
        ids = self.question_ids
        if not ids:
            raise ValidationError({"questions": "Ange minst en fråga, t.ex. 4 eller 4, 4a."})
        try:
            year = self.meeting.year
        except (Meeting.DoesNotExist, Year.DoesNotExist):
            return  # the meeting form has its own errors; nothing to check against yet
        survey = year.catalog.survey
        if survey is None:
            raise ValidationError(
                f"Katalogen för {year.year} har ingen enkät; tolkningar gäller enkätens frågor."
            )
        known = {q.id for q in survey.questions}
        unknown = [q for q in ids if q not in known]
        if unknown:
            raise ValidationError(
                {"questions": f"Enkäten {year.year} har ingen fråga {join_sv(unknown)}."}
            )
        self.questions = ", ".join(ids)
        if not self.heading.strip():
            self.heading = "Fråga " + join_sv(list(ids))


def meeting_name(title: str, date: dt.date) -> str:
    """A meeting as the pages and the report name it (also for rows read without a model)."""
    return f"{title} {date.isoformat()}"


def interpretation_name(heading: str, questions: str) -> str:
    return heading or f"Fråga {questions}"


def question_ids(text: str) -> tuple[str, ...]:
    """The question numbers in "4, 4a" or "4 och 4a" as the survey writes them."""
    cleaned = text.replace(" och ", ",").replace(";", ",")
    return tuple(dict.fromkeys(q.strip().lower() for q in cleaned.split(",") if q.strip()))


def meeting_or_404(year: Year, pk: int) -> Meeting:
    found = Meeting.objects.filter(year=year, pk=pk).first()
    if found is None:
        raise Http404(f"Mötet finns inte bland mötena {year.year}.")
    return found
