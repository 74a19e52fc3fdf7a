"""Development areas: proposed from the results, picked, described, asked about."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from jamfor.core.candidates import DEFAULT_THRESHOLD, Candidate, find_candidates
from jamfor.core.numbers import format_sv
from jamfor.web.accounts.access import analysts, members
from jamfor.web.accounts.roles import is_analyst, kommun_of
from jamfor.web.development import logged_writes
from jamfor.web.development.forms import (
    AnalysisForm,
    AreaForm,
    PickForm,
    QuestionForm,
    ThresholdForm,
)
from jamfor.web.development.models import Area, Cycle, Question, area_or_404, cycle_or_404
from jamfor.web.development.progress import MINIMUM_AREAS, answer_states, count_sv, members_of
from jamfor.web.results.dataset import comparison_for
from jamfor.web.survey.interpretations import catalog_for

STANDARD_QUESTIONS = (
    "Vad vet vi i vår kommun om detta?",
    "Vad har vi för statistik kring detta?",
    "Vad har vi gjort för tidigare analyser?",
)
"""The questions each municipality takes home from the result meeting, in the working model's words."""


def _next_position(cycle: Cycle) -> int:
    return int(cycle.areas.aggregate(m=Max("position"))["m"] or 0) + 1


def _threshold(request: HttpRequest) -> tuple[ThresholdForm, Decimal]:
    source = request.POST if request.method == "POST" else request.GET
    if "troskel" not in source:
        return ThresholdForm(), DEFAULT_THRESHOLD
    form = ThresholdForm(source)
    if form.is_valid():
        return form, form.cleaned_data["troskel"]
    return form, DEFAULT_THRESHOLD


def _origin(c: Candidate, year: int) -> str:
    threshold = format_sv(c.threshold, 1)
    return f"{c.summary} (Öppna jämförelser {year}, tabell {c.table.id}; tröskel {threshold} procentenheter.)"


@analysts
def candidates(request: HttpRequest, year: int) -> HttpResponse:
    """Indicators where the group falls short, ranked; the analyst picks areas among them."""
    cycle = cycle_or_404(year)
    threshold_form, threshold = _threshold(request)
    cmp = comparison_for(cycle.year)
    found = find_candidates(cmp, threshold) if cmp is not None else ()
    taken = {i for a in cycle.areas.all() for i in a.indicators}
    choices = [(c.indicator.id, c.indicator.label) for c in found if c.indicator.id not in taken]
    if request.method == "POST":
        form = PickForm(choices, request.POST)
        if form.is_valid():
            chosen = [c for c in found if c.indicator.id in form.cleaned_data["valda"]]
            position = _next_position(cycle)
            for i, c in enumerate(chosen):
                logged_writes.create(
                    request.user,
                    Area(
                        cycle=cycle,
                        position=position + i,
                        name=c.indicator.label,
                        indicators=[c.indicator.id],
                        origin=_origin(c, cycle.year.year),
                    ),
                    "utveckling.område",
                )
            total = cycle.areas.count()
            messages.success(
                request,
                f"{count_sv(len(chosen), 'utvecklingsområde är tillagt', 'utvecklingsområden är tillagda')}. "
                "Ge varje område ett namn, "
                "beskriv behovet bakom det och koppla de indikatorer det gäller.",
            )
            if total < MINIMUM_AREAS:
                messages.warning(request, _too_few(total))
            return redirect("development:cycle", year=year)
    else:
        form = PickForm(choices)
    boxes = {str(w.data["value"]): w for w in form["valda"].subwidgets}
    return render(
        request,
        "development/candidates.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "threshold_form": threshold_form,
            "threshold": threshold,
            "candidates": found,
            # Each candidate with its checkbox (Django's, so the error summary can link to it).
            "rows": [(c, boxes.get(c.indicator.id)) for c in found],
            "form": form,
            "has_results": cmp is not None,
            "synthetic": cmp is not None and cmp.synthetic,
            "minimum": MINIMUM_AREAS,
            "chosen": cycle.areas.count(),
        },
    )


def _too_few(total: int) -> str:
    return (
        f"Arbetsmodellen säger minst {MINIMUM_AREAS} utvecklingsområden, och bara {total} "
        f"{'är valt' if total == 1 else 'är valda'}. Välj fler innan frågorna går ut till kommunerna."
    )


@analysts
def area_new(request: HttpRequest, year: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    return _area_form(request, cycle, Area(cycle=cycle, position=_next_position(cycle)))


@analysts
def area_edit(request: HttpRequest, year: int, area: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    return _area_form(request, cycle, area_or_404(cycle, area))


def _area_form(request: HttpRequest, cycle: Cycle, area: Area) -> HttpResponse:
    catalog = catalog_for(cycle.year)
    new = area.pk is None
    form = AreaForm(catalog, request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        saved = logged_writes.save_form(request.user, form, "utveckling.område")
        messages.success(request, f"Utvecklingsområdet «{saved}» är sparat.")
        total = cycle.areas.count()
        if new and total < MINIMUM_AREAS:
            messages.warning(request, _too_few(total))
        return redirect("development:area", year=cycle.year.year, area=saved.pk)
    return render(
        request,
        "development/form.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "form": form,
            "title": "Nytt utvecklingsområde" if new else f"Ändra «{area}»",
            "intro": "Ett utvecklingsområde väljs strikt utifrån resultaten. Beskriv behovet "
            "bakom det och koppla de indikatorer det gäller.",
        },
    )


@members
@require_safe
def area_detail(request: HttpRequest, year: int, area: int) -> HttpResponse:
    """The area for everyone: need, linked indicators, questions; the analyst also sees who answered."""
    cycle = cycle_or_404(year)
    area_obj = area_or_404(cycle, area)
    catalog = catalog_for(cycle.year)
    labels = {i.id: i.label for i in catalog.indicators}
    analyst = is_analyst(request.user)
    members_list = members_of(cycle)
    states = answer_states(cycle, [area_obj], members_list) if analyst else {}
    own = kommun_of(request.user)
    return render(
        request,
        "development/area.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "area": area_obj,
            "indicators": [(i, labels.get(i, i)) for i in area_obj.indicators],
            "questions": list(area_obj.questions.all()),
            "analyst": analyst,
            "answers": [(u, states[(area_obj.pk, u.code)]) for u in members_list]
            if analyst
            else [],
            "own": own if own in {u.code for u in members_list} else None,
        },
    )


@analysts
def area_delete(request: HttpRequest, year: int, area: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    area_obj = area_or_404(cycle, area)
    if area_obj.submissions.exists():
        messages.error(
            request,
            f"«{area_obj}» kan inte tas bort: kommuner har redan svarat om området, "
            "och det de lämnat in ska finnas kvar.",
        )
        return redirect("development:area", year=year, area=area_obj.pk)
    if request.method == "POST":
        name = str(area_obj)
        logged_writes.delete(request.user, area_obj, "utveckling.område")
        messages.success(request, f"Utvecklingsområdet «{name}» är borttaget.")
        total = cycle.areas.count()
        if total < MINIMUM_AREAS:
            messages.warning(request, _too_few(total))
        return redirect("development:cycle", year=year)
    return render(
        request,
        "development/confirm.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "title": f"Ta bort «{area_obj}»?",
            "text": "Området och dess frågor tas bort. Inga kommuner har svarat om det ännu.",
            "button": "Ta bort området",
            "cancel": ("development:area", area_obj.pk),
        },
    )


@analysts
def area_analysis(request: HttpRequest, year: int, area: int) -> HttpResponse:
    """FoU's part of the knowledge report: research, analysis and proposals for the area."""
    cycle = cycle_or_404(year)
    area_obj = area_or_404(cycle, area)
    form = AnalysisForm(request.POST or None, instance=area_obj)
    if request.method == "POST" and form.is_valid():
        logged_writes.save_form(request.user, form, "utveckling.analys")
        messages.success(request, f"Analysen av «{area_obj}» är sparad.")
        return redirect("development:knowledge", year=year)
    return render(
        request,
        "development/form.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "form": form,
            "title": f"Kunskap, analys och förslag: {area_obj}",
            "intro": "Texterna står i kunskapssammanställningen under området. "
            "En tom rad börjar ett nytt stycke.",
        },
    )


@analysts
def questions(request: HttpRequest, year: int, area: int) -> HttpResponse:
    """The area's questions to the municipalities: listed, added, removed."""
    cycle = cycle_or_404(year)
    area_obj = area_or_404(cycle, area)
    existing = list(area_obj.questions.all())
    form = QuestionForm(request.POST or None, instance=Question(area=area_obj))
    if request.method == "POST" and form.is_valid():
        form.instance.position = len(existing) + 1
        logged_writes.save_form(request.user, form, "utveckling.fråga")
        messages.success(request, "Frågan är tillagd.")
        return redirect("development:questions", year=year, area=area_obj.pk)
    return render(
        request,
        "development/questions.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "area": area_obj,
            "questions": existing,
            "form": form,
            "standard": [q for q in STANDARD_QUESTIONS if q not in {e.text for e in existing}],
            "answered": area_obj.submissions.filter(versions__isnull=False).exists(),
        },
    )


@analysts
@require_POST
def questions_standard(request: HttpRequest, year: int, area: int) -> HttpResponse:
    """Add the working model's three questions ("what do we already know?") to the area."""
    cycle = cycle_or_404(year)
    area_obj = area_or_404(cycle, area)
    have = {q.text for q in area_obj.questions.all()}
    position = area_obj.questions.count()
    added = 0
    for text in STANDARD_QUESTIONS:
        if text in have:
            continue
        added += 1
        logged_writes.create(
            request.user,
            Question(area=area_obj, text=text, position=position + added),
            "utveckling.fråga",
        )
    messages.success(request, f"{added} frågor är tillagda." if added else "Frågorna fanns redan.")
    return redirect("development:questions", year=year, area=area_obj.pk)


@analysts
@require_POST
def question_delete(request: HttpRequest, year: int, area: int, question: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    area_obj = area_or_404(cycle, area)
    found = area_obj.questions.filter(pk=question).first()
    if found is None:
        messages.error(request, "Frågan finns inte längre.")
    elif area_obj.submissions.filter(versions__isnull=False).exists():
        messages.error(
            request,
            "Kommuner har redan skickat in svar om området, så frågan kan inte tas bort. "
            "Lägg till en ny fråga om något behöver förtydligas.",
        )
    else:
        logged_writes.delete(request.user, found, "utveckling.fråga")
        messages.success(request, "Frågan är borttagen.")
    return redirect("development:questions", year=year, area=area_obj.pk)
