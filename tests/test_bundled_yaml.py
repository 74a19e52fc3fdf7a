"""Bundled YAML read once with PyYAML, then from the JSON kept under the file's hash."""

from __future__ import annotations

import datetime
import math
from importlib import resources
from pathlib import Path

import pytest
import yaml

from jamfor.bundled_yaml import load_bundled
from jamfor.catalog.loader import load_catalog
from jamfor.catalog.model import Catalog

SAMPLE = """\
title: Öppna jämförelser
held: 2015-03-12
at: 2015-03-12 09:30:00
years:
  2015: [Ja, Nej]
  2018: [Ja, Nej, Vet ej]
dates:
  2015-01-01: nyår
flags: {yes: true, no: false}
share: 0.35
none: ~
nested:
  - {a: 1, b: [1.5, -2, "text"]}
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JAMFOR_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "bundled"


def _file(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_kept_json_gives_exactly_what_pyyaml_gives(tmp_path: Path, cache: Path) -> None:
    source = _file(tmp_path, SAMPLE)
    expected = yaml.safe_load(SAMPLE)
    assert expected["years"][2015] == ["Ja", "Nej"]  # keys that are not text
    assert expected["dates"] == {datetime.date(2015, 1, 1): "nyår"}
    first = load_bundled(source)
    assert first == expected
    kept = list(cache.glob("*.json"))
    assert len(kept) == 1
    second = load_bundled(source)
    assert second == expected
    assert type(second["held"]) is datetime.date
    assert type(second["at"]) is datetime.datetime
    assert type(second["share"]) is float and type(second["nested"][0]["a"]) is int


def test_the_kept_json_is_what_is_read_and_a_changed_file_is_parsed_again(
    tmp_path: Path, cache: Path
) -> None:
    source = _file(tmp_path, "a: 1\n")
    assert load_bundled(source) == {"a": 1}
    (kept,) = cache.glob("*.json")
    kept.write_text('{"a": 2}', encoding="utf-8")  # proves the second read comes from here
    assert load_bundled(source) == {"a": 2}
    source.write_text("a: 3\n", encoding="utf-8")
    assert load_bundled(source) == {"a": 3}
    assert len(list(cache.glob("*.json"))) == 2


@pytest.mark.parametrize("spoilt", [b"", b"{not json", b'{"\\u0000items": [[[1], 2]]}', b"\xff"])
def test_a_spoilt_cache_file_is_parsed_again(tmp_path: Path, cache: Path, spoilt: bytes) -> None:
    source = _file(tmp_path, SAMPLE)
    load_bundled(source)
    (kept,) = cache.glob("*.json")
    kept.write_bytes(spoilt)
    assert load_bundled(source) == yaml.safe_load(SAMPLE)


@pytest.mark.parametrize(
    "text",
    [
        "values: !!set {Ja: null, Nej: null}\n",  # a set: JSON has none
        "share: .nan\n",  # NaN is not equal to itself
        "blob: !!binary aGVq\n",
    ],
)
def test_data_json_cannot_hold_exactly_is_never_kept(
    tmp_path: Path, cache: Path, text: str
) -> None:
    source = _file(tmp_path, text)
    data = load_bundled(source)
    expected = yaml.safe_load(text)
    if "nan" in text:
        assert math.isnan(data["share"])
    else:
        assert data == expected
    assert not list(cache.glob("*.json"))


def test_a_cache_folder_that_cannot_be_written_only_makes_it_slower(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("ingen mapp", encoding="utf-8")
    monkeypatch.setenv("JAMFOR_CACHE_DIR", str(blocker))  # a file where a folder should be
    source = _file(tmp_path, SAMPLE)
    assert load_bundled(source) == yaml.safe_load(SAMPLE)
    assert load_bundled(source) == yaml.safe_load(SAMPLE)
    assert blocker.read_text(encoding="utf-8") == "ingen mapp"


def test_the_bundled_catalog_read_from_the_cache_equals_the_one_parsed(cache: Path) -> None:
    load_catalog.cache_clear()
    parsed = load_catalog(2015)
    assert list(cache.glob("*.json"))
    load_catalog.cache_clear()
    kept = load_catalog(2015)
    assert kept is not parsed
    assert kept == parsed
    source = resources.files("jamfor.catalog") / "ekb" / "2015.yaml"
    from_yaml = Catalog.model_validate(yaml.safe_load(source.read_text(encoding="utf-8")))
    assert kept == from_yaml
    load_catalog.cache_clear()
