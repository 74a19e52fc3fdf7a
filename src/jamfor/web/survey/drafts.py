"""A municipality's draft: read it, save a page of it, mark it done.

The stored answers always satisfy the survey: a page is saved only when
:func:`jamfor.core.survey.check_answers` finds nothing wrong, and answers to
follow-ups that are no longer asked (the survey's jumps, decided by
:func:`jamfor.core.survey.is_asked`) are dropped on the way in. Marking the
draft done asks :func:`jamfor.core.survey.unanswered_required`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from jamfor.catalog.model import Survey
from jamfor.core.survey import AnswerKey, Answers, check_answers, is_asked, unanswered_required
from jamfor.web.audit.log import changes, record
from jamfor.web.concurrent_edits import merge_fields
from jamfor.web.survey.models import Answer, Comment, Response, Status, Year


@dataclass
class Draft:
    """What is stored for one municipality: answers, precisions of "ange vilken", comments."""

    answers: dict[AnswerKey, str] = field(default_factory=dict)
    details: dict[AnswerKey, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)


def key_text(key: AnswerKey) -> str:
    """A key as the log and the exports write it: ``1/bou``, ``4``."""
    qid, part = key
    return f"{qid}/{part}" if part else qid


def load_draft(response: Response | None) -> Draft:
    draft = Draft()
    if response is None:
        return draft
    # rows, not models: every survey page reads the whole draft
    for question, part, value, detail in response.answers.values_list(
        "question", "part", "value", "detail"
    ):
        key = (question, part or None)
        draft.answers[key] = value
        if detail:
            draft.details[key] = detail
    for question, text in response.comments.values_list("question", "text"):
        draft.comments[question] = text
    return draft


def without_unasked(survey: Survey, answers: Answers) -> dict[AnswerKey, str]:
    """The answers with those to questions not asked removed (repeated: jumps can chain)."""
    kept = dict(answers)
    while True:
        asked = {q.id: is_asked(survey, q, kept) for q in survey.questions}
        dropped = [k for k in kept if not asked.get(k[0], False)]
        if not dropped:
            return kept
        for k in dropped:
            del kept[k]


def _flat(draft: Draft, status: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {f"svar {key_text(k)}": v for k, v in draft.answers.items()}
    out.update({f"precisering {key_text(k)}": v for k, v in draft.details.items()})
    out.update({f"kommentar {q}": t for q, t in draft.comments.items()})
    if status is not None:
        out["status"] = status
    return out


@dataclass(frozen=True)
class Saved:
    changed: bool
    reopened: bool
    conflicts: tuple[str, ...] = ()
    """Questions another person changed at the same time; their version was kept."""


class ConcurrentChange(Exception):
    """Someone else's simultaneous changes cannot be merged with these (the page is shown anew)."""


@dataclass(frozen=True)
class PageEdit:
    """One page's values as the person saw them when the page was opened, and as sent.

    Two representatives of a municipality may edit the same draft at once. The
    page that is saved second must not wipe out what the first saved, so a save
    applies only what this person changed since opening the page, field by
    field, onto the draft as it is stored now.
    """

    base: Draft
    mine: Draft


def draft_to_json(draft: Draft) -> dict[str, dict[str, str]]:
    def key(k: AnswerKey) -> str:
        return f"{k[0]}|{k[1] or ''}"

    return {
        "answers": {key(k): v for k, v in draft.answers.items()},
        "details": {key(k): v for k, v in draft.details.items()},
        "comments": dict(draft.comments),
    }


def draft_from_json(data: Any) -> Draft:
    def key(text: str) -> AnswerKey:
        qid, _, part = text.partition("|")
        return (qid, part or None)

    return Draft(
        answers={key(k): str(v) for k, v in data.get("answers", {}).items()},
        details={key(k): str(v) for k, v in data.get("details", {}).items()},
        comments={str(k): str(v) for k, v in data.get("comments", {}).items()},
    )


def page_values(draft: Draft, questions: frozenset[str]) -> Draft:
    """The part of a draft that belongs to a page's questions."""
    return Draft(
        answers={k: v for k, v in draft.answers.items() if k[0] in questions},
        details={k: v for k, v in draft.details.items() if k[0] in questions},
        comments={q: t for q, t in draft.comments.items() if q in questions},
    )


def merge_page(current: Draft, edit: PageEdit) -> tuple[Draft, tuple[str, ...]]:
    """``current`` with this person's changes applied; conflicting questions keep theirs.

    A field counts as changed by me when what I sent differs from what I saw,
    and as changed by them when what is stored differs from what I saw. Only
    when both changed it, to different values, is it a conflict: the stored
    value stays and the question is reported.
    """
    merged = Draft()
    conflicts: set[str] = set()
    for attr in ("answers", "details", "comments"):
        fields, clashes = merge_fields(
            getattr(edit.base, attr), getattr(edit.mine, attr), getattr(current, attr)
        )
        setattr(merged, attr, fields)
        conflicts.update(key[0] if isinstance(key, tuple) else key for key in clashes)
    return merged, tuple(sorted(conflicts, key=_question_order))


def _question_order(qid: str) -> tuple[int, str]:
    digits = "".join(ch for ch in qid if ch.isdecimal())  # "²" is a digit int() refuses
    return (int(digits) if digits else 0, qid)


@transaction.atomic
def save_draft(
    year: Year,
    kommun: str,
    survey: Survey,
    new: Draft,
    user: Any,
    what: str,
    edit: PageEdit | None = None,
) -> Saved:
    """Store ``new`` as the municipality's whole draft; log what changed.

    ``new.answers`` must already pass the survey's checks (the page form
    ensures it); it is pruned of unasked follow-ups here once more so that no
    caller can store an answer the survey would not ask. A draft that was
    marked done and then changed is a draft again until marked done anew.

    With ``edit`` (a page saved from the browser) only what the person changed
    on the page is applied, field by field, onto the draft as stored at this
    moment (read under a row lock), so a simultaneous save by someone else is
    never lost: see :func:`merge_page`. Raises :class:`ConcurrentChange` when
    the merged answers would break the survey's rules (say 4a above another
    person's new 4).
    """
    existing = Response.objects.select_for_update().filter(year=year, kommun=kommun).first()
    old = load_draft(existing)
    conflicts: tuple[str, ...] = ()
    if edit is not None:
        new, conflicts = merge_page(old, edit)
    answers = without_unasked(survey, new.answers)
    problems = check_answers(survey, answers)
    if problems:
        if edit is not None:
            raise ConcurrentChange("; ".join(p.message for p in problems))
        # the form checks first; reaching this is a bug, not a user error
        raise ValueError("; ".join(p.message for p in problems))
    asked = {q.id for q in survey.questions if is_asked(survey, q, answers)}
    stored = Draft(
        answers=answers,
        details={k: v for k, v in new.details.items() if k in answers and v},
        comments={q: t for q, t in new.comments.items() if q in asked and t},
    )
    before, after = changes(_flat(old, None), _flat(stored, None))
    if not before and not after:
        return Saved(changed=False, reopened=False, conflicts=conflicts)
    if existing is None:
        response, created = Response.objects.get_or_create(year=year, kommun=kommun)
        if not created:  # someone saved this municipality's first page a moment ago: start over
            return save_draft(year, kommun, survey, new, user, what, edit)
    else:
        response = existing

    for key in old.answers.keys() - stored.answers.keys():
        Answer.objects.filter(response=response, question=key[0], part=key[1] or "").delete()
    for key, value in stored.answers.items():
        detail = stored.details.get(key, "")
        if old.answers.get(key) != value or old.details.get(key, "") != detail:
            Answer.objects.update_or_create(
                response=response,
                question=key[0],
                part=key[1] or "",
                defaults={"value": value, "detail": detail},
            )
    for qid in old.comments.keys() - stored.comments.keys():
        Comment.objects.filter(response=response, question=qid).delete()
    for qid, text in stored.comments.items():
        if old.comments.get(qid) != text:
            Comment.objects.update_or_create(
                response=response, question=qid, defaults={"text": text}
            )

    reopened = response.status == Status.SUBMITTED
    if reopened:
        before["status"], after["status"] = Status.SUBMITTED.label, Status.DRAFT.label
        response.status = Status.DRAFT
        response.submitted_at = None
    response.updated_at = timezone.now()
    response.updated_by = user if getattr(user, "is_authenticated", False) else None
    response.save()
    record(user, "enkät.sparad", f"Sparade {what} för {response}", response, before, after)
    return Saved(changed=True, reopened=reopened, conflicts=conflicts)


def missing_for_completion(survey: Survey, draft: Draft) -> list[str]:
    """Why the draft cannot be marked done yet, one Swedish sentence per reason."""
    reasons = [
        f"Fråga {q.id} är obligatorisk och inte besvarad"
        + (" på alla rader." if q.parts and q.kind == "choice_grid" else ".")
        for q in unanswered_required(survey, draft.answers)
    ]
    reasons += [p.message for p in check_answers(survey, draft.answers)]
    return reasons


@transaction.atomic
def mark_done(year: Year, kommun: str, survey: Survey, user: Any) -> list[str]:
    """Mark the draft done; the reasons it cannot be, or [] when it was."""
    response = Response.objects.select_for_update().filter(year=year, kommun=kommun).first()
    reasons = missing_for_completion(survey, load_draft(response))
    if reasons or (response is not None and response.status == Status.SUBMITTED):
        return reasons
    response = response or Response.objects.get_or_create(year=year, kommun=kommun)[0]
    response.status = Status.SUBMITTED
    response.submitted_at = timezone.now()
    response.updated_by = user if getattr(user, "is_authenticated", False) else None
    response.save()
    record(
        user,
        "enkät.klar",
        f"Markerade enkätsvaren för {response} som klara",
        response,
        {"status": Status.DRAFT.label},
        {"status": Status.SUBMITTED.label},
    )
    return []
