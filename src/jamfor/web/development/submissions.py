"""Drafts and sent-in versions of what a municipality hands in, with every write logged.

A municipality's answers about an area (and its action plan) are a draft it
may save as often as it likes — by the page's button or its autosave — and
versions it sends in. Sending in adds a numbered version and never touches
an earlier one, so nothing a municipality has sent is ever overwritten: the
analyst reads every version, the knowledge report prints the latest. A draft
is seen only by the municipality's representative and the analysts.

Shapes (JSON, lists where order matters, since PostgreSQL's jsonb does not
keep the order of object keys):

- answers draft: ``{"svar": {"<question id>": "text"}, "statistik": <doc> | null}``;
- answers version: ``{"svar": [{"id": 3, "fraga": "…", "svar": "…"}], "statistik": …}``
  — the question's wording is kept with the answer, so an old version reads
  as it was sent even if the question is later reworded;
- plan draft and version: ``{"text": "…", "status": "pagar"}``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jamfor.web.audit.log import changes, record
from jamfor.web.concurrent_edits import merge_fields
from jamfor.web.development.models import (
    PLAN_STATUS_LABELS,
    Area,
    Cycle,
    Kind,
    PlanStatus,
    Question,
    Submission,
    SubmissionVersion,
)

Content = dict[str, Any]


class State(enum.StrEnum):
    NONE = "ej-paborjad"
    DRAFT = "utkast"
    SENT = "inskickad"
    CHANGED = "andrad"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def answered(self) -> bool:
        """Something has been sent in (a later unsent change does not undo that)."""
        return self in (State.SENT, State.CHANGED)


STATE_LABELS = {
    State.NONE: "Inte påbörjat",
    State.DRAFT: "Utkast, inte inskickat",
    State.SENT: "Inskickat",
    State.CHANGED: "Inskickat; senare ändringar är inte inskickade",
}


def find(cycle: Cycle, kind: Kind, kommun: str, area: Area | None = None) -> Submission | None:
    """A municipality's answers about ``area``, or (``area`` None) its action plan."""
    return Submission.objects.filter(cycle=cycle, kind=kind, kommun=kommun, area=area).first()


# --------------------------------------------------------------------- comparing


def answers_of(content: Mapping[str, Any] | None) -> dict[str, str]:
    """Question id → answer, from a draft or a version, without empty answers."""
    if not content:
        return {}
    given = content.get("svar") or {}
    if isinstance(given, list):
        pairs = [(str(item["id"]), str(item.get("svar", ""))) for item in given]
    else:
        pairs = [(str(k), str(v)) for k, v in given.items()]
    return {k: v for k, v in pairs if v.strip()}


def _comparable(kind: str, content: Mapping[str, Any] | None) -> Any:
    if content is None:
        return None
    if kind == Kind.ANSWERS:
        return (answers_of(content), content.get("statistik"))
    return (content.get("text", ""), content.get("status", ""))


def same(kind: str, a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    return bool(_comparable(kind, a) == _comparable(kind, b))


def state_of(submission: Submission | None) -> State:
    if submission is None or (submission.draft is None and not submission.versions.exists()):
        return State.NONE
    latest = submission.latest()
    if latest is None:
        return State.DRAFT
    if submission.draft is None or same(submission.kind, submission.draft, latest.content):
        return State.SENT
    return State.CHANGED


# ------------------------------------------------------------------------ logging


def _flat(kind: str, content: Mapping[str, Any] | None) -> dict[str, Any]:
    """A draft or version as the audit log keeps it: one key per answer."""
    if content is None:
        return {}
    if kind == Kind.PLAN:
        status = content.get("status", "")
        return {"handlingsplan": content.get("text", ""), "status": _status_label(status)}
    out: dict[str, Any] = {f"svar på fråga {k}": v for k, v in answers_of(content).items()}
    stats = content.get("statistik")
    if stats:
        out["klientstatistik"] = f"{stats.get('fil', '')}: {stats.get('beslut', 0)} beslut"
    return out


# ------------------------------------------------------------------------- writing


def _locked(cycle: Cycle, kind: Kind, kommun: str, area: Area | None) -> Submission:
    """The submission, locked for the rest of the transaction (made first if there is none).

    The lock puts two saves of the same municipality's draft (the autosave and
    the button, say) one after the other, so version numbers never collide.
    """
    wanted = {"cycle": cycle, "kind": kind, "kommun": kommun, "area": area}
    found = Submission.objects.select_for_update().filter(**wanted).first()
    if found is not None:
        return found
    made, _ = Submission.objects.get_or_create(**wanted)
    return Submission.objects.select_for_update().get(pk=made.pk)


@transaction.atomic
def save_draft(
    cycle: Cycle,
    kind: Kind,
    kommun: str,
    draft: Content,
    user: Any,
    *,
    area: Area | None = None,
    automatic: bool = False,
) -> bool:
    """Store the draft; False when it was already stored as it is. Only drafts change here."""
    existing = find(cycle, kind, kommun, area)
    if existing is not None and existing.draft == draft:
        return False
    _store_draft(_locked(cycle, kind, kommun, area), draft, user, automatic=automatic)
    return True


def edit_salt(cycle: Cycle, kind: str, kommun: str, area: Area | None = None) -> str:
    """What a page's signed snapshot is bound to: this draft and no other."""
    return f"utveckling:{cycle.pk}:{kind}:{kommun}:{area.pk if area else ''}"


def fields_of(kind: str, draft: Mapping[str, Any] | None) -> dict[str, str]:
    """A draft's texts field by field, as a page edits them (empty fields left out)."""
    if kind == Kind.ANSWERS:
        return answers_of(draft)
    fields = {
        "text": str((draft or {}).get("text", "")),
        "status": str((draft or {}).get("status", "")),
    }
    return {k: v for k, v in fields.items() if v.strip()}


def _draft_with(kind: str, draft: Mapping[str, Any] | None, fields: Mapping[str, str]) -> Content:
    if kind == Kind.ANSWERS:
        return answers_draft(fields, (draft or {}).get("statistik"))
    return plan_draft(fields.get("text", ""), fields.get("status", PlanStatus.PLANNED.value))


@dataclass(frozen=True)
class Edit:
    """What a page's save did: the draft now stored, and what someone else changed meanwhile.

    ``base`` is what the page should count as loaded from now on: the stored
    fields, except that a conflicting field keeps the page's old value, so
    the page's next save reports the conflict again instead of overwriting.
    """

    draft: Content
    changed: bool
    conflicts: tuple[str, ...]
    base: dict[str, str]


@transaction.atomic
def save_edit(
    cycle: Cycle,
    kind: Kind,
    kommun: str,
    base: Mapping[str, str] | None,
    mine: Mapping[str, str],
    user: Any,
    *,
    area: Area | None = None,
    automatic: bool = False,
) -> Edit:
    """Apply the fields this person changed since the page was loaded (``base``) to the draft.

    Two tabs autosaving the same answer must not both "succeed" with one
    text lost: see :func:`jamfor.web.concurrent_edits.merge_fields`. Without
    a ``base`` (no valid snapshot) the page's fields replace the stored ones.
    """
    mine = {k: v for k, v in mine.items() if v.strip()}
    if not mine and find(cycle, kind, kommun, area) is None:
        return Edit(_draft_with(kind, None, {}), False, (), {})
    submission = _locked(cycle, kind, kommun, area)
    now = fields_of(kind, submission.draft)
    seen = now if base is None else {k: v for k, v in base.items() if v.strip()}
    merged, conflicts = merge_fields(seen, mine, now)
    draft = _draft_with(kind, submission.draft, merged)
    changed = submission.draft != draft and not (submission.draft is None and not merged)
    if changed:
        _store_draft(submission, draft, user, automatic=automatic)
    kept = {**merged, **{k: seen[k] for k in conflicts if k in seen}}
    for key in conflicts - set(seen):
        kept.pop(key, None)
    return Edit(draft, changed, tuple(sorted(conflicts)), kept)


def _store_draft(submission: Submission, draft: Content, user: Any, *, automatic: bool) -> None:
    before, after = changes(_flat(submission.kind, submission.draft), _flat(submission.kind, draft))
    submission.draft = draft
    submission.draft_saved_at = timezone.now()
    submission.draft_saved_by = user if getattr(user, "is_authenticated", False) else None
    submission.save()
    how = " (automatiskt)" if automatic else ""
    record(
        user, "utveckling.utkast", f"Sparade utkast{how}: {submission}", submission, before, after
    )


@transaction.atomic
def send_in(
    cycle: Cycle,
    kind: Kind,
    kommun: str,
    draft: Content,
    content: Content,
    user: Any,
    *,
    area: Area | None = None,
) -> SubmissionVersion | None:
    """Add ``content`` as the next version (``draft`` is stored with it); None if nothing is new."""
    submission = _locked(cycle, kind, kommun, area)
    if submission.draft != draft:
        _store_draft(submission, draft, user, automatic=False)
    latest = submission.latest()
    if latest is not None and same(kind, latest.content, content):
        return None
    number = (latest.number if latest is not None else 0) + 1
    by = user if getattr(user, "is_authenticated", False) else None
    version = SubmissionVersion.objects.create(
        submission=submission, number=number, content=content, submitted_by=by
    )
    before, after = changes(_flat(kind, latest.content if latest else None), _flat(kind, content))
    before["version"] = latest.number if latest else None
    after["version"] = number
    record(
        user,
        "utveckling.inskickad",
        f"Skickade in version {number}: {submission}",
        version,
        before,
        after,
    )
    return version


# ------------------------------------------------------------------------ answers


def answers_draft(answers: Mapping[str, str], statistics: Content | None) -> Content:
    return {"svar": {k: v for k, v in answers.items() if v.strip()}, "statistik": statistics}


def answers_content(questions: Sequence[Question], draft: Mapping[str, Any]) -> Content:
    """The version to send in: every question with its wording and the answer."""
    given = answers_of(draft)
    return {
        "svar": [
            {"id": q.pk, "fraga": q.text, "svar": given.get(str(q.pk), "")} for q in questions
        ],
        "statistik": draft.get("statistik"),
    }


def unanswered(questions: Sequence[Question], draft: Mapping[str, Any] | None) -> list[Question]:
    given = answers_of(draft)
    return [q for q in questions if not given.get(str(q.pk), "").strip()]


@dataclass(frozen=True)
class SentAnswer:
    question: str
    answer: str


@dataclass(frozen=True)
class SentAnswers:
    """A version of a municipality's answers as pages and the report show it."""

    version: SubmissionVersion
    answers: tuple[SentAnswer, ...]
    statistics: Content | None


def sent_answers(version: SubmissionVersion) -> SentAnswers:
    items = version.content.get("svar") or []
    return SentAnswers(
        version=version,
        answers=tuple(SentAnswer(str(i.get("fraga", "")), str(i.get("svar", ""))) for i in items),
        statistics=version.content.get("statistik"),
    )


# --------------------------------------------------------------------------- plans


def plan_draft(text: str, status: str) -> Content:
    return {"text": text.strip(), "status": status}


def plan_status_label(content: Mapping[str, Any] | None) -> str:
    if not content:
        return ""
    return _status_label(str(content.get("status", "")))


def _status_label(status: str) -> str:
    labels = {s.value: label for s, label in PLAN_STATUS_LABELS.items()}
    return labels.get(status, status)
