"""The survey pages: start, one page per theme, the answer overview and "Klar".

Every page works without JavaScript: follow-ups appear after "Spara och visa
följdfrågor". With JavaScript, ``survey.js`` asks :func:`check` (the same form,
nothing saved) whenever an answer changes and shows or hides follow-ups and
messages in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST, require_safe

import jamfor
from jamfor.catalog.model import SurveySection
from jamfor.core.collation import swedish_key
from jamfor.web.accounts.access import respondents
from jamfor.web.accounts.roles import is_analyst, kommun_of
from jamfor.web.error_summary import SummaryLine
from jamfor.web.survey.context import KommunContext, kommun_action, kommun_page, survey_of
from jamfor.web.survey.display import parts_of
from jamfor.web.survey.drafts import (
    ConcurrentChange,
    Draft,
    PageEdit,
    Saved,
    draft_from_json,
    draft_to_json,
    load_draft,
    mark_done,
    missing_for_completion,
    page_values,
    save_draft,
)
from jamfor.web.survey.forms import SectionForm
from jamfor.web.survey.interpretations import QuestionNote, notes_by_question
from jamfor.web.survey.models import Response, Status, year_or_404
from jamfor.web.survey.pages import overview, question_views, questions_html

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


@dataclass(frozen=True)
class PageSave:
    """A page's POST applied: the form, and what saving it did (None: the form had errors)."""

    form: SectionForm
    base: Draft
    """The page's answers as the person saw them when the page was opened."""
    saved: Saved | None = None
    concurrent: str = ""
    """Why someone else's simultaneous changes could not be merged with these, or ""."""


def _salt(ctx: KommunContext, sec: SurveySection) -> str:
    return f"enkat:{ctx.year.year}:{ctx.kommun}:{sec.id}"


def _save_page(
    request: HttpRequest, ctx: KommunContext, sec: SurveySection, automatic: bool
) -> PageSave:
    """Check the page's answers and apply what this person changed, field by field.

    The button and the page script's autosave both come here, so an
    autosaved page is saved exactly as a clicked one: the same checks, the
    same merge onto the draft as stored now (see :func:`merge_page`).
    """
    stored = load_draft(ctx.response)
    questions = frozenset(q.id for q in sec.questions)
    base = page_values(stored, questions)
    # Without a (valid) snapshot of the page as opened, compare with what is stored now.
    with contextlib.suppress(signing.BadSignature):
        base = draft_from_json(signing.loads(request.POST.get("grund", ""), salt=_salt(ctx, sec)))
    form = SectionForm(ctx.survey, sec, stored, data=request.POST)
    if not form.is_valid():
        return PageSave(form, base)
    edit = PageEdit(base, page_values(form.draft, questions))
    what = f"sidan «{sec.title}»" + (" (automatiskt)" if automatic else "")
    try:
        saved = save_draft(
            ctx.year, ctx.kommun, ctx.survey, form.draft, request.user, what, edit=edit
        )
    except ConcurrentChange as exc:
        return PageSave(form, base, concurrent=str(exc))
    return PageSave(form, base, saved)


def _conflict_text(saved: Saved) -> str:
    names = ", ".join(saved.conflicts)
    return (
        f"Fråga {names} ändrades samtidigt av någon annan. Deras svar behölls; "
        "kontrollera och ändra igen om det behövs."
    )


REOPENED = (
    "Svaren var markerade som klara och är nu ändrade. "
    "Klicka på Klar i svarsöversikten igen när du är färdig."
)


@lru_cache(maxsize=512)
def _page_links(prefix: str, year: int, kommun: str, ids: tuple[str, ...]) -> tuple[str, ...]:
    """The addresses in a survey page's list of pages (``prefix``, the script prefix, keys
    the cache): fixed for a process, and reversing fifteen of them on every request took
    a third of the page's template time."""
    return tuple(reverse("survey:section", args=(year, kommun, i)) for i in ids)


def _stored_questions(
    ctx: KommunContext, sec: SurveySection, stored: Draft, notes: dict[str, list[QuestionNote]]
) -> SafeString:
    """The page's questions as stored, drawn once per content and kept in the cache.

    Building the form and drawing its inputs is most of a survey page's work,
    and a page is mostly opened again as it was (going back and forth between
    pages, several readers). Everything the drawing depends on is the key —
    the catalog, the whole draft (whether a follow-up is asked depends on
    earlier answers), the interpretations, whether the reader may change the
    answers — so a change anywhere draws the page anew; nothing is ever stale.
    A page shown with errors is not kept.
    """
    year = ctx.year
    content = json.dumps(
        [
            jamfor.__version__,
            year.area,
            year.year,
            year.catalog_text,
            sec.id,
            ctx.may_write,
            draft_to_json(stored),
            sorted((q, [(n.meeting, repr(n.note)) for n in found]) for q, found in notes.items()),
        ],
        sort_keys=True,
    )
    key = "jamfor:enkatsida:" + hashlib.sha256(content.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = str(_drawn(ctx, SectionForm(ctx.survey, sec, stored), notes))
        cache.set(key, html, timeout=3600)
    return SafeString(html)


def _drawn(
    ctx: KommunContext, form: SectionForm, notes: dict[str, list[QuestionNote]]
) -> SafeString:
    """The form's questions as HTML (inputs disabled where the reader may not change them)."""
    return questions_html(question_views(form, notes, read_only=not ctx.may_write))


@kommun_page
def section_page(request: HttpRequest, ctx: KommunContext, section: str) -> HttpResponse:
    """A page of the survey: shown on GET, saved on POST (then on to the page asked for)."""
    index, sec = _section(ctx, section)
    if request.method == "POST":
        result = _save_page(request, ctx, sec, automatic=False)
        if result.concurrent:
            messages.error(
                request,
                "Någon annan sparade samtidigt svar på den här sidan som inte går ihop med "
                f"dina ({result.concurrent}). Sidan visar nu de sparade svaren; gör om dina "
                "ändringar.",
            )
            return redirect(request.path)
        if result.saved is not None:
            saved = result.saved
            if saved.conflicts:
                messages.warning(request, _conflict_text(saved))
            if saved.reopened:
                messages.warning(request, REOPENED)
            # (with the page script, what the button sends is often autosaved already)
            messages.success(request, "Sidan är sparad.")
            return redirect(_after_save(ctx, index, request.POST.get("action", "spara")))
        form = result.form
        # shown again with its errors: still compared with the page as first opened
        base_token = signing.dumps(draft_to_json(result.base), salt=_salt(ctx, sec))
        notes = notes_by_question(ctx.year, {q.id for q in sec.questions})
        questions = _drawn(ctx, form, notes)
    else:
        stored = load_draft(ctx.response)
        form = None
        base_token = _base_token(ctx, sec, stored=stored)
        notes = notes_by_question(ctx.year, {q.id for q in sec.questions})
        questions = _stored_questions(ctx, sec, stored, notes)
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
            questions=questions,
            base_token=base_token,
            navigation=NAVIGATION,
            page_links=zip(
                sections,
                _page_links(
                    get_script_prefix(), ctx.year.year, ctx.kommun, tuple(s.id for s in sections)
                ),
                strict=True,
            ),
        ),
    )


def _base_token(
    ctx: KommunContext,
    sec: SurveySection,
    seen: Draft | None = None,
    keep: tuple[str, ...] = (),
    *,
    stored: Draft | None = None,
) -> str:
    """The page's answers as stored now, signed: what a save compares the sent page with.

    Questions in ``keep`` (someone else's change kept over this person's) stay
    as ``seen`` had them, so the next save still finds the clash instead of
    quietly overwriting the other person's answer. After a save the draft is
    read again; a page being shown passes the ``stored`` draft its request read.
    """
    if stored is None:
        stored = load_draft(Response.objects.filter(year=ctx.year, kommun=ctx.kommun).first())
    questions = frozenset(q.id for q in sec.questions)
    now = page_values(stored, questions)
    if seen is not None and keep:
        for attr in ("answers", "details", "comments"):
            fields = getattr(now, attr)
            for key in [k for k in fields if (k[0] if isinstance(k, tuple) else k) in keep]:
                del fields[key]
            for key, value in getattr(seen, attr).items():
                if (key[0] if isinstance(key, tuple) else key) in keep:
                    fields[key] = value
    return signing.dumps(draft_to_json(now), salt=_salt(ctx, sec))


@kommun_action
@require_POST
def autosave(request: HttpRequest, ctx: KommunContext, section: str) -> JsonResponse:
    """The page script's autosave: saved as the button saves, and what the page should show.

    Answers ``asked`` and ``errors`` as :func:`check` does, so the follow-ups
    and messages update from the same request; ``grund`` is the page's new
    snapshot (what it now counts as loaded), so the next save applies only
    later changes.
    """
    _index, sec = _section(ctx, section)
    result = _save_page(request, ctx, sec, automatic=True)
    form = result.form
    at = timezone.localtime().strftime("%H:%M")
    data: dict[str, Any] = {
        "asked": form.asked,
        "errors": {name: list(msgs) for name, msgs in form.errors.items() if name != "__all__"},
        "general": list(form.errors.get("__all__", [])),
        "saved": False,
        "conflict": False,
        "message": "",
    }
    if result.concurrent:
        data.update(
            conflict=True,
            message="Någon annan sparade samtidigt svar som inte går ihop med dina "
            f"({result.concurrent}). Ladda om sidan för att se de sparade svaren.",
        )
        return JsonResponse(data, status=409)
    if result.saved is None:
        data["message"] = "Sidan är inte sparad: rätta felet vid frågan som är markerad."
        return JsonResponse(data, status=400)
    saved = result.saved
    data.update(
        saved=True,
        conflict=bool(saved.conflicts),
        message=_conflict_text(saved)
        if saved.conflicts
        else (REOPENED + " " if saved.reopened else "")
        + (f"Sparat automatiskt kl. {at}." if saved.changed else ""),
        grund=_base_token(ctx, sec, result.base, saved.conflicts),
    )
    return JsonResponse(data)


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
