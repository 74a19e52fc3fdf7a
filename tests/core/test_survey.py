"""The survey's jumps, answer checks and consistency rules."""

from __future__ import annotations

import pytest

from jamfor.catalog.model import Catalog
from jamfor.core.survey import (
    UNKNOWN,
    AnswerNotAllowed,
    check_answers,
    describe_condition,
    is_asked,
    normalise,
    unanswered_required,
)

MAIN = [str(n) for n in range(1, 30)]
FOLLOWUPS = [
    "1a",
    "1b",
    "1c",
    "2a",
    "2b",
    "2c",
    "2d",
    "3a",
    "4a",
    "4b",
    "5a",
    "6a",
    "10a",
    "11a",
    "13a",
    "22a",
    "23a",
    "24a",
    "25a",
    "29a",
]


def test_the_whole_survey_is_there(catalog: Catalog) -> None:
    assert catalog.survey is not None
    ids = [q.id for q in catalog.survey.questions]
    assert sorted(ids) == sorted(MAIN + FOLLOWUPS)
    for q in catalog.survey.questions:
        assert (q.asked_when is not None) == (q.id in FOLLOWUPS), q.id
        assert q.required == (q.id in MAIN and q.id != "8"), q.id
    assert [p.id for p in catalog.survey.question("1").parts] == ["bou", "vuxen", "arbetsmarknad"]
    assert len(catalog.survey.question("8").parts) == 16


def test_1a_is_asked_only_when_barn_och_ungdom_is_ja(catalog: Catalog) -> None:
    survey = catalog.survey
    assert survey is not None
    q1a = survey.question("1a")
    assert not is_asked(survey, q1a, {})
    assert is_asked(survey, q1a, {("1", "bou"): "ja"})
    assert not is_asked(survey, q1a, {("1", "bou"): "nej", ("1", "vuxen"): "ja"})
    assert not is_asked(survey, q1a, {("1", "bou"): "integrerat"})
    assert is_asked(survey, survey.question("1b"), {("1", "vuxen"): "ja"})


def test_number_followups_need_a_positive_count(catalog: Catalog) -> None:
    survey = catalog.survey
    assert survey is not None
    assert not is_asked(survey, survey.question("4a"), {("4", None): "0"})
    assert is_asked(survey, survey.question("4a"), {("4", None): "12"})
    assert not is_asked(survey, survey.question("29a"), {("29", None): UNKNOWN})
    assert "större än 0" in describe_condition(survey, survey.question("29a").asked_when)  # type: ignore[arg-type]


def test_normalise_accepts_code_text_and_label(catalog: Catalog) -> None:
    survey = catalog.survey
    assert survey is not None
    q1 = survey.question("1")
    assert normalise(q1, "bou", "ja") == "ja"
    assert normalise(q1, "bou", "Integrerat") == "integrerat"
    full = next(o.text for o in q1.options_for("arbetsmarknad") if o.code == "saknas")
    assert normalise(q1, "arbetsmarknad", full) == "saknas"
    assert normalise(survey.question("29"), None, "Vet ej") == UNKNOWN
    assert normalise(survey.question("9"), None, "6,05") == "6.05"
    assert normalise(survey.question("4"), None, "10") == "10"


@pytest.mark.parametrize(
    ("qid", "part", "raw", "match"),
    [
        ("1", None, "Ja", "flera delar"),
        ("1", "okand", "Ja", "ingen del"),
        ("1", "bou", "Kanske", "inget svarsalternativ"),
        ("3", "x", "Ja", "inga delar"),
        ("4", None, "2.5", "heltal"),
        ("4", None, "-1", "mindre än 0"),
        ("4", None, "Vet ej", "«Vet ej» går inte"),
        ("29", None, "tio", "inget tal"),
    ],
)
def test_answers_not_allowed(
    catalog: Catalog, qid: str, part: str | None, raw: str, match: str
) -> None:
    assert catalog.survey is not None
    with pytest.raises(AnswerNotAllowed, match=match):
        normalise(catalog.survey.question(qid), part, raw)


def test_counts_may_not_exceed_their_total(catalog: Catalog) -> None:
    assert catalog.survey is not None
    answers = {
        ("4", None): "10",
        ("4a", None): "11",
        ("4b", None): "10",
        ("29", None): "5",
        ("29a", None): "6",
    }
    problems = check_answers(catalog.survey, answers)
    assert [(p.type, p.field) for p in problems] == [
        ("exceeds-bound", "4a"),
        ("exceeds-bound", "29a"),
    ]
    assert "kan inte vara större än svaret på fråga 4" in problems[0].message


def test_answer_to_a_question_not_asked(catalog: Catalog) -> None:
    assert catalog.survey is not None
    problems = check_answers(catalog.survey, {("3", None): "nej", ("3a", "barn"): "ja"})
    assert [(p.type, p.field) for p in problems] == [("answer-not-asked", "3a")]
    assert "«Ja»" in problems[0].message


def test_unanswered_required(catalog: Catalog) -> None:
    assert catalog.survey is not None
    answers = {("1", "bou"): "ja", ("1", "vuxen"): "nej"}
    missing = [q.id for q in unanswered_required(catalog.survey, answers)]
    assert missing[:2] == ["1", "2"]  # 1 lacks a part; 1a is not required
    assert "1a" not in missing and "8" not in missing
