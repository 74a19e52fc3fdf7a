"""A local stand-in for Kolada's API v3, served over real HTTP on 127.0.0.1.

It speaks the documented v3 shapes the client relies on: ``/v3/kpi/{ids}`` (KPI
metadata) and ``/v3/data/kpi/{ids}/municipality/{ids}/year/{years}`` with the
``{"values", "count", "next_url"}`` envelope, paging (``per_page``), at most 25
ids per path segment (more answers 422, as Kolada does), values that are
``null`` or ``isdeleted``, and optional 429 answers with ``Retry-After``. The
KPI metadata is the real metadata of the bundled list, so every coding shape of
Kolada's titles passes through the real client and parser.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from jamfor.catalog.areas import bundled_kpis

ValueFor = Callable[[str, str, int], float | None]


@dataclass
class StandIn:
    """What the stand-in serves and what it was asked."""

    value_for: ValueFor
    per_page: int = 400
    kpis: dict[str, dict[str, Any]] = field(default_factory=dict)
    busy_first: int = 0
    requests: list[str] = field(default_factory=list)
    base: str = ""

    def kpi_rows(self, ids: list[str]) -> list[dict[str, Any]]:
        rows = []
        for kpi in ids:
            if kpi in self.kpis:
                rows.append(self.kpis[kpi])
            elif kpi in bundled_kpis():
                meta = bundled_kpis()[kpi]
                rows.append(
                    {
                        "id": meta.id,
                        "title": meta.title,
                        "description": meta.description,
                        "operating_area": meta.operating_area,
                        "is_divided_by_gender": False,
                        "municipality_type": "K",
                        "has_ou_data": False,
                        "publ_period": "2023",
                        "publication_date": "2023-06-22",
                        "auspice": None,
                        "perspective": "Kvalitet",
                        "prel_publication_date": None,
                    }
                )
        return rows

    def data_rows(self, kpis: list[str], units: list[str], years: list[int]) -> list[Any]:
        rows = []
        for kpi in kpis:
            for unit in units:
                for year in years:
                    value = self.value_for(kpi, unit, year)
                    if value is None and (hash((kpi, unit, year)) % 3):
                        continue  # most missing values are simply absent
                    rows.append(
                        {
                            "kpi": kpi,
                            "municipality": unit,
                            "period": year,
                            "values": [
                                {
                                    "gender": "T",
                                    "count": 1,
                                    "status": "",
                                    "value": value,
                                    "isdeleted": False,
                                },
                                {
                                    "gender": "T",
                                    "count": 1,
                                    "status": "",
                                    "value": 99.0,
                                    "isdeleted": True,
                                },
                            ],
                        }
                    )
        return rows


def _handler(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            standin.requests.append(self.path)
            if standin.busy_first > 0:
                standin.busy_first -= 1
                self._send(429, {"detail": "Too many requests"}, {"Retry-After": "0"})
                return
            parts = [p for p in url.path.split("/") if p]
            if parts[:1] != ["v3"]:
                self._send(404, {"detail": "Not found"})
                return
            segments = [s for s in parts[1:] if "," in s]
            if any(len(s.split(",")) > 25 for s in segments):
                self._send(422, {"detail": "Too many ids in one segment (max 25)"})
                return
            query = parse_qs(url.query)
            page = int(query.get("page", ["1"])[0])
            per_page = min(int(query.get("per_page", [str(standin.per_page)])[0]), 5000)
            if parts[1:2] == ["kpi"] and len(parts) == 3:
                rows = standin.kpi_rows(parts[2].split(","))
            elif parts[1:3] == ["data", "kpi"] and len(parts) == 8:
                rows = standin.data_rows(
                    parts[3].split(","), parts[5].split(","), [int(y) for y in parts[7].split(",")]
                )
            else:
                self._send(404, {"detail": "Not found"})
                return
            start = (page - 1) * per_page
            chunk = rows[start : start + per_page]
            more = start + per_page < len(rows)
            next_url = f"{standin.base}{url.path.removeprefix('/v3/')}?page={page + 1}"
            self._send(
                200,
                {
                    "values": chunk,
                    "count": len(rows),
                    "next_url": next_url if more else None,
                    "previous_url": None,
                },
            )

    return Handler


@contextmanager
def kolada_standin(value_for: ValueFor, **options: Any) -> Iterator[StandIn]:
    """Serve the stand-in on a free port of 127.0.0.1; ``standin.base`` is its v3 address."""
    standin = StandIn(value_for=value_for, **options)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(standin))
    standin.base = f"http://127.0.0.1:{server.server_address[1]}/v3/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield standin
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
