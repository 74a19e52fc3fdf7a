"""SCB's reason codes (orsakskoder) for ekonomiskt bistånd, loaded from ``orsakskoder.yaml``.

The codes are data, not code: a study that covers another client group adds
its codes to the YAML file and nothing else changes. A study selects which of
the codes it covers (``--koder 021,022``); the tables list them in the
catalog's order, whatever order the user typed them in.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jamfor.bundled_yaml import load_bundled
from jamfor.core.problems import JamforError, UnknownNameError

_FILE = resources.files("jamfor.catalog") / "orsakskoder.yaml"


class ReasonCode(BaseModel):
    """One code with its meaning as SCB words it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^\d{3}$")
    label: str = Field(min_length=1)


class ReasonCodes(BaseModel):
    """The catalog of reason codes, in the order tables print them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    codes: tuple[ReasonCode, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> ReasonCodes:
        seen = [c.code for c in self.codes]
        doubles = sorted({c for c in seen if seen.count(c) > 1})
        if doubles:
            raise ValueError(f"orsakskoder listed twice: {', '.join(doubles)}")
        return self

    def get(self, code: str) -> ReasonCode | None:
        return next((c for c in self.codes if c.code == code), None)

    def labels(self) -> dict[str, str]:
        return {c.code: c.label for c in self.codes}

    def select(self, wanted: Iterable[str] | None = None) -> tuple[str, ...]:
        """The codes a study covers, in catalog order; ``None`` means every code.

        An unknown code is an error rather than silently ignored: a typo in
        ``--koder`` would otherwise drop a client group from the tables.
        """
        known = [c.code for c in self.codes]
        if wanted is None:
            return tuple(known)
        chosen = {w.strip() for w in wanted if w.strip()}
        unknown = sorted(chosen - set(known))
        if unknown:
            listed = ", ".join(f"«{u}»" for u in unknown)
            raise UnknownNameError(
                f"Okänd orsakskod {listed}. Kända koder: {', '.join(known)} "
                "(tre siffror med inledande nolla)."
            )
        if not chosen:
            raise UnknownNameError(
                f"Ange minst en orsakskod, t.ex. {known[0]}. Kända koder: {', '.join(known)}."
            )
        return tuple(c for c in known if c in chosen)


@cache
def load_reason_codes() -> ReasonCodes:
    """The bundled reason codes, validated (cached: reference data)."""
    data = load_bundled(_FILE)
    try:
        return ReasonCodes.model_validate(data)
    except ValidationError as exc:  # a broken bundled file is a bug, but say where
        raise JamforError(f"Katalogen orsakskoder.yaml är felaktig:\n{exc}") from exc
