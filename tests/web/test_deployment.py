"""A shared server: behind an HTTPS proxy, with a Content-Security-Policy and throttled log-ins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from jamfor.web.survey.models import Year

from .conftest import PASSWORD


def _django_settings(env: dict[str, str], tmp_path: Path) -> dict[str, Any]:
    """The Django settings a fresh process makes from ``env`` (as gunicorn's workers do)."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k, None) for k in ('SECURE_PROXY_SSL_HEADER', "
        "'CSRF_TRUSTED_ORIGINS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SECURE_HSTS_SECONDS', 'AXES_FAILURE_LIMIT')}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("JAMFOR_")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "jamfor.web.settings",
            "JAMFOR_DATA_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def test_proxy_settings_come_from_the_environment(tmp_path: Path) -> None:
    plain = _django_settings({}, tmp_path)
    assert plain["SECURE_PROXY_SSL_HEADER"] is None and plain["CSRF_TRUSTED_ORIGINS"] == []
    assert plain["SESSION_COOKIE_SECURE"] is False and plain["SECURE_HSTS_SECONDS"] == 0
    shared = _django_settings(
        {
            "JAMFOR_HTTPS_PROXY": "1",
            "JAMFOR_TRUSTED_ORIGINS": "https://jamfor.fou.se, https://oj.fou.se",
            "JAMFOR_SECURE_COOKIES": "1",
            "JAMFOR_LOGIN_ATTEMPTS": "3",
        },
        tmp_path,
    )
    assert shared["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert shared["CSRF_TRUSTED_ORIGINS"] == ["https://jamfor.fou.se", "https://oj.fou.se"]
    assert shared["SESSION_COOKIE_SECURE"] is True and shared["CSRF_COOKIE_SECURE"] is True
    assert shared["SECURE_HSTS_SECONDS"] == 31536000 and shared["AXES_FAILURE_LIMIT"] == 3


def test_serve_on_another_address_than_loopback_turns_secure_cookies_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jamfor.cli.web import secure_cookies_by_default

    monkeypatch.delenv("JAMFOR_SECURE_COOKIES", raising=False)
    secure_cookies_by_default("127.0.0.1")
    assert "JAMFOR_SECURE_COOKIES" not in os.environ
    secure_cookies_by_default("0.0.0.0")
    assert os.environ["JAMFOR_SECURE_COOKIES"] == "1"
    monkeypatch.setenv("JAMFOR_SECURE_COOKIES", "0")
    secure_cookies_by_default("0.0.0.0")  # what the administrator set stands
    assert os.environ["JAMFOR_SECURE_COOKIES"] == "0"


def _log_in_through_proxy(analyst: Any, host: str, origin: str) -> int:
    """A log-in form fetched and sent through an HTTPS proxy; the answer's status."""
    client = Client(enforce_csrf_checks=True)
    proxy = {"HTTP_HOST": host, "HTTP_X_FORWARDED_PROTO": "https"}
    client.get("/konto/logga-in/", **proxy)
    data = {
        "username": analyst.username,
        "password": PASSWORD,
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
    }
    return client.post("/konto/logga-in/", data, HTTP_ORIGIN=origin, **proxy).status_code


@override_settings(ALLOWED_HOSTS=["jamfor.fou.se", "127.0.0.1"])
@pytest.mark.django_db
def test_a_form_posted_through_an_https_proxy_passes_csrf(analyst: Any) -> None:
    site = "https://jamfor.fou.se"
    # without JAMFOR_HTTPS_PROXY the request looks like plain HTTP: the origin does not match
    assert _log_in_through_proxy(analyst, "jamfor.fou.se", site) == 403
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        assert _log_in_through_proxy(analyst, "jamfor.fou.se", site) == 302
        # a proxy that passes its own host on needs the site among the trusted origins
        assert _log_in_through_proxy(analyst, "127.0.0.1", site) == 403
        with override_settings(CSRF_TRUSTED_ORIGINS=[site]):
            assert _log_in_through_proxy(analyst, "127.0.0.1", site) == 302


@pytest.mark.django_db
def test_every_page_has_a_content_security_policy(client: Client, year: Year) -> None:
    policy = client.get("/konto/logga-in/")["Content-Security-Policy"]
    for part in ("default-src 'self'", "script-src 'self'", "object-src 'none'"):
        assert part in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_repeated_failed_log_ins_are_throttled_per_account_and_address(analyst: Any) -> None:
    from django.conf import settings

    here = Client(REMOTE_ADDR="10.0.0.5")
    wrong = {"username": analyst.username, "password": "fel-lösenord"}
    codes = [
        here.post("/konto/logga-in/", wrong).status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert codes[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert codes[-1] == 429
    locked = here.post("/konto/logga-in/", {"username": analyst.username, "password": PASSWORD})
    assert locked.status_code == 429  # even the right password, for a while
    assert "För många misslyckade inloggningar" in locked.content.decode()
    # the same account from another address, and another account from here, may still log in
    there = Client(REMOTE_ADDR="10.0.0.6")
    right = {"username": analyst.username, "password": PASSWORD}
    assert there.post("/konto/logga-in/", right).status_code == 302
