"""Promises about the project itself: the README's commands, CI, the public API."""

from __future__ import annotations

import re
from pathlib import Path

import jamfor

ROOT = Path(__file__).parent.parent


def test_readme_first_screen_has_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert first_block is not None
    commands = [ln.split("#")[0].strip() for ln in first_block.group(1).splitlines() if ln.strip()]
    assert commands == ["./scripts/example", "./scripts/test"]
    assert readme.index("./scripts/example") < 1500  # on the first screen


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec ./scripts/test" in ci
    assert "example" in (ROOT / "scripts" / "example").read_text(encoding="utf-8")


def test_public_api_is_exported() -> None:
    namespace: dict[str, object] = {}
    exec("from jamfor import *", namespace)
    assert set(jamfor.__all__) <= set(namespace)
    for name in ("load_catalog", "load_dataset", "compare", "build_report", "render_html"):
        assert callable(namespace[name]), name


def test_nothing_reads_the_planning_folder() -> None:
    for path in [*(ROOT / "src").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]:
        if path.name == "test_project.py":
            continue
        assert "../shared" not in path.read_text(encoding="utf-8"), path


def test_every_setting_is_documented() -> None:
    from jamfor.settings import SETTINGS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.env}`" in readme, setting.env
