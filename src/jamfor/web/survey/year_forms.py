"""The analyst's form for a year: area, catalog, group and deadline, without the admin.

The catalog is one of three: the hand-written one bundled for the area and
year, one generated from the first workbook read in (as before: until then
Kolada's catalog for the area applies), or a catalog file the analyst wrote
or reviewed (YAML from «jamfor katalog skapa»), checked as the admin checks
it (:func:`jamfor.web.survey.models.catalog_problem`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError

from jamfor.catalog.loader import has_catalog
from jamfor.web.identity_guard import GuardedModelForm, refuse_identity_numbers
from jamfor.web.survey.models import Year, catalog_problem

MAX_CATALOG = 2 * 1024 * 1024
"""A catalog file is a few hundred kilobytes at most (2015's whole survey is 60 kB)."""

BUNDLED, GENERATED, OWN = "medfoljande", "genereras", "egen"
CATALOG_CHOICES = [
    (BUNDLED, "Den medföljande katalogen för området och året"),
    (
        GENERATED,
        "Genereras ur den första arbetsbok från Socialstyrelsen som läses in "
        "(till dess gäller Koladas nyckeltal för området)",
    ),
    (
        OWN,
        "En egen katalog: en YAML-fil från «jamfor katalog skapa», granskad "
        "(eller den som genererades ur en inläst arbetsbok)",
    ),
]


class YearForm(GuardedModelForm):
    katalog = forms.ChoiceField(
        label="Katalog",
        choices=CATALOG_CHOICES,
        widget=forms.RadioSelect,
        help_text="Katalogen ger enkäten, tabellerna och indikatorerna.",
    )
    katalogfil = forms.FileField(
        label="Katalogfil (YAML)",
        required=False,
        help_text="Bara för en egen katalog. Högst 2 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml"}),
    )

    class Meta:
        model = Year
        fields = ("year", "area", "group", "deadline")
        widgets: ClassVar[dict[str, forms.Widget]] = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = self.instance
        if stored.pk is not None:
            # the year and its area name the survey's answers and every address: fixed once made
            for name in ("year", "area"):
                self.fields[name].disabled = True
            self.fields["katalog"].initial = (
                BUNDLED
                if has_catalog(stored.year, stored.area)
                else OWN
                if stored.catalog_text.strip()
                else GENERATED
            )
            if self.fields["katalog"].initial == OWN:
                self.fields[
                    "katalogfil"
                ].help_text += f" Tom: den sparade katalogen ({stored.catalog_origin}) behålls."
        else:
            self.fields["katalog"].initial = BUNDLED

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        year, area, choice = data.get("year"), data.get("area"), data.get("katalog")
        if not year or not area or not choice:
            return data
        bundled = has_catalog(year, area)
        upload = data.get("katalogfil")
        if choice == BUNDLED and not bundled:
            self.add_error(
                "katalog",
                f"Det finns ingen medföljande katalog för {area} {year}. Välj att den genereras "
                "ur arbetsboken eller ladda upp en egen.",
            )
        elif choice != BUNDLED and bundled:
            self.add_error(
                "katalog",
                f"{area} {year} har en medföljande katalog, och den gäller. Välj den.",
            )
        elif choice == GENERATED:
            self.instance.catalog_text = ""  # the next workbook read in generates it again
        elif choice == OWN:
            self._own_catalog(upload, year, area)
        return data

    def _own_catalog(self, upload: Any, year: int, area: str) -> None:
        if upload is None:
            if not self.instance.catalog_text.strip():
                self.add_error("katalogfil", "Välj katalogfilen (YAML) att ladda upp.")
            return
        if upload.size > MAX_CATALOG:
            self.add_error("katalogfil", "Katalogfilen är större än 2 MB.")
            return
        try:
            text = upload.read().decode("utf-8-sig")
            refuse_identity_numbers(text)
        except UnicodeDecodeError:
            self.add_error("katalogfil", f"{upload.name} är ingen textfil i UTF-8.")
            return
        except ValidationError as exc:
            self.add_error("katalogfil", exc)
            return
        problem = catalog_problem(text, year, area)
        if problem is not None:
            self.add_error("katalogfil", f"{upload.name}: {problem}")
            return
        self.instance.catalog_text = text.replace("\r\n", "\n")
