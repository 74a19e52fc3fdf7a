"""Reading the YAML files bundled with jamfor (catalogs, areas, groups) quickly.

Every command that reads results parses a catalog of a few hundred entries;
PyYAML's pure-Python parser spends half a second on it, its libyaml parser a
tenth of that. Both build the same plain data. Files a user writes (settings,
mappings, catalogs pasted in the web app) are read with ``yaml.safe_load``,
whose error marks the messages quote.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_bundled(stream: IO[str]) -> Any:
    """The data of a bundled YAML file (libyaml when PyYAML was built with it)."""
    return yaml.load(stream, Loader=_LOADER)
