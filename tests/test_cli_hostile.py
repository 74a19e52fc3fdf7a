"""Hostile files through the real ``jamfor`` command, in a process held to 3 GB and a deadline.

Each file must end in exit code 1 with a Swedish message and no traceback,
never repeat a personnummer, and never let markup or terminal codes through.
The address-space limit turns an attempt to allocate a huge sheet into a
failure of the test rather than of the machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import write_csv
from .support.hostile import (
    DIGITS_OF_THE_NUMBER,
    EXTREME_TEXTS,
    Cell,
    bomb,
    claimed_extent,
    far_cell,
    workbook,
    workbook_bytes,
)

JAMFOR = Path(sys.executable).with_name("jamfor")
ADDRESS_SPACE = 3 * 1024**3
DEADLINE = 40


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_jamfor(
    *args: str, cwd: Path, timeout: float = DEADLINE
) -> subprocess.CompletedProcess[str]:
    """The installed entry point, as a user runs it, within 3 GB of address space."""
    return subprocess.run(
        [str(JAMFOR), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        cwd=cwd,
        preexec_fn=_limited,
        check=False,
    )


def _long(tmp: Path, name: str, unit: str, value: str) -> Path:
    return write_csv(
        tmp / name, [["indikator", "enhet", "varde"], ["kostnad-per-invanare", unit, value]]
    )


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "far-cell": (lambda t: far_cell(t / "lang.xlsx"), "från A1 till XFD1048576"),
    "claimed-extent": (lambda t: claimed_extent(t / "dim.xlsx"), "från A1 till XFD1048576"),
    "29-digits": (
        lambda t: _long(t, "stor.csv", "Solna", "1" + "0" * 28),
        "inte ett tal jamfor kan räkna med",
    ),
    "1e308-cell": (
        lambda t: workbook(
            t / "e308.xlsx", {"B": [["Kommun", "Kostnad per invånare"], ["Solna", 1e308]]}
        ),
        "inte ett tal jamfor kan räkna med",
    ),
    "pnr-en-dash": (lambda t: _long(t, "a.csv", "Solna", "811218–9876"), "personnummer"),
    "pnr-spaces": (lambda t: _long(t, "b.csv", "Solna", "19811218 - 9876"), "personnummer"),
    "pnr-dots": (lambda t: _long(t, "c.csv", "Solna", "81.12.18-9876"), "personnummer"),
    "pnr-header": (
        lambda t: write_csv(t / "h.csv", [["Kommun", "811218-9876"], ["Solna", "1"]]),
        "personnummer",
    ),
    "pnr-second-sheet": (
        lambda t: workbook(
            t / "s.xlsx",
            {
                "R": [["indikator", "enhet", "varde"], ["kostnad-per-invanare", "Solna", 1]],
                "X": [["811218-9876"]],
            },
        ),
        "bladet «X»",
    ),
    "megabyte-cell": (lambda t: _long(t, "mb.csv", "Solna", "x" * 1_000_000), "längre än"),
    "zip-bomb": (lambda t: bomb(t / "bomb.xlsx", 310 << 20), "uppackad"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_file_is_refused_cleanly(tmp_path: Path, case: str) -> None:
    build, expected = HOSTILE[case]
    path = build(tmp_path)
    result = run_jamfor("table", "--data", str(path), cwd=tmp_path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr.startswith("Fel: ")
    assert "ingenting har importerats" in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for digits in DIGITS_OF_THE_NUMBER:
        assert digits not in result.stderr
    assert len(result.stderr) < 5_000


MAPPINGS = {
    "broken-yaml.yaml": (b"Antal: [tabell\n", "ingen läsbar YAML-fil"),
    "list.yaml": (b"- en\n- lista\n", "«rubrik: indikator-id»"),
    "utf16.csv": ("rubrik,id\nA,b\n".encode("utf-16"), "kunde inte läsas"),
    "binary.yml": (bytes(range(256)) * 4, "kunde inte läsas"),
}


@pytest.mark.parametrize("name", MAPPINGS)
def test_a_bad_mapping_file_is_refused_cleanly(tmp_path: Path, name: str) -> None:
    content, expected = MAPPINGS[name]
    (tmp_path / name).write_bytes(content)
    result = run_jamfor("table", "--example", "--mapping", name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr.startswith("Fel: ") and expected in result.stderr
    assert name in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_missing_mapping_file_is_named(tmp_path: Path) -> None:
    result = run_jamfor("table", "--example", "--mapping", "saknas.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "saknas.yaml: Mappningsfilen finns inte." in result.stderr


UNIT_NAMES = [
    "[/x]",
    "[link=http://evil.example/]klicka[/link]",
    "\x1b[2J\x1b[31mröd\x1b]8;;x\x07",
    "[bold",
]


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_markup_and_terminal_codes_in_names_are_printed_as_text(
    tmp_path: Path, as_json: bool
) -> None:
    rows = [["indikator", "enhet", "varde"]]
    rows += [["kostnad-per-invanare", name, "1"] for name in UNIT_NAMES]
    path = write_csv(tmp_path / "namn.csv", rows)
    result = run_jamfor(
        "table", "--data", str(path), *(["--json"] if as_json else []), cwd=tmp_path
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "MarkupError" not in result.stderr
    assert "\x1b" not in result.stderr + result.stdout and "\x07" not in result.stderr
    assert "Okänd enhet «[/x]»" in result.stderr
    assert "[link=http://evil.example/]klicka[/link]" in result.stderr  # shown, not a link
    if as_json:
        doc = json.loads(result.stdout)
        assert len(doc["errors"]) == 4 and doc["omitted"] == 0


def test_a_million_bad_rows_end_soon_with_a_short_message(tmp_path: Path) -> None:
    path = tmp_path / "miljon.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("indikator,enhet,varde\n")
        fh.writelines(f"okand-{i},Solna,1\n" for i in range(1_000_000))
    result = run_jamfor("table", "--data", str(path), cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert len(result.stderr.encode()) + len(result.stdout.encode()) < 200_000
    assert "… och minst 950 fel till" in result.stderr


@settings(
    deadline=None, max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.lists(
            st.sampled_from(["Solna", "Ekerö", "Riket", "kostnad-per-invanare", "Ja", "12,5"])
            | st.sampled_from(EXTREME_TEXTS)
            | st.floats(allow_nan=True, allow_infinity=True)
            | st.none(),
            min_size=3,
            max_size=3,
        ),
        min_size=1,
        max_size=5,
    ),
    damage=st.sampled_from(["none", "none", "far-cell", "claimed-extent", "cut"]),
)
def test_fuzzed_workbooks_through_the_command_end_in_a_report_or_a_message(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[Cell]], damage: str
) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    path = tmp / "bok.xlsx"
    path.write_bytes(workbook_bytes([["indikator", "enhet", "varde"], *rows], damage))
    result = run_jamfor("report", "--data", str(path), "-o", str(tmp / "r.html"), cwd=tmp)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr + result.stdout
    if result.returncode == 0:
        assert (tmp / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    else:
        assert result.stderr.startswith("Fel: ")


def test_a_year_of_digits_int_cannot_read_is_named_not_a_crash(tmp_path: Path) -> None:
    # "²" is a digit to str.isdigit but no number to int(): it once ended in a traceback.
    rows = [
        ["indikator", "kommunkod", "ar", "varde"],
        ["kostnad-per-invanare", "0125", "201²", "5"],
    ]
    path = write_csv(tmp_path / "ar.csv", rows)
    result = run_jamfor("table", "--data", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert "rad 2, kolumn «ar»: «201²» är inget årtal." in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
