"""Reading the YAML files bundled with jamfor (catalogs, areas, groups) quickly.

Every command that reads results parses a catalog of a few hundred entries,
the areas and the groups. PyYAML's pure-Python parser spends half a second on
them, its libyaml parser a tenth of that, and importing PyYAML is as much
again — more than some commands' own work. So a bundled file's data is also
kept as JSON in the cache folder, under the hash of the file's bytes (the way
Python keeps bytecode beside a module): the next run reads that, without
PyYAML. A changed file has another hash and is parsed again; a cache that
cannot be written or read is only slower. Data JSON cannot hold exactly
(reading it back would not give an equal value) is never kept.

Files a user writes (settings, mappings, catalogs pasted in the web app) are
read with ``yaml.safe_load``, whose error marks the messages quote.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import tempfile
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jamfor import __version__

_FORMAT = b"jamfor-bundled-yaml-1\x00"
"""Part of every key: a new way of writing the JSON makes the old files unused."""
_DATE, _TIME, _ITEMS = "\x00date", "\x00datetime", "\x00items"


def load_bundled(source: Traversable | Path) -> Any:
    """The data of a bundled YAML file, as ``yaml.safe_load`` gives it (libyaml when built)."""
    raw = source.read_bytes()
    key = hashlib.sha256(_FORMAT + __version__.encode() + b"\x00" + raw).hexdigest()
    kept = _folder() / f"{key}.json"
    try:
        return json.loads(kept.read_bytes(), object_hook=_decoded)
    except (OSError, ValueError, TypeError):  # not kept yet, or spoilt: parsed below
        pass
    import yaml

    data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    _keep(kept, data)
    return data


def _folder() -> Path:
    from jamfor.settings import cache_dir

    return cache_dir() / "bundled"


def _encoded(value: Any) -> Any:
    """``value`` in JSON's terms: dates, and mappings with keys other than text, tagged."""
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: _encoded(v) for k, v in value.items()}
        return {_ITEMS: [[_encoded(k), _encoded(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [_encoded(v) for v in value]
    if isinstance(value, datetime.datetime):
        return {_TIME: value.isoformat()}
    if isinstance(value, datetime.date):
        return {_DATE: value.isoformat()}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(type(value).__name__)  # a set, bytes …: not kept


def _decoded(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if _DATE in obj:
            return datetime.date.fromisoformat(obj[_DATE])
        if _TIME in obj:
            return datetime.datetime.fromisoformat(obj[_TIME])
        if _ITEMS in obj:
            return dict(obj[_ITEMS])
    return obj


def _keep(path: Path, data: Any) -> None:
    """Write the JSON atomically; skip what would not read back equal."""
    try:
        text = json.dumps(_encoded(data), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return
    if json.loads(text, object_hook=_decoded) != data:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    except OSError:  # a read-only home: every run parses the YAML
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
