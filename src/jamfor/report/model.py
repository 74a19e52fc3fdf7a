"""The report as data: built once, rendered as HTML, PDF and Word.

Every renderer reads the same :class:`Report`, so the three formats cannot
disagree on a number. Cells are already formatted for a Swedish reader, and
charts carry the same formatted figures as the tables they illustrate; the
renderers only draw them (``report/charts.py``), so no renderer computes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

RowKind = Literal["unit", "snitt", "change", "reference"]


SYNTHETIC_SOURCE = "SYNTETISKA DATA från jamfor demo-data (påhittade värden)"
"""A table's source when its values are synthetic: never credited to Socialstyrelsen."""


PRELIMINARY_TEXT = (
    "Tabellerna är beräknade ur gruppens egna enkätsvar i jamfor, med samma räkneregler som "
    "Öppna jämförelser, innan Socialstyrelsen har publicerat resultaten. Siffrorna kan ändras "
    "när de publicerade resultaten kommer."
)
"""What a preliminary report says first, in every format."""


@dataclass(frozen=True)
class ColourKey:
    """How a quartile colour is shown, so that it can be read without seeing colour.

    ``symbol`` is printed in the cell beside the figure; ``label`` and
    ``meaning`` make the legend under the table.
    """

    name: str
    symbol: str
    label: str
    meaning: str


# Socialstyrelsen colours register measures by quartile among all
# municipalities (jamfor.core.quartiles decides which). "Best" follows the
# indicator's direction: for most register measures the lowest values. The
# keys are the values of :attr:`Cell.colour`.
QUARTILE_COLOURS: dict[str, ColourKey] = {
    "green": ColourKey("green", "●", "grön", "bland den bästa fjärdedelen av landets kommuner"),
    "yellow": ColourKey("yellow", "▲", "gul", "bland de mellersta 50 procenten"),
    "red": ColourKey("red", "■", "röd", "bland den sämsta fjärdedelen av landets kommuner"),
    "grey": ColourKey("grey", "○", "grå", "uppgift saknas"),
}


@dataclass(frozen=True)
class Cell:
    """One formatted figure or answer.

    ``colour`` is the cell's quartile colour among all municipalities (a key of
    :data:`QUARTILE_COLOURS`), or None where no national data is loaded.
    """

    text: str
    missing: bool = False
    title: str | None = None
    colour: str | None = None

    def __post_init__(self) -> None:
        if self.colour is not None and self.colour not in QUARTILE_COLOURS:
            raise ValueError(f"unknown colour {self.colour!r}; use one of {list(QUARTILE_COLOURS)}")

    @property
    def numeric(self) -> bool:
        """A figure rather than an answer in words (figures never wrap)."""
        return bool(re.match(r"^[\s\d−+±<,.%\u00a0-]*\d", self.text))

    @property
    def colour_key(self) -> ColourKey | None:
        return None if self.colour is None else QUARTILE_COLOURS[self.colour]

    @property
    def display(self) -> str:
        """The text as every renderer prints it: the colour's symbol first, if any."""
        key = self.colour_key
        return f"{key.symbol} {self.text}" if key else self.text


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
    ordered: bool = False
    """The items were numbered («punkt 1» in the text refers to them)."""


@dataclass(frozen=True)
class NoteBlock:
    """Interpretations agreed at a quality meeting, printed under a table."""

    title: str
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class ChartValue:
    """A figure as drawn (``value``) and as printed beside it (``text``, as in the table)."""

    value: float | None
    text: str


@dataclass(frozen=True)
class ChartSeries:
    """One bar colour of a share chart: the group's Snitt or a reference unit."""

    label: str
    kind: RowKind
    values: tuple[ChartValue, ...]


@dataclass(frozen=True)
class ShareChart:
    """Yes/no indicators: the share answering yes per indicator, one bar per series."""

    indicators: tuple[str, ...]
    series: tuple[ChartSeries, ...]


@dataclass(frozen=True)
class ChartRow:
    label: str
    kind: RowKind
    value: ChartValue


@dataclass(frozen=True)
class UnitChart:
    """A number or percentage: each municipality beside the group, county and nation."""

    indicator: str
    unit: str
    rows: tuple[ChartRow, ...]


@dataclass(frozen=True)
class SeriesLine:
    """One line of a series chart: a member (``unit``) or the group (``snitt``), one value a period."""

    label: str
    kind: RowKind
    values: tuple[ChartValue, ...]


@dataclass(frozen=True)
class SeriesChart:
    """A measure over months (or quarters): a line per member and one for the group.

    ``periods`` are the x axis's labels; with ``group_apart`` (totals, many
    times the members' values) the group has a panel of its own above them.
    """

    title: str
    unit: str
    periods: tuple[str, ...]
    lines: tuple[SeriesLine, ...]
    group_apart: bool = False


@dataclass(frozen=True)
class Chart:
    """The picture beside a result table, drawn from the same figures as the table.

    ``description`` is the alternative text: what the picture shows, in a
    sentence or two; every number in it is also in the table.
    """

    description: str
    shares: ShareChart | None = None
    units: tuple[UnitChart, ...] = ()
    series: SeriesChart | None = None


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
    texts: tuple[str, ...] = ()
    """The written comparison, a paragraph per indicator, each opening with its finding."""
    chart: Chart | None = None
    breakable: bool = False
    """A long table that may run over pages (its header row repeats)."""

    @property
    def colours(self) -> tuple[ColourKey, ...]:
        """The colours used in this table's cells, in legend order."""
        used = {c.colour for r in self.rows for c in r.cells}
        return tuple(k for name, k in QUARTILE_COLOURS.items() if name in used)

    @property
    def colour_legend(self) -> str | None:
        """The legend line under a coloured table, or None when no cell is coloured."""
        keys = self.colours
        if not keys:
            return None
        return "Färger: " + "; ".join(f"{k.symbol} {k.label} = {k.meaning}" for k in keys) + "."


@dataclass(frozen=True)
class Block:
    """A paragraph of running text, or a list when ``items`` is given (numbered when
    ``ordered``): what an organisation writes before the tables keeps its shape."""

    text: str = ""
    items: tuple[str, ...] = ()
    ordered: bool = False


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    level: int
    paragraphs: tuple[str, ...] = ()
    tables: tuple[ReportTable, ...] = ()
    subsections: tuple[Section, ...] = ()
    blocks: tuple[Block, ...] = ()
    """Paragraphs and lists in their order, after ``paragraphs``."""
    links: tuple[Link, ...] = ()
    """Where to read more, printed last."""


@dataclass(frozen=True)
class Logo:
    data: bytes
    media_type: str
    """image/png, image/jpeg or image/svg+xml"""
    alt: str


@dataclass(frozen=True)
class TitlePage:
    """Who publishes the report: printed on its first page."""

    organisation: str | None = None
    authors: tuple[str, ...] = ()
    logo: Logo | None = None


@dataclass(frozen=True)
class Prose:
    """Text an organisation wrote: paragraphs and lists in order, then links."""

    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class FrontMatter:
    """What makes a report the organisation's publication (``--settings``): a title page,
    the introduction, the working model and «Om indikatorerna» before the tables, and for
    client statistics a comment per municipality."""

    title_page: TitlePage = field(default_factory=TitlePage)
    inledning: Prose = field(default_factory=Prose)
    arbetsmodell: Prose = field(default_factory=Prose)
    om_indikatorerna: Prose = field(default_factory=Prose)
    comments: dict[str, str] = field(default_factory=dict)


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
    synthetic: bool = False
    preliminary: bool = False
    """Computed from the members' own survey answers before publication: marked on every page."""
    made: dt.date = field(default_factory=dt.date.today)
    title_page: TitlePage | None = None

    @property
    def running_title(self) -> str:
        """The title as page headers print it."""
        return f"{self.title} – {self.subtitle}"

    def source_line(self, table: ReportTable) -> str | None:
        """The table's source as printed under it (the date the report was compiled is said
        once, on the title page)."""
        return table.source

    def tables(self) -> list[ReportTable]:
        """Every table in reading order."""
        out: list[ReportTable] = []

        def walk(sections: tuple[Section, ...]) -> None:
            for s in sections:
                out.extend(s.tables)
                walk(s.subsections)

        walk(self.sections)
        return out
