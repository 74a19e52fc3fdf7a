"""The statement's content, read from the organisation's YAML file and checked with pydantic.

Which file: ``JAMFOR_ACCESSIBILITY_STATEMENT`` when set, else
``tillganglighet.yaml`` in the data folder when there is one, else the
bundled template. The bundled file states what is known of jamfor itself;
the organisation adds who it is, how to reach it and what it knows of its
own installation. A file that cannot be read is reported by the page (to
analysts, in Swedish) while the bundled statement is shown, so the page
never fails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from jamfor import settings

FILE_NAME = "tillganglighet.yaml"
CONFORMANCE = {
    "helt": "helt förenlig",
    "delvis": "delvis förenlig",
    "inte": "inte förenlig",
}


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field("", alias="epost")
    phone: str = Field("", alias="telefon")
    other: str = Field("", alias="annat")
    response_time: str = Field("", alias="svarstid")

    @property
    def given(self) -> bool:
        return bool(self.email or self.phone or self.other)


class Gap(BaseModel):
    """A known shortcoming: what, which WCAG criteria and when it is to be fixed."""

    model_config = ConfigDict(extra="forbid")

    text: str
    criteria: list[str] = Field(default_factory=list, alias="kriterier")
    fixed_by: str = Field("", alias="atgardas")


class Statement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organisation: str = ""
    service: str = Field("jamfor", alias="tjanst")
    contact: Contact = Field(default_factory=lambda: Contact(), alias="kontakt")
    conformance: Literal["helt", "delvis", "inte"] = Field("delvis", alias="forenlighet")
    gaps: list[Gap] = Field(default_factory=list, alias="brister")
    burden: list[str] = Field(default_factory=list, alias="oskaligt_betungande")
    not_covered: list[str] = Field(default_factory=list, alias="utanfor_lagen")
    method: str = Field("", alias="testmetod")
    assessed: dt.date | None = Field(None, alias="senast_bedomd")
    published: dt.date | None = Field(None, alias="publicerad")
    updated: dt.date | None = Field(None, alias="uppdaterad")

    @property
    def conformance_text(self) -> str:
        return CONFORMANCE[self.conformance]

    @property
    def completed(self) -> bool:
        """Whether the organisation has said who it is and how to reach it."""
        return bool(self.organisation and self.contact.given)


@dataclass(frozen=True)
class Loaded:
    statement: Statement
    source: str
    problem: str = ""


def _bundled() -> str:
    return (resources.files("jamfor.web.statement") / FILE_NAME).read_text(encoding="utf-8")


def _parse(text: str) -> Statement:
    return Statement.model_validate(yaml.safe_load(text) or {})


def statement_file() -> Path | None:
    """The organisation's file, if it has one."""
    given = settings.ACCESSIBILITY_STATEMENT.value()
    if given:
        return Path(given)
    found = settings.data_dir() / FILE_NAME
    return found if found.is_file() else None


def load_statement() -> Loaded:
    """The statement to show, and what was wrong with the organisation's file if anything."""
    path = statement_file()
    if path is None:
        return Loaded(_parse(_bundled()), "")
    try:
        return Loaded(_parse(path.read_text(encoding="utf-8")), str(path))
    except OSError as exc:
        problem = f"{path} kan inte läsas ({exc.strerror or exc})."
    except UnicodeDecodeError:
        problem = f"{path} är inte en textfil i UTF-8."
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" på rad {mark.line + 1}" if mark is not None else ""
        problem = f"{path} är inte giltig YAML{where}."
    except ValidationError as exc:
        problem = f"{path}: " + "; ".join(_describe(e) for e in exc.errors())
    return Loaded(_parse(_bundled()), "", problem)


def _describe(error: object) -> str:
    details = error if isinstance(error, dict) else {}
    where = ".".join(str(p) for p in details.get("loc", ()))
    kind = details.get("type", "")
    if kind == "extra_forbidden":
        return f"fältet «{where}» finns inte i mallen"
    if kind == "literal_error":
        return f"«{where}» ska vara helt, delvis eller inte"
    if kind.startswith("date"):
        return f"«{where}» ska vara ett datum som ÅÅÅÅ-MM-DD"
    return f"«{where}» har ett värde som inte går att läsa"
