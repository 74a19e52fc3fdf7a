"""The knowledge report: read in the app, downloaded in three formats, published by the analyst."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from markupsafe import Markup

from jamfor.report.model import Report
from jamfor.web.accounts.access import analysts
from jamfor.web.accounts.roles import is_analyst
from jamfor.web.development import logged_writes
from jamfor.web.development.access import compilation
from jamfor.web.development.knowledge import build_knowledge_report
from jamfor.web.development.models import Cycle, cycle_or_404
from jamfor.web.development.reminders import missing_answers
from jamfor.web.results import build_views
from jamfor.web.results.builds import KNOWLEDGE
from jamfor.web.results.formats import available_formats


@compilation
@require_safe
def knowledge(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """The knowledge report as a page, with its downloads; analysts also reach the texts to write."""
    report = build_knowledge_report(cycle)
    return render(
        request,
        "development/knowledge.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "report": report,
            "synthetic": report.synthetic,
            "series_charts": series_charts(report),
            "formats": available_formats().values(),
            "analyst": is_analyst(request.user),
            "areas": list(cycle.areas.all()),
        },
    )


def series_charts(report: Report) -> list[tuple[str, Markup]]:
    """The line charts of the series tables as inline SVG, by table anchor, for the page.

    The page shows tables as the results pages do (no charts); a series is read
    from its chart, so its chart is drawn here too, as in the downloads.
    """
    from jamfor.report.charts import chart_svg  # matplotlib only when drawing

    return [
        (t.anchor, Markup(chart_svg(t.chart, f"diagram-{t.number}")))
        for t in report.tables()
        if t.chart is not None and t.chart.series is not None
    ]


@compilation
@require_safe
def knowledge_download(request: HttpRequest, cycle: Cycle, fmt: str) -> HttpResponse:
    """The knowledge report's file: at once when built for the data as it is, else its progress."""
    return build_views.start(
        request,
        KNOWLEDGE,
        cycle.year,
        fmt,
        "development:knowledge-build",
        "Kunskapssammanställningen",
        "knowledge_build",
    )


@compilation
@require_safe
def knowledge_build(request: HttpRequest, cycle: Cycle, knowledge_build: int) -> HttpResponse:
    year, build = cycle.year.year, knowledge_build
    found = build_views.find(KNOWLEDGE, year, build)
    return build_views.progress_page(
        request,
        found,
        f"Kunskapssammanställningen {year}",
        reverse(
            "development:knowledge-build-status", kwargs={"year": year, "knowledge_build": build}
        ),
        reverse(
            "development:knowledge-build-file", kwargs={"year": year, "knowledge_build": build}
        ),
    )


@compilation
@require_safe
def knowledge_build_status(
    request: HttpRequest, cycle: Cycle, knowledge_build: int
) -> HttpResponse:
    return build_views.status(build_views.find(KNOWLEDGE, cycle.year.year, knowledge_build))


@compilation
@require_safe
def knowledge_build_file(request: HttpRequest, cycle: Cycle, knowledge_build: int) -> HttpResponse:
    return build_views.file_response(build_views.find(KNOWLEDGE, cycle.year.year, knowledge_build))


@analysts
def publish(request: HttpRequest, year: int) -> HttpResponse:
    """Publish the knowledge report to the group; the municipalities' answers are then final."""
    cycle = cycle_or_404(year)
    if cycle.published:
        messages.info(request, "Kunskapssammanställningen är redan publicerad.")
        return redirect("development:knowledge", year=year)
    missing = missing_answers(cycle)
    if request.method == "POST":
        logged_writes.update(
            request.user,
            cycle,
            "utveckling.publicering",
            f"Publicerade kunskapssammanställningen {year}",
            published_at=timezone.now(),
            published_by=request.user,
        )
        messages.success(
            request,
            "Kunskapssammanställningen är publicerad. Alla i gruppen kan nu läsa den, och "
            "kommunernas svar kan inte längre ändras.",
        )
        return redirect("development:knowledge", year=year)
    return render(
        request,
        "development/publish.html",
        {"cycle": cycle, "year": cycle.year, "missing": missing},
    )
