from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jamfor.web.audit"
    label = "audit"
    verbose_name = "Logg"

    def ready(self) -> None:
        from jamfor.web.audit import admin  # noqa: F401  (registers on the admin site)
