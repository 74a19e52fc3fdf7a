"""Headless Chromium (Debian's, through Playwright) and axe-core, for the tests that need them.

Never ``playwright install``: the browser is the system's ``/usr/bin/chromium``
and axe-core comes from the npm registry into ``tools/axe`` (scripts/test
installs both). Tests that need them skip with the reason when they are absent
on a developer's machine; CI always has them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("JAMFOR_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def require_browser() -> None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium saknas ({CHROMIUM}); scripts/test installerar paketet chromium")


def require_axe() -> None:
    require_browser()
    if not AXE.is_file():
        pytest.skip("axe-core saknas; scripts/test installerar det med npm i tools/axe")


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched headless Chromium browser (Playwright's sync API)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    # evaluated, not added as a <script>: the app's Content-Security-Policy refuses inline scripts
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_AA,
    )
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    """Rule id and offending elements, for an assertion message."""
    lines = []
    for v in violations:
        targets = [json.dumps(n["target"]) for n in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(targets)}")
    return "\n".join(lines)
