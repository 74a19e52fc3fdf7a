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


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """«Formuläret har gått ut»: a form sent with an expired token (Django's CSRF check).

    What was typed is not lost: forms keep a copy in the browser tab
    (``static/jamfor/keep.js``), so the way on is back to the page, which
    fills it in again — never a reload of this page, which would only send
    the same refused form again.
    """
    back = request.path if request.method == "POST" else ""
    return render(request, "403_csrf.html", {"back": back}, status=403)
