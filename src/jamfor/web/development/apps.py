from __future__ import annotations

from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "jamfor.web.development"
    label = "development"
    verbose_name = "Utvecklingsarbete"

    def ready(self) -> None:
        from jamfor.web.development import admin  # noqa: F401  (registers on the admin site)
