from __future__ import annotations

from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "jamfor.web.results"
    label = "results"
    verbose_name = "Resultat"

    def ready(self) -> None:
        from jamfor.web.results import admin  # noqa: F401  (registers on the admin site)
