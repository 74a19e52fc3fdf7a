"""Shared fixtures: the 2015 catalog, the registry and the published 2015 tables."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import settings

from jamfor.catalog.loader import load_catalog
from jamfor.catalog.model import Catalog
from jamfor.core.comparison import GroupComparison, compare
from jamfor.core.dataset import Dataset
from jamfor.registry.loader import load_registry, resolve_group
from jamfor.registry.model import Registry
from jamfor.sources.loader import load_dataset

# Hypothesis's per-example deadline is a timed test: on a loaded two-core machine it fails
# what is only slow. Speed is measured in bench/, never asserted here.
settings.register_profile("jamfor", deadline=None)
settings.load_profile("jamfor")

DATA = Path(__file__).parent / "data"
NORDVAST_MEMBERS = [
    "Ekerö",
    "Järfälla",
    "Sigtuna",
    "Sollentuna",
    "Solna",
    "Sundbyberg",
    "Upplands Väsby",
    "Upplands-Bro",
]
"""The eight municipalities of table 1, in Swedish alphabetical order."""
PUBLISHED_2015 = DATA / "oj-ekb-2015-nordvast.csv"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(2015)


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="session")
def published_rows() -> list[dict[str, str]]:
    with PUBLISHED_2015.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def dataset_2015(catalog: Catalog, registry: Registry) -> Dataset:
    return load_dataset([PUBLISHED_2015], catalog, registry)


@pytest.fixture(scope="session")
def nordvast_2015(dataset_2015: Dataset, registry: Registry) -> GroupComparison:
    return compare(dataset_2015, resolve_group(registry, "nordvast"), registry.units)


def write_csv(path: Path, rows: list[list[str]], sep: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=sep).writerows(rows)
    return path
