"""The web app's settings come from the environment, each declared once in jamfor.settings."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from jamfor import settings as jamfor_settings
from jamfor.web import settings as web_settings


def test_sqlite_in_the_data_folder_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JAMFOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = web_settings._database()
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path / "data" / "jamfor.sqlite3")
    assert db["CONN_MAX_AGE"] == 0  # a file opened per request; nothing kept across threads


def test_postgresql_from_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://jamfor:hemligt@db.example:5432/oj")
    db = web_settings._database()
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("db.example", 5432, "oj", "jamfor")
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (60, True)  # a server process each


def test_a_secret_key_is_generated_once_and_kept_private(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JAMFOR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("JAMFOR_SECRET_KEY", raising=False)
    first = web_settings._secret_key()
    assert len(first) >= 50 and web_settings._secret_key() == first
    assert stat.S_IMODE((tmp_path / "secret-key").stat().st_mode) == 0o600
    monkeypatch.setenv("JAMFOR_SECRET_KEY", "given")
    assert web_settings._secret_key() == "given"


def test_flags_and_host_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAMFOR_DEBUG", "ja")
    assert jamfor_settings.flag(jamfor_settings.DEBUG)
    monkeypatch.setenv("JAMFOR_DEBUG", "0")
    assert not jamfor_settings.flag(jamfor_settings.DEBUG)
    monkeypatch.setenv("JAMFOR_ALLOWED_HOSTS", " oj.example.se, ,localhost ")
    assert jamfor_settings.host_list(jamfor_settings.ALLOWED_HOSTS) == [
        "oj.example.se",
        "localhost",
    ]
    monkeypatch.delenv("JAMFOR_ALLOWED_HOSTS")
    assert jamfor_settings.host_list(jamfor_settings.ALLOWED_HOSTS) == ["127.0.0.1", "localhost"]


def test_the_web_settings_are_declared_with_the_others() -> None:
    names = {s.env for s in jamfor_settings.SETTINGS}
    assert {
        "DATABASE_URL",
        "JAMFOR_SECRET_KEY",
        "JAMFOR_DEBUG",
        "JAMFOR_ALLOWED_HOSTS",
        "JAMFOR_DATA_DIR",
    } <= names
