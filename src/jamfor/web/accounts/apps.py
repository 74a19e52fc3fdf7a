from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jamfor.web.accounts"
    label = "accounts"
    verbose_name = "Konton och roller"

    def ready(self) -> None:
        from jamfor.web.accounts import admin  # noqa: F401  (registers on the admin site)
