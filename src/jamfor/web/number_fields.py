"""Number fields that read numbers as Swedish users write them: «7,5», «1 095», «7.5».

A browser's ``<input type="number">`` reads a decimal comma by the browser's
own language, not the page's: in an English Chromium «7,5» became 75. The
app's number fields are therefore text boxes with ``inputmode`` (a phone still
shows its number pad), and the server reads the text with the same rule as
every imported file (:func:`jamfor.core.numbers.parse_number`), so a decimal
comma or point, spaces between thousands and any script's digits all work.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from jamfor.core.numbers import format_sv, parse_number


def _read(value: Any) -> Decimal | None:
    """The number typed, ``None`` for an empty box; ValidationError for anything else."""
    if value in (None, ""):
        return None
    if isinstance(value, Decimal | int):
        return Decimal(value)
    text = str(value).strip()
    if not text:
        return None
    number = parse_number(text)
    if number is None or text.endswith("%"):
        raise ValidationError(
            f"«{text}» är inget tal. Skriv siffror, med decimalkomma vid behov (t.ex. 7,5).",
            code="invalid",
        )
    return number


class SwedishDecimalInput(forms.TextInput):
    """A text box for a decimal number, shown with a decimal comma."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int | float):
            number = Decimal(str(value)).normalize()
            decimals = max(0, -int(number.as_tuple().exponent))
            return format_sv(number, decimals).replace("\u00a0", " ")
        return super().format_value(value)


class SwedishWholeNumberInput(SwedishDecimalInput):
    """A text box for a whole number: the phone's plain number pad."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "numeric", **(attrs or {})})


class SwedishDecimalField(forms.DecimalField):
    """A decimal number typed with a comma or a point; bounds and decimals checked by Django."""

    widget = SwedishDecimalInput

    def to_python(self, value: Any) -> Decimal | None:
        return _read(value)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # DecimalField would add min/max/step, which only a type="number" box uses
        return {}


class SwedishWholeNumberField(forms.IntegerField):
    """A whole number; «5,0» is 5, «5,5» is refused with a message."""

    widget = SwedishWholeNumberInput

    def to_python(self, value: Any) -> int | None:
        number = _read(value)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise ValidationError(f"Skriv ett heltal, inte {value}.", code="invalid")
        return int(number)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}


def _copy(field: forms.Field, cls: type[forms.Field]) -> forms.Field:
    """``field`` as ``cls``: the same label, help, bounds (its validators) and messages."""
    copy = cls(
        required=field.required,
        label=field.label,
        help_text=field.help_text,
        initial=field.initial,
        disabled=field.disabled,
        validators=list(field.validators),  # min, max, digits and the form's own checks
        error_messages={k: v for k, v in field.error_messages.items() if k != "invalid"},
    )
    copy.widget.attrs.update(
        {k: v for k, v in field.widget.attrs.items() if k not in ("min", "max", "step")}
    )
    return copy


def swedish_numbers(fields: dict[str, forms.Field]) -> None:
    """Turn every integer and decimal field of a form into one that reads «7,5» and «1 095».

    Called for every form of the app (:class:`jamfor.web.identity_guard.GuardedForm`),
    the admin's included, so a new number field needs no care.
    """
    for name, field in list(fields.items()):
        if isinstance(field, SwedishDecimalField | SwedishWholeNumberField):
            continue
        if isinstance(field, forms.DecimalField | forms.FloatField):
            fields[name] = _copy(field, SwedishDecimalField)
        elif isinstance(field, forms.IntegerField):
            fields[name] = _copy(field, SwedishWholeNumberField)
