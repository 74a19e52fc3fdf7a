"""The PxWeb client against a PxWeb v1 stand-in on 127.0.0.1 (real HTTP, the real client)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jamfor.core.problems import InputError
from jamfor.registry.model import Registry
from jamfor.sources.http_api import DiskCache, OfflineMissing
from jamfor.sources.monthly import pxweb_rows
from jamfor.sources.pxweb import (
    CellLimitExceeded,
    PxWebClient,
    PxWebError,
    Query,
    config_url,
    parse_query,
    split,
)

from ..support.pxweb_server import NORDVAST, Cube, Host, months, pxweb_host, query

MONTHS = months((2014, 10), (2015, 10))
REGIONS = [("00", "Riket"), ("01", "Stockholms län"), *NORDVAST.items(), ("9999", "Okänd")]


def value(coords: dict[str, str]) -> float | None:
    """Made-up figures: a member's value rises by one a month; Ekerö lacks March 2015."""
    if coords["Region"] == "0125" and coords["Tid"] == "2015M03":
        return None
    month = [m for m, _ in MONTHS].index(coords["Tid"])
    return float(int(coords["Region"]) % 97 + month)


def cube() -> Cube:
    return Cube(
        title="Helårsekvivalenter försörjda med ekonomiskt bistånd efter region och månad",
        variables=[
            ("Region", "region", REGIONS),
            ("ContentsCode", "tabellinnehåll", [("HE0000T1", "Helårsekvivalenter")]),
            ("Tid", "månad", MONTHS),
        ],
        value=value,
        units={"HE0000T1": "antal"},
    )


def nordvast_query() -> Query:
    return Query.model_validate(query(list(NORDVAST), [m for m, _ in MONTHS]))


def test_metadata_then_json_stat2_rows(registry: Registry) -> None:
    with (
        pxweb_host(
            Host(cube(), config={"maxCells": 150000, "maxCalls": 30, "timeWindow": 10})
        ) as host,
        PxWebClient() as client,
    ):
        table = client.table(host.table_url, nordvast_query())
    methods = [(m, p) for m, p, _ in host.requests]
    assert ("GET", "/OV0104/v1/doris/sv?config") in methods
    assert ("GET", "/OV0104/v1/doris/sv/ssd/START/HE/HE0000/HE0000T01N") in methods
    [body] = host.posts()
    assert body["response"] == {"format": "json-stat2"}  # the saved "px" is replaced
    rows, unknown = pxweb_rows(table, registry)
    assert unknown == []
    assert len(rows) == 8 * 13
    ekero = {r.period: r.varde for r in rows if r.kommunkod == "0125"}
    assert ekero["2014-10"] == 125 % 97 and ekero["2015-10"] == 125 % 97 + 12
    assert ekero["2015-03"] is None
    first = rows[0]
    assert first.serie == "Helårsekvivalenter" and first.matenhet == "antal"
    assert "HE0000T01N" in first.kalla and first.kalla.startswith("SCB")
    assert {r.enhet for r in rows} == set(NORDVAST.values())


def test_riket_county_and_unknown_regions(registry: Registry) -> None:
    q = Query.model_validate(query(["00", "01", "0125", "9999"], ["2014M10"]))
    with pxweb_host(Host(cube())) as host, PxWebClient() as client:
        table = client.table(host.table_url, q)
    rows, unknown = pxweb_rows(table, registry)
    assert {(r.kommunkod, r.enhet) for r in rows} == {
        ("0000", "Riket"),
        ("0001", "Stockholms län"),
        ("0125", "Ekerö"),
    }
    assert unknown == ["9999 Okänd"]


def test_429_waits_as_told_then_succeeds() -> None:
    slept: list[float] = []
    host = Host(cube(), too_many=2, retry_after="3")
    with pxweb_host(host), PxWebClient(sleep=slept.append) as client:
        table = client.table(host.table_url, nordvast_query())
    assert len(table.observations) == 8 * 13
    assert len(slept) == 2 and all(s >= 3 for s in slept)  # Retry-After honoured


def test_query_over_the_configured_limit_is_split_before_sending(registry: Registry) -> None:
    host = Host(cube(), max_cells=40, config={"maxCells": 40, "maxCalls": 30, "timeWindow": 10})
    with pxweb_host(host), PxWebClient() as client:
        table = client.table(host.table_url, nordvast_query())
    posts = host.posts()
    assert len(posts) > 1
    assert all(host.cube.cells(b) <= 40 for b in posts)
    rows, _ = pxweb_rows(table, registry)
    assert len(rows) == 8 * 13  # every cell exactly once
    assert len({(r.kommunkod, r.period) for r in rows}) == 8 * 13


@pytest.mark.parametrize(
    "refusal", [(403, "Too many values selected"), (413, ""), (400, "Query exceeds max cells")]
)
def test_a_refusal_for_too_many_cells_splits_the_query_again(
    registry: Registry, tmp_path: Path, refusal: tuple[int, str]
) -> None:
    host = Host(cube(), max_cells=30, refusal=refusal)  # no ?config: the limit is unknown
    cache = DiskCache(tmp_path)
    with pxweb_host(host), PxWebClient(cache=cache) as client:
        table = client.table(host.table_url, nordvast_query())
    posts = host.posts()
    assert host.cube.cells(posts[0]) == 104  # the whole query first, refused
    served = [host.cube.cells(b) for b in posts if host.cube.cells(b) <= 30]
    assert sum(served) == 104  # the pieces the host served hold every cell once
    rows, _ = pxweb_rows(table, registry)
    assert len({(r.kommunkod, r.period) for r in rows}) == 8 * 13
    # offline, the cache remembers that the whole query was refused and serves the pieces
    with PxWebClient(cache=cache, offline=True) as client:
        again = client.table(host.table_url, nordvast_query())
    assert again.observations == table.observations


def test_a_query_that_cannot_be_split_says_so() -> None:
    host = Host(cube(), max_cells=0)
    with (
        pxweb_host(host),
        PxWebClient() as client,
        pytest.raises(CellLimitExceeded, match="Välj färre värden"),
    ):
        client.table(host.table_url, Query.model_validate(query(["0125"], ["2014M10"])))


def test_cache_and_offline(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "cache")
    with pxweb_host(Host(cube())) as host:
        url = host.table_url
        with PxWebClient(cache=cache) as client:
            first = client.table(url, nordvast_query())
        asked = len(host.requests)
        with PxWebClient(cache=cache) as client:
            second = client.table(url, nordvast_query())
        assert len(host.requests) == asked  # the second run asked nothing
    # the server is gone: only the cache can answer
    with PxWebClient(cache=cache, offline=True) as client:
        assert client.table(url, nordvast_query()).observations == first.observations
    assert second.observations == first.observations
    with (
        PxWebClient(cache=DiskCache(tmp_path / "empty"), offline=True) as client,
        pytest.raises(OfflineMissing, match="--offline"),
    ):
        client.table(url, nordvast_query())


def test_paces_itself_to_the_hosts_calls_per_window() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    host = Host(cube(), max_cells=8, config={"maxCells": 8, "maxCalls": 3, "timeWindow": 10})
    with pxweb_host(host), PxWebClient(sleep=sleep, clock=lambda: now[0]) as client:
        client.table(host.table_url, nordvast_query())
    assert len(host.posts()) == 13  # one month (eight regions) per request
    assert slept and all(0 < s <= 10 for s in slept)
    assert now[0] >= 10 * ((13 + 2) // 3 - 1)  # never more than three calls in ten seconds


def test_not_a_table_and_http_errors() -> None:
    with (
        pxweb_host(Host(cube())) as host,
        PxWebClient() as client,
        pytest.raises(PxWebError, match="HTTP 404"),
    ):
        client.table(host.url + "/OV0104/v1/doris/sv/ssd/NOPE", nordvast_query())


def test_saved_query_forms_and_broken_files(tmp_path: Path) -> None:
    saved = query(["0125"], ["2014M10"])
    wrapped = {"queryObj": saved, "tableIdForQuery": "HE0000T01N"}
    assert parse_query(json.dumps(wrapped), "f.json").query[0].code == "Region"
    with pytest.raises(InputError) as bad:
        parse_query('{"query": [', "fraga.json")
    assert bad.value.problems[0].file == "fraga.json"
    assert "inte giltig JSON" in bad.value.problems[0].message
    with pytest.raises(InputError, match="ingen PxWeb-fråga"):
        parse_query('{"fragor": []}', "fraga.json")


def test_split_covers_every_cell_once() -> None:
    q = Query.model_validate(query(list(NORDVAST), [m for m, _ in MONTHS]))
    pieces = split(q, 25)
    assert all(p.cells() <= 25 for p in pieces)
    seen = [
        (r, t)
        for p in pieces
        for r in p.query[0].selection.values
        for t in p.query[2].selection.values
    ]
    assert sorted(seen) == sorted((r, t) for r in NORDVAST for t, _ in MONTHS)
    assert split(q, 1000) == [q]


def test_config_address() -> None:
    scb = "https://api.scb.se/OV0104/v1/doris/sv/ssd/START/HE/HE0000/HE0000T01N"
    assert config_url(scb) == "https://api.scb.se/OV0104/v1/doris/sv?config"
    iceland = "http://px.hagstofa.is/pxen/api/v1/en/Ibuar/mannfjoldi/MAN04103.px"
    assert config_url(iceland) == "http://px.hagstofa.is/pxen/api/v1/en?config"
