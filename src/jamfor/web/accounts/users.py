"""Create accounts and set passwords, with the same checks and log entries wherever it happens.

The admin uses Django's own forms; the command line (``jamfor createuser``)
and the example loader come through here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from jamfor.web.accounts.models import Profile, Role
from jamfor.web.audit.log import record


def create_user(
    username: str,
    role: Role,
    password: str,
    *,
    kommun: str = "",
    email: str = "",
    actor: Any = None,
    actor_name: str | None = None,
) -> Any:
    """A new user with a role; :class:`ValidationError` says in Swedish what is wrong."""
    User = get_user_model()
    if User._default_manager.filter(username=username).exists():
        raise ValidationError(f"Det finns redan en användare som heter «{username}».")
    candidate = User(username=username, email=email)
    candidate.full_clean(exclude=["password"])
    profile = Profile(role=role, kommun=kommun)
    profile.clean()
    validate_password(password, candidate)
    with transaction.atomic():
        user = User._default_manager.create_user(username=username, email=email, password=password)
        profile.user = user
        profile.save()
        record(
            actor,
            "användare.skapad",
            f"Skapade användaren «{username}» ({profile})",
            user,
            None,
            {"username": username, "email": email, "roll": profile.role, "kommun": profile.kommun},
            actor_name=actor_name,
        )
    return user


def set_password(
    user: Any, password: str, *, actor: Any = None, actor_name: str | None = None
) -> None:
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record(
            actor,
            "användare.lösenord",
            f"Nytt lösenord för användaren «{user.get_username()}»",
            user,
            {"password": "(dolt)"},
            {"password": "(nytt)"},
            actor_name=actor_name,
        )
