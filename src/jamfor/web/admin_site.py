"""The admin site: for FoU analysts only, in Swedish, every change logged.

Django's default site would let any ``is_staff`` user in and knows nothing of
jamfor's roles; this one asks the role, and every model on it is registered
with :class:`jamfor.web.audit.admin.AuditedAdmin`.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest

from jamfor.web.accounts.roles import is_analyst


class JamforAdminSite(AdminSite):
    site_header = "jamfor – administration"
    site_title = "jamfor"
    index_title = "Administration för FoU-analytiker"
    site_url = "/"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and is_analyst(user))


site = JamforAdminSite(name="admin")
