"""The consistency review page and its downloads, for analysts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from jamfor.web.accounts.access import analysts
from jamfor.web.survey.context import survey_of
from jamfor.web.survey.exports import review_csv, review_xlsx
from jamfor.web.survey.models import year_or_404
from jamfor.web.survey.review import build_review

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@analysts
@require_safe
def review(request: HttpRequest, year: int) -> HttpResponse:
    year_obj = year_or_404(year)
    survey_of(year_obj)
    return render(
        request, "survey/review.html", {"year": year_obj, "review": build_review(year_obj)}
    )


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@analysts
@require_safe
def review_export_csv(request: HttpRequest, year: int) -> HttpResponse:
    year_obj = year_or_404(year)
    survey_of(year_obj)
    return _download(
        review_csv(build_review(year_obj)),
        "text/csv; charset=utf-8",
        f"granskning-{year_obj.year}.csv",
    )


@analysts
@require_safe
def review_export_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    year_obj = year_or_404(year)
    survey_of(year_obj)
    return _download(review_xlsx(build_review(year_obj)), XLSX, f"granskning-{year_obj.year}.xlsx")
