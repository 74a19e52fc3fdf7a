"""Indicator values computed from a municipality's raw survey answers.

The published tables print one value per municipality and indicator, but
several are not answers to a single question: "Aktuell rutin" needs the routine
(fråga 22) *and* its follow-up (22a); the share with socionomexamen is 4a ÷ 4.
Each rule is named in the catalog (``source.rule``) and implemented once here.
The derived value is rounded as the tables print it, so a group mean over
derived values equals one over printed values.
"""

from __future__ import annotations

from decimal import Decimal

from jamfor.catalog.model import Catalog, Indicator, QuestionRef, Survey
from jamfor.core.numbers import round_half_up
from jamfor.core.survey import UNKNOWN, Answers, number

_UNKNOWN_TEXT = "Vet ej"


def _label(survey: Survey, qid: str, part: str | None, code: str) -> str:
    opts = survey.question(qid).options_for(part)
    return next((o.short for o in opts if o.code == code), code)


def _answer(survey: Survey, answers: Answers, ref: QuestionRef) -> str | None:
    code = answers.get((ref.question, ref.part))
    return None if code is None else _label(survey, ref.question, ref.part, code)


def _current_routine(survey: Survey, answers: Answers, ind: Indicator) -> str | None:
    """A routine that exists *and* has been followed up (or is too new to have been)."""
    src = ind.source
    assert src.question is not None and src.followup is not None
    main = answers.get((src.question, src.part))
    if main is None:
        return None
    if main != "ja":
        return _label(survey, src.question, src.part, main)
    follow = answers.get((src.followup, None))
    if follow is None:
        return None
    if follow == "ja":
        return "Ja"
    if follow == "nej":
        return "Nej"
    return _label(survey, src.followup, None, follow)


def _all_yes(survey: Survey, answers: Answers, ind: Indicator) -> str | None:
    """Yes only when every named answer is yes (a question and its follow-up)."""
    for ref in ind.source.all_of:
        code = answers.get((ref.question, ref.part))
        if code is None:
            return None
        if code != "ja":
            return "Nej" if code == "nej" else _label(survey, ref.question, ref.part, code)
    return "Ja"


def _ratio(
    survey: Survey, answers: Answers, ind: Indicator, numerator: Decimal | None
) -> str | None:
    src = ind.source
    assert src.numerator is not None and src.denominator is not None
    den_raw = answers.get((src.denominator.question, src.denominator.part))
    if den_raw == UNKNOWN:
        return _UNKNOWN_TEXT
    denominator = number(answers, src.denominator.question, src.denominator.part)
    if numerator is None or denominator is None or denominator == 0:
        return None
    value = numerator / denominator
    if ind.kind == "percent":
        return f"{round_half_up(value * 100, ind.decimals)} %"
    return str(round_half_up(value, ind.decimals))


def derive(catalog: Catalog, indicator: Indicator, answers: Answers) -> str | None:
    """The value a results table prints for this indicator, from one unit's answers.

    None when the answers do not determine it (a question left unanswered, a
    denominator of 0); "Vet ej" when the unit answered that it does not know.
    Register indicators are never derived.
    """
    survey = catalog.survey
    src = indicator.source
    if survey is None or src.type != "survey" or src.rule == "published":
        return None
    if src.rule == "answer":
        assert src.question is not None
        return _answer(survey, answers, QuestionRef(question=src.question, part=src.part))
    if src.rule == "current_routine":
        return _current_routine(survey, answers, indicator)
    if src.rule == "all_yes":
        return _all_yes(survey, answers, indicator)
    assert src.numerator is not None
    if src.rule == "ratio":
        num_raw = answers.get((src.numerator.question, src.numerator.part))
        if num_raw == UNKNOWN:
            return _UNKNOWN_TEXT
        return _ratio(survey, answers, indicator, number(answers, src.numerator.question))
    # sum_ratio: the numerator question's parts are summed (fråga 8: one row per arbetsledare)
    q = survey.question(src.numerator.question)
    parts: list[str | None] = [p.id for p in q.parts] or [None]
    given = [number(answers, q.id, p) for p in parts]
    values = [v for v in given if v is not None]
    return _ratio(survey, answers, indicator, sum(values, Decimal(0)) if values else None)
