"""The forms: one survey page generated from the catalog, and a meeting with its interpretations.

A survey page's fields check each answer with :func:`jamfor.core.survey.normalise`
and the page as a whole with :func:`jamfor.core.survey.check_answers`, so the
web survey accepts exactly what an imported answer file may hold, with the
same Swedish messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.forms.renderers import Jinja2

from jamfor.catalog.model import Question, Survey, SurveySection
from jamfor.core.survey import AnswerKey, AnswerNotAllowed, check_answers, is_asked, normalise
from jamfor.web.identity_guard import GuardedForm, GuardedModelForm
from jamfor.web.survey.display import parts_of
from jamfor.web.survey.drafts import Draft, without_unasked
from jamfor.web.survey.models import Interpretation, Meeting

COMMENT_MAX = 4000


def answer_name(qid: str, part: str | None) -> str:
    return f"svar-{qid}" + (f"-{part}" if part else "")


def detail_name(qid: str, part: str) -> str:
    return f"precisering-{qid}-{part}"


def comment_name(qid: str) -> str:
    return f"kommentar-{qid}"


def error_id(name: str) -> str:
    """The element holding a field's error messages, named in its aria-describedby."""
    return f"fel-{name}"


def hint_id(name: str) -> str:
    return f"tips-{name}"


_WIDGETS = Jinja2()


class _Normalised:
    """Mixin: a survey answer field whose value is what core's ``normalise`` makes of it."""

    question: Question
    part: str | None

    def normalised(self, value: str) -> str | None:
        if not value:
            return None
        try:
            return normalise(self.question, self.part, value)
        except AnswerNotAllowed as exc:
            raise ValidationError(str(exc), code="answer-not-allowed") from None


class OptionField(_Normalised, forms.ChoiceField):
    """A choice answered with a radio button per option."""

    def __init__(self, question: Question, part: str | None, **kwargs: Any) -> None:
        self.question, self.part = question, part
        choices = [(o.code, o.text) for o in question.options_for(part)]
        super().__init__(choices=choices, required=False, widget=forms.RadioSelect, **kwargs)

    def validate(self, value: Any) -> None:
        """The options are core's business: ``clean`` asks ``normalise`` instead."""

    def clean(self, value: Any) -> str | None:
        return self.normalised(str(value or "").strip())


class TypedAnswerField(_Normalised, forms.CharField):
    """A number (or "Vet ej") or free text, typed."""

    def __init__(self, question: Question, part: str | None, **kwargs: Any) -> None:
        self.question, self.part = question, part
        super().__init__(required=False, max_length=200, **kwargs)

    def clean(self, value: Any) -> str | None:
        return self.normalised(str(super().clean(value) or "").strip())


def _answer_field(question: Question, part: str | None) -> forms.Field:
    if question.kind in ("choice", "choice_grid"):
        return OptionField(question, part)
    if question.kind == "text":
        return TypedAnswerField(question, part, widget=forms.Textarea(attrs={"rows": 3}))
    spec = question.number
    numeric = spec is not None and spec.whole and not spec.unknown_allowed
    attrs = {
        "inputmode": "numeric" if numeric else "text",
        "autocomplete": "off",
        "size": "10",
        "class": "number",
    }
    return TypedAnswerField(question, part, widget=forms.TextInput(attrs=attrs))


class SectionForm(GuardedForm, forms.Form):
    """One page of the survey: every question of a catalog section, asked or not.

    ``stored`` is the municipality's draft as saved; the page's answers replace
    those of its own questions. After validation :attr:`draft` holds the whole
    draft as it would be saved (follow-ups no longer asked removed) and
    :attr:`asked` which of the page's questions are asked.

    Its widgets (a page has a hundred radio buttons) are drawn with Django's own
    Jinja2 widget templates, the same markup in a quarter of the time.
    """

    default_renderer = _WIDGETS

    def __init__(
        self,
        survey: Survey,
        section: SurveySection,
        stored: Draft,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        self.survey, self.section, self.stored = survey, section, stored
        if "initial" not in kwargs and not args:
            kwargs["initial"] = self._initial()
        super().__init__(*args, **kwargs)
        for q in section.questions:
            for part in parts_of(q):
                name = answer_name(q.id, part)
                self.fields[name] = _answer_field(q, part)
                described = [error_id(name)]
                if q.kind in ("number", "number_grid"):
                    described.insert(0, hint_id(answer_name(q.id, None)))
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
                p = q.part(part) if part else None
                if p is not None and p.with_text:
                    dname = detail_name(q.id, p.id)
                    self.fields[dname] = forms.CharField(
                        required=False,
                        max_length=500,
                        label=f"Ange vilken ({p.label})",
                        widget=forms.TextInput(attrs={"aria-describedby": error_id(dname)}),
                    )
            if q.comment:
                cname = comment_name(q.id)
                self.fields[cname] = forms.CharField(
                    required=False,
                    max_length=COMMENT_MAX,
                    label=f"Kommentar till fråga {q.id} (frivillig)",
                    widget=forms.Textarea(attrs={"rows": 2, "aria-describedby": error_id(cname)}),
                )
        self.draft = stored
        self.asked = self._asked(stored.answers)

    def _initial(self) -> dict[str, str]:
        initial: dict[str, str] = {}
        for q in self.section.questions:
            for part in parts_of(q):
                value = self.stored.answers.get((q.id, part))
                if value is not None:
                    initial[answer_name(q.id, part)] = _shown(q, value)
                detail = self.stored.details.get((q.id, part)) if part else None
                if detail and part:
                    initial[detail_name(q.id, part)] = detail
            if q.id in self.stored.comments:
                initial[comment_name(q.id)] = self.stored.comments[q.id]
        return initial

    def _asked(self, answers: Mapping[AnswerKey, str]) -> dict[str, bool]:
        return {q.id: is_asked(self.survey, q, answers) for q in self.section.questions}

    @property
    def question_ids(self) -> set[str]:
        return {q.id for q in self.section.questions}

    def first_field(self, qid: str) -> str:
        q = self.survey.question(qid)
        return answer_name(q.id, parts_of(q)[0])

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        mine = self.question_ids
        answers = {k: v for k, v in self.stored.answers.items() if k[0] not in mine}
        details: dict[AnswerKey, str] = {
            k: v for k, v in self.stored.details.items() if k[0] not in mine
        }
        comments = {q: t for q, t in self.stored.comments.items() if q not in mine}
        for q in self.section.questions:
            for part in parts_of(q):
                name = answer_name(q.id, part)
                if name in self.errors:  # keep the saved answer while deciding what is asked
                    if (q.id, part) in self.stored.answers:
                        answers[(q.id, part)] = self.stored.answers[(q.id, part)]
                    continue
                if cleaned.get(name):
                    answers[(q.id, part)] = cleaned[name]
                if part is not None and cleaned.get(detail_name(q.id, part), "").strip():
                    details[(q.id, part)] = cleaned[detail_name(q.id, part)].strip()
            text = (cleaned.get(comment_name(q.id)) or "").strip()
            if text:
                comments[q.id] = text
        answers = without_unasked(self.survey, answers)
        for key in details:
            if key[0] in mine and key not in answers:
                self.add_error(
                    detail_name(key[0], key[1] or ""),
                    "Svara också på raden du preciserar, eller lämna fältet tomt.",
                )
        for problem in check_answers(self.survey, answers):
            qid = problem.field or ""
            self.add_error(self.first_field(qid) if qid in mine else None, problem.message)
        self.asked = self._asked(answers)
        self.draft = Draft(answers=answers, details=details, comments=comments)
        return cleaned


def _shown(question: Question, value: str) -> str:
    """A stored answer as the field shows it again: "Vet ej", decimal comma."""
    if question.kind in ("number", "number_grid"):
        return "Vet ej" if value == "vet-ej" else value.replace(".", ",")
    return value


class MeetingForm(GuardedModelForm):
    class Meta:
        model = Meeting
        fields = ("date", "title", "participants")
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_participants(self) -> str:
        text: str = self.cleaned_data.get("participants", "").strip()
        if not text:
            raise ValidationError("Ange vilka som deltog i mötet.")
        return text


InterpretationFormSet = inlineformset_factory(
    Meeting,
    Interpretation,
    form=GuardedModelForm,
    fields=("questions", "heading", "text"),
    extra=2,
    can_delete=True,
    widgets={"text": forms.Textarea(attrs={"rows": 5})},
)
