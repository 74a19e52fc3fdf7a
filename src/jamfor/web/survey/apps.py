from __future__ import annotations

from django.apps import AppConfig


class SurveyConfig(AppConfig):
    name = "jamfor.web.survey"
    label = "survey"
    verbose_name = "Enkät och tolkningar"

    def ready(self) -> None:
        from jamfor.web.survey import admin  # noqa: F401  (registers on the admin site)
