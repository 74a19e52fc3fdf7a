"""The results dashboard's two views: one municipality as a profile, one indicator for all.

Both are computed by the core and the report as the results page is — the
profile is the report's «Kommunprofil» (:func:`jamfor.report.profiles.member_profile`),
the indicator its members best first (:func:`jamfor.report.ranking.ranking_table`)
with the group's trend over the years in the database — and read the choice
from the address (``?kommun=``, ``?indikator=``), so a plain form picks it
without JavaScript and a link can be shared.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from jamfor.report.profiles import member_profile
from jamfor.report.ranking import ranking_table
from jamfor.web.accounts.access import members
from jamfor.web.accounts.roles import kommun_of
from jamfor.web.development.trends import IndicatorTrend, indicator_trend
from jamfor.web.results.dataset import comparison_for
from jamfor.web.results.explore import picks_for
from jamfor.web.results.views import results_version
from jamfor.web.survey.models import Year, year_or_404
from jamfor.web.table_sort import PARAM as SORT_PARAM
from jamfor.web.table_sort import parse_order, sorted_table


@members
@require_safe
def municipality(request: HttpRequest, year: int) -> HttpResponse:
    """One member's answers and values against the group: a representative's own by default."""
    year_obj = year_or_404(year)
    cmp = comparison_for(year_obj)
    if cmp is None:
        return render(request, "results/nothing_yet.html", {"year": year_obj}, status=200)
    asked = request.GET.get("kommun") or kommun_of(request.user) or cmp.members[0].code
    unit = next(
        (
            u
            for u in cmp.members
            if asked in (u.code, u.name) or u.name.casefold() == asked.casefold()
        ),
        None,
    )
    if unit is None:
        raise Http404(f"«{asked}» är inte en kommun i gruppen {cmp.group.name}.")
    profile = member_profile(cmp, unit, "")
    order = parse_order(request.GET.get(SORT_PARAM))
    tables = tuple(sorted_table(t, order) if order else t for t in profile.tables)
    return render(
        request,
        "results/municipality.html",
        {
            "year": year_obj,
            "unit": unit,
            "profile": profile,
            "tables": tables,
            "picks": picks_for(cmp),
            "chosen_kommun": unit.code,
            "sortable": True,
            "order": order,
            "keep": (("kommun", unit.code),),
            "synthetic": cmp.synthetic,
            "group_name": cmp.group.name,
        },
    )


def _trend(year_obj: Year, indicator_id: str) -> IndicatorTrend:
    """The indicator over the years, drawn once per change of the data (a chart takes a second)."""
    key = f"jamfor:trend:{year_obj.pk}:{indicator_id}:{results_version()}"
    found = cache.get(key)
    if found is None:
        found = indicator_trend(year_obj, indicator_id, "trend-indikator", lone_chart=False)
        cache.set(key, found, timeout=3600)
    return found


@members
@require_safe
def indicator(request: HttpRequest, year: int) -> HttpResponse:
    """One indicator: every member best first with Snitt and references, and its trend."""
    year_obj = year_or_404(year)
    cmp = comparison_for(year_obj)
    if cmp is None:
        return render(request, "results/nothing_yet.html", {"year": year_obj}, status=200)
    results = list(cmp.indicators())
    asked = request.GET.get("indikator") or results[0].indicator.id
    result = next((r for r in results if r.indicator.id == asked), None)
    if result is None:
        raise Http404(f"Resultaten {year_obj.year} har ingen indikator «{asked}».")
    order = parse_order(request.GET.get(SORT_PARAM))
    table = ranking_table(cmp, result)
    if order is not None:
        table = sorted_table(table, order)
    return render(
        request,
        "results/indicator.html",
        {
            "year": year_obj,
            "ind": result.indicator,
            "table": table,
            "trend": _trend(year_obj, result.indicator.id),
            "picks": picks_for(cmp),
            "chosen_indicator": result.indicator.id,
            "sortable": True,
            "order": order,
            "keep": (("indikator", result.indicator.id),),
            "synthetic": cmp.synthetic,
        },
    )
