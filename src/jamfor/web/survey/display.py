"""Stored answers as people read them: option texts, "Vet ej", decimal commas."""

from __future__ import annotations

from jamfor.catalog.model import Measurement, Question
from jamfor.core.survey import UNKNOWN
from jamfor.report.build import swedish_date


def parts_of(question: Question) -> list[str | None]:
    """The keys a question's answers are stored under: its parts, or the question itself."""
    return [p.id for p in question.parts] or [None]


def answer_label(question: Question, part: str | None, value: str, short: bool = False) -> str:
    """How a stored answer reads: the option as printed (or its short label), "Vet ej", 6,05."""
    if value == UNKNOWN:
        return "Vet ej"
    if question.kind in ("choice", "choice_grid"):
        for option in question.options_for(part):
            if option.code == value:
                return option.short if short else option.text
        return value
    if question.kind in ("number", "number_grid"):
        return value.replace(".", ",")
    return value


def part_label(question: Question, part: str | None) -> str | None:
    if part is None:
        return None
    p = question.part(part)
    return p.label if p else part


def measured_text(measured: Measurement | None) -> str | None:
    """The date or period an answer refers to, in words."""
    if measured is None:
        return None
    if measured.date is not None:
        return swedish_date(measured.date)
    if measured.period is not None:
        return f"{swedish_date(measured.period.start)} – {swedish_date(measured.period.end)}"
    return str(measured.year) if measured.year is not None else None


def number_hint(question: Question) -> str:
    """What a number field accepts, said before the user gets it wrong."""
    spec = question.number
    if spec is None:
        return ""
    what = "Ett heltal" if spec.whole else "Ett tal (decimaler med komma går bra)"
    hint = f"{what}, {spec.minimum} eller mer"
    if spec.unknown_allowed:
        hint += ", eller «Vet ej»"
    return hint + "."
