from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jamfor.web.accounts"
    label = "accounts"
    verbose_name = "Konton och roller"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from jamfor.web.accounts import admin  # noqa: F401  (registers on the admin site)
        from jamfor.web.private_files import private_sqlite

        connection_created.connect(private_sqlite, dispatch_uid="jamfor-private-sqlite")
