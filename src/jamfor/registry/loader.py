"""Load the bundled registry: Kolada's units, the kommunsortering and our groups."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

import yaml

from jamfor.core.collation import swedish_key
from jamfor.core.problems import UnknownNameError
from jamfor.registry.model import Group, GroupSpec, KommunSortering, Registry, Unit

_DATA = resources.files("jamfor.registry") / "data"

# Reference units are printed under the name people use beside a group, and
# named in running text as a reader says them.
_REFERENCE_NAMES = {"0180": "Stockholms stad", "1480": "Göteborgs stad", "1280": "Malmö stad"}
_TEXT_NAMES = {"0180": "Stockholm", "1480": "Göteborg", "1280": "Malmö"}


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
            text_name=_TEXT_NAMES.get(code),
        )
    for r in _rows("referensenheter.csv"):
        code = r["id"]
        if code == "0000":
            units[code] = Unit(code=code, name="Riket", kind="riket", text_name="riket")
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
    with (_DATA / "grupper.yaml").open(encoding="utf-8") as fh:
        spec = yaml.safe_load(fh)
    groups = {
        g["id"]: GroupSpec(
            name=g["name"],
            snitt_label=g["snitt_label"],
            members=tuple(g["members"]),
            references=tuple(g.get("references", ())),
            members_noun=g.get("members_noun", "kommuner i gruppen"),
        )
        for g in spec["groups"]
    }
    return Registry(units=units, groups=groups, sorting=sorting)


def resolve_group(registry: Registry, spec: str) -> Group:
    """A bundled group by id (``nordvast``) or a comma-separated list of municipalities.

    A list gets Riket and the county of its first member as references, the
    comparison a user most often wants.
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
            members_noun=gs.members_noun,
        )
    names = [n.strip() for n in key.split(",") if n.strip()]
    if len(names) < 2 and (not names or registry.find(names[0]) is None):
        known = ", ".join(registry.group_ids())
        raise UnknownNameError(
            f"Okänd grupp «{spec}». Ange en av de medföljande grupperna ({known}) "
            "eller en kommaseparerad lista med kommuner, t.ex. «Solna,Sundbyberg»."
        )
    members: list[Unit] = []
    for n in names:
        unit = registry.find(n)
        if unit is None or unit.kind != "kommun":
            hint = registry.suggest(n)
            extra = f" Menade du «{hint}»?" if hint else ""
            raise UnknownNameError(f"Okänd kommun «{n}» i gruppen.{extra}")
        if unit not in members:
            members.append(unit)
    members.sort(key=lambda u: swedish_key(u.name))
    refs = [registry.units["0000"]]
    lan = registry.units.get(f"00{members[0].lan_code}")
    if lan is not None:
        refs.append(lan)
    return Group(
        id=",".join(u.code for u in members),
        name="Vald grupp",
        snitt_label="Snitt",
        members=tuple(members),
        references=tuple(refs),
    )
