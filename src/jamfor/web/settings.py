"""Django settings for the web app, read from the environment.

Every value a deployment may change is declared once in :mod:`jamfor.settings`
with its default and help (and documented in the README); this module only
turns them into what Django expects. SQLite in the data folder is the default
store, a ``DATABASE_URL`` points at PostgreSQL for a shared server.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import dj_database_url

from jamfor import settings as jamfor_settings

WEB_DIR = Path(__file__).resolve().parent


def _data_dir() -> Path:
    folder = jamfor_settings.data_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _secret_key() -> str:
    """The configured key, or one generated once and kept beside the database.

    A fixed default key would let anyone forge sessions on an installation
    that forgot to set one; a key generated per installation cannot leak.
    """
    given = jamfor_settings.SECRET_KEY.value()
    if given:
        return given
    path = _data_dir() / "secret-key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def _database() -> dict[str, object]:
    url = jamfor_settings.DATABASE_URL.value()
    if not url:
        url = f"sqlite:///{_data_dir() / 'jamfor.sqlite3'}"
    # Each request used to open its own database connection, and a PostgreSQL connection
    # is a new server process: under load that cost more than the page. A connection is
    # kept for a minute and checked before it is reused after an error. SQLite's is a file
    # opened in microseconds, and a connection kept across the threads that build reports
    # in the background gains nothing, so SQLite opens one per request as before.
    config: dict[str, object] = dict(dj_database_url.parse(url))
    if config.get("ENGINE") != "django.db.backends.sqlite3":
        config.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
    return config


SECRET_KEY = _secret_key()
DEBUG = jamfor_settings.flag(jamfor_settings.DEBUG)
ALLOWED_HOSTS = jamfor_settings.host_list(jamfor_settings.ALLOWED_HOSTS)

INSTALLED_APPS = [
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "jamfor.web.accounts",
    "jamfor.web.audit",
    "jamfor.web.survey",
    "jamfor.web.results",
    "jamfor.web.development",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the app under gunicorn (``jamfor serve --workers``).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # last, as django-axes asks: turns a refused log-in into the "locked" page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jamfor.web.urls"
WSGI_APPLICATION = "jamfor.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jamfor.web.accounts.context.role",
                "jamfor.web.site_links.site_links",
            ],
            # {% load error_summary %}: the one error summary every form page uses.
            "libraries": {
                "error_summary": "jamfor.web.error_summary",
                "table_sort": "jamfor.web.table_sort",
            },
        },
    },
    {
        # Parts of the busiest pages (an app's jinja2/ folder), where Django's template
        # language would take most of the request: the survey page's questions.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
    },
]

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
# PDF and Word reports are built in a thread beside the requests (jamfor.web.results.builds);
# the tests set "inline" to build them in the request.
JAMFOR_REPORT_BUILDS = "thread"
# One date format everywhere (2026-12-02, 2026-12-02 06:10): see jamfor.web.formats.
FORMAT_MODULE_PATH = ["jamfor.web.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
# collectstatic's target, outside the package and the web root's own files.
STATIC_ROOT = _data_dir() / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# WhiteNoise also serves straight from the app's static folders, so a server
# started without collectstatic still has its stylesheet.
WHITENOISE_USE_FINDERS = True

# Uploaded result files are read and then dropped; they are never kept on disk.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
# «Formuläret har gått ut» leads back to the form, where the tab's copy of what was typed waits.
CSRF_FAILURE_VIEW = "jamfor.web.accounts.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- behind an HTTPS proxy (README: "Web settings")
CSRF_TRUSTED_ORIGINS = jamfor_settings.host_list(jamfor_settings.TRUSTED_ORIGINS)
BEHIND_HTTPS_PROXY = jamfor_settings.flag(jamfor_settings.HTTPS_PROXY)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = jamfor_settings.flag(jamfor_settings.SECURE_COOKIES)
SECURE_HSTS_SECONDS = (
    jamfor_settings.whole_number(jamfor_settings.HSTS_SECONDS) if SESSION_COOKIE_SECURE else 0
)

# --- Content-Security-Policy (django-csp): scripts and everything else from the app only;
# inline styles are allowed because the report's inline SVG charts carry their own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- failed log-ins throttled per account and address (django-axes)
AUTHENTICATION_BACKENDS = [
    "jamfor.web.accounts.throttle.WebLoginThrottle",
    "jamfor.web.accounts.backend.ProfileBackend",
]
AXES_FAILURE_LIMIT = jamfor_settings.whole_number(jamfor_settings.LOGIN_ATTEMPTS)
AXES_COOLOFF_TIME = dt.timedelta(
    minutes=jamfor_settings.whole_number(jamfor_settings.LOGIN_COOLOFF_MINUTES)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_CLIENT_IP_CALLABLE = "jamfor.web.accounts.throttle.client_ip"
AXES_VERBOSE = False
