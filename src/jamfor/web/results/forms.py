from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from jamfor.web.identity_guard import GuardedForm

MAX_UPLOAD = 20 * 1024 * 1024
SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")  # .xls and .ods cannot be measured before reading


class UploadForm(GuardedForm, forms.Form):
    file = forms.FileField(
        label="Fil med publicerade resultat",
        help_text="CSV eller Excel: långa eller breda tabeller, enkätsvar eller Socialstyrelsens "
        "arbetsbok. Samma format som jamfor report --data läser.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise ValidationError(
                "Filen är större än 20 MB. Dela upp den och läs in delarna var för sig."
            )
        if not upload.name.lower().endswith(SUFFIXES):
            raise ValidationError(
                "Filen ska vara CSV (.csv) eller Excel (.xlsx). Spara om den och försök igen."
            )
        return upload
