"""Who is trying to log in, for django-axes' throttling of failed log-ins.

Behind an HTTPS proxy every request comes from the proxy's address; the
client's own is the last one the proxy added to X-Forwarded-For (earlier
entries are whatever the client claimed). Without a proxy it is the
connection's address.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    if getattr(settings, "BEHIND_HTTPS_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1]
    return str(request.META.get("REMOTE_ADDR", ""))


class WebLoginThrottle(AxesStandaloneBackend):
    """django-axes for log-ins through the web; a check outside a request is not throttled.

    A management command or a test asking whether a password is right has no
    address to count failures for; axes would refuse it outright.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> Any:
        if request is None:
            return None  # the next backend (Django's) checks the password
        return super().authenticate(request, *args, **kwargs)
