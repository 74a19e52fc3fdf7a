"""Statistics over time for a development area: attach a series file or a PxWeb table, or remove one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jamfor.core.monthly import Series, group_series, period_label
from jamfor.core.problems import InputError, JamforError, Problem
from jamfor.web.accounts.access import analysts
from jamfor.web.development import logged_writes
from jamfor.web.development.forms import SeriesFileForm, SeriesPxWebForm
from jamfor.web.development.models import Area, AreaSeries, Cycle, area_or_404, cycle_or_404
from jamfor.web.development.monthly_series import (
    as_series,
    series_from_pxweb,
    series_from_upload,
    stored_values,
)
from jamfor.web.development.progress import members_of

MAX_UPLOAD = 20 * 1024 * 1024


def _attach(
    request: HttpRequest, cycle: Cycle, area: Area, series: Series, title: str, **origin: Any
) -> AreaSeries:
    members = members_of(cycle)
    values = stored_values(series, members)
    if not any(v[2] is not None for v in values):
        raise JamforError(
            f"Serien «{series.name}» har inga värden för kommunerna i {cycle.year.group_object.name}."
        )
    position = int(area.series.aggregate(m=Max("position"))["m"] or 0) + 1
    saved: AreaSeries = logged_writes.create(
        request.user,
        AreaSeries(
            area=area,
            position=position,
            title=title.strip() or series.name,
            name=series.name,
            unit=series.unit,
            source=series.source,
            values=values,
            created_by=request.user,
            **origin,
        ),
        "utveckling.serie",
    )
    gs = group_series(as_series(saved), [u.code for u in members])
    periods = f"{period_label(gs.periods[0])}–{period_label(gs.periods[-1])}"
    messages.success(
        request,
        f"Serien «{saved.title}» ({periods}) är tillagd och visas i kunskapssammanställningen.",
    )
    if gs.missing:
        messages.warning(
            request,
            f"Gruppens värde saknas för {len(gs.missing)} perioder där någon kommun saknar "
            "värde; de visas som «saknas».",
        )
    return saved


@analysts
def area_series(request: HttpRequest, year: int, area: int) -> HttpResponse:
    """The area's series, and the two ways to add one: a file, or a saved PxWeb query."""
    cycle = cycle_or_404(year)
    area_obj = area_or_404(cycle, area)
    file_form = SeriesFileForm(prefix="fil")
    pxweb_form = SeriesPxWebForm(prefix="pxweb")
    problems: tuple[Problem, ...] = ()
    status = 200
    if request.method == "POST":
        how = request.POST.get("action")
        try:
            if how == "fil":
                file_form = SeriesFileForm(request.POST, request.FILES, prefix="fil")
                if file_form.is_valid():
                    f = file_form.cleaned_data["file"]
                    if f.size > MAX_UPLOAD:
                        file_form.add_error("file", "Filen är större än 20 MB.")
                    else:
                        series = series_from_upload(
                            f.name, f.read(), file_form.cleaned_data["serie"] or None
                        )
                        _attach(
                            request, cycle, area_obj, series, file_form.cleaned_data["title"],
                            origin="fil", file_name=f.name,
                        )  # fmt: skip
                        return redirect("development:area-series", year=year, area=area_obj.pk)
            elif how == "pxweb":
                pxweb_form = SeriesPxWebForm(request.POST, prefix="pxweb")
                if pxweb_form.is_valid():
                    data = pxweb_form.cleaned_data
                    series, query = series_from_pxweb(
                        data["url"], data["query"], data["serie"] or None
                    )
                    _attach(
                        request, cycle, area_obj, series, data["title"],
                        origin="pxweb", pxweb_url=data["url"], pxweb_query=query,
                    )  # fmt: skip
                    return redirect("development:area-series", year=year, area=area_obj.pk)
        except InputError as exc:
            if how == "fil":
                problems = exc.problems  # a table of the file's problems by row and column
            else:
                for problem in exc.problems:
                    pxweb_form.add_error("query", problem.message)
        except JamforError as exc:
            form = file_form if how == "fil" else pxweb_form
            form.add_error(None, str(exc))
        status = 400  # the form's error summary says what is wrong; nothing is stored
    return render(
        request,
        "development/series.html",
        {
            "cycle": cycle,
            "year": cycle.year,
            "area": area_obj,
            "series": list(area_obj.series.all()),
            "file_form": file_form,
            "pxweb_form": pxweb_form,
            "problems": problems,
        },
        status=status,
    )


@analysts
@require_POST
def area_series_delete(request: HttpRequest, year: int, area: int, series: int) -> HttpResponse:
    cycle = cycle_or_404(year)
    area_obj = area_or_404(cycle, area)
    found = area_obj.series.filter(pk=series).first()
    if found is None:
        messages.error(request, "Serien finns inte längre.")
    else:
        title = found.title
        logged_writes.delete(request.user, found, "utveckling.serie")
        messages.success(request, f"Serien «{title}» är borttagen.")
    return redirect("development:area-series", year=year, area=area_obj.pk)
