"""The report as data: built once, rendered as HTML (and later PDF and Word).

Every renderer reads the same :class:`Report`, so the three formats cannot
disagree on a number. Cells are already formatted for a Swedish reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

RowKind = Literal["unit", "snitt", "reference"]


@dataclass(frozen=True)
class Cell:
    text: str
    missing: bool = False
    title: str | None = None


@dataclass(frozen=True)
class Row:
    header: str
    cells: tuple[Cell, ...]
    kind: RowKind = "unit"


@dataclass(frozen=True)
class Note:
    heading: str
    paragraphs: tuple[str, ...]
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoteBlock:
    """Interpretations agreed at a quality meeting, printed under a table."""

    title: str
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class ReportTable:
    anchor: str
    number: str
    title: str
    captions: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    footnotes: tuple[str, ...] = ()
    notes: NoteBlock | None = None
    source: str | None = None
    texts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    level: int
    paragraphs: tuple[str, ...] = ()
    tables: tuple[ReportTable, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class SurveyQuestion:
    number: str
    text: str
    measured: str | None
    asked_when: str | None
    options: tuple[str, ...]
    parts: tuple[str, ...]
    answer: str | None
    interpretations: tuple[Note, ...] = ()


@dataclass(frozen=True)
class SurveyAppendix:
    title: str
    intro: tuple[str, ...]
    sections: tuple[tuple[str, tuple[SurveyQuestion, ...]], ...]


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    year: int
    group_name: str
    lang: str = "sv"
    sections: tuple[Section, ...] = ()
    appendix: SurveyAppendix | None = None
    warnings: tuple[str, ...] = field(default=())
