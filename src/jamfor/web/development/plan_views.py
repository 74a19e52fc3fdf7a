"""Each municipality's action plan after the decision: drafted, sent in, versioned, followed up."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from jamfor.web.accounts.access import analysts
from jamfor.web.development import submissions
from jamfor.web.development.access import CycleKommun, plan_action, plan_page
from jamfor.web.development.forms import PlanForm
from jamfor.web.development.models import Kind, PlanStatus, cycle_or_404
from jamfor.web.development.progress import members_of


@analysts
@require_safe
def plans_overview(request: HttpRequest, year: int) -> HttpResponse:
    """Every municipality's plan: sent in or not, its status and when."""
    cycle = cycle_or_404(year)
    rows = []
    for unit in members_of(cycle):
        found = submissions.find(cycle, Kind.PLAN, unit.code)
        latest = found.latest() if found is not None else None
        rows.append(
            (
                unit,
                submissions.state_of(found),
                latest,
                submissions.plan_status_label(latest.content) if latest else "",
            )
        )
    return render(
        request,
        "development/plans_overview.html",
        {"cycle": cycle, "year": cycle.year, "rows": rows},
    )


@plan_page
def plan(request: HttpRequest, ctx: CycleKommun) -> HttpResponse:
    """The municipality's plan: the representative drafts and sends it in; analysts read what is sent."""
    found = submissions.find(ctx.cycle, Kind.PLAN, ctx.kommun)
    draft = found.draft if found is not None else None
    refused: tuple[str, str] | None = None
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            new = submissions.plan_draft(form.cleaned_data["text"], form.cleaned_data["status"])
            if request.POST.get("action") == "skicka" and not new["text"]:
                submissions.save_draft(ctx.cycle, Kind.PLAN, ctx.kommun, new, request.user)
                form.add_error("text", "Skriv handlingsplanen innan du skickar in den.")
                refused = ("Handlingsplanen skickades inte in", "Utkastet är sparat.")
            elif request.POST.get("action") == "skicka":
                version = submissions.send_in(
                    ctx.cycle, Kind.PLAN, ctx.kommun, new, new, request.user
                )
                messages.success(
                    request,
                    f"Handlingsplanen är inskickad (version {version.number})."
                    if version
                    else "Inget är ändrat sedan senaste inskickade versionen.",
                )
                return redirect("development:plan", year=ctx.year, kommun=ctx.kommun)
            else:
                changed = submissions.save_draft(
                    ctx.cycle, Kind.PLAN, ctx.kommun, new, request.user
                )
                messages.success(request, "Utkastet är sparat." if changed else "Inget ändrades.")
                return redirect("development:plan", year=ctx.year, kommun=ctx.kommun)
    else:
        initial = (
            {"text": draft.get("text", ""), "status": draft.get("status", PlanStatus.PLANNED)}
            if draft
            else {}
        )
        form = PlanForm(initial=initial)
    latest = found.latest() if found is not None else None
    decision = getattr(ctx.cycle, "decision", None)
    return render(
        request,
        "development/plan.html",
        {
            "ctx": ctx,
            "cycle": ctx.cycle,
            "year": ctx.cycle.year,
            "form": form,
            "state": submissions.state_of(found),
            "latest": latest,
            "latest_status": submissions.plan_status_label(latest.content) if latest else "",
            "decision": decision,
            "decided_areas": list(decision.areas.all()) if decision else [],
            "milestones": [
                m
                for m in ctx.cycle.milestones.select_related("area")
                if m.kommun in ("", ctx.kommun)
            ],
            "versions": found.versions.count() if found is not None else 0,
            "error_heading": refused[0] if refused else "",
            "error_intro": refused[1] if refused else "",
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@plan_action
@require_POST
def plan_autosave(request: HttpRequest, ctx: CycleKommun) -> JsonResponse:
    form = PlanForm(request.POST)
    if not form.is_valid():
        errors = {name: list(msgs) for name, msgs in form.errors.items()}
        return JsonResponse(
            {
                "saved": False,
                "message": "Utkastet kunde inte sparas automatiskt.",
                "errors": errors,
            },
            status=400,
        )
    new = submissions.plan_draft(form.cleaned_data["text"], form.cleaned_data["status"])
    changed = submissions.save_draft(
        ctx.cycle, Kind.PLAN, ctx.kommun, new, request.user, automatic=True
    )
    at = timezone.localtime().strftime("%H:%M")
    return JsonResponse(
        {"saved": changed, "message": f"Utkastet sparades automatiskt kl. {at}." if changed else ""}
    )


@plan_page
@require_safe
def plan_versions(request: HttpRequest, ctx: CycleKommun) -> HttpResponse:
    found = submissions.find(ctx.cycle, Kind.PLAN, ctx.kommun)
    versions = list(found.versions.order_by("-number")) if found is not None else []
    return render(
        request,
        "development/plan_versions.html",
        {
            "ctx": ctx,
            "cycle": ctx.cycle,
            "year": ctx.cycle.year,
            "versions": [(v, submissions.plan_status_label(v.content)) for v in versions],
        },
    )
