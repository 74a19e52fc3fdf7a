"""Results: the group's dashboard, the report downloads and, for analysts, the import."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from jamfor.core.problems import InputError, JamforError
from jamfor.web.accounts.access import analysts, members
from jamfor.web.accounts.roles import is_analyst
from jamfor.web.results.dataset import report_for
from jamfor.web.results.formats import available_formats
from jamfor.web.results.forms import UploadForm
from jamfor.web.results.importing import import_results
from jamfor.web.results.models import ImportedFile
from jamfor.web.survey.models import year_or_404


@members
@require_safe
def dashboard(request: HttpRequest, year: int) -> HttpResponse:
    """The group's tables with Snitt, references, colours and interpretations, as in the report."""
    year_obj = year_or_404(year)
    return render(
        request,
        "results/dashboard.html",
        {
            "year": year_obj,
            "report": report_for(year_obj),
            "formats": available_formats().values(),
            "analyst": is_analyst(request.user),
            "files": ImportedFile.objects.filter(year=year_obj),
        },
    )


@members
@require_safe
def download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    year_obj = year_or_404(year)
    chosen = available_formats().get(fmt)
    if chosen is None:
        raise Http404("Rapporten finns inte i det formatet.")
    report = report_for(year_obj)
    if report is None:
        raise Http404(f"Inga resultat är inlästa för {year_obj.year}.")
    try:
        content = chosen.render(report)
    except JamforError as exc:
        return render(
            request, "results/format_error.html", {"year": year_obj, "error": exc}, status=503
        )
    response = HttpResponse(content, content_type=chosen.content_type)
    name = f"rapport-{year_obj.year}-{year_obj.group.split(',')[0].strip().lower()}.{chosen.key}"
    response["Content-Disposition"] = f'attachment; filename="{_ascii(name)}"'
    return response


def _ascii(name: str) -> str:
    table = str.maketrans("åäöéÅÄÖÉ ", "aaoeAAOE-")
    return "".join(c for c in name.translate(table) if c.isalnum() or c in "-_.")


@analysts
def upload(request: HttpRequest, year: int) -> HttpResponse:
    """Import a file; a bad file shows every problem by row and column and stores nothing."""
    year_obj = year_or_404(year)
    problems = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                outcome = import_results(year_obj, upload.name, upload.read(), request.user)
            except InputError as exc:
                problems = exc.problems
                messages.error(
                    request,
                    f"{upload.name} har {len(problems)} fel. Ingenting ur filen har lästs in.",
                )
            else:
                if outcome.wrote:
                    messages.success(
                        request,
                        f"{outcome.file} är inläst: {outcome.added} nya, {outcome.changed} ändrade "
                        f"och {outcome.unchanged} oförändrade värden.",
                    )
                else:
                    messages.info(
                        request,
                        f"{outcome.file} innehåller inget nytt: alla {outcome.unchanged} värden "
                        "fanns redan. Ingenting ändrades.",
                    )
                if outcome.other_years:
                    messages.warning(
                        request,
                        f"{outcome.other_years} värden gäller andra år än {year_obj.year} och "
                        "lästes inte in. Läs in dem under respektive år.",
                    )
                return redirect("results:dashboard", year=year_obj.year)
    else:
        form = UploadForm()
    return render(
        request,
        "results/upload.html",
        {
            "year": year_obj,
            "form": form,
            "problems": problems,
            "files": ImportedFile.objects.filter(year=year_obj),
        },
        status=400 if problems else 200,
    )
