"""The WSGI application, for a WSGI server in front of the web app."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jamfor.web.settings")

application = get_wsgi_application()
