"""attribute(doc, start, end): the source and hedging of any span, figures and dates alike."""

from __future__ import annotations

from typing import Any

import pytest

from extract import attribution


@pytest.fixture(scope="module")
def attribute(parse: Any):
    """asserted_by and hedged for the first occurrence of `part` in `text`."""

    def _attribute(text: str, part: str) -> tuple[str | None, bool]:
        doc = parse(text)
        start = text.index(part)
        return attribution.attribute(doc, start, start + len(part))

    return _attribute


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Selon l'agence Reuters, l'offensive a débuté le 6 août.", "le 6 août", ("l'agence Reuters", False)),
        (
            "D'après le Service fédéral de sécurité (FSB), l'attaque aurait eu lieu le 3 mars.",
            "le 3 mars",
            ("le Service fédéral de sécurité (FSB)", True),
        ),
        # the future seen from a past statement, not a doubt (what she said will happen)
        ("La présidente a affirmé que le traité serait ratifié en janvier.", "en janvier", ("La présidente", False)),
        ("Selon la présidente, le traité serait ratifié en janvier.", "en janvier", ("la présidente", True)),
        ("Le traité a été signé en juin, selon les autorités lettones.", "en juin", ("les autorités lettones", False)),
        ("Le sommet se tiendra le 12 mai à Vilnius.", "le 12 mai", (None, False)),
    ],
)
def test_dates_get_source_and_hedge(attribute: Any, text: str, part: str, expected: tuple[str | None, bool]) -> None:
    assert attribute(text, part) == expected


def test_conditional_in_another_clause_does_not_hedge(attribute: Any) -> None:
    text = "Les blindés sont arrivés le 2 mai et pourraient repartir avant l'été."
    assert attribute(text, "le 2 mai") == (None, False)


def test_negated_confirmation_hedges_and_names_no_asserter(attribute: Any) -> None:
    text = "Le ministère n'a pas confirmé l'arrivée de 400 soldats."
    asserted_by, hedged = attribute(text, "400 soldats")
    assert hedged is True
    assert asserted_by is None


def test_denial_is_not_an_assertion(attribute: Any) -> None:
    asserted_by, hedged = attribute("Moscou dément tout envoi de 600 instructeurs.", "600 instructeurs")
    assert (asserted_by, hedged) == (None, True)


def test_generic_first_information_is_a_hedge_not_a_source(attribute: Any) -> None:
    text = "Selon de premières informations, l'explosion a fait 14 victimes."
    assert attribute(text, "14 victimes") == (None, True)


def test_source_inside_a_quote_does_not_cover_text_outside(attribute: Any) -> None:
    text = "Le maire parle d'une « attaque selon lui préparée » tandis que 30 maisons ont brûlé."
    assert attribute(text, "30 maisons")[0] is None


def test_selon_lui_resolves_to_the_speaker_before(attribute: Any) -> None:
    text = "Le général Petr Novak s'est exprimé devant la presse. Selon lui, 800 chars ont été détruits."
    assert attribute(text, "800 chars")[0] == "Petr Novak"


def test_rumour_with_circulating_information(attribute: Any) -> None:
    text = "Des informations circulent sur les réseaux sociaux à propos de 50 soldats capturés."
    assert attribute(text, "50 soldats")[1] is True


def test_span_outside_any_token_is_safe(parse: Any) -> None:
    doc = parse("Un texte court.")
    assert attribution.attribute(doc, 0, 0) == (None, False)


def test_norm_treats_apostrophes_and_spaces_alike() -> None:
    assert attribution.norm("D’après\u00a0LE  NIS") == "d'après le nis"


def test_rumour_names_where_it_circulates(attribute: Any) -> None:
    text = "Des rumeurs circulaient sur les réseaux sociaux, évoquant 40 blindés détruits."
    assert attribute(text, "40 blindés") == ("les réseaux sociaux", True)


def test_the_one_who_cites_asserts(attribute: Any) -> None:
    text = "L'agence Kyodo a rapporté, citant des sources militaires, que 900 marins avaient embarqué."
    assert attribute(text, "900 marins")[0] == "L'agence Kyodo"


def test_a_present_participle_has_no_subject_after_it(attribute: Any) -> None:
    """ "…, dénonçant « un abandon »": the quotation (which the tagger may take for a name) is what is denounced."""
    found = attribute("La gouverneure Maria Lindqvist a réclamé le 2 mars des renforts, dénonçant « un abandon ».",
                      "le 2 mars")[0]
    assert found is None or "Lindqvist" in found


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Le service emploierait environ 6 000 agents à l'étranger.", "6 000 agents", True),
        ("Moscou nettoierait 40 sites avant la visite.", "40 sites", True),
        ("Le service employait 300 agents en 2019.", "300 agents", False),
    ],
)
def test_the_conditional_of_a_verb_in_yer(parse: Any, text: str, part: str, expected: bool) -> None:
    doc = parse(text)
    start = text.index(part)
    assert attribution.attribute(doc, start, start + len(part))[1] is expected


# Who gives a figure or a date, in shapes other outlets write: "selon X, cité par Y," (Y relays, X speaks); an
# adjective in -ant the tagger reads as a participle ("le média indépendant X") is part of the name; a date after
# an inverted subject ("a annoncé X le 4 mai") closes it.
NAMED_SOURCES = [
    ("Selon l'état-major finlandais, cité par la radio publique Yle, 400 blindés ont franchi la frontière.",
     "400 blindés", "l'état-major finlandais"),
    ("D'après le parquet de Kharkiv, cité par l'agence Ukrinform, 37 civils ont été évacués.",
     "37 civils", "le parquet de Kharkiv"),
    ("Le loyer aurait doublé en un an, selon le journal indépendant Kyiv Independent.", "en un an",
     "le journal indépendant Kyiv Independent"),
    ("Selon le site indépendant Mediazona, 300 recrues ont déserté.", "300 recrues", "le site indépendant Mediazona"),
    ("Trois drones ont été abattus, a annoncé Ilona Varga le 4 mai 2025.", "Trois drones", "Ilona Varga"),
    ("Neuf blessés ont été évacués, a précisé l'hôpital régional le 2 mars.", "Neuf blessés", "l'hôpital régional"),
]


@pytest.mark.parametrize(("text", "part", "expected"), NAMED_SOURCES)
def test_named_sources_in_other_outlets_shapes(attribute: Any, text: str, part: str, expected: str) -> None:
    assert attribute(text, part)[0] == expected
