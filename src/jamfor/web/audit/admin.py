"""The admin's part in the audit log: every admin write is recorded, the log is read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest

from jamfor.web.accounts.roles import is_analyst
from jamfor.web.admin_site import site
from jamfor.web.audit.log import changes, record, snapshot
from jamfor.web.audit.models import AuditRecord
from jamfor.web.identity_guard import guarded

# Django's admin splits a date and time into two inputs, neither with a label of its own
# (WCAG 1.3.1 and 4.1.2; axe's rule "label"): one labelled date-and-time input instead.
DATETIME_AS_ONE_INPUT: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.DateTimeField: {
        "form_class": forms.DateTimeField,
        "widget": forms.DateTimeInput(
            attrs={"type": "datetime-local", "step": "1"}, format="%Y-%m-%dT%H:%M:%S"
        ),
    }
}


def _name(obj: models.Model) -> str:
    return f"{obj._meta.verbose_name} «{obj}»"


class AuditedAdmin(admin.ModelAdmin):
    """A model admin for analysts whose every save and delete lands in the audit log."""

    formfield_overrides = DATETIME_AS_ONE_INPUT

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_analyst(request.user)

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        return guarded(super().get_form(request, obj, **kwargs))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_analyst(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_analyst(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_analyst(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_analyst(request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        old = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        new = snapshot(obj)
        if old is None:
            record(request.user, "admin.skapad", f"Skapade {_name(obj)}", obj, None, new)
            return
        before, after = changes(old, new)
        if before or after:
            record(request.user, "admin.ändrad", f"Ändrade {_name(obj)}", obj, before, after)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        old, target = snapshot(obj), (obj._meta.label, str(obj.pk))
        name = _name(obj)
        super().delete_model(request, obj)
        record(request.user, "admin.borttagen", f"Tog bort {name}", target, old, None)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            record(
                request.user,
                "admin.borttagen",
                f"Tog bort {_name(obj)}",
                (obj._meta.label, str(obj.pk)),
                snapshot(obj),
                None,
            )
        super().delete_queryset(request, queryset)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseModelFormSet, change: bool
    ) -> None:
        model = formset.model
        pks = [f.instance.pk for f in formset.initial_forms if f.instance.pk is not None]
        stored = {o.pk: snapshot(o) for o in model._default_manager.filter(pk__in=pks)}
        old = {
            id(f.instance): (f.instance.pk, stored.get(f.instance.pk))
            for f in formset.initial_forms
        }
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            record(request.user, "admin.skapad", f"Skapade {_name(obj)}", obj, None, snapshot(obj))
        for obj, _fields in formset.changed_objects:
            before, after = changes(old[id(obj)][1] or {}, snapshot(obj))
            if before or after:
                record(request.user, "admin.ändrad", f"Ändrade {_name(obj)}", obj, before, after)
        for obj in formset.deleted_objects:
            pk, snap = old[id(obj)]
            record(
                request.user,
                "admin.borttagen",
                f"Tog bort {_name(obj)}",
                (obj._meta.label, str(pk)),
                snap,
                None,
            )


class AnalystInline(admin.options.InlineModelAdmin):
    """Inline rows follow the same rule as their page: analysts may edit them.

    (Django's default asks model permissions, which jamfor does not hand out:
    the role decides.) Their writes are logged by the parent's ``save_formset``.
    """

    formfield_overrides = DATETIME_AS_ONE_INPUT

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        kwargs.setdefault("form", guarded(self.form))
        return super().get_formset(request, obj, **kwargs)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_analyst(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_analyst(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_analyst(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_analyst(request.user) and self.can_delete


@admin.register(AuditRecord, site=site)
class AuditRecordAdmin(AuditedAdmin):
    """The log itself can only be read: a log anyone can edit proves nothing."""

    list_display = ("at", "actor_name", "action", "summary")
    list_filter = ("action",)
    search_fields = ("summary", "actor_name", "target_id")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
