"""A group comparison as plain JSON-ready data (``jamfor table --json``)."""

from __future__ import annotations

from typing import Any

from jamfor.core.comparison import GroupComparison
from jamfor.core.narrative import Thresholds, indicator_text
from jamfor.core.numbers import round_half_up, to_json_number
from jamfor.core.summary import summarise


def comparison_to_dict(
    cmp: GroupComparison, group_spec: str, thresholds: Thresholds | None = None
) -> dict[str, Any]:
    """One document: every table, indicator, member value, Snitt and reference.

    ``snitt`` is always computed from the members' values; ``published_snitt``
    appears only when the input carried one; ``text`` is the written
    comparison and ``summary`` the report's "Resultatet i korthet".
    """
    texts = {r.indicator.id: indicator_text(cmp, r, thresholds) for r in cmp.indicators()}
    summary = summarise(cmp, list(texts.values()))
    names = {u.code: u.name for u in cmp.members}
    ref_names = {u.code: u.display_reference for u in cmp.references}
    tables = []
    for tc in cmp.tables:
        indicators = []
        for r in tc.indicators:
            ind = r.indicator
            item: dict[str, Any] = {
                "id": ind.id,
                "label": ind.label,
                "kind": ind.kind,
                "unit": "%" if ind.is_share else ind.unit,
                "values": {
                    names[u.code]: (r.values[u.code].text if u.code in r.values else None)
                    for u in cmp.members
                },
                "snitt": None if r.snitt.value is None else to_json_number(r.snitt.value),
                "counted": r.snitt.counted,
            }
            if ind.source.kolada_kpi:
                item["kolada_kpi"] = ind.source.kolada_kpi
            if ind.is_share:
                item["yes_answers"] = list(cmp.catalog.yes_for(ind))
                item["answer_counts"] = r.answer_counts
            if ind.yes_rule is not None:
                item["yes_rule"] = ind.yes_rule.note
                item["review"] = ind.yes_rule.review
            if r.published_snitt is not None:
                item["published_snitt"] = to_json_number(
                    round_half_up(r.published_snitt, ind.decimals)
                )
            item["references"] = {
                ref_names[c]: None if v is None else to_json_number(v)
                for c, v in r.references.items()
            }
            item["differences"] = {
                ref_names[c]: None if v is None else to_json_number(v)
                for c, v in r.differences.items()
            }
            for key, figures in (
                ("published_references", r.published_references),
                ("computed_references", r.computed_references),
            ):
                if figures:
                    item[key] = {ref_names[c]: to_json_number(v) for c, v in figures.items()}
            if r.reference_mismatches:
                item["reference_mismatches"] = sorted(ref_names[c] for c in r.reference_mismatches)
            if r.colours:
                item["colours"] = {names[c]: colour for c, colour in r.colours.items()}
            if r.change is not None:
                item["change"] = {
                    "since": r.change.since,
                    "previous": to_json_number(r.change.previous),
                    "change": to_json_number(r.change.change),
                }
            item["text"] = texts[ind.id].text
            indicators.append(item)
        tables.append({"id": tc.table.id, "title": tc.table.title, "indicators": indicators})
    return {
        "area": cmp.catalog.area,
        "year": cmp.year,
        "group": group_spec,
        "group_name": cmp.group.name,
        "national": cmp.national,
        "synthetic": cmp.synthetic,
        "preliminary": cmp.preliminary,
        "members": [{"kommunkod": u.code, "kommun": u.name} for u in cmp.members],
        "tables": tables,
        "summary": summary.text,
        "summary_counts": {
            t.reference: {"better": t.better, "level": t.level, "worse": t.worse}
            for t in summary.tallies
        },
    }
