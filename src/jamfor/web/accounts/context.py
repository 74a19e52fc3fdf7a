"""Template context: the user's role, so menus show what the user may open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jamfor.registry.loader import load_registry
from jamfor.web.accounts.models import Role
from jamfor.web.accounts.roles import kommun_of, role_of


def role(request: HttpRequest) -> dict[str, Any]:
    user_role = role_of(getattr(request, "user", None))
    kommun = kommun_of(request.user) if user_role else None
    unit = load_registry().units.get(kommun) if kommun else None
    return {
        "user_role": user_role,
        "role_label": user_role.label if user_role else None,
        "is_analyst": user_role == Role.ANALYST,
        "is_representative": user_role == Role.REPRESENTATIVE,
        "user_kommun": unit,
    }
