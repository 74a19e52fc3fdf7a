"""The cycle's own page — phases, dates, who must do what next — and the analysts' cycle forms."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from jamfor.web.accounts.access import analysts, members
from jamfor.web.accounts.roles import is_analyst, kommun_of
from jamfor.web.development import logged_writes
from jamfor.web.development.forms import PlanningForm, PositionForm
from jamfor.web.development.models import Cycle, cycle_or_404
from jamfor.web.development.progress import (
    MINIMUM_AREAS,
    count_sv,
    members_of,
    plan_states,
    planned_out_of_order,
    progress,
)
from jamfor.web.survey.models import year_or_404


@members
@require_safe
def cycle_page(request: HttpRequest, year: int) -> HttpResponse:
    """One page for the whole cycle: where it stands, the areas, the decision and the timetable."""
    year_obj = year_or_404(year)
    cycle = Cycle.objects.filter(year=year_obj).first()
    analyst = is_analyst(request.user)
    if cycle is None:
        return render(
            request, "development/not_started.html", {"year": year_obj, "analyst": analyst}
        )
    own = kommun_of(request.user)
    members_list = members_of(cycle)
    state = progress(cycle)
    areas = list(cycle.areas.prefetch_related("questions"))
    decision = getattr(cycle, "decision", None)
    return render(
        request,
        "development/cycle.html",
        {
            "year": year_obj,
            "cycle": cycle,
            "progress": state,
            "current": state.current,
            # «Nästa steg» per person: the analyst the overview, a representative
            # their own tasks first, a reader none
            "overview": state.overview() if analyst else [],
            "common_tasks": state.common_tasks() if own else [],
            "own_tasks": state.tasks_for(own) if own else [],
            "own": next((u for u in members_list if u.code == own), None),
            "areas": areas,
            "too_few": len(areas) < MINIMUM_AREAS,
            "minimum": MINIMUM_AREAS,
            "decision": decision,
            "decided_areas": list(decision.areas.all()) if decision else [],
            "milestones": list(cycle.milestones.select_related("area")),
            "out_of_order": planned_out_of_order(cycle) if analyst else [],
            "followups": count_sv(cycle.followups.count(), "uppföljningsmöte", "uppföljningsmöten"),
            "plans": plan_states(cycle, members_list) if analyst else {},
            "members": members_list,
            "analyst": analyst,
        },
    )


@analysts
@require_POST
def start(request: HttpRequest, year: int) -> HttpResponse:
    year_obj = year_or_404(year)
    if Cycle.objects.filter(year=year_obj).exists():
        messages.info(request, f"Utvecklingsarbetet {year_obj.year} är redan startat.")
    else:
        logged_writes.create(request.user, Cycle(year=year_obj), "utveckling.cykel")
        messages.success(
            request,
            f"Utvecklingsarbetet {year_obj.year} är startat. Planera datumen och välj "
            "utvecklingsområden ur resultaten.",
        )
    return redirect("development:cycle", year=year_obj.year)


@analysts
def planning(request: HttpRequest, year: int) -> HttpResponse:
    """The planned date of each phase."""
    cycle = cycle_or_404(year)
    form = PlanningForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        logged_writes.save_form(request.user, form, "utveckling.cykel")
        messages.success(request, "Datumen är sparade.")
        for warning in planned_out_of_order(cycle):
            messages.warning(request, f"Kontrollera datumen: {warning}")
        return redirect("development:cycle", year=year)
    return render(
        request, "development/form.html", _form_page(cycle, form, "Planera utvecklingsarbetet")
    )


@analysts
def position(request: HttpRequest, year: int) -> HttpResponse:
    """The group's joint position, about a month after the result meeting."""
    cycle = cycle_or_404(year)
    form = PositionForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        logged_writes.save_form(request.user, form, "utveckling.ställningstagande")
        messages.success(request, "Det gemensamma ställningstagandet är sparat.")
        return redirect("development:cycle", year=year)
    return render(
        request,
        "development/form.html",
        _form_page(
            cycle,
            form,
            "Gemensamt ställningstagande",
            "Gruppen tar ställning till vilka utvecklingsområden den vill arbeta med, "
            "utifrån kunskapssammanställningen. Förslaget går sedan till socialchefsgruppen.",
        ),
    )


def _form_page(cycle: Cycle, form: object, title: str, intro: str = "") -> dict[str, object]:
    return {"cycle": cycle, "year": cycle.year, "form": form, "title": title, "intro": intro}
