"""Load the bundled registry: Kolada's units, the kommunsortering and our groups."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

from jamfor.bundled_yaml import load_bundled
from jamfor.core.collation import swedish_key
from jamfor.core.problems import UnknownNameError
from jamfor.registry.model import (
    Group,
    GroupSpec,
    KoladaGroup,
    KommunSortering,
    MunicipalityTypes,
    Registry,
    Unit,
)

_DATA = resources.files("jamfor.registry") / "data"

# Reference units are printed under the name people use beside a group, and
# named in running text as a reader says them.
_REFERENCE_NAMES = {"0180": "Stockholms stad", "1480": "Göteborgs stad", "1280": "Malmö stad"}


def _rows(name: str) -> list[dict[str, str]]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@cache
def load_registry() -> Registry:
    """The bundled registry (cached: it is read-only reference data)."""
    units: dict[str, Unit] = {}
    for r in _rows("kommuner.csv"):
        code = r["kommunkod"]
        units[code] = Unit(
            code=code,
            name=r["kommun"],
            kind="kommun",
            lan_code=r["lan_kod"],
            lan=r["lan"],
            reference_name=_REFERENCE_NAMES.get(code),
            kommungrupp=r["kommungrupp_2023_kod"],
            kommungrupp_name=r["kommungrupp_2023"],
        )
    for r in _rows("referensenheter.csv"):
        code = r["id"]
        if code == "0000":
            units[code] = Unit(
                code=code,
                name="Riket",
                kind="riket",
                text_name="riket",
                # as Socialstyrelsen's workbooks head the national row
                aliases=("Hela riket", "Sverige", "Totalt riket", "Riket totalt"),
            )
        else:
            units[code] = Unit(
                code=code,
                name=r["lan"],
                kind="lan",
                lan_code=code[2:],
                lan=r["lan"],
                aliases=(r["enhet"],),
            )
    for r in _rows("delomraden.csv"):
        parent = units[r["kommunkod"]]
        units[r["kod"]] = Unit(
            code=r["kod"],
            name=r["namn"],
            kind="delomrade",
            lan_code=parent.lan_code,
            lan=parent.lan,
            aliases=tuple(a for a in r["alias"].split("|") if a),
            parent=parent.code,
            years=(
                int(r["forsta_ar"]) if r["forsta_ar"] else None,
                int(r["sista_ar"]) if r["sista_ar"] else None,
            ),
        )
    sorting = {
        2015: tuple(
            KommunSortering(
                code=r["kommunkod"],
                size_class=int(r["kommunstorlek"]),
                skl_type=int(r["skl_kommuntyp"]),
                socioeconomic_key=int(r["socioekonomisk_nyckel"]),
            )
            for r in _rows("kommunsortering-2015.csv")
        )
    }
    spec = load_bundled(_DATA / "grupper.yaml")
    groups = {
        g["id"]: GroupSpec(
            name=g["name"],
            snitt_label=g["snitt_label"],
            members=tuple(g["members"]),
            references=tuple(g.get("references", ())),
            references_by_year={
                int(y): tuple(codes) for y, codes in (g.get("references_by_year") or {}).items()
            },
            members_noun=g.get("members_noun", "kommuner i gruppen"),
        )
        for g in spec["groups"]
    }
    members: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for r in _rows("grupper.csv"):
        members.setdefault(r["grupp_id"], []).append(r["kommunkod"])
        titles[r["grupp_id"]] = " ".join(r["grupp_titel"].split())
    kolada_groups = {
        gid: KoladaGroup(gid, titles[gid], tuple(codes)) for gid, codes in members.items()
    }
    similar_members: dict[str, list[str]] = {}
    similar_meta: dict[str, tuple[str, str]] = {}
    for r in _rows("liknande-kommuner-ekb.csv"):
        similar_members.setdefault(r["kommunkod"], []).append(r["liknande_kommunkod"])
        similar_meta[r["kommunkod"]] = (r["grupp_id"], r["grupp_titel"])
    similar = {
        code: KoladaGroup(similar_meta[code][0], similar_meta[code][1], tuple(codes))
        for code, codes in similar_members.items()
    }
    return Registry(
        units=units,
        groups=groups,
        sorting=sorting,
        kolada_groups=kolada_groups,
        similar=similar,
    )


def _default_references(registry: Registry, members: list[Unit]) -> tuple[Unit, ...]:
    refs = [registry.units["0000"]]
    lans = {u.lan_code for u in members}
    if len(lans) == 1:
        lan = registry.units.get(f"00{lans.pop()}")
        if lan is not None:
            refs.append(lan)
    return tuple(refs)


def _group_of(registry: Registry, gid: str, name: str, codes: list[str] | tuple[str, ...]) -> Group:
    members = sorted((registry.units[c] for c in codes), key=lambda u: swedish_key(u.name))
    return Group(
        id=gid,
        name=name,
        snitt_label="Snitt",
        members=tuple(members),
        references=_default_references(registry, members),
    )


def resolve_group(registry: Registry, spec: str) -> Group:
    """The group a user names.

    - a bundled group by id (``nordvast``);
    - a Kolada group by id (``G196055``, ``G33612`` …);
    - ``lan:01`` or ``lan:Stockholms län`` — a county's municipalities;
    - ``kommungrupp:A2`` — an SKR kommungrupp 2023;
    - ``liknande:Ekerö`` — Kolada's "liknande kommuner ekonomiskt bistånd" for a
      municipality, with the municipality itself;
    - a comma-separated list of municipalities (names or kommunkoder).

    Groups other than the bundled ones get Riket, and their county when all
    members share one, as references.
    """
    key = spec.strip()
    if key in registry.groups:
        gs = registry.groups[key]
        return Group(
            id=key,
            name=gs.name,
            snitt_label=gs.snitt_label,
            members=tuple(registry.units[c] for c in gs.members),
            references=tuple(registry.units[c] for c in gs.references),
            references_by_year={
                y: tuple(registry.units[c] for c in codes)
                for y, codes in gs.references_by_year.items()
            },
            members_noun=gs.members_noun,
        )
    if key.upper() in registry.kolada_groups:
        kg = registry.kolada_groups[key.upper()]
        return _group_of(registry, kg.id, kg.name, kg.members)
    kind, _, arg = key.partition(":")
    kind = kind.strip().casefold()
    arg = arg.strip()
    if kind == "lan" and arg:
        lan = registry.find(arg if not arg.isdigit() else f"00{arg.zfill(2)}")
        if lan is None or lan.kind != "lan":
            raise UnknownNameError(
                f"Okänt län «{arg}». Ange länskod (01) eller namn (Stockholms län)."
            )
        assert lan.lan_code is not None
        return _group_of(
            registry,
            f"lan:{lan.lan_code}",
            f"{lan.name}s kommuner",
            [u.code for u in registry.lan_members(lan.lan_code)],
        )
    if kind == "kommungrupp" and arg:
        units = registry.kommungrupp_members(arg.upper())
        if not units:
            known = ", ".join(sorted({u.kommungrupp or "" for u in registry.municipalities()}))
            raise UnknownNameError(f"Okänd kommungrupp «{arg}». Kommungrupperna är: {known}.")
        return _group_of(
            registry,
            f"kommungrupp:{arg.upper()}",
            units[0].kommungrupp_name or arg,
            [u.code for u in units],
        )
    if kind == "liknande" and arg:
        unit = registry.find(arg)
        if unit is None or unit.code not in registry.similar:
            raise UnknownNameError(f"Okänd kommun «{arg}» för liknande kommuner.")
        kg = registry.similar[unit.code]
        return _group_of(
            registry,
            f"liknande:{unit.code}",
            f"{unit.name} och liknande kommuner",
            [unit.code, *kg.members],
        )
    names = [n.strip() for n in key.split(",") if n.strip()]
    if len(names) < 2 and (not names or registry.find(names[0]) is None):
        known = ", ".join(registry.group_ids())
        raise UnknownNameError(
            f"Okänd grupp «{spec}». Ange en av de medföljande grupperna ({known}), en "
            "Kolada-grupp (t.ex. G196055), lan:01, kommungrupp:A2, liknande:Ekerö "
            "eller en kommaseparerad lista med kommuner, t.ex. «Solna,Sundbyberg»."
        )
    members: list[Unit] = []
    for n in names:
        unit = registry.municipality(n, " i gruppen")
        if unit not in members:
            members.append(unit)
    group = _group_of(
        registry, ",".join(u.code for u in members), "Vald grupp", [u.code for u in members]
    )
    return group


COMPARISONS = ("kommungrupp", "liknande")


def comparison_units(
    registry: Registry, group: Group, kinds: list[str] | tuple[str, ...]
) -> list[tuple[Unit, tuple[str, ...]]]:
    """References computed from other municipalities, for ``compare(extra_references=…)``.

    - ``kommungrupp``: each SKR kommungrupp the members belong to;
    - ``liknande``: Kolada's "liknande kommuner ekonomiskt bistånd" of every
      member, the members themselves left out.
    """
    out: list[tuple[Unit, tuple[str, ...]]] = []
    member_codes = {u.code for u in group.members}
    for kind in kinds:
        if kind == "kommungrupp":
            for code in sorted({u.kommungrupp for u in group.members if u.kommungrupp}):
                members = registry.kommungrupp_members(code)
                name = members[0].kommungrupp_name or code
                unit = Unit(
                    code=f"kg:{code}",
                    name=f"{name} (SKR {code})",
                    kind="grupp",
                    text_name=f"kommungruppen {name.lower()}",
                )
                out.append((unit, tuple(u.code for u in members)))
        elif kind == "liknande":
            codes = sorted(
                {
                    c
                    for u in group.members
                    if u.code in registry.similar
                    for c in registry.similar[u.code].members
                }
                - member_codes
            )
            if codes:
                unit = Unit(
                    code="liknande",
                    name="Liknande kommuner",
                    kind="grupp",
                    text_name="liknande kommuner",
                )
                out.append((unit, tuple(codes)))
        else:
            raise UnknownNameError(
                f"Okänd jämförelse «{kind}». Välj {' eller '.join(COMPARISONS)}."
            )
    return out


@cache
def municipality_types() -> tuple[MunicipalityTypes, ...]:
    """The classifications of municipalities a report's «Kommunsortering» refers to."""
    spec = load_bundled(_DATA / "kommuntyper.yaml")
    return tuple(
        MunicipalityTypes(
            id=t["id"],
            title=t["title"],
            first_year=t.get("first_year"),
            last_year=t.get("last_year"),
            types=tuple((str(code), name) for code, name in t["types"]),
        )
        for t in spec
    )


def municipality_types_for(year: int) -> MunicipalityTypes | None:
    """The classification in force ``year``."""
    for t in municipality_types():
        if (t.first_year is None or year >= t.first_year) and (
            t.last_year is None or year <= t.last_year
        ):
            return t
    return None
