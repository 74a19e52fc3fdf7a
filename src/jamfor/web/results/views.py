"""Results: the group's dashboard, the report downloads and, for analysts, the import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from jamfor.catalog.loader import catalog_yaml
from jamfor.registry.loader import load_registry
from jamfor.report.build import build_report
from jamfor.report.model import Report
from jamfor.web.accounts.access import analysts, members
from jamfor.web.accounts.roles import is_analyst
from jamfor.web.audit.models import AuditRecord
from jamfor.web.results import build_views
from jamfor.web.results.builds import RESULTS
from jamfor.web.results.dataset import comparison_for, holds_synthetic, report_for
from jamfor.web.results.explore import picks_for
from jamfor.web.results.formats import available_formats
from jamfor.web.results.models import BatchStatus, ImportBatch
from jamfor.web.survey.models import Year, year_or_404
from jamfor.web.table_sort import PARAM as SORT_PARAM
from jamfor.web.table_sort import SortOrder, parse_order, sorted_report, sorts


def results_version() -> str:
    """Changes with every write that can change a report (imports, meetings, admin edits).

    Every write is in the audit log; survey drafts and development-work drafts
    are the frequent ones that never touch the results, so they do not count.
    The newest such record is read from an index, not the whole log. Its
    time is part of the version because ids start again after a database reset.
    """
    latest = (
        AuditRecord.objects.filter(touches_results=True)
        .order_by("-id")
        .values_list("id", "at")
        .first()
    )
    if latest is None:
        return "0-0"
    return f"{latest[0]}-{latest[1].timestamp()}"


def _dashboard_key(year_obj: Year) -> str:
    today = timezone.localdate()
    return f"jamfor:dashboard:{year_obj.pk}:{results_version()}:{today.isoformat()}"


@dataclass(frozen=True)
class DashboardPart:
    """What every reader's dashboard shows the same until something is written."""

    head: dict[str, object]
    body: str
    """The report's tables, rendered."""
    pick: str
    """The forms to pick a municipality or an indicator, rendered."""
    synthetic: bool


def _report_part(year_obj: Year) -> DashboardPart | None:
    """The report's heading facts, rendered tables and pick lists, computed once per change of
    the data.

    Building the comparison and rendering fifteen tables is most of the
    dashboard's work and the same for every reader until something is
    written, so it is cached (per process) under the audit log's version and
    today's date (the report is dated). The report itself is kept beside it
    for a reader who sorts a table.
    """
    key = _dashboard_key(year_obj)
    cached = cache.get(key)
    if cached is not None:
        return cast(DashboardPart | None, cached)
    cmp = comparison_for(year_obj)
    if cmp is None:
        part = None
    else:
        report = build_report(cmp, load_registry())
        part = DashboardPart(
            head={"title": report.title, "subtitle": report.subtitle, "made": report.made},
            body=_body(report, year_obj, None),
            pick=render_to_string(
                "results/_pick.html", {"year": year_obj, "picks": picks_for(cmp)}
            ),
            synthetic=cmp.synthetic,
        )
        cache.set(key + ":report", report, timeout=3600)
    cache.set(key, part, timeout=3600)
    return part


def _body(report: Report, year_obj: Year, order: SortOrder | None) -> str:
    return render_to_string(
        "results/_report_body.html",
        {"report": report, "year": year_obj, "sortable": True, "order": order, "keep": ()},
    )


def _sorted_body(year_obj: Year, order: SortOrder | None) -> str | None:
    """The tables with the one a reader sorted in that order; None when nothing is to sort."""
    if order is None:
        return None
    report = cache.get(_dashboard_key(year_obj) + ":report")
    if report is None:
        report = report_for(year_obj)
    if report is None or not sorts(report, order):
        return None
    return _body(sorted_report(report, order), year_obj, order)


@members
@require_safe
def dashboard(request: HttpRequest, year: int) -> HttpResponse:
    """The group's tables with Snitt, references, colours and interpretations, as in the report;
    a municipality or an indicator to pick, and tables to sort."""
    year_obj = year_or_404(year)
    part = _report_part(year_obj)
    body = part.body if part else ""
    if part is not None:
        body = _sorted_body(year_obj, parse_order(request.GET.get(SORT_PARAM))) or body
    return render(
        request,
        "results/dashboard.html",
        {
            "year": year_obj,
            "head": part.head if part else None,
            "body": mark_safe(body),
            "pick": mark_safe(part.pick) if part else "",
            "formats": available_formats().values(),
            "analyst": is_analyst(request.user),
            "batches": ImportBatch.objects.filter(year=year_obj, status=BatchStatus.APPLIED),
            "synthetic": part.synthetic if part else holds_synthetic(year_obj),
        },
    )


@members
@require_safe
def download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """The report file: at once when built for the data as it is, else its progress page."""
    return build_views.start(
        request, RESULTS, year_or_404(year), fmt, "results:build", "Rapporten", "build"
    )


@members
@require_safe
def build_page(request: HttpRequest, year: int, build: int) -> HttpResponse:
    found = build_views.find(RESULTS, year, build)
    return build_views.progress_page(
        request,
        found,
        f"Rapporten {year}",
        reverse("results:build-status", kwargs={"year": year, "build": build}),
        reverse("results:build-file", kwargs={"year": year, "build": build}),
    )


@members
@require_safe
def build_status(request: HttpRequest, year: int, build: int) -> HttpResponse:
    return build_views.status(build_views.find(RESULTS, year, build))


@members
@require_safe
def build_file(request: HttpRequest, year: int, build: int) -> HttpResponse:
    return build_views.file_response(build_views.find(RESULTS, year, build))


@analysts
def catalog_file(request: HttpRequest, year: int) -> HttpResponse:
    """The year's catalog as YAML, to review or edit with the same tools as the CLI."""
    year_obj = year_or_404(year)
    response = HttpResponse(
        catalog_yaml(year_obj.catalog), content_type="application/yaml; charset=utf-8"
    )
    name = f"katalog-{year_obj.area}-{year_obj.year}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
