"""Client statistics a municipality uploads for a development area: counted, never kept.

The decisions file is checked by :func:`jamfor.sources.client_decisions.read_decisions`
(a personnummer or samordningsnummer anywhere refuses the whole file) and
counted by :func:`jamfor.core.clients.compile_statistics`, exactly as
``jamfor klientstatistik`` does. The file lives only in a temporary folder
for the moment it is read; what is stored is the four computed tables, as a
JSON document (:func:`statistics_document`). A representative uploads for
their own municipality only: a file with anyone else's decisions is refused.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.utils.text import get_valid_filename

from jamfor.catalog.reason_codes import load_reason_codes
from jamfor.core.clients import TOTAL, ClientStatistics, compile_statistics
from jamfor.core.identity_numbers import contains_identity_number
from jamfor.core.problems import InputError, Problem
from jamfor.registry.loader import load_registry
from jamfor.registry.model import Unit
from jamfor.sources.client_decisions import DecisionFile, read_decisions
from jamfor.web.development.models import Area

Document = dict[str, Any]

NAME_WITH_IDENTITY_NUMBER = (
    "Filens namn ser ut att innehålla ett personnummer eller samordningsnummer. "
    "Byt namn på filen och försök igen. Filen har inte sparats."
)


def study_codes(area: Area) -> tuple[str, ...]:
    """The reason codes the area's statistics cover, in the catalog's order (all if none given)."""
    wanted = [c for c in area.statistics_codes.replace(";", ",").split(",") if c.strip()]
    return load_reason_codes().select(wanted or None)


def _period(months: tuple[str, ...]) -> str | None:
    if not months:
        return None
    return months[0] if len(months) == 1 else f"{months[0]} – {months[-1]}"


def _age_note(decisions: DecisionFile) -> list[str]:
    if not decisions.birth_years_used:
        return []
    return [
        "Åldern är räknad som året i kolumnen manad minus födelseåret, alltså den ålder "
        "klienten fyller under året, där filen anger födelseår i stället för ålder."
    ]


def statistics_document(
    stats: ClientStatistics, labels: dict[str, str], *, file: str, decisions: DecisionFile
) -> Document:
    """The four tables as stored: lists, so that every database keeps their order."""
    tables = []
    for t in stats.tables:
        rows = []
        for i, code in enumerate([*t.codes, TOTAL]):
            cells = [c.total if code == TOTAL else c.cells[i] for c in t.columns]
            rows.append(
                {
                    "kod": code,
                    "text": "" if code == TOTAL else labels.get(code, ""),
                    "celler": [{"antal": str(c.antal), "andel": c.andel} for c in cells],
                }
            )
        tables.append(
            {
                "id": t.id,
                "rubrik": t.title,
                "kolumner": [c.label for c in t.columns],
                "rader": rows,
                "noter": list(t.notes),
            }
        )
    return {
        "fil": file,
        "beslut": len(decisions.decisions),
        "period": _period(decisions.months),
        "koder": list(stats.tables[0].codes),
        "min_cell": stats.min_cell,
        "tabeller": tables,
        "noter": [*stats.notes, *_age_note(decisions)],
    }


def compile_upload(area: Area, unit: Unit, name: str, content: bytes) -> Document:
    """Check and count an uploaded decisions file; :class:`InputError` lists what is wrong.

    Nothing of the file outlives this call: it is written to a temporary
    folder only because the readers take a path, and the folder is removed
    before the function returns, whatever happens.
    """
    if contains_identity_number(name):
        raise InputError([Problem("identity-number", NAME_WITH_IDENTITY_NUMBER)])
    codes_catalog = load_reason_codes()
    codes = study_codes(area)
    registry = load_registry()
    safe = get_valid_filename(Path(name).name) or "beslut.csv"
    with tempfile.TemporaryDirectory(prefix="jamfor-beslut-") as folder:
        path = Path(folder) / safe
        path.write_bytes(content)
        decisions = read_decisions(path, codes_catalog, registry, display=name)
    others = sorted(
        {d.kommun for d in decisions.decisions} - {unit.code},
        key=lambda c: registry.units[c].name if c in registry.units else c,
    )
    if others:
        names = ", ".join(registry.units[c].name if c in registry.units else c for c in others)
        raise InputError(
            [
                Problem(
                    "other-kommun",
                    f"Filen innehåller beslut från {names}. Ladda bara upp beslut från "
                    f"{unit.name}; ingenting ur filen har sparats.",
                    file=name,
                    field="kommun",
                )
            ]
        )
    if not decisions.decisions:
        raise InputError(
            [Problem("no-decisions", f"Filen har inga beslut från {unit.name}.", file=name)]
        )
    stats = compile_statistics(
        decisions.decisions, codes, [(unit.code, unit.name)], min_cell=area.statistics_min_cell
    )
    return statistics_document(stats[0], codes_catalog.labels(), file=name, decisions=decisions)
