"""A municipality's decisions for client statistics: one row per decision (or client).

Columns (header names are matched without regard to case, å/ä/ö or spaces, so
"Kön" and "Barn i hushållet" work):

- ``kommun`` — name or kommunkod;
- ``orsakskod`` — SCB's code, three digits with the leading zero (``021``); a code the
  study does not cover is read and left out of the tables, counted in a note;
- ``kon`` — ``K``/``M`` (or ``Kvinna``/``Man``);
- ``alder`` in whole years, or ``fodelsear`` and a reference year;
- ``barn_i_hushallet`` — ``ja``/``nej`` or the number of children (0 = none);
- optional ``arende_id`` (pseudonymous case id) and ``manad`` (``ÅÅÅÅ-MM``).

The age from a birth year is reference year − birth year (the age reached
during that year, as SCB counts it). The reference year is the one given, else
the year of the row's ``manad``.

Personal identity numbers are never accepted. Before anything else every
header and every cell — of every column, named or not, and in an Excel file of
every sheet — is searched for a personnummer or samordningsnummer with a valid
check digit (by :func:`jamfor.sources.reading.read_table`, as for every
importer); one is enough to refuse the whole file, and the problems then
name only where it is, never the value or any other cell, so the number is
not repeated in a terminal or a log. The file is only read, never copied.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from jamfor.catalog.reason_codes import ReasonCodes
from jamfor.core.clients import MAX_AGE, MIN_AGE, Decision, Sex
from jamfor.core.problems import MAX_PROBLEMS, InputError, Problem
from jamfor.registry.model import Registry
from jamfor.sources.cells import repeated_column_problems
from jamfor.sources.reading import RawTable, read_table

COLUMNS = (
    "kommun",
    "orsakskod",
    "kon",
    "alder",
    "fodelsear",
    "barn_i_hushallet",
    "arende_id",
    "manad",
)
REQUIRED = ("kommun", "orsakskod", "kon", "barn_i_hushallet")

_SEX: dict[str, Sex] = {"k": "K", "kvinna": "K", "m": "M", "man": "M"}
_YES = {"ja": True, "nej": False}
_CODE = re.compile(r"^[0-9]{3}$")
_WHOLE = re.compile(r"^(\d+)(?:[.,]0+)?$")  # Excel hands numbers over as "34" or "34.0"
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2}(?: 00:00:00)?)?$")  # Excel turns months into dates


@dataclass(frozen=True)
class DecisionFile:
    """The decisions of one file, checked, with what the report should say about them."""

    file: str
    decisions: tuple[Decision, ...]
    has_case_ids: bool
    birth_years_used: bool
    reference_year: int | None
    months: tuple[str, ...]


def read_decisions(
    path: Path,
    codes: ReasonCodes,
    registry: Registry,
    reference_year: int | None = None,
    display: str | None = None,
) -> DecisionFile:
    """Read and check a decisions file; raise :class:`InputError` listing every problem."""
    raw = read_table(path, display=display or path.name)
    return _decisions(raw, codes, registry, reference_year)


# ------------------------------------------------------------------------ the rows


def normalise_header(name: str) -> str:
    """A header as a column key: "Barn i hushållet" → ``barn_i_hushallet``, "Kön" → ``kon``."""
    folded = unicodedata.normalize("NFKD", name.strip().casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[\s\-]+", "_", plain)


def _columns(raw: RawTable, reference_year: int | None) -> tuple[dict[str, str], list[Problem]]:
    """The known columns by key (``kon`` → "Kön"), and what is wrong with the header."""
    problems: list[Problem] = repeated_column_problems(raw)
    col: dict[str, str] = {}
    for header in raw.columns:
        key = normalise_header(header)
        if key not in COLUMNS:
            continue
        if key in col:
            problems.append(
                Problem(
                    "duplicate-column", f"Kolumnen «{key}» finns två gånger.", raw.file, 1, header
                )
            )
        col.setdefault(key, header)
    missing = [c for c in REQUIRED if c not in col]
    if "alder" not in col and "fodelsear" not in col:
        missing.append("alder (eller fodelsear)")
    if missing:
        names = ", ".join(f"«{m}»" for m in missing)
        problems.append(
            Problem(
                "missing-column",
                f"Kolumn saknas: {names}. Filen ska ha kolumnerna kommun, orsakskod, kon, "
                "alder (eller fodelsear) och barn_i_hushallet.",
                raw.file,
                1,
            )
        )
    if "fodelsear" in col and "alder" not in col and reference_year is None and "manad" not in col:
        problems.append(
            Problem(
                "missing-reference-year",
                "Filen anger födelseår men inget referensår att räkna åldern från: ange "
                "referensåret (--referensar ÅÅÅÅ) eller en kolumn manad (ÅÅÅÅ-MM).",
                raw.file,
                1,
                col["fodelsear"],
            )
        )
    return col, problems


def _decisions(
    raw: RawTable, codes: ReasonCodes, registry: Registry, reference_year: int | None
) -> DecisionFile:
    col, problems = _columns(raw, reference_year)
    if problems:
        raise InputError(problems)
    reader = _RowReader(raw.file, col, codes, registry, reference_year)
    decisions = []
    for row, cells in raw.rows:
        if len(reader.problems) >= MAX_PROBLEMS:
            break
        decision = reader.decision(row, cells)
        if decision is not None:
            decisions.append(decision)
    problems = reader.problems
    if not raw.rows:
        problems.append(
            Problem("empty-file", "Filen innehåller inga beslut, bara rubrikraden.", raw.file)
        )
    if problems:
        # Row by row, and within a row in the file's column order, as the user reads it.
        order = {name: i for i, name in enumerate(raw.columns)}
        problems.sort(key=lambda p: (p.row or 0, order.get(p.field or "", -1)))
        raise InputError(problems)
    return DecisionFile(
        file=raw.file,
        decisions=tuple(decisions),
        has_case_ids="arende_id" in col,
        birth_years_used=reader.birth_years_used,
        reference_year=reference_year,
        months=tuple(sorted(reader.months)),
    )


class _RowReader:
    """Checks one row at a time, collecting problems; a row with none becomes a Decision."""

    def __init__(
        self,
        file: str,
        col: dict[str, str],
        codes: ReasonCodes,
        registry: Registry,
        reference_year: int | None,
    ) -> None:
        self.file = file
        self.col = col
        self.codes = codes
        self.registry = registry
        self.reference_year = reference_year
        self.problems: list[Problem] = []
        self.months: set[str] = set()
        self.birth_years_used = False
        self._row = 0
        self._cells: dict[str, str] = {}

    def _problem(self, kind: str, key: str, message: str) -> None:
        self.problems.append(Problem(kind, message, self.file, self._row, self.col[key]))

    def _get(self, key: str) -> str:
        return self._cells.get(self.col[key], "") if key in self.col else ""

    def _need(self, key: str, label: str) -> str:
        value = self._get(key)
        if not value:
            self._problem("missing-value", key, f"{label} saknas.")
        return value

    def decision(self, row: int, cells: dict[str, str]) -> Decision | None:
        self._row, self._cells = row, cells
        before = len(self.problems)
        kommun = self._kommun()
        code = self._code()
        sex = self._sex()
        children = self._children()
        month = self._month()
        case_id = self._case_id()
        age = self._age(month)
        if len(self.problems) > before:
            return None
        assert kommun and code and sex and children is not None and age is not None
        return Decision(kommun, code, sex, age, children, case_id)

    def _kommun(self) -> str | None:
        raw = self._need("kommun", "Kommun")
        if not raw:
            return None
        unit = self.registry.find(raw)
        if unit is None:
            hint = self.registry.suggest(raw)
            extra = f" Menade du «{hint}»?" if hint else ""
            self._problem(
                "unknown-unit",
                "kommun",
                f"Okänd kommun «{raw}»: ange kommunens namn eller kommunkod.{extra}",
            )
            return None
        if unit.kind != "kommun":
            self._problem(
                "unknown-unit",
                "kommun",
                f"«{raw}» är inte en kommun ({unit.name}); ange kommunens namn eller kommunkod.",
            )
            return None
        return unit.code

    def _code(self) -> str | None:
        """Any three-digit code is a decision: one the study does not cover is left out later.

        Only a code that is not three digits is refused — most often Excel
        dropped the leading zero, which the message says.
        """
        code = self._need("orsakskod", "Orsakskod")
        if not code or _CODE.match(code):
            return code or None
        padded = code.zfill(3)
        hint = (
            f" Menade du «{padded}»? Excel tar bort inledande nollor om kolumnen är "
            "formaterad som tal; formatera den som text."
            if code.isdigit() and len(code) < 3
            else ""
        )
        self._problem(
            "unknown-code",
            "orsakskod",
            f"Okänd orsakskod «{code}». Koden har tre siffror med inledande nolla, t.ex. "
            f"{self.codes.codes[0].code}.{hint}",
        )
        return None

    def _sex(self) -> Sex | None:
        raw = self._need("kon", "Kön")
        sex = _SEX.get(raw.casefold())
        if raw and sex is None:
            self._problem(
                "value-not-allowed", "kon", f"Okänt kön «{raw}»: ange K eller M (Kvinna eller Man)."
            )
        return sex

    def _children(self) -> bool | None:
        raw = self._need("barn_i_hushallet", "Barn i hushållet")
        key = raw.casefold()
        number = _whole(key)
        children = _YES.get(key, None if number is None else number > 0)
        if raw and children is None:
            self._problem(
                "value-not-allowed",
                "barn_i_hushallet",
                f"Okänt värde «{raw}» för barn i hushållet: ange ja, nej eller antalet barn "
                "(0 = inga barn).",
            )
        return children

    def _month(self) -> str | None:
        raw = self._get("manad")
        m = _MONTH.match(raw)
        if m and 1 <= int(m.group(2)) <= 12:
            month = f"{m.group(1)}-{m.group(2)}"
            self.months.add(month)
            return month
        if raw:
            self._problem(
                "value-not-allowed", "manad", f"Månaden «{raw}» ska skrivas ÅÅÅÅ-MM, t.ex. 2015-03."
            )
        return None

    def _case_id(self) -> str | None:
        case_id = self._get("arende_id") or None
        if "arende_id" in self.col and case_id is None:
            self._problem(
                "missing-value",
                "arende_id",
                "Ärende-id saknas: när filen har kolumnen arende_id ska varje rad ha ett.",
            )
        return case_id

    def _age(self, month: str | None) -> int | None:
        if raw := self._get("alder"):
            age = _whole(raw)
            if age is None:
                self._problem(
                    "value-not-allowed",
                    "alder",
                    f"Åldern «{raw}» är inget heltal; ange åldern i hela år.",
                )
            elif not MIN_AGE <= age <= MAX_AGE:
                self._problem(
                    "value-not-allowed",
                    "alder",
                    f"Åldern {age} år ligger utanför {MIN_AGE}–{MAX_AGE} år.",
                )
                age = None
            return age
        if not (born_raw := self._get("fodelsear")):
            key = "alder" if "alder" in self.col else "fodelsear"
            self._problem("missing-value", key, "Ålder saknas: fyll i alder (eller fodelsear).")
            return None
        born = _whole(born_raw)
        if born is None or not 1800 <= born <= 2200:
            self._problem(
                "value-not-allowed",
                "fodelsear",
                f"Födelseåret «{born_raw}» är inget årtal; skriv det med fyra siffror.",
            )
            return None
        year = self.reference_year or (int(month[:4]) if month else None)
        if year is None:
            if not self._get("manad"):  # a malformed month is reported already
                self._problem(
                    "missing-reference-year",
                    "manad" if "manad" in self.col else "fodelsear",
                    "Referensår saknas, så åldern kan inte räknas fram ur födelseåret: fyll i "
                    "manad (ÅÅÅÅ-MM) eller ange referensåret (--referensar ÅÅÅÅ).",
                )
            return None
        self.birth_years_used = True
        age = year - born
        if not MIN_AGE <= age <= MAX_AGE:
            self._problem(
                "value-not-allowed",
                "fodelsear",
                f"Åldern blir {age} år (referensår {year} − födelseår {born}), "
                f"utanför {MIN_AGE}–{MAX_AGE} år.",
            )
            return None
        return age


def _whole(text: str) -> int | None:
    m = _WHOLE.match(text.strip())
    return int(m.group(1)) if m else None
