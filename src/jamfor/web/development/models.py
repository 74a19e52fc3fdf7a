"""The development work that follows a year's results, as FoU-Nordväst's working model runs it.

A :class:`Cycle` belongs to a year (and so to its area and group) and passes
through seven phases (:class:`Phase`): the result meeting picks at least three
development areas (:class:`Area`) from the results; each municipality answers
the area's questions (:class:`Question`) in writing, with its own statistics;
FoU compiles a knowledge report and publishes it; the group takes a joint
position; the chief officers decide (:class:`Decision`, with a timetable of
:class:`Milestone`); each municipality writes its action plan; follow-up
meetings (:class:`FollowUp`) come at the decided times.

What a municipality hands in is a :class:`Submission`: a draft it may change
as often as it likes, and numbered :class:`SubmissionVersion` rows, one per
time it is sent in. A version is never changed or deleted by the app, so no
submitted text is ever silently overwritten; the analyst sees every version.
"""

from __future__ import annotations

import datetime as dt
import enum

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import timezone

from jamfor.registry.loader import load_registry
from jamfor.web.survey.models import Year


class Phase(enum.StrEnum):
    """The working model's steps, in order."""

    RESULTATMOTE = "resultatmote"
    FRAGOR = "fragor"
    KUNSKAP = "kunskap"
    STALLNINGSTAGANDE = "stallningstagande"
    BESLUT = "beslut"
    HANDLINGSPLANER = "handlingsplaner"
    UPPFOLJNING = "uppfoljning"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]

    @property
    def date_field(self) -> str:
        """The :class:`Cycle` field holding the phase's planned date."""
        return f"date_{self.value}"


PHASE_LABELS = {
    Phase.RESULTATMOTE: "Resultatmöte",
    Phase.FRAGOR: "Frågor till kommunerna",
    Phase.KUNSKAP: "Kunskapssammanställning",
    Phase.STALLNINGSTAGANDE: "Gemensamt ställningstagande",
    Phase.BESLUT: "Beslut",
    Phase.HANDLINGSPLANER: "Handlingsplaner",
    Phase.UPPFOLJNING: "Uppföljning",
}


class Cycle(models.Model):
    """One year's development work: its phases' planned dates and what has been done."""

    year = models.OneToOneField(Year, on_delete=models.CASCADE, related_name="cycle")
    date_resultatmote = models.DateField("resultatmöte", null=True, blank=True)
    date_fragor = models.DateField(
        "kommunernas svar senast",
        null=True,
        blank=True,
        help_text="Gäller de utvecklingsområden som inte har en egen sista dag.",
    )
    date_kunskap = models.DateField("kunskapssammanställningen klar", null=True, blank=True)
    date_stallningstagande = models.DateField(
        "möte om gemensamt ställningstagande", null=True, blank=True
    )
    date_beslut = models.DateField("beslut i socialchefsgruppen", null=True, blank=True)
    date_handlingsplaner = models.DateField("handlingsplaner klara", null=True, blank=True)
    date_uppfoljning = models.DateField("första uppföljningen", null=True, blank=True)
    position_date = models.DateField("datum för ställningstagandet", null=True, blank=True)
    position_text = models.TextField("gemensamt ställningstagande", blank=True)
    published_at = models.DateTimeField(
        "kunskapssammanställningen publicerad", null=True, blank=True
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="publicerad av",
    )
    created_at = models.DateTimeField("startad", default=timezone.now)

    class Meta:
        ordering = ("-year__year",)
        verbose_name = "utvecklingsarbete"
        verbose_name_plural = "utvecklingsarbeten"

    def __str__(self) -> str:
        return f"Utvecklingsarbetet {self.year.year}"

    def planned(self, phase: Phase) -> dt.date | None:
        value: dt.date | None = getattr(self, phase.date_field)
        return value

    @property
    def published(self) -> bool:
        return self.published_at is not None


def cycle_or_404(year: int) -> Cycle:
    """The year's development work, or a "not found" page that says what is missing."""
    found = Cycle.objects.select_related("year").filter(year__year=year).first()
    if found is None:
        raise Http404(f"Utvecklingsarbetet för {year} är inte startat.")
    return found


class Area(models.Model):
    """A development area: picked from the results, with the need behind it.

    ``indicators`` are catalog ids of the year's indicators the area concerns;
    ``origin`` keeps why the results proposed it, as it read when picked.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="areas")
    position = models.PositiveIntegerField("ordning", default=0)
    name = models.CharField("namn", max_length=200)
    need = models.TextField(
        "behov",
        blank=True,
        help_text="Behovet som ligger till grund för området, och vad gruppen vill veta mer om.",
    )
    indicators = models.JSONField("indikatorer", default=list, blank=True)
    origin = models.TextField("underlag ur resultaten", blank=True)
    answers_due = models.DateField(
        "svar senast",
        null=True,
        blank=True,
        help_text="Tom: utvecklingsarbetets gemensamma sista dag för svar.",
    )
    statistics_requested = models.BooleanField("begär klientstatistik", default=False)
    statistics_codes = models.CharField(
        "orsakskoder",
        max_length=200,
        blank=True,
        help_text="Orsakskoderna statistiken gäller, t.ex. 021, 022, 023. Tom: alla koder.",
    )
    statistics_period = models.CharField(
        "vad statistiken ska avse",
        max_length=200,
        blank=True,
        help_text="Till exempel: alla beslut i oktober 2015.",
    )
    statistics_min_cell = models.PositiveSmallIntegerField(
        "minsta redovisade antal",
        null=True,
        blank=True,
        help_text="Röjandeskydd: antal under detta visas som «<N». Tom: inget röjandeskydd.",
    )
    research = models.TextField("forskning och annan kunskap", blank=True)
    analysis = models.TextField("FoU:s analys", blank=True)
    proposals = models.TextField("FoU:s förslag", blank=True)

    class Meta:
        ordering = ("position", "id")
        verbose_name = "utvecklingsområde"
        verbose_name_plural = "utvecklingsområden"

    def __str__(self) -> str:
        return self.name

    def due(self) -> dt.date | None:
        """The day the municipalities' answers are due."""
        return self.answers_due or self.cycle.date_fragor


def area_or_404(cycle: Cycle, pk: int) -> Area:
    found = Area.objects.filter(cycle=cycle, pk=pk).select_related("cycle__year").first()
    if found is None:
        raise Http404(f"Utvecklingsområdet finns inte i utvecklingsarbetet {cycle.year.year}.")
    return found


class Question(models.Model):
    """A question to every municipality about a development area, answered in free text."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField("ordning", default=0)
    text = models.TextField("fråga")

    class Meta:
        ordering = ("position", "id")
        verbose_name = "fråga till kommunerna"
        verbose_name_plural = "frågor till kommunerna"

    def __str__(self) -> str:
        return self.text[:80]


class AreaSeries(models.Model):
    """Monthly (or quarterly) statistics an analyst attaches to a development area.

    The series is stored as read — ``values`` holds ``[kommunkod, period,
    value]`` rows for the group's members, the value as text or null — so the
    knowledge report never fetches anything and shows what the analyst saw.
    ``origin`` says where it came from: an uploaded file (only its name is
    kept) or a PxWeb table (its address and the saved query).
    """

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="series")
    position = models.PositiveIntegerField("ordning", default=0)
    title = models.CharField("rubrik", max_length=300)
    origin = models.CharField(
        "ursprung", max_length=10, choices=[("fil", "Fil"), ("pxweb", "PxWeb")]
    )
    file_name = models.CharField("filnamn", max_length=255, blank=True)
    pxweb_url = models.CharField("tabellens adress i PxWeb", max_length=1000, blank=True)
    pxweb_query = models.JSONField("sparad fråga", null=True, blank=True)
    name = models.CharField("serie", max_length=300)
    unit = models.CharField("måttenhet", max_length=100, blank=True)
    source = models.CharField("källa", max_length=1000, blank=True)
    values = models.JSONField("värden", default=list)
    created_at = models.DateTimeField("tillagd", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tillagd av",
    )

    class Meta:
        ordering = ("position", "id")
        verbose_name = "serie över tid"
        verbose_name_plural = "serier över tid"

    def __str__(self) -> str:
        return self.title


class Kind(enum.StrEnum):
    """What a submission holds; a plain enum so that type checkers see it without Django's stubs."""

    ANSWERS = "svar"
    PLAN = "handlingsplan"


KIND_LABELS = {Kind.ANSWERS: "Svar på frågorna", Kind.PLAN: "Handlingsplan"}


class Submission(models.Model):
    """What one municipality hands in: its answers about an area, or its action plan.

    ``draft`` is the working copy (saved by the page and its autosave);
    sending it in adds a :class:`SubmissionVersion`. Others only ever see
    versions, never the draft. An area or a submission with something sent in
    cannot be deleted on its own (RESTRICT); only the whole cycle can go.
    """

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="submissions")
    kind = models.CharField(
        "slag", max_length=20, choices=[(k.value, label) for k, label in KIND_LABELS.items()]
    )
    area = models.ForeignKey(
        Area, on_delete=models.RESTRICT, null=True, blank=True, related_name="submissions"
    )
    kommun = models.CharField("kommunkod", max_length=10)
    draft = models.JSONField("utkast", null=True, blank=True)
    draft_saved_at = models.DateTimeField("utkastet sparat", null=True, blank=True)
    draft_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="sparat av",
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("cycle", "area", "kommun"),
                condition=models.Q(kind="svar"),
                name="one_answer_submission_per_area_and_kommun",
            ),
            models.UniqueConstraint(
                fields=("cycle", "kommun"),
                condition=models.Q(kind="handlingsplan"),
                name="one_plan_per_kommun",
            ),
        )
        verbose_name = "inlämning"
        verbose_name_plural = "inlämningar"

    def __str__(self) -> str:
        unit = load_registry().units.get(self.kommun)
        who = unit.name if unit else self.kommun
        what = f"svar om «{self.area}»" if self.area_id else "handlingsplan"
        return f"{who}: {what} ({self.cycle.year.year})"

    def latest(self) -> SubmissionVersion | None:
        return self.versions.order_by("-number").first()


class SubmissionVersion(models.Model):
    """One sending-in, kept as it was sent: never changed, never deleted by the app."""

    submission = models.ForeignKey(Submission, on_delete=models.RESTRICT, related_name="versions")
    number = models.PositiveIntegerField("version")
    content = models.JSONField("innehåll")
    submitted_at = models.DateTimeField("inskickad", default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="inskickad av",
    )

    class Meta:
        ordering = ("submission", "-number")
        constraints = (
            models.UniqueConstraint(
                fields=("submission", "number"), name="one_version_number_per_submission"
            ),
        )
        verbose_name = "inskickad version"
        verbose_name_plural = "inskickade versioner"

    def __str__(self) -> str:
        return f"{self.submission}, version {self.number}"


class PlanStatus(enum.StrEnum):
    """Where a municipality's action plan stands, as its representative reports it."""

    PLANNED = "planerad"
    ONGOING = "pagar"
    DONE = "genomford"
    PAUSED = "pausad"

    @property
    def label(self) -> str:
        return PLAN_STATUS_LABELS[self]


PLAN_STATUS_LABELS = {
    PlanStatus.PLANNED: "Planerad",
    PlanStatus.ONGOING: "Pågår",
    PlanStatus.DONE: "Genomförd",
    PlanStatus.PAUSED: "Pausad",
}


class Decision(models.Model):
    """What the chief officers' group decided: which areas, when, and in what words."""

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="decision")
    body = models.CharField("beslutande organ", max_length=200, default="Socialchefsgruppen")
    date = models.DateField("datum")
    text = models.TextField("beslut")
    areas = models.ManyToManyField(
        Area, blank=True, related_name="decisions", verbose_name="beslutade utvecklingsområden"
    )

    class Meta:
        verbose_name = "beslut"
        verbose_name_plural = "beslut"

    def __str__(self) -> str:
        return f"{self.body} {self.date.isoformat()}"


class Milestone(models.Model):
    """A step in the decided timetable, with the municipality or person responsible."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="milestones")
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name="utvecklingsområde",
    )
    title = models.CharField("milstolpe", max_length=300)
    due = models.DateField("klart senast")
    kommun = models.CharField("ansvarig kommun", max_length=10, blank=True)
    person = models.CharField("ansvarig person eller grupp", max_length=200, blank=True)
    done_on = models.DateField("klar den", null=True, blank=True)

    class Meta:
        ordering = ("due", "id")
        verbose_name = "milstolpe"
        verbose_name_plural = "milstolpar"

    def __str__(self) -> str:
        return f"{self.title} ({self.due.isoformat()})"

    @property
    def responsible(self) -> str:
        """Who answers for the milestone, as the timetable prints it."""
        names = []
        if self.kommun:
            unit = load_registry().units.get(self.kommun)
            names.append(unit.name if unit else self.kommun)
        if self.person:
            names.append(self.person)
        return ", ".join(names)


class FollowUp(models.Model):
    """A follow-up meeting at a decided time, with its notes."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="followups")
    date = models.DateField("datum")
    participants = models.TextField("deltagare", blank=True)
    notes = models.TextField("anteckningar")

    class Meta:
        ordering = ("date", "id")
        verbose_name = "uppföljningsmöte"
        verbose_name_plural = "uppföljningsmöten"

    def __str__(self) -> str:
        return f"Uppföljningsmöte {self.date.isoformat()}"
