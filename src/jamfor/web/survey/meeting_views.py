"""Quality meetings and their agreed interpretations: everyone reads, analysts record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from jamfor.report.build import note_from_text
from jamfor.web.accounts.access import analysts, members
from jamfor.web.accounts.roles import is_analyst
from jamfor.web.audit.log import changes, record, snapshot
from jamfor.web.survey.forms import InterpretationFormSet, MeetingForm
from jamfor.web.survey.interpretations import (
    has_catalog_protocol,
    load_catalog_protocol,
    meetings_of,
)
from jamfor.web.survey.models import Meeting, Year, meeting_or_404, year_or_404
from jamfor.web.survey.pages import note_html


def meeting_state(meeting: Meeting) -> dict[str, Any]:
    """A meeting and its interpretations as the audit log keeps them."""
    state = snapshot(meeting, exclude=("id",))
    state["tolkningar"] = [
        {"frågor": i.questions, "rubrik": i.heading, "text": i.text}
        for i in meeting.interpretations.all()
    ]
    return state


@members
@require_safe
def meetings(request: HttpRequest, year: int) -> HttpResponse:
    year_obj = year_or_404(year)
    items = [
        (
            m,
            [
                note_html(note_from_text(str(i), i.text), None, "mote-", m.pk, n)
                for n, i in enumerate(m.interpretations.all(), start=1)
            ],
        )
        for m in meetings_of(year_obj)
    ]
    return render(
        request,
        "survey/meetings.html",
        {
            "year": year_obj,
            "items": items,
            "analyst": is_analyst(request.user),
            "catalog_protocol": is_analyst(request.user) and has_catalog_protocol(year_obj),
        },
    )


def _edit(request: HttpRequest, year_obj: Year, meeting: Meeting | None) -> HttpResponse:
    instance = meeting or Meeting(year=year_obj)
    if request.method == "POST":
        form = MeetingForm(request.POST, instance=instance)
        formset = InterpretationFormSet(request.POST, instance=instance)
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                before = meeting_state(meeting) if meeting is not None else None
                saved = form.save()
                formset.instance = saved
                for position, f in enumerate(formset.forms, start=1):
                    f.instance.position = position  # stored for new and changed rows
                formset.save()
                after = meeting_state(saved)
                if before is None:
                    record(request.user, "möte.skapat", f"Registrerade {saved}", saved, None, after)
                else:
                    b, a = changes(before, after)
                    if b or a:
                        record(request.user, "möte.ändrat", f"Ändrade {saved}", saved, b, a)
            messages.success(request, f"{saved} är sparat.")
            return redirect("survey:meetings", year=year_obj.year)
    else:
        form = MeetingForm(instance=instance)
        formset = InterpretationFormSet(instance=instance)
    return render(
        request,
        "survey/meeting_form.html",
        {"year": year_obj, "meeting": meeting, "form": form, "formset": formset},
    )


@analysts
def meeting_new(request: HttpRequest, year: int) -> HttpResponse:
    return _edit(request, year_or_404(year), None)


@analysts
def meeting_edit(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    year_obj = year_or_404(year)
    return _edit(request, year_obj, meeting_or_404(year_obj, pk))


@analysts
def meeting_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    year_obj = year_or_404(year)
    meeting = meeting_or_404(year_obj, pk)
    if request.method == "POST":
        with transaction.atomic():
            before, name = meeting_state(meeting), str(meeting)
            target = (meeting._meta.label, str(meeting.pk))
            meeting.delete()
            record(request.user, "möte.borttaget", f"Tog bort {name}", target, before, None)
        messages.success(request, f"{name} är borttaget.")
        return redirect("survey:meetings", year=year)
    return render(request, "survey/meeting_delete.html", {"year": year_obj, "meeting": meeting})


@analysts
@require_POST
def protocol_load(request: HttpRequest, year: int) -> HttpResponse:
    year_obj = year_or_404(year)
    meeting = load_catalog_protocol(year_obj, request.user)
    if meeting is None:
        messages.info(request, "Protokollet ur katalogen är redan inläst.")
    else:
        messages.success(request, f"Protokollet från {meeting} är inläst.")
    return redirect("survey:meetings", year=year)
