"""The web app: a Django project for the FoU unit and its municipalities.

It presents what ``core`` computes and stores what people enter; it never
counts or decides a survey jump itself. The apps:

- ``accounts``: roles (FoU analyst, municipal representative, reader), the
  access rules every view declares, and the admin for analysts;
- ``survey``: the years, the survey generated from the catalog, drafts and
  submissions, the quality meetings' interpretations and the consistency review;
- ``results``: imported published results, the dashboard and the report downloads;
- ``audit``: who changed what, when, with the values before and after.

:func:`setup` prepares Django for code outside a request (the CLI).
"""

from __future__ import annotations

import os

SETTINGS_MODULE = "jamfor.web.settings"


def setup() -> None:
    """Configure and start Django once, with jamfor's settings unless others are named."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
