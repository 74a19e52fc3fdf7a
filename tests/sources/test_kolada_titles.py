"""Kolada KPI titles read into label and answer coding: every shape of the bundled list."""

from __future__ import annotations

import pytest

from jamfor.catalog.areas import survey_kpis
from jamfor.catalog.model import CodedAnswer, Coding
from jamfor.sources.kolada_titles import TitleNotUnderstood, parse_title


def _codes(*pairs: tuple[int, str]) -> tuple[CodedAnswer, ...]:
    return tuple(CodedAnswer(code=c, label=label) for c, label in pairs)


@pytest.mark.parametrize(
    ("title", "label", "codings"),
    [
        (
            "Socialjour tillgänglig utanför kontorstid, (Ja=1, Nej=0)",
            "Socialjour tillgänglig utanför kontorstid",
            (Coding(answers=_codes((1, "Ja"), (0, "Nej"))),),
        ),
        (
            "Handläggare som utreder vuxna har fått fortbildning om våld i nära relationer, "
            "(Ja=1 Nej=0)",
            "Handläggare som utreder vuxna har fått fortbildning om våld i nära relationer",
            (Coding(answers=_codes((1, "Ja"), (0, "Nej"))),),
        ),
        (
            "Systematisk uppföljning av resultat för att utveckla verksamheten inom ekonomiskt "
            "bistånd, (Ja=2, Delvis=1, Nej=0)",
            "Systematisk uppföljning av resultat för att utveckla verksamheten inom ekonomiskt "
            "bistånd",
            (Coding(answers=_codes((2, "Ja"), (1, "Delvis"), (0, "Nej"))),),
        ),
        (
            "Systematisk uppföljning av resultat för att utveckla verksamheten inom "
            "socialpsykiatri, (Ja=2, Delvis= 1, Nej=0)",
            "Systematisk uppföljning av resultat för att utveckla verksamheten inom "
            "socialpsykiatri",
            (Coding(answers=_codes((2, "Ja"), (1, "Delvis"), (0, "Nej"))),),
        ),
        (
            "Erbjuder minst en kommunal arbetsmarknadsinsats till alla personer 18-24 år inom "
            "ekonomiskt bistånd, (Ja, för alla=2, Ja, men inte för alla=1, Nej=0)",
            "Erbjuder minst en kommunal arbetsmarknadsinsats till alla personer 18-24 år inom "
            "ekonomiskt bistånd",
            (
                Coding(
                    answers=_codes((2, "Ja, för alla"), (1, "Ja, men inte för alla"), (0, "Nej"))
                ),
            ),
        ),
        (
            "Aktuell överenskommelse i enskilda ärenden mellan hemlöshet och "
            "bostadsföretag/hyresvärdar, (Ja=2, Ja=, med vissa=1, Nej=0)",
            "Aktuell överenskommelse i enskilda ärenden mellan hemlöshet och "
            "bostadsföretag/hyresvärdar",
            (Coding(answers=_codes((2, "Ja"), (1, "Ja, med vissa"), (0, "Nej"))),),
        ),
        (
            "Väntetid för personligt nybesök vid ekonomiskt bistånd, "
            "(Max 14 dagar = 1, 15 dagar eller mer = 0)",
            "Väntetid för personligt nybesök vid ekonomiskt bistånd",
            (Coding(answers=_codes((1, "Max 14 dagar"), (0, "15 dagar eller mer"))),),
        ),
        (
            "Tid till första personliga besök (nybesök) inom missbruks- och beroendevården, "
            "(Inom 3 dagar=3, 4-7 dagar=2, 8-14 dagar=1, mer än 15 dagar=0).",
            "Tid till första personliga besök (nybesök) inom missbruks- och beroendevården",
            (
                Coding(
                    answers=_codes(
                        (3, "Inom 3 dagar"),
                        (2, "4-7 dagar"),
                        (1, "8-14 dagar"),
                        (0, "mer än 15 dagar"),
                    )
                ),
            ),
        ),
        (
            "Använt resultat för att utveckla verksamheten för klienter inom ordinärt boende "
            "äldreomsorg, (Ja=2, Nej, men fattat beslut=1, Nej=0)",
            "Använt resultat för att utveckla verksamheten för klienter inom ordinärt boende "
            "äldreomsorg",
            (Coding(answers=_codes((2, "Ja"), (1, "Nej, men fattat beslut"), (0, "Nej"))),),
        ),
        (
            "Systematisk uppföljning med könsperspektiv inom ekonomiskt bistånd för att utveckla "
            "verksamheten, (-2017 Ja=1, Nej=0. 2018- 2=Ja, 1=Delvis och 0=Nej)",
            "Systematisk uppföljning med könsperspektiv inom ekonomiskt bistånd för att utveckla "
            "verksamheten",
            (
                Coding(last_year=2017, answers=_codes((1, "Ja"), (0, "Nej"))),
                Coding(first_year=2018, answers=_codes((2, "Ja"), (1, "Delvis"), (0, "Nej"))),
            ),
        ),
        (
            "Använder standardiserade bedömningsmetoden FIA inom ekonomiskt bistånd, "
            "(Ja=1, Nej=0). Källa: Kommunenkäten öppna jämförelser socialtjänst.",
            "Använder standardiserade bedömningsmetoden FIA inom ekonomiskt bistånd",
            (Coding(answers=_codes((1, "Ja"), (0, "Nej"))),),
        ),
        (
            "Enskildas uppfattning används till att utveckla verksamheten med ekonomiskt "
            "bistånd  (Ja=1, Nej=0)",
            "Enskildas uppfattning används till att utveckla verksamheten med ekonomiskt bistånd",
            (Coding(answers=_codes((1, "Ja"), (0, "Nej"))),),
        ),
    ],
)
def test_every_coding_shape(title: str, label: str, codings: tuple[Coding, ...]) -> None:
    parsed = parse_title("U00000", title)
    assert parsed.label == label
    assert parsed.codings == codings


def test_years_the_kpi_ran_and_shares() -> None:
    ran = parse_title(
        "U30445",
        "Aktuell rutin för att inte röja skyddade personuppgifter inom hemlöshet, "
        "(Ja=1, Nej=0) (-2016)",
    )
    assert ran.last_year == 2016 and ran.first_year is None
    assert ran.label == "Aktuell rutin för att inte röja skyddade personuppgifter inom hemlöshet"
    share = parse_title(
        "U35548", "Handläggare inom missbruks- och beroendevården som har socionomexamen, andel (%)"
    )
    assert share.percent and share.codings == ()


def test_all_318_bundled_titles_are_read() -> None:
    kpis = survey_kpis()
    assert len(kpis) == 318
    for kpi in kpis:
        parsed = parse_title(kpi.id, kpi.title)
        assert parsed.label and "=" not in parsed.label
        assert parsed.percent or all(len(c.answers) >= 2 for c in parsed.codings)


@pytest.mark.parametrize(
    ("title", "why"),
    [
        ("Socialjour tillgänglig utanför kontorstid", "ingen svarskodning"),
        ("Socialjour, (Ja=1, Ja=0)", "samma svar har två koder"),
        ("Socialjour, (Ja=1, Nej=1)", "samma kod står för två svar"),
        ("Socialjour, (Ja=ett, Nej=noll)", "svarskodningen"),
        ("(Ja=1, Nej=0)", "ingen rubrik"),
    ],
)
def test_a_title_that_cannot_be_read_names_the_kpi(title: str, why: str) -> None:
    with pytest.raises(TitleNotUnderstood) as caught:
        parse_title("U99999", title)
    assert "U99999" in str(caught.value) and why in str(caught.value)
