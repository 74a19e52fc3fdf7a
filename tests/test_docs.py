"""The user guide (docs/, MkDocs) builds, and every picture it shows is taken by a browser test.

The pictures are the app as the browser tests see it (``tests/support/screenshots.py``):
a picture the guide names must exist and be taken by a test, so that it stays
current; a picture no page names is left over and goes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PICTURE = re.compile(r"!\[[^\]]+\]\(bilder/([\w-]+)\.png\)")
SHOT = re.compile(r"""\bshot\(\s*page,\s*"([\w-]+)\"""")


def _named_in_guide() -> set[str]:
    return {m for page in DOCS.glob("*.md") for m in PICTURE.findall(page.read_text("utf-8"))}


def _taken_by_tests() -> set[str]:
    return {
        m for test in (ROOT / "tests").rglob("*.py") for m in SHOT.findall(test.read_text("utf-8"))
    }


def test_the_guide_builds_strictly(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for page in ("index", "analytiker", "representant", "lasare"):
        built = tmp_path / ("index.html" if page == "index" else f"{page}/index.html")
        assert built.is_file(), page
    assert "Kommunrepresentanten" in (tmp_path / "representant" / "index.html").read_text("utf-8")


def test_every_picture_the_guide_shows_is_there_and_taken_by_a_test() -> None:
    named = _named_in_guide()
    assert len(named) >= 10
    missing = {n for n in named if not (DOCS / "bilder" / f"{n}.png").is_file()}
    assert missing == set(), "run the browser tests (tests/web) to take them"
    assert named - _taken_by_tests() == set()


def test_no_picture_is_left_over() -> None:
    on_disk = {p.stem for p in (DOCS / "bilder").glob("*.png")}
    assert on_disk - _named_in_guide() == set()
