"""Monthly statistics attached to a development area: read once, stored, shown in the report.

An analyst attaches a series file (CSV or Excel, read by
:mod:`jamfor.sources.monthly` as ``jamfor serie --data`` reads it) or a PxWeb
table (fetched by :class:`jamfor.sources.pxweb.PxWebClient` as ``jamfor
hamta pxweb`` fetches it). Either way the series is stored as read for the
group's members (:class:`~jamfor.web.development.models.AreaSeries`), so the
knowledge report never goes to the network and always shows what the
analyst saw; the group's figure per period is computed by
:func:`jamfor.core.monthly.group_series` when the report is built.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.text import get_valid_filename

from jamfor.core.identity_numbers import contains_identity_number
from jamfor.core.monthly import Series, SeriesValue
from jamfor.core.problems import InputError, JamforError, Problem
from jamfor.registry.loader import load_registry
from jamfor.registry.model import Unit
from jamfor.settings import cache_dir
from jamfor.sources.http_api import DiskCache
from jamfor.sources.monthly import (
    load_series_files,
    pick_series,
    pxweb_rows,
    series_from_rows,
)
from jamfor.sources.pxweb import PxWebClient, parse_query
from jamfor.web.development.models import AreaSeries

NAME_WITH_IDENTITY_NUMBER = (
    "Filens namn ser ut att innehålla ett personnummer eller samordningsnummer. "
    "Byt namn på filen och försök igen. Filen har inte sparats."
)


def series_from_upload(name: str, content: bytes, wanted: str | None) -> Series:
    """The series in an uploaded file; :class:`InputError` names every problem by row and column.

    The file lives in a temporary folder only while it is read.
    """
    if contains_identity_number(name):
        raise InputError([Problem("identity-number", NAME_WITH_IDENTITY_NUMBER)])
    safe = get_valid_filename(Path(name).name) or "serie.csv"
    with tempfile.TemporaryDirectory(prefix="jamfor-serie-") as folder:
        path = Path(folder) / safe
        path.write_bytes(content)
        try:
            found = load_series_files([path], load_registry())
        except InputError as exc:
            # name the file as the analyst knows it, not the temporary path
            raise InputError([dataclasses.replace(p, file=name) for p in exc.problems]) from None
    return pick_series(found, wanted)


def series_from_pxweb(url: str, query_text: str, wanted: str | None) -> tuple[Series, Any]:
    """The series a saved PxWeb query gives (and the query as stored), fetched with the cache."""
    query = parse_query(query_text, "frågan")
    with PxWebClient(cache=DiskCache(cache_dir() / "pxweb")) as client:
        table = client.table(url.strip(), query)
    rows, _unknown = pxweb_rows(table, load_registry())
    if not rows:
        raise JamforError("Svaret från PxWeb har inga värden för kommuner jamfor känner.")
    return pick_series(series_from_rows(rows), wanted), query.model_dump(exclude_none=True)


def stored_values(series: Series, members: Sequence[Unit]) -> list[list[str | None]]:
    """The members' rows as stored: ``[kommunkod, period, value as text or None]``."""
    codes = {u.code for u in members}
    return [
        [v.unit, v.period, None if v.value is None else str(v.value)]
        for v in series.values
        if v.unit in codes
    ]


def as_series(stored: AreaSeries) -> Series:
    """A stored series back as the core's :class:`Series`."""
    return Series(
        name=stored.name,
        unit=stored.unit,
        source=stored.source,
        values=tuple(
            SeriesValue(str(code), str(period), None if value is None else Decimal(str(value)))
            for code, period, value in stored.values
        ),
    )
