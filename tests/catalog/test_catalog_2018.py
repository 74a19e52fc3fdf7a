"""The 2018 catalog: labels as the report prints them, per-indicator counting rules."""

from __future__ import annotations

from jamfor.catalog.loader import load_catalog

PRINTED = {
    "Tillgänglighet": [
        "Socialjour med socionomer alla dagar hela dygnet",
        "Genomsnittlig väntetid till nybesök är max 14 dagar",
        "Erbjuder enklare hushållsekonomisk rådgivning",
    ],
    "Arbetsmarknadsinsatser": [
        "Erbjuder minst en kommunal arbetsmarknadsinsats inom en månad till alla personer 18-24 år",
        "Erbjuder minst en kommunal arbetsmarknadsinsats till alla personer över 24 år",
    ],
    "Intern samordning i enskilda ärenden": [
        f"Aktuell rutin för samordning mellan {x} och Ekonomiskt bistånd"
        for x in [
            "Missbruk",
            "Socialpsykiatri",
            "Barn och unga",
            "LSS (barn och vuxen)",
            "Kommunala arbetsmarknadsinsatser",
        ]
    ],
    "Extern samverkan i enskilda ärenden": [
        *(
            f"Aktuell överenskommelse om samverkan mellan {x} och Ekonomiskt bistånd"
            for x in ["Arbetsförmedlingen", "Försäkringskassan", "Primärvård", "Vuxenpsykiatri"]
        ),
        "Aktuell överenskommelse om samverkan med bostadsföretag/hyresvärdar i enskilda ärenden",
    ],
    "Extern samverkan": [
        "Aktuell överenskommelse om samverkan med bostadsföretag/hyresvärdar på övergripande nivå",
    ],
    "Kunskapsbaserad verksamhet": [
        "Aktuell samlad plan för handläggarnas kompetensutveckling",
        "Aktuell rutin vid indikation på att en vuxen utsatts för våld",
        "Strukturerad utredningsmall som inkluderar barns situation används i alla utredningar",
    ],
    "Standardiserade bedömningsmetoder": [
        "Använder standardiserade bedömningsmetoden FIA",
        "Använder standardiserade bedömningsmetoden FREDA-kortfrågor för att upptäcka "
        "våldsutsatthet hos enskilda vuxna",
        "Använder AUDIT för att upptäcka riskfylld alkoholkonsumtion",
        "Använder DUDIT för att upptäcka drogrelaterade problem",
    ],
    "Systematisk uppföljning för att utveckla verksamheten": [
        "Använt resultat från systematisk uppföljning för verksamhetsutveckling",
        "Genomfört systematisk uppföljning uppdelat på kön",
        "Använt resultat från systematisk uppföljning uppdelat på kön för verksamhetsutveckling",
    ],
    "Självbestämmande och integritet": [
        "Genomförandeplanen har upprättats tillsammans med samtliga enskilda inom tre månader",
        "Genomförandeplanen har undertecknats av samtliga enskilda",
        "Genomförandeplanen har följts upp minst var tredje månad för alla",
    ],
    "Trygghet och säkerhet": [
        "Aktuell rutin för att förhindra att barnfamiljer avhyses",
        "Uppsökande verksamhet för akut hemlösa",
        "Uppsökande verksamhet för de som riskerar att förlora sitt boende",
    ],
    "Juridisk kompetens, information till enskilda och skyddade personuppgifter": [
        "Alla handläggare får kontinuerlig information om nya rättsfall",
        "Aktuell rutin för information om samordnad individuell plan (SIP)",
        "Aktuell rutin för att inte röja skyddade personuppgifter",
    ],
}


AREAS = {
    "Tillgänglighet": ["Tillgänglighet", "Arbetsmarknadsinsatser"],
    "Helhetssyn och samordning": [
        "Intern samordning i enskilda ärenden",
        "Extern samverkan i enskilda ärenden",
        "Extern samverkan",
    ],
    "Kunskapsbaserad verksamhet": [
        "Kunskapsbaserad verksamhet",
        "Standardiserade bedömningsmetoder",
    ],
    "Systematisk uppföljning": ["Systematisk uppföljning för att utveckla verksamheten"],
    "Självbestämmande och integritet": ["Självbestämmande och integritet"],
    "Trygghet och säkerhet": [
        "Trygghet och säkerhet",
        "Juridisk kompetens, information till enskilda och skyddade personuppgifter",
    ],
}


def test_tables_and_labels_as_printed_under_the_six_quality_areas() -> None:
    catalog = load_catalog(2018)
    assert {t.title: [i.label for i in t.indicators] for t in catalog.tables} == PRINTED
    areas: dict[str, list[str]] = {}
    for t in catalog.tables:
        areas.setdefault(t.theme, []).append(t.title)
    assert areas == AREAS
    assert {t.part for t in catalog.tables} == {"God kvalitet i verksamheten"}
    assert catalog.report.narrative and catalog.report.summary
    assert all(i.statement for i in catalog.indicators)


def test_counting_rules_per_indicator() -> None:
    catalog = load_catalog(2018)
    default = catalog.yes_for(catalog.indicator("socialjour"))
    assert default == ("Ja", "Ja, med vissa", "Ja, med samtliga")
    assert "Delvis" not in default
    for ind in catalog.indicators:
        demands_all = any(
            w in ind.label
            for w in (
                "samtliga",
                "alla personer",
                "alla utredningar",
                "för alla",
                "Alla handläggare",
            )
        )
        expected = ("Ja", "Ja, med samtliga") if demands_all else default
        assert catalog.yes_for(ind) == expected, ind.id


def test_2015_rules_are_unchanged() -> None:
    catalog = load_catalog(2015)
    assert catalog.yes_answers == ("Ja", "Integrerat", "Ny rutin")
    assert not catalog.report.narrative
