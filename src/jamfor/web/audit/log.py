"""Write to the audit log.

Every write in the app goes through a service function that calls
:func:`record` inside the same transaction as the write, so a change and its
log entry are stored together or not at all. Only what changed is recorded:
``before`` and ``after`` hold the changed keys with their old and new values
(None for a value that did not exist).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.forms.models import model_to_dict

from jamfor.web.audit.models import AuditRecord

SECRET_FIELDS = frozenset({"password"})
"""Fields never written to the log; a change to them is recorded as "ändrat"."""

Snapshot = dict[str, Any]


def actor_label(user: Any, fallback: str = "kommandoraden") -> str:
    if user is not None and getattr(user, "is_authenticated", False):
        return str(user.get_username())
    return fallback


def snapshot(obj: models.Model, exclude: Iterable[str] = ()) -> Snapshot:
    """A model's fields as JSON-ready values; secrets are masked."""
    data = model_to_dict(obj, exclude=list(exclude))
    out: Snapshot = {}
    for key, value in data.items():
        if key in SECRET_FIELDS:
            out[key] = "(dolt)"
        elif isinstance(value, list):
            out[key] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, models.Model):
            out[key] = value.pk
        else:
            out[key] = value
    return out


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[Snapshot, Snapshot]:
    """The keys whose values differ, as (before, after); a missing key is None."""
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def record(
    actor: Any,
    action: str,
    summary: str,
    target: models.Model | tuple[str, str],
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    *,
    actor_name: str | None = None,
) -> AuditRecord:
    """Log one write. ``target`` is the changed object or (type, id) when it has none."""
    if isinstance(target, models.Model):
        target_type = target._meta.label
        target_id = str(target.pk) if target.pk is not None else ""
    else:
        target_type, target_id = target
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditRecord.objects.create(
        actor=user,
        actor_name=actor_name or actor_label(actor),
        action=action,
        summary=summary[:500],
        target_type=target_type,
        target_id=target_id,
        before=dict(before) if before is not None else None,
        after=dict(after) if after is not None else None,
    )
