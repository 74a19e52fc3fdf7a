"""Access rules as decorators, one per kind of page, each recorded on the view.

Every view in the URLconf is wrapped in exactly one of these (or in the
municipality decorators of :mod:`jamfor.web.survey.context` and
:mod:`jamfor.web.development.access`), and the wrapper
carries its level in ``view.access``. ``tests/web/test_access.py`` walks the
URLconf and fails for a view without a level, so no page can be added without
deciding who may see it.

Anonymous users are sent to the login page; a logged-in user without the
right role gets 403 with the reason in Swedish.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jamfor.web.accounts.models import Role
from jamfor.web.accounts.roles import role_of

View = Callable[..., HttpResponse]

LEVELS = {
    "public": "alla, även utan inloggning",
    "authenticated": "alla inloggade",
    "member": "alla med en roll: analytiker, kommunrepresentanter och läsare",
    "respondent": "kommunrepresentanter och analytiker",
    "analyst": "FoU-analytiker",
    "kommun-page": "läsa: kommunens representant och analytiker; "
    "spara: bara kommunens representant, så länge det går att ändra "
    "(enkäten till sista svarsdag, svaren i utvecklingsarbetet tills sammanställningen publiceras)",
    "kommun-action": "bara kommunens representant, så länge det går att ändra",
    "compilation": "FoU-analytiker; alla med en roll när kunskapssammanställningen är publicerad",
}


def mark(view: View, level: str) -> View:
    """Record the view's access level where the URLconf test finds it."""
    if level not in LEVELS:
        raise ValueError(f"unknown access level {level!r}")
    view.access = level  # type: ignore[attr-defined]
    return view


def _guarded(level: str, allowed: Callable[[Any], bool], refusal: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return mark(wrapper, level)

    return decorate


def public(view: View) -> View:
    return mark(view, "public")


authenticated = _guarded("authenticated", lambda user: True, "")
members = _guarded(
    "member",
    lambda user: role_of(user) is not None,
    "Ditt konto har ingen roll ännu. Be FoU-analytikern att ge dig en.",
)
respondents = _guarded(
    "respondent",
    lambda user: role_of(user) in (Role.ANALYST, Role.REPRESENTATIVE),
    "Enkäten är bara öppen för kommunrepresentanter och FoU-analytiker.",
)
analysts = _guarded(
    "analyst",
    lambda user: role_of(user) == Role.ANALYST,
    "Sidan är bara till för FoU-analytiker.",
)
