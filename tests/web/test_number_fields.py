"""Every number field of the app reads numbers as Swedish users write them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django import forms

from jamfor.web.development.forms import AreaForm, ThresholdForm
from jamfor.web.development.models import Area
from jamfor.web.identity_guard import GuardedForm


class _Numbers(GuardedForm, forms.Form):
    share = forms.DecimalField(max_digits=4, decimal_places=1, min_value=Decimal(0))
    count = forms.IntegerField(min_value=1, required=False)


@pytest.mark.parametrize(
    ("typed", "share"),
    [("7,5", Decimal("7.5")), ("7.5", Decimal("7.5")), (" 12,0 ", Decimal("12")), ("١٢", 12)],
)
def test_a_decimal_comma_or_point_is_the_same_number(typed: str, share: Any) -> None:
    form = _Numbers({"share": typed, "count": "1 095"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"share": share, "count": 1095}


def test_bounds_decimals_and_wrong_text_keep_django_s_checks() -> None:
    form = _Numbers({"share": "7,55", "count": "2,5"})
    assert not form.is_valid()
    assert form.errors["share"] == ["Säkerställ att det inte är mer än 1 decimal."]
    assert form.errors["count"] == ["Skriv ett heltal, inte 2,5."]
    form = _Numbers({"share": "-1", "count": "0"})
    assert not form.is_valid()
    assert "större än eller lika med 0" in form.errors["share"][0]
    assert "större än eller lika med 1" in form.errors["count"][0]
    form = _Numbers({"share": "7,5 %", "count": ""})
    assert form.errors["share"] == [
        "«7,5 %» är inget tal. Skriv siffror, med decimalkomma vid behov (t.ex. 7,5)."
    ]


def test_number_boxes_are_text_boxes_with_a_number_pad() -> None:
    html = str(_Numbers(initial={"share": Decimal("12.5")})["share"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html and 'value="12,5"' in html
    box = str(ThresholdForm()["troskel"])
    assert 'type="text"' in box and 'value="10"' in box


def test_model_forms_get_the_swedish_fields_too(year: Any) -> None:
    form = AreaForm(year.catalog, {"statistics_min_cell": "5,0"}, instance=Area())
    assert 'inputmode="numeric"' in str(form["statistics_min_cell"])
    form.is_valid()
    assert form.cleaned_data["statistics_min_cell"] == 5
