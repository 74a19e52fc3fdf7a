"""What every open-data HTTP service jamfor reads (Kolada, PxWeb) needs from a client.

One pattern for all of them, so they behave alike for the user:

- retries with exponential backoff on HTTP 429 and 5xx and on dropped
  connections, honouring ``Retry-After`` (seconds);
- every answer kept in a :class:`DiskCache`, keyed by the address and, for a
  POST, the query sent; a second run — and ``--offline`` — needs no network;
- answers must be JSON; what they must look like is each service's business
  (validated with pydantic before use).

Exceptions::

    JamforError
    └── ApiError              a service answered with an error or could not be reached
        ├── KoladaError       (sources/kolada.py)
        ├── PxWebError        (sources/pxweb.py)
        │   └── CellLimitExceeded   a query asked for more cells than the host gives
        └── OfflineMissing    --offline and the cache lacks an answer
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import httpx
from pydantic import ValidationError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from jamfor.core.problems import JamforError

RETRY_STATUS = {429, 500, 502, 503, 504}


class ApiError(JamforError):
    """A service answered with an error or could not be reached."""


class OfflineMissing(ApiError):
    """``--offline`` was asked for and the cache lacks an answer."""


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class DiskCache:
    """API answers as JSON files named by the hash of their address (and query)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{hashlib.sha256(key.encode()).hexdigest()}.json"

    def get(self, key: str) -> Any | None:
        path = self._path(key)
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None  # a broken cache entry is fetched again

    def put(self, key: str, data: Any) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self._path(key).with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self._path(key))


def cache_key(url: str, body: Any | None = None) -> str:
    """The cache's name for a request: the address, and for a POST the query in canonical form."""
    if body is None:
        return url
    return f"POST {url} {json.dumps(body, sort_keys=True, ensure_ascii=False)}"


class HttpApi:
    """A small, strict JSON client; a service subclasses it and names itself.

    ``service`` is how messages name the service ("Kolada"), ``error`` the
    exception its failures raise. ``fatal`` lets a subclass turn a status into
    its own exception before the generic "HTTP 4xx" one (PxWeb's cell limit).
    """

    service: ClassVar[str] = "tjänsten"
    error: ClassVar[type[ApiError]] = ApiError

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        cache: DiskCache | None = None,
        offline: bool = False,
        attempts: int = 6,
        sleep: Callable[[float], None] = time.sleep,
        on_request: Callable[[str], None] | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.cache = cache
        self.offline = offline
        self.on_request = on_request
        self._sleep = sleep
        self._attempts = attempts
        self._http = httpx.Client(
            transport=transport, timeout=timeout, headers={"User-Agent": "jamfor"}
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HttpApi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        backoff = wait_exponential(multiplier=0.5, max=30)(state)
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return max(backoff, exc.retry_after)
        return backoff

    def before_request(self) -> None:
        """Called before every request that goes out (a subclass may pace itself here)."""

    def refuse(self, response: httpx.Response, url: str) -> None:
        """Raise a service-specific error for an answer the generic handling should not see."""

    def _once(self, url: str, body: Any | None) -> Any:
        self.before_request()
        try:
            response = self._http.get(url) if body is None else self._http.post(url, json=body)
        except httpx.TransportError as exc:
            raise _Retryable(f"nätverksfel: {exc}") from exc
        if response.status_code in RETRY_STATUS:
            after = response.headers.get("Retry-After")
            raise _Retryable(
                f"HTTP {response.status_code}",
                float(after) if after and after.isascii() and after.isdigit() else None,
            )
        self.refuse(response, url)
        if response.status_code >= 400:
            raise self.error(
                f"{self.service} svarade HTTP {response.status_code} på {url}: "
                f"{response.text[:200]}"
            )
        try:
            return response.json()
        except ValueError as exc:
            raise self.error(f"{self.service} svarade inte med JSON på {url}.") from exc

    def fetch(self, url: str, body: Any | None = None, *, attempts: int | None = None) -> Any:
        """One answer (GET, or POST of ``body``): from the cache, or the service with retries.

        ``attempts`` overrides the client's number of tries for a request that
        may fail without harm (PxWeb's ``?config``).
        """
        tries = attempts or self._attempts
        key = cache_key(url, body)
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        if self.offline:
            raise OfflineMissing(
                f"Svaret på {url} finns inte i cachen och --offline är angivet. "
                "Kör samma kommando utan --offline när datorn har nätverk."
            )
        if self.on_request:
            self.on_request(url)
        retrying = Retrying(
            stop=stop_after_attempt(tries),
            wait=self._wait,
            retry=retry_if_exception(lambda e: isinstance(e, _Retryable)),
            sleep=self._sleep,
            reraise=True,
        )
        try:
            data = retrying(self._once, url, body)
        except _Retryable as exc:
            raise self.error(
                f"{self.service} svarade inte efter {tries} försök ({exc}). Försök igen senare."
            ) from exc
        if self.cache is not None:
            self.cache.put(key, data)
        return data


def first_error(exc: ValidationError) -> str:
    """A pydantic validation error as one line: where in the answer, and what was wrong."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "svaret"
    return f"{where}: {err['msg']}"
