"""Line endings of typed text: stored as ``\\n`` whatever the browser sent.

Browsers send a textarea's line breaks as CRLF (the HTML standard asks them
to), and an interpretation split into paragraphs on blank ``\\n`` lines then
lost its paragraphs and lists. Every form of the app passes its submitted
data through :func:`normalised` before it is cleaned, so every text is stored
with ``\\n`` only.
"""

from __future__ import annotations

from typing import Any

from django.http import QueryDict


def normalise_text(text: str) -> str:
    """CRLF and lone CR as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalised(data: Any) -> Any:
    """Submitted form data with every text value's line endings as ``\\n`` (files untouched)."""
    if isinstance(data, QueryDict):
        if not any("\r" in v for values in data.lists() for v in values[1] if isinstance(v, str)):
            return data
        copy = data.copy()
        for key, values in data.lists():
            copy.setlist(key, [normalise_text(v) if isinstance(v, str) else v for v in values])
        return copy
    if isinstance(data, dict):
        return {
            key: normalise_text(v)
            if isinstance(v, str)
            else [normalise_text(x) if isinstance(x, str) else x for x in v]
            if isinstance(v, list)
            else v
            for key, v in data.items()
        }
    return data
