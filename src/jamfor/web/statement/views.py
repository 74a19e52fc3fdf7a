"""The statement's page: public, so that it can be read before logging in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from jamfor.web.accounts.access import public
from jamfor.web.accounts.roles import is_analyst
from jamfor.web.statement.model import FILE_NAME, load_statement


@public
@require_safe
def statement(request: HttpRequest) -> HttpResponse:
    loaded = load_statement()
    return render(
        request,
        "tillganglighet.html",
        {
            "s": loaded.statement,
            "problem": loaded.problem,
            "analyst": request.user.is_authenticated and is_analyst(request.user),
            "file_name": FILE_NAME,
        },
    )
