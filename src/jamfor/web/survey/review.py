"""The consistency review: every member's draft answers side by side, question by question.

Before the answers go to Socialstyrelsen the group checks that it has read the
questions alike. An answer that differs from the group's majority is marked,
and so is a question the group has agreed how to read. The majority is the
answer more than half of the municipalities with an answer gave; with no
such answer nothing is marked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from jamfor.catalog.model import Question, Survey
from jamfor.core.collation import swedish_key
from jamfor.registry.model import Unit
from jamfor.web.survey.display import answer_label, part_label, parts_of
from jamfor.web.survey.drafts import Draft, load_draft
from jamfor.web.survey.interpretations import QuestionNote, notes_by_question
from jamfor.web.survey.models import Response, Year


def majority(values: Sequence[str]) -> str | None:
    """The answer given by more than half of those who answered, if there is one."""
    if not values:
        return None
    answer, count = Counter(values).most_common(1)[0]
    return answer if count * 2 > len(values) else None


@dataclass(frozen=True)
class ReviewCell:
    text: str | None
    differs: bool
    detail: str | None = None


@dataclass(frozen=True)
class ReviewRow:
    question: Question
    part: str | None
    part_label: str | None
    first: bool
    cells: tuple[ReviewCell, ...]
    majority: str | None
    notes: tuple[QuestionNote, ...]

    @property
    def key(self) -> str:
        return f"{self.question.id}/{self.part}" if self.part else self.question.id

    @property
    def differing(self) -> int:
        return sum(1 for c in self.cells if c.differs)


@dataclass(frozen=True)
class CommentRow:
    question: Question
    comments: tuple[str | None, ...]


@dataclass(frozen=True)
class Review:
    year: Year
    members: tuple[Unit, ...]
    statuses: tuple[str, ...]
    rows: tuple[ReviewRow, ...]
    comments: tuple[CommentRow, ...]


def _rows(
    survey: Survey, drafts: Sequence[Draft], notes: dict[str, list[QuestionNote]]
) -> list[ReviewRow]:
    rows = []
    for q in survey.questions:
        first = True
        for part in parts_of(q):
            given = [d.answers.get((q.id, part)) for d in drafts]
            answered = [v for v in given if v is not None]
            if not answered and (q.asked_when is not None or q.kind == "number_grid"):
                continue  # follow-ups and grid rows nobody has answered
            common = majority(answered)
            rows.append(
                ReviewRow(
                    question=q,
                    part=part,
                    part_label=part_label(q, part),
                    first=first,
                    cells=tuple(
                        ReviewCell(
                            text=None if v is None else answer_label(q, part, v, short=True),
                            differs=v is not None and common is not None and v != common,
                            detail=d.details.get((q.id, part)),
                        )
                        for v, d in zip(given, drafts, strict=True)
                    ),
                    majority=None if common is None else answer_label(q, part, common, short=True),
                    notes=tuple(notes.get(q.id, ())),
                )
            )
            first = False
    return rows


def build_review(year: Year) -> Review:
    """The review for a year: the group's members in Swedish order, their drafts, the rows."""
    survey = year.catalog.survey
    assert survey is not None, "the review needs a catalog with a survey"
    members = tuple(sorted(year.group_object.members, key=lambda u: swedish_key(u.name)))
    responses = {
        r.kommun: r
        for r in Response.objects.filter(year=year).prefetch_related("answers", "comments")
    }
    drafts = [load_draft(responses.get(u.code)) for u in members]
    statuses = tuple(
        responses[u.code].get_status_display() if u.code in responses else "Ej påbörjad"
        for u in members
    )
    comments = tuple(
        CommentRow(q, tuple(d.comments.get(q.id) for d in drafts))
        for q in survey.questions
        if any(q.id in d.comments for d in drafts)
    )
    return Review(
        year=year,
        members=members,
        statuses=statuses,
        rows=tuple(_rows(survey, drafts, notes_by_question(year))),
        comments=comments,
    )
