"""Years, meetings and (read-only) answers in the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jamfor.web.admin_site import site
from jamfor.web.audit.admin import AnalystInline, AuditedAdmin
from jamfor.web.survey.models import Answer, Comment, Interpretation, Meeting, Response, Year


@admin.register(Year, site=site)
class YearAdmin(AuditedAdmin):
    list_display = ("year", "area", "group", "deadline", "catalog_origin")

    @admin.display(description="katalog")
    def catalog_origin(self, obj: Year) -> str:
        return obj.catalog_origin


class InterpretationInline(AnalystInline, admin.StackedInline):
    model = Interpretation
    extra = 1
    fields = ("questions", "heading", "text", "position")


@admin.register(Meeting, site=site)
class MeetingAdmin(AuditedAdmin):
    list_display = ("title", "date", "year")
    list_filter = ("year",)
    inlines = (InterpretationInline,)


class _ReadOnlyInline(AnalystInline, admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AnswerInline(_ReadOnlyInline):
    model = Answer
    fields = ("question", "part", "value", "detail")


class CommentInline(_ReadOnlyInline):
    model = Comment
    fields = ("question", "text")


@admin.register(Response, site=site)
class ResponseAdmin(AuditedAdmin):
    """Answers are the municipality's: analysts read them here, only its representative writes."""

    list_display = ("__str__", "status", "updated_at", "submitted_at")
    list_filter = ("year", "status")
    inlines = (AnswerInline, CommentInline)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
