"""Pages about one municipality's answers: who may see them, who may change them.

Every URL with a ``kommun`` in it is wrapped in :func:`kommun_page` or
:func:`kommun_action`. The wrapper decides everything before the view runs —
role against municipality, the year, membership of the year's group, the
deadline — and hands the view a :class:`KommunContext`, so a view cannot
forget a check. A representative asking for another municipality gets 403
whatever the page; so does an analyst trying to change answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from jamfor.catalog.model import Survey
from jamfor.registry.model import Group, Unit
from jamfor.web.accounts.access import View, mark
from jamfor.web.accounts.roles import is_analyst, may_read_kommun, may_write_kommun
from jamfor.web.survey.models import Response, Year, year_or_404

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class KommunContext:
    year: Year
    survey: Survey
    group: Group
    unit: Unit
    response: Response | None
    may_write: bool

    @property
    def kommun(self) -> str:
        return self.unit.code


def survey_of(year: Year) -> Survey:
    survey = year.catalog.survey
    if survey is None:
        raise Http404(f"Katalogen för {year.year} har ingen enkät.")
    return survey


def member_of(group: Group, kommun: str) -> Unit:
    unit = next((u for u in group.members if u.code == kommun), None)
    if unit is None:
        raise Http404("Kommunen ingår inte i årets grupp.")
    return unit


def _refusal(user: Any, writing: bool) -> str:
    if writing and is_analyst(user):
        return "Bara kommunens egen representant kan ändra kommunens svar."
    return "Du kan bara se och ändra svaren för din egen kommun."


def _kommun_view(level: str, always_writes: bool) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, year: int, kommun: str, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            writing = always_writes or request.method not in SAFE_METHODS
            allowed = may_write_kommun if writing else may_read_kommun
            if not allowed(user, kommun):
                raise PermissionDenied(_refusal(user, writing))
            year_obj = year_or_404(year)
            survey = survey_of(year_obj)
            group = year_obj.group_object
            unit = member_of(group, kommun)
            is_open = year_obj.is_open()
            if writing and not is_open:
                assert year_obj.deadline is not None
                raise PermissionDenied(
                    f"Sista svarsdag var {year_obj.deadline.isoformat()}; "
                    "svaren kan inte längre ändras."
                )
            ctx = KommunContext(
                year=year_obj,
                survey=survey,
                group=group,
                unit=unit,
                response=Response.objects.filter(year=year_obj, kommun=kommun).first(),
                may_write=is_open and may_write_kommun(user, kommun),
            )
            return view(request, ctx, **kwargs)

        return mark(wrapper, level)

    return decorate


kommun_page = _kommun_view("kommun-page", always_writes=False)
"""Read by the municipality's representative and the analysts; saved only by the representative."""

kommun_action = _kommun_view("kommun-action", always_writes=True)
"""Only the municipality's representative, before the deadline, whatever the method."""
