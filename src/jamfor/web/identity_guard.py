"""No personnummer in anything typed into the web app.

Survey comments, development answers, action plans, interpretations, the
need behind an area, a decision: every text a person types is checked by
:func:`refuse_identity_numbers`, the same check every importer runs
(:func:`jamfor.core.identity_numbers.contains_identity_number`). Every form
of the app is a :class:`GuardedForm` (forms made by the admin and by
formsets too, through :func:`guarded`), so a new text field is checked
without anyone remembering to. The message never repeats the number, so it
reaches neither the page's error summary nor the audit log. The same base
stores every typed line break as ``\n`` (:mod:`jamfor.web.line_endings`) and
reads every number as Swedish users write it (:mod:`jamfor.web.number_fields`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from jamfor.core.identity_numbers import contains_identity_number
from jamfor.web.line_endings import normalised
from jamfor.web.number_fields import swedish_numbers

IDENTITY_REFUSED = (
    "Texten ser ut att innehålla ett personnummer eller samordningsnummer. Personuppgifter "
    "får inte skrivas här: ta bort numret och spara igen. Ingenting är sparat."
)


def refuse_identity_numbers(value: object) -> None:
    """A Django validator: text holding a personnummer or samordningsnummer is refused."""
    if isinstance(value, str) and contains_identity_number(value):
        raise ValidationError(IDENTITY_REFUSED, code="identity-number")


class GuardedForm(forms.BaseForm):
    """Mixin for every form: each text field (but passwords) refuses identity numbers.

    The check is attached when the form is cleaned, so fields a form adds in
    its ``__init__`` (a survey page's questions) are checked as well.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        swedish_numbers(self.fields)  # «7,5» is 7.5, whatever the browser's language

    def full_clean(self) -> None:
        self.data: Any = normalised(self.data)  # CRLF from a textarea stored as LF
        for field in self.fields.values():
            if (
                isinstance(field, forms.CharField)
                and not isinstance(field.widget, forms.PasswordInput)
                and refuse_identity_numbers not in field.validators
            ):
                field.validators.append(refuse_identity_numbers)
        super().full_clean()


def guarded(form_class: type[Any]) -> type[Any]:
    """``form_class`` with :class:`GuardedForm` mixed in (for forms Django's admin builds)."""
    if issubclass(form_class, GuardedForm):
        return form_class
    return type(form_class.__name__, (GuardedForm, form_class), {"__module__": __name__})


class GuardedModelForm(GuardedForm, forms.ModelForm):
    """The base of every model form of the app."""
