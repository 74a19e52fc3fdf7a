"""The chief officers' decision and its timetable: recorded by the analyst, read on the cycle page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jamfor.web.accounts.access import analysts
from jamfor.web.development import logged_writes
from jamfor.web.development.forms import DecisionForm, MilestoneForm
from jamfor.web.development.models import Cycle, Decision, Milestone, cycle_or_404
from jamfor.web.development.progress import members_of


@analysts
def decision(request: HttpRequest, year: int) -> HttpResponse:
    """Record (or correct) the decision: body, date, text and the decided areas."""
    cycle = cycle_or_404(year)
    instance = getattr(cycle, "decision", None) or Decision(cycle=cycle)
    form = DecisionForm(cycle, request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        logged_writes.save_form(request.user, form, "utveckling.beslut")
        messages.success(
            request,
            "Beslutet är sparat. Lägg in tidsplanens milstolpar; kommunerna kan nu skriva "
            "sina handlingsplaner.",
        )
        return redirect("development:cycle", year=year)
    return render(
        request,
        "development/form.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "form": form,
            "title": "Beslut om utvecklingsområden",
            "intro": "Förslaget på utvecklingsområden fastslås i socialchefsgruppen efter "
            "föredragning av FoU-chefen, med beslut om tidsplan och ansvarsfördelning.",
        },
    )


def _milestone(request: HttpRequest, cycle: Cycle, instance: Milestone) -> HttpResponse:
    new = instance.pk is None
    form = MilestoneForm(cycle, members_of(cycle), request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = logged_writes.save_form(request.user, form, "utveckling.milstolpe")
        messages.success(request, f"Milstolpen «{saved.title}» är sparad.")
        return redirect("development:cycle", year=cycle.year.year)
    return render(
        request,
        "development/form.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "form": form,
            "title": "Ny milstolpe i tidsplanen" if new else f"Ändra milstolpen «{instance.title}»",
            "intro": "Tidsplanen för utvecklingsarbetet med vem som ansvarar: en kommun, "
            "en person eller en grupp.",
        },
    )


@analysts
def milestone_new(request: HttpRequest, year: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    return _milestone(request, cycle, Milestone(cycle=cycle))


@analysts
def milestone_edit(request: HttpRequest, year: int, milestone: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    found = cycle.milestones.filter(pk=milestone).first()
    if found is None:
        raise Http404("Milstolpen finns inte i utvecklingsarbetet.")
    return _milestone(request, cycle, found)
