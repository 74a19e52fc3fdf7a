"""The error summary every form page shows after a failed save, and the template tag that draws it.

One mechanism for every form (WCAG 3.3.1, 2.4.3): ``{% error_summary form %}``
draws a box at the top of the form with each problem as a link to the input
it concerns — the input itself, or the first option of a group of radio
buttons or checkboxes, so that following the link puts the cursor in the
field. ``static/jamfor/errors.js`` (loaded by ``base.html``) moves the focus
to the box when the page opens and, when a link is followed, shows the
field's label or legend with it. The box is the page's only alert: views do
not add a message of their own for a failed save.

Usage in a template::

    {% load error_summary %}
    {% error_summary form other_form heading="Svaren skickades inte in" %}
    {% error_summary upload problems=problems level=3 anchor="filfel" %}

Arguments are forms or formsets (their forms and their own errors are
listed in order); ``lines`` adds ready :class:`SummaryLine` records, e.g. for
messages that belong to no field; ``problems`` adds a table of a file's
problems (file, row, column, message) as the importers report them: the
first few of each kind, and how many more of that kind there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django import template
from django.forms import BaseForm, BaseFormSet, BoundField

from jamfor.core.problems import InputError, group_problems

register = template.Library()

DEFAULT_HEADING = "Inget är sparat – rätta felen och spara igen"


@dataclass(frozen=True)
class SummaryLine:
    """One problem: its text and the id of the input it concerns ('' when none)."""

    text: str
    target: str = ""


def input_id(field: BoundField) -> str:
    """The id of the element that takes the cursor: the input, or a group's first option."""
    subwidgets = field.subwidgets
    if field.field.widget.use_fieldset and subwidgets:
        return str(subwidgets[0].id_for_label or field.auto_id or "")
    return str(field.id_for_label or field.auto_id or "")


def _form_lines(form: BaseForm) -> Iterator[SummaryLine]:
    for message in form.non_field_errors():
        yield SummaryLine(str(message))
    for field in form:
        for message in field.errors:
            label = str(field.label or "").rstrip(":")
            text = f"{label}: {message}" if label else str(message)
            yield SummaryLine(text, input_id(field))


def summary_lines(*sources: BaseForm | BaseFormSet | Iterable[SummaryLine]) -> list[SummaryLine]:
    """Every error of the forms and formsets given, in the order of the page."""
    lines: list[SummaryLine] = []
    for source in sources:
        if isinstance(source, BaseFormSet):
            lines += [SummaryLine(str(m)) for m in source.non_form_errors()]
            for form in source.forms:
                lines += _form_lines(form)
        elif isinstance(source, BaseForm):
            if source.is_bound:
                lines += _form_lines(source)
        elif source:
            lines += list(source)
    return lines


@register.inclusion_tag("error_summary.html")
def error_summary(
    *sources: Any,
    heading: str = "",
    intro: str = "",
    lines: Sequence[SummaryLine] = (),
    problems: Sequence[Any] | InputError | None = None,
    level: int = 2,
    anchor: str = "fel",
) -> dict[str, Any]:
    """The summary's context; nothing is drawn when there is nothing to say."""
    found = summary_lines(*(s for s in sources if s is not None), lines)
    # an InputError lists the first problems of each kind and counts the rest of that kind
    # (never a page of a thousand rows all saying the same)
    stopped = problems.stop_text() if isinstance(problems, InputError) else ""
    count = (
        problems.count_text() if isinstance(problems, InputError) else f"{len(problems or ())} fel"
    )
    listed = problems.problems if isinstance(problems, InputError) else problems
    if not heading:
        heading = f"Filen har {count} – ingenting ur den är sparat" if problems else DEFAULT_HEADING
    return {
        "show": bool(found or problems),
        "lines": found,
        "heading": heading,
        "intro": intro,
        "rest": stopped,
        "groups": group_problems(listed or []),
        "level": level,
        "anchor": anchor,
    }
