"""Settings read from the environment, each declared once with its default and help.

``tests/test_project.py`` checks that every setting here is documented in the
README, so a setting nobody can find does not exist.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env, "") or self.default


CACHE_DIR = Setting(
    "JAMFOR_CACHE_DIR",
    "",
    "Folder for cached answers from Kolada (default: $XDG_CACHE_HOME/jamfor or ~/.cache/jamfor).",
)
KOLADA_URL = Setting(
    "JAMFOR_KOLADA_URL", "https://api.kolada.se/v3/", "Base address of Kolada's API (v3)."
)

SETTINGS = (CACHE_DIR, KOLADA_URL)


def cache_dir() -> Path:
    """Where downloaded API answers are kept between runs."""
    if CACHE_DIR.value():
        return Path(CACHE_DIR.value())
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jamfor"
