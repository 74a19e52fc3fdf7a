"""What an organisation adds to make a report its own publication: a settings file.

``jamfor report --settings rapport.yaml`` (and ``klientstatistik --settings``)
read a YAML file with Swedish keys::

    organisation: FoU-Nordväst
    forfattare: [Martin Åberg, Henrik Karlsson]
    logotyp: logga.png                 # beside the settings file; PNG, JPEG or SVG
    inledning: |
      Första stycket.

      Andra stycket.
    arbetsmodell: |
      Ett stycke, sedan en numrerad lista:

      1. Första steget.
      2. Andra steget.
    om_indikatorerna:
      text: Stycken som ovan.
      lankar:
        - {text: Guide för att tolka resultaten, url: "https://www.socialstyrelsen.se/…"}
    kommentarer:                       # client statistics: a comment per municipality
      Solna: Siffrorna gäller mars 2015.

Texts are paragraphs separated by blank lines; a paragraph that starts with
«- » or «1. » is a list (lines without a mark continue the item above). Every problem is said with the file and the
key, and nothing is used from a file with a problem.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from jamfor.core.problems import InputError, Problem
from jamfor.report.model import Block, FrontMatter, Link, Logo, Prose, TitlePage

MAX_SETTINGS_BYTES = 1_000_000
MAX_LOGO_BYTES = 2_000_000
_ITEM = re.compile(r"^(?:[-•*]\s+|(\d+)[.)]\s+)")
_LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
_LOGO_TYPES[".svg"] = "image/svg+xml"
_SIGNATURES = {"image/png": b"\x89PNG", "image/jpeg": b"\xff\xd8\xff"}


class _Link(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str = Field(min_length=1, max_length=500)
    url: str = Field(max_length=2000)

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str) -> str:
        if not re.match(r"^https?://[^\s<>\"']+$", url):
            raise ValueError("ska vara en webbadress som börjar med http:// eller https://")
        return url


class _Text(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str | list[str] = ""
    lankar: list[_Link] = []


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    organisation: str | None = Field(default=None, max_length=200)
    forfattare: list[str] = []
    logotyp: str | None = None
    inledning: str | list[str] | _Text | None = None
    arbetsmodell: str | list[str] | _Text | None = None
    om_indikatorerna: str | list[str] | _Text | None = None
    kommentarer: dict[str, str] = {}


def blocks_from_text(text: str | list[str]) -> tuple[Block, ...]:
    """Paragraphs separated by blank lines; a paragraph of «- »/«1. » lines is a list."""
    parts = text if isinstance(text, list) else [text]
    blocks: list[Block] = []
    for part in parts:
        for chunk in re.split(r"\n\s*\n", part.replace("\r\n", "\n")):
            lines = [ln.strip() for ln in chunk.strip().splitlines() if ln.strip()]
            if not lines:
                continue
            first = _ITEM.match(lines[0])
            if first is None:
                blocks.append(Block(text=" ".join(lines)))
                continue
            items: list[str] = []
            for line in lines:  # a line without a mark goes on the item above (wrapped text)
                if _ITEM.match(line):
                    items.append(_ITEM.sub("", line))
                else:
                    items[-1] += " " + line
            blocks.append(Block(items=tuple(items), ordered=first.group(1) is not None))
    return tuple(blocks)


def _prose(value: str | list[str] | _Text | None) -> Prose:
    if value is None:
        return Prose()
    if isinstance(value, _Text):
        return Prose(blocks_from_text(value.text), tuple(Link(k.text, k.url) for k in value.lankar))
    return Prose(blocks_from_text(value))


def _problem(path: Path, message: str, field: str | None = None) -> InputError:
    return InputError([Problem("bad-settings", message, path.name, None, field)])


def _logo(path: Path, name: str, organisation: str | None) -> Logo:
    target = (path.parent / name).resolve()
    media = _LOGO_TYPES.get(target.suffix.lower())
    if media is None:
        raise _problem(path, "Logotypen ska vara en PNG-, JPEG- eller SVG-fil.", "logotyp")
    if not target.is_file():
        raise _problem(path, f"Logotypen {name} finns inte bredvid inställningsfilen.", "logotyp")
    if target.stat().st_size > MAX_LOGO_BYTES:
        raise _problem(path, "Logotypen är större än 2 MB; spara en mindre bild.", "logotyp")
    data = target.read_bytes()
    signature = _SIGNATURES.get(media)
    if (signature and not data.startswith(signature)) or (
        media == "image/svg+xml" and b"<svg" not in data[:4096]
    ):
        raise _problem(path, f"Filen {name} är ingen bild av det slag namnet säger.", "logotyp")
    return Logo(data, media, f"Logotyp: {organisation}" if organisation else "Logotyp")


def load_front_matter(path: Path) -> FrontMatter:
    """Read a report settings file; :class:`InputError` names the file and the key if bad."""
    if not path.is_file():
        raise _problem(path, "Inställningsfilen finns inte.")
    if path.stat().st_size > MAX_SETTINGS_BYTES:
        raise _problem(path, "Inställningsfilen är större än 1 MB.")
    import yaml  # only a settings file is read with it

    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError):
        raise _problem(path, "Inställningsfilen är ingen läsbar YAML-fil (UTF-8).") from None
    if not isinstance(data, dict):
        raise _problem(path, "Inställningsfilen ska vara en YAML-mappning (nyckel: värde).")
    try:
        settings = _Settings.model_validate(data)
    except ValidationError as exc:
        raise InputError(
            Problem(
                "bad-settings",
                f"{err['msg']}.",
                path.name,
                None,
                ".".join(str(p) for p in err["loc"]) or None,
            )
            for err in exc.errors()[:20]
        ) from None
    logo = _logo(path, settings.logotyp, settings.organisation) if settings.logotyp else None
    return FrontMatter(
        title_page=TitlePage(settings.organisation, tuple(settings.forfattare), logo),
        inledning=_prose(settings.inledning),
        arbetsmodell=_prose(settings.arbetsmodell),
        om_indikatorerna=_prose(settings.om_indikatorerna),
        comments=dict(settings.kommentarer),
    )
