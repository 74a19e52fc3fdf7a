"""Each municipality's action plan after the decision: drafted, sent in, versioned, followed up."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from jamfor.web.accounts.access import analysts
from jamfor.web.concurrent_edits import snapshot_from, snapshot_token
from jamfor.web.development import submissions
from jamfor.web.development.access import CycleKommun, plan_action, plan_page
from jamfor.web.development.answer_views import autosaved
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


def _save(
    request: HttpRequest, ctx: CycleKommun, form: PlanForm, automatic: bool
) -> submissions.Edit:
    """This page's changes applied onto the stored plan, field by field."""
    salt = submissions.edit_salt(ctx.cycle, Kind.PLAN, ctx.kommun)
    mine = {"text": form.cleaned_data["text"].strip(), "status": form.cleaned_data["status"]}
    return submissions.save_edit(
        ctx.cycle,
        Kind.PLAN,
        ctx.kommun,
        snapshot_from(form.cleaned_data.get("grund"), salt),
        mine,
        request.user,
        automatic=automatic,
    )


def _conflict_text(conflicts: tuple[str, ...]) -> str:
    names = {"text": "handlingsplanens text", "status": "status"}
    what = " och ".join(names[c] for c in names if c in conflicts)
    return (
        f"Någon annan ändrade samtidigt {what}. Deras version är kvar och din ändring där är "
        "inte sparad; ladda om sidan för att se den sparade planen."
    )


@plan_page
def plan(request: HttpRequest, ctx: CycleKommun) -> HttpResponse:
    """The municipality's plan: the representative drafts and sends it in; analysts read what is sent."""
    found = submissions.find(ctx.cycle, Kind.PLAN, ctx.kommun)
    draft = found.draft if found is not None else None
    refused: tuple[str, str] | None = None
    salt = submissions.edit_salt(ctx.cycle, Kind.PLAN, ctx.kommun)
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            edit = _save(request, ctx, form, automatic=False)
            new = edit.draft
            if edit.conflicts:
                messages.warning(request, _conflict_text(edit.conflicts))
                return redirect("development:plan", year=ctx.year, kommun=ctx.kommun)
            if request.POST.get("action") == "skicka" and not new["text"]:
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
                messages.success(
                    request, "Utkastet är sparat." if edit.changed else "Inget ändrades."
                )
                return redirect("development:plan", year=ctx.year, kommun=ctx.kommun)
    else:
        initial = (
            {"text": draft.get("text", ""), "status": draft.get("status", PlanStatus.PLANNED)}
            if draft
            else {}
        )
        initial["grund"] = snapshot_token(submissions.fields_of(Kind.PLAN, draft), salt)
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
    edit = _save(request, ctx, form, automatic=True)
    salt = submissions.edit_salt(ctx.cycle, Kind.PLAN, ctx.kommun)
    return autosaved(edit, salt, _conflict_text(edit.conflicts))


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
