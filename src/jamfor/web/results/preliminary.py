"""Preliminary results: the members' submitted survey answers handed to the core.

The web app only collects the answers; :mod:`jamfor.core.preliminary` turns
them into values with the same rules as a survey-answers file in ``jamfor
table``, and the comparison and report are built as for imported results.
Only answers a member has marked «Klar» count: a draft may still change.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from jamfor.core.comparison import GroupComparison, compare
from jamfor.core.preliminary import AnswerChange, answer_changes, preliminary_dataset
from jamfor.core.survey import UNKNOWN, AnswerKey
from jamfor.csv_output import csv_writer
from jamfor.registry.loader import load_registry
from jamfor.registry.model import Unit
from jamfor.report.build import build_report
from jamfor.report.model import Report
from jamfor.web.results.dataset import comparison_for
from jamfor.web.survey.interpretations import catalog_for
from jamfor.web.survey.models import Answer, Response, Status, Year


@dataclass(frozen=True)
class Preliminary:
    """What the preliminary page shows: who answered, the comparison and its report."""

    submitted: tuple[Unit, ...]
    waiting: tuple[Unit, ...]
    comparison: GroupComparison | None
    report: Report | None


def submitted_answers(year: Year) -> dict[str, dict[AnswerKey, str]]:
    """Each member's answers (kommunkod → answers) once it has marked them «Klar»."""
    members = {u.code for u in year.group_object.members}
    found: dict[str, dict[AnswerKey, str]] = {}
    for kommun, question, part, value in Answer.objects.filter(
        response__year=year, response__status=Status.SUBMITTED.value
    ).values_list("response__kommun", "question", "part", "value"):
        if kommun in members:
            found.setdefault(kommun, {})[(question, part or None)] = value
    submitted = Response.objects.filter(year=year, status=Status.SUBMITTED.value)
    for kommun in submitted.values_list("kommun", flat=True):
        if kommun in members:
            found.setdefault(kommun, {})
    return found


def preliminary_for(year: Year) -> Preliminary:
    """The group's tables from its submitted answers; no comparison before anyone has sent in."""
    answers = submitted_answers(year)
    members = year.group_object.members
    submitted = tuple(u for u in members if u.code in answers)
    waiting = tuple(u for u in members if u.code not in answers)
    catalog = catalog_for(year)
    if not answers or catalog.survey is None:
        return Preliminary(submitted, waiting, None, None)
    registry = load_registry()
    cmp = compare(preliminary_dataset(catalog, answers), year.group_object, registry.units)
    return Preliminary(submitted, waiting, cmp, build_report(cmp, registry))


def changes_since(year: Year, preliminary: Preliminary) -> list[AnswerChange] | None:
    """Where the published figures differ from the members' answers; None before any import."""
    if preliminary.comparison is None:
        return None
    published = comparison_for(year)
    if published is None:
        return None
    return answer_changes(preliminary.comparison, published)


def answers_csv(year: Year) -> bytes:
    """The submitted answers as a survey-answers file (``enhet, fraga, del, svar``).

    ``jamfor table --data`` and the import read it as they read any answers
    file, so the preliminary tables can be recomputed outside the app.
    """
    names = {u.code: u.name for u in year.group_object.members}
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["enhet", "fraga", "del", "svar"])
    for kommun, given in sorted(submitted_answers(year).items()):
        for (question, part), value in given.items():
            writer.writerow(
                [names[kommun], question, part or "", "Vet ej" if value == UNKNOWN else value]
            )
    return out.getvalue().encode("utf-8-sig")
