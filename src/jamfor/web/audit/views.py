"""The audit log as a page for analysts."""

from __future__ import annotations

import json
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from jamfor.web.accounts.access import analysts
from jamfor.web.audit.models import AuditRecord

PAGE_SIZE = 50


@analysts
@require_safe
def log(request: HttpRequest) -> HttpResponse:
    records = AuditRecord.objects.all()
    action = request.GET.get("handelse", "")
    if action:
        records = records.filter(action=action)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("sida"))
    actions = AuditRecord.objects.order_by("action").values_list("action", flat=True).distinct()
    rows = [(r, _json(r.before), _json(r.after)) for r in page]
    return render(
        request,
        "audit/log.html",
        {"page": page, "rows": rows, "action": action, "actions": list(actions)},
    )


SHOWN_KEYS = 40
"""An import can change thousands of values; the page shows the first ones, the record keeps all."""


def _json(value: Any) -> str | None:
    if value is None:
        return None
    more = 0
    if isinstance(value, dict) and len(value) > SHOWN_KEYS:
        more = len(value) - SHOWN_KEYS
        value = dict(list(value.items())[:SHOWN_KEYS])
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return text + (f"\n… och {more} till (hela posten finns i administrationen)" if more else "")
