"""The pages of a report built in the background: progress, state (JSON) and the file.

The results report and the knowledge report share them; their URL modules
wrap them with their own access rule (members; the knowledge report's).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from jamfor.web.results.builds import RESULTS, file_name, request_build
from jamfor.web.results.formats import available_formats
from jamfor.web.results.models import BuildStatus, ReportBuild, ResultValue
from jamfor.web.survey.models import Year

STATE_TEXT = {
    BuildStatus.QUEUED: "Rapporten väntar på att byggas.",
    BuildStatus.RUNNING: "Rapporten byggs. En PDF- eller Word-fil tar ungefär tio sekunder.",
    BuildStatus.DONE: "Rapporten är klar.",
    BuildStatus.FAILED: "Rapporten kunde inte byggas.",
}


def start(
    request: HttpRequest, kind: str, year: Year, fmt: str, page: str, title: str, param: str
) -> HttpResponse:
    """Ask for the report: the file at once when it is built, else the page showing progress."""
    if fmt not in available_formats():
        raise Http404(f"{title} finns inte i det formatet.")
    if kind == RESULTS and not ResultValue.objects.filter(year=year).exists():
        raise Http404(f"Inga resultat är inlästa för {year.year}.")
    build = request_build(kind, year, fmt, request.user)
    if build.status == BuildStatus.DONE:
        return file_response(build)
    if build.status == BuildStatus.FAILED:
        return render(
            request, "results/format_error.html", {"year": year, "error": build.error}, status=503
        )
    return redirect(reverse(page, kwargs={"year": year.year, param: build.pk}))


def find(kind: str, year: int, pk: int) -> ReportBuild:
    build = ReportBuild.objects.select_related("year").filter(pk=pk, kind=kind).first()
    if build is None or build.year.year != year:
        raise Http404("Rapportbygget finns inte (det kan vara rensat); be om rapporten igen.")
    return build


def progress_page(
    request: HttpRequest, build: ReportBuild, title: str, status_url: str, file_url: str
) -> HttpResponse:
    label = available_formats()[build.fmt].label
    return render(
        request,
        "results/build.html",
        {
            "build": build,
            "year": build.year,
            "title": title,
            "label": label,
            "state": STATE_TEXT[BuildStatus(build.status)],
            "done": build.status == BuildStatus.DONE,
            "failed": build.status == BuildStatus.FAILED,
            "status_url": status_url,
            "file_url": file_url,
        },
    )


def status(build: ReportBuild) -> JsonResponse:
    return JsonResponse(
        {
            "status": build.status,
            "text": STATE_TEXT[BuildStatus(build.status)],
            "error": build.error,
        }
    )


def file_response(build: ReportBuild) -> HttpResponse:
    if build.status != BuildStatus.DONE or build.content is None:
        raise Http404("Rapporten är inte klar ännu.")
    response = HttpResponse(
        bytes(build.content), content_type=available_formats()[build.fmt].content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name(build)}"'
    return response
