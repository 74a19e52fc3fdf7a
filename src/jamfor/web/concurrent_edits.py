"""Two people (or two tabs) editing the same text at once: nobody's save silently wins.

A page carries, signed, the values it was loaded with. A save applies only
what this person changed since then, field by field, onto what is stored
now; a field both changed, to different values, is a conflict: the stored
value stays and the page is told. The survey's pages, the municipalities'
development answers and their action plans all save this way.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any, TypeVar

from django.core import signing

K = TypeVar("K", bound=Hashable)


def merge_fields(
    base: Mapping[K, Any], mine: Mapping[K, Any], now: Mapping[K, Any]
) -> tuple[dict[K, Any], set[K]]:
    """``now`` with my changes since ``base`` applied; the keys both of us changed differently.

    A field counts as changed by me when what I sent differs from what I
    saw, and as changed by them when what is stored differs from what I saw.
    Only when both changed it, to different values, is it a conflict: the
    stored value stays.
    """
    merged = dict(now)
    conflicts: set[K] = set()
    for key in set(base) | set(mine):
        if mine.get(key) == base.get(key):
            continue  # I did not touch it: whatever is stored stands
        if now.get(key) != base.get(key) and now.get(key) != mine.get(key):
            conflicts.add(key)
            continue
        if key in mine:
            merged[key] = mine[key]
        else:
            merged.pop(key, None)
    return merged, conflicts


def snapshot_token(values: Mapping[str, str], salt: str) -> str:
    """The values a page was loaded with, signed so the browser cannot change them."""
    return signing.dumps(dict(values), salt=salt)


def snapshot_from(token: str | None, salt: str) -> dict[str, str] | None:
    """The values a page was loaded with, or None without a valid token."""
    try:
        data = signing.loads(token or "", salt=salt)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return {str(k): str(v) for k, v in data.items()}
