"""Screenshots for the user guide, taken by the browser tests as they walk through the app.

The guide (``docs/``, built with MkDocs) shows the app as the tests see it,
so each run of the browser tests brings the pictures up to date with the
pages. ``tests/test_docs.py`` checks that every picture the guide names is
there. A picture is what the window shows (the tests open it 1280 px wide),
or one element of the page, so that it reads in the guide.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PICTURES = ROOT / "docs" / "bilder"


def shot(page: Any, name: str, selector: str | None = None) -> Path:
    """Save the window (or ``selector``'s element) as ``docs/bilder/<name>.png``."""
    PICTURES.mkdir(parents=True, exist_ok=True)
    path = PICTURES / f"{name}.png"
    if selector is None:
        page.screenshot(path=str(path), animations="disabled")
    else:
        page.locator(selector).first.screenshot(path=str(path), animations="disabled")
    return path
