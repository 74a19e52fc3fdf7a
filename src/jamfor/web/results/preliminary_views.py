"""The analyst's preliminary results: the group's tables from its own submitted answers.

Marked «Preliminärt resultat» on the page, in every download and in each
table's source line; once published figures are imported the page lists
which members' published answers differ from those they sent in.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from jamfor.registry.loader import load_registry
from jamfor.report.model import PRELIMINARY_TEXT
from jamfor.web.accounts.access import analysts
from jamfor.web.results import build_views
from jamfor.web.results.builds import PRELIMINARY
from jamfor.web.results.formats import available_formats
from jamfor.web.results.preliminary import answers_csv, changes_since, preliminary_for
from jamfor.web.survey.models import Response, Status, year_or_404
from jamfor.web.table_sort import PARAM as SORT_PARAM
from jamfor.web.table_sort import parse_order, sorted_report, sorts


@analysts
@require_safe
def preliminary(request: HttpRequest, year: int) -> HttpResponse:
    year_obj = year_or_404(year)
    found = preliminary_for(year_obj)
    names = load_registry().units
    changes = changes_since(year_obj, found)
    order = parse_order(request.GET.get(SORT_PARAM))
    report = found.report
    if report is not None and order is not None and sorts(report, order):
        report = sorted_report(report, order)
    else:
        order = None
    body = (
        render_to_string(
            "results/_report_body.html",
            {"report": report, "year": year_obj, "sortable": True, "order": order, "keep": ()},
        )
        if report is not None
        else ""
    )
    return render(
        request,
        "results/preliminary.html",
        {
            "year": year_obj,
            "found": found,
            "total": len(found.submitted) + len(found.waiting),
            "preliminary": True,
            "preliminary_text": PRELIMINARY_TEXT,
            "changes": None if changes is None else [(names[c.unit].name, c) for c in changes],
            "formats": available_formats().values(),
            "body": mark_safe(body),
        },
    )


@analysts
@require_safe
def preliminary_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """The preliminary report: at once when built for the answers as they are, else its progress."""
    year_obj = year_or_404(year)
    if not Response.objects.filter(year=year_obj, status=Status.SUBMITTED.value).exists():
        raise Http404(f"Ingen kommun har skickat in sina svar för {year_obj.year} ännu.")
    return build_views.start(
        request,
        PRELIMINARY,
        year_obj,
        fmt,
        "results:preliminary-build",
        "Det preliminära resultatet",
        "preliminary_build",
    )


@analysts
@require_safe
def preliminary_build_page(request: HttpRequest, year: int, preliminary_build: int) -> HttpResponse:
    found = build_views.find(PRELIMINARY, year, preliminary_build)
    ids = {"year": year, "preliminary_build": preliminary_build}
    return build_views.progress_page(
        request,
        found,
        f"Preliminärt resultat {year}",
        reverse("results:preliminary-build-status", kwargs=ids),
        reverse("results:preliminary-build-file", kwargs=ids),
    )


@analysts
@require_safe
def preliminary_build_status(
    request: HttpRequest, year: int, preliminary_build: int
) -> HttpResponse:
    return build_views.status(build_views.find(PRELIMINARY, year, preliminary_build))


@analysts
@require_safe
def preliminary_build_file(request: HttpRequest, year: int, preliminary_build: int) -> HttpResponse:
    return build_views.file_response(build_views.find(PRELIMINARY, year, preliminary_build))


@analysts
@require_safe
def preliminary_answers(request: HttpRequest, year: int) -> HttpResponse:
    year_obj = year_or_404(year)
    response = HttpResponse(answers_csv(year_obj), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="enkatsvar-{year_obj.year}.csv"'
    return response
