"""PxWeb's API, version 1: the statistical databases of SCB, Socialstyrelsen, Folkhälsomyndigheten …

How the API is used (the PxWeb API 1.0 description, and the habits of the
R package rOpenGov/pxweb):

- ``GET`` on a table's address gives its metadata: ``{"title": …,
  "variables": [{"code", "text", "values", "valueTexts", "time",
  "elimination"}]}``;
- ``POST`` of a saved query (``{"query": [{"code", "selection": {"filter",
  "values"}}], "response": {"format": …}}``, as a PxWeb site's «spara
  fråga» / API panel gives it) to the same address gives the data; jamfor
  always asks for ``json-stat2``;
- ``GET`` on the API root with ``?config`` gives the host's limits:
  ``maxCells`` (or the older ``maxValues``) cells per answer and ``maxCalls``
  requests per ``timeWindow`` seconds (SCB: 150 000 cells, 30 calls per 10 s).

What this adapter adds, as the Kolada client does (``http_api.py``): retries
on 429/5xx honouring ``Retry-After``, a disk cache, ``--offline``; it paces
itself to the host's calls per time window, splits a query over the cell
limit into pieces before sending it, and splits again when the host answers
403 (PxWeb's answer to a query with too many cells). Answers are validated as
JSON-stat 2.0 (``jsonstat.py``) before anything is read from them.
"""

from __future__ import annotations

import fnmatch
import itertools
import json
import math
import re
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from jamfor.core.problems import InputError, Problem
from jamfor.sources.http_api import ApiError, HttpApi, OfflineMissing, cache_key, first_error
from jamfor.sources.jsonstat import Dataset, Dimension, Observation, dimensions, observations, role

DEFAULT_CELLS = 100_000
_TOO_MANY = re.compile(r"too many|too large|för många|för stor|max ?(cells|values)|limit", re.I)
DEFAULT_CALLS = 10
DEFAULT_WINDOW = 10.0


def _splittable(sel: Selection) -> bool:
    """Selections whose values are independent cells: a piece may take some of them."""
    f = sel.filter.casefold()
    return f in ("item", "all") or f.startswith(("agg:", "vs:"))


class PxWebError(ApiError):
    """A PxWeb host answered with an error, or not as the API describes."""


class CellLimitExceeded(PxWebError):
    """The host refused a query for asking more cells than it gives in one answer."""


# ---------------------------------------------------------------- the query


class Selection(BaseModel):
    model_config = ConfigDict(extra="allow")

    filter: str
    values: list[str]


class QueryVariable(BaseModel):
    model_config = ConfigDict(extra="allow")

    code: str
    selection: Selection


class Query(BaseModel):
    """A saved PxWeb query; the response format is always replaced by json-stat2."""

    model_config = ConfigDict(extra="allow")

    query: list[QueryVariable]
    response: dict[str, Any] = Field(default_factory=lambda: {"format": "json-stat2"})

    def body(self) -> dict[str, Any]:
        data = self.model_dump(exclude_none=True)
        data["response"] = {**self.response, "format": "json-stat2"}
        return data

    def cells(self) -> int:
        return math.prod(_count(v.selection) for v in self.query)


def _count(sel: Selection) -> int:
    if sel.filter.casefold() == "top" and sel.values and sel.values[0].isdecimal():
        return int(sel.values[0])
    return len(sel.values)


def parse_query(text: str, name: str) -> Query:
    """A saved query from its JSON text; a broken one is an :class:`InputError` naming the file.

    Accepts the query itself and the newer «spara fråga» wrapper
    ``{"queryObj": {…}, "tableIdForQuery": …}``.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            [
                Problem(
                    "not-json",
                    f"Frågan är inte giltig JSON (rad {exc.lineno}, tecken {exc.colno}). "
                    "Kopiera frågan från PxWeb-sidans API-panel («Spara frågan») igen.",
                    file=name,
                    row=exc.lineno,
                )
            ]
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("queryObj"), dict):
        data = data["queryObj"]
    try:
        return Query.model_validate(data)
    except ValidationError as exc:
        raise InputError(
            [
                Problem(
                    "not-a-pxweb-query",
                    f"Filen är ingen PxWeb-fråga ({first_error(exc)}). En fråga ser ut som "
                    '{"query": [{"code": "Region", "selection": {"filter": "item", '
                    '"values": ["0125"]}}], "response": {"format": "json-stat2"}}.',
                    file=name,
                )
            ]
        ) from exc


def load_query(path: Path) -> Query:
    if not path.is_file():
        raise InputError([Problem("file-not-found", "Filen finns inte.", file=str(path))])
    return parse_query(path.read_text(encoding="utf-8-sig", errors="replace"), str(path))


# ------------------------------------------------------------ the answers


class Variable(BaseModel):
    model_config = ConfigDict(extra="allow")

    code: str
    text: str = ""
    values: list[str] = []
    valueTexts: list[str] = []
    time: bool = False
    elimination: bool = False


class Metadata(BaseModel):
    model_config = ConfigDict(extra="allow")

    title: str = ""
    variables: list[Variable]


class HostConfig(BaseModel):
    model_config = ConfigDict(extra="allow")

    maxCells: int | None = None
    maxValues: int | None = None
    maxCalls: int = DEFAULT_CALLS
    timeWindow: float = DEFAULT_WINDOW

    @property
    def cell_limit(self) -> int:
        return self.maxCells or self.maxValues or DEFAULT_CELLS


@dataclass(frozen=True)
class PxTable:
    """Every cell the query asked for, from however many answers it took."""

    url: str
    title: str
    source: str
    updated: str | None
    dimensions: tuple[Dimension, ...]
    time: str | None
    geo: str | None
    metric: str | None
    observations: tuple[Observation, ...]

    @property
    def table_id(self) -> str:
        return urlsplit(self.url).path.rstrip("/").rsplit("/", 1)[-1]

    def dimension(self, code: str) -> Dimension:
        return next(d for d in self.dimensions if d.code == code)


def read_jsonstat(data: Any, url: str) -> Dataset:
    """A json-stat2 answer checked before use, or :class:`PxWebError` saying what is wrong."""
    try:
        return Dataset.model_validate(data)
    except ValidationError as exc:
        raise PxWebError(
            f"PxWeb svarade inte med giltig json-stat2 på {url}: {first_error(exc)}."
        ) from exc


# ------------------------------------------------------------- the client


class PxWebClient(HttpApi):
    """A client for PxWeb API v1 tables: metadata, and data for a saved query."""

    service: ClassVar[str] = "PxWeb"
    error: ClassVar[type[ApiError]] = PxWebError

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_cells: int | None = None,
        **options: Any,
    ) -> None:
        """``options`` are :class:`HttpApi`'s; ``max_cells`` overrides the host's cell limit."""
        super().__init__(**options)
        self._clock = clock
        self._max_cells = max_cells
        self._config: HostConfig | None = None
        self._sent: deque[float] = deque()

    def __enter__(self) -> PxWebClient:
        return self

    # --------------------------------------------------------- transport

    def before_request(self) -> None:
        """Keep to the host's ``maxCalls`` per ``timeWindow`` seconds."""
        cfg = self._config or HostConfig()
        now = self._clock()
        while self._sent and now - self._sent[0] >= cfg.timeWindow:
            self._sent.popleft()
        if len(self._sent) >= cfg.maxCalls:
            self._sleep(cfg.timeWindow - (now - self._sent[0]))
            self._sent.popleft()
        self._sent.append(self._clock())

    def refuse(self, response: httpx.Response, url: str) -> None:
        """A query refused for its size: 403 as PxWeb v1 answers, 413, or a 400 that says so."""
        if response.request.method != "POST":
            return
        status = response.status_code
        if status in (403, 413) or (status == 400 and _TOO_MANY.search(response.text[:500])):
            raise CellLimitExceeded(
                f"PxWeb vägrade frågan mot {url} (HTTP {status}, för många celler): "
                f"{response.text[:200]}"
            )

    # --------------------------------------------------------- endpoints

    def config(self, table_url: str) -> HostConfig:
        """The host's limits from ``<api root>?config``; PxWeb's defaults when it has none."""
        if self._config is None:
            self._config = HostConfig()
            url = config_url(table_url)
            try:
                found = HostConfig.model_validate(self.fetch(url, attempts=2))
            except OfflineMissing:
                found = HostConfig()
            except (ApiError, ValidationError):
                found = HostConfig()  # an older host, or none: keep to the defaults
                if self.cache is not None:
                    self.cache.put(cache_key(url), {})  # and do not ask again next run
            self._config = found
        return self._config

    def metadata(self, table_url: str) -> Metadata:
        try:
            return Metadata.model_validate(self.fetch(table_url))
        except ValidationError as exc:
            raise PxWebError(
                f"{table_url} är ingen PxWeb-tabell (metadata: {first_error(exc)}). "
                "Ange tabellens adress i API:t, t.ex. "
                "https://api.scb.se/OV0104/v1/doris/sv/ssd/START/HE/HE0000/HE0000T01N."
            ) from exc

    def table(self, table_url: str, query: Query) -> PxTable:
        """Every cell ``query`` asks for, in as many requests as the host's limits need."""
        limit = self._max_cells or self.config(table_url).cell_limit
        try:
            meta = self.metadata(table_url)
        except OfflineMissing:
            raise
        except PxWebError:
            meta = Metadata(variables=[])  # only ``all`` selections need it; the POST will tell
        query = expand(query, meta)
        answers = [read_jsonstat(a, table_url) for a in self._answers(table_url, query, limit)]
        if not answers:
            raise PxWebError(f"PxWeb gav inga svar på frågan mot {table_url}.")
        first = answers[0]
        dims = _merge_dimensions([dimensions(a) for a in answers])
        return PxTable(
            url=table_url,
            title=first.label or meta.title,
            source=first.source or urlsplit(table_url).netloc,
            updated=first.updated,
            dimensions=dims,
            time=role(first, "time", ("Tid", "Period", "Manad", "Månad", "Ar", "År")),
            geo=role(first, "geo", ("Region", "Kommun", "Lan", "Län")),
            metric=role(first, "metric", ("ContentsCode",)),
            observations=tuple(o for a in answers for o in observations(a)),
        )

    def _split_marker(self, url: str, body: Any) -> str:
        return "cell-limit " + cache_key(url, body)

    def _answers(self, url: str, query: Query, limit: int) -> Iterator[Any]:
        for piece in split(query, limit):
            body = piece.body()
            marked = self.cache is not None and self.cache.get(self._split_marker(url, body))
            if not marked:
                try:
                    yield self.fetch(url, body)
                    continue
                except CellLimitExceeded:
                    if self.cache is not None:
                        self.cache.put(self._split_marker(url, body), True)
            smaller = piece.cells() // 2
            if smaller < 1 or len(split(piece, smaller)) < 2:
                raise CellLimitExceeded(
                    f"Frågan mot {url} går inte att dela i mindre delar som PxWeb accepterar. "
                    "Välj färre värden i frågan."
                )
            yield from self._answers(url, piece, smaller)


def config_url(table_url: str) -> str:
    """``<api root>?config``: the root ends at the language after ``v1`` (and SCB's database)."""
    parts = urlsplit(table_url)
    segments = parts.path.strip("/").split("/")
    root = segments
    if "v1" in segments:
        at = segments.index("v1")
        lang = next(
            (i for i in range(at + 1, min(at + 3, len(segments))) if len(segments[i]) == 2),
            at + 1,
        )
        root = segments[: lang + 1]
    return urlunsplit((parts.scheme, parts.netloc, "/" + "/".join(root), "config", ""))


def expand(query: Query, meta: Metadata) -> Query:
    """A query whose ``all`` selections (``*``, ``01*``) list the values the table has."""
    variables = {v.code: v for v in meta.variables}
    out = []
    for qv in query.query:
        sel = qv.selection
        var = variables.get(qv.code)
        if sel.filter.casefold() == "all" and var is not None and var.values:
            chosen = [
                v for v in var.values if any(fnmatch.fnmatchcase(v, pat) for pat in sel.values)
            ]
            sel = sel.model_copy(update={"filter": "item", "values": chosen})
        out.append(qv.model_copy(update={"selection": sel}))
    return query.model_copy(update={"query": out})


def split(query: Query, limit: int) -> list[Query]:
    """The query as pieces of at most ``limit`` cells, each a whole cartesian block.

    The selections with the most values are cut first; ``top`` selections
    are sent whole. A query that cannot be brought under
    the limit is one piece (the host will say so).
    """
    sizes = [_count(v.selection) for v in query.query]
    chunk = list(sizes)
    order = sorted(range(len(sizes)), key=lambda i: -sizes[i])
    for i in order:
        if math.prod(chunk) <= limit:
            break
        if not _splittable(query.query[i].selection):
            continue
        others = math.prod(chunk) // chunk[i]
        chunk[i] = max(1, limit // max(others, 1))
    if chunk == sizes:
        return [query]
    ranges = [
        [
            query.query[i].selection.values[s : s + chunk[i]]
            for s in range(0, max(sizes[i], 1), chunk[i])
        ]
        if chunk[i] < sizes[i]
        else [query.query[i].selection.values]
        for i in range(len(sizes))
    ]
    pieces = []
    for combo in itertools.product(*ranges):
        variables = [
            qv.model_copy(update={"selection": qv.selection.model_copy(update={"values": vals})})
            for qv, vals in zip(query.query, combo, strict=True)
        ]
        pieces.append(query.model_copy(update={"query": variables}))
    return pieces


def _merge_dimensions(per_answer: list[tuple[Dimension, ...]]) -> tuple[Dimension, ...]:
    """The dimensions of all pieces: each one's categories in first-seen order, units merged."""
    merged: dict[str, Dimension] = {}
    for dims in per_answer:
        for d in dims:
            have = merged.get(d.code)
            if have is None:
                merged[d.code] = d
                continue
            known = {c for c, _ in have.categories}
            merged[d.code] = Dimension(
                d.code,
                have.label,
                have.categories + tuple(c for c in d.categories if c[0] not in known),
                {**have.units, **d.units},
            )
    return tuple(merged.values())
