"""A group's results beside its reference units: the heart of every report.

:func:`compare` takes a :class:`~jamfor.core.dataset.Dataset` and a
:class:`~jamfor.registry.model.Group` and returns plain result objects; the
CLI, the report and the web app only present them.

Reference figures. A figure published with the input (Riket's "54.3 %") is the
one shown. A figure jamfor can compute — a city from its districts, Riket and a
county from national data, a kommungrupp or "liknande kommuner" from their
members, always as the unweighted share or mean like Kolada's "ovägt medel" —
is shown when nothing is published and otherwise kept beside the published one;
when the two differ the difference is flagged (:attr:`reference_mismatches`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jamfor.catalog.model import Catalog, Indicator, Table
from jamfor.core.collation import swedish_key
from jamfor.core.counting import GroupFigure, group_figure
from jamfor.core.dataset import Dataset
from jamfor.core.index import DatasetIndex, municipalities_of
from jamfor.core.numbers import parse_number, round_half_up
from jamfor.core.quartiles import Colour, QuartileBounds, colour_for
from jamfor.core.values import Checked, reference_figure
from jamfor.registry.model import Group, Unit

NATIONAL_COVERAGE = 145
"""Municipalities with a value needed before Riket, counties and quartile colours
are computed from the data: half of the 290, so a regional file never passes
for the nation."""


@dataclass(frozen=True)
class Change:
    """The group figure's change since the latest earlier year with data."""

    since: int
    previous: Decimal
    change: Decimal


@dataclass(frozen=True)
class IndicatorComparison:
    """One indicator: each member's value, the group figure and the references.

    ``differences`` are the group figure minus each shown reference, in
    percentage points for shares and percentages, in the indicator's unit
    otherwise. ``colours`` holds quartile colours when national data is loaded.
    """

    indicator: Indicator
    values: dict[str, Checked]
    snitt: GroupFigure
    published_snitt: Decimal | None
    references: dict[str, Decimal | None]
    differences: dict[str, Decimal | None]
    published_references: dict[str, Decimal] = field(default_factory=dict)
    computed_references: dict[str, Decimal] = field(default_factory=dict)
    colours: dict[str, Colour] = field(default_factory=dict)
    bounds: QuartileBounds | None = None
    change: Change | None = None
    answer_counts: dict[str, int] = field(default_factory=dict)
    """Yes/no indicators: how many members gave each answer, in the catalog's order."""

    @property
    def mismatch(self) -> bool:
        """The computed Snitt differs from the one published with the input."""
        return (
            self.published_snitt is not None
            and self.snitt.value is not None
            and round_half_up(self.published_snitt, self.indicator.decimals) != self.snitt.value
        )

    @property
    def reference_mismatches(self) -> dict[str, tuple[Decimal, Decimal]]:
        """References whose published and computed figures differ: code → (published, computed)."""
        out = {}
        for code, computed in self.computed_references.items():
            published = self.published_references.get(code)
            if published is None:
                continue
            d = self.indicator.decimals
            if round_half_up(published, d) != round_half_up(computed, d):
                out[code] = (published, computed)
        return out

    @property
    def difference_unit(self) -> str:
        return "procentenheter" if self.indicator.in_percent else self.indicator.unit


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
    national: bool = False
    synthetic: bool = False
    preliminary: bool = False

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


def _computed_reference(
    cells: DatasetIndex,
    ind: Indicator,
    ref: Unit,
    districts: Mapping[str, list[str]],
    national: list[str],
    reference_groups: Mapping[str, Sequence[str]],
    units: Mapping[str, Unit],
) -> Decimal | None:
    if ref.code in reference_groups:
        return cells.figure_over(ind, reference_groups[ref.code])
    if ref.code in districts and ind.is_share:
        # A city with districts is the share of its districts answering yes.
        return cells.figure_over(ind, districts[ref.code])
    if len(national) >= NATIONAL_COVERAGE:
        if ref.kind == "riket":
            return cells.figure_over(ind, national)
        if ref.kind == "lan":
            return cells.figure_over(
                ind, [c for c in national if units[c].lan_code == ref.lan_code]
            )
    return None


def _given_reference(cells: DatasetIndex, ind: Indicator, code: str) -> Decimal | None:
    raw = cells.raw.get((ind.id, code, "reference"))
    if raw is None:
        return None
    return reference_figure(cells.catalog, ind, cells.check(ind, raw, reference=True))


def _change(
    cells: DatasetIndex, ind: Indicator, members: Sequence[Unit], now: Decimal | None
) -> Change | None:
    if now is None:
        return None
    for year in sorted(cells.history[ind.id], reverse=True):
        present = cells.history_cells(ind, year, [u.code for u in members])
        if not present:
            continue
        prev = group_figure(cells.catalog, ind, present).value
        if prev is not None:
            return Change(since=year, previous=prev, change=now - prev)
    return None


def _answer_counts(ind: Indicator, cells: Iterable[Checked]) -> dict[str, int]:
    if not ind.is_share:
        return {}
    given = Counter(c.text for c in cells if not c.missing)
    order = [v for v in ind.values if v in given]
    return {v: given[v] for v in [*order, *sorted(set(given) - set(order))]}


def compare(
    dataset: Dataset,
    group: Group,
    units: Mapping[str, Unit],
    extra_references: Sequence[tuple[Unit, Sequence[str]]] = (),
) -> GroupComparison:
    """Compare a group's members with each other and with the reference units.

    ``units`` maps every code in the dataset to its :class:`Unit` (the
    registry's), so that any Riket or county row in the input is shown as a
    reference even when the group does not name it. ``extra_references`` adds
    computed references such as the members' kommungrupp: a unit standing for
    the group and the municipality codes it is computed from.
    """
    catalog = dataset.catalog
    cells = dataset.index
    members = tuple(sorted(group.members, key=lambda u: swedish_key(u.name)))
    member_codes = {u.code for u in members}

    present = set(cells.present)
    districts: dict[str, list[str]] = defaultdict(list)
    for code in sorted(present):
        parent = units[code].parent if code in units else None
        if parent is not None:
            districts[parent].append(code)
    national_units = {c for c in present if c in units and units[c].kind == "kommun"}
    is_national = len(national_units) >= NATIONAL_COVERAGE
    computable = set(districts) | (
        {"0000"} | {f"00{u.lan_code}" for u in members} if is_national else set()
    )
    given_as_reference = cells.given_as_reference

    references = [u for u in group.references_for(catalog.year) if u.code in present | computable]
    extra = given_as_reference - {u.code for u in references} - member_codes
    # a national file publishes every county: beside the group stand only its own counties
    own_counties = {u.lan_code for u in members}
    shown_extra = {
        c
        for c in extra
        if c in units and (units[c].kind != "lan" or units[c].lan_code in own_counties)
    }
    references += sorted(
        (units[c] for c in shown_extra),
        key=lambda u: (u.kind != "riket", u.kind != "lan", swedish_key(u.display_reference)),
    )
    reference_groups = {unit.code: tuple(codes) for unit, codes in extra_references}
    references += [unit for unit, _ in extra_references]

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
            values = {u.code: c for u in members if (c := cells.checked(ind, u.code)) is not None}
            figure = group_figure(catalog, ind, [values.get(u.code) for u in members])
            national = municipalities_of(cells.units_with_answers(ind), units)
            shown: dict[str, Decimal | None] = {}
            given_refs: dict[str, Decimal] = {}
            computed_refs: dict[str, Decimal] = {}
            for ref in references:
                given = _given_reference(cells, ind, ref.code)
                computed = _computed_reference(
                    cells, ind, ref, districts, national, reference_groups, units
                )
                if given is not None:
                    given_refs[ref.code] = given
                if computed is not None:
                    computed_refs[ref.code] = computed
                own = cells.checked(ind, ref.code)
                fallback = None if own is None else reference_figure(catalog, ind, own)
                shown[ref.code] = (
                    given if given is not None else computed if computed is not None else fallback
                )
            diffs = {
                code: None if (r is None or figure.value is None) else figure.value - r
                for code, r in shown.items()
            }
            bounds = None
            colours: dict[str, Colour] = {}
            if not ind.is_share and len(national) >= NATIONAL_COVERAGE:
                bounds = cells.bounds(ind, national)
                for u in members:
                    c = values.get(u.code)
                    colour = colour_for(
                        None if c is None or c.missing else c.number, bounds, ind.direction
                    )
                    if colour is not None:
                        colours[u.code] = colour
            results.append(
                IndicatorComparison(
                    answer_counts=_answer_counts(ind, values.values()),
                    indicator=ind,
                    values=values,
                    snitt=figure,
                    published_snitt=published.get(ind.id),
                    references=shown,
                    differences=diffs,
                    published_references=given_refs,
                    computed_references=computed_refs,
                    colours=colours,
                    bounds=bounds,
                    change=_change(cells, ind, members, figure.value),
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
        national=is_national,
        synthetic=dataset.synthetic,
        preliminary=dataset.preliminary,
    )
