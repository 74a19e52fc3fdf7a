"""Workbooks in the shape Socialstyrelsen publishes its yearly OJ results.

A results sheet with title rows, a row of themes (merged over their columns), a
row of headings (Kommunkod, Kommun, Län, then one column per indicator), a row
per municipality, Stockholm's and Göteborg's districts, the counties and Riket;
a description sheet with «Indikator» and «Beskrivning»; missing answers written
«Uppgift saknas». Answers are drawn from a seed; each survey indicator has a
hidden rule (which answers count) that only the published Riket and county
shares reveal, as in the real file.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import xlsxwriter

from jamfor.registry.model import Registry


@dataclass(frozen=True)
class SurveyColumn:
    theme: str
    label: str
    answers: tuple[str, ...]
    weights: tuple[float, ...]
    counted: tuple[str, ...]
    """The hidden rule: the answers the published shares count as yes."""
    description: str = ""


@dataclass(frozen=True)
class RegisterColumn:
    theme: str
    label: str
    low: float
    high: float
    unit: str = "%"
    description: str = ""
    direction_text: str = ""


@dataclass
class Workbook:
    path: Path
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    """label → kommunkod → answer (or figure as written)."""
    riket: dict[str, str] = field(default_factory=dict)
    counties: dict[str, dict[str, str]] = field(default_factory=dict)


def _share(answers: Sequence[str], counted: Sequence[str], decimals: int, fraction: bool) -> str:
    given = [a for a in answers if a != "Uppgift saknas"]
    share = Decimal(sum(a in counted for a in given)) * 100 / Decimal(len(given))
    if fraction:
        return str((share / 100).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))
    q = Decimal(1).scaleb(-decimals)
    return str(share.quantize(q, rounding=ROUND_HALF_UP)).replace(".", ",")


def build_workbook(
    path: Path,
    registry: Registry,
    survey: Sequence[SurveyColumn],
    register: Sequence[RegisterColumn] = (),
    *,
    year: int = 2024,
    seed: int = 1,
    decimals: int = 0,
    fraction: bool = False,
    missing_rate: float = 0.03,
    districts: bool = True,
) -> Workbook:
    """Write the workbook; returns what it holds, for tests to compare with."""
    rng = random.Random(seed)
    result = Workbook(path)
    book = xlsxwriter.Workbook(str(path))
    title_fmt = book.add_format({"bold": True, "font_size": 14})
    theme_fmt = book.add_format({"bold": True, "align": "center"})
    info = book.add_worksheet("Läsanvisning")
    info.write(0, 0, f"Öppna jämförelser {year} – Ekonomiskt bistånd", title_fmt)
    info.write(2, 0, "Resultaten redovisas per kommun, stadsdel, län och för riket.")
    sheet = book.add_worksheet("Enkätdata")
    sheet.write(0, 0, f"Öppna jämförelser {year}. Ekonomiskt bistånd – enkätdata", title_fmt)
    sheet.write(1, 0, "Källa: Socialstyrelsens enkät till kommunerna. Andelar i procent.")
    columns: list[SurveyColumn | RegisterColumn] = [*survey, *register]
    first = 3
    theme_row, head_row = 3, 4
    col = first
    while col < first + len(columns):
        theme = columns[col - first].theme
        end = col
        while end + 1 < first + len(columns) and columns[end + 1 - first].theme == theme:
            end += 1
        if end > col:
            sheet.merge_range(theme_row, col, theme_row, end, theme, theme_fmt)
        else:
            sheet.write(theme_row, col, theme, theme_fmt)
        col = end + 1
    for i, heading in enumerate(["Kommunkod", "Kommun", "Län"]):
        sheet.write(head_row, i, heading)
    for i, c in enumerate(columns):
        sheet.write(head_row, first + i, c.label)
    municipalities = registry.municipalities()
    row = head_row + 1
    for c in columns:
        result.answers[c.label] = {}
    for u in municipalities:
        sheet.write_string(row, 0, u.code)
        sheet.write(row, 1, u.name)
        sheet.write(row, 2, u.lan or "")
        for i, c in enumerate(columns):
            if rng.random() < missing_rate:
                value = "Uppgift saknas"
            elif isinstance(c, SurveyColumn):
                value = rng.choices(c.answers, weights=c.weights)[0]
            else:
                number = round(rng.uniform(c.low, c.high), 1 if c.unit == "%" else 0)
                value = f"{number:g}".replace(".", ",")
            result.answers[c.label][u.code] = value
            if isinstance(c, RegisterColumn) and value != "Uppgift saknas":
                sheet.write_number(row, first + i, float(value.replace(",", ".")))
            else:
                sheet.write(row, first + i, value)
        row += 1
    if districts:
        for parent in ("0180", "1480"):
            city = registry.units[parent]
            for d in registry.districts(parent, year):
                sheet.write_string(row, 0, parent)
                sheet.write(row, 1, f"{city.name} - {d.name}")
                sheet.write(row, 2, city.lan or "")
                for i, c in enumerate(columns):
                    if isinstance(c, SurveyColumn):
                        sheet.write(row, first + i, rng.choices(c.answers, weights=c.weights)[0])
                row += 1
    counties = sorted({u.lan_code for u in municipalities if u.lan_code})
    for lan in counties:
        unit = registry.units[f"00{lan}"]
        members = [u.code for u in registry.lan_members(lan)]
        sheet.write_string(row, 0, lan)
        sheet.write(row, 1, unit.name)
        result.counties[unit.name] = {}
        for i, c in enumerate(columns):
            if isinstance(c, SurveyColumn):
                text = _share(
                    [result.answers[c.label][m] for m in members], c.counted, decimals, fraction
                )
                result.counties[unit.name][c.label] = text
                sheet.write(row, first + i, text)
        row += 1
    sheet.write(row, 1, "Riket")
    for i, c in enumerate(columns):
        if isinstance(c, SurveyColumn):
            text = _share(list(result.answers[c.label].values()), c.counted, decimals, fraction)
            result.riket[c.label] = text
            sheet.write(row, first + i, text)
    sheet.write(row + 2, 0, "Uppgift saknas = kommunen har inte besvarat frågan.")
    desc = book.add_worksheet("Indikatorbeskrivningar")
    desc.write_row(0, 0, ["Tema", "Indikator", "Beskrivning", "Önskvärt värde"])
    for i, c in enumerate(columns, start=1):
        direction = getattr(c, "direction_text", "") or "Högt värde är bra"
        desc.write_row(i, 0, [c.theme, c.label, c.description or f"Om {c.label}.", direction])
    book.close()
    return result
