"""The survey pages: start, one page per theme, the answer overview and "Klar".

Every page works without JavaScript: follow-ups appear after "Spara och visa
följdfrågor". With JavaScript, ``survey.js`` asks :func:`check` (the same form,
nothing saved) whenever an answer changes and shows or hides follow-ups and
messages in place.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from jamfor.catalog.model import SurveySection
from jamfor.core.collation import swedish_key
from jamfor.web.accounts.access import respondents
from jamfor.web.accounts.roles import is_analyst, kommun_of
from jamfor.web.error_summary import SummaryLine
from jamfor.web.survey.context import KommunContext, kommun_action, kommun_page, survey_of
from jamfor.web.survey.display import parts_of
from jamfor.web.survey.drafts import (
    ConcurrentChange,
    PageEdit,
    draft_from_json,
    draft_to_json,
    load_draft,
    mark_done,
    missing_for_completion,
    page_values,
    save_draft,
)
from jamfor.web.survey.forms import SectionForm
from jamfor.web.survey.interpretations import notes_by_question
from jamfor.web.survey.models import Response, Status, year_or_404
from jamfor.web.survey.pages import overview, question_views

NAVIGATION = {
    "foregaende": "Föregående",
    "nasta": "Nästa",
    "visa": "Spara och visa följdfrågor",
    "spara": "Spara",
    "oversikt": "Spara och gå till svarsöversikten",
}


def _section(ctx: KommunContext, section_id: str) -> tuple[int, SurveySection]:
    for i, s in enumerate(ctx.survey.sections):
        if s.id == section_id:
            return i, s
    raise Http404("Enkäten har ingen sådan sida.")


def _base(ctx: KommunContext, **extra: Any) -> dict[str, Any]:
    return {
        "ctx": ctx,
        "year": ctx.year,
        "unit": ctx.unit,
        "survey": ctx.survey,
        "status": ctx.response.get_status_display() if ctx.response else "Ej påbörjad",
        "sections": ctx.survey.sections,
        **extra,
    }


@respondents
@require_safe
def index(request: HttpRequest, year: int) -> HttpResponse:
    """Representatives go to their municipality's survey; analysts see every member's status."""
    year_obj = year_or_404(year)
    survey = survey_of(year_obj)
    group = year_obj.group_object
    own = kommun_of(request.user)
    if own is not None:
        if own in group.member_codes():
            return redirect("survey:start", year=year, kommun=own)
        return render(
            request,
            "survey/not_member.html",
            {"year": year_obj, "group": group},
            status=404,
        )
    assert is_analyst(request.user)
    responses = {r.kommun: r for r in Response.objects.filter(year=year_obj)}
    rows = [
        (u, responses.get(u.code)) for u in sorted(group.members, key=lambda u: swedish_key(u.name))
    ]
    return render(
        request,
        "survey/index.html",
        {"year": year_obj, "survey": survey, "group": group, "rows": rows},
    )


@kommun_page
@require_safe
def start(request: HttpRequest, ctx: KommunContext) -> HttpResponse:
    draft = load_draft(ctx.response)
    sections = overview(ctx.survey, draft)
    return render(request, "survey/start.html", _base(ctx, overview=sections))


@kommun_page
def section_page(request: HttpRequest, ctx: KommunContext, section: str) -> HttpResponse:
    """A page of the survey: shown on GET, saved on POST (then on to the page asked for)."""
    index, sec = _section(ctx, section)
    stored = load_draft(ctx.response)
    questions = frozenset(q.id for q in sec.questions)
    salt = f"enkat:{ctx.year.year}:{ctx.kommun}:{sec.id}"
    base = page_values(stored, questions)
    if request.method == "POST":
        # Without a (valid) snapshot of the page as opened, compare with what is stored now.
        with contextlib.suppress(signing.BadSignature):
            base = draft_from_json(signing.loads(request.POST.get("grund", ""), salt=salt))
        form = SectionForm(ctx.survey, sec, stored, data=request.POST)
        if form.is_valid():
            edit = PageEdit(base, page_values(form.draft, questions))
            try:
                saved = save_draft(
                    ctx.year,
                    ctx.kommun,
                    ctx.survey,
                    form.draft,
                    request.user,
                    f"sidan «{sec.title}»",
                    edit=edit,
                )
            except ConcurrentChange as exc:
                messages.error(
                    request,
                    "Någon annan sparade samtidigt svar på den här sidan som inte går ihop med "
                    f"dina ({exc}). Sidan visar nu de sparade svaren; gör om dina ändringar.",
                )
                return redirect(request.path)
            if saved.conflicts:
                names = ", ".join(saved.conflicts)
                messages.warning(
                    request,
                    f"Fråga {names} ändrades samtidigt av någon annan. Deras svar behölls; "
                    "kontrollera och ändra igen om det behövs.",
                )
            if saved.reopened:
                messages.warning(
                    request,
                    "Svaren var markerade som klara och är nu ändrade. "
                    "Klicka på Klar i svarsöversikten igen när du är färdig.",
                )
            messages.success(request, "Sidan är sparad." if saved.changed else "Inget ändrades.")
            return redirect(_after_save(ctx, index, request.POST.get("action", "spara")))
    else:
        form = SectionForm(ctx.survey, sec, stored)
    notes = notes_by_question(ctx.year)
    sections = ctx.survey.sections
    return render(
        request,
        "survey/section.html",
        _base(
            ctx,
            form=form,
            section=sec,
            number=index + 1,
            previous=sections[index - 1] if index > 0 else None,
            next=sections[index + 1] if index + 1 < len(sections) else None,
            questions=question_views(form, notes, read_only=not ctx.may_write),
            base_token=signing.dumps(draft_to_json(base), salt=salt),
            navigation=NAVIGATION,
        ),
    )


def _after_save(ctx: KommunContext, index: int, action: str) -> str:
    sections = ctx.survey.sections
    target = index
    if action == "nasta" and index + 1 < len(sections):
        target = index + 1
    elif action == "foregaende" and index > 0:
        target = index - 1
    elif action == "oversikt" or (action == "nasta" and index + 1 == len(sections)):
        return reverse("survey:overview", args=[ctx.year.year, ctx.kommun])
    url = reverse("survey:section", args=[ctx.year.year, ctx.kommun, sections[target].id])
    return url + ("#sidan" if target != index else "")


@kommun_action
@require_POST
def check(request: HttpRequest, ctx: KommunContext, section: str) -> JsonResponse:
    """Which of the page's questions are asked and what is wrong, for the page's script.

    The same form as saving, on the answers as they stand in the browser;
    nothing is stored.
    """
    _index, sec = _section(ctx, section)
    form = SectionForm(ctx.survey, sec, load_draft(ctx.response), data=request.POST)
    form.is_valid()
    errors = {name: list(msgs) for name, msgs in form.errors.items() if name != "__all__"}
    return JsonResponse(
        {
            "asked": form.asked,
            "errors": errors,
            "general": list(form.errors.get("__all__", [])),
        }
    )


def _overview(
    request: HttpRequest, ctx: KommunContext, refused: list[str] | None = None
) -> HttpResponse:
    draft = load_draft(ctx.response)
    return render(
        request,
        "survey/overview.html",
        _base(
            ctx,
            overview=overview(ctx.survey, draft),
            missing=missing_for_completion(ctx.survey, draft),
            submitted=ctx.response is not None and ctx.response.status == Status.SUBMITTED,
            parts_of=parts_of,
            refused=[SummaryLine(r) for r in refused or []],
        ),
        status=400 if refused else 200,
    )


@kommun_page
@require_safe
def overview_page(request: HttpRequest, ctx: KommunContext) -> HttpResponse:
    return _overview(request, ctx)


@kommun_action
@require_POST
def complete(request: HttpRequest, ctx: KommunContext) -> HttpResponse:
    """ "Klar": refused, with the reasons in the overview's error summary, while answers are missing."""
    reasons = mark_done(ctx.year, ctx.kommun, ctx.survey, request.user)
    if reasons:
        return _overview(request, ctx, reasons)
    messages.success(
        request, "Svaren är markerade som klara. Du kan ändra dem fram till sista svarsdag."
    )
    return redirect("survey:overview", year=ctx.year.year, kommun=ctx.kommun)
