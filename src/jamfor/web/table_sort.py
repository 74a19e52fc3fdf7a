"""Sortable result tables: a button in each column header, with or without JavaScript.

Each data column's header holds a ``<button>`` that submits the table's own
GET form with ``?sortera=<tabell>:<kolumn>:stigande|fallande``; the server
then prints that table's municipality rows in that order (Snitt, change and
reference rows stay below them) and marks the header with ``aria-sort``.
With JavaScript (``static/jamfor/table-sort.js``) the same button sorts the
rows in place by each cell's ``data-sort`` value and updates ``aria-sort``
and the address, so a reload or a shared link shows the same order.

A missing value («–», «Vet ej») always comes last, never counted as zero.
Numbers sort by value, answers in Swedish alphabetical order.

Usage in a template::

    {% load table_sort %}
    {% sort_headers t order as headers %}
    {% for h in headers %}<th scope="col"{% if h.aria_sort %} aria-sort="{{ h.aria_sort }}"{% endif %}>…
    <td data-sort="{{ cell|sort_value }}">
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import template

from jamfor.core.collation import swedish_key
from jamfor.report.model import Cell, Report, ReportTable, Row, Section

register = template.Library()

PARAM = "sortera"
_ORDER = re.compile(r"^(?P<table>[\w-]{1,120}):(?P<column>\d{1,3}):(?P<way>stigande|fallande)$")
_NUMBER = re.compile(r"^[<>]?\s*(?P<sign>[−+-]?)(?P<digits>\d[\d\u00a0\u202f ]*(?:,\d+)?)")


@dataclass(frozen=True)
class SortOrder:
    """One table sorted by one data column (1 = the first after the row headers)."""

    table: str
    column: int
    descending: bool

    @property
    def value(self) -> str:
        return f"{self.table}:{self.column}:{'fallande' if self.descending else 'stigande'}"


def parse_order(text: str | None) -> SortOrder | None:
    """The order asked for in the address, or None when there is none or it is malformed."""
    found = _ORDER.match(text or "")
    if found is None:
        return None
    return SortOrder(found["table"], int(found["column"]), found["way"] == "fallande")


def number_of(cell: Cell) -> Decimal | None:
    """The figure a cell prints («1 095 kr», «37,5 %», «−3,2»), or None for an answer in words."""
    if cell.missing:
        return None
    found = _NUMBER.match(cell.text.strip())
    if found is None:
        return None
    digits = re.sub(r"[\u00a0\u202f ]", "", found["digits"]).replace(",", ".")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return -value if found["sign"] in ("−", "-") else value


@register.filter
def sort_value(cell: Cell) -> str:
    """What the browser sorts the cell by: its figure, its text, or nothing when missing."""
    if cell.missing:
        return ""
    value = number_of(cell)
    return cell.text if value is None else format(value, "f")


def _row_key(row: Row, column: int) -> tuple[int, Decimal, tuple[tuple[int, ...], str]]:
    cell = row.cells[column - 1]
    value = number_of(cell)
    if value is not None:
        return (0, value, swedish_key(row.header))
    return (1, Decimal(0), swedish_key(cell.text))


def sorted_table(table: ReportTable, order: SortOrder) -> ReportTable:
    """The table with its municipality rows in ``order``; missing values last, the rest below."""
    if order.table != table.anchor or not 1 <= order.column <= len(table.columns):
        return table
    units = [r for r in table.rows if r.kind == "unit"]
    rest = [r for r in table.rows if r.kind != "unit"]
    present = [r for r in units if not r.cells[order.column - 1].missing]
    missing = [r for r in units if r.cells[order.column - 1].missing]
    present.sort(key=lambda r: _row_key(r, order.column), reverse=order.descending)
    return dataclasses.replace(table, rows=tuple(present + missing + rest))


def _sorted_sections(sections: tuple[Section, ...], order: SortOrder) -> tuple[Section, ...]:
    return tuple(
        dataclasses.replace(
            s,
            tables=tuple(sorted_table(t, order) for t in s.tables),
            subsections=_sorted_sections(s.subsections, order),
        )
        for s in sections
    )


def sorted_report(report: Report, order: SortOrder) -> Report:
    """The report with the one table ``order`` names sorted; every other table as it was."""
    return dataclasses.replace(report, sections=_sorted_sections(report.sections, order))


def sorts(report: Report, order: SortOrder | None) -> bool:
    """Whether ``order`` names a column of one of the report's tables."""
    return order is not None and any(
        t.anchor == order.table and 1 <= order.column <= len(t.columns) for t in report.tables()
    )


@dataclass(frozen=True)
class Header:
    """A column header: its label, ``aria-sort`` when the table is sorted by it, the next order."""

    label: str
    column: int
    aria_sort: str | None
    next_value: str
    mark: str


@register.simple_tag
def sort_headers(table: ReportTable, order: SortOrder | None) -> list[Header]:
    headers = []
    for column, label in enumerate(table.columns, start=1):
        current = order is not None and order.table == table.anchor and order.column == column
        descending = bool(current and order is not None and order.descending)
        headers.append(
            Header(
                label=label,
                column=column,
                aria_sort=("descending" if descending else "ascending") if current else None,
                next_value=SortOrder(table.anchor, column, current and not descending).value,
                mark=("▼" if descending else "▲") if current else "↕",
            )
        )
    return headers
