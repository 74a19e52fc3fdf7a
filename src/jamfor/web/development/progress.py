"""Where a cycle stands: each phase done or not, and who must do what next.

Nothing here is ticked off by hand. A phase is done when what it produces
exists — at least three areas with their needs described, every
municipality's answers, the published knowledge report, the recorded joint
position, the decision, every action plan — so the cycle page cannot claim
progress the data does not show. The current phase is the first one not
done; its open tasks are "what happens next". A representative also sees
their own municipality's open tasks, whichever phase they belong to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from jamfor.core.collation import swedish_key
from jamfor.core.narrative import join_sv
from jamfor.registry.model import Unit
from jamfor.web.development.models import Area, Cycle, Kind, Phase, Submission
from jamfor.web.development.submissions import State, state_of


def count_sv(n: int, one: str, many: str) -> str:
    """A count with its noun in the right number: "1 utvecklingsområde", "2 utvecklingsområden"."""
    return f"{n} {one if n == 1 else many}"


MINIMUM_AREAS = 3
"""The working model: the result meeting identifies at least three development areas."""

FOU = "FoU-analytikern"

RESPONSIBLE = {
    Phase.RESULTATMOTE: "FoU och kommunerna",
    Phase.FRAGOR: "Varje kommun",
    Phase.KUNSKAP: "FoU",
    Phase.STALLNINGSTAGANDE: "Gruppen",
    Phase.BESLUT: "Socialchefsgruppen",
    Phase.HANDLINGSPLANER: "Varje kommun",
    Phase.UPPFOLJNING: "FoU och kommunerna",
}
"""Who carries each phase in the working model's division of responsibility."""


@dataclass(frozen=True)
class Task:
    """Something someone must do: ``who`` as a person reads it, ``kommun`` when it is a municipality's."""

    who: str
    what: str
    due: dt.date | None = None
    kommun: str | None = None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()

    @property
    def lateness(self) -> str:
        """«försenad 3 dagar» once the date has passed, else empty."""
        return lateness(self.due)


def lateness(planned: dt.date | None, done: bool = False) -> str:
    """How late something not done is: «försenad 1 dag», «försenad 12 dagar», or empty."""
    if done or planned is None:
        return ""
    days = (timezone.localdate() - planned).days
    return f"försenad {count_sv(days, 'dag', 'dagar')}" if days > 0 else ""


def planned_out_of_order(cycle: Cycle) -> list[str]:
    """Each phase planned before the phase that comes before it in the working model.

    A date out of order is not refused — plans change and an analyst may enter
    the dates one at a time — but the cycle page and the planning form say so.
    """
    out = []
    previous: tuple[Phase, dt.date] | None = None
    for phase in Phase:
        date: dt.date | None = getattr(cycle, phase.date_field)
        if date is None:
            continue
        if previous is not None and date < previous[1]:
            out.append(
                f"{phase.label} ({date.isoformat()}) är planerat före "
                f"{previous[0].label.lower()} ({previous[1].isoformat()}), som kommer före i "
                "arbetsmodellen."
            )
        else:
            previous = (phase, date)
    return out


@dataclass(frozen=True)
class PhaseProgress:
    phase: Phase
    planned: dt.date | None
    responsible: str
    done: bool
    summary: str
    tasks: tuple[Task, ...]
    current: bool = False

    @property
    def lateness(self) -> str:
        """«försenad 3 dagar» for a phase not done whose planned date has passed."""
        return lateness(self.planned, self.done)


@dataclass(frozen=True)
class Progress:
    phases: tuple[PhaseProgress, ...]

    @property
    def current(self) -> PhaseProgress | None:
        return next((p for p in self.phases if p.current), None)

    def tasks_for(self, kommun: str) -> list[Task]:
        return [t for p in self.phases for t in p.tasks if t.kommun == kommun]

    def overview(self) -> list[Task]:
        """The current phase's tasks for the analyst: one line per task, not per municipality.

        «Svara på frågorna om «A»» for eight municipalities is one line naming
        them, so three areas are three lines rather than 24.
        """
        current = self.current
        if current is None:
            return []
        out: list[Task] = []
        shared: dict[tuple[str, dt.date | None], list[Task]] = {}
        for task in current.tasks:
            if task.kommun is None:
                out.append(task)
            else:
                key = (task.what, task.due)
                if key not in shared:
                    out.append(task)  # its place in the list; replaced below when shared
                shared.setdefault(key, []).append(task)
        return [_joined(shared[(t.what, t.due)]) if t.kommun is not None else t for t in out]

    def common_tasks(self) -> list[Task]:
        """The current phase's tasks that are no municipality's own (FoU's, the group's)."""
        current = self.current
        return [t for t in current.tasks if t.kommun is None] if current is not None else []


def _joined(tasks: list[Task]) -> Task:
    if len(tasks) == 1:
        return tasks[0]
    names = join_sv([t.who for t in tasks])
    return Task(
        f"{count_sv(len(tasks), 'kommun', 'kommuner')} ({names})", tasks[0].what, tasks[0].due
    )


def members_of(cycle: Cycle) -> list[Unit]:
    return sorted(cycle.year.group_object.members, key=lambda u: swedish_key(u.name))


def answer_states(
    cycle: Cycle, areas: Sequence[Area], members: Sequence[Unit]
) -> dict[tuple[int, str], State]:
    """(area id, kommunkod) → the state of that municipality's answers about the area."""
    found = {
        (s.area_id, s.kommun): s
        for s in Submission.objects.filter(cycle=cycle, kind=Kind.ANSWERS).prefetch_related(
            "versions"
        )
    }
    return {(a.pk, u.code): state_of(found.get((a.pk, u.code))) for a in areas for u in members}


def plan_states(cycle: Cycle, members: Sequence[Unit]) -> dict[str, State]:
    found = {
        s.kommun: s
        for s in Submission.objects.filter(cycle=cycle, kind=Kind.PLAN).prefetch_related("versions")
    }
    return {u.code: state_of(found.get(u.code)) for u in members}


def _results_meeting(cycle: Cycle, areas: Sequence[Area]) -> PhaseProgress:
    tasks = []
    if len(areas) < MINIMUM_AREAS:
        tasks.append(
            Task(
                FOU,
                f"Välj minst {MINIMUM_AREAS} utvecklingsområden ur resultaten "
                f"(hittills {len(areas)}).",
                cycle.date_resultatmote,
            )
        )
    tasks += [Task(FOU, f"Beskriv behovet bakom «{a.name}».") for a in areas if not a.need.strip()]
    return PhaseProgress(
        Phase.RESULTATMOTE,
        cycle.date_resultatmote,
        RESPONSIBLE[Phase.RESULTATMOTE],
        done=not tasks,
        summary=count_sv(len(areas), "utvecklingsområde valt", "utvecklingsområden valda"),
        tasks=tuple(tasks),
    )


def _questions(
    cycle: Cycle,
    areas: Sequence[Area],
    members: Sequence[Unit],
    states: dict[tuple[int, str], State],
) -> PhaseProgress:
    asked = [a for a in areas if a.questions.exists()]
    tasks = [
        Task(FOU, f"Ställ frågor till kommunerna om «{a.name}».", a.due())
        for a in areas
        if a not in asked
    ]
    answered = 0
    for a in asked:
        for u in members:
            if states[(a.pk, u.code)].answered:
                answered += 1
            elif not cycle.published:
                tasks.append(
                    Task(u.name, f"Svara på frågorna om «{a.name}».", a.due(), kommun=u.code)
                )
    total = len(asked) * len(members)
    return PhaseProgress(
        Phase.FRAGOR,
        cycle.date_fragor,
        RESPONSIBLE[Phase.FRAGOR],
        done=cycle.published or (bool(areas) and not tasks),
        summary=(
            f"{answered} av {count_sv(total, 'svar inskickat', 'svar inskickade')}"
            if total
            else "Inga frågor ställda ännu"
        ),
        tasks=tuple(tasks),
    )


def _knowledge(cycle: Cycle) -> PhaseProgress:
    tasks = []
    if not cycle.published:
        tasks.append(
            Task(
                FOU,
                "Lägg till forskning, skriv FoU:s analys och förslag och publicera "
                "kunskapssammanställningen.",
                cycle.date_kunskap,
            )
        )
    summary = (
        f"Publicerad {timezone.localtime(cycle.published_at):%Y-%m-%d}"
        if cycle.published_at
        else "Inte publicerad"
    )
    return PhaseProgress(
        Phase.KUNSKAP,
        cycle.date_kunskap,
        RESPONSIBLE[Phase.KUNSKAP],
        done=cycle.published,
        summary=summary,
        tasks=tuple(tasks),
    )


def _position(cycle: Cycle) -> PhaseProgress:
    done = cycle.position_date is not None and bool(cycle.position_text.strip())
    tasks = (
        ()
        if done
        else (
            Task(
                "Gruppen",
                "Ta gemensamt ställning till vilka utvecklingsområden gruppen vill arbeta med; "
                "FoU-analytikern för in ställningstagandet.",
                cycle.date_stallningstagande,
            ),
        )
    )
    return PhaseProgress(
        Phase.STALLNINGSTAGANDE,
        cycle.date_stallningstagande,
        RESPONSIBLE[Phase.STALLNINGSTAGANDE],
        done=done,
        summary=(
            f"Ställningstagande {cycle.position_date.isoformat()}"
            if done and cycle.position_date
            else "Inte infört"
        ),
        tasks=tasks,
    )


def _decision(cycle: Cycle) -> PhaseProgress:
    decision = getattr(cycle, "decision", None)
    tasks = (
        ()
        if decision is not None
        else (
            Task(
                "Socialchefsgruppen",
                "Besluta om utvecklingsområden, tidsplan och ansvarsfördelning; "
                "FoU-analytikern för in beslutet.",
                cycle.date_beslut,
            ),
        )
    )
    return PhaseProgress(
        Phase.BESLUT,
        cycle.date_beslut,
        RESPONSIBLE[Phase.BESLUT],
        done=decision is not None,
        summary=str(decision) if decision is not None else "Inget beslut infört",
        tasks=tasks,
    )


def _plans(cycle: Cycle, members: Sequence[Unit], states: dict[str, State]) -> PhaseProgress:
    decided = hasattr(cycle, "decision")
    tasks = [
        Task(
            u.name,
            "Skriv kommunens handlingsplan och skicka in den.",
            cycle.date_handlingsplaner,
            u.code,
        )
        for u in members
        if decided and not states[u.code].answered
    ]
    sent = sum(1 for u in members if states[u.code].answered)
    return PhaseProgress(
        Phase.HANDLINGSPLANER,
        cycle.date_handlingsplaner,
        RESPONSIBLE[Phase.HANDLINGSPLANER],
        done=decided and not tasks,
        summary=(
            f"{sent} av {count_sv(len(members), 'handlingsplan inskickad', 'handlingsplaner inskickade')}"
        ),
        tasks=tuple(tasks),
    )


def _follow_up(cycle: Cycle) -> PhaseProgress:
    open_milestones = [m for m in cycle.milestones.all() if m.done_on is None]
    tasks = [
        Task(m.responsible or "Ansvarig saknas", m.title, m.due, kommun=m.kommun or None)
        for m in open_milestones
    ]
    meetings = cycle.followups.count()
    if not meetings:
        tasks.append(Task(FOU, "Kalla till det första uppföljningsmötet.", cycle.date_uppfoljning))
    return PhaseProgress(
        Phase.UPPFOLJNING,
        cycle.date_uppfoljning,
        RESPONSIBLE[Phase.UPPFOLJNING],
        done=bool(meetings) and cycle.milestones.exists() and not open_milestones,
        summary=(
            f"{count_sv(meetings, 'uppföljningsmöte', 'uppföljningsmöten')}, "
            f"{count_sv(len(open_milestones), 'milstolpe', 'milstolpar')} kvar"
        ),
        tasks=tuple(tasks),
    )


def progress(cycle: Cycle) -> Progress:
    """Every phase with its state and open tasks; the first phase not done is current."""
    areas = list(cycle.areas.all())
    members = members_of(cycle)
    phases = [
        _results_meeting(cycle, areas),
        _questions(cycle, areas, members, answer_states(cycle, areas, members)),
        _knowledge(cycle),
        _position(cycle),
        _decision(cycle),
        _plans(cycle, members, plan_states(cycle, members)),
        _follow_up(cycle),
    ]
    current = next((i for i, p in enumerate(phases) if not p.done), None)
    return Progress(
        tuple(dataclasses.replace(p, current=i == current) for i, p in enumerate(phases))
    )
