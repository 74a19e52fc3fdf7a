"""The command starts without the stacks it may not need: each is imported by the command using it.

Pinned as behaviour, not time (timing is ``bench/commands.py``'s business): a
fresh interpreter runs ``jamfor`` with the given arguments and reports which
modules it imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# The stacks a command may not need. (pydantic is not among them: Typer itself imports it
# to convert a subcommand's options.)
HEAVY = ("matplotlib", "weasyprint", "docx", "django", "polars", "fastexcel", "jinja2", "httpx")

_PROBE = textwrap.dedent(
    """
    import json, sys
    from jamfor.cli import main
    sys.argv = ["jamfor", *json.loads(sys.argv[1])]
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
    """
)


def _run(*args: str, cache: Path | None = None) -> tuple[int, set[str]]:
    env = {**os.environ, "JAMFOR_CACHE_DIR": str(cache)} if cache is not None else None
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    last = done.stdout.strip().splitlines()[-1]
    doc = json.loads(last)
    return int(doc["code"] or 0), set(doc["modules"])


def test_importing_the_command_imports_no_heavy_stack() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, jamfor.cli; print(' '.join(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {m.split(".")[0] for m in done.stdout.split()}
    assert "jamfor" in loaded and "typer" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("report", "--help"),
        ("table", "--year", "ett-år"),  # a usage error, exit 2
        ("katalog", "--help"),
        ("hamta", "--help"),
    ],
)
def test_help_version_and_usage_errors_import_no_heavy_stack(args: tuple[str, ...]) -> None:
    code, loaded = _run(*args)
    assert code in (0, 2)
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_a_command_still_imports_what_it_needs(tmp_path: Path) -> None:
    """The probe sees imports: ``groups`` reads the registry's bundled YAML — with PyYAML the
    first time, from the JSON kept in the cache folder after that — and no renderer."""
    code, loaded = _run("groups", cache=tmp_path)
    assert code == 0
    assert "yaml" in loaded
    assert loaded.isdisjoint({"matplotlib", "weasyprint", "docx", "django"})
    code, loaded = _run("groups", cache=tmp_path)
    assert code == 0
    assert "yaml" not in loaded
    assert list((tmp_path / "bundled").glob("*.json"))


def test_a_table_printed_to_a_pipe_loads_neither_yaml_nor_rich(tmp_path: Path) -> None:
    """Rich is for styled output and spinners on a terminal; a table read by a program needs
    neither it nor PyYAML (once the bundled files are kept), nor a workbook reader."""
    _run("table", "--example", "--json", cache=tmp_path)
    code, loaded = _run("table", "--example", "--json", cache=tmp_path)
    assert code == 0
    assert "polars" in loaded  # the work was done
    assert loaded.isdisjoint({"yaml", "rich", "fastexcel", *HEAVY} - {"polars"}), sorted(
        loaded & {"yaml", "rich", "fastexcel", *HEAVY}
    )
