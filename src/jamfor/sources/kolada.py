"""Kolada's API, version 3 (``https://api.kolada.se/v3/``; v2 is shut down).

What this adapter does for the user:

- follows the response envelope ``{"values": [...], "count": n, "next_url": ...}``
  page by page;
- never puts more than 25 ids in one path segment (Kolada's limit), splitting a
  larger request into batches;
- retries with exponential backoff on HTTP 429 and 5xx and on dropped
  connections, honouring ``Retry-After``;
- drops rows marked ``isdeleted`` and keeps the gender split (``T``, ``K``,
  ``M``);
- keeps every answer in a disk cache, so a second run — and ``--offline`` —
  needs no network.

Exceptions::

    JamforError
    └── KoladaError          Kolada answered with an error or could not be reached
        └── OfflineMissing   --offline and the cache lacks an answer
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx
from pydantic import BaseModel, ValidationError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from jamfor.core.problems import JamforError

BATCH = 25
RETRY_STATUS = {429, 500, 502, 503, 504}


class KoladaError(JamforError):
    """Kolada answered with an error or could not be reached."""


class OfflineMissing(KoladaError):
    """``--offline`` was asked for and the cache lacks an answer."""


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class KoladaValue:
    kpi: str
    municipality: str
    period: int
    gender: str
    value: float


class DiskCache:
    """API answers as JSON files named by the hash of their address."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, url: str) -> Path:
        return self.folder / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def get(self, url: str) -> Any | None:
        path = self._path(url)
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None  # a broken cache entry is fetched again

    def put(self, url: str, data: Any) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self._path(url).with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self._path(url))


def batches(ids: Sequence[str], size: int = BATCH) -> list[list[str]]:
    """Split ids into path segments Kolada accepts."""
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)] or [[]]


class KoladaClient:
    """A small, strict client for the parts of Kolada jamfor needs."""

    def __init__(
        self,
        base_url: str = "https://api.kolada.se/v3/",
        *,
        transport: httpx.BaseTransport | None = None,
        cache: DiskCache | None = None,
        offline: bool = False,
        attempts: int = 6,
        sleep: Callable[[float], None] = time.sleep,
        on_request: Callable[[str], None] | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
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

    def __enter__(self) -> KoladaClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------------- transport

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        backoff = wait_exponential(multiplier=0.5, max=30)(state)
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return max(backoff, exc.retry_after)
        return backoff

    def _get_once(self, url: str) -> Any:
        try:
            response = self._http.get(url)
        except httpx.TransportError as exc:
            raise _Retryable(f"nätverksfel: {exc}") from exc
        if response.status_code in RETRY_STATUS:
            after = response.headers.get("Retry-After")
            raise _Retryable(
                f"HTTP {response.status_code}",
                float(after) if after and after.isdigit() else None,
            )
        if response.status_code >= 400:
            raise KoladaError(
                f"Kolada svarade HTTP {response.status_code} på {url}: {response.text[:200]}"
            )
        try:
            return response.json()
        except ValueError as exc:
            raise KoladaError(f"Kolada svarade inte med JSON på {url}.") from exc

    def fetch(self, url: str) -> Any:
        """One page: from the cache, or from Kolada with retries (then cached)."""
        if self.cache is not None:
            cached = self.cache.get(url)
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
            stop=stop_after_attempt(self._attempts),
            wait=self._wait,
            retry=retry_if_exception(lambda e: isinstance(e, _Retryable)),
            sleep=self._sleep,
            reraise=True,
        )
        try:
            data = retrying(self._get_once, url)
        except _Retryable as exc:
            raise KoladaError(
                f"Kolada svarade inte efter {self._attempts} försök ({exc}). Försök igen senare."
            ) from exc
        if self.cache is not None:
            self.cache.put(url, data)
        return data

    def pages(self, path: str) -> Iterator[dict[str, Any]]:
        """Every row of a listing, following ``next_url`` page by page."""
        url: str | None = urljoin(self.base_url, path)
        seen: set[str] = set()
        while url:
            if url in seen:
                raise KoladaError(f"Kolada gav samma sida två gånger ({url}).")
            seen.add(url)
            try:
                page = _Page.model_validate(self.fetch(url))
            except ValidationError as exc:
                raise KoladaError(
                    f"Oväntat svar från Kolada på {url}: {_first_error(exc)}."
                ) from exc
            yield from page.values
            url = page.next_url or None

    # -------------------------------------------------------------- endpoints

    def kpis(self, ids: Sequence[str] = ()) -> list[dict[str, Any]]:
        if not ids:
            return list(self.pages("kpi"))
        return [row for batch in batches(ids) for row in self.pages(f"kpi/{','.join(batch)}")]

    def municipalities(self) -> list[dict[str, Any]]:
        return list(self.pages("municipality"))

    def municipality_groups(self) -> list[dict[str, Any]]:
        return list(self.pages("municipality_groups"))

    def data_paths(
        self, kpis: Sequence[str], municipalities: Sequence[str], years: Sequence[int]
    ) -> list[str]:
        """The request paths for a data query, batched to at most 25 ids per segment."""
        return [
            f"data/kpi/{','.join(k)}/municipality/{','.join(m)}/year/{','.join(map(str, y))}"
            for k in batches(kpis)
            for m in batches(municipalities)
            for y in batches([str(v) for v in years])
            if k and m and y
        ]

    def data(
        self, kpis: Sequence[str], municipalities: Sequence[str], years: Sequence[int]
    ) -> Iterator[KoladaValue]:
        for path in self.data_paths(kpis, municipalities, years):
            yield from self.values_at(path)

    def values_at(self, path: str) -> Iterator[KoladaValue]:
        """The values of one data request (a path from :meth:`data_paths`), every page."""
        return parse_values(self.pages(path))


def parse_values(rows: Iterable[dict[str, Any]]) -> Iterator[KoladaValue]:
    """Kolada's data rows as values; deleted rows and empty values are dropped."""
    for raw in rows:
        try:
            row = _DataRow.model_validate(raw)
        except ValidationError as exc:
            raise KoladaError(f"Oväntad datarad från Kolada: {_first_error(exc)}.") from exc
        for v in row.values:
            if v.isdeleted or v.value is None:
                continue
            yield KoladaValue(row.kpi, row.municipality, row.period, v.gender, v.value)


class _Page(BaseModel):
    """The v3 envelope: ``{"values": [...], "count": n, "next_url": ...}``."""

    values: list[dict[str, Any]]
    count: int | None = None
    next_url: str | None = None


class _DataValue(BaseModel):
    gender: str = "T"
    value: float | None = None
    isdeleted: bool = False


class _DataRow(BaseModel):
    kpi: str
    municipality: str
    period: int
    values: list[_DataValue] = []


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "svaret"
    return f"{where}: {err['msg']}"
