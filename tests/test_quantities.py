"""Figures from made-up French news sentences: forms, qualifiers, ranges, sources, hedges and traps."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import quantities
from extract.models import ArticleContext, Claim


@pytest.fixture(scope="module")
def figures(parse: Any):
    """Extract the quantity claims of a text the way the build does."""

    def _figures(text: str) -> list[Claim]:
        doc = parse(text)
        claims = quantities.extract(doc, ArticleContext(article_id="t", text=text, published="2024-11"))
        for claim in claims:
            assert text[claim.start : claim.end] == claim.text
            assert claim.kind == "quantity" and claim.id == ""
            assert text[claim.sentence_start :].startswith(claim.sentence)
            assert claim.sentence == claim.sentence.strip()
            assert claim.sentence_start <= claim.start
        return claims

    return _figures


def one(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


# --- forms and qualifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value", "qualifier", "unit"),
    [
        (
            "L'armée a déployé environ 2 300 fantassins près du fleuve.",
            "environ 2 300 fantassins",
            2300,
            "approx",
            "soldiers",
        ),
        (
            "Quelque 4.200 réservistes ont rejoint leurs unités mardi.",
            "Quelque 4.200 réservistes",
            4200,
            "approx",
            "soldiers",
        ),
        ("Près de 900 civils ont quitté la ville assiégée.", "Près de 900 civils", 900, "approx", "people"),
        (
            "Les gardes-côtes ont intercepté 2.700 conteneurs environ au large du port.",
            "2.700 conteneurs environ",
            2700,
            "approx",
            "containers",
        ),
        (
            "Jusqu'à 7 000 soldats pourraient être mobilisés cet hiver.",
            "Jusqu'à 7 000 soldats",
            7000,
            "at_most",
            "soldiers",
        ),
        (
            "Moins de 300 habitants vivent encore dans le village.",
            "Moins de 300 habitants",
            300,
            "at_most",
            "inhabitants",
        ),
        ("Plus de 8 000 obus ont été tirés pendant la nuit.", "Plus de 8 000 obus", 8000, "at_least", "shells"),
        (
            "Au moins 45 blessés ont été transportés vers l'hôpital régional.",
            "Au moins 45 blessés",
            45,
            "at_least",
            "wounded",
        ),
        ("Une vingtaine de drones ont survolé la centrale.", "Une vingtaine de drones", 20, "approx", "drones"),
        ("Le pays a livré douze mille roquettes à son voisin.", "douze mille roquettes", 12000, None, "rockets"),
        ("Le Parlement a voté une aide de 1,5 milliard d'euros.", "1,5 milliard d'euros", 1500000000, None, "euros"),
        ("Le convoi comptait 3\u202f400 véhicules blindés.", "3\u202f400 véhicules blindés", 3400, None, "vehicles"),
        ("Le front s'étire sur 1\u00a0200 kilomètres.", "1\u00a0200 kilomètres", 1200, None, "km"),
        ("La bombe planante emporte une charge de 250 kg.", "250 kg", 250, None, "kg"),
        ("Selon le sondage, 62 % des habitants soutiennent l'accord.", "62 %", 62, None, "percent"),
    ],
)
def test_forms_and_qualifiers(
    figures: Any, sentence: str, text: str, value: float, qualifier: str | None, unit: str | None
) -> None:
    claim = one(figures(sentence))
    assert (claim.text, claim.value, claim.qualifier, claim.unit) == (text, value, qualifier, unit)


def test_counted_noun_keeps_its_adjectives_and_complement(figures: Any) -> None:
    claim = one(figures("Le port a reçu 640 caisses de munitions russes la semaine dernière."))
    assert claim.counted == "caisses de munitions russes"
    claim = one(figures("Environ 5 000 militaires biélorusses stationnent à la frontière."))
    assert claim.counted == "militaires biélorusses"


def test_machine_translated_number_forms(figures: Any) -> None:
    claims = figures("Pyongyang a envoyé 15,000 troupes, et les troupes ont reçu 2.5 millions de cartouches.")
    assert [(c.value, c.unit) for c in claims] == [(15000, "soldiers"), (2500000, "shells")]


def test_hommes_are_soldiers_in_a_military_sentence_only(figures: Any) -> None:
    assert one(figures("Moscou a massé 6 000 hommes sur le front sud.")).unit == "soldiers"
    assert one(figures("Le stade accueillait 6 000 hommes et femmes pour le concert.")).unit == "people"


# --- ranges ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high"),
    [
        ("L'état-major a engagé entre 6.000 et 8.000 hommes dans l'assaut.", "entre 6.000 et 8.000 hommes", 6000, 8000),
        ("De 3 000 à 4 000 soldats attendent leur transfert.", "De 3 000 à 4 000 soldats", 3000, 4000),
        ("L'opération mobiliserait 20 000 à 25 000 réservistes.", "20 000 à 25 000 réservistes", 20000, 25000),
        ("Les pertes se chiffrent entre 2 et 3 millions d'euros.", "entre 2 et 3 millions d'euros", 2000000, 3000000),
    ],
)
def test_ranges(figures: Any, sentence: str, text: str, low: float, high: float) -> None:
    claim = one(figures(sentence))
    assert (claim.text, claim.value, claim.low, claim.high) == (text, None, low, high)


def test_a_change_is_not_a_range(figures: Any) -> None:
    claims = figures("Le nombre de recrues est passé de 3 000 soldats à 5 000 soldats en un an.")
    assert [(c.value, c.low) for c in claims] == [(3000, None), (5000, None)]


# --- hedging --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Pyongyang aurait expédié 9 000 conteneurs vers Vladivostok.",
        "Jusqu'à 4 000 soldats pourraient franchir la frontière dès lundi.",
        "Selon de premières informations, 70 soldats auraient péri dans l'explosion.",
        "Le prétendu transfert de 800 ingénieurs n'a laissé aucune trace.",
        "Le présumé envoi de 2 000 ouvriers inquiète Séoul.",
        "Des informations circulaient sur la présence de 3 000 soldats près de la frontière.",
        "Des informations non confirmées évoquent 1 200 combattants tués.",
        "Il semble que 600 véhicules aient franchi le pont.",
        "Le Kremlin a démenti la présence de 10 000 soldats étrangers sur son sol.",
        "L'Alliance n'a pas confirmé le déploiement de 5 000 soldats dans la zone.",
    ],
)
def test_hedged(figures: Any, sentence: str) -> None:
    assert one(figures(sentence)).hedged is True


@pytest.mark.parametrize(
    "sentence",
    [
        "Quelque 2 000 soldats stationnent déjà dans la région et devraient bientôt rejoindre le front.",
        "Environ 5 000 soldats sont attendus en Russie d'ici la fin du mois.",
        "L'armée a recensé 340 victimes civiles depuis le début de l'offensive.",
        "Le gouvernement a confirmé l'arrivée de 1 100 soldats, mais l'opposition pourrait contester.",
    ],
)
def test_not_hedged(figures: Any, sentence: str) -> None:
    assert one(figures(sentence)).hedged is False


# --- who asserts it -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "asserted_by"),
    [
        (
            "Selon le ministère japonais de la Défense, 400 navires ont franchi le détroit.",
            "le ministère japonais de la Défense",
        ),
        ("D'après l'armée ukrainienne, 3 500 soldats ont été encerclés.", "l'armée ukrainienne"),
        ("D’après les garde-frontières, 120 migrants ont été interceptés.", "les garde-frontières"),
        ("Environ 900 prisonniers ont été échangés, selon Kyiv.", "Kyiv"),
        ("Environ 900 prisonniers ont été échangés, selon Kiev.", "Kiev"),
        ("De source militaire, 15 chars ont été détruits dans la nuit.", "source militaire"),
        ("Le Pentagone estime que 11 000 soldats se trouvent dans la région.", "Le Pentagone"),
        ("Kiev a averti que Moscou avait rassemblé quelque 40 000 soldats près de la ville.", "Kiev"),
        ("« Nous avons compté 230 véhicules », a déclaré un officier polonais.", "un officier polonais"),
        (
            "Plus de 700 soldats ont été blessés, a indiqué jeudi la porte-parole Maria Lind.",
            "la porte-parole Maria Lind",
        ),
        ("Le ministre de l'Intérieur, Jonas Berg, a annoncé que 2 000 policiers seraient déployés.", "Jonas Berg"),
    ],
)
def test_asserted_by(figures: Any, sentence: str, asserted_by: str) -> None:
    assert one(figures(sentence)).asserted_by == asserted_by


def test_headline_without_source_has_none(figures: Any) -> None:
    claim = one(figures("Crise frontalière : 9 000 soldats massés au nord"))
    assert claim.asserted_by is None and claim.hedged is False


def test_same_source_points_back(figures: Any) -> None:
    text = (
        "Selon le service de renseignement lituanien, Minsk a mobilisé 4 000 réservistes. "
        "Quelque 900 soldats seraient déjà à la frontière, selon la même source."
    )
    claims = figures(text)
    assert [c.asserted_by for c in claims] == ["le service de renseignement lituanien"] * 2
    assert [c.hedged for c in claims] == [False, True]


def test_details_announced_carry_to_the_next_sentence(figures: Any) -> None:
    text = (
        "Le renseignement militaire finlandais confirme l'information et livre des précisions. "
        "Au total, 2 500 soldats ont été acheminés par train."
    )
    assert one(figures(text)).asserted_by == "Le renseignement militaire finlandais"


def test_no_carry_across_paragraphs(figures: Any) -> None:
    text = "Le renseignement militaire finlandais livre des précisions.\n\nAu total, 2 500 soldats sont partis."
    assert one(figures(text)).asserted_by is None


def test_pronoun_speaker_resolves_to_the_previous_one(figures: Any) -> None:
    text = (
        "Le ministère estonien de la Défense a indiqué que 1 200 soldats avaient été formés. "
        "Il a ajouté que 300 blindés avaient été livrés."
    )
    assert [c.asserted_by for c in figures(text)] == ["Le ministère estonien de la Défense"] * 2


# --- not figures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Les deux pays ont signé un accord le 19 juin 2024 à Pyongyang.",
        "Le sommet s'est tenu mercredi 4 décembre, à 13 h 07.",
        "En 2023, la tension est montée d'un cran entre les deux Corées.",
        "L'article 5 du traité et la résolution 2397 interdisent ces livraisons.",
        "L'un des deux blocs pourrait céder, estiment les trois experts interrogés.",
        "Des dizaines de milliers de soldats et plusieurs milliers de conteneurs ont transité par le port.",
        "Quelques centaines de manifestants se sont rassemblés.",
        "12 commentaires",
        "Publié le 21/10/2024 à 14h30. Lecture 4 min.",
        "Il y a trois ans, le régime avait promis de rouvrir la frontière.",
        "Le candidat avait promis de régler le conflit « en 48 heures » une fois élu.",
        "Le Su-35 et le KN-23 ont été présentés lors de la 2e édition du salon.",
        "Le bilan s'élève à 12\n000 morts",
        "Ils étaient 1 500, a-t-il précisé.",
        "Deux blocs s'affrontent désormais, et les deux capitales se regardent en chiens de faïence.",
    ],
)
def test_not_figures(figures: Any, text: str) -> None:
    assert [c.text for c in figures(text)] == []


def test_each_occurrence_counts(figures: Any) -> None:
    headline = "Pyongyang a envoyé 3 000 ingénieurs en Russie"
    claims = figures(f"{headline}\n\nLégende de photo.\n{headline}, selon Séoul.")
    assert [c.value for c in claims] == [3000, 3000]
    assert [c.asserted_by for c in claims] == [None, "Séoul"]


def test_caption_date_is_not_a_figure_but_its_count_is(figures: Any) -> None:
    claims = figures("Des soldats à Koursk, le 4 novembre 2024, où 200 blindés sont positionnés.")
    assert [c.text for c in claims] == ["200 blindés"]


def test_a_duration_is_a_figure_an_age_is_not(figures: Any) -> None:
    claims = figures("Le général, 58 ans, commande la brigade depuis deux ans.")
    assert [(c.value, c.unit) for c in claims] == [(2, "years")]


def test_claims_are_sorted_and_deterministic(figures: Any) -> None:
    text = "Kiev compte 300 chars, 120 avions et 4 000 drones, selon l'institut."
    first, second = figures(text), figures(text)
    assert first == second
    assert [c.start for c in first] == sorted(c.start for c in first)


# --- counted noun written elsewhere ---------------------------------------------------------------


def test_quoted_figure_keeps_its_noun_outside_the_quote(figures: Any) -> None:
    claim = one(figures("Le député a indiqué que « plus de 200 » soldats avaient été capturés."))
    assert (claim.text, claim.value, claim.qualifier) == ("« plus de 200 » soldats", 200, "at_least")


def test_number_of_names_what_a_bare_number_counts(figures: Any) -> None:
    claim = one(figures("L'armée estime à 7 500 le nombre de mercenaires présents dans la zone."))
    assert (claim.value, claim.unit, claim.asserted_by) == (7500, "soldiers", "L'armée")
    claim = one(figures("Le nombre de réfugiés arrivés en Pologne dépasse déjà 40 000."))
    assert (claim.text, claim.value, claim.qualifier, claim.unit) == ("40 000", 40000, "at_least", "people")


def test_among_them_takes_the_unit_of_the_figure_before(figures: Any) -> None:
    claims = figures("Quelque 6 000 militaires sont arrivés. Environ 2 000 d'entre eux ont été envoyés au sud.")
    assert [(c.value, c.unit, c.counted) for c in claims] == [
        (6000, "soldiers", "militaires"),
        (2000, "soldiers", "d'entre eux"),
    ]


def test_scale_nouns_multiply(figures: Any) -> None:
    claim = one(figures("Une dizaine de milliers de réservistes ont été rappelés."))
    assert (claim.value, claim.qualifier, claim.unit) == (10000, "approx", "soldiers")
    assert one(figures("Trois milliers de drones ont été livrés.")).value == 3000
    assert figures("Le pays aurait perdu des centaines de milliers d'hommes et plusieurs millions d'obus.") == []


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("Les 9 000 soldats seraient répartis dans la région.", True),  # tagged indicative by the model
        ("Elles compteraient 7 000 hommes au total.", True),
        ("Le général préparait 7 000 hommes pour l'assaut.", False),  # imperfect, not conditional
        ("L'artillerie tirait 5 000 obus par jour.", False),
        ("Les insurgés retiendraient toujours une trentaine de marins.", True),  # "retenir": the stem of "tenir"
        ("« Nous n'abandonnerons pas 480 éleveurs à leur sort », a promis le ministre.", False),  # a fate refused
        ("« Je ne laisserai pas 90 saisonniers sans logement », a-t-elle lancé.", False),
        ("Il n'y a pas 8 000 réfugiés dans le camp.", True),
    ],
)
def test_conditional_read_from_the_verb_form(figures: Any, sentence: str, hedged: bool) -> None:
    assert one(figures(sentence)).hedged is hedged


WORDS = [
    "soldats", "environ", "selon", "Kiev", "le", "NIS", "aurait", "envoyé", "entre", "et", "de", "à", "jusqu'à",
    "jusqu’à", "plus", "moins", "quelque", "une", "dizaine", "douze", "mille", "1.500", "12 000", "12\u00a0000",
    "1,5", "million", "d'obus", "2024", "juin", "13", "h", "07", "«", "»", "\n", "les", "deux", "pays", "%",
    "article", "4", "a", "affirmé", "que", ",", ".", "(", ")", "-", "10-12", "d’entre", "eux", "nombre",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_word_salad_keeps_the_offsets_contract(figures: Any, words: list[str]) -> None:
    claims = figures(" ".join(words))  # the fixture asserts text, sentence and offsets
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for claim in claims:
        assert (claim.value is None) != (claim.low is None)
        assert claim.qualifier in {None, "approx", "at_most", "at_least"}


def test_clitic_en_takes_the_noun_of_the_figure_before(figures: Any) -> None:
    claims = figures("Minsk a déjà envoyé 800 instructeurs et prévoit d'en envoyer 1 200 d'ici l'été.")
    assert [(c.text, c.value, c.counted, c.unit) for c in claims] == [
        ("800 instructeurs", 800, "instructeurs", None),
        ("1 200", 1200, "instructeurs", None),
    ]
    assert figures("En moyenne 300 par jour, affirme Kiev.") == []


def test_text_parsed_with_straight_apostrophes_still_indexes_the_article(parse: Any) -> None:
    text = "D’après l’armée, jusqu’à 4 000 conteneurs d’obus ont été livrés."
    doc = parse(text.replace("\u2019", "'"))
    claim = one(quantities.extract(doc, ArticleContext(article_id="t", text=text, published=None)))
    assert claim.text == "jusqu’à 4 000 conteneurs d’obus" == text[claim.start : claim.end]
    assert claim.sentence == text and claim.counted == "conteneurs d’obus"


def test_listicle_headlines_are_not_figures(figures: Any) -> None:
    assert figures("Trois questions sur l'envoi de troupes étrangères") == []
    assert figures("Cinq raisons de s'inquiéter du rapprochement") == []


def test_subscription_offers_and_elided_nouns_are_not_figures(figures: Any) -> None:
    assert figures("Offre découverte : 1 € par mois pendant 3 mois, sans engagement.") == []
    claims = figures("Le rapport publié le 3 mars recense 900 morts côté nord et 1 400 côté sud.")
    assert [c.text for c in claims] == ["900 morts"]


def test_a_reach_from_a_to_b_is_a_range(figures: Any) -> None:
    claim = one(figures("Le missile aurait une portée de 3 000 à 5 500 km."))
    assert (claim.low, claim.high, claim.unit, claim.hedged) == (3000, 5500, "km", True)


def test_a_figure_the_parser_cuts_across_sentences_keeps_its_whole_sentence(figures: Any) -> None:
    claims = figures("soldats soldats 12\u00a0000 dizaine")  # the fixture asserts the offsets contract
    assert all(c.start >= c.sentence_start for c in claims)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Les recrues ont été réparties dans des unités de 400 à 600 hommes.", False),
        ("Les renforts arrivent par vagues de 2 000 soldats.", False),
        ("Ils patrouillent en groupes de 12 combattants.", False),
        ("Un contingent de 12 000 hommes a quitté le port.", True),
        ("Trois bataillons de réservistes, soit 1 800 hommes, ont été rappelés.", True),
    ],
)
def test_the_size_of_each_group_is_not_a_total(parse, text: str, kept: bool) -> None:
    """ "des unités de 500 hommes" sizes each unit; a reader would misread it as how many were sent."""
    found = quantities.extract(parse(text), ArticleContext(article_id="t", text=text, published=None))
    assert bool(found) is kept


@pytest.mark.parametrize(
    "text",
    [
        "Environ  11 000 soldats sont arrivés.",  # a double space, as pasted text often has
        "Ils sont arrivés,\u00a0 près de 11 000 soldats.",
        "                                Environ 11 000 soldats sont arrivés.",  # a blanked wire dateline
    ],
)
def test_a_qualifier_after_a_run_of_spaces_starts_the_claim_where_it_is(parse, text: str) -> None:
    """The qualifier is found on text whose spaces are folded: its place in the text itself must be mapped back,
    or the claim starts inside the spaces (and a build drops it as overlapping page furniture)."""
    found = quantities.extract(parse(text), ArticleContext(article_id="t", text=text, published=None))
    assert [c.text for c in found] == [text[text.lower().index("environ" if "nviron" in text else "près"):
                                            text.index("soldats") + len("soldats")]]


def test_a_figure_after_a_blanked_dateline_is_kept(parse, tmp_path) -> None:
    from extract import claims, ingest

    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\nsource: x\npublished: 2024-12-12\n---\n\nSéoul, 12 décembre 2024 (AFP) - "
                    "Environ 11 000 soldats sont arrivés.\n\nKIEV (AFP) - Environ 9 000 hommes sont partis.\n",
                    encoding="utf-8")
    article = ingest.read_article(path, tmp_path)
    found = claims.extract(parse(claims.masked_text(article)), article)
    assert {c.text for c in found if c.kind == "quantity"} == {"Environ 11 000 soldats", "Environ 9 000 hommes"}


# --- ranges whose low bound drops its scale, tolls of two kinds ---------------------------------------


@pytest.mark.parametrize(
    ("text", "part", "low", "high"),
    [
        ("Séoul parle de 10 à 12 000 militaires déployés.", "de 10 à 12 000 militaires déployés", 10_000, 12_000),
        ("Entre 5 et 8 000 réfugiés ont quitté la ville.", "Entre 5 et 8 000 réfugiés", 5_000, 8_000),
        ("On compterait de 20 à 25.000 conscrits.", "de 20 à 25.000 conscrits", 20_000, 25_000),
        ("Ils seraient entre dix et douze mille soldats.", "entre dix et douze mille soldats", 10_000, 12_000),
        ("Le pays aurait reçu entre deux et trois millions d'obus.", "entre deux et trois millions d'obus",
         2_000_000, 3_000_000),
        ("Elle estime qu'entre septante et huitante pour cent des recrues sont novices.",
         "entre septante et huitante pour cent", 70, 80),
        # the low bound already stands on its own: nothing to scale
        ("Le loyer va de 500 à 1 500 euros.", "de 500 à 1 500 euros", 500, 1_500),
        ("Entre cinq cents et mille soldats ont défilé.", "Entre cinq cents et mille soldats", 500, 1_000),
        ("Entre 10 et 1 500 drones ont été abattus.", "Entre 10 et 1 500 drones", 10, 1_500),
    ],
)
def test_a_range_low_bound_takes_the_scale_of_the_high_one(figures: Any, text: str, part: str, low: int,
                                                          high: int) -> None:
    found = {c.text: c for c in figures(text)}
    assert (found[part].low, found[part].high, found[part].value) == (low, high, None)


def test_two_word_numbers_joined_by_et_are_two_figures(figures: Any) -> None:
    found = {c.text: c.value for c in figures("Il y avait trente et quarante blindés dans les deux villages.")}
    assert 70 not in found.values()


@pytest.mark.parametrize(
    ("text", "part", "unit"),
    [
        ("Le ministère annonce 3 000 tués ou blessés en une journée.", "3 000 tués ou blessés", "casualties"),
        ("L'armée recense 1 200 morts et blessés depuis l'été.", "1 200 morts et blessés", "casualties"),
        ("Le bilan atteint 900 blessés ou disparus.", "900 blessés ou disparus", "casualties"),
        ("Kiev fait état de 400 soldats tués ou blessés.", "400 soldats tués ou blessés", "soldiers"),
    ],
)
def test_a_toll_of_two_kinds_is_not_a_death_count(figures: Any, text: str, part: str, unit: str) -> None:
    found = {c.text: c for c in figures(text)}
    assert found[part].unit == unit


def test_two_tolls_stay_two_figures(figures: Any) -> None:
    found = {c.text: c.unit for c in figures("On compte 500 tués et 1 200 blessés.")}
    assert found == {"500 tués": "deaths", "1 200 blessés": "wounded"}


@pytest.mark.parametrize(
    "text",
    [
        "Olha, 34 ans, vit à Lausanne.",
        "Le capitaine Ri Song-chol (29 ans) aurait été capturé.",
        "Les conscrits, âgés de 18 à 25 ans, ont peu d'expérience.",
        "Deux frères âgés respectivement de 19 et 22 ans ont été blessés.",
        "Un fantassin de 20 ans a été fait prisonnier.",
        "Les jeunes de moins de 25 ans sont exemptés.",
        "Les recrues ont entre 17 et 19 ans, selon Séoul.",
        "Il a 40 ans.",
        "« J'ai 52 ans, qui va m'embaucher ? », demande un cariste.",
        "« Nous avons 60 ans passés tous les deux », sourit le couple.",
    ],
)
def test_an_age_gives_no_figure(figures: Any, text: str) -> None:
    assert [c.text for c in figures(text) if c.unit == "years"] == []


@pytest.mark.parametrize(
    "text",
    [
        "« J'ai 31 ans de maison et on me jette comme un mouchoir », lâche un magasinier.",
        "Après 30 ans de carrière dans la gendarmerie, le colonel Ardouin prend sa retraite.",
        "Cette infirmière, forte de 22 ans d'expérience, a quitté l'hôpital en mars.",
        "Le couple fête ses 40 ans de mariage au village.",
        "Il a été décoré pour ses 25 années de service à la mairie.",
    ],
)
def test_years_of_someones_working_life_give_no_figure(figures: Any, text: str) -> None:
    """Seniority, like an age, is a personal detail, no figure of the story."""
    assert [c.text for c in figures(text) if c.unit == "years"] == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("La guerre dure depuis trois ans.", "trois ans"),
        ("Il a été condamné à 15 ans de prison.", "15 ans"),
        ("Le traité, signé pour 20 ans, prévoit une assistance.", "20 ans"),
        ("Le contrat court sur une période de 10 ans.", "10 ans"),
        ("La mission de 3 ans a été prolongée.", "3 ans"),
        ("La mairie a décrété deux jours de deuil.", "deux jours"),  # the fact itself, not the time it took
        ("Le chantier doit durer 14 mois.", "14 mois"),
    ],
)
def test_a_duration_in_years_stays_a_figure(figures: Any, text: str, part: str) -> None:
    assert part in [c.text for c in figures(text)]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Les sapeurs ont dégagé 40 tonnes de gravats en trois jours.", "trois jours"),
        ("En deux ans, l'atelier a formé plus de 900 apprentis.", "deux ans"),
        ("Le canton versera 80 millions de francs sur quatre ans.", "quatre ans"),
        ("Le préfet s'est rendu dans la vallée pour la première fois en 12 ans.", "12 ans"),
        ("Les pompiers ont maîtrisé le feu en moins de six heures.", "moins de six heures"),
        ("La digue a été reconstruite en l'espace de huit mois.", "huit mois"),
    ],
)
def test_the_time_another_figure_took_is_no_figure(figures: Any, text: str, part: str) -> None:
    assert part not in [c.text for c in figures(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Environ 1 soldat sur 10 déserterait.",
        "Deux recrues sur trois n'ont jamais combattu.",
        "Un blessé sur cinq serait un civil.",
        "Selon l'ONG, 4 réfugiés sur 10 sont des enfants.",
    ],
)
def test_a_ratio_counts_nothing(figures: Any, text: str) -> None:
    assert [c.text for c in figures(text)] == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Kiev compte 3 000 blessés sur 12 000 soldats engagés.", ["3 000 blessés", "12 000 soldats engagés"]),
        ("Le pays a massé 10 000 soldats sur 30 kilomètres.", ["10 000 soldats", "30 kilomètres"]),
    ],
)
def test_counts_joined_by_sur_stay_counts(figures: Any, text: str, parts: list[str]) -> None:
    assert [c.text for c in figures(text)] == parts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("La loi n° 2024-512 prévoit 3 000 places.", ["3 000 places"]),
        ("Le décret 2023-88 autorise 400 recrutements.", ["400 recrutements"]),
    ],
)
def test_the_second_part_of_a_reference_code_is_no_figure(figures: Any, text: str, parts: list[str]) -> None:
    assert [c.text for c in figures(text)] == parts


@pytest.mark.parametrize(
    "text",
    [
        "Le Pentagone avance une estimation de 8 000 à 9 000 hommes.",
        "Selon le Pentagone, 4 000 hommes seraient dans la région.",
    ],
)
def test_men_counted_by_a_military_command_are_soldiers(figures: Any, text: str) -> None:
    assert [c.unit for c in figures(text)] == ["soldiers"]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("La commune dispose d'un médecin pour 12 000 habitants.", []),  # a rate per head
        ("On compte une borne d'eau pour 700 habitants dans le camp de Brenne.", []),
        ("La digue protège 12 000 habitants.", ["12 000 habitants"]),  # a count stays
        ("Le rapport, d'une soixantaine de pages, recense 320 écoles détruites.", ["320 écoles détruites"]),
        ("Le dossier de 48 pages a été remis au juge.", []),  # a document's length
        ("« Il faut agir », insiste le chirurgien de 52 ans.", []),  # an age after a title
        ("Le budget de la province atteint 2,3 G$ cette année.", ["2,3 G$"]),  # Québec's billion
    ],
)
def test_rates_lengths_and_ages_are_no_counts(figures: Any, text: str, parts: list[str]) -> None:
    assert [c.text for c in figures(text)] == parts


def test_a_billion_written_g_dollars(figures: Any) -> None:
    found = one(figures("Le chantier coûtera près de 1,8 G$ aux contribuables."))
    assert (found.value, found.unit, found.qualifier) == (1_800_000_000, "dollars", "approx")


def test_votes_and_seats_and_the_bare_figure_after_contre(figures: Any) -> None:
    found = figures("La motion a été adoptée par 301 voix contre 180.")
    assert [(c.text, c.unit) for c in found] == [("301 voix", "votes"), ("180", "votes")]
    found = figures("Le parti obtient 41 sièges, contre 55 lors de la précédente législature.")
    assert [(c.text, c.unit) for c in found] == [("41 sièges", "seats"), ("55", "seats")]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Au bas mot, 4 000 maisons ont été inondées.", "at_least"),
        ("Grosso modo, 250 familles sont concernées.", "approx"),
    ],
)
def test_a_qualifier_set_off_by_a_comma(figures: Any, text: str, qualifier: str) -> None:
    assert one(figures(text)).qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Les 18-25 ans forment 14 % du corps électoral.", ["14 %"]),  # an age group
        ("Le vote des 60 ans et plus a pesé lourd.", []),
        ("Il a écopé de 12 ans de prison.", ["12 ans"]),  # a sentence's length stays
        ("8 500, c'est le nombre de bénévoles mobilisés cet été.", ["8 500, c'est le nombre de bénévoles mobilisés"]),
    ],
)
def test_age_groups_and_the_figure_of_the_day(figures: Any, text: str, parts: list[str]) -> None:
    assert [c.text for c in figures(text)] == parts


def test_a_bare_figure_set_against_another_counts_the_same_thing(figures: Any) -> None:
    found = figures("À Brenval, la préfecture a recensé 9 400 grévistes, contre 21 000 selon le collectif Horizon.")
    assert [(c.text, c.value, c.counted, c.asserted_by) for c in found] == [
        ("9 400 grévistes", 9400, "grévistes", "la préfecture"),
        ("21 000", 21000, "grévistes", "le collectif Horizon"),
    ]
    found = figures("La mairie a recensé 3 100 visiteurs, contre 2,4 millions l'an passé à Ostrane.")
    assert [c.text for c in found] == ["3 100 visiteurs"]  # no 'selon' or punctuation after: nothing is read


def test_a_part_of_a_count_set_apart_by_an_adverb(figures: Any) -> None:
    found = figures("Près de 800 habitants ont été évacués à Valmoral, dont une trentaine grièvement intoxiqués.")
    assert [c.text for c in found] == ["Près de 800 habitants"]  # a participle after: not sure it is the same count
    found = figures("Au moins 640 personnes ont été blessées à Valmoral, dont une soixantaine gravement.")
    assert [(c.text, c.value, c.qualifier, c.unit) for c in found][1] == ("une soixantaine", 60, "approx", "people")
    found = figures("Au moins 640 personnes ont été blessées à Valmoral, dont 45 légèrement.")
    assert [(c.text, c.value) for c in found][1:] == [("45", 45)]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("À Ostrane, un foyer de cinq personnes vit avec 300 euros par mois.", ["300 euros"]),
        ("Le bidon d'huile de 20 litres coûte désormais le double à Ostrane.", []),
        ("Des familles de bergers, 350 personnes au total, ont quitté Ostrane.", ["350 personnes"]),
        ("Un contingent de 2 000 hommes a quitté la base d'Ostrane.", ["2 000 hommes"]),
    ],
)
def test_the_size_of_one_household_or_container_is_no_count(figures: Any, text: str, parts: list[str]) -> None:
    assert [c.text for c in figures(text)] == parts


def test_they_were_so_many_according_to_each_side(figures: Any) -> None:
    found = figures("Elles étaient 1 300 selon la gendarmerie, 4 000 selon le comité de soutien, devant le tribunal.")
    assert [(c.text, c.value, c.unit, c.asserted_by) for c in found] == [
        ("1 300", 1300, "people", "la gendarmerie"),
        ("4 000", 4000, "people", "le comité de soutien"),
    ]
    assert figures("Ils étaient 200 à attendre devant la mairie de Brenval.") == []  # no source: left unsaid
    assert figures("Ils ont 30 selon leur entraîneur.") == []


def test_d_apres_split_by_the_tokenizer_credits_a_bare_figure(figures: Any) -> None:
    found = figures("Le parquet de Brenval a dénombré 70 interpellations, contre 115 d'après les avocats.")
    assert [(c.text, c.asserted_by) for c in found][1:] == [("115", "les avocats")]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Le taux d'incidence atteint 212 cas pour 100 000 habitants.", "100 000 habitants"),  # a rate's base
        ("On compte une latrine pour 1 800 personnes dans le camp.", "1 800 personnes"),  # one per head
        ("Rémi, 38 ans, père de trois enfants, a perdu sa maison.", "trois enfants"),  # a personal detail
        ("« Nous aurons un accord dans les dix jours », promet le négociateur.", "dix jours"),  # the time it takes
    ],
)
def test_rates_personal_details_and_deadlines_give_no_figure(figures: Any, text: str, part: str) -> None:
    assert part not in [c.text for c in figures(text)]


def test_a_rate_keeps_its_count_and_a_round_count_after_pour_stays(figures: Any) -> None:
    assert "212 cas" in [c.text for c in figures("Le taux d'incidence atteint 212 cas pour 100 000 habitants.")]
    assert "mille personnes" in [c.text for c in figures("La cantine a cuisiné pour mille personnes.")]


@pytest.mark.parametrize(
    ("text", "part", "value"),
    [
        ("Le syndicat revendique 7 400 adhérents ; la préfecture en recense 5 100.", "5 100", 5_100),
        ("L'ONG dénombre 61 000 réfugiés, quand les autorités en comptent 48 000.", "48 000", 48_000),
    ],
)
def test_en_before_a_verb_of_counting_the_tagger_misreads(figures: Any, text: str, part: str, value: int) -> None:
    found = {c.text: c.value for c in figures(text)}
    assert found.get(part) == value


@pytest.mark.parametrize(
    ("text", "part", "unit"),
    [
        ("Les recettes sont estimées à 900 milliards FCFA. Le reste viendra d'emprunts, environ 300 milliards.",
         "environ 300 milliards", "cfa_francs"),
        ("La région a reçu 80 millions d'euros. Elle annonce un fonds de garantie de 12 millions pour les PME.",
         "12 millions", "euros"),
    ],
)
def test_bare_millions_after_an_amount_are_that_money(figures: Any, text: str, part: str, unit: str) -> None:
    assert {c.text: c.unit for c in figures(text)}.get(part) == unit


def test_bare_millions_far_from_money_stay_out(figures: Any) -> None:
    text = "La région a reçu 80 millions d'euros. Le pays compte désormais 12 millions selon le recensement."
    assert "12 millions" not in [c.text for c in figures(text)]
