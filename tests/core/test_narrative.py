"""The written comparison: exact sentences on hand-made 2018 answers, and properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamfor.catalog.loader import load_catalog
from jamfor.catalog.model import Catalog
from jamfor.core.comparison import GroupComparison, compare
from jamfor.core.dataset import Dataset, ValueRecord
from jamfor.core.narrative import (
    Thresholds,
    definite,
    indicator_text,
    join_sv,
    judge,
    number_in_text,
    proform,
)
from jamfor.core.summary import summarise
from jamfor.core.values import check_value, counts_as_yes
from jamfor.registry.loader import resolve_group
from jamfor.registry.model import Registry
from jamfor.sources.loader import load_dataset

from ..conftest import DATA

HANDMADE_2018 = DATA / "oj-ekb-2018-handgjord.csv"


@pytest.fixture(scope="module")
def catalog_2018() -> Catalog:
    return load_catalog(2018)


@pytest.fixture(scope="module")
def handmade(catalog_2018: Catalog, registry: Registry) -> GroupComparison:
    ds = load_dataset([HANDMADE_2018], catalog_2018, registry)
    return compare(ds, resolve_group(registry, "nordvast"), registry.units)


def test_join_sv() -> None:
    assert join_sv([]) == ""
    assert join_sv(["Solna"]) == "Solna"
    assert join_sv(["Ekerö", "Upplands Väsby"]) == "Ekerö och Upplands Väsby"
    assert join_sv(["Sigtuna", "Solna", "Sundbyberg"]) == "Sigtuna, Solna och Sundbyberg"


def test_numbers_in_text() -> None:
    assert number_in_text(Decimal("62.5")) == "62,5"
    assert number_in_text(Decimal("75.0")) == "75"
    assert number_in_text(Decimal("1095"), 0) == "1\u00a0095"
    assert number_in_text(Decimal("64.29")) == "64,3"


@pytest.mark.parametrize(
    ("diff", "words"),
    [
        ("0", "i nivå med"),
        ("4.9", "i nivå med"),
        ("-4.9", "i nivå med"),
        ("5.0", "något bättre än"),
        ("-5.0", "något sämre än"),
        ("14.9", "något bättre än"),
        ("-14.9", "något sämre än"),
        ("15.0", "klart bättre än"),
        ("-15.0", "klart sämre än"),
        ("39", "klart bättre än"),
    ],
)
def test_verdict_words_on_both_sides_of_each_threshold(
    catalog_2018: Catalog, diff: str, words: str
) -> None:
    ind = catalog_2018.indicator("socialjour")
    assert judge(Decimal(diff), ind, "riket", Thresholds()).words == words


def test_verdict_follows_direction(catalog: Catalog) -> None:
    lower_better = catalog.indicator("langvarigt-bistand")
    assert judge(Decimal("-9.6"), lower_better, "länet", Thresholds()).words == "något bättre än"
    assert judge(Decimal("16"), lower_better, "riket", Thresholds()).words == "klart sämre än"
    neutral = catalog.indicator("forsorjningshinder-ohalsa")
    assert judge(Decimal("6.1"), neutral, "riket", Thresholds()).words == "något högre än"
    assert judge(Decimal("-20"), neutral, "riket", Thresholds()).words == "klart lägre än"


def test_thresholds_are_configurable(catalog_2018: Catalog) -> None:
    ind = catalog_2018.indicator("socialjour")
    wide = Thresholds(level=Decimal(10), clear=Decimal(30))
    assert judge(Decimal("9.9"), ind, "riket", wide).words == "i nivå med"
    assert judge(Decimal("29.9"), ind, "riket", wide).words == "något bättre än"
    assert judge(Decimal("30"), ind, "riket", wide).words == "klart bättre än"
    with pytest.raises(ValueError, match="thresholds"):
        Thresholds(level=Decimal(20), clear=Decimal(10))


EXPECTED_SNITT = {
    "socialjour": "100.0",
    "vantetid-max-14-dagar": "87.5",
    "hushallsekonomisk-radgivning": "62.5",
    "arbetsmarknadsinsats-18-24": "12.5",
    "arbetsmarknadsinsats-over-24": "0.0",
    "samordning-missbruk": "37.5",
    "samordning-socialpsykiatri": "50.0",
    "samordning-barn-unga": "100.0",
    "samordning-lss": "85.7",
    "samordning-arbetsmarknad": "0.0",
    "overenskommelse-af": "75.0",
    "overenskommelse-fk": "50.0",
    "overenskommelse-primarvard": "12.5",
    "overenskommelse-vuxenpsykiatri": "37.5",
    "overenskommelse-bostad-enskilda": "12.5",
    "overenskommelse-bostad-overgripande": "62.5",
    "samlad-kompetensplan": "87.5",
    "rutin-vald": "100.0",
    "utredningsmall-barn": "75.0",
    "fia": "0.0",
    "freda": "62.5",
    "audit": "25.0",
    "dudit": "12.5",
    "uppfoljning-verksamhetsutveckling": "87.5",
    "uppfoljning-kon": "37.5",
    "uppfoljning-kon-verksamhetsutveckling": "12.5",
    "genomforandeplan-upprattad": "50.0",
    "genomforandeplan-undertecknad": "87.5",
    "genomforandeplan-uppfoljd": "0.0",
    "rutin-avhysning": "75.0",
    "uppsokande-akut-hemlosa": "37.5",
    "uppsokande-risk-boende": "100.0",
    "nya-rattsfall": "87.5",
    "rutin-sip": "0.0",
    "rutin-skyddade-personuppgifter": "50.0",
}

P = "\u00a0procent"
PC = "\u00a0%"

EXPECTED_TEXT = {
    # Tabell 1: "Samtliga", "Samtliga … utom", the partial clause with the statement's own
    # verb, Stockholms stad (the share of its districts) named as the table names it.
    "socialjour": "Samtliga nordvästkommuner har socialjour med socionomer alla dagar hela dygnet. "
    f"Snittet på 100{P} är i nivå med snittet i Stockholms stad (100{PC}) och klart bättre än "
    f"snittet i riket (61{PC}).",
    "vantetid-max-14-dagar": "Samtliga nordvästkommuner utom Ekerö har en genomsnittlig väntetid "
    f"till nybesök på högst 14 dagar. Snittet på 87,5{P} är något bättre än snittet i riket "
    f"(82,5{PC}).",
    "hushallsekonomisk-radgivning": "Samtliga nordvästkommuner utom Ekerö, Sigtuna och Upplands "
    "Väsby erbjuder enklare hushållsekonomisk rådgivning. Upplands Väsby gör det delvis. Snittet "
    f"på 62,5{P} är i nivå med snittet i Stockholms stad (64,3{PC}) och riket (61{PC}).",
    # Tabell 2: "Endast"; "Ja, med vissa" does not meet "alla personer" and is said so.
    "arbetsmarknadsinsats-18-24": "Endast Ekerö erbjuder minst en kommunal arbetsmarknadsinsats "
    "inom en månad till alla personer 18–24 år. Järfälla gör det bara med vissa. Snittet på "
    f"12,5{P} är klart sämre än snittet i riket (27,5{PC}).",
    # none: the group is named
    "arbetsmarknadsinsats-over-24": "Ingen av nordvästkommunerna erbjuder minst en kommunal "
    "arbetsmarknadsinsats till alla personer över 24 år. Sigtuna gör det delvis. Snittet på "
    f"0{P} är i nivå med snittet i riket (4,9{PC}).",
    # Tabell 3: a list, a missing answer, "Ja, med vissa" counting as yes but said.
    "samordning-missbruk": "Sigtuna, Solna och Sundbyberg har en aktuell rutin för samordning "
    f"mellan missbruk och ekonomiskt bistånd. Snittet på 37,5{P} är något sämre än snittet i "
    f"Stockholms stad (50{PC}) och klart sämre än snittet i riket (52,5{PC}).",
    "samordning-socialpsykiatri": "Ekerö, Järfälla, Sigtuna och Sollentuna har en aktuell rutin "
    f"för samordning mellan socialpsykiatri och ekonomiskt bistånd. Snittet på 50{P} är något "
    f"sämre än snittet i riket (55{PC}).",
    "samordning-barn-unga": "Samtliga nordvästkommuner har en aktuell rutin för samordning mellan "
    "barn och unga och ekonomiskt bistånd. Ekerö har det bara med vissa. Snittet på 100"
    f"{P} är något bättre än snittet i riket (85,1{PC}).",
    "samordning-lss": "Samtliga nordvästkommuner som har svarat utom Upplands-Bro har en aktuell "
    "rutin för samordning mellan LSS (barn och vuxen) och ekonomiskt bistånd. Uppgift saknas för "
    f"Upplands Väsby. Snittet på 85,7{P} är i nivå med snittet i riket (80,8{PC}).",
    # Tabell 4: exactly +15 and −14,9.
    "overenskommelse-af": "Samtliga nordvästkommuner utom Upplands Väsby och Upplands-Bro har en "
    f"aktuell överenskommelse om samverkan med Arbetsförmedlingen. Snittet på 75{P} är klart "
    f"bättre än snittet i riket (60{PC}).",
    "overenskommelse-fk": "Ekerö, Sigtuna, Solna och Upplands Väsby har en aktuell överenskommelse "
    f"om samverkan med Försäkringskassan. Snittet på 50{P} är något sämre än snittet i riket "
    f"(64,9{PC}).",
    # Tabell 5: «har» takes «har det delvis», never «gör det»
    "overenskommelse-bostad-overgripande": "Samtliga nordvästkommuner utom Sigtuna, Solna och "
    "Upplands Väsby har en aktuell överenskommelse om samverkan med bostadsföretag/hyresvärdar på "
    f"övergripande nivå. Solna har det delvis. Snittet på 62,5{P} är klart bättre än snittet i "
    f"riket (40{PC}).",
    "utredningsmall-barn": "Samtliga nordvästkommuner utom Sigtuna och Sundbyberg använder en "
    "strukturerad utredningsmall som inkluderar barns situation i alla utredningar. Sigtuna och "
    f"Sundbyberg gör det bara med vissa. Snittet på 75{P} är något bättre än snittet i riket "
    f"(70{PC}).",
    "fia": "Ingen av nordvästkommunerna använder den standardiserade bedömningsmetoden FIA. "
    f"Snittet på 0{P} är något sämre än snittet i riket (9{PC}).",
    "uppfoljning-kon-verksamhetsutveckling": "Endast Sollentuna har använt resultat från "
    f"systematisk uppföljning uppdelat på kön för verksamhetsutveckling. Snittet på 12,5{P} "
    f"är i nivå med snittet i riket (14{PC}).",
    # a perfect tense takes «har gjort det»
    "genomforandeplan-upprattad": "Ekerö, Sollentuna, Solna och Upplands-Bro har upprättat "
    "genomförandeplanen tillsammans med samtliga enskilda inom tre månader. Järfälla, Sigtuna och "
    f"Upplands Väsby har gjort det bara med vissa. Snittet på 50{P} är något bättre än snittet i "
    f"Stockholms stad (35,7{PC}) och riket (45{PC}).",
    "genomforandeplan-uppfoljd": "Ingen av nordvästkommunerna har följt upp genomförandeplanen "
    "minst var tredje månad för alla. Samtliga nordvästkommuner har gjort det bara med vissa. "
    f"Snittet på 0{P} är klart sämre än snittet i riket (25{PC}).",
    "uppsokande-risk-boende": "Samtliga nordvästkommuner som har svarat har uppsökande verksamhet "
    "för dem som riskerar att förlora sitt boende. Uppgift saknas för Upplands-Bro. Snittet på "
    f"100{P} är klart bättre än snittet i riket (70{PC}).",
    "rutin-skyddade-personuppgifter": "Ekerö, Sigtuna, Solna och Upplands Väsby har en aktuell "
    f"rutin för att inte röja skyddade personuppgifter. Snittet på 50{P} är i nivå med "
    f"snittet i riket (47{PC}).",
}


def test_handmade_2018_snitt(handmade: GroupComparison) -> None:
    got = {r.indicator.id: str(r.snitt.value) for r in handmade.indicators()}
    assert got == EXPECTED_SNITT


def test_stockholm_is_the_share_of_its_districts(handmade: GroupComparison) -> None:
    by_id = {r.indicator.id: r for r in handmade.indicators()}
    assert [u.display_reference for u in handmade.references] == ["Stockholms stad", "Riket"]
    assert by_id["hushallsekonomisk-radgivning"].references["0180"] == Decimal("64.3")  # 9 of 14
    assert by_id["samordning-missbruk"].references["0180"] == Decimal("50.0")  # 7 of 14
    # 5 "Ja, med samtliga" of 14: "Ja, med vissa" does not meet "samtliga enskilda"
    assert by_id["genomforandeplan-upprattad"].references["0180"] == Decimal("35.7")
    assert by_id["fia"].references["0180"] is None


def test_handmade_2018_sentences(handmade: GroupComparison) -> None:
    texts = {r.indicator.id: indicator_text(handmade, r).text for r in handmade.indicators()}
    for ind_id, expected in EXPECTED_TEXT.items():
        assert texts[ind_id] == expected, ind_id
    # every table has at least one written-out expectation
    tables = {handmade.catalog.table_of(i).id for i in EXPECTED_TEXT}
    assert tables == {t.id for t in handmade.catalog.tables}


def test_summary_analyses_against_riket_by_theme_and_points_to_candidates(
    handmade: GroupComparison,
) -> None:
    texts = [indicator_text(handmade, r) for r in handmade.indicators()]
    summary = summarise(handmade, texts)
    tallies = {t.reference: (t.better, t.level, t.worse) for t in summary.tallies}
    assert tallies == {"riket": (16, 9, 10), "Stockholms stad": (1, 2, 1)}
    riket, stockholm, candidates = summary.text.split("\n\n")
    # by theme: the share of indicators better than Riket minus the share worse, then the
    # mean gap; «Systematisk uppföljning» is better in 1 of 3 and never worse, «Helhetssyn
    # och samordning» better in 4 and worse in 4 of 11 (every other theme is ahead on net)
    assert riket == (
        "Jämfört med riket ligger nordvästkommunerna bättre till i 16 av 35 indikatorer, i nivå "
        "i 9 och sämre till i 10. Starkast står gruppen inom «Systematisk uppföljning», där den "
        "ligger bättre till än riket i 1 av 3 indikatorer och aldrig sämre till; svagast inom "
        "«Helhetssyn och samordning», där den ligger sämre till i 4 av 11 och bättre till i 4. "
        "Störst försprång har gruppen i «Socialjour med socionomer alla dagar hela dygnet» "
        "(+39\u00a0procentenheter). Störst eftersläpning har gruppen i «Genomförandeplanen har "
        "följts upp minst var tredje månad för alla» (−25\u00a0procentenheter)."
    )
    assert stockholm == (
        "Jämfört med Stockholms stad ligger nordvästkommunerna bättre till i 1 av 4 indikatorer, "
        "i nivå i 2 och sämre till i 1."
    )
    assert candidates.startswith("Resultaten pekar ut 19 möjliga utvecklingsområden")
    assert "tydligast är «Genomförandeplanen har följts upp minst var tredje månad för alla»" in (
        candidates
    )


def test_tied_gaps_are_all_named(registry: Registry) -> None:
    catalog = load_catalog(2018)
    records = []
    for ind_id in ("fia", "audit"):  # both: nobody has it, Riket 30 % → −30 each
        records += [ValueRecord(code, ind_id, 2018, "Nej") for code in MEMBERS]
        records.append(ValueRecord("0000", ind_id, 2018, "30 %", "reference"))
    cmp = compare(Dataset.from_records(catalog, records), _nordvast(registry), registry.units)
    summary = summarise(cmp, [indicator_text(cmp, r) for r in cmp.indicators()])
    assert (
        "Störst eftersläpning har gruppen i «Använder standardiserade bedömningsmetoden FIA» "
        "(−30\u00a0procentenheter) och «Använder AUDIT för att upptäcka riskfylld "
        "alkoholkonsumtion» (−30\u00a0procentenheter)." in summary.text
    )


def _nordvast(registry: Registry):  # type: ignore[no-untyped-def]
    return resolve_group(registry, "nordvast")


def _one(registry: Registry, ind_id: str, answers: dict[str, str], **refs: str) -> str:
    """The paragraph for one indicator given the members' answers by name."""
    catalog = load_catalog(2018)
    codes = {registry.units[c].name: c for c in MEMBERS}
    records = [ValueRecord(codes[name], ind_id, 2018, a) for name, a in answers.items()]
    for unit, value in refs.items():
        records.append(ValueRecord(unit.removeprefix("u"), ind_id, 2018, value, "reference"))
    cmp = compare(Dataset.from_records(catalog, records), _nordvast(registry), registry.units)
    return indicator_text(cmp, next(r for r in cmp.indicators() if r.indicator.id == ind_id)).text


ALL_NO = {n: "Nej" for n in ("Ekerö", "Järfälla", "Sigtuna", "Sollentuna", "Solna")} | {
    "Sundbyberg": "Nej",
    "Upplands Väsby": "Nej",
    "Upplands-Bro": "Nej",
}


def test_with_some_keeps_its_nuance(registry: Registry) -> None:
    # the issue's own example: all three answered «Ja, med vissa»
    three = ALL_NO | {n: "Ja, med vissa" for n in ("Järfälla", "Solna", "Upplands Väsby")}
    assert _one(registry, "overenskommelse-bostad-enskilda", three, u0000="14 %") == (
        "Järfälla, Solna och Upplands Väsby har en aktuell överenskommelse om samverkan med "
        "bostadsföretag/hyresvärdar i enskilda ärenden. Alla tre har det bara med vissa. "
        f"Snittet på 37,5{P} är klart bättre än snittet i riket (14{PC})."
    )
    # some with some, one with all: both said
    mixed = three | {"Sundbyberg": "Ja, med samtliga"}
    assert _one(registry, "overenskommelse-bostad-enskilda", mixed) == (
        "Järfälla, Solna, Sundbyberg och Upplands Väsby har en aktuell överenskommelse om "
        "samverkan med bostadsföretag/hyresvärdar i enskilda ärenden. Järfälla, Solna och "
        "Upplands Väsby har det bara med vissa. Sundbyberg har det med samtliga. "
        f"Snittet på 50{P}."
    )
    # one alone, with some
    one = ALL_NO | {"Solna": "Ja, med vissa"}
    assert _one(registry, "overenskommelse-bostad-enskilda", one) == (
        "Endast Solna har en aktuell överenskommelse om samverkan med "
        "bostadsföretag/hyresvärdar i enskilda ärenden. Solna har det bara med vissa. "
        f"Snittet på 12,5{P}."
    )


def test_the_follow_up_agrees_with_the_first_verb(registry: Registry) -> None:
    partly = ALL_NO | {"Ekerö": "Ja", "Upplands Väsby": "Delvis"}
    # «har en genomsnittlig väntetid …» → «har det delvis»
    assert "Upplands Väsby har det delvis." in _one(registry, "vantetid-max-14-dagar", partly)
    # «har använt …», «har låtit …» → «har gjort det delvis»
    assert "Upplands Väsby har gjort det delvis." in _one(
        registry, "uppfoljning-verksamhetsutveckling", partly
    )
    assert "Upplands Väsby har gjort det delvis." in _one(
        registry, "genomforandeplan-undertecknad", partly
    )
    # «erbjuder …», «använder …», «ger …» → «gör det delvis»
    assert "Upplands Väsby gör det delvis." in _one(
        registry, "hushallsekonomisk-radgivning", partly
    )
    assert "Upplands Väsby gör det delvis." in _one(registry, "freda", partly)
    assert proform("har en aktuell rutin") == "har det"
    assert proform("har upprättat genomförandeplanen") == "har gjort det"
    assert proform("har ett avtal") == "har det"
    assert proform("är ansluten till socialjour") == "är det"
    assert proform("ger alla handläggare information") == "gör det"


def test_nobody_names_the_group(registry: Registry) -> None:
    assert _one(registry, "fia", ALL_NO, u0000="9 %").startswith(
        "Ingen av nordvästkommunerna använder den standardiserade bedömningsmetoden FIA."
    )
    nothing = {n: "Vet ej" for n in ALL_NO}
    assert _one(registry, "fia", nothing) == "Ingen av nordvästkommunerna har lämnat något svar."
    assert definite("kommuner i gruppen") == "kommunerna i gruppen"


def test_numbers_keep_their_unit_and_references_their_table_name(registry: Registry) -> None:
    answers = ALL_NO | {
        "Ekerö": "Ja",
        "Solna": "Ja",
        "Sigtuna": "Ja",
        "Sundbyberg": "Ja",
        "Järfälla": "Ja",
    }
    text = _one(registry, "socialjour", answers, u0000="64 %", u0180="57 %")
    assert text.endswith(
        f"Snittet på 62,5{P} är något bättre än snittet i Stockholms stad (57{PC}) och i nivå "
        f"med snittet i riket (64{PC})."
    )
    assert " %" not in text and " procent" not in text  # never an ordinary space before a unit


# ---------------------------------------------------------------- properties

MEMBERS = ["0125", "0123", "0191", "0163", "0184", "0183", "0114", "0139"]
ANSWERS = st.sampled_from(
    ["Ja", "Nej", "Delvis", "Ja, med vissa", "Ja, med samtliga", "Vet ej", None]
)


def _who_from_text(text: str, answering: list[str], noun: str) -> set[str]:
    """Read back which municipalities the first sentence says have it."""
    first = text.split(". ")[0]
    if first.startswith("Ingen av"):
        return set()
    if first.startswith("Endast "):
        return {n for n in answering if first.startswith(f"Endast {n} ")}
    if first.startswith(f"Samtliga {noun}"):
        rest = first.removeprefix(f"Samtliga {noun}").removeprefix(" som har svarat")
        if rest.startswith(" utom "):
            excluded = {n for n in answering if f" {n} " in rest + " " or f" {n}," in rest}
            return set(answering) - excluded
        return set(answering)
    return {n for n in answering if first.startswith(n) or f" {n} " in first or f" {n}," in first}


@settings(max_examples=200, deadline=None)
@given(
    answers=st.lists(ANSWERS, min_size=8, max_size=8),
    ind_id=st.sampled_from(["socialjour", "genomforandeplan-upprattad", "fia"]),
    riket=st.decimals(min_value=0, max_value=100, places=1),
)
def test_sentences_name_exactly_the_municipalities_that_count_as_yes(
    answers: list[str | None], ind_id: str, riket: Decimal, registry: Registry
) -> None:
    catalog = load_catalog(2018)
    records = [
        ValueRecord(code, ind_id, 2018, a) for code, a in zip(MEMBERS, answers, strict=True) if a
    ]
    records.append(ValueRecord("0000", ind_id, 2018, f"{riket} %", "reference"))
    ds = Dataset.from_records(catalog, records)
    cmp = compare(ds, resolve_group(registry, "nordvast"), registry.units)
    res = next(r for r in cmp.indicators() if r.indicator.id == ind_id)
    text = indicator_text(cmp, res)
    ind = catalog.indicator(ind_id)
    names = {u.code: u.name for u in cmp.members}
    yes = {
        names[c]
        for c, a in zip(MEMBERS, answers, strict=True)
        if a and counts_as_yes(catalog, ind, check_value(catalog, ind, a))
    }
    answering = [names[c] for c, a in zip(MEMBERS, answers, strict=True) if a and a != "Vet ej"]
    assert set(text.yes) == yes
    if answering:
        assert (
            _who_from_text(text.text, sorted(answering, key=len, reverse=True), "nordvästkommuner")
            == yes
        )
    # the verdict word matches the difference shown in the table
    if res.snitt.value is not None:
        diff = res.snitt.value - riket
        expected = (
            "i nivå med"
            if abs(diff) < 5
            else ("något " if abs(diff) < 15 else "klart ")
            + ("bättre än" if diff > 0 else "sämre än")
        )
        assert f"är {expected} snittet i riket" in text.text
        assert [v.words for v in text.verdicts] == [expected]
