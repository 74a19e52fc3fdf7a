"""Municipalities, reference units and groups.

Units are named by their kommunkod (Kolada's id for reference units: ``0000``
Riket, ``00`` + länskod for a county) so that a file naming "Upplands-Bro" and
another naming "0139" speak of the same unit.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from jamfor.core.collation import swedish_key
from jamfor.core.problems import UnknownNameError

UnitKind = Literal["kommun", "lan", "riket", "delomrade", "grupp"]


def _norm(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(frozen=True)
class Unit:
    """A municipality or a reference unit.

    ``reference_name`` is how the unit is printed when it stands beside a group
    as a reference: the municipality Stockholm is "Stockholms stad", region
    0001 is "Stockholms län".
    """

    code: str
    name: str
    kind: UnitKind
    lan_code: str | None = None
    lan: str | None = None
    reference_name: str | None = None
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    years: tuple[int | None, int | None] = (None, None)
    text_name: str | None = None
    kommungrupp: str | None = None
    kommungrupp_name: str | None = None

    @property
    def display_reference(self) -> str:
        return self.reference_name or self.name

    @property
    def in_text(self) -> str:
        """How running Swedish text names the unit ("riket", "Stockholm")."""
        return self.text_name or self.display_reference

    def exists_in(self, year: int) -> bool:
        first, last = self.years
        return (first is None or year >= first) and (last is None or year <= last)


@dataclass(frozen=True)
class KommunSortering:
    """Socialstyrelsen's sorting keys for a municipality (Tabell 1 of the 2015 report)."""

    code: str
    size_class: int
    skl_type: int
    socioeconomic_key: int


@dataclass(frozen=True)
class MunicipalityTypes:
    """A classification of municipalities (SKL 2011, SKR 2017): the types by code."""

    id: str
    title: str
    first_year: int | None
    last_year: int | None
    types: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Group:
    """A group of municipalities compared together, with its reference units."""

    id: str
    name: str
    snitt_label: str
    members: tuple[Unit, ...]
    references: tuple[Unit, ...] = ()
    members_noun: str = "kommuner i gruppen"
    references_by_year: dict[int, tuple[Unit, ...]] = field(default_factory=dict)

    def references_for(self, year: int) -> tuple[Unit, ...]:
        """The references the group's report shows a given year (its own format that year)."""
        return self.references_by_year.get(year, self.references)

    def member_codes(self) -> tuple[str, ...]:
        return tuple(u.code for u in self.members)


@dataclass(frozen=True)
class GroupSpec:
    """A bundled group as its file defines it (codes; resolved into a :class:`Group`)."""

    name: str
    snitt_label: str
    members: tuple[str, ...]
    references: tuple[str, ...] = ()
    members_noun: str = "kommuner i gruppen"
    references_by_year: dict[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class KoladaGroup:
    """A group as Kolada defines it (län, SKR kommungrupp, liknande kommuner …)."""

    id: str
    title: str
    members: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.title.removesuffix(" (ovägt medel)").strip()


@dataclass
class Registry:
    units: dict[str, Unit]
    groups: dict[str, GroupSpec] = field(default_factory=dict)
    sorting: dict[int, tuple[KommunSortering, ...]] = field(default_factory=dict)
    kolada_groups: dict[str, KoladaGroup] = field(default_factory=dict)
    similar: dict[str, KoladaGroup] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_name: dict[str, Unit] = {}
        for unit in self.units.values():
            for name in (unit.name, unit.reference_name, *unit.aliases):
                if name:
                    self._by_name.setdefault(_norm(name), unit)

    def find(self, name_or_code: str) -> Unit | None:
        """The unit a user means by a name ("Upplands-Bro", "Riket") or code ("0139")."""
        key = name_or_code.strip()
        if key in self.units:
            return self.units[key]
        if key.isdigit() and len(key) in (3, 4):
            return self.units.get(key.zfill(4))
        found = self._by_name.get(_norm(key))
        if found is None and any(sep in key for sep in (" - ", " – ", ": ", ", ")):
            # "Stockholm - Bromma", "Göteborg: Centrum" as Socialstyrelsen's files write districts
            plain = key
            for sep in (" - ", " – ", ": ", ", "):
                plain = plain.replace(sep, " ")
            found = self._by_name.get(_norm(plain))
        return found

    def municipality(self, name: str, where: str = "") -> Unit:
        """The municipality a user names, or :class:`UnknownNameError` with a "did you mean".

        ``where`` says in which option or list the name stood (" i gruppen").
        """
        unit = self.find(name)
        if unit is None or unit.kind != "kommun":
            hint = self.suggest(name)
            extra = f" Menade du «{hint}»?" if hint else ""
            raise UnknownNameError(f"Okänd kommun «{name}»{where}.{extra}")
        return unit

    def suggest(self, name: str) -> str | None:
        """The closest known name, for a "did you mean" in an error message."""
        names = {u.name for u in self.units.values()} | {
            u.reference_name for u in self.units.values() if u.reference_name
        }
        hits = difflib.get_close_matches(name.strip(), sorted(names), n=1, cutoff=0.75)
        return hits[0] if hits else None

    def municipalities(self) -> list[Unit]:
        units = [u for u in self.units.values() if u.kind == "kommun"]
        return sorted(units, key=lambda u: swedish_key(u.name))

    def lan_members(self, lan_code: str) -> list[Unit]:
        return [u for u in self.municipalities() if u.lan_code == lan_code]

    def kommungrupp_members(self, code: str) -> list[Unit]:
        return [u for u in self.municipalities() if u.kommungrupp == code]

    def districts(self, parent: str, year: int | None = None) -> list[Unit]:
        """The sub-municipal units of a city that answer the survey separately."""
        return [
            u
            for u in self.units.values()
            if u.parent == parent and (year is None or u.exists_in(year))
        ]

    def group_ids(self) -> list[str]:
        return sorted(self.groups)
