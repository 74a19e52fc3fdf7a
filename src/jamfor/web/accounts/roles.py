"""What a user is: the questions every access rule asks, answered in one place."""

from __future__ import annotations

from typing import Any

from jamfor.web.accounts.models import Role


def role_of(user: Any) -> Role | None:
    """The user's role; a superuser without a profile counts as an analyst."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    profile = getattr(user, "profile", None)
    if profile is not None:
        return Role(profile.role)
    return Role.ANALYST if user.is_superuser else None


def is_analyst(user: Any) -> bool:
    return role_of(user) == Role.ANALYST


def kommun_of(user: Any) -> str | None:
    """The kommunkod a representative answers for; None for everyone else."""
    if role_of(user) != Role.REPRESENTATIVE:
        return None
    code: str = user.profile.kommun
    return code or None


def may_read_kommun(user: Any, kommun: str) -> bool:
    """A municipality's answers are read by its representative and by the analysts."""
    return is_analyst(user) or kommun_of(user) == kommun


def may_write_kommun(user: Any, kommun: str) -> bool:
    """Only the municipality's own representative writes its answers."""
    return kommun_of(user) == kommun
