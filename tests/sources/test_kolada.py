"""Kolada's API v3 replayed from a recorded answer: never the network."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from jamfor.registry.model import Registry
from jamfor.sources.kolada import DiskCache, KoladaClient, KoladaError, OfflineMissing, batches

from ..conftest import DATA

BASE = "https://api.kolada.se/v3/"
RECORDED = json.loads((DATA / "kolada" / "exempel-v3-data.json").read_text(encoding="utf-8"))


def _pages(n: int) -> list[dict[str, Any]]:
    """The recorded answer split into n pages linked by next_url, as Kolada pages."""
    rows = RECORDED["values"]
    size = -(-len(rows) // n)
    pages = []
    for i in range(n):
        nxt = f"{BASE}data/kpi/N00945/municipality/0180,1280,1480/year/2000?page={i + 2}"
        pages.append(
            {
                "values": rows[i * size : (i + 1) * size],
                "count": len(rows),
                "next_url": nxt if i < n - 1 else None,
            }
        )
    return pages


@respx.mock
def test_pagination_across_three_recorded_pages() -> None:
    pages = _pages(3)
    first = respx.get(url__regex=r".*/municipality/0180,1280,1480/year/2000$").mock(
        return_value=httpx.Response(200, json=pages[0])
    )
    respx.get(url__regex=r".*page=2$").mock(return_value=httpx.Response(200, json=pages[1]))
    respx.get(url__regex=r".*page=3$").mock(return_value=httpx.Response(200, json=pages[2]))
    with KoladaClient(BASE) as client:
        values = list(client.data(["N00945"], ["0180", "1280", "1480"], [2000]))
    assert first.call_count == 1
    assert len(values) == 63  # every row of every page, once
    assert {v.municipality for v in values} == {"0180", "1280", "1480"}
    assert values[0].kpi == "N00945" and values[0].gender == "T"
    assert values[0].value == pytest.approx(31.32959689)


def test_batching_60_ids_into_three_requests() -> None:
    ids = [f"{i:04d}" for i in range(60)]
    assert [len(b) for b in batches(ids)] == [25, 25, 10]
    with KoladaClient(BASE) as client:
        paths = client.data_paths(["N31807"], ids, [2015, 2016])
    assert len(paths) == 3
    assert all(len(p.split("/")[4].split(",")) <= 25 for p in paths)
    with respx.mock:
        route = respx.get(url__startswith=f"{BASE}data/kpi/N31807/municipality/").mock(
            return_value=httpx.Response(200, json={"values": [], "count": 0, "next_url": None})
        )
        with KoladaClient(BASE) as client:
            assert list(client.data(["N31807"], ids, [2015, 2016])) == []
        assert route.call_count == 3


@respx.mock
def test_429_then_success_waits_as_told() -> None:
    slept: list[float] = []
    route = respx.get(f"{BASE}municipality").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(503),
            httpx.Response(
                200, json={"values": [{"id": "0180", "title": "Stockholm"}], "count": 1}
            ),
        ]
    )
    with KoladaClient(BASE, sleep=slept.append) as client:
        assert client.municipalities() == [{"id": "0180", "title": "Stockholm"}]
    assert route.call_count == 3
    assert slept[0] >= 7  # Retry-After honoured
    assert len(slept) == 2


@respx.mock
def test_gives_up_with_a_clear_message() -> None:
    respx.get(f"{BASE}kpi").mock(return_value=httpx.Response(500))
    with (
        KoladaClient(BASE, sleep=lambda s: None, attempts=3) as client,
        pytest.raises(KoladaError, match="svarade inte efter 3 försök"),
    ):
        client.kpis()
    respx.get(f"{BASE}kpi/N1").mock(return_value=httpx.Response(404, text="not found"))
    with KoladaClient(BASE) as client, pytest.raises(KoladaError, match="HTTP 404"):
        client.kpis(["N1"])


@respx.mock
def test_deleted_rows_dropped_genders_kept() -> None:
    page = copy.deepcopy(_pages(1)[0])
    page["values"][0]["values"] = [
        {"gender": "K", "count": 1, "status": "", "value": 1.5, "isdeleted": False},
        {"gender": "M", "count": 1, "status": "", "value": 2.5, "isdeleted": True},
        {"gender": "T", "count": 1, "status": "", "value": None, "isdeleted": False},
    ]
    respx.get(url__startswith=BASE).mock(return_value=httpx.Response(200, json=page))
    with KoladaClient(BASE) as client:
        values = list(client.data(["N00945"], ["0180"], [2000]))
    first_row = [
        (v.gender, v.value) for v in values if v.period == 2000 and v.municipality == "0180"
    ]
    assert first_row == [("K", 1.5)]  # M was deleted, T had no value
    assert len(values) == 63


def test_disk_cache_and_offline(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "cache")
    page = _pages(1)[0]
    with respx.mock:
        route = respx.get(url__startswith=BASE).mock(return_value=httpx.Response(200, json=page))
        with KoladaClient(BASE, cache=cache) as client:
            first = list(client.data(["N00945"], ["0180"], [2000]))
        assert route.call_count == 1
    # second run: no network at all (respx not active would fail any request)
    with KoladaClient(BASE, cache=cache, offline=True) as client:
        assert list(client.data(["N00945"], ["0180"], [2000])) == first
    empty = KoladaClient(BASE, cache=DiskCache(tmp_path / "empty"), offline=True)
    with empty, pytest.raises(OfflineMissing, match="finns inte i cachen och --offline"):
        list(empty.data(["N00945"], ["0180"], [2000]))


@respx.mock
def test_a_page_that_links_back_stops() -> None:
    page = {"values": [], "count": 0, "next_url": f"{BASE}kpi"}
    respx.get(f"{BASE}kpi").mock(return_value=httpx.Response(200, json=page))
    with KoladaClient(BASE) as client, pytest.raises(KoladaError, match="samma sida två gånger"):
        client.kpis()


def test_kolada_values_are_checked_as_an_import_before_they_are_written(
    registry: Registry,
) -> None:
    from jamfor.core.problems import InputError
    from jamfor.sources.kolada import KoladaValue, checked_rows
    from jamfor.sources.kolada_catalog import kolada_catalog

    catalog = kolada_catalog("ekb", 2015)
    good = KoladaValue("N31002", "0180", 2015, "T", 1234.0)
    assert checked_rows([good], catalog, registry).rows == [
        ("0180", "Stockholm", "N31002", "2015", "T", "1234.0", "N31002")
    ]
    bad = [
        KoladaValue("N31002", "0180", 2015, "T", float("nan")),
        KoladaValue("N31002", "0180", 2015, "K", float("inf")),
        KoladaValue("N31002", "0180", 2016, "T", 1e20),
        KoladaValue("N31807", "0180", 2015, "T", 150.0),
        KoladaValue("N31002", '=HYPERLINK("http://evil.example/")', 2015, "T", 1.0),
        KoladaValue("N31002", "0180", 2015, "=1+1", 1.0),
        KoladaValue("X1", "0180", 2015, "T", 1.0),
    ]
    with pytest.raises(InputError) as exc:
        checked_rows([good, *bad], catalog, registry)
    messages = [p.message for p in exc.value.problems]
    assert len(messages) == 7
    assert all(m.startswith("Kolada svarade med ") for m in messages)
    assert "inte ett tal jamfor kan räkna med" in messages[0] and "«NaN»" in messages[0]
    assert "«Infinity»" in messages[1] and "«100000000000000000000»" in messages[2]
    assert "mellan 0 och 100" in messages[3]
    assert "okänd kommun eller region" in messages[4] and "okänt kön" in messages[5]
    assert "okänt nyckeltal «X1»" in messages[6]


def test_survey_values_are_codes_of_their_year(registry: Registry) -> None:
    from jamfor.core.problems import InputError
    from jamfor.sources.kolada import KoladaValue, checked_rows
    from jamfor.sources.kolada_catalog import kolada_catalog

    catalog = kolada_catalog("ekb", 2018)
    got = checked_rows(
        [
            KoladaValue("U31490", "0125", 2017, "T", 1.0),  # -2017: Ja=1, Nej=0
            KoladaValue("U31490", "0125", 2018, "T", 2.0),  # 2018-: 2=Ja, 1=Delvis, 0=Nej
            KoladaValue("U31490", "0123", 2017, "T", 0.5),  # between the codes of 2017
            KoladaValue("U31490", "0180", 2018, "T", 0.64),  # Stockholm: its districts' mean
            KoladaValue("U31490", "0000", 2018, "T", 0.55),  # Riket: not an answer
        ],
        catalog,
        registry,
    )
    assert got.rows == [
        ("0125", "Ekerö", "U31490", "2017", "T", "1", "U31490"),
        ("0125", "Ekerö", "U31490", "2018", "T", "2", "U31490"),
    ]
    assert got.skipped_codes == {"Järfälla": 1, "Stockholm": 1}
    assert got.skipped_references == 1
    # outside every code it is no mean of answers: refused
    with pytest.raises(InputError):
        checked_rows([KoladaValue("U31490", "0123", 2017, "T", 2.0)], catalog, registry)
