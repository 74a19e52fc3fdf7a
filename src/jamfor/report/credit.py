"""Whom a table's figures are credited to: the publisher, or what they really are.

Synthetic values (``demo-data``) and preliminary results (the members' own
survey answers) must never be credited to Socialstyrelsen, so every table's
source line is made here.
"""

from __future__ import annotations

from jamfor.core.comparison import GroupComparison
from jamfor.core.preliminary import PRELIMINARY_SOURCE
from jamfor.report.model import SYNTHETIC_SOURCE


def credited(cmp: GroupComparison, origin: str) -> str:
    """«Socialstyrelsens enkät, Öppna jämförelser ekonomiskt bistånd 2015» or what stands for it."""
    if cmp.synthetic:
        return f"{SYNTHETIC_SOURCE}, {cmp.year}"
    if cmp.preliminary:
        return f"{PRELIMINARY_SOURCE}, {cmp.year}"
    return f"{origin}, Öppna jämförelser {cmp.catalog.area_name.lower()} {cmp.year}"


def publisher(survey_based: bool) -> str:
    """Where published figures come from: the survey or the register statistics."""
    return "Socialstyrelsens enkät" if survey_based else "Socialstyrelsens registerdata"
