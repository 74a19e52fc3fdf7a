"""Follow-up: meetings with notes, and each area's indicators over every year in the database."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from jamfor.web.accounts.access import analysts, members
from jamfor.web.accounts.roles import is_analyst
from jamfor.web.development import logged_writes
from jamfor.web.development.forms import FollowUpForm
from jamfor.web.development.knowledge import paragraphs
from jamfor.web.development.models import Cycle, FollowUp, area_or_404, cycle_or_404
from jamfor.web.development.trends import area_trends
from jamfor.web.results.dataset import holds_synthetic
from jamfor.web.survey.models import Year


@members
@require_safe
def followup(request: HttpRequest, year: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    decision = getattr(cycle, "decision", None)
    return render(
        request,
        "development/followup.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "meetings": [(m, paragraphs(m.notes)) for m in cycle.followups.all()],
            "areas": list(cycle.areas.all()),
            "decided": {a.pk for a in decision.areas.all()} if decision else set(),
            "decision": decision,
            "milestones": list(cycle.milestones.select_related("area")),
            "analyst": is_analyst(request.user),
        },
    )


@members
@require_safe
def area_trend(request: HttpRequest, year: int, area: int) -> HttpResponse:
    """The area's indicators year by year: has the area moved since the decision?"""
    cycle = cycle_or_404(year)
    area_obj = area_or_404(cycle, area)
    return render(
        request,
        "development/area_trend.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "area": area_obj,
            "trends": area_trends(cycle, area_obj),
            "decision": getattr(cycle, "decision", None),
            # the trends read every year of the area
            "synthetic": holds_synthetic(*Year.objects.filter(area=cycle.year.area)),
        },
    )


def _edit(request: HttpRequest, cycle: Cycle, instance: FollowUp) -> HttpResponse:
    new = instance.pk is None
    form = FollowUpForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        logged_writes.save_form(request.user, form, "utveckling.uppföljning")
        messages.success(request, "Uppföljningsmötet är sparat.")
        return redirect("development:followup", year=cycle.year.year)
    return render(
        request,
        "development/form.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "form": form,
            "title": "Nytt uppföljningsmöte" if new else f"Ändra {instance}",
            "intro": "Uppföljningen sker enligt den beslutade tidsplanen; FoU sammankallar "
            "och sammanställer.",
        },
    )


@analysts
def followup_new(request: HttpRequest, year: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    return _edit(request, cycle, FollowUp(cycle=cycle))


@analysts
def followup_edit(request: HttpRequest, year: int, meeting: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    found = cycle.followups.filter(pk=meeting).first()
    if found is None:
        raise Http404("Uppföljningsmötet finns inte i utvecklingsarbetet.")
    return _edit(request, cycle, found)
