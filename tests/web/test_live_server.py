"""The browser tests' live server answers overlapping writes as a real server does.

On SQLite in memory the live server shares the tests' one connection, and
overlapping requests used to interleave their savepoints there: an autosave
while the page was being saved failed with "no such savepoint" (a 500 that made
a browser test fail now and then). ``tests/support/live_server.py`` handles one
request at a time in that case; on PostgreSQL the server stays concurrent.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any

from bs4 import BeautifulSoup
from django.test import Client

from jamfor.web.survey.models import Answer, Year
from tests.support.live_server import OneRequestAtATime

PAGE = "/enkat/2015/0125/sida/intern-samordning/"
WRITERS = 6
ROUNDS = 5


def test_one_request_at_a_time_reads_each_whole_response_before_the_next() -> None:
    running = 0
    most = 0
    closed = []

    class Body:
        def __iter__(self) -> Any:
            nonlocal running, most
            running += 1
            most = max(most, running)
            time.sleep(0.01)  # the body is produced slowly, as a file download's is
            yield b"svar"
            running -= 1

        def close(self) -> None:
            closed.append(True)

    def slow(environ: dict[str, Any], start_response: Callable[..., Any]) -> Body:
        start_response("200 OK", [])
        return Body()

    app = OneRequestAtATime(slow)
    bodies: list[list[bytes]] = []
    threads = [
        threading.Thread(target=lambda: bodies.append(app({}, lambda *a: None))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == 1
    assert bodies == [[b"svar"]] * 8
    assert len(closed) == 8


def _request(
    url: str, cookies: dict[str, str], data: bytes | None = None
) -> tuple[int, list[str], str]:
    """Status, Set-Cookie headers and body (an error status is an answer here, not a failure)."""
    request = urllib.request.Request(url, data=data)
    request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    if data is not None:
        request.add_header("X-CSRFToken", cookies["csrftoken"])
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read().decode()
            return response.status, response.headers.get_all("Set-Cookie") or [], body
    except urllib.error.HTTPError as error:
        return error.code, [], error.read().decode()


def test_overlapping_autosaves_never_fail_on_the_live_server(
    live_server: Any, year: Year, rep: Any, login: Callable[[Any], Client]
) -> None:
    client = login(rep)
    cookies = {"sessionid": client.cookies["sessionid"].value}
    status, set_cookies, page = _request(live_server.url + PAGE, cookies)
    assert status == 200
    for header in set_cookies:
        cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
    html = BeautifulSoup(page, "html.parser")
    grund = html.find("input", {"name": "grund"})["value"]  # type: ignore[index]
    statuses: list[int] = []
    failures: list[str] = []

    def write(answer: str) -> None:
        for _ in range(ROUNDS):
            body = urllib.parse.urlencode({"grund": grund, "svar-1-bou": answer}).encode()
            code, _, reply = _request(live_server.url + PAGE + "autospara/", cookies, body)
            statuses.append(code)
            if code >= 500:
                failures.append(reply[:500])

    writers = [
        threading.Thread(target=write, args=("ja" if n % 2 else "nej",)) for n in range(WRITERS)
    ]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    assert len(statuses) == WRITERS * ROUNDS
    # saved, or refused because another write came first; never a server error
    assert set(statuses) <= {200, 409}, (statuses, failures)
    assert 200 in statuses
    assert Answer.objects.get(question="1", part="bou").value in {"ja", "nej"}
