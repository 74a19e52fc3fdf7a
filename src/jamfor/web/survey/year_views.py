"""Analysts make and change years in the app (area, catalog, group, deadline)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jamfor.web.accounts.access import analysts
from jamfor.web.development import logged_writes
from jamfor.web.survey.models import Year, year_or_404
from jamfor.web.survey.year_forms import YearForm


def _edit(request: HttpRequest, year: Year | None) -> HttpResponse:
    form = YearForm(request.POST or None, request.FILES or None, instance=year)
    if request.method == "POST" and form.is_valid():
        saved = logged_writes.save_form(request.user, form, "år")
        messages.success(
            request,
            f"Året {saved.year} är {'sparat' if year else 'upplagt'}. Katalogen: "
            f"{saved.catalog_origin}.",
        )
        return redirect("home")
    return render(request, "survey/year_form.html", {"form": form, "year": year})


@analysts
def year_new(request: HttpRequest) -> HttpResponse:
    """A new year: area, catalog, group and deadline."""
    return _edit(request, None)


@analysts
def year_edit(request: HttpRequest, year: int) -> HttpResponse:
    """The year's group, deadline and catalog; the year and area are fixed."""
    return _edit(request, year_or_404(year))
