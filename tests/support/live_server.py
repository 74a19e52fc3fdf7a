"""The browser tests' live server: one request at a time while the database is SQLite in memory.

The web tests' SQLite database lives in memory, shared between connections
("cache=shared"). There SQLite locks whole tables and does not wait for a
lock: overlapping requests (an autosave while the page is being saved, say)
fail with "database table is locked" or, on a connection Django shares with
the server, "no such savepoint" — 500s that no real server shows (SQLite on
disk waits for its lock; PostgreSQL, on which the web tests run again, has
row locks, and there the server stays concurrent). So while the database is
SQLite in memory each request is handled whole, response included, before the
next begins. Connections are still threaded: a browser's idle keep-alive
connection does not hold the lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.testcases import LiveServerThread

App = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _shared_memory_database() -> bool:
    database = connections[DEFAULT_DB_ALIAS]
    return database.vendor == "sqlite" and bool(database.is_in_memory_db())


class OneRequestAtATime:
    """A WSGI app that lets one call run at a time, its body read before the lock is let go."""

    def __init__(self, app: App, when: Callable[[], bool] = lambda: True) -> None:
        self.app = app
        self.when = when
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if not self.when():
            return self.app(environ, start_response)
        with self.lock:
            result = self.app(environ, start_response)
            try:
                return list(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()


class SerialOnMemorySQLite(ThreadedWSGIServer):
    """Django's live server, serialised while the database is SQLite in memory.

    Asked per request: pytest-django may start the server before the test
    database replaces the configured one.
    """

    def set_app(self, application: App) -> None:
        super().set_app(OneRequestAtATime(application, when=_shared_memory_database))


def install() -> None:
    """Make pytest-django's ``live_server`` (Django's LiveServerThread) use this server."""
    LiveServerThread.server_class = SerialOnMemorySQLite
