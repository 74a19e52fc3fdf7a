"""One date format in the whole app: 2026-12-02 and 2026-12-02 06:10, never «2 december 2026»."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import timezone

import jamfor.web

WEB = Path(jamfor.web.__file__).parent
NAMED = {"DATETIME_FORMAT", "Y-m-d H:i:s"}  # the audit log keeps its seconds
"""The formats a template may name; ``|date`` alone is the date."""


def test_templates_name_no_date_format_of_their_own() -> None:
    found = {
        (path.relative_to(WEB).as_posix(), fmt)
        for path in WEB.rglob("*.html")
        for fmt in re.findall(r'\|date:"([^"]*)"', path.read_text(encoding="utf-8"))
        if fmt not in NAMED
    }
    assert found == set()


def test_dates_and_times_are_written_one_way(settings: object) -> None:
    moment = timezone.make_aware(dt.datetime(2026, 12, 2, 6, 10))
    page = Template(
        '{{ day|date }} · {{ moment|date:"DATETIME_FORMAT" }} · {{ day }} · {{ moment }}'
    ).render(Context({"day": dt.date(2026, 12, 2), "moment": moment}))
    assert page == "2026-12-02 · 2026-12-02 06:10 · 2026-12-02 · 2026-12-02 06:10"
