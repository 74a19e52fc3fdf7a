"""A PxWeb API v1 stand-in on 127.0.0.1: a real HTTP server in a thread.

It speaks the documented API (the PxWeb API 1.0 description, as SCB's
statistikdatabasen serves it): ``GET`` on a table gives its metadata,
``POST`` of a query gives the selected cells as json-stat2 in SCB's shape,
``GET <root>?config`` the host's limits. Like a real host it refuses a query
over ``max_cells`` with 403 and, when told to, answers 429 with
``Retry-After`` before serving. Every request is recorded for the tests.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ROOT = "/OV0104/v1/doris/sv"
TABLE_PATH = f"{ROOT}/ssd/START/HE/HE0000/HE0000T01N"

NORDVAST = {
    "0114": "Upplands Väsby",
    "0123": "Järfälla",
    "0125": "Ekerö",
    "0139": "Upplands-Bro",
    "0163": "Sollentuna",
    "0183": "Sundbyberg",
    "0184": "Solna",
    "0191": "Sigtuna",
}


@dataclass
class Cube:
    """A table: variables (code, text, [(value, valueText)]) and a value for each cell."""

    title: str
    variables: list[tuple[str, str, list[tuple[str, str]]]]
    value: Callable[[dict[str, str]], float | None]
    units: dict[str, str] = field(default_factory=dict)  # ContentsCode value → unit
    time: str = "Tid"
    source: str = "SCB"
    with_units: bool = True  # some hosts give no unit of measure

    def metadata(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "variables": [
                {
                    "code": code,
                    "text": text,
                    "values": [v for v, _ in values],
                    "valueTexts": [t for _, t in values],
                    "elimination": code not in (self.time, "ContentsCode"),
                    "time": code == self.time,
                }
                for code, text, values in self.variables
            ],
        }

    def answer(self, query: dict[str, Any]) -> dict[str, Any]:
        """json-stat2 as SCB writes it: only the selected values, row-major, nulls for ``..``."""
        chosen: list[tuple[str, str, list[tuple[str, str]]]] = []
        by_code = {q["code"]: q["selection"] for q in query["query"]}
        for code, text, values in self.variables:
            sel = by_code.get(code)
            if sel is None:
                values = values[:1] if code != self.time else values
            elif sel["filter"] == "all":
                pass
            elif sel["filter"] == "top":
                values = values[-int(sel["values"][0]) :]
            else:
                wanted = sel["values"]
                values = [v for v in values if v[0] in wanted]
            chosen.append((code, text, values))
        cells = []
        for combo in itertools.product(*(values for _, _, values in chosen)):
            coords = {code: v for (code, _, _), (v, _) in zip(chosen, combo, strict=True)}
            cells.append(self.value(coords))
        dimension: dict[str, Any] = {}
        for code, text, values in chosen:
            category: dict[str, Any] = {
                "index": {v: i for i, (v, _) in enumerate(values)},
                "label": {v: t for v, t in values},
            }
            if code == "ContentsCode" and self.with_units:
                category["unit"] = {
                    v: {"base": self.units.get(v, "antal"), "decimals": 0} for v, _ in values
                }
            dimension[code] = {"label": text, "category": category}
        return {
            "class": "dataset",
            "label": self.title,
            "source": self.source,
            "updated": "2015-11-12T08:00:00Z",
            "id": [c for c, _, _ in chosen],
            "size": [len(v) for _, _, v in chosen],
            "dimension": dimension,
            "value": cells,
            "role": {"time": [self.time], "metric": ["ContentsCode"]},
            "version": "2.0",
            "extension": {"px": {"tableid": "HE0000T01N", "decimals": 0, "language": "sv"}},
        }

    def cells(self, query: dict[str, Any]) -> int:
        sizes = {code: len(values) for code, _, values in self.variables}
        n = 1
        for q in query["query"]:
            sel = q["selection"]
            if sel["filter"] == "all":
                n *= sizes[q["code"]]
            elif sel["filter"] == "top":
                n *= int(sel["values"][0])
            else:
                n *= len(sel["values"])
        return n


def months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[str, str]]:
    """PxWeb's monthly codes from ``first`` to ``last`` (year, month): ``2014M10`` …"""
    out = []
    y, m = first
    while (y, m) <= last:
        out.append((f"{y}M{m:02d}", f"{y}M{m:02d}"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@dataclass
class Host:
    """What the stand-in serves and what it has been asked."""

    cube: Cube
    max_cells: int = 150_000
    config: dict[str, Any] | None = None
    too_many: int = 0  # answer this many queries (POST) with 429 before serving
    retry_after: str = "2"
    refusal: tuple[int, str] = (403, "Too many values selected")  # a query over max_cells
    requests: list[tuple[str, str, Any]] = field(default_factory=list)
    url: str = ""

    @property
    def table_url(self) -> str:
        return self.url + TABLE_PATH

    def posts(self) -> list[Any]:
        return [body for method, _, body in self.requests if method == "POST"]


def _handler(host: Host) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = (json.dumps(body) if not isinstance(body, str) else body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _throttled(self) -> bool:
            if host.too_many > 0:
                host.too_many -= 1
                self._send(429, "Too Many Requests", {"Retry-After": host.retry_after})
                return True
            return False

        def do_GET(self) -> None:
            host.requests.append(("GET", self.path, None))
            if self.path == f"{ROOT}?config":
                if host.config is None:
                    self._send(404, "Not found")
                else:
                    self._send(200, host.config)
            elif self.path == TABLE_PATH:
                self._send(200, host.cube.metadata())
            else:
                self._send(404, "Not found")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            host.requests.append(("POST", self.path, body))
            if self._throttled():
                return
            if self.path != TABLE_PATH:
                self._send(404, "Not found")
            elif body.get("response", {}).get("format") != "json-stat2":
                self._send(400, "Unsupported format")
            elif host.cube.cells(body) > host.max_cells:
                self._send(*host.refusal)
            else:
                self._send(200, host.cube.answer(body))

    return Handler


@contextmanager
def pxweb_host(host: Host) -> Iterator[Host]:
    """Serve ``host`` on a free port of 127.0.0.1 while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(host))
    host.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield host
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def query(regions: list[str], periods: list[str], contents: str = "HE0000T1") -> dict[str, Any]:
    """A saved query as SCB's API panel gives it (response format px, which jamfor replaces)."""
    return {
        "query": [
            {"code": "Region", "selection": {"filter": "vs:RegionKommun07", "values": regions}},
            {"code": "ContentsCode", "selection": {"filter": "item", "values": [contents]}},
            {"code": "Tid", "selection": {"filter": "item", "values": periods}},
        ],
        "response": {"format": "px"},
    }
