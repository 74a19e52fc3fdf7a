"""The development work's forms, Swedish labels and messages, rendered with Django's accessible markup.

Django 5.2 ties every field's help text and errors to it with
``aria-describedby`` and marks invalid fields with ``aria-invalid``; choice
lists are fieldsets with a legend. The templates add an error summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError

from jamfor.catalog.model import Catalog
from jamfor.catalog.reason_codes import load_reason_codes
from jamfor.core.candidates import DEFAULT_THRESHOLD
from jamfor.core.problems import JamforError
from jamfor.registry.model import Unit
from jamfor.web.development.models import (
    PLAN_STATUS_LABELS,
    Area,
    Cycle,
    Decision,
    FollowUp,
    Milestone,
    Phase,
    PlanStatus,
    Question,
)
from jamfor.web.identity_guard import GuardedForm, GuardedModelForm
from jamfor.web.number_fields import SwedishDecimalField

TEXT_MAX = 20000
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_widgets(*names: str) -> dict[str, forms.Widget]:
    return dict.fromkeys(names, DATE)


class PlanningForm(GuardedModelForm):
    """The planned date of each phase."""

    class Meta:
        model = Cycle
        fields = tuple(p.date_field for p in Phase)
        widgets: ClassVar[dict[str, forms.Widget]] = _date_widgets(*(p.date_field for p in Phase))


class ThresholdForm(GuardedForm, forms.Form):
    troskel = SwedishDecimalField(
        label="Tröskel i procentenheter",
        help_text="Hur mycket sämre än riket eller länet gruppen ska vara för att en indikator "
        "ska föreslås.",
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=1,
        initial=DEFAULT_THRESHOLD,
    )


class PickForm(GuardedForm, forms.Form):
    """The candidates the analyst picks as development areas."""

    valda = forms.MultipleChoiceField(
        label="Välj utvecklingsområden",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Välj minst ett förslag."},
    )

    def __init__(self, choices: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["valda"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(choices)


def indicator_choices(catalog: Catalog) -> list[tuple[str, list[tuple[str, str]]]]:
    """The catalog's indicators grouped by table, for a checkbox list."""
    return [
        (f"Tabell {t.id}. {t.title}", [(i.id, i.label) for i in t.indicators])
        for t in catalog.tables
    ]


class AreaForm(GuardedModelForm):
    indicators = forms.MultipleChoiceField(
        label="Indikatorer som området gäller",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Area
        fields = (
            "name",
            "need",
            "indicators",
            "answers_due",
            "statistics_requested",
            "statistics_codes",
            "statistics_period",
            "statistics_min_cell",
        )
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "need": forms.Textarea(attrs={"rows": 5}),
            "answers_due": DATE,
        }

    def __init__(self, catalog: Catalog, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicators"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = indicator_choices(catalog)
        self.fields["need"].required = True
        self.fields["need"].error_messages["required"] = "Beskriv behovet bakom området."
        self.fields["name"].error_messages["required"] = "Ge området ett namn."
        self.fields["statistics_min_cell"].validators.append(_at_least_two)

    def clean_statistics_codes(self) -> str:
        text = str(self.cleaned_data.get("statistics_codes", "")).replace(";", ",")
        wanted = [c.strip() for c in text.split(",") if c.strip()]
        if not wanted:
            return ""
        try:
            return ", ".join(load_reason_codes().select(wanted))
        except JamforError as exc:
            raise ValidationError(str(exc)) from None


def _at_least_two(value: int | None) -> None:
    if value is not None and value < 2:
        raise ValidationError("Minsta redovisade antal är 2 eller mer; lämna tomt för inget skydd.")


class AnalysisForm(GuardedModelForm):
    class Meta:
        model = Area
        fields = ("research", "analysis", "proposals")
        widgets: ClassVar[dict[str, forms.Widget]] = {
            name: forms.Textarea(attrs={"rows": 8}) for name in fields
        }
        help_texts: ClassVar[dict[str, str]] = {
            "research": "Vad forskningen och annan kunskap säger om området.",
            "analysis": "FoU:s analys av resultaten, kommunernas svar och kunskapen.",
            "proposals": "FoU:s förslag till gruppen.",
        }


class QuestionForm(GuardedModelForm):
    class Meta:
        model = Question
        fields = ("text",)
        labels: ClassVar[dict[str, str]] = {"text": "Ny fråga"}
        widgets: ClassVar[dict[str, forms.Widget]] = {"text": forms.Textarea(attrs={"rows": 2})}
        error_messages: ClassVar[dict[str, dict[str, str]]] = {
            "text": {"required": "Skriv frågan."}
        }


def answer_field(question_pk: int) -> str:
    return f"svar-{question_pk}"


class AnswersForm(GuardedForm, forms.Form):
    """One text box per question of the area; every answer may be empty in a draft."""

    grund = forms.CharField(widget=forms.HiddenInput, required=False)
    """The answers as the page was loaded, signed (see :mod:`jamfor.web.concurrent_edits`)."""

    def __init__(self, questions: Sequence[Question], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for i, q in enumerate(self.questions, start=1):
            self.fields[answer_field(q.pk)] = forms.CharField(
                label=f"{i}. {q.text}",
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    def answers(self) -> dict[str, str]:
        return {
            str(q.pk): str(self.cleaned_data.get(answer_field(q.pk), "")).strip()
            for q in self.questions
        }


class StatisticsForm(GuardedForm, forms.Form):
    file = forms.FileField(
        label="Fil med beslut (CSV eller Excel)",
        help_text="En rad per beslut: kommun, orsakskod, kon, alder eller fodelsear, "
        "barn_i_hushallet, ev. arende_id och manad. Inga personnummer – en fil med "
        "personnummer avvisas och sparas inte.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.xlsm"}),
        error_messages={"required": "Välj en fil med beslut."},
    )


class PositionForm(GuardedModelForm):
    class Meta:
        model = Cycle
        fields = ("position_date", "position_text")
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "position_date": DATE,
            "position_text": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts: ClassVar[dict[str, str]] = {
            "position_text": "Vilka utvecklingsområden gruppen vill arbeta med och varför, "
            "motiverat utifrån insamlade data och situationen i kommunerna.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position_date"].required = True
        self.fields["position_text"].required = True


class DecisionForm(GuardedModelForm):
    class Meta:
        model = Decision
        fields = ("body", "date", "text", "areas")
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "date": DATE,
            "text": forms.Textarea(attrs={"rows": 6}),
            "areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, cycle: Cycle, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = self.fields["areas"]
        assert isinstance(areas, forms.ModelMultipleChoiceField)
        areas.queryset = cycle.areas.all()


class MilestoneForm(GuardedModelForm):
    kommun = forms.ChoiceField(label="Ansvarig kommun", required=False)

    class Meta:
        model = Milestone
        fields = ("title", "area", "due", "kommun", "person", "done_on")
        widgets: ClassVar[dict[str, forms.Widget]] = _date_widgets("due", "done_on")
        help_texts: ClassVar[dict[str, str]] = {
            "person": "En person, en tjänst eller en grupp, t.ex. FoU-Nordväst.",
            "done_on": "Fyll i när milstolpen är nådd.",
        }

    def __init__(self, cycle: Cycle, members: Sequence[Unit], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = cycle.areas.all()
        area.empty_label = "Hela utvecklingsarbetet"
        kommun = self.fields["kommun"]
        assert isinstance(kommun, forms.ChoiceField)
        kommun.choices = [("", "Ingen kommun"), *((u.code, u.name) for u in members)]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not cleaned.get("kommun") and not str(cleaned.get("person", "")).strip():
            self.add_error(
                "person", "Ange vem som är ansvarig: en kommun, en person eller en grupp."
            )
        return cleaned


class PlanForm(GuardedForm, forms.Form):
    grund = forms.CharField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label="Kommunens handlingsplan",
        help_text="Vad kommunen ska göra inom de beslutade utvecklingsområdena, när och av vem.",
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[(s.value, label) for s, label in PLAN_STATUS_LABELS.items()],
        initial=PlanStatus.PLANNED.value,
        widget=forms.RadioSelect,
    )


class FollowUpForm(GuardedModelForm):
    class Meta:
        model = FollowUp
        fields = ("date", "participants", "notes")
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "date": DATE,
            "participants": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages: ClassVar[dict[str, dict[str, str]]] = {
            "notes": {"required": "Skriv anteckningar från mötet."},
            "date": {"required": "Ange mötets datum."},
        }


class _SeriesNaming(GuardedForm, forms.Form):
    """Which series to take, and its heading in the knowledge report (both forms ask the same)."""

    serie = forms.CharField(
        label="Serie",
        required=False,
        max_length=300,
        help_text="Bara om källan har flera serier: seriens namn (kolumnen serie, "
        "tabellinnehållet i PxWeb).",
    )
    title = forms.CharField(
        label="Rubrik i kunskapssammanställningen",
        required=False,
        max_length=300,
        help_text="Tom: seriens namn.",
    )


class SeriesFileForm(_SeriesNaming):
    """A series file to attach to an area (read as ``jamfor serie --data`` reads it)."""

    field_order = ("file", "serie", "title")

    file = forms.FileField(
        label="Seriefil (CSV eller Excel)",
        help_text="En rad per kommun och period: kommun (eller kommunkod), period (2014-10, "
        "2014M10), varde, och gärna serie, enhet och kalla – som «jamfor hamta pxweb» skriver.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.xlsm"}),
        error_messages={"required": "Välj en fil med serien."},
    )


class SeriesPxWebForm(_SeriesNaming):
    """A saved PxWeb query to fetch and attach (as ``jamfor hamta pxweb`` fetches it)."""

    field_order = ("url", "query", "serie", "title")

    url = forms.URLField(
        label="Tabellens adress i PxWeb-API:t",
        max_length=1000,
        assume_scheme="https",
        help_text="Till exempel https://api.scb.se/OV0104/v1/doris/sv/ssd/START/HE/HE0000/"
        "HE0000T01N (API-adressen som PxWeb-sidan visar under «API för denna tabell»).",
        error_messages={"required": "Ange tabellens adress.", "invalid": "Ange en webbadress."},
    )
    query = forms.CharField(
        label="Sparad fråga (JSON)",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text="Frågan som PxWeb-sidan ger under «API för denna tabell»; svarsformatet "
        "ändras alltid till json-stat2.",
        error_messages={"required": "Klistra in frågan."},
    )
