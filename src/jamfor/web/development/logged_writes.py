"""The analysts' writes in the development work, each stored with its audit record.

A change and its log entry are saved in one transaction, so neither exists
without the other; only the changed fields are logged (see
:mod:`jamfor.web.audit.log`).
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.forms import ModelForm

from jamfor.web.audit.log import changes, record, snapshot


def _name(obj: models.Model) -> str:
    return f"{obj._meta.verbose_name} «{obj}»"


def _stored(obj: models.Model) -> dict[str, Any] | None:
    if obj.pk is None:
        return None
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    return snapshot(fresh, exclude=("id",)) if fresh is not None else None


@transaction.atomic
def save_form(user: Any, form: ModelForm, action: str) -> Any:
    """Save a valid model form; log "<action>.skapad" or "<action>.ändrad" with what changed."""
    before = _stored(form.instance)
    saved = form.save()
    after = snapshot(saved, exclude=("id",))
    if before is None:
        record(user, f"{action}.skapad", f"Skapade {_name(saved)}", saved, None, after)
    else:
        b, a = changes(before, after)
        if b or a:
            record(user, f"{action}.ändrad", f"Ändrade {_name(saved)}", saved, b, a)
    return saved


@transaction.atomic
def create(user: Any, obj: models.Model, action: str) -> Any:
    """Save a new object built in code and log it."""
    obj.save()
    record(
        user, f"{action}.skapad", f"Skapade {_name(obj)}", obj, None, snapshot(obj, exclude=("id",))
    )
    return obj


@transaction.atomic
def update(user: Any, obj: models.Model, action: str, summary: str, **values: Any) -> bool:
    """Set fields on a stored object and log the change; False when nothing changed."""
    before = snapshot(obj, exclude=("id",))
    for name, value in values.items():
        setattr(obj, name, value)
    after = snapshot(obj, exclude=("id",))
    b, a = changes(before, after)
    if not (b or a):
        return False
    obj.save(update_fields=list(values))
    record(user, f"{action}.ändrad", summary, obj, b, a)
    return True


@transaction.atomic
def delete(user: Any, obj: models.Model, action: str) -> None:
    """Delete and log the object as it was."""
    before, target, name = (
        snapshot(obj, exclude=("id",)),
        (obj._meta.label, str(obj.pk)),
        _name(obj),
    )
    obj.delete()
    record(user, f"{action}.borttagen", f"Tog bort {name}", target, before, None)
