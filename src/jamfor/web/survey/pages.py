"""What a survey page shows, per question, ready for the template.

The template only lays out; whether a follow-up is shown, its condition in
words, the errors and the agreed interpretations are decided here from the
form and core's answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.forms import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from jamfor.catalog.model import Question, Survey, SurveySection
from jamfor.core.survey import describe_condition, is_asked, unanswered_required
from jamfor.report.model import Note
from jamfor.web.survey.display import (
    answer_label,
    measured_text,
    number_hint,
    part_label,
    parts_of,
)
from jamfor.web.survey.drafts import Draft
from jamfor.web.survey.forms import (
    SectionForm,
    answer_name,
    comment_name,
    detail_name,
    error_id,
    hint_id,
)
from jamfor.web.survey.interpretations import QuestionNote


@dataclass(frozen=True)
class InputView:
    """One answer input: a question, or one row of a grid question."""

    name: str
    label: str | None
    field: BoundField
    error_id: str
    errors: list[str]
    detail: BoundField | None = None
    detail_errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QuestionView:
    question: Question
    asked: bool
    required: bool
    condition: str | None
    measured: str | None
    hint: str | None
    hint_id: str
    inputs: list[InputView]
    comment: BoundField | None
    comment_errors: list[str]
    notes: list[QuestionNote]

    @property
    def choice(self) -> bool:
        return self.question.kind in ("choice", "choice_grid")

    @property
    def grid(self) -> bool:
        return bool(self.question.parts)


def question_views(
    form: SectionForm,
    notes: dict[str, list[QuestionNote]],
    read_only: bool,
) -> list[QuestionView]:
    """The page's questions; those not asked are marked hidden with their inputs disabled."""
    survey = form.survey
    views = []
    for q in form.section.questions:
        asked = form.asked.get(q.id, True)
        inputs = []
        for part in parts_of(q):
            name = answer_name(q.id, part)
            p = q.part(part) if part else None
            dname = detail_name(q.id, part) if p is not None and p.with_text and part else None
            inputs.append(
                InputView(
                    name=name,
                    label=part_label(q, part),
                    field=form[name],
                    error_id=error_id(name),
                    errors=list(form.errors.get(name, [])),
                    detail=form[dname] if dname else None,
                    detail_errors=list(form.errors.get(dname, [])) if dname else [],
                )
            )
        cname = comment_name(q.id)
        for name in (
            [i.name for i in inputs]
            + [i.detail.name for i in inputs if i.detail]
            + ([cname] if cname in form.fields else [])
        ):
            attrs = form.fields[name].widget.attrs
            if read_only or not asked:
                attrs["disabled"] = True
            if name in form.errors:
                attrs["aria-invalid"] = "true"
        views.append(
            QuestionView(
                question=q,
                asked=asked,
                required=q.required,
                condition=(
                    "Besvaras " + describe_condition(survey, q.asked_when) + "."
                    if q.asked_when
                    else None
                ),
                measured=measured_text(q.measured),
                hint=number_hint(q) or None,
                hint_id=hint_id(answer_name(q.id, None)),
                inputs=inputs,
                comment=form[cname] if cname in form.fields else None,
                comment_errors=list(form.errors.get(cname, [])),
                notes=notes.get(q.id, []),
            )
        )
    return views


def questions_html(views: list[QuestionView]) -> SafeString:
    """The page's questions as HTML, drawn by the Jinja2 engine (the page's busiest part)."""
    return SafeString(
        render_to_string("survey/_questions.html", {"questions": views}, using="jinja2")
    )


def note_html(
    note: Note, meeting: str | None, prefix: str, key: object, counter: int
) -> SafeString:
    """One agreed interpretation's box, as beside its question (the meetings page shows it too)."""
    context = {"note": note, "meeting": meeting, "prefix": prefix, "key": key, "counter": counter}
    return SafeString(render_to_string("survey/_note.html", context, using="jinja2"))


@dataclass(frozen=True)
class AnswerLine:
    label: str | None
    answer: str | None
    detail: str | None = None


@dataclass(frozen=True)
class OverviewQuestion:
    question: Question
    lines: list[AnswerLine]
    comment: str | None
    missing_required: bool


@dataclass(frozen=True)
class OverviewSection:
    section: SurveySection
    questions: list[OverviewQuestion]
    answered: int
    asked: int

    @property
    def progress(self) -> str:
        """«0 av 1 fråga besvarad», «2 av 3 frågor besvarade»: the noun follows the total."""
        noun = "fråga besvarad" if self.asked == 1 else "frågor besvarade"
        return f"{self.answered} av {self.asked} {noun}"


def overview(survey: Survey, draft: Draft) -> list[OverviewSection]:
    """Every asked question with its answers, section by section, for the answer overview."""
    missing = {q.id for q in unanswered_required(survey, draft.answers)}
    out = []
    for s in survey.sections:
        items = []
        for q in s.questions:
            if not is_asked(survey, q, draft.answers):
                continue
            lines = []
            for part in parts_of(q):
                value = draft.answers.get((q.id, part))
                if part is not None and value is None and q.kind == "number_grid":
                    continue  # empty rows of a number grid (fråga 8) are not answers
                lines.append(
                    AnswerLine(
                        label=part_label(q, part),
                        answer=answer_label(q, part, value) if value is not None else None,
                        detail=draft.details.get((q.id, part)),
                    )
                )
            items.append(
                OverviewQuestion(
                    question=q,
                    lines=lines,
                    comment=draft.comments.get(q.id),
                    missing_required=q.id in missing,
                )
            )
        out.append(
            OverviewSection(
                section=s,
                questions=items,
                answered=sum(1 for i in items if any(line.answer for line in i.lines)),
                asked=len(items),
            )
        )
    return out
