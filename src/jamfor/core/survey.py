"""The survey's rules: which answers a question takes, when a follow-up is asked,
and which answers contradict each other.

The web survey, the survey-answers importer and the report's survey appendix
all ask these functions, so the jump rules exist once. Answers are held as a
mapping from ``(question id, part id or None)`` to a normalised answer: an
option code (``ja``), a number as text (``"12"``), :data:`UNKNOWN` ("Vet ej")
or free text.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from jamfor.catalog.model import Condition, Option, Question, Survey
from jamfor.core.numbers import parse_number
from jamfor.core.problems import Problem

AnswerKey = tuple[str, str | None]
Answers = Mapping[AnswerKey, str]

UNKNOWN = "vet-ej"
"""The normalised form of "Vet ej" for number questions that allow it."""


class AnswerNotAllowed(ValueError):
    """The Swedish explanation of why an answer is not allowed.

    ``about_part`` is true when the part named is what is wrong (not the
    answer), so a file importer can point at the right column.
    """

    def __init__(self, message: str, *, about_part: bool = False) -> None:
        super().__init__(message)
        self.about_part = about_part


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def find_option(options: tuple[Option, ...], raw: str) -> Option | None:
    """The option a user means by its code, printed text or short label."""
    key = _fold(raw)
    for opt in options:
        if key in (_fold(opt.code), _fold(opt.text), _fold(opt.short)):
            return opt
    return None


def normalise(question: Question, part: str | None, raw: str) -> str:
    """The normalised answer to ``question`` (and ``part``), or :class:`AnswerNotAllowed`."""
    raw = raw.strip()
    if question.parts:
        if part is None:
            parts = ", ".join(p.id for p in question.parts)
            raise AnswerNotAllowed(
                f"Fråga {question.id} har flera delar; ange vilken del svaret gäller ({parts})."
            )
        if question.part(part) is None:
            parts = ", ".join(p.id for p in question.parts)
            raise AnswerNotAllowed(
                f"Fråga {question.id} har ingen del «{part}». Delarna är: {parts}.",
                about_part=True,
            )
    elif part:
        raise AnswerNotAllowed(
            f"Fråga {question.id} har inga delar, men del «{part}» angavs.", about_part=True
        )

    if question.kind in ("choice", "choice_grid"):
        options = question.options_for(part)
        opt = find_option(options, raw)
        if opt is None:
            allowed = ", ".join(f"«{o.short}»" for o in options)
            raise AnswerNotAllowed(
                f"«{raw}» är inget svarsalternativ på fråga {question.id}. Välj {allowed}."
            )
        return opt.code
    if question.kind in ("number", "number_grid"):
        spec = question.number
        assert spec is not None, f"number question {question.id} lacks a number spec"
        if _fold(raw) == "vet ej":
            if spec.unknown_allowed:
                return UNKNOWN
            raise AnswerNotAllowed(
                f"Fråga {question.id} ska besvaras med ett tal; «Vet ej» går inte."
            )
        value = parse_number(raw)
        if value is None or raw.endswith("%"):
            hint = " eller «Vet ej»" if spec.unknown_allowed else ""
            raise AnswerNotAllowed(
                f"«{raw}» är inget tal. Fråga {question.id} besvaras med ett tal{hint}."
            )
        if spec.whole and value != value.to_integral_value():
            raise AnswerNotAllowed(f"Fråga {question.id} ska besvaras med ett heltal, inte {raw}.")
        if value < spec.minimum:
            raise AnswerNotAllowed(f"Fråga {question.id} kan inte vara mindre än {spec.minimum}.")
        return str(int(value)) if spec.whole else str(value)
    return raw


def number(answers: Answers, qid: str, part: str | None = None) -> Decimal | None:
    """A number answer, or None when missing or "Vet ej"."""
    raw = answers.get((qid, part))
    if raw is None or raw == UNKNOWN:
        return None
    return parse_number(raw)


def _holds(survey: Survey, cond: Condition, answers: Answers) -> bool:
    if cond.any is not None:
        return any(_holds(survey, c, answers) for c in cond.any)
    assert cond.question is not None
    if not is_asked(survey, survey.question(cond.question), answers):
        return False
    answer = answers.get((cond.question, cond.part))
    if answer is None:
        return False
    if cond.answer_in is not None:
        return answer in cond.answer_in
    assert cond.greater_than is not None
    value = number(answers, cond.question, cond.part)
    return value is not None and value > cond.greater_than


def is_asked(survey: Survey, question: Question, answers: Answers) -> bool:
    """Whether the question is asked given the answers so far (the survey's jumps)."""
    return question.asked_when is None or _holds(survey, question.asked_when, answers)


def describe_condition(survey: Survey, cond: Condition) -> str:
    """The jump rule in words, for the survey page and the report's appendix."""
    if cond.any is not None:
        return " eller ".join(describe_condition(survey, c) for c in cond.any)
    assert cond.question is not None
    q = survey.question(cond.question)
    part = q.part(cond.part) if cond.part else None
    where = f"fråga {q.id}" + (f" ({part.label})" if part else "")
    if cond.answer_in is not None:
        opts = q.options_for(cond.part)
        names = [next((o.short for o in opts if o.code == c), c) for c in cond.answer_in]
        return f"om svaret på {where} är " + " eller ".join(f"«{n}»" for n in names)
    return f"om svaret på {where} är större än {cond.greater_than}"


def _answered(question: Question, answers: Answers) -> bool:
    if question.parts:
        return any((question.id, p.id) in answers for p in question.parts)
    return (question.id, None) in answers


def check_answers(survey: Survey, answers: Answers) -> list[Problem]:
    """Answers that contradict the survey: to questions not asked, or numbers out of bounds.

    ``field`` of each problem is the question id; callers add file and row.
    """
    problems: list[Problem] = []
    for q in survey.questions:
        if not _answered(q, answers):
            continue
        if not is_asked(survey, q, answers):
            assert q.asked_when is not None
            problems.append(
                Problem(
                    "answer-not-asked",
                    f"Fråga {q.id} ska bara besvaras {describe_condition(survey, q.asked_when)}.",
                    field=q.id,
                )
            )
            continue
        if q.at_most is not None:
            value, bound = number(answers, q.id), number(answers, q.at_most)
            if value is not None and bound is not None and value > bound:
                problems.append(
                    Problem(
                        "exceeds-bound",
                        f"Svaret på fråga {q.id} ({value}) kan inte vara större än svaret "
                        f"på fråga {q.at_most} ({bound}).",
                        field=q.id,
                    )
                )
    return problems


def unanswered_required(survey: Survey, answers: Answers) -> list[Question]:
    """Required questions that are asked but not (fully) answered."""
    missing = []
    for q in survey.questions:
        if not q.required or not is_asked(survey, q, answers):
            continue
        if q.parts and q.kind == "choice_grid":
            if any((q.id, p.id) not in answers for p in q.parts):
                missing.append(q)
        elif not _answered(q, answers):
            missing.append(q)
    return missing
