"""The OJ areas jamfor knows (``areas.yaml``) and which Kolada KPIs belong to each.

An area is a dimension everywhere a year is: the catalog, the Kolada KPIs fetched,
the demo data. The bundled KPI list (Kolada's of 2023-03-28) decides membership,
because Kolada's current listing has dropped most OJ survey KPIs and regrouped its
operating areas.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from jamfor.bundled_yaml import load_bundled
from jamfor.catalog.model import Direction
from jamfor.core.problems import UnknownNameError


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RegisterMeasure(_Frozen):
    kpi: str
    direction: Direction


class Area(_Frozen):
    id: str
    name: str
    kolada_operating_areas: tuple[str, ...] = ()
    title_terms: tuple[str, ...] = ()
    register_measures: tuple[RegisterMeasure, ...] = ()


class Theme(_Frozen):
    title: str
    words: tuple[str, ...] = ()


class Themes(_Frozen):
    survey: tuple[Theme, ...]
    register_measures: tuple[Theme, ...]


class AreaFile(_Frozen):
    areas: tuple[Area, ...]
    themes: Themes


class KpiMeta(_Frozen):
    """What jamfor needs of a Kolada KPI's metadata."""

    id: str
    title: str
    description: str = ""
    operating_area: str = ""


_ROOT = resources.files("jamfor.catalog")


@cache
def _area_file() -> AreaFile:
    return AreaFile.model_validate(load_bundled(_ROOT / "areas.yaml"))


def areas() -> tuple[Area, ...]:
    return _area_file().areas


def themes() -> Themes:
    return _area_file().themes


def area(area_id: str) -> Area:
    """An area by its id, or an error listing the known ones."""
    for a in areas():
        if a.id == area_id:
            return a
    known = ", ".join(a.id for a in areas())
    raise UnknownNameError(f"Okänt område «{area_id}». Kända områden: {known}.")


def _read_kpis(name: str) -> tuple[KpiMeta, ...]:
    text = (_ROOT / "kolada" / name).read_text(encoding="utf-8")
    with io.StringIO(text, newline="") as fh:
        return tuple(
            KpiMeta(
                id=r["id"],
                title=r["title"],
                description=r.get("description") or "",
                operating_area=r.get("operating_area") or "",
            )
            for r in csv.DictReader(fh)
        )


@cache
def bundled_kpis() -> dict[str, KpiMeta]:
    """Every KPI of the bundled lists by id (the OJ survey KPIs, then the register ones)."""
    found: dict[str, KpiMeta] = {}
    for name in ("kpi-oj-kommunenkat.csv", "kpi-ekonomiskt-bistand.csv"):
        for kpi in _read_kpis(name):
            found.setdefault(kpi.id, kpi)
    return found


@cache
def survey_kpis() -> tuple[KpiMeta, ...]:
    """The OJ kommunenkät KPIs of Kolada's list of 2023-03-28."""
    return _read_kpis("kpi-oj-kommunenkat.csv")


def _in_operating_area(kpi: KpiMeta, names: tuple[str, ...]) -> bool:
    # Kolada joins several operating areas with a comma, and some names hold a comma
    # themselves ("Insatser, vuxna med missbruksproblem"): match whole names only.
    field = kpi.operating_area
    return any(
        field == n or field.startswith(n + ",") or field.endswith("," + n) or f",{n}," in field
        for n in names
    )


def area_survey_kpis(area_id: str) -> tuple[KpiMeta, ...]:
    """The survey KPIs of an area: by Kolada operating area, or a title naming the area."""
    a = area(area_id)
    terms = tuple(t.casefold() for t in a.title_terms)
    return tuple(
        k
        for k in survey_kpis()
        if _in_operating_area(k, a.kolada_operating_areas)
        or any(t in k.title.casefold() for t in terms)
    )


def area_kpi_ids(area_id: str) -> tuple[str, ...]:
    """Every KPI an area's Kolada catalog has: its survey KPIs, then its register measures."""
    a = area(area_id)
    return tuple(k.id for k in area_survey_kpis(area_id)) + tuple(
        r.kpi for r in a.register_measures
    )
