"""Which answers count as yes: revealed by the published shares, else the default rule."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from jamfor.core.yes_rules import (
    PublishedShare,
    candidates,
    decide_yes,
    default_yes,
    rank_answers,
)

FOR_ALL = ("Nej", "Ja, men inte för alla", "Ja, för alla")


def _published(answers: dict[str, str], counted: set[str], decimals: int = 0) -> PublishedShare:
    share = Decimal(sum(a in counted for a in answers.values())) * 100 / len(answers)
    q = Decimal(1).scaleb(-decimals)
    return PublishedShare(
        "Riket", share.quantize(q, rounding=ROUND_HALF_UP), decimals, tuple(answers)
    )


def _answers(pattern: list[str]) -> dict[str, str]:
    return {f"{i:04d}": a for i, a in enumerate(pattern)}


def test_answers_ranked_from_full_yes_to_no() -> None:
    assert rank_answers(FOR_ALL) == ("Ja, för alla", "Ja, men inte för alla", "Nej")
    assert rank_answers(["Nej", "Delvis", "Ja"]) == ("Ja", "Delvis", "Nej")
    assert rank_answers(["Nej", "Nej, men fattat beslut", "Ja"]) == (
        "Ja",
        "Nej, men fattat beslut",
        "Nej",
    )
    assert rank_answers(["15 dagar eller mer", "8-14 dagar", "Inom 7 dagar"]) == (
        "Inom 7 dagar",
        "8-14 dagar",
        "15 dagar eller mer",
    )
    # a plain «Nej» is never in a candidate set
    assert candidates(["Nej", "Delvis", "Ja"]) == [("Ja",), ("Ja", "Delvis")]


def test_default_rule_per_answer_pattern() -> None:
    # answers beginning «Ja» count …
    assert default_yes("Erbjuder rådgivning", ["Ja", "Delvis", "Nej"]) == ("Ja",)
    assert default_yes("Överenskommelse med hyresvärdar", ["Ja", "Ja, med vissa", "Nej"]) == (
        "Ja",
        "Ja, med vissa",
    )
    # … but not the partial ones where the label demands all
    assert default_yes("Insats till alla personer 18-24 år", FOR_ALL) == ("Ja, för alla",)
    assert default_yes("Samverkan med samtliga hyresvärdar", ["Ja", "Ja, med vissa"]) == ("Ja",)
    # «Nej, men …» never
    assert default_yes("Använt resultat", ["Ja", "Nej, men fattat beslut", "Nej"]) == ("Ja",)
    # no answer says «Ja»: the best one
    assert default_yes("Väntetid", ["15 dagar eller mer", "Inom 14 dagar"]) == ("Inom 14 dagar",)


def test_the_published_share_reveals_the_rule() -> None:
    answers = _answers(["Ja, för alla"] * 40 + ["Ja, men inte för alla"] * 35 + ["Nej"] * 25)
    only_full = decide_yes(
        "Insats till personer över 24 år", FOR_ALL, answers, [_published(answers, {"Ja, för alla"})]
    )
    assert only_full.answers == ("Ja, för alla",) and not only_full.review
    assert only_full.note == "«Ja, för alla» räknas som ja: härledd ur rikets 40 %."
    # the label demands all, yet the published share counts the partial answer too
    both = decide_yes(
        "Insats till alla personer",
        FOR_ALL,
        answers,
        [_published(answers, {"Ja, för alla", "Ja, men inte för alla"})],
    )
    assert both.answers == ("Ja, för alla", "Ja, men inte för alla") and both.basis == "published"
    assert "härledd ur rikets 75 %" in both.note


def test_no_fitting_set_falls_back_to_the_default_for_review() -> None:
    answers = _answers(["Ja"] * 50 + ["Delvis"] * 20 + ["Nej"] * 30)
    odd = PublishedShare("Riket", Decimal(61), 0, tuple(answers))
    decision = decide_yes("Erbjuder rådgivning", ["Ja", "Delvis", "Nej"], answers, [odd])
    assert decision.answers == ("Ja",) and decision.review and decision.basis == "default"
    assert "inget rimligt urval" in decision.note and "Granska" in decision.note
    nothing = decide_yes("Erbjuder rådgivning", ["Ja", "Delvis", "Nej"], answers, [])
    assert nothing.review and "inga publicerade andelar" in nothing.note


def test_two_sets_that_fit_equally_are_not_guessed_between() -> None:
    # 40 % Ja, 10 % Delvis: a county with one Delvis among ten, rounded to whole percent,
    # cannot tell 40 from 45 … but Riket at one decimal can
    answers = _answers(["Ja"] * 9 + ["Delvis"] * 1 + ["Nej"] * 990)
    coarse = _published(answers, {"Ja"})  # 0.9 % → «1»
    decision = decide_yes("Erbjuder rådgivning", ["Ja", "Delvis", "Nej"], answers, [coarse])
    assert decision.review and "flera urval" in decision.note
    fine = _published(answers, {"Ja"}, decimals=1)
    assert not decide_yes("Erbjuder rådgivning", ["Ja", "Delvis", "Nej"], answers, [fine]).review


@given(
    pattern=st.lists(st.sampled_from(["Ja", "Ja, med vissa", "Delvis", "Nej"]), min_size=20),
    cut=st.integers(min_value=1, max_value=3),
    decimals=st.integers(min_value=0, max_value=1),
)
def test_a_revealed_rule_counts_as_the_hidden_one(
    pattern: list[str], cut: int, decimals: int
) -> None:
    values = ["Ja", "Ja, med vissa", "Delvis", "Nej"]
    hidden = set(values[:cut])
    answers = _answers(pattern)
    decision = decide_yes("Samverkan", values, answers, [_published(answers, hidden, decimals)])
    if decision.basis == "published":
        # whatever set was revealed, it counts exactly the municipalities the hidden one does
        assert {c for c, a in answers.items() if a in decision.answers} == {
            c for c, a in answers.items() if a in hidden
        }
    else:
        assert decision.review
