"""Raw survey answers: one row per unit, question (and part) and answer.

Columns ``enhet, fraga, del, svar`` (``del`` only for grid questions; an
optional ``kommentar`` is accepted and ignored here). The answers are checked
against the survey in the catalog — options, numbers, jumps, 4a ≤ 4 — and
turned into the indicator values the results tables print (see
:mod:`jamfor.core.derive`), by the same rule as the web app's preliminary results
(:mod:`jamfor.core.preliminary`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from jamfor.catalog.model import Catalog
from jamfor.core.preliminary import unit_values
from jamfor.core.problems import MAX_PROBLEMS, Problem
from jamfor.core.survey import AnswerKey, AnswerNotAllowed, check_answers, normalise
from jamfor.registry.model import Registry
from jamfor.sources.cells import UnitCell, repeated_column_problems, resolve_unit
from jamfor.sources.reading import RawTable
from jamfor.sources.tables import TableImport

REQUIRED = ("enhet", "fraga", "svar")


def is_survey_answers(raw: RawTable) -> bool:
    cols = {c.casefold() for c in raw.columns}
    return all(c in cols for c in REQUIRED)


def import_survey_answers(raw: RawTable, catalog: Catalog, registry: Registry) -> TableImport:
    out = TableImport(problems=repeated_column_problems(raw))
    survey = catalog.survey
    if survey is None:
        out.problems.append(
            _problem(raw, None, None, f"Katalogen för {catalog.year} saknar enkät.")
        )
        return out
    col = {name.casefold(): name for name in raw.columns}
    answers: dict[str, dict[AnswerKey, str]] = defaultdict(dict)
    rows: dict[tuple[str, str], int] = {}
    for row, cells in raw.rows:
        if len(out.problems) >= MAX_PROBLEMS:
            break
        get = {k: cells.get(v, "") for k, v in col.items()}
        resolved = resolve_unit(registry, get["enhet"]) if get["enhet"] else "Enhet saknas."
        if not isinstance(resolved, UnitCell):
            out.problems.append(_problem(raw, row, col["enhet"], resolved))
            continue
        if resolved.unit.kind not in ("kommun", "delomrade"):
            out.problems.append(
                _problem(
                    raw,
                    row,
                    col["enhet"],
                    f"{resolved.unit.name} besvarar inte enkäten; bara kommuner har enkätsvar.",
                )
            )
            continue
        qid = get["fraga"].replace(" ", "").lower()
        try:
            question = survey.question(qid)
        except KeyError:
            out.problems.append(
                _problem(
                    raw,
                    row,
                    col["fraga"],
                    f"Enkäten {catalog.year} har ingen fråga «{get['fraga']}».",
                )
            )
            continue
        part = get.get("del") or None
        if not get["svar"]:
            continue
        try:
            answer = normalise(question, part, get["svar"])
        except AnswerNotAllowed as exc:
            field = col.get("del") if exc.about_part else col["svar"]
            out.problems.append(_problem(raw, row, field, str(exc)))
            continue
        code = resolved.unit.code
        if (qid, part) in answers[code]:
            out.problems.append(
                _problem(
                    raw,
                    row,
                    col["svar"],
                    f"Fråga {qid} har redan besvarats för "
                    f"{resolved.unit.name} (rad {rows[(code, qid)]}).",
                )
            )
            continue
        answers[code][(qid, part)] = answer
        rows.setdefault((code, qid), row)
    indicators = {i.id: i for i in catalog.indicators}
    for code, given in answers.items():
        for p in check_answers(survey, given):
            assert p.field is not None
            out.problems.append(
                replace(
                    p,
                    file=raw.file,
                    row=rows.get((code, p.field)),
                    field=col["svar"],
                    message=f"{registry.units[code].name}: {p.message}",
                )
            )
        for rec in unit_values(catalog, code, given):
            out.values.append(rec)
            asked = indicators[rec.indicator].source.questions
            out.rows[(code, rec.indicator, "answer")] = min(
                (rows[(code, q)] for q in asked if (code, q) in rows), default=0
            )
    return out


def _problem(raw: RawTable, row: int | None, field: str | None, message: str) -> Problem:
    return Problem("survey-answer", message, raw.file, row, field)
