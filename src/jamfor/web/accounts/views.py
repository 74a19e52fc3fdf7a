"""The start page and the password change (Django's view, with the change logged)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from jamfor.web.accounts.access import members
from jamfor.web.accounts.roles import kommun_of
from jamfor.web.audit.log import record
from jamfor.web.survey.models import Year


@members
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """What the user can do, year by year."""
    kommun = kommun_of(request.user)
    years = []
    for year in Year.objects.all():
        in_group = kommun is None or kommun in year.group_object.member_codes()
        has_survey = year.catalog.survey is not None
        years.append((year, in_group, has_survey))
    return render(request, "home.html", {"years": years})


class LoggedPasswordChangeView(PasswordChangeView):
    """Django's password change; the change is logged, the password never."""

    template_name = "registration/password_change_form.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        record(
            user,
            "användare.lösenord",
            f"Användaren «{user.get_username()}» bytte sitt lösenord",
            user,
            {"password": "(dolt)"},
            {"password": "(nytt)"},
        )
        return response
