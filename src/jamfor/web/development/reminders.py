"""Who has not answered yet, as a list the analyst can send reminders from.

A municipality counts as having answered an area once it has sent in a
version; a draft alone does not. The CSV is written the way Swedish Excel
opens it without questions (semicolons, UTF-8 with a byte-order mark), like
the consistency review's export.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from jamfor.csv_output import csv_writer
from jamfor.registry.model import Unit
from jamfor.web.accounts.models import Profile, Role
from jamfor.web.development.models import Area, Cycle
from jamfor.web.development.progress import answer_states, members_of
from jamfor.web.development.submissions import State

HEADINGS = (
    "Kommun",
    "Kommunkod",
    "Utvecklingsområde",
    "Svar senast",
    "Status",
    "Representanter",
    "E-post",
)


@dataclass(frozen=True)
class Missing:
    unit: Unit
    area: Area
    due: dt.date | None
    state: State
    representatives: tuple[str, ...]
    emails: tuple[str, ...]


def missing_answers(cycle: Cycle) -> list[Missing]:
    """Every municipality and area (with questions) not answered yet, municipality by municipality."""
    areas = [a for a in cycle.areas.all() if a.questions.exists()]
    members = members_of(cycle)
    states = answer_states(cycle, areas, members)
    people: dict[str, list[tuple[str, str]]] = {}
    for p in Profile.objects.filter(
        role=Role.REPRESENTATIVE, kommun__in=[u.code for u in members], user__is_active=True
    ).select_related("user"):
        people.setdefault(p.kommun, []).append((p.user.get_username(), p.user.email))
    out = []
    for u in members:
        for a in areas:
            state = states[(a.pk, u.code)]
            if state.answered:
                continue
            reps = sorted(people.get(u.code, []))
            out.append(
                Missing(
                    unit=u,
                    area=a,
                    due=a.due(),
                    state=state,
                    representatives=tuple(name for name, _ in reps),
                    emails=tuple(email for _, email in reps if email),
                )
            )
    return out


def reminder_csv(missing: list[Missing]) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for m in missing:
        writer.writerow(
            [
                m.unit.name,
                m.unit.code,
                m.area.name,
                m.due.isoformat() if m.due else "",
                m.state.label,
                ", ".join(m.representatives),
                "; ".join(m.emails),
            ]
        )
    return out.getvalue().encode("utf-8-sig")
