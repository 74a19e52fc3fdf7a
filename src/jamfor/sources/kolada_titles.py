"""Read a Kolada KPI title: the label as printed and the answer coding in parentheses.

Kolada stores each OJ survey answer as a number and says in the KPI's title what
the numbers mean. The titles are written by hand and vary::

    Socialjour tillgänglig utanför kontorstid, (Ja=1, Nej=0)
    … hushållsekonomisk rådgivning, (Ja=1 Nej=0)
    … till alla personer 18-24 år …, (Ja, för alla=2, Ja, men inte för alla=1, Nej=0)
    … hyresvärdar, (Ja=2, Ja=, med vissa=1, Nej=0)
    Väntetid …, (Max 14 dagar = 1, 15 dagar eller mer = 0)
    … könsperspektiv …, (-2017 Ja=1, Nej=0. 2018- 2=Ja, 1=Delvis och 0=Nej)
    … SIP …, (Ja=1, Nej=0) (-2016)
    … FIA …, (Ja=1, Nej=0). Källa: Kommunenkäten öppna jämförelser socialtjänst.
    Handläggare … som har socionomexamen, andel (%)

Every form in the bundled list of 318 KPIs is read (a test reads them all). A title
this module cannot read raises :class:`TitleNotUnderstood` naming the KPI: a coding
is never guessed, since a wrong guess would turn a "Nej" into a "Ja".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jamfor.catalog.model import CodedAnswer, Coding
from jamfor.core.problems import JamforError


class TitleNotUnderstood(JamforError):
    """A KPI title whose answer coding jamfor cannot read."""


@dataclass(frozen=True)
class KpiTitle:
    """A parsed title: the label, the codings (empty for a share) and the years it ran."""

    label: str
    codings: tuple[Coding, ...]
    percent: bool = False
    first_year: int | None = None
    last_year: int | None = None


_SOURCE = re.compile(r"\.?\s*Källa:.*$", re.IGNORECASE)
_VALIDITY = re.compile(r"\s*\((?:(-)(\d{4})|(\d{4})-(\d{4})?)\)\s*\.?\s*$")
_LAST_PAREN = re.compile(r"\(([^()]*)\)\s*\.?\s*$")
_PERCENT = re.compile(r"andel\s*\(%\)\s*\.?\s*$", re.IGNORECASE)
_BY_YEAR = re.compile(r"^-\s*(\d{4})\s+(.+?)\.\s*(\d{4})\s*-\s+(.+)$")
_LABEL_CODE = re.compile(r"=\s*(\d+)")
_CODE_LABEL = re.compile(r"(\d+)\s*=\s*(.+?)\s*(?=,\s*\d+\s*=|\s+och\s+\d+\s*=|$)")


def _fail(kpi: str, title: str, why: str) -> TitleNotUnderstood:
    return TitleNotUnderstood(
        f"Nyckeltalet {kpi} har en titel som jamfor inte kan läsa ({why}): «{title}». "
        "Skriv katalogen för hand (jamfor katalog skapa, sedan --catalog FIL)."
    )


def _label_code(text: str) -> list[CodedAnswer] | None:
    """``Ja, för alla=2, Ja, men inte för alla=1, Nej=0`` (labels may hold commas)."""
    answers = []
    start = 0
    for m in _LABEL_CODE.finditer(text):
        label = text[start : m.start()].strip().lstrip(",").strip()
        # "Ja=, med vissa" is Kolada's typo for "Ja, med vissa"
        label = re.sub(r"\s*=\s*,", ",", label).strip()
        if not label or "=" in label:
            return None
        answers.append(CodedAnswer(code=int(m.group(1)), label=label))
        start = m.end()
    if text[start:].strip(" .,"):
        return None
    return answers


def _code_label(text: str) -> list[CodedAnswer] | None:
    """``2=Ja, 1=Delvis och 0=Nej``."""
    answers = [
        CodedAnswer(code=int(m.group(1)), label=m.group(2).strip(" .,"))
        for m in _CODE_LABEL.finditer(text.strip())
    ]
    return answers or None


def _answers(kpi: str, title: str, text: str) -> tuple[CodedAnswer, ...]:
    text = text.strip().rstrip(".")
    found = _code_label(text) if re.match(r"^\d+\s*=", text) else _label_code(text)
    if not found or len(found) < 2:
        raise _fail(kpi, title, f"svarskodningen «{text}»")
    codes = [a.code for a in found]
    if len(set(codes)) != len(codes):
        raise _fail(kpi, title, "samma kod står för två svar")
    labels = [a.label.casefold() for a in found]
    if len(set(labels)) != len(labels):
        raise _fail(kpi, title, "samma svar har två koder")
    return tuple(found)


def parse_title(kpi: str, title: str) -> KpiTitle:
    """The label and answer coding of an OJ survey KPI's title."""
    text = " ".join(title.split())
    text = _SOURCE.sub("", text).strip()
    first = last = None
    validity = _VALIDITY.search(text)
    if validity and "=" not in validity.group(0):
        if validity.group(1):
            last = int(validity.group(2))
        else:
            first = int(validity.group(3))
            last = int(validity.group(4)) if validity.group(4) else None
        text = text[: validity.start()].strip()
    if _PERCENT.search(text):
        return KpiTitle(label=text.rstrip(" ."), codings=(), percent=True)
    paren = _LAST_PAREN.search(text)
    if paren is None or "=" not in paren.group(1):
        raise _fail(kpi, title, "ingen svarskodning inom parentes")
    label = text[: paren.start()].strip().rstrip(",").strip()
    if not label:
        raise _fail(kpi, title, "ingen rubrik före svarskodningen")
    coding = paren.group(1).strip()
    by_year = _BY_YEAR.match(coding)
    codings: tuple[Coding, ...]
    if by_year:
        until, before, since, after = by_year.groups()
        codings = (
            Coding(last_year=int(until), answers=_answers(kpi, title, before)),
            Coding(first_year=int(since), answers=_answers(kpi, title, after)),
        )
    else:
        codings = (Coding(answers=_answers(kpi, title, coding)),)
    return KpiTitle(label=label, codings=codings, first_year=first, last_year=last)
