"""Imported results in the admin: to look up, not to edit (import a corrected file instead)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jamfor.web.admin_site import site
from jamfor.web.audit.admin import AuditedAdmin
from jamfor.web.results.models import ImportBatch, PublishedMean, ResultValue


class _LookUpOnly(AuditedAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportBatch, site=site)
class ImportBatchAdmin(_LookUpOnly):
    """Batches are applied and undone on the results pages, where the preview and the log are."""

    list_display = ("name", "year", "status", "imported_at", "imported_by", "synthetic")
    list_filter = ("year", "status")
    exclude = ("catalog_before", "catalog_generated")


@admin.register(ResultValue, site=site)
class ResultValueAdmin(_LookUpOnly):
    list_display = ("year", "unit", "indicator", "value", "role", "source", "imported_at")
    list_filter = ("year", "role")
    search_fields = ("unit", "indicator", "value")


@admin.register(PublishedMean, site=site)
class PublishedMeanAdmin(_LookUpOnly):
    list_display = ("year", "label", "indicator", "value", "source")
    list_filter = ("year",)
