"""A group's results beside its reference units: the heart of every report.

:func:`compare` takes a :class:`~jamfor.core.dataset.Dataset` and a
:class:`~jamfor.registry.model.Group` and returns plain result objects; the
CLI, the report and the web app only present them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from jamfor.catalog.model import Catalog, Indicator, Table
from jamfor.core.collation import swedish_key
from jamfor.core.counting import GroupFigure, group_figure
from jamfor.core.dataset import Dataset
from jamfor.core.numbers import parse_number, round_half_up
from jamfor.core.values import Checked, check_value, reference_figure
from jamfor.registry.model import Group, Unit


@dataclass(frozen=True)
class IndicatorComparison:
    """One indicator: each member's value, the group figure and the references.

    ``differences`` are the group figure minus each reference, in percentage
    points for shares and percentages, in the indicator's unit otherwise.
    """

    indicator: Indicator
    values: dict[str, Checked]
    snitt: GroupFigure
    published_snitt: Decimal | None
    references: dict[str, Decimal | None]
    differences: dict[str, Decimal | None]
    published_references: dict[str, Decimal | None] = field(default_factory=dict)

    @property
    def mismatch(self) -> bool:
        """The computed Snitt differs from the one published with the input."""
        return (
            self.published_snitt is not None
            and self.snitt.value is not None
            and round_half_up(self.published_snitt, self.indicator.decimals) != self.snitt.value
        )

    @property
    def difference_unit(self) -> str:
        return "procentenheter" if self.indicator.unit == "%" else self.indicator.unit


@dataclass(frozen=True)
class TableComparison:
    table: Table
    indicators: tuple[IndicatorComparison, ...]


@dataclass(frozen=True)
class GroupComparison:
    catalog: Catalog
    group: Group
    members: tuple[Unit, ...]
    references: tuple[Unit, ...]
    tables: tuple[TableComparison, ...]
    published_label: str | None
    unused_published: tuple[str, ...]

    @property
    def year(self) -> int:
        return self.catalog.year

    def indicators(self) -> Iterator[IndicatorComparison]:
        for t in self.tables:
            yield from t.indicators

    def mismatches(self) -> list[IndicatorComparison]:
        return [i for i in self.indicators() if i.mismatch]


def _published_label(group: Group, labels: set[str]) -> str | None:
    wanted = {group.snitt_label.casefold(), "snitt", f"snitt i {group.name}".casefold()}
    return next((lab for lab in sorted(labels) if lab.casefold() in wanted), None)


def _given_reference(
    catalog: Catalog, ind: Indicator, cells: dict[tuple[str, str, str], str], code: str
) -> Decimal | None:
    """A reference unit's figure as the input gives it (a published share, or its own answer)."""
    raw = cells.get((ind.id, code, "reference"))
    if raw is not None:
        return reference_figure(catalog, ind, check_value(catalog, ind, raw, reference=True))
    raw = cells.get((ind.id, code, "answer"))
    if raw is None:
        return None
    return reference_figure(catalog, ind, check_value(catalog, ind, raw))


def compare(dataset: Dataset, group: Group, units: dict[str, Unit]) -> GroupComparison:
    """Compare a group's members with each other and with the reference units.

    ``units`` maps every code in the dataset to its :class:`Unit` (the
    registry's), so that any Riket or county row in the input is shown as a
    reference even when the group does not name it.
    """
    catalog = dataset.catalog
    cells: dict[tuple[str, str, str], str] = {}
    for unit, indicator, value, role in dataset.values.select(
        "unit", "indicator", "value", "role"
    ).iter_rows():
        cells[(indicator, unit, role)] = value
    members = tuple(sorted(group.members, key=lambda u: swedish_key(u.name)))
    member_codes = {u.code for u in members}

    present = {unit for (_, unit, _) in cells}
    districts: dict[str, list[str]] = {}
    for code in present:
        parent = units[code].parent if code in units else None
        if parent is not None:
            districts.setdefault(parent, []).append(code)
    present |= set(districts)
    given_as_reference = {unit for (_, unit, role) in cells if role == "reference"}
    references = [u for u in group.references if u.code in present]
    extra = given_as_reference - {u.code for u in references} - member_codes
    references += sorted(
        (units[c] for c in extra if c in units),
        key=lambda u: (u.kind != "riket", u.kind != "lan", swedish_key(u.display_reference)),
    )
    order = catalog.report.reference_order
    if order:
        references.sort(key=lambda u: order.index(u.code) if u.code in order else len(order))

    labels = set(dataset.published.get_column("label").unique().to_list())
    label = _published_label(group, labels)
    published: dict[str, Decimal | None] = {}
    if label is not None:
        for indicator, value in (
            dataset.published.filter(dataset.published["label"] == label)
            .select("indicator", "value")
            .iter_rows()
        ):
            published[indicator] = parse_number(value)

    tables = []
    for table in catalog.tables:
        results = []
        for ind in table.indicators:
            values: dict[str, Checked] = {}
            for u in members:
                raw = cells.get((ind.id, u.code, "answer"))
                if raw is not None:
                    values[u.code] = check_value(catalog, ind, raw)
            figure = group_figure(catalog, ind, [values.get(u.code) for u in members])
            refs: dict[str, Decimal | None] = {}
            given_refs: dict[str, Decimal | None] = {}
            for ref in references:
                given = _given_reference(catalog, ind, cells, ref.code)
                parts = [
                    check_value(catalog, ind, raw)
                    for code in sorted(districts.get(ref.code, ()))
                    if (raw := cells.get((ind.id, code, "answer"))) is not None
                ]
                if parts and ind.is_share:
                    # A city with districts is the share of its districts answering yes.
                    refs[ref.code] = group_figure(catalog, ind, parts).value
                    if given is not None:
                        given_refs[ref.code] = given
                else:
                    refs[ref.code] = given
            diffs = {
                code: None if (r is None or figure.value is None) else figure.value - r
                for code, r in refs.items()
            }
            results.append(
                IndicatorComparison(
                    indicator=ind,
                    values=values,
                    snitt=figure,
                    published_snitt=published.get(ind.id),
                    references=refs,
                    differences=diffs,
                    published_references=given_refs,
                )
            )
        tables.append(TableComparison(table=table, indicators=tuple(results)))
    return GroupComparison(
        catalog=catalog,
        group=group,
        members=members,
        references=tuple(references),
        tables=tuple(tables),
        published_label=label,
        unused_published=tuple(sorted(labels - ({label} if label else set()))),
    )
