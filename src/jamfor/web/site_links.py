"""The addresses every page's frame links to (menu, footer, stylesheet, scripts).

They are the same on every request of a process, yet reversing and resolving
ten of them was a third of the time to draw a small page, so they are worked
out once per script prefix and handed to ``base.html`` as ``frame`` (Django's
log-in page already has a ``site``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse


@dataclass(frozen=True)
class SiteLinks:
    home: str
    audit_log: str
    admin: str
    password_change: str
    logout: str
    accessibility: str
    stylesheet: str
    errors_js: str
    table_sort_js: str
    keep_js: str


@lru_cache(maxsize=8)
def _links(prefix: str) -> SiteLinks:
    """``prefix`` (the script prefix the addresses start with) keys the cache."""
    return SiteLinks(
        home=reverse("home"),
        audit_log=reverse("audit-log"),
        admin=reverse("admin:index"),
        password_change=reverse("password_change"),
        logout=reverse("logout"),
        accessibility=reverse("accessibility"),
        stylesheet=static("jamfor/site.css"),
        errors_js=static("jamfor/errors.js"),
        table_sort_js=static("jamfor/table-sort.js"),
        keep_js=static("jamfor/keep.js"),
    )


def site_links(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``frame``, the addresses of the page frame."""
    return {"frame": _links(get_script_prefix())}
