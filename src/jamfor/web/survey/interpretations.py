"""The meetings recorded in the app, as the catalog and the report expect them.

The bundled catalog carries one year's protocol; in the app the analysts
record meetings themselves (the 2015 protocol is loaded like any other), so
the database is what counts: :func:`catalog_for` gives the year's catalog with
its meetings in place of the bundled one, and the report prints those under
its tables exactly as it prints the bundled ones for the CLI.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction

from jamfor.catalog.model import Catalog
from jamfor.catalog.model import Interpretation as CatalogInterpretation
from jamfor.catalog.model import Meeting as CatalogMeeting
from jamfor.report.build import note_from_text
from jamfor.report.model import Note
from jamfor.web.audit.log import record, snapshot
from jamfor.web.survey.models import (
    Interpretation,
    Meeting,
    Year,
    interpretation_name,
    meeting_name,
    question_ids,
)


@dataclass(frozen=True)
class QuestionNote:
    """An agreed interpretation as shown beside its question."""

    meeting: str
    note: Note


def meetings_of(year: Year) -> list[Meeting]:
    return list(year.meetings.prefetch_related("interpretations"))


def catalog_for(year: Year) -> Catalog:
    """The year's catalog with the app's meetings as its protocol.

    The catalog holds a single meeting; when the group has met more than once
    the interpretations of all meetings are kept, each heading naming its
    meeting, under the latest meeting's date.
    """
    catalog = year.catalog
    meetings = meetings_of(year)
    if catalog.survey is None or not meetings:
        return catalog.model_copy(update={"meeting": None})
    known = {q.id for q in catalog.survey.questions}
    several = len(meetings) > 1
    notes = []
    for m in meetings:
        for i in m.interpretations.all():
            ids = tuple(q for q in i.question_ids if q in known)
            if not ids:
                continue
            heading = str(i)
            if several:
                heading += f" ({m.title.lower()} {m.date.isoformat()})"
            notes.append(CatalogInterpretation(questions=ids, heading=heading, text=i.text))
    last = meetings[-1]
    meeting = CatalogMeeting(
        date=last.date,
        title="Mötena om kvalitetssäkring" if several else last.title,
        interpretations=tuple(notes),
    )
    return catalog.model_copy(update={"meeting": meeting})


def notes_by_question(
    year: Year, questions: Collection[str] | None = None
) -> dict[str, list[QuestionNote]]:
    """Each question's agreed interpretations, from every meeting of the year, in order.

    A survey page asks only for its own ``questions``: the others' texts are not read.
    """
    out: dict[str, list[QuestionNote]] = defaultdict(list)
    # rows, not models: every survey page reads these, and building the models cost more
    # than the query
    rows = (
        Interpretation.objects.filter(meeting__year=year)
        .order_by("meeting__date", "meeting__id", "position", "id")
        .values_list("questions", "heading", "text", "meeting__title", "meeting__date")
    )
    for numbers, heading, text, title, date in rows:
        wanted = [q for q in question_ids(numbers) if questions is None or q in questions]
        if wanted:
            heading = interpretation_name(heading, numbers)
            note = QuestionNote(meeting_name(title, date), note_from_text(heading, text))
            for qid in wanted:
                out[qid].append(note)
    return dict(out)


def has_catalog_protocol(year: Year) -> bool:
    """Whether the bundled catalog has a protocol that is not yet recorded in the app."""
    bundled = year.catalog.meeting
    if bundled is None:
        return False
    return not year.meetings.filter(date=bundled.date, title=bundled.title).exists()


@transaction.atomic
def load_catalog_protocol(
    year: Year, actor: object, actor_name: str | None = None
) -> Meeting | None:
    """Record the bundled catalog's protocol as a meeting, once; None if already there."""
    bundled = year.catalog.meeting
    if bundled is None or not has_catalog_protocol(year):
        return None
    meeting = Meeting.objects.create(year=year, date=bundled.date, title=bundled.title)
    for position, note in enumerate(bundled.interpretations, start=1):
        Interpretation.objects.create(
            meeting=meeting,
            questions=", ".join(note.questions),
            heading=note.heading,
            text=note.text,
            position=position,
        )
    record(
        actor,
        "möte.inläst",
        f"Läste in protokollet från {meeting} ({len(bundled.interpretations)} tolkningar) "
        "ur katalogen",
        meeting,
        None,
        {
            **snapshot(meeting),
            "tolkningar": [
                {"frågor": ", ".join(n.questions), "rubrik": n.heading, "text": n.text}
                for n in bundled.interpretations
            ],
        },
        actor_name=actor_name,
    )
    return meeting
