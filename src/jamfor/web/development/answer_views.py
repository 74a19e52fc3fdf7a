"""The municipalities' written answers and statistics, and the analyst's view of who has answered.

A representative's page works without JavaScript: "Spara utkast" stores the
draft, "Skicka in" sends it in as a new version. With JavaScript,
``autosave.js`` also stores the draft a moment after each change, through
:func:`answer_autosave` (the same form, the same checks, only the draft).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from jamfor.core.problems import InputError, JamforError
from jamfor.web.accounts.access import analysts
from jamfor.web.concurrent_edits import snapshot_from, snapshot_token
from jamfor.web.development import submissions
from jamfor.web.development.access import CycleKommun, answers_action, answers_page
from jamfor.web.development.client_statistics import compile_upload
from jamfor.web.development.forms import AnswersForm, StatisticsForm, answer_field
from jamfor.web.development.models import Area, Kind, area_or_404, cycle_or_404
from jamfor.web.development.progress import answer_states, members_of
from jamfor.web.development.reminders import missing_answers, reminder_csv

MAX_UPLOAD = 20 * 1024 * 1024


@analysts
@require_safe
def answers_overview(request: HttpRequest, year: int) -> HttpResponse:
    """Every municipality against every area: answered or not, and the reminder list."""
    cycle = cycle_or_404(year)
    areas = [a for a in cycle.areas.prefetch_related("questions") if a.questions.all()]
    members_list = members_of(cycle)
    states = answer_states(cycle, areas, members_list)
    rows = [(u, [(a, states[(a.pk, u.code)]) for a in areas]) for u in members_list]
    return render(
        request,
        "development/answers_overview.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "areas": areas,
            "rows": rows,
            "missing": missing_answers(cycle),
        },
    )


@analysts
@require_safe
def reminders(request: HttpRequest, year: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    response = HttpResponse(
        reminder_csv(missing_answers(cycle)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="paminnelser-{year}.csv"'
    return response


@answers_page
@require_safe
def kommun_answers(request: HttpRequest, ctx: CycleKommun) -> HttpResponse:
    """A municipality's areas to answer about, with where each stands."""
    areas = [a for a in ctx.cycle.areas.prefetch_related("questions") if a.questions.all()]
    states = answer_states(ctx.cycle, areas, [ctx.unit])
    return render(
        request,
        "development/kommun_answers.html",
        {
            "ctx": ctx,
            "cycle": ctx.cycle,
            "year": ctx.cycle.year,
            "items": [(a, states[(a.pk, ctx.kommun)]) for a in areas],
        },
    )


def _draft(ctx: CycleKommun, area: Area) -> dict[str, Any] | None:
    found = submissions.find(ctx.cycle, Kind.ANSWERS, ctx.kommun, area)
    return found.draft if found is not None else None


def _page(
    request: HttpRequest,
    ctx: CycleKommun,
    area: Area,
    form: AnswersForm,
    upload: StatisticsForm | None = None,
    problems: Any = None,
    status: int = 200,
    refused: tuple[str, str] | None = None,
) -> HttpResponse:
    """The area's page; ``refused`` is the error summary's heading and text after a refusal."""
    found = submissions.find(ctx.cycle, Kind.ANSWERS, ctx.kommun, area)
    latest = found.latest() if found is not None else None
    draft = found.draft if found is not None else None
    return render(
        request,
        "development/answer.html",
        {
            "ctx": ctx,
            "cycle": ctx.cycle,
            "year": ctx.cycle.year,
            "area": area,
            "form": form,
            "upload": upload or StatisticsForm(),
            "problems": problems,
            "state": submissions.state_of(found),
            "latest": submissions.sent_answers(latest) if latest is not None else None,
            "statistics": (draft or {}).get("statistik") if ctx.may_write else None,
            "versions": found.versions.count() if found is not None else 0,
            "error_heading": refused[0] if refused else "",
            "error_intro": refused[1] if refused else "",
        },
        status=status,
    )


def _salt(ctx: CycleKommun, area: Area) -> str:
    return submissions.edit_salt(ctx.cycle, Kind.ANSWERS, ctx.kommun, area)


def _conflict_text(questions: list[Any], conflicts: tuple[str, ...]) -> str:
    numbers = [f"fråga {i}" for i, q in enumerate(questions, start=1) if str(q.pk) in conflicts]
    return (
        f"Någon annan ändrade samtidigt svaret på {' och '.join(numbers)}. Deras text är kvar och "
        "din ändring där är inte sparad; ladda om sidan för att se den sparade texten."
    )


def _save(
    request: HttpRequest, ctx: CycleKommun, area: Area, form: AnswersForm, automatic: bool
) -> submissions.Edit:
    """This page's changes applied onto the stored draft, field by field."""
    return submissions.save_edit(
        ctx.cycle,
        Kind.ANSWERS,
        ctx.kommun,
        snapshot_from(form.cleaned_data.get("grund"), _salt(ctx, area)),
        form.answers(),
        request.user,
        area=area,
        automatic=automatic,
    )


@answers_page
def answer_area(request: HttpRequest, ctx: CycleKommun, area: int) -> HttpResponse:
    """The area's questions: answered and saved as a draft, or sent in as a new version."""
    area_obj = area_or_404(ctx.cycle, area)
    questions = list(area_obj.questions.all())
    draft = _draft(ctx, area_obj)
    if request.method != "POST":
        given = submissions.answers_of(draft)
        initial = {f"svar-{k}": v for k, v in given.items()}
        initial["grund"] = snapshot_token(given, _salt(ctx, area_obj))
        form = AnswersForm(questions, initial=initial if ctx.may_write else {})
        return _page(request, ctx, area_obj, form)
    form = AnswersForm(questions, request.POST)
    if not form.is_valid():
        return _page(request, ctx, area_obj, form, status=400)
    edit = _save(request, ctx, area_obj, form, automatic=False)
    if edit.conflicts:
        messages.warning(request, _conflict_text(questions, edit.conflicts))
        return redirect("development:answer", year=ctx.year, kommun=ctx.kommun, area=area_obj.pk)
    new_draft = edit.draft
    statistics = new_draft.get("statistik")
    if request.POST.get("action") == "skicka":
        missing = submissions.unanswered(questions, new_draft)
        if missing:
            for q in missing:
                form.add_error(
                    answer_field(q.pk),
                    "Skriv ett svar, eller vad ni inte vet, innan ni skickar in.",
                )
            refused = (
                "Svaren skickades inte in",
                "Alla frågor behöver ett svar (skriv gärna vad ni inte vet). Utkastet är sparat. "
                f"Obesvarade: {', '.join(_numbers(questions, missing))}.",
            )
            return _page(request, ctx, area_obj, form, status=400, refused=refused)
        content = submissions.answers_content(questions, new_draft)
        version = submissions.send_in(
            ctx.cycle, Kind.ANSWERS, ctx.kommun, new_draft, content, request.user, area=area_obj
        )
        if version is None:
            messages.info(request, "Inget är ändrat sedan senaste inskickade versionen.")
        else:
            messages.success(
                request,
                f"Svaren är inskickade (version {version.number}). Tidigare versioner finns kvar.",
            )
            if area_obj.statistics_requested and not statistics:
                messages.warning(
                    request, "Området begär klientstatistik, och ingen statistik är uppladdad."
                )
    else:
        messages.success(request, "Utkastet är sparat." if edit.changed else "Inget ändrades.")
    return redirect("development:answer", year=ctx.year, kommun=ctx.kommun, area=area_obj.pk)


def _numbers(questions: list[Any], missing: list[Any]) -> list[str]:
    return [f"fråga {questions.index(q) + 1}" for q in missing]


def autosaved(edit: submissions.Edit, salt: str, conflict: str) -> JsonResponse:
    """The autosave's answer: saved or not, what to say, and the page's new snapshot."""
    at = timezone.localtime().strftime("%H:%M")
    message = f"Utkastet sparades automatiskt kl. {at}." if edit.changed else ""
    return JsonResponse(
        {
            "saved": edit.changed,
            "conflict": bool(edit.conflicts),
            "message": conflict if edit.conflicts else message,
            "grund": snapshot_token(edit.base, salt),
        },
        status=409 if edit.conflicts else 200,
    )


@answers_action
@require_POST
def answer_autosave(request: HttpRequest, ctx: CycleKommun, area: int) -> JsonResponse:
    """The page script's autosave: the draft only, never a new version."""
    area_obj = area_or_404(ctx.cycle, area)
    questions = list(area_obj.questions.all())
    form = AnswersForm(questions, request.POST)
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
    edit = _save(request, ctx, area_obj, form, automatic=True)
    return autosaved(edit, _salt(ctx, area_obj), _conflict_text(questions, edit.conflicts))


@answers_action
@require_POST
def answer_statistics(request: HttpRequest, ctx: CycleKommun, area: int) -> HttpResponse:
    """Upload a decisions file (counted, the file dropped), or remove the statistics from the draft."""
    area_obj = area_or_404(ctx.cycle, area)
    draft = _draft(ctx, area_obj) or {}
    answers = submissions.answers_of(draft)
    here = redirect("development:answer", year=ctx.year, kommun=ctx.kommun, area=area_obj.pk)
    if request.POST.get("action") == "ta-bort":
        submissions.save_draft(
            ctx.cycle,
            Kind.ANSWERS,
            ctx.kommun,
            submissions.answers_draft(answers, None),
            request.user,
            area=area_obj,
        )
        messages.success(request, "Statistiken är borttagen ur utkastet.")
        return here
    upload = StatisticsForm(request.POST, request.FILES)
    problems = None
    if upload.is_valid():
        file = upload.cleaned_data["file"]
        if file.size > MAX_UPLOAD:
            upload.add_error("file", "Filen är större än 20 MB. Dela upp den och försök igen.")
        else:
            try:
                doc = compile_upload(area_obj, ctx.unit, file.name, file.read())
            except InputError as exc:
                problems = exc
            except JamforError as exc:
                upload.add_error("file", str(exc))
            else:
                submissions.save_draft(
                    ctx.cycle,
                    Kind.ANSWERS,
                    ctx.kommun,
                    submissions.answers_draft(answers, doc),
                    request.user,
                    area=area_obj,
                )
                messages.success(
                    request,
                    f"Statistiken ur {doc['fil']} ({doc['beslut']} beslut) är beräknad och sparad "
                    "i utkastet. Själva filen är inte sparad.",
                )
                return here
    initial = {f"svar-{k}": v for k, v in answers.items()}
    initial["grund"] = snapshot_token(answers, _salt(ctx, area_obj))
    form = AnswersForm(list(area_obj.questions.all()), initial=initial)
    return _page(request, ctx, area_obj, form, upload=upload, problems=problems, status=400)


@answers_page
@require_safe
def answer_versions(request: HttpRequest, ctx: CycleKommun, area: int) -> HttpResponse:
    """Every version the municipality has sent in about the area, newest first."""
    area_obj = area_or_404(ctx.cycle, area)
    found = submissions.find(ctx.cycle, Kind.ANSWERS, ctx.kommun, area_obj)
    versions = list(found.versions.order_by("-number")) if found is not None else []
    return render(
        request,
        "development/answer_versions.html",
        {
            "ctx": ctx,
            "cycle": ctx.cycle,
            "year": ctx.cycle.year,
            "area": area_obj,
            "versions": [submissions.sent_answers(v) for v in versions],
        },
    )
