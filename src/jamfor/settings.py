"""Settings read from the environment, each declared once with its default and help.

``tests/test_project.py`` checks that every setting here is documented in the
README, so a setting nobody can find does not exist.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env, "") or self.default


CACHE_DIR = Setting(
    "JAMFOR_CACHE_DIR",
    "",
    "Folder for cached answers from Kolada and PxWeb, and the bundled YAML files kept as JSON "
    "(default: $XDG_CACHE_HOME/jamfor or ~/.cache/jamfor).",
)
KOLADA_URL = Setting(
    "JAMFOR_KOLADA_URL", "https://api.kolada.se/v3/", "Base address of Kolada's API (v3)."
)

DATA_DIR = Setting(
    "JAMFOR_DATA_DIR",
    "",
    "Folder for the web app's SQLite database and generated secret key "
    "(default: $XDG_DATA_HOME/jamfor or ~/.local/share/jamfor).",
)
DATABASE_URL = Setting(
    "DATABASE_URL",
    "",
    "The web app's database as a URL, e.g. postgres://jamfor@localhost:5432/jamfor "
    "(default: the SQLite file jamfor.sqlite3 in JAMFOR_DATA_DIR).",
)
SECRET_KEY = Setting(
    "JAMFOR_SECRET_KEY",
    "",
    "Django's secret key for the web app: signs sessions and CSRF tokens "
    "(default: a random key generated once and kept in JAMFOR_DATA_DIR/secret-key).",
)
DEBUG = Setting(
    "JAMFOR_DEBUG",
    "0",
    "1 turns on Django's debug pages in the web app; never on a shared server.",
)
ALLOWED_HOSTS = Setting(
    "JAMFOR_ALLOWED_HOSTS",
    "127.0.0.1,localhost",
    "Host names the web app answers to, separated by commas.",
)

ACCESSIBILITY_STATEMENT = Setting(
    "JAMFOR_ACCESSIBILITY_STATEMENT",
    "",
    "The web app's accessibility statement (tillgänglighetsredogörelse) as the organisation "
    "completed it: a YAML file like src/jamfor/web/statement/tillganglighet.yaml "
    "(default: tillganglighet.yaml in JAMFOR_DATA_DIR when there is one, else that template).",
)
TRUSTED_ORIGINS = Setting(
    "JAMFOR_TRUSTED_ORIGINS",
    "",
    "Addresses the web app is reached at through a proxy, e.g. https://jamfor.fou.se, "
    "separated by commas (Django's CSRF_TRUSTED_ORIGINS): a form sent through an HTTPS "
    "proxy is otherwise refused.",
)
HTTPS_PROXY = Setting(
    "JAMFOR_HTTPS_PROXY",
    "0",
    "1 when the web app is served behind an HTTPS proxy that sets X-Forwarded-Proto and "
    "X-Forwarded-For: requests count as HTTPS and log-ins are throttled per real address.",
)
SECURE_COOKIES = Setting(
    "JAMFOR_SECURE_COOKIES",
    "",
    "1 sends the session and CSRF cookies over HTTPS only and turns on HSTS; 0 does not "
    "(default: on when jamfor serve listens on another address than 127.0.0.1, off otherwise).",
)
HSTS_SECONDS = Setting(
    "JAMFOR_HSTS_SECONDS",
    "31536000",
    "How long browsers keep to HTTPS for the site once told (Strict-Transport-Security), "
    "sent only when secure cookies are on.",
)
LOGIN_ATTEMPTS = Setting(
    "JAMFOR_LOGIN_ATTEMPTS",
    "5",
    "Failed log-ins for one account from one address before further tries are refused.",
)
LOGIN_COOLOFF_MINUTES = Setting(
    "JAMFOR_LOGIN_COOLOFF_MINUTES",
    "15",
    "Minutes a refused account and address wait before they may try again.",
)

SETTINGS = (
    CACHE_DIR,
    KOLADA_URL,
    DATA_DIR,
    DATABASE_URL,
    SECRET_KEY,
    DEBUG,
    ALLOWED_HOSTS,
    ACCESSIBILITY_STATEMENT,
    TRUSTED_ORIGINS,
    HTTPS_PROXY,
    SECURE_COOKIES,
    HSTS_SECONDS,
    LOGIN_ATTEMPTS,
    LOGIN_COOLOFF_MINUTES,
)


def cache_dir() -> Path:
    """Where downloaded API answers, and the bundled YAML read as JSON, are kept between runs."""
    if CACHE_DIR.value():
        return Path(CACHE_DIR.value())
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jamfor"


def data_dir() -> Path:
    """Where the web app keeps its SQLite database and generated secret key."""
    if DATA_DIR.value():
        return Path(DATA_DIR.value())
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "jamfor"


def flag(setting: Setting) -> bool:
    """A yes/no setting: 1, true, yes and ja are yes; anything else is no."""
    return setting.value().strip().casefold() in ("1", "true", "yes", "ja")


def whole_number(setting: Setting) -> int:
    """A setting that is a whole number; its default when what is set is not one."""
    text = setting.value().strip()
    return int(text) if text.isascii() and text.isdigit() else int(setting.default)


def host_list(setting: Setting) -> list[str]:
    """A comma-separated setting as a list, blanks dropped."""
    return [h.strip() for h in setting.value().split(",") if h.strip()]
