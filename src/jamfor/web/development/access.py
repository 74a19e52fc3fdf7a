"""Who may open the development work's pages about one municipality, and the compilation.

Like the survey's :mod:`jamfor.web.survey.context`, every URL here with a
``kommun`` in it is wrapped in one of the municipality decorators below, which
decide everything before the view runs: role against municipality, the year's
cycle, membership of the group and whether saving is still open. A
representative asking for another municipality gets 403 whatever the page
and whatever has been published; an analyst reads every municipality's pages
but never writes a municipality's answers or plan.

The knowledge report holds every municipality's answers, so it has a level of
its own (``compilation``): analysts always, everyone else with a role only
once an analyst has published it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jamfor.registry.model import Group, Unit
from jamfor.web.accounts.access import View, mark
from jamfor.web.accounts.roles import is_analyst, may_read_kommun, may_write_kommun, role_of
from jamfor.web.development.models import Cycle, cycle_or_404
from jamfor.web.survey.context import SAFE_METHODS, member_of

Closure = Callable[[Cycle], str | None]
"""Why a municipality can no longer save (a Swedish sentence), or None while it can."""


@dataclass(frozen=True)
class CycleKommun:
    """A page about one municipality in a cycle, as the decorator found it."""

    cycle: Cycle
    group: Group
    unit: Unit
    may_write: bool
    closed: str | None

    @property
    def kommun(self) -> str:
        return self.unit.code

    @property
    def year(self) -> int:
        return int(self.cycle.year.year)


def answers_closed(cycle: Cycle) -> str | None:
    """Answers stay open until the knowledge report that prints them is published."""
    if cycle.published:
        return (
            "Kunskapssammanställningen är publicerad, så svaren kan inte längre ändras. "
            "Kontakta FoU-analytikern om något behöver läggas till."
        )
    return None


def plan_closed(cycle: Cycle) -> str | None:
    """An action plan follows the decision: it cannot be written before there is one."""
    if not hasattr(cycle, "decision"):
        return "Handlingsplanen skrivs när socialchefsgruppen har fattat beslut."
    return None


def _refusal(user: Any, writing: bool) -> str:
    if writing and is_analyst(user):
        return "Bara kommunens egen representant kan ändra det kommunen lämnar in."
    return "Du kan bara se och ändra det som gäller din egen kommun."


def _cycle_kommun_view(level: str, always_writes: bool, closed: Closure) -> Callable[[View], View]:
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
            cycle = cycle_or_404(year)
            group = cycle.year.group_object
            unit = member_of(group, kommun)
            reason = closed(cycle)
            if reason is not None and request.method not in SAFE_METHODS:
                raise PermissionDenied(reason)
            ctx = CycleKommun(
                cycle=cycle,
                group=group,
                unit=unit,
                may_write=reason is None and may_write_kommun(user, kommun),
                closed=reason,
            )
            return view(request, ctx, **kwargs)

        return mark(wrapper, level)

    return decorate


answers_page = _cycle_kommun_view("kommun-page", always_writes=False, closed=answers_closed)
"""A municipality's answers: read by its representative and the analysts, saved by the representative."""

answers_action = _cycle_kommun_view("kommun-action", always_writes=True, closed=answers_closed)
"""Saving a municipality's answers (autosave, statistics): only its representative."""

plan_page = _cycle_kommun_view("kommun-page", always_writes=False, closed=plan_closed)
plan_action = _cycle_kommun_view("kommun-action", always_writes=True, closed=plan_closed)


def compilation(view: View) -> View:
    """The knowledge report: analysts always; everyone with a role once it is published."""

    @wraps(view)
    def wrapper(request: HttpRequest, year: int, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if role_of(user) is None:
            raise PermissionDenied(
                "Ditt konto har ingen roll ännu. Be FoU-analytikern att ge dig en."
            )
        cycle = cycle_or_404(year)
        if not cycle.published and not is_analyst(user):
            raise PermissionDenied(
                "Kunskapssammanställningen är inte publicerad ännu. Den innehåller alla "
                "kommunernas svar och visas för gruppen när FoU-analytikern har publicerat den."
            )
        return view(request, cycle, **kwargs)

    return mark(wrapper, "compilation")
