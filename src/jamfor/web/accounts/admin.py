"""Users and their roles in the admin: analysts create accounts here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest, HttpResponse

from jamfor.web.accounts.models import Profile
from jamfor.web.admin_site import site
from jamfor.web.audit.admin import AnalystInline, AuditedAdmin
from jamfor.web.audit.log import record

User = get_user_model()


class ProfileInline(AnalystInline, admin.StackedInline):
    model = Profile
    can_delete = False
    min_num = 1
    max_num = 1
    extra = 0
    verbose_name = "roll"
    verbose_name_plural = "roll"


@admin.register(User, site=site)
class JamforUserAdmin(AuditedAdmin, UserAdmin):
    """Accounts with one role each; staff status follows the role, superuser is not offered."""

    inlines = (ProfileInline,)
    list_display = ("username", "first_name", "last_name", "email", "role", "is_active")
    list_filter = ("profile__role", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personuppgifter", {"fields": ("first_name", "last_name", "email")}),
        ("Status", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")

    @admin.display(description="roll")
    def role(self, obj: Any) -> str:
        profile = getattr(obj, "profile", None)
        return str(profile) if profile is not None else "–"

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        response: HttpResponse = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User._default_manager.get(pk=id)
            record(
                request.user,
                "användare.lösenord",
                f"Bytte lösenord för användaren «{user.get_username()}» i administrationen",
                user,
                {"password": "(dolt)"},
                {"password": "(nytt)"},
            )
        return response
