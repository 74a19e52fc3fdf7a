"""Building blocks for the development-work tests: a cycle with areas, questions and answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from importlib import resources
from typing import Any

from django.test import Client

from jamfor.web.development.models import (
    Area,
    AreaSeries,
    Cycle,
    Decision,
    FollowUp,
    Milestone,
    Question,
)
from jamfor.web.survey.models import Year

EXAMPLE = (resources.files("jamfor.examples") / "oj-ekb-2015-nordvast.csv").read_bytes()
DECISIONS_HEADER = "kommun,orsakskod,kon,alder,barn_i_hushallet\n"


def cycle_with_area(
    year: Year,
    name: str = "Samverkan med barn- och ungdomsvården",
    indicators: Sequence[str] = ("rutin-barn-unga",),
    questions: Sequence[str] = ("Vad vet ni om samverkan i er kommun?",),
    *,
    statistics: bool = False,
) -> tuple[Cycle, Area]:
    cycle = Cycle.objects.get_or_create(year=year)[0]
    area = Area.objects.create(
        cycle=cycle,
        name=name,
        need="Bara tre av åtta kommuner har en rutin.",
        indicators=list(indicators),
        answers_due=dt.date(2015, 6, 15),
        statistics_requested=statistics,
        position=cycle.areas.count() + 1,
    )
    for i, text in enumerate(questions, start=1):
        Question.objects.create(area=area, text=text, position=i)
    return cycle, area


def decide(cycle: Cycle, *areas: Area) -> Decision:
    decision = Decision.objects.create(
        cycle=cycle, date=dt.date(2015, 10, 12), text="Gruppen arbetar vidare med områdena."
    )
    decision.areas.set(areas)
    return decision


NORDVAST_CODES = ("0125", "0123", "0191", "0163", "0184", "0183", "0114", "0139")


def sick_leave_csv(missing: tuple[str, str] | None = ("Ekerö", "2015-03")) -> bytes:
    """A monthly count per Nordväst municipality, Oct 2014 – Oct 2015 (one value may be absent)."""
    names = ["Ekerö", "Järfälla", "Sigtuna", "Sollentuna", "Solna", "Sundbyberg"]
    names += ["Upplands Väsby", "Upplands-Bro"]
    months = [f"2014-{m}" for m in (10, 11, 12)] + [f"2015-{m:02d}" for m in range(1, 11)]
    lines = ["kommun;period;varde;enhet;serie;kalla"]
    for i, name in enumerate(names):
        for j, month in enumerate(months):
            value = "" if (name, month) == missing else str(10 * (i + 1) + j)
            lines.append(f"{name};{month};{value};antal;Antal sjukfall;Försäkringskassan")
    return ("\n".join(lines) + "\n").encode("utf-8")


def attach_series(area: Area) -> AreaSeries:
    """A stored series as the series page stores it (for URL samples)."""
    return AreaSeries.objects.create(
        area=area,
        position=1,
        title="Antal sjukfall",
        origin="fil",
        file_name="sjukfall.csv",
        name="Antal sjukfall",
        unit="antal",
        source="Försäkringskassan",
        values=[[code, "2014-10", str(10 + i)] for i, code in enumerate(NORDVAST_CODES)],
    )


def full_cycle(year: Year) -> tuple[Cycle, Area, Milestone, FollowUp]:
    """A cycle with an area, a decision, a milestone and a follow-up meeting (for URL samples)."""
    cycle, area = cycle_with_area(year)
    attach_series(area)
    decide(cycle, area)
    milestone = Milestone.objects.create(
        cycle=cycle, area=area, title="Gemensam rutin klar", due=dt.date(2016, 3, 1), kommun="0125"
    )
    followup = FollowUp.objects.create(
        cycle=cycle, date=dt.date(2016, 4, 1), notes="Rutinen finns."
    )
    return cycle, area, milestone, followup


def answer(client: Client, kommun: str, area: Area, *texts: str, action: str = "skicka") -> Any:
    """Post a municipality's answers to the area's questions (in order) and send them in."""
    questions = list(area.questions.all())
    data = {f"svar-{q.pk}": t for q, t in zip(questions, texts, strict=False)}
    data["action"] = action
    return client.post(f"/utveckling/{area.cycle.year.year}/svar/{kommun}/{area.pk}/", data)
