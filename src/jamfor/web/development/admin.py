"""The development work in the admin: analysts edit the cycle's parts; what municipalities sent in is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jamfor.web.admin_site import site
from jamfor.web.audit.admin import AnalystInline, AuditedAdmin
from jamfor.web.development.models import (
    Area,
    AreaSeries,
    Cycle,
    Decision,
    FollowUp,
    Milestone,
    Question,
    Submission,
    SubmissionVersion,
)


@admin.register(Cycle, site=site)
class CycleAdmin(AuditedAdmin):
    list_display = ("__str__", "published_at", "created_at")


class QuestionInline(AnalystInline, admin.StackedInline):
    model = Question
    extra = 0
    fields = ("text", "position")


@admin.register(Area, site=site)
class AreaAdmin(AuditedAdmin):
    list_display = ("name", "cycle", "answers_due", "statistics_requested")
    list_filter = ("cycle",)
    inlines = (QuestionInline,)


@admin.register(AreaSeries, site=site)
class AreaSeriesAdmin(AuditedAdmin):
    """A series as it was read: the title and order may change, the figures and source not."""

    list_display = ("title", "area", "origin", "unit", "created_at")
    list_filter = ("area__cycle",)
    readonly_fields = (
        "origin", "file_name", "pxweb_url", "pxweb_query", "name", "unit", "source", "values",
        "created_at", "created_by",
    )  # fmt: skip


@admin.register(Decision, site=site)
class DecisionAdmin(AuditedAdmin):
    list_display = ("__str__", "cycle")


@admin.register(Milestone, site=site)
class MilestoneAdmin(AuditedAdmin):
    list_display = ("title", "cycle", "due", "kommun", "person", "done_on")
    list_filter = ("cycle",)


@admin.register(FollowUp, site=site)
class FollowUpAdmin(AuditedAdmin):
    list_display = ("__str__", "cycle")
    list_filter = ("cycle",)


class VersionInline(AnalystInline, admin.StackedInline):
    model = SubmissionVersion
    extra = 0
    can_delete = False
    fields = ("number", "content", "submitted_at", "submitted_by")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Submission, site=site)
class SubmissionAdmin(AuditedAdmin):
    """What a municipality sent in is its own: analysts read it here, nobody edits or deletes it."""

    list_display = ("__str__", "kind", "draft_saved_at")
    list_filter = ("cycle", "kind")
    inlines = (VersionInline,)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
