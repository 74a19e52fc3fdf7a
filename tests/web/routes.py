"""The URLconf's routes, and a sample value for every URL parameter.

The authorization tests and the accessibility tests both walk every route, so
a page added later is checked by both without anyone listing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from jamfor.web.results.importing import preview_import
from jamfor.web.results.models import BuildStatus, ReportBuild
from jamfor.web.survey.models import Answer, Meeting, Response, Status, Year

from .cycle_support import full_cycle


@dataclass(frozen=True)
class Route:
    route: str
    name: str
    callback: Any

    @property
    def params(self) -> list[str]:
        return re.findall(r"<(?:\w+:)?(\w+)>", self.route)

    @property
    def access(self) -> str | None:
        return getattr(self.callback, "access", None)

    def url(self, **values: str) -> str:
        def fill(match: re.Match[str]) -> str:
            return values[match.group(1)]

        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", fill, self.route)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue  # the admin site has its own test below
            ns = f"{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield Route(prefix + str(p.pattern), namespace + (p.name or ""), p.callback)


CORRECTION = "indikator,enhet,varde\nRutin med barn- och ungdomsvården,Ekerö,Ja\n".encode()

ROUTES = list(_walk(get_resolver().url_patterns))


def make_samples(year: Year) -> dict[str, str]:
    """A value for every URL parameter; a parameter without one fails the tests."""
    meeting = Meeting.objects.create(year=year, date=year.catalog.meeting.date, participants="A")
    _cycle, area, milestone, followup = full_cycle(year)
    # an import waiting for confirmation: its preview page and its actions
    preview = preview_import(year, "rattelse.csv", CORRECTION, None).batch
    assert preview is not None
    # Solna has sent its answers in: the preliminary results have a table to show
    solna = Response.objects.create(year=year, kommun="0184", status=Status.SUBMITTED.value)
    Answer.objects.bulk_create(
        Answer(response=solna, question=q, part=p, value=v)
        for q, p, v in (("4", "", "12"), ("4a", "", "9"), ("1", "bou", "ja"), ("1a", "", "ja"))
    )
    results_build, knowledge_build, preliminary_build = (
        ReportBuild.objects.create(
            kind=kind, year=year, fmt="html", version="0", status=BuildStatus.DONE, content=b"<p>"
        )
        for kind in ("resultat", "kunskap", "preliminart")
    )
    return {
        "build": str(results_build.pk),
        "knowledge_build": str(knowledge_build.pk),
        "preliminary_build": str(preliminary_build.pk),
        "year": str(year.year),
        "section": "kunskap-och-kompetens",
        "fmt": "html",
        "pk": str(meeting.pk),
        "area": str(area.pk),
        "question": str(area.questions.first().pk),
        "milestone": str(milestone.pk),
        "meeting": str(followup.pk),
        "batch": str(preview.pk),
        "series": str(area.series.get().pk),
    }


def url_for(route: Route, samples: dict[str, str], kommun: str) -> str:
    unknown = [p for p in route.params if p != "kommun" and p not in samples]
    assert not unknown, (
        f"{route.route}: no sample for {unknown}; add one to samples() and decide who may open it"
    )
    return route.url(**samples, kommun=kommun)


def admin_urls() -> list[str]:
    """Every page of the admin site for each registered model, with its first object if any.

    The admin's URLs are Django's, so they are listed from the admin site's
    registry rather than from its URL patterns: index, each app, and per
    model the list, the add form and, for its first object, the change form,
    its history and the delete confirmation.
    """
    from jamfor.web.admin_site import site

    urls = [reverse("admin:index")]
    apps = set()
    for model in site._registry:
        meta = model._meta
        apps.add(meta.app_label)
        name = f"admin:{meta.app_label}_{meta.model_name}"
        urls += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            for view in ("change", "history", "delete", "password_change"):
                try:
                    urls.append(reverse(f"{name}_{view}", args=[first.pk]))
                except NoReverseMatch:
                    continue  # only the user admin has a password page
    urls += [reverse("admin:app_list", args=[label]) for label in sorted(apps)]
    return urls
