"""Find and load a catalog file (``catalog/<area>/<year>.yaml``, or a user's own file).

Hand-written catalogs are bundled; generated ones (from a workbook or Kolada) are
written by ``jamfor katalog skapa`` as YAML in the same shape, so an analyst can
review and edit one and hand it back with ``--catalog FIL``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from jamfor.bundled_yaml import load_bundled
from jamfor.catalog.model import Catalog
from jamfor.core.problems import JamforError, UnknownNameError

_ROOT = resources.files("jamfor.catalog")


def available() -> list[tuple[str, int]]:
    """Every (area, year) there is a catalog for."""
    return list(_bundled())


@cache
def _bundled() -> tuple[tuple[str, int], ...]:
    """The package's catalog files, listed once: every survey page asks (``has_catalog``)."""
    found = []
    for area in _ROOT.iterdir():
        if area.is_dir() and not area.name.startswith("_"):
            for f in area.iterdir():
                stem = f.name.removesuffix(".yaml")
                if f.name.endswith(".yaml") and stem.isdigit():
                    found.append((area.name, int(stem)))
    return tuple(sorted(found))


@cache
def load_catalog(year: int, area: str = "ekb") -> Catalog:
    """The catalog for an area and year, validated (cached: catalogs are read-only)."""
    path = _ROOT / area / f"{year}.yaml"
    if not path.is_file():
        years = ", ".join(str(y) for a, y in available() if a == area) or "inga"
        raise UnknownNameError(
            f"Det finns ingen katalog för område «{area}» år {year}. Tillgängliga år: {years}."
        )
    data = load_bundled(path)
    try:
        return Catalog.model_validate(data)
    except ValidationError as exc:  # a broken bundled file is a bug, but say where
        raise JamforError(f"Katalogen {area}/{year}.yaml är felaktig:\n{exc}") from exc


def has_catalog(year: int, area: str = "ekb") -> bool:
    """Whether a hand-written catalog is bundled for the area and year."""
    return (area, year) in _bundled()


def _problem_text(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors()[:10]:
        where = ".".join(str(p) for p in err["loc"]) or "filen"
        lines.append(f"  {where}: {err['msg']}")
    more = len(exc.errors()) - 10
    if more > 0:
        lines.append(f"  … och {more} fel till")
    return "\n".join(lines)


def parse_catalog(text: str, name: str) -> Catalog:
    """A catalog from YAML text; :class:`JamforError` naming ``name`` and the field if bad."""
    import yaml  # a user's file; bundled ones are read without PyYAML when they can be

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (rad {mark.line + 1})" if mark is not None else ""
        raise JamforError(f"Katalogen {name} är ingen läsbar YAML-fil{where}.") from None
    if not isinstance(data, dict):
        raise JamforError(f"Katalogen {name} ska vara en YAML-mappning med area, year och tables.")
    try:
        return Catalog.model_validate(data)
    except ValidationError as exc:
        raise JamforError(f"Katalogen {name} är felaktig:\n{_problem_text(exc)}") from None


def load_catalog_file(path: Path) -> Catalog:
    """A catalog a user wrote or edited (``--catalog FIL``)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise JamforError(f"Katalogfilen {path} finns inte.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise JamforError(f"Katalogfilen {path} kunde inte läsas ({exc}).") from None
    return parse_catalog(text, path.name)


def catalog_yaml(catalog: Catalog, made: dt.date | None = None) -> str:
    """The catalog as YAML that :func:`parse_catalog` reads back to an equal catalog."""
    import yaml

    data = catalog.model_dump(mode="json", exclude_defaults=True)
    review = [i.label for i in catalog.indicators if i.review]
    head = [
        f"# Katalog för {catalog.area_name.lower()} {catalog.year}"
        + (f", genererad av jamfor ur {catalog.generated_from}" if catalog.generated_from else "")
        + f" {(made or dt.date.today()).isoformat()}.",
        "# Granska rubriker, riktning (direction) och vilka svar som räknas som ja",
        "# (yes_answers; yes_rule säger hur det bestämdes), och använd filen med --catalog.",
    ]
    if review:
        head.append(f"# Regeln ska granskas (yes_rule.review: true) för {len(review)} indikatorer.")
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(head) + "\n" + body
