"""Swedish formats with every date written one way: 2026-12-02, 2026-12-02 06:10.

Django's Swedish locale writes «2 december 2026 06:10» for a date in a
template and «2026-12-02» for its short form, so one page showed both. The
app writes the numeric form (SS-ISO 8601, as the reports, the logs and every
date typed into a form) everywhere: templates use ``|date`` and
``|date:"DATETIME_FORMAT"`` and never spell out a format of their own.
"""

from django.conf.locale.sv.formats import *  # noqa: F403  (every other Swedish format)

DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
