"""The catalog's shape: one area and year of Öppna jämförelser, as data.

The YAML files under ``catalog/<area>/<year>.yaml`` are validated against these
models when loaded, so a typo in a catalog fails loudly at start-up instead of
silently dropping an indicator from a report. The models are frozen: a catalog
is reference data and nothing downstream may edit it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- survey


class Option(_Frozen):
    """One answer option as printed in the survey.

    ``code`` is the stable handle that rules refer to (``ja``, ``nej``,
    ``integrerat`` …); ``label`` is the short form that result tables print
    ("Integrerat" rather than the option's full sentence).
    """

    code: str
    text: str
    label: str | None = None

    @property
    def short(self) -> str:
        return self.label or self.text


class Part(_Frozen):
    """A row of a grid question (for example one verksamhetsområde in fråga 1)."""

    id: str
    label: str
    options: tuple[Option, ...] | None = None
    with_text: bool = False


class Condition(_Frozen):
    """When a follow-up question is asked.

    Either a single test on one question (and part) — ``answer_in`` option
    codes, or ``greater_than`` a number — or ``any`` of several conditions.
    """

    question: str | None = None
    part: str | None = None
    answer_in: tuple[str, ...] | None = None
    greater_than: Decimal | None = None
    any: tuple[Condition, ...] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        if self.any is not None:
            if self.question or self.answer_in or self.greater_than is not None:
                raise ValueError("'any' cannot be combined with a single test")
            return self
        if self.question is None:
            raise ValueError("a condition needs 'question' or 'any'")
        if (self.answer_in is None) == (self.greater_than is None):
            raise ValueError("a condition needs exactly one of 'answer_in' and 'greater_than'")
        return self


class Period(_Frozen):
    start: dt.date
    end: dt.date


class Measurement(_Frozen):
    """The date or period a question's answer refers to."""

    date: dt.date | None = None
    period: Period | None = None
    year: int | None = None


class NumberSpec(_Frozen):
    """Which numbers a number question accepts."""

    whole: bool = True
    minimum: Decimal = Decimal(0)
    unknown_allowed: bool = False
    unit: str | None = None


QuestionKind = Literal["choice", "choice_grid", "number", "number_grid", "text"]


class Question(_Frozen):
    id: str
    text: str
    kind: QuestionKind
    help: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    parts: tuple[Part, ...] = ()
    required: bool = False
    measured: Measurement | None = None
    asked_when: Condition | None = None
    number: NumberSpec | None = None
    at_most: str | None = Field(
        default=None, description="id of a number question this answer may not exceed"
    )
    comment: bool = True

    def options_for(self, part: str | None) -> tuple[Option, ...]:
        if part is not None:
            for p in self.parts:
                if p.id == part and p.options is not None:
                    return p.options
        return self.options

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)


class SurveySection(_Frozen):
    id: str
    title: str
    intro: str | None = None
    questions: tuple[Question, ...]


class Survey(_Frozen):
    title: str
    intro: tuple[str, ...] = ()
    answer_period: Period | None = None
    deadline: dt.date | None = None
    instructions: tuple[str, ...] = ()
    sections: tuple[SurveySection, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)


# --------------------------------------------------------------------------- indicators


class QuestionRef(_Frozen):
    question: str
    part: str | None = None


SurveyRule = Literal["answer", "current_routine", "all_yes", "ratio", "sum_ratio", "published"]


class Source(_Frozen):
    """Where an indicator's value for a municipality comes from.

    ``survey`` sources name the rule that turns raw answers into the value the
    results table prints (``published`` when the catalog does not hold the
    year's survey and the value can only be imported as published);
    ``register`` sources are figures Socialstyrelsen computes from its
    registers and can only be imported.
    """

    type: Literal["survey", "register"]
    rule: SurveyRule | None = None
    question: str | None = None
    part: str | None = None
    followup: str | None = None
    all_of: tuple[QuestionRef, ...] = ()
    numerator: QuestionRef | None = None
    denominator: QuestionRef | None = None
    measure: str | None = None
    kolada_kpi: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Source:
        if self.type == "register":
            if self.measure is None:
                raise ValueError("a register source needs 'measure'")
            return self
        need: dict[str, tuple[str, ...]] = {
            "answer": ("question",),
            "current_routine": ("question", "followup"),
            "all_yes": ("all_of",),
            "ratio": ("numerator", "denominator"),
            "sum_ratio": ("numerator", "denominator"),
            "published": ("measure",),
        }
        if self.rule is None:
            raise ValueError("a survey source needs 'rule'")
        missing = [f for f in need[self.rule] if not getattr(self, f)]
        if missing:
            raise ValueError(f"rule {self.rule!r} needs {', '.join(missing)}")
        return self

    @property
    def questions(self) -> tuple[str, ...]:
        """Every survey question this indicator is read from, in order."""
        ids: list[str] = []
        for q in (self.question, self.followup):
            if q:
                ids.append(q)
        for ref in (*self.all_of, self.numerator, self.denominator):
            if ref is not None:
                ids.append(ref.question)
        return tuple(dict.fromkeys(ids))


class Band(_Frozen):
    """One band of a banded answer (waiting time); ``max_days`` None = open-ended."""

    label: str
    max_days: int | None
    aliases: tuple[str, ...] = ()


class CodedAnswer(_Frozen):
    """One answer of a survey KPI as Kolada codes it: ``Ja=2`` is ``CodedAnswer(2, "Ja")``."""

    code: int
    label: str


class Coding(_Frozen):
    """The codes of a survey KPI's answers, for the years they applied.

    Kolada stores survey answers as numbers whose meaning its KPI title gives, and
    a few KPIs changed coding between years ("-2017 Ja=1, Nej=0. 2018- 2=Ja,
    1=Delvis och 0=Nej"): a code is read with the coding of the value's own year.
    """

    first_year: int | None = None
    last_year: int | None = None
    answers: tuple[CodedAnswer, ...]

    def applies_to(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )

    @property
    def top(self) -> CodedAnswer:
        """The answer with the highest code: the one that counts as yes."""
        return max(self.answers, key=lambda a: a.code)


def codes_in(codings: tuple[Coding, ...], year: int) -> tuple[CodedAnswer, ...]:
    """The answer codes in force ``year`` (the nearest coding when none names the year)."""
    if not codings:
        return ()
    for coding in codings:
        if coding.applies_to(year):
            return coding.answers
    before = [c for c in codings if c.last_year is not None and c.last_year < year]
    return (before[-1] if before else codings[0]).answers


class YesRule(_Frozen):
    """How a generated catalog decided which answers count as yes, for the reader to check.

    ``basis`` is ``published`` when the published Riket (and county) shares
    revealed the rule, ``kolada`` when the answer with the highest code counts,
    ``default`` when neither could decide; ``review`` asks a person to check it.
    """

    basis: Literal["published", "kolada", "default"]
    note: str
    review: bool = False


IndicatorKind = Literal["categorical", "banded", "number", "percent"]
Direction = Literal["higher_better", "lower_better", "neutral"]


class Indicator(_Frozen):
    id: str
    label: str
    kind: IndicatorKind
    source: Source
    direction: Direction
    unit: str = Field(description="unit of the group figure as printed, e.g. '%'")
    description: str | None = None
    aliases: tuple[str, ...] = Field(
        default=(), description="other headings for the indicator in Socialstyrelsen's files"
    )
    values: tuple[str, ...] = Field(
        default=(), description="categorical: the answers a municipality may have"
    )
    yes_answers: tuple[str, ...] | None = Field(
        default=None, description="categorical: answers counting as yes (default: catalog's)"
    )
    bands: tuple[Band, ...] = ()
    yes_within_days: int | None = None
    decimals: int = 1
    statement: str | None = Field(
        default=None,
        description="predicate for written sentences: 'Samtliga kommuner <statement>.'",
    )
    partial_answers: tuple[str, ...] = Field(
        default=("Delvis",), description="answers that mean 'partly' in written sentences"
    )
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    coding: tuple[Coding, ...] = Field(
        default=(), description="categorical from Kolada: the answers' codes, per years"
    )
    yes_rule: YesRule | None = Field(
        default=None, description="generated catalogs: how the yes answers were decided"
    )
    references_as_fraction: bool = Field(
        default=False,
        description="the source gives reference units' shares as fractions (0.62 for 62 %)",
    )

    @model_validator(mode="after")
    def _kind_fields(self) -> Indicator:
        if self.kind == "categorical" and not self.values:
            raise ValueError(f"{self.id}: a categorical indicator needs 'values'")
        if self.kind == "banded" and (not self.bands or self.yes_within_days is None):
            raise ValueError(f"{self.id}: a banded indicator needs 'bands' and 'yes_within_days'")
        return self

    def codes_for(self, year: int) -> tuple[CodedAnswer, ...]:
        """The answer codes in force ``year`` (the nearest coding when none names the year)."""
        return codes_in(self.coding, year)

    @property
    def review(self) -> bool:
        """A person should check which answers count as yes (a generated catalog's guess)."""
        return self.yes_rule is not None and self.yes_rule.review

    @property
    def is_share(self) -> bool:
        """True when the group figure is a share of municipalities answering yes."""
        return self.kind in ("categorical", "banded")

    @property
    def in_percent(self) -> bool:
        """True when the group figure is in percent, so differences are percentage points."""
        return self.is_share or self.unit == "%"

    @property
    def upper_bound(self) -> Decimal:
        """The largest figure a unit can have: ``maximum``, or what the kind of figure allows.

        Every catalog — written by hand, made from a workbook or from Kolada's
        metadata — gets a bound, so an absurd figure (a cost per inhabitant of
        10^28 kr) is refused on import instead of breaking a report later:
        shares and percentages at most 100, figures per something (kr per
        invånare, hushåll per handläggare, timmar per vecka) at most a million,
        days at most ten years, any other count or sum of kronor at most 10^12.
        """
        if self.maximum is not None:
            return self.maximum
        unit = self.unit.casefold()
        if self.in_percent or "procent" in unit or unit.startswith("andel"):
            return Decimal(100)
        if unit.startswith("dag") or self.kind == "banded":
            return Decimal(3650)
        described = f" {unit} {self.label} {self.source.measure or ''} ".casefold()
        if " per " in described or "/" in unit:
            return Decimal(1_000_000)
        return Decimal(1_000_000_000_000)


class Table(_Frozen):
    id: str
    title: str
    theme: str
    part: str
    notes: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...]


class Interpretation(_Frozen):
    """A reading of a survey question agreed at the joint quality meeting."""

    questions: tuple[str, ...]
    heading: str
    text: str


class Meeting(_Frozen):
    date: dt.date
    title: str
    interpretations: tuple[Interpretation, ...]


class ReportSettings(_Frozen):
    """How the year's report is laid out."""

    narrative: bool = False
    summary: bool = False


class Catalog(_Frozen):
    area: str
    area_name: str
    year: int
    title: str
    yes_answers: tuple[str, ...]
    missing_answers: tuple[str, ...]
    reading_guide: tuple[str, ...] = ()
    survey: Survey | None = None
    tables: tuple[Table, ...]
    meeting: Meeting | None = None
    report: ReportSettings = ReportSettings()
    generated_from: str | None = Field(
        default=None,
        description="a generated catalog: what it was generated from (a file, Kolada)",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        ids = [i.id for t in self.tables for i in t.indicators]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"duplicate indicator ids: {sorted(dupes)}")
        if self.survey is not None:
            known = {q.id for q in self.survey.questions}
            for ind in self.indicators:
                for qid in ind.source.questions:
                    if qid not in known:
                        raise ValueError(f"{ind.id}: unknown survey question {qid!r}")
            if self.meeting is not None:
                for note in self.meeting.interpretations:
                    for qid in note.questions:
                        if qid not in known:
                            raise ValueError(f"interpretation {note.heading!r}: unknown {qid!r}")
        return self

    def __repr__(self) -> str:
        # a whole catalog is hundreds of kilobytes of text: name it instead
        source = f", generated_from={self.generated_from!r}" if self.generated_from else ""
        return (
            f"Catalog(area={self.area!r}, year={self.year}, tables={len(self.tables)}, "
            f"indicators={len(self.indicators)}{source})"
        )

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for t in self.tables for i in t.indicators)

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def table_of(self, indicator_id: str) -> Table:
        for t in self.tables:
            if any(i.id == indicator_id for i in t.indicators):
                return t
        raise KeyError(indicator_id)

    def yes_for(self, indicator: Indicator) -> tuple[str, ...]:
        return indicator.yes_answers if indicator.yes_answers is not None else self.yes_answers

    def interpretations_for(self, table: Table) -> tuple[Interpretation, ...]:
        """The agreed interpretations of the questions this table's indicators read."""
        if self.meeting is None:
            return ()
        asked = {q for ind in table.indicators for q in ind.source.questions}
        return tuple(n for n in self.meeting.interpretations if asked.intersection(n.questions))
