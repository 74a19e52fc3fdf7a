"""Identifiers for generated catalogs: stable, readable, unique."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

MAX_LENGTH = 60


def slug(text: str) -> str:
    """``Aktuell rutin för samordning`` → ``aktuell-rutin-for-samordning`` (ASCII, dashes)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def unique_id(label: str, taken: Collection[str]) -> str:
    """An id for an indicator from its label, not yet in ``taken`` (``-2``, ``-3`` added)."""
    base = slug(label)[:MAX_LENGTH].rstrip("-") or "indikator"
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate
