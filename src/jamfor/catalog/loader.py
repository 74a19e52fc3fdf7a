"""Find and load a catalog file (``catalog/<area>/<year>.yaml``)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from pydantic import ValidationError

from jamfor.catalog.model import Catalog
from jamfor.core.problems import JamforError, UnknownNameError

_ROOT = resources.files("jamfor.catalog")


def available() -> list[tuple[str, int]]:
    """Every (area, year) there is a catalog for."""
    found = []
    for area in _ROOT.iterdir():
        if area.is_dir() and not area.name.startswith("_"):
            for f in area.iterdir():
                stem = f.name.removesuffix(".yaml")
                if f.name.endswith(".yaml") and stem.isdigit():
                    found.append((area.name, int(stem)))
    return sorted(found)


@cache
def load_catalog(year: int, area: str = "ekb") -> Catalog:
    """The catalog for an area and year, validated (cached: catalogs are read-only)."""
    path = _ROOT / area / f"{year}.yaml"
    if not path.is_file():
        years = ", ".join(str(y) for a, y in available() if a == area) or "inga"
        raise UnknownNameError(
            f"Det finns ingen katalog för område «{area}» år {year}. Tillgängliga år: {years}."
        )
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    try:
        return Catalog.model_validate(data)
    except ValidationError as exc:  # a broken bundled file is a bug, but say where
        raise JamforError(f"Katalogen {area}/{year}.yaml är felaktig:\n{exc}") from exc
