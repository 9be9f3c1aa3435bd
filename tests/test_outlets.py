"""Articles written the way other outlets write: wire copy, live blogs, Swiss figures, machine translation, TV pages.

The fixture articles (tests/fixtures/outlets/) are made up in the styles of several outlets; each test below
names a claim a fact-checker expects, or a trap (page furniture, clock times, link titles) that must give none.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from extract import attribution, claims, dates, entities, ingest, quantities, quotes
from extract.models import Article, ArticleContext, Claim

OUTLETS = Path(__file__).resolve().parent / "fixtures" / "outlets"


@pytest.fixture(scope="module")
def outlet(parse: Any):
    """Claims of one fixture article by file name, extracted as the build does (furniture blanked)."""
    found: dict[str, tuple[Claim, ...]] = {}

    def _claims(name: str) -> tuple[Claim, ...]:
        if name not in found:
            article = ingest.read_article(OUTLETS / name, OUTLETS)
            found[name] = claims.extract(parse(claims.masked_text(article)), article)
        return found[name]

    return _claims


def figures(found: tuple[Claim, ...]) -> dict[str, Claim]:
    return {c.text: c for c in found if c.kind == "quantity"}


def quoted(found: tuple[Claim, ...], words: str) -> list[Claim]:
    return [c for c in found if c.kind == "quote" and words in (c.quote or "")]


def test_every_fixture_article_is_read_and_gives_claims(outlet: Any) -> None:
    names = sorted(p.name for p in OUTLETS.glob("*.md"))
    assert len(names) >= 8
    for name in names:
        assert outlet(name), name


# --- whole articles: what must be found, what must not ----------------------------------------------


def test_wire_dispatch(outlet: Any) -> None:
    found = outlet("01-depeche-agence.md")
    figs = figures(found)
    assert figs["Environ 7.000 soldats"].value == 7000
    assert figs["plus de 13.000 conteneurs de munitions"].qualifier == "at_least"
    assert figs["près de 8 millions d'obus d'artillerie"].value == 8_000_000
    assert "79 lancés" not in figs  # "sur un total de 79 lancés par Moscou": the noun is unsaid
    lead = [c for c in found if c.kind == "quote" and c.speaker == "le renseignement sud-coréen"]
    assert lead and all(not c.quote.startswith("SÉOUL") for c in lead)  # the dateline is nobody's words
    first = next(c for c in found if c.text.startswith("plus de 10.000"))
    assert first.asserted_by == "le renseignement sud-coréen"


def test_daily_analysis(outlet: Any) -> None:
    found = outlet("02-analyse-quotidien.md")
    figs = figures(found)
    assert figs["près de 600 kilomètres carrés"].unit == "km2"
    assert figs["quelque 11.000 militaires nord-coréens"].qualifier == "approx"
    assert not [c for c in found if c.kind == "quantity" and c.unit == "percent"]  # "Il vous reste 65%"
    assert not [c for c in found if c.kind == "date" and c.date == "2024-11-14"]  # "Publié le 14/11/2024"
    rutte = next(c for c in found if c.kind == "date" and c.text == "le 4 novembre")
    assert rutte.asserted_by != "le 4 novembre"
    choe = quoted(found, "fermement aux côtés")
    assert choe and all(c.speaker != "Antoine Bondaz" for c in choe)  # "Elle a déclaré": not the researcher


def test_live_blog(outlet: Any) -> None:
    found = outlet("03-direct-live.md")
    figs = figures(found)
    assert figs["au moins 200 soldats nord-coréens"].asserted_by == "le renseignement militaire ukrainien"
    assert figs["près de 1 000 blessés"].qualifier == "approx"
    body = ingest.read_article(OUTLETS / "03-direct-live.md", OUTLETS).text
    stamps = [m.span() for m in re.finditer(r"^\d{2}h\d{2}", body, re.MULTILINE)]
    assert len(stamps) == 7
    for claim in found:
        assert not any(s < claim.end and claim.start < e for s, e in stamps), claim  # "14h32 - ..."
    assert not [c for c in found if "commentaires" in c.text or c.value == 1247]


def test_regional_paper(outlet: Any) -> None:
    found = outlet("04-regional.md")
    figs = figures(found)
    assert "14 h" not in figs  # "de 14 h à 18 h": opening hours
    assert "1 000 jours" not in figs  # "Lire aussi : Ukraine : 1 000 jours de guerre"
    assert figs["près de 11 000 soldats nord-coréens"].hedged
    assert figs["3,5 tonnes de vêtements chauds"].unit == "tonnes"
    assert not [c for c in found if c.kind == "date" and c.date == "2024-11-09"]  # the byline's date
    assert not [c for c in found if c.kind == "quote" and "subvention" in (c.speaker or "")]
    mayor = quoted(found, "37 réfugiés")
    assert mayor and all(c.speaker != "Olena Kovalenko" for c in mayor)


def test_public_radio(outlet: Any) -> None:
    found = outlet("05-radio-publique.md")
    figs = figures(found)
    assert figs["environ 11 000 soldats nord-coréens"].asserted_by == "les services sud-coréens"
    assert figs["quelque 20 000 conteneurs"].hedged
    stamps = [c for c in found if c.kind == "date" and c.date == "2024-12-16" and "/" in c.text]
    assert not stamps  # "Publié le 16/12/2024 - 11:20 Modifié le ..."
    inauguration = next(c for c in found if c.kind == "date" and c.text == "le 20 janvier")
    assert inauguration.date == "2025-01-20"  # "prévue le 20 janvier": ahead of a mid-December article
    for claim in found:
        assert claim.asserted_by not in {"un", "le mois dernier", "dimanche"}, claim


def test_swiss_paper(outlet: Any) -> None:
    found = outlet("06-presse-suisse.md")
    figs = figures(found)
    spread = figs["entre 8'000 et 10'000 soldats"]
    assert (spread.low, spread.high, spread.value) == (8000, 10000, None)
    assert figs["quelque 8'000 d'entre eux"].value == 8000
    assert figs["plus de 3,8 milliards de francs"].unit == "francs"
    assert "35 mm" not in figs  # a calibre: what the munitions are, not how many
    hrw = quoted(found, "aucun choix")
    assert hrw and all(c.speaker != "Rights Watch" for c in hrw)


def test_machine_translated_article(outlet: Any) -> None:
    found = outlet("07-traduction-automatique.md")
    figs = figures(found)
    assert figs["3,000 soldats supplémentaires"].value == 3000
    assert figs["10,000 hommes"].hedged
    us = figs["au moins 3.000 soldats nord-coréens"]
    assert us.asserted_by != "le président Vladimir Poutine"  # "Il a été dit aussi par les États-Unis que"
    for claim in found:
        assert not (claim.speaker or "").endswith("vendredi"), claim


def test_tv_channel_page(outlet: Any) -> None:
    found = outlet("08-chaine-tele.md")
    figs = figures(found)
    assert figs["environ 10 000 soldats nord-coréens"].asserted_by == "le Pentagone"
    assert "47 drones" not in figs  # a link title under "Lire aussi"
    assert "4 min" not in figs and "2 min" not in figs  # video players
    assert not [c for c in found if "1'234" in c.text]
    assert not [c for c in found if c.kind == "date" and c.date == "2024-10-30"]  # "Publié le 30 octobre 2024"
    assert not quoted(found, "indéfectible")
    assert "100 soldats tués" not in figs and "100 soldats" not in figs  # "environ 1\n100 soldats": cut in two
    wrapped = quoted(found, "2.600 de ces soldats")
    assert wrapped and wrapped[0].quote.endswith("envoyés vers Koursk")  # "... soldats\navaient été envoyés"
    assert figs["environ 2.600 de ces soldats"].asserted_by == "Le renseignement ukrainien"


# --- page furniture other outlets paste along ------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Publié le 03/02/2025 à 07h15, mis à jour le 03/02/2025 à 11h40",
        "Publié le 21/06/2024 - 18:02 Modifié le 22/06/2024 - 09:30",
        "Par Sophie Marchand. Publié le mardi 4 mars 2025 à 06h45",
        "Mis à jour le 12 avril 2024 à 17h03",
        "Lire aussi : Mer Baltique : 3 câbles sous-marins endommagés en une semaine",
        "À lire aussi - Géorgie : 40 000 manifestants devant le Parlement",
        "À écouter aussi : Le grand entretien de 8 h 20",
        "Vidéo 3 min 12 s",
        "Regarder notre reportage de 6 min",
        "Cet article est réservé aux abonnés. Il vous reste 72% à découvrir.",
        "Vos réactions (48)",
        "Commentaires (1 032)",
        "Temps de lecture : 4 min",
    ],
)
def test_furniture_lines_of_other_outlets(line: str) -> None:
    text = f"Premier paragraphe avec 40 soldats.\n{line}\nDernier paragraphe.\n"
    assert [text[s:e] for s, e in ingest.find_furniture(text)] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Publié le rapport, les ministres ont quitté la salle.",
        "Le journal a publié le 3 mars une enquête sur 200 recrues.",
        "Lire aussi les mémoires du général, parues en 2019, éclaire le conflit.",
        "La vidéo montre 12 blindés traversant le pont.",
    ],
)
def test_sentences_that_look_like_furniture_are_kept(line: str) -> None:
    assert ingest.find_furniture(f"{line}\n") == ()


def test_titles_listed_under_a_related_links_heading_are_blanked() -> None:
    text = (
        "Le convoi comptait 14 camions.\n\nA voir aussi\nMoldavie : 9 villages privés d'électricité\n"
        "Arctique : la flotte du Nord manœuvre\n\nLe maire a salué 80 bénévoles.\n"
    )
    blocked = [text[s:e] for s, e in ingest.link_blocks(text)]
    assert blocked == ["Moldavie : 9 villages privés d'électricité", "Arctique : la flotte du Nord manœuvre"]


def test_a_heading_followed_by_prose_blanks_nothing() -> None:
    text = "Lire aussi\nLe gouvernement a débloqué 3 millions d'euros pour les sinistrés.\n"
    assert ingest.link_blocks(text) == []


# --- figures -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def figs(parse: Any):
    """Quantity claims of a made-up text."""

    def _figs(text: str) -> dict[str, Claim]:
        ctx = ArticleContext(article_id="t", text=text, published="2025-03")
        return {c.text: c for c in quantities.extract(parse(text), ctx)}

    return _figs


@pytest.mark.parametrize(
    ("sentence", "text", "value", "low", "high"),
    [
        ("Le canton a accueilli 2'400 réfugiés l'an passé.", "2'400 réfugiés", 2400, None, None),
        ("Entre 6'000 et 7'500 manifestants ont défilé.", "Entre 6'000 et 7'500 manifestants", None, 6000, 7500),
        ("La facture atteint 1’250 francs par ménage.", "1’250 francs", 1250, None, None),
    ],
)
def test_swiss_thousands(figs: Any, sentence: str, text: str, value: Any, low: Any, high: Any) -> None:
    claim = figs(sentence)[text]
    assert (claim.value, claim.low, claim.high) == (value, low, high)


@pytest.mark.parametrize(
    "sentence",
    [
        "La permanence est ouverte de 9 h à 12 h le samedi.",
        "Les dons sont collectés entre 14 heures et 17 heures à la mairie.",
        "Le musée ouvre de 10 h - 18 h tout l'été.",
        "Il vous reste 58% de cet article à lire.",
    ],
)
def test_opening_hours_and_paywalls_are_no_figures(figs: Any, sentence: str) -> None:
    assert figs(sentence) == {}


def test_a_duration_in_hours_stays_a_figure(figs: Any) -> None:
    assert figs("Les secouristes ont travaillé 36 heures sans relâche.")["36 heures"].unit == "hours"


def test_square_kilometres_and_measures(figs: Any) -> None:
    found = figs("L'armée a repris 1 200 kilomètres carrés et tiré des obus de 155 mm destinés aux positions adverses.")
    assert found["1 200 kilomètres carrés"].unit == "km2"
    assert "155 mm" not in found  # the calibre of the shells, no count


def test_a_participle_standing_for_its_noun_counts_nothing(figs: Any) -> None:
    found = figs("La défense a détruit 41 missiles sur un total de 56 tirés par l'ennemi.")
    assert "41 missiles" in found
    assert not [t for t in found if t.startswith("56")]


# --- who asserts it ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def source(parse: Any):
    """asserted_by of the first occurrence of `part`."""

    def _source(text: str, part: str) -> str | None:
        doc = parse(text)
        start = text.index(part)
        return attribution.attribute(doc, start, start + len(part))[0]

    return _source


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Le porte-parole, Tomas Kral, a précisé la semaine dernière que 300 gardes étaient partis.",
         "300 gardes", "Tomas Kral"),
        ("Des renforts sont arrivés à Tallinn, a annoncé jeudi le ministère estonien, qui évalue à 900 le nombre "
         "de soldats.", "900 le nombre de soldats", "le ministère estonien"),
        ("Il a été annoncé par les garde-côtes que 45 migrants avaient été secourus.", "45 migrants",
         "les garde-côtes"),
        ("Il a été rapporté que 12 navires avaient quitté le port.", "12 navires", None),
        ("Selon les chiffres les plus récents, 7 000 personnes ont fui.", "7 000 personnes",
         "les chiffres les plus récents"),
    ],
)
def test_dates_and_objects_are_not_inverted_subjects(source: Any, text: str, part: str, expected: str) -> None:
    assert source(text, part) == expected


@pytest.mark.parametrize(
    ("text", "part", "wrong"),
    [
        ("La commissaire, Anna Berg, a estimé le 9 mai que la mission durerait.", "le 9 mai", "le 9 mai"),
        ("Le commandant, Piet Vos, a dénoncé mardi un « pilonnage » le 2 avril.", "mardi", "un"),
        ("La députée, Eva Lind, a rappelé le mois dernier sur une radio que 30 élus avaient signé.", "30 élus",
         "le mois dernier"),
    ],
)
def test_what_follows_a_verb_of_saying_is_not_its_subject(source: Any, text: str, part: str, wrong: str) -> None:
    assert source(text, part) != wrong


def test_a_hyphenated_name_is_kept_whole(source: Any) -> None:
    text = "Le ministre de l'Unification Kim Yeon-chul a dit qu'il avait reçu 3 délégations."
    assert source(text, "3 délégations") == "Le ministre de l'Unification Kim Yeon-chul"


# --- dates ---------------------------------------------------------------------------------------------


def test_a_planned_event_is_dated_on_the_nearest_side(parse: Any) -> None:
    text = "Il a rappelé que le sommet, prévu le 15 février, réunira les alliés."
    ctx = ArticleContext(article_id="t", text=text, published="2024-12-20")
    found = {c.text: c.date for c in dates.extract(parse(text), ctx)}
    assert found["le 15 février"] == "2025-02-15"


# --- quotes --------------------------------------------------------------------------------------------


def quote_claims(parse: Any, text: str) -> list[Claim]:
    return quotes.extract(parse(text), ArticleContext(article_id="t", text=text, published=None))


def test_a_subject_before_the_comma_is_no_incise(parse: Any) -> None:
    text = ("La préfète, qui a visité le camp lundi, a promis une aide de 2 000 euros. "
            "Elle a assuré que les familles seraient relogées avant l'hiver.")
    found = quote_claims(parse, text)
    assert not [c for c in found if "aide" in (c.speaker or "")]
    assured = [c for c in found if "relogées" in c.quote]
    assert assured and assured[0].speaker == "La préfète"


def test_a_pronoun_does_not_take_a_speaker_of_the_other_gender(parse: Any) -> None:
    text = ("Pour le chercheur Marc Olivier, « la frontière reste poreuse ». "
            "Le 2 mars, la ministre lettone de l'Intérieur, Ilze Kalnina, était reçue à Varsovie par son homologue. "
            "Elle a déclaré que son pays fermerait « tous les points de passage ».")
    found = quote_claims(parse, text)
    closing = [c for c in found if "points de passage" in c.quote]
    assert closing and {c.speaker for c in closing} == {"Ilze Kalnina"}


def test_a_day_after_the_speaker_is_not_part_of_the_name(parse: Any) -> None:
    text = "Les pourparlers reprendront en mai, a indiqué l'agence de presse finlandaise mercredi."
    found = quote_claims(parse, text)
    assert found and found[0].speaker == "l'agence de presse finlandaise"


def test_a_wire_dateline_is_nobodys_words(parse: Any) -> None:
    text = "OSLO, 4 mars (AFP) - Deux frégates ont quitté le port, a affirmé lundi la marine norvégienne."
    masked = text.replace("OSLO, 4 mars (AFP) -", " " * len("OSLO, 4 mars (AFP) -"))
    doc = parse(masked)
    found = quotes.extract(doc, ArticleContext(article_id="t", text=text, published=None))
    assert found and found[0].quote.startswith("Deux frégates")


def test_an_organisation_after_a_title_is_not_a_person(parse: Any) -> None:
    text = "« Les détenus sont privés de soins », affirme une juriste d'Amnesty International France."
    found = quote_claims(parse, text)
    assert found and found[0].speaker == "une juriste d'Amnesty International France"


def test_an_institution_before_a_name_is_dropped(parse: Any) -> None:
    text = "Le porte-parole du Pentagone Sabrina Singh a déclaré que les troupes étaient arrivées."
    found = quote_claims(parse, text)
    assert found and found[0].speaker == "Sabrina Singh"


def test_hyphenated_weapons_and_demonyms_are_counted(figs: Any) -> None:
    found = figs("Pyongyang a livré 24 lance-roquettes et 9 obusiers, et Séoul estime à 6.000 le nombre de "
                 "Nord-Coréens déployés.")
    assert found["24 lance-roquettes"].unit == "weapons"
    assert found["9 obusiers"].unit == "weapons"
    demonyms = [c for t, c in found.items() if t.startswith("6.000")]
    assert demonyms and demonyms[0].value == 6000 and demonyms[0].unit == "people"


def test_a_date_between_the_verb_and_its_subject_is_skipped(source: Any) -> None:
    text = "Au moins 900 soldats ont été blessés, a déclaré le 3 avril M. Kowalski."
    assert source(text, "900 soldats") == "M. Kowalski"


@pytest.mark.parametrize(
    ("sentence", "text", "value", "qualifier"),
    [
        ("Plus d'un millier de réservistes sont partis.", "Plus d'un millier de réservistes", 1000, "at_least"),
        ("Près d'une centaine de blindés ont été détruits.", "Près d'une centaine de blindés", 100, "approx"),
        ("L'envoi d'une vingtaine de drones a été confirmé.", "une vingtaine de drones", 20, "approx"),
    ],
)
def test_elided_approximate_counts(figs: Any, sentence: str, text: str, value: int, qualifier: str) -> None:
    claim = figs(sentence)[text]
    assert (claim.value, claim.qualifier) == (value, qualifier)


def test_a_number_after_a_weekday_and_a_comma_is_a_count(figs: Any) -> None:
    found = figs("Dans la nuit de jeudi à vendredi, 27 drones ont visé la capitale.")
    assert found["27 drones"].value == 27
    assert figs("Vendredi 27 juin, la session a repris.") == {}


def test_a_headline_names_its_speaker_before_a_colon(parse: Any) -> None:
    text = ("09h12 - Stoltenberg : « L'Alliance doit rester unie »\n"
            "Mer Noire : « une zone de guerre »\n"
            "Jens Stoltenberg a parlé devant les ministres à Bruxelles.\n")
    found = {c.quote: c.speaker for c in quote_claims(parse, text)}
    assert found.get("L'Alliance doit rester unie") in {"Stoltenberg", "Jens Stoltenberg"}
    assert "une zone de guerre" not in found


def test_belgian_and_swiss_number_words(figs: Any) -> None:
    found = figs("Le contingent belge compte septante-cinq soldats et nonante observateurs.")
    assert found["septante-cinq soldats"].value == 75
    assert found["nonante observateurs"].value == 90


def test_a_swiss_publication_stamp_is_furniture() -> None:
    text = "Le Conseil fédéral a débloqué 30 millions.\nPublié: 05.11.2024, 14:32\n"
    assert [text[s:e] for s, e in ingest.find_furniture(text)] == ["Publié: 05.11.2024, 14:32"]


def test_a_wire_dateline_without_a_date_is_furniture() -> None:
    text = "Riga (AFP) - Quelque 300 soldats lettons ont rejoint l'exercice.\n"
    assert [text[s:e] for s, e in ingest.find_furniture(text)] == ["Riga (AFP) -"]


# --- second round: interview, Canadian outlet, explainer, fact-check, casualty count -------------------


def test_fact_check_article(outlet: Any) -> None:
    found = outlet("12-fact-check.md")
    refuted = [c for c in found if c.kind == "quantity" and c.value in {100_000, 500} and c.qualifier is None]
    assert refuted and all(c.hedged for c in refuted)  # "il n'y a pas 100 000 soldats", "n'a pas livré 500 chars"
    assert all(c.asserted_by != "VRAI OU FAUX" for c in found)  # the kicker opening the lead
    estimate = next(c for c in found if c.text == "environ 11 000 soldats")
    assert estimate.asserted_by == "Les estimations disponibles"  # "font état d'environ 11 000 soldats"
    assert not estimate.hedged


def test_casualty_article(outlet: Any) -> None:
    found = outlet("13-bilan-pertes.md")
    figs = figures(found)
    killed = figs["au moins 200 tués"]
    assert (killed.qualifier, killed.asserted_by) == ("at_least", "Le renseignement militaire ukrainien")
    assert figs["Une trentaine de soldats nord-coréens"].hedged  # "auraient aussi été faits prisonniers"
    assert figs["au moins 3 000 soldats nord-coréens"].asserted_by == "le président Volodymyr Zelensky"
    isw = quoted(found, "en colonnes")
    assert isw and {c.speaker for c in isw} == {"L'Institut pour l'étude de la guerre"}


def test_interview_article(outlet: Any) -> None:
    found = outlet("09-entretien-hebdo.md")
    for claim in found:
        assert claim.asserted_by not in {"on", "m'", "ENTRETIEN"}, claim
    arms = quoted(found, "bras croisés")
    assert arms and {c.speaker for c in arms} == {"un diplomate sud-coréen"}  # "», m'a confié un diplomate"


def test_explainer_article(outlet: Any) -> None:
    found = outlet("11-explainer-chiffres.md")
    figs = figures(found)
    assert "20 heures" not in figs  # "Le journal de 20 heures": a broadcast, not a duration
    assert figs["600 km²"].unit == "km2"
    assert not [c for c in found if c.kind == "quantity" and c.value == 1953]
    box = next(c for t, c in figs.items() if t.startswith("11.000 : nombre de soldats"))
    assert (box.value, box.asserted_by) == (11000, "Séoul")
    oil = figs["plus d'un million de barils de pétrole"]
    assert (oil.value, oil.qualifier, oil.hedged) == (1_000_000, "at_least", True)


def test_canadian_outlet(outlet: Any) -> None:
    found = outlet("10-presse-canadienne.md")
    figs = figures(found)
    assert figs["quelque 11 000 soldats nord-coréens"].asserted_by == "le renseignement sud-coréen"
    assert figs["4 milliards de dollars"].value == 4_000_000_000
    assert "Avec La Presse Canadienne" not in {c.asserted_by for c in found}
    assert figs["au moins 8 000 de ces soldats"].counted == "soldats"


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("Non : il n'y a pas 40 000 réfugiés dans le camp, seulement quelques centaines.", "40 000 réfugiés"),
        ("Le ministère n'a jamais commandé 300 blindés, contrairement à la rumeur.", "300 blindés"),
        ("Ce n'est pas 2 000 manifestants qui ont défilé, mais 800.", "2 000 manifestants"),
    ],
)
def test_a_figure_a_negated_verb_governs_is_hedged(parse: Any, sentence: str, part: str) -> None:
    doc = parse(sentence)
    start = sentence.index(part)
    assert attribution.attribute(doc, start, start + len(part))[1]


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("Au moins 70 soldats n'ont pas survécu à l'assaut.", "70 soldats"),
        ("La marine a intercepté 12 drones, qui n'ont pas atteint leur cible.", "12 drones"),
    ],
)
def test_a_figure_that_is_subject_of_a_negated_verb_stays_firm(parse: Any, sentence: str, part: str) -> None:
    doc = parse(sentence)
    start = sentence.index(part)
    assert not attribution.attribute(doc, start, start + len(part))[1]


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("La police lituanienne fait état de 14 interpellations après la manifestation.", "14 interpellations",
         "La police lituanienne"),
        ("Mardi, le parquet de Varsovie a fait état d'une cinquantaine de plaintes.", "une cinquantaine de plaintes",
         "le parquet de Varsovie"),
        ("Des informations font état de 300 morts dans le village.", "300 morts", None),
    ],
)
def test_faire_etat_names_its_subject_as_source(source: Any, text: str, part: str, expected: str | None) -> None:
    assert source(text, part) == expected


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("On évoque un budget d'environ 4 000 euros par famille.", "environ 4 000 euros"),
        ("« Nous en avons compté 60 », m'a raconté un infirmier la semaine dernière.", "la semaine dernière"),
    ],
)
def test_a_nameless_pronoun_is_no_source(source: Any, text: str, part: str) -> None:
    assert source(text, part) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Le journal de 20 heures a diffusé un reportage sur le camp.",
        "Elle était l'invitée de la matinale de 8 h sur une radio publique.",
        "Le JT de 13 heures a ouvert sur les inondations.",
    ],
)
def test_a_broadcast_named_by_its_time_is_no_duration(figs: Any, sentence: str) -> None:
    assert figs(sentence) == {}


def test_a_meeting_of_three_hours_stays_a_duration(figs: Any) -> None:
    assert figs("Une réunion de 3 heures a eu lieu à l'état-major.")["3 heures"].unit == "hours"


@pytest.mark.parametrize(
    "text",
    ["DÉCRYPTAGE - Les chiffres du conflit restent flous.\n", "VRAI OU FAUX - Une vidéo circule depuis lundi.\n"],
)
def test_a_kicker_in_capitals_is_furniture(text: str) -> None:
    assert [text[s:e] for s, e in ingest.find_furniture(text)] == [text[: text.index("-") + 2]]


def test_a_capitalised_word_in_a_sentence_is_no_kicker() -> None:
    text = "Selon l'OTAN - et ses alliés - 50 navires patrouillent.\n"
    assert ingest.find_furniture(text) == ()


@pytest.mark.parametrize(
    ("text", "refuted"),
    [
        ("Un message viral affirme que 5 000 mercenaires sont arrivés. C'est faux.", True),
        ("Une vidéo montrerait 40 missiles tirés en une nuit. Faux : elle date de 2019.", True),
        ("Le bilan fait état de 40 missiles tirés en une nuit. Faux départ pour la trêve.", False),
        ("Le bilan fait état de 40 missiles tirés en une nuit. C'est le plus lourd depuis l'été.", False),
    ],
)
def test_a_figure_the_next_sentence_calls_false_is_hedged(parse: Any, text: str, refuted: bool) -> None:
    doc = parse(text)
    match = re.search(r"\d[\d ]* \w+", text)
    assert match
    assert attribution.attribute(doc, match.start(), match.end())[1] is refuted


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("« Les stocks sont vides », m'a confié un officier lituanien.", "stocks", "un officier lituanien"),
        ("« On tient la ligne », nous a expliqué Oleh Bondar au téléphone.", "ligne", "Oleh Bondar"),
        ("« Rien n'est décidé », a souligné un conseiller du ministre la semaine dernière.", "décidé",
         "un conseiller du ministre"),
        ("« La trêve est fragile », lui a répondu la diplomate le lendemain.", "trêve", "la diplomate"),
    ],
)
def test_an_incise_told_to_the_reporter_names_the_speaker(parse: Any, text: str, words: str, speaker: str) -> None:
    found = [c for c in quote_claims(parse, text) if words in c.quote]
    assert found and {c.speaker for c in found} == {speaker}


@pytest.mark.parametrize(
    ("sentence", "text", "value", "qualifier", "counted"),
    [
        ("Selon l'agence, plus d'un million de barils ont été livrés.", "plus d'un million de barils", 1_000_000,
         "at_least", "barils"),
        ("Près d'un milliard d'euros a été débloqué.", "Près d'un milliard d'euros", 1_000_000_000, "approx", "euros"),
        ("Au moins 400 de ces réservistes ont été rappelés.", "Au moins 400 de ces réservistes", 400, "at_least",
         "réservistes"),
        ("Quelque 90 de ses marins sont restés à quai.", "Quelque 90 de ses marins", 90, "approx", "marins"),
    ],
)
def test_elided_millions_and_counts_out_of_a_group(
    figs: Any, sentence: str, text: str, value: int, qualifier: str, counted: str
) -> None:
    claim = figs(sentence)[text]
    assert (claim.value, claim.qualifier, claim.counted) == (value, qualifier, counted)


def test_a_count_out_of_these_last_ones_counts_nothing(figs: Any) -> None:
    assert figs("Le ministre a reçu 12 de ces derniers.") == {}


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("L'Office pour la protection des réfugiés a estimé que les frappes allaient s'intensifier.", "frappes",
         "L'Office pour la protection des réfugiés"),
        ("Le Centre pour les droits civiques (CDC), établi à Vilnius, a affirmé que les détenus étaient maltraités.",
         "détenus", "Le Centre pour les droits civiques"),
        ("La Fondation pour la recherche stratégique a jugé que la menace restait « sérieuse ».", "menace",
         "La Fondation pour la recherche stratégique"),
    ],
)
def test_a_body_named_with_pour_is_kept_whole(parse: Any, text: str, words: str, speaker: str) -> None:
    found = [c for c in quote_claims(parse, text) if words in c.quote]
    assert found and {c.speaker for c in found} == {speaker}


def test_a_vote_for_a_party_does_not_join_the_voter(parse: Any) -> None:
    text = "Le maire a voté pour le Parti vert, qui a dit que la réforme était injuste."
    assert all(c.speaker != "maire a voté pour le Parti vert" for c in quote_claims(parse, text))


def test_a_key_figures_box_names_its_counted_noun_after_the_colon(figs: Any) -> None:
    found = figs(
        "Les chiffres clés\n- 4.500 : nombre de réfugiés accueillis, selon la préfecture\n"
        "- 2019 : année de l'accord\n• 17 : nombre de villages évacués\n"
    )
    refugees = found["4.500 : nombre de réfugiés accueillis"]
    assert (refugees.value, refugees.counted, refugees.asserted_by) == (4500, "réfugiés accueillis", "la préfecture")
    assert found["17 : nombre de villages évacués"].value == 17
    assert not [c for c in found.values() if c.value == 2019]


def test_a_colon_inside_a_sentence_is_no_key_figure(figs: Any) -> None:
    assert figs("Le bilan, 300 : nombre de morts selon certains, reste flou.") == {}


def date_claims(parse: Any, text: str, published: str) -> dict[str, str | None]:
    ctx = ArticleContext(article_id="t", text=text, published=published)
    return {c.text: c.date for c in dates.extract(parse(text), ctx)}


def test_a_date_alone_on_its_line_is_a_heading(parse: Any) -> None:
    text = (
        "Jeudi 6 mars 2025\n\n09h10 - Les négociations reprennent à Genève.\n\n"
        "Mercredi 5 mars 2025 :\n\n21h40 - Le sommet du 3 mars a été reporté au 12 mars.\n"
    )
    found = date_claims(parse, text, "2025-03-06")
    assert "Jeudi 6 mars 2025" not in found and "6 mars 2025" not in found
    assert "5 mars 2025" not in found
    assert found["3 mars"] == "2025-03-03"


def test_a_date_inside_a_line_stays_a_claim(parse: Any) -> None:
    found = date_claims(parse, "L'accord a été signé le 6 mars 2025 à Genève.\n", "2025-03-10")
    assert "2025-03-06" in found.values()


@pytest.mark.parametrize(
    ("text", "ending"),
    [
        ("La garde-côte a indiqué que quelque 40 migrants\navaient été secourus au large.", "secourus au large"),
        ("Le général a assuré que la brigade,\nrenforcée depuis mars, tiendrait la ville.", "tiendrait la ville"),
    ],
)
def test_a_sentence_wrapped_onto_the_next_line_keeps_its_quote_whole(parse: Any, text: str, ending: str) -> None:
    found = quote_claims(parse, text)
    assert found and found[0].quote.endswith(ending)


def test_a_line_that_starts_a_new_sentence_ends_the_quote(parse: Any) -> None:
    text = "Le maire a affirmé que les travaux avanceraient\nLa rue restera fermée jusqu'en mai.\n"
    found = quote_claims(parse, text)
    assert found and "rue" not in found[0].quote


def test_a_conditional_the_tagger_misreads_still_hedges(source: Any, parse: Any) -> None:
    text = "Le chef de l'armée a avancé un chiffre précis : 11 000 soldats se trouveraient déjà à Koursk, a-t-il dit."
    doc = parse(text)
    start = text.index("11 000 soldats")
    assert attribution.attribute(doc, start, start + len("11 000 soldats"))[1]


def test_the_speakers_own_lead_in_before_a_colon_is_no_quote(parse: Any) -> None:
    text = "La ministre Eva Lind a livré son estimation : 300 soldats sont encore bloqués, a-t-elle précisé."
    found = quote_claims(parse, text)
    assert found and found[0].quote == "300 soldats sont encore bloqués"


def test_a_lead_in_without_the_speaker_stays_in_the_quote(parse: Any) -> None:
    found = quote_claims(parse, "Le bilan : 40 morts et 12 blessés, a annoncé la préfecture.")
    assert found and found[0].quote.startswith("Le bilan")


# --- labels, hypotheses, interview answers, rootless dates -------------------------------------------


def test_a_label_given_is_no_indirect_quote(parse: Any) -> None:
    text = "La maire Inès Caron a qualifié la fermeture de l'usine de « gâchis industriel » devant les salariés."
    found = quote_claims(parse, text)
    assert [(c.quote, c.direct) for c in found] == [("gâchis industriel", True)]
    assert found[0].speaker == "Inès Caron"


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("Le régime pourrait, à terme, réquisitionner jusqu'à 40 000 ouvriers si l'embargo se prolonge.",
         "40 000 ouvriers"),
        ("La flotte devrait, selon l'amirauté, aligner 12 frégates neuves.", "12 frégates"),
    ],
)
def test_a_modal_set_apart_by_an_adverbial_still_hedges(source: Any, parse: Any, sentence: str, part: str) -> None:
    doc = parse(sentence)
    start = sentence.index(part)
    assert attribution.attribute(doc, start, start + len(part))[1]


@pytest.mark.parametrize(
    ("sentence", "part", "hedged"),
    [
        ("Si 30 000 réservistes venaient à être rappelés, l'économie en souffrirait.", "30 000 réservistes", True),
        ("Si la Moldavie accueille 8 000 réfugiés de plus, ses écoles devront ouvrir des classes.", "8 000 réfugiés",
         True),
        ("Si la crue se prolonge, la commune aura besoin de 200 sacs de sable.", "200 sacs", True),
        ("La préfecture n'a pas précisé si 40 familles avaient été relogées.", "40 familles", True),
        ("Même si 600 policiers sont mobilisés, la manifestation sera longue.", "600 policiers", False),
        ("Si le club comptait 900 adhérents en 2019, il en compte 2 000 membres aujourd'hui.", "900 adhérents", False),
        ("Les 70 camions sont arrivés lundi, et si la route reste ouverte, d'autres suivront.", "70 camions", False),
    ],
)
def test_a_figure_in_a_hypothesis_is_hedged(parse: Any, sentence: str, part: str, hedged: bool) -> None:
    doc = parse(sentence)
    start = sentence.index(part)
    assert attribution.attribute(doc, start, start + len(part))[1] is hedged


def test_an_interview_answer_counts_what_the_question_asked(figs: Any) -> None:
    found = figs("— Combien de blessés ont été soignés au dispensaire ?\n\n— Près de 250, d'après le médecin-chef.\n")
    answer = found["Près de 250"]
    assert (answer.value, answer.qualifier, answer.counted, answer.unit) == (250, "approx", "blessés", "wounded")
    assert answer.sentence == "— Près de 250, d'après le médecin-chef."


@pytest.mark.parametrize(
    "text",
    [
        "— Combien de temps faudra-t-il ?\n\n— Environ 3, peut-être plus.\n",  # not "combien de" + a counted noun
        "— Quel est le bilan ?\n\n— Environ 300, selon la mairie.\n",  # no "combien de": what it counts is unsaid
        "— Combien de blessés ?\n\n— Le dispensaire en a soigné 250 hier.\n",  # the figure does not open the answer
    ],
)
def test_an_answer_without_its_question_counts_nothing(figs: Any, text: str) -> None:
    assert not [c for c in figs(text).values() if c.value in (3, 300)]


def test_a_date_the_parser_hangs_on_no_verb_takes_the_sentences_tense(parse: Any) -> None:
    text = "Les deux pêcheurs, faits prisonniers le 9 janvier au large, ont été libérés par les garde-côtes."
    assert date_claims(parse, text, "2024-12-30")["le 9 janvier"] == "2024-01-09"


def test_fixture_labels_and_hypotheses(outlet: Any) -> None:
    rutte = [c for c in outlet("08-chaine-tele.md") if c.kind == "quote" and "escalade significative" in c.quote]
    assert rutte and all(c.direct for c in rutte)  # "a qualifié ce déploiement d'« … »": no indirect quote
    hypothesis = figures(outlet("12-fact-check.md"))["jusqu'à 100 000 hommes"]
    assert hypothesis.hedged  # "Pyongyang pourrait, à terme, mobiliser jusqu'à 100 000 hommes"
    answer = figures(outlet("09-entretien-hebdo.md"))["Environ 11 000"]
    assert (answer.value, answer.unit) == (11000, "soldiers")


# --- press review, press conference ------------------------------------------------------------------


def test_press_review(outlet: Any) -> None:
    found = outlet("14-revue-de-presse.md")
    figs = figures(found)
    post = figs["plus de 10 000 soldats nord-coréens"]
    assert (post.asserted_by, post.hedged) == ("le Washington Post", True)
    assert figs["3 000 soldats supplémentaires"].asserted_by == "un diplomate allemand"  # "selon lequel Berlin …"
    assert figs["jusqu'à 100 000 hommes"].hedged  # "« jusqu'à 100 000 hommes » pourraient être mobilisés"
    alliance = quoted(found, "escalade dangereuse")
    assert alliance and all(c.direct and c.speaker == "l'Alliance" for c in alliance)


def test_press_conference(outlet: Any) -> None:
    found = outlet("15-conference-de-presse.md")
    general = quoted(found, "cela veut dire entre 10 000 et 12 000")
    assert general and {c.speaker for c in general} == {"Hélène Morin"}  # "a-t-elle poursuivi"
    kremlin = quoted(found, "informations mensongères")
    assert kremlin and {c.speaker for c in kremlin} == {"Laurent Vasseur"}  # "», a rétorqué le ministre": the one
    for claim in found:
        assert not (claim.asserted_by or "").startswith("«"), claim  # a quotation mark is nobody
    assert figures(found)["20 000 hommes"].hedged  # "Si Pyongyang envoie 20 000 hommes de plus, … se posera"


def test_a_source_named_by_selon_lequel_is_the_noun_before(source: Any) -> None:
    text = "Le rapport de l'ONU, selon lequel 400 civils ont été tués, sera publié lundi."
    assert source(text, "400 civils") == "Le rapport de l'ONU"


def test_a_pronoun_finds_a_woman_the_tagger_read_as_a_man(parse: Any) -> None:
    text = ("La ministre de la Santé, Hélène Faure, a visité le camp. Interrogée sur les moyens, "
            "Hélène Faure a reconnu des retards. « Nous manquons de tentes », a-t-elle expliqué.")
    found = [c for c in quote_claims(parse, text) if "tentes" in c.quote]
    assert found and found[0].speaker == "Hélène Faure"


def test_a_quoted_subject_is_no_antecedent(source: Any) -> None:
    text = ("« Si Bruxelles bloque 20 camions, la question se posera », a-t-il averti, sans préciser la suite.\n\n"
            "Il a annoncé que la région recevrait 12 ambulances.")
    assert source(text, "12 ambulances") != "« Si Bruxelles"


def test_west_african_outlet(outlet: Any) -> None:
    found = outlet("16-presse-africaine.md")
    figs = figures(found)
    assert figs["quelque 11 000 soldats nord-coréens"].asserted_by == "le renseignement sud-coréen"
    assert figs["15 %"].asserted_by == "Mamadou Diagne"  # "Selon lui" after « … », explique-t-il: not quoted words
    assert figs["environ 2 000 le nombre d'hommes"].asserted_by == "Fatou Ndiaye"  # not her institute
    officer = quoted(found, "ne viendront pas en Afrique")
    assert officer and {c.speaker for c in officer} == {"Un ancien officier de l'armée ivoirienne"}
    assert not [c for c in found if c.kind == "date" and c.text == "aujourd'hui"]  # "aujourd'hui consultant"


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Selon les données publiées par l'Unicef, 400 enfants ont été vaccinés.", "400 enfants", "l'Unicef"),
        ("D'après le bilan dressé par la préfecture, 40 maisons ont brûlé.", "40 maisons", "la préfecture"),
        ("Selon les chiffres officiels, 400 enfants ont été vaccinés.", "400 enfants", "les chiffres officiels"),
        ("Selon une source policière citée par la presse, 40 blessés ont été soignés.", "40 blessés",
         "une source policière"),
    ],
)
def test_figures_given_by_someone_name_that_someone(source: Any, text: str, part: str, expected: str) -> None:
    assert source(text, part) == expected


def test_an_unnamed_person_just_before_is_the_pronouns_speaker(parse: Any) -> None:
    text = ("Le maire Paul Roy a promis d'agir. Une ancienne diplomate du ministère, aujourd'hui retraitée, "
            "reste sceptique. « Les promesses ne soignent personne. Il faut des médecins », lance-t-elle.")
    found = [c for c in quote_claims(parse, text) if "promesses" in c.quote]
    assert found and found[0].speaker == "Une ancienne diplomate du ministère"
    assert "aujourd'hui" not in date_claims(parse, text, "2025-03-10")


def test_today_with_a_verb_stays_a_date(parse: Any) -> None:
    assert date_claims(parse, "Le ministre a annoncé, aujourd'hui, la fermeture du site.", "2025-03-10")[
        "aujourd'hui"] == "2025-03-10"


def test_op_ed_with_scenarios(outlet: Any) -> None:
    found = outlet("17-tribune.md")
    figs = figures(found)
    for scenario in ("50 000 soldats nord-coréens", "2 millions d'obus", "10 000 hommes"):
        assert figs[scenario].hedged, scenario  # "Si … venaient", "Imaginons que …", "Si … obtenait …, elle garderait"
    assert not figs["plus de 120 milliards d'euros"].hedged
    assert figs["11 000 le nombre de ces soldats"].asserted_by == "Les services sud-coréens"
    assert not [c for c in found if c.kind == "quote" and c.speaker == "l'industrie européenne"]  # ce que
    assert not [c for c in found if c.kind == "date" and c.text == "aujourd'hui"]  # "plus cher qu'aujourd'hui"


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("Imaginons que la ville accueille 5 000 réfugiés dès l'hiver.", "5 000 réfugiés"),
        ("Supposons un instant que l'armée perde 200 chars.", "200 chars"),
        ("Dans l'hypothèse où 3 000 soldats seraient rappelés, la frontière serait dégarnie.", "3 000 soldats"),
    ],
)
def test_a_scenario_the_writer_builds_is_hedged(parse: Any, sentence: str, part: str) -> None:
    doc = parse(sentence)
    start = sentence.index(part)
    assert attribution.attribute(doc, start, start + len(part))[1]


def test_a_count_of_these_named_after_le_nombre_de(figs: Any) -> None:
    found = figs("La mairie évalue à 1 200 le nombre de ces sinistrés.")
    assert found["1 200 le nombre de ces sinistrés"].counted == "sinistrés"


def test_a_percentage_below_one_is_a_figure(figs: Any) -> None:
    assert figs("Le budget ne représente que 0,4 % de la richesse nationale.")["0,4 %"].value == 0.4


def test_what_someone_promised_named_by_ce_que_is_no_quote(parse: Any) -> None:
    text = "Le chantier a coûté le double de ce que le maire promettait de dépenser en 2020."
    assert quote_claims(parse, text) == []


def test_relative_dates_and_ranges(outlet: Any) -> None:
    found = outlet("18-dates-relatives.md")  # published Wednesday 20 November 2024
    dated = {c.text: c.date for c in found if c.kind == "date"}
    assert dated["Il y a deux mois"] == "2024-09"
    assert dated["début octobre"] == dated["mi-octobre"] == dated["Fin octobre"] == "2024-10"
    assert dated["la semaine dernière"] == "2024-11-11/2024-11-17"
    assert dated["fin 2025"] == "2025"
    assert dated["le 27 novembre"] == "2024-11-27"
    figs = figures(found)
    assert (figs["entre 10 000 et 12 000 soldats"].low, figs["entre 10 000 et 12 000 soldats"].high) == (10000, 12000)
    assert figs["quelque 3 000 hommes transférés"].qualifier == "approx"
    assert figs["Près d'un millier de soldats nord-coréens"].asserted_by == "une source militaire ukrainienne"
    assert figs["près de 1 300 kilomètres carrés"].asserted_by == "les estimations d'un institut américain"
    assert not [c for c in found if c.kind == "quantity" and c.text.startswith("des dizaines")]  # vague
    soldiers = {c.text for c in found if c.kind == "quantity" and c.unit == "soldiers"}
    assert not soldiers & {"environ 2 000 dollars", "80 %", "près de 1 %", "environ 40 kilomètres de large"}


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Le pont a été détruit il y a trois semaines.", "il y a trois semaines", "2025-02-17/2025-02-23"),
        ("Il y a 10 jours, la digue a cédé.", "Il y a 10 jours", "2025-02-28"),
        ("La ville a été reprise il y a un an.", "il y a un an", "2024"),
    ],
)
def test_a_time_ago_is_counted_back_from_publication(parse: Any, text: str, expression: str, expected: str) -> None:
    assert date_claims(parse, text, "2025-03-10")[expression] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Il y a 3 000 sinistrés dans la vallée.",
        "Il y a quelques jours, la digue a cédé.",
        "Il y a deux ans que le chantier dure.",
        "Les blindés avancent comme il y a 80 ans.",
    ],
)
def test_figures_and_comparisons_after_il_y_a_are_no_dates(parse: Any, text: str) -> None:
    assert not [t for t in date_claims(parse, text, "2025-03-10") if t.lower().startswith("il y a")]


def test_the_day_a_warning_was_given_is_no_hypothesis(parse: Any) -> None:
    text = "Le préfet a averti lundi que les digues seraient renforcées si la crue montait encore."
    doc = parse(text)
    start = text.index("lundi")
    assert not attribution.attribute(doc, start, start + len("lundi"))[1]


def test_a_pronoun_does_not_reach_past_a_paragraph_that_brought_someone_in(parse: Any) -> None:
    text = ("« Le port sera fermé », a déclaré le gouverneur Marc Olsen.\n\n"
            "Le quotidien local publie le récit d'un docker licencié. « On nous a prévenus la veille », raconte-t-il.")
    assert not [c for c in quote_claims(parse, text) if "veille" in c.quote and c.speaker == "Marc Olsen"]


def test_a_pronoun_opening_a_paragraph_still_finds_the_speaker_before(parse: Any) -> None:
    text = ("« Le port sera fermé », a déclaré le gouverneur Marc Olsen.\n\n"
            "« Les dockers seront indemnisés », a-t-il ajouté.")
    found = [c for c in quote_claims(parse, text) if "indemnisés" in c.quote]
    assert found and found[0].speaker == "Marc Olsen"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("« Les loyers ont doublé », explique la maire Anne Roux.", "Anne Roux"),
        ("« Le pont restera fermé », indique la préfecture.", "la préfecture"),
        ("La ministre Eva Lind a visité le port. « Les quais seront rénovés », explique-t-elle.", "Eva Lind"),
    ],
)
def test_verbs_whose_present_ends_like_a_participle_introduce_quotes(parse: Any, text: str, speaker: str) -> None:
    found = [c for c in quote_claims(parse, text) if c.direct]
    assert found and found[0].speaker == speaker


def test_a_time_alone_before_the_verb_is_no_speaker(parse: Any) -> None:
    text = "Une étude publiée la semaine dernière indique que 40 % des ménages ont réduit leur chauffage."
    assert all(c.speaker != "la semaine dernière" for c in quote_claims(parse, text))


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("Mardi, la mairie a voté le budget. Samedi soir, un arbre est tombé sur la route.", "Samedi", "2025-03-08"),
        ("Les pompiers sont partis samedi.", "samedi", "2025-03-08"),
        ("Le musée est fermé samedi.", "samedi", "2025-03-15"),  # a state, not a compound past
    ],
)
def test_a_compound_past_the_tagger_reads_as_an_adjective_dates_back(
    parse: Any, text: str, expression: str, expected: str
) -> None:
    assert date_claims(parse, text, "2025-03-12")[expression] == expected  # a Wednesday


def test_a_participle_with_its_agent_is_not_part_of_the_counted_noun(figs: Any) -> None:
    found = figs("Le chiffre de 20 000 manifestants avancé par les syndicats est contesté.")
    assert found["20 000 manifestants"].counted == "manifestants"


def test_a_participle_agreeing_with_the_counted_noun_stays(figs: Any) -> None:
    found = figs("La préfecture a recensé 300 sinistrés relogés par la mairie.")
    assert found["300 sinistrés relogés"].counted == "sinistrés relogés"


def test_the_cent_of_pour_cent_is_no_hundred(figs: Any) -> None:
    found = figs("« Nonante pour cent d'entre eux sont rentrés », a précisé la ministre.")
    assert found["Nonante pour cent"].unit == "percent"
    assert not [c for c in found.values() if c.value == 100]
    assert figs("Le traiteur a cuisiné pour cent personnes.")["cent personnes"].value == 100


# --- fourth round: the future seen from the past, speakers before a colon, captions ------------------


@pytest.mark.parametrize(
    ("sentence", "part", "hedged"),
    [
        # a past verb of saying: the conditional is the future of that moment, not a doubt
        ("Le ministre a annoncé que la France livrerait 3 000 obus d'ici à l'été.", "3 000 obus", False),
        ("La Première ministre a assuré qu'elle enverrait 400 gendarmes en renfort.", "400 gendarmes", False),
        ("Le porte-parole a indiqué mardi que 1 500 hommes seraient déployés à la frontière.", "1 500 hommes", False),
        ("La maire avait promis que la ville financerait 25 logements d'urgence.", "25 logements", False),
        ("La présidente a déclaré que son pays accueillerait 300 blessés et construirait 12 abris.", "12 abris",
         False),
        ("Le constructeur a fait savoir que l'usine fabriquerait 80 blindés par mois.", "80 blindés", False),
        # the writer's conditional, a modal, a state, a past conditional: still hedged
        ("Selon Kiev, Pyongyang aurait envoyé 12 000 soldats en Russie.", "12 000 soldats", True),
        ("D'après des sources diplomatiques, Séoul enverrait 200 observateurs.", "200 observateurs", True),
        ("Le Pentagone a indiqué que 8 000 soldats pourraient rejoindre le front.", "8 000 soldats", True),
        ("Kiev a affirmé que 1 200 soldats nord-coréens auraient été tués.", "1 200 soldats", True),
        ("Le ministère affirme que Pyongyang enverrait 6 000 ouvriers.", "6 000 ouvriers", True),  # present
        ("Le gouvernement a précisé que le bilan serait de 300 morts.", "300 morts", True),
        ("Washington a annoncé qu'il y aurait 2 000 conseillers sur place.", "2 000 conseillers", True),
        ("Les services ont assuré que Pyongyang disposerait de 50 ogives.", "50 ogives", True),
        ("Le ministère a fait savoir que le bilan s'élèverait à 150 morts.", "150 morts", True),
        ("Le chef d'état-major a indiqué que, selon ses services, Moscou enverrait 900 drones.", "900 drones", True),
        ("Le ministre a annoncé que Paris livrerait peut-être 3 000 obus.", "3 000 obus", True),
        ("Le ministre a annoncé que Paris livrerait 40 canons si le budget était voté.", "40 canons", True),
        ("L'état-major a estimé que 15 000 soldats seraient nécessaires.", "15 000 soldats", True),  # a view
    ],
)
def test_a_conditional_after_a_past_verb_of_saying_is_a_future(
    parse: Any, sentence: str, part: str, hedged: bool
) -> None:
    doc = parse(sentence)
    start = sentence.index(part)
    assert attribution.attribute(doc, start, start + len(part))[1] is hedged


def test_a_conditional_of_a_verb_changing_its_accent_is_still_one(parse: Any) -> None:
    sentence = "Selon la préfecture, la facture s'élèverait à 40 millions d'euros."
    doc = parse(sentence)
    start = sentence.index("40 millions")
    assert attribution.attribute(doc, start, start + len("40 millions d'euros"))[1]
    sentence = "La facture s'élevait à 40 millions d'euros en 2023."  # an imperfect, not a conditional
    doc = parse(sentence)
    start = sentence.index("40 millions")
    assert not attribution.attribute(doc, start, start + len("40 millions d'euros"))[1]


def test_a_passive_conditional_dates_forward(parse: Any) -> None:
    found = date_claims(parse, "Le ministre a indiqué que 2 000 hommes seraient déployés dès janvier.", "2024-11-20")
    assert found["dès janvier"] == "2025-01"
    found = date_claims(parse, "Les renforts seraient arrivés en octobre, selon Kiev.", "2024-11-20")
    assert found["en octobre"] == "2024-10"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("La ministre des Sports, Léa Garnier, a été plus précise : « Trois stades seront rénovés avant 2027. »",
         "Trois stades", "Léa Garnier"),
        ("Interrogé jeudi, Paolo Rinaldi s'est montré plus prudent : « Rien n'est encore signé avec Rome. »",
         "Rien n'est encore", "Paolo Rinaldi"),
        ("Le porte-parole de la préfecture est resté évasif : « Nous ne commentons pas une enquête en cours. »",
         "Nous ne commentons", "Le porte-parole de la préfecture"),
    ],
)
def test_a_persons_clause_before_a_colon_names_the_speaker(parse: Any, text: str, words: str, speaker: str) -> None:
    found = [c for c in quote_claims(parse, text) if words in (c.quote or "")]
    assert [c.speaker for c in found] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Le bilan est lourd : « Des dizaines de maisons ont été détruites dans le village. »",
        "Le président a reçu une lettre : « Nous demandons votre aide au plus vite. »",
        "Le constat de l'inspection est sans appel : « Les normes ne sont pas respectées. »",
    ],
)
def test_a_thing_or_an_object_before_a_colon_names_no_speaker(parse: Any, text: str) -> None:
    assert not [c for c in quote_claims(parse, text) if c.direct]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Le quotidien cite l'économiste Inès Barka, pour qui « la hausse des prix n'est pas terminée ».",
         "la hausse des prix", "Inès Barka"),
        ("La maire de Nantes, Johanna Lebrun, pour laquelle « le tramway arrivera en 2028 », a signé l'accord.",
         "le tramway", "Johanna Lebrun"),
    ],
)
def test_pour_qui_names_the_person_before_it(parse: Any, text: str, words: str, speaker: str) -> None:
    found = [c for c in quote_claims(parse, text) if words in (c.quote or "")]
    assert [c.speaker for c in found] == [speaker]


def test_pour_qui_after_a_thing_names_no_speaker(parse: Any) -> None:
    text = "Il a présenté un rapport accablant, pour lequel « les chiffres parlent d'eux-mêmes »."
    assert not [c for c in quote_claims(parse, text) if c.direct]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Il y a peut-être 4 000 sinistrés dans la vallée.", "peut-être 4 000 sinistrés"),
        ("Peut-être 900 manifestants ont défilé, a estimé un syndicaliste.", "Peut-être 900 manifestants"),
    ],
)
def test_peut_etre_before_a_figure_is_an_approximate_hedged_figure(figs: Any, sentence: str, text: str) -> None:
    claim = figs(sentence)[text]
    assert claim.qualifier == "approx" and claim.hedged


def test_peut_etre_elsewhere_in_the_sentence_hedges_nothing(figs: Any) -> None:
    claim = figs("Le bourg compte 2 000 habitants et il faudra peut-être agrandir l'école.")["2 000 habitants"]
    assert claim.qualifier is None and not claim.hedged


def test_a_photo_caption_claim_is_marked_as_one(parse: Any, tmp_path: Path) -> None:
    page = tmp_path / "legende.md"
    page.write_text(
        "---\ntitle: Visite à Lviv\nsource: test\npublished: 2025-02-20\n---\n"
        "La ministre Anna Berg lors de sa visite à Lviv, le 14 février 2025. ( AFP / JEAN MARTIN )\n\n"
        "La ministre a promis le 14 février 2025 un nouvel hôpital de 200 lits.\n",
        encoding="utf-8",
    )
    article = ingest.read_article(page, tmp_path)
    found = [c for c in claims.extract(parse(claims.masked_text(article)), article) if c.kind == "date"]
    assert [(c.date, c.caption) for c in found] == [("2025-02-14", True), ("2025-02-14", False)]


def test_wire_dispatch_with_agency_incises(outlet: Any) -> None:
    found = outlet("19-depeche-seoul.md")
    figs = figures(found)
    official = "un responsable du renseignement sud-coréen"
    assert figs["environ 2.000 hommes"].asserted_by == official
    assert [c.speaker for c in quoted(found, "port de Chongjin")] == [official]  # "a déclaré ce responsable"
    assert [c.speaker for c in quoted(found, "infanterie légère")] == [official]  # "a-t-il ajouté"
    assert [c.speaker for c in quoted(found, "plafond théorique")] == ["Yang Uk"]  # "a nuancé"
    assert not figs["6 personnes impliquées"].hedged  # "a annoncé que de nouvelles sanctions viseraient"
    assert figs["jusqu'à 100.000 soldats"].hedged
    officer = "un officier ukrainien"  # "cité par l'agence" relays the words, it is no part of the speaker
    assert [c.speaker for c in quoted(found, "apprennent vite")] == [officer]
    assert figs["deux soldats nord-coréens"].asserted_by == officer  # "Il a affirmé", not the GUR one paragraph up


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Un porte-parole de la mairie a annoncé lundi la fermeture de la rue. "
         "Les travaux dureront 18 mois, a précisé ce porte-parole.", "18 mois", "Un porte-parole de la mairie"),
        ("La police a bouclé le quartier. 40 personnes ont été évacuées, a indiqué ce témoin.", "40 personnes",
         None),
    ],
)
def test_a_demonstrative_speaker_is_the_one_named_before(source: Any, text: str, part: str, expected: Any) -> None:
    assert source(text, part) == expected


def test_a_pronoun_after_a_sentence_of_its_paragraph_stays_in_it(source: Any) -> None:
    text = ("Le ministère de la Santé a recensé 30 blessés.\n\n"
            "« Nous manquons de tout », a résumé une infirmière citée par le journal. "
            "Elle a affirmé que son service avait soigné 12 enfants.")
    assert source(text, "12 enfants") == "une infirmière"


def test_quebec_outlet(outlet: Any) -> None:
    found = outlet("20-presse-quebecoise.md")
    figs = figures(found)
    assert figs["1,5 million de dollars"].value == 1_500_000
    assert next(c for c in found if c.text == "Le 5 novembre dernier").date == "2024-11-05"
    assert next(c for c in found if c.text == "vendredi dernier").date == "2024-12-06"
    assert next(c for c in found if c.text == "mercredi").date == "2024-12-04"  # "Joint au téléphone mercredi"
    arrivals = figs["plus de 12 500 Ukrainiens arrivés"]
    assert arrivals.asserted_by == "Immigration, Réfugiés et Citoyenneté Canada"
    assert not figs["50 véhicules blindés promis"].hedged  # "a indiqué que le Canada livrerait"
    assert not [c for c in found if c.kind == "quantity" and c.unit == "hours"]  # "vers 13 h", "15 h 30"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contactée mercredi, la ministre juge la situation grave.", "2024-12-04"),
        ("Jointe mercredi par téléphone, la maire se dit soulagée.", "2024-12-04"),
        ("Prévu mercredi, le vote aura lieu au Sénat.", "2024-12-11"),
        ("Attendue mercredi à Lyon, la ministre visitera une usine.", "2024-12-11"),
    ],
)
def test_a_participle_opening_the_sentence_dates_back(parse: Any, text: str, expected: str) -> None:
    assert date_claims(parse, text, "2024-12-09")["mercredi"] == expected  # a Monday


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Le port a reçu 300 conteneurs, selon Douanes, Commerce et Industrie Canada.", "300 conteneurs",
         "Douanes, Commerce et Industrie Canada"),
        ("Le port a reçu 300 conteneurs, selon Anvers, qui accuse Rotterdam.", "300 conteneurs", "Anvers"),
    ],
)
def test_a_name_with_commas_closing_the_sentence_is_whole(source: Any, text: str, part: str, expected: str) -> None:
    assert source(text, part) == expected


def test_live_blog_correcting_a_figure(outlet: Any) -> None:
    found = outlet("21-direct-corrections.md")
    figs = figures(found)
    assert figs["21 morts"].hedged  # "Le bilan officiel est de 12 morts, et non 21 comme écrit par erreur"
    assert not figs["12 morts"].hedged
    assert figs["neuf étages"].counted == "étages"  # "un immeuble de neuf étages éventré": the building is
    assert figs["au moins 4 morts"].asserted_by == "les autorités locales"
    assert figs["8 morts"].asserted_by == "le gouverneur régional Oleh Synehoubov"
    body = ingest.read_article(OUTLETS / "21-direct-corrections.md", OUTLETS).text
    stamps = [m.span() for m in re.finditer(r"^\d{2} h \d{2}", body, re.MULTILINE)]
    assert len(stamps) == 10
    for claim in found:
        assert not any(s < claim.end and claim.start < e for s, e in stamps), claim  # "14 h 12 — ..."


@pytest.mark.parametrize(
    ("text", "part", "hedged"),
    [
        ("Le journal a d'abord annoncé 40 blessés. Il y a en réalité 14 blessés, et non 40.", "40 blessés", True),
        ("Il y a en réalité 14 blessés, et non 40.", "14 blessés", False),
        ("La salle compte 250 places et non 300 places.", "300 places", True),
        ("La commune compte 40 000 habitants. Le club a 120 membres, et non 40.", "40 000 habitants", False),
    ],
)
def test_a_figure_named_as_the_wrong_one_is_hedged(parse: Any, text: str, part: str, hedged: bool) -> None:
    doc = parse(text)
    start = text.index(part)
    assert attribution.attribute(doc, start, start + len(part))[1] is hedged


def test_questions_and_answers_explainer(outlet: Any) -> None:
    found = outlet("22-questions-reponses.md")
    figs = figures(found)
    assert figs["environ 11 000 soldats"].asserted_by == "le renseignement sud-coréen"
    spread = figs["10 000 à 12 000 hommes"]
    assert (spread.low, spread.high, spread.value) == (10000, 12000, None)
    pay = figs["environ 2 000 dollars"]
    assert pay.hedged and "Institut coréen pour l'unification nationale" in (pay.asserted_by or "")
    assert [c.speaker for c in quoted(found, "nombre significatif") if not c.direct] == ["Antony Blinken"]
    assert figs["au moins 100 soldats"].hedged


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Chaque mineur rapporterait à la compagnie 300 euros par jour.", "300 euros", None),
        ("Le chantier coûterait 40 millions d'euros, selon l'Observatoire régional pour la mobilité durable.",
         "40 millions d'euros", "l'Observatoire régional pour la mobilité durable"),
        ("La préfecture a rapporté que 30 familles avaient été relogées.", "30 familles", "La préfecture"),
    ],
)
def test_earning_is_no_saying_and_a_body_keeps_its_pour(source: Any, text: str, part: str, expected: Any) -> None:
    assert source(text, part) == expected


def test_qu_before_a_quotation_mark_still_reports(parse: Any) -> None:
    text = "La rectrice a affirmé mardi qu'« aucun des 12 lycées » ne fermerait en juin."
    found = [c for c in quote_claims(parse, text) if not c.direct]
    assert [c.speaker for c in found] == ["La rectrice"]
    assert found[0].quote.startswith("« aucun des 12 lycées »")


def test_long_analysis_with_figures_of_many_kinds(outlet: Any) -> None:
    found = outlet("23-analyse-longue.md")
    figs = figures(found)
    trade = figs["35 millions de dollars"]  # "ne dépassaient pas 35 millions de dollars"
    assert (trade.qualifier, trade.hedged, trade.unit) == ("at_most", False, "dollars")
    assert "de 18 à 25 ans" not in figs  # "âgés de 18 à 25 ans": an age, no figure
    assert figs["environ 20 %"].unit == "percent" and figs["environ 20 %"].hedged
    assert figs["plus de 7 000 kilomètres"].unit == "km"
    assert figs["de trois à quatre semaines"].unit == "weeks"
    soldiers = [c for c in found if c.kind == "quantity" and c.unit == "soldiers"]
    assert {c.text for c in soldiers} == {"1,2 million de militaires d'active", "environ 300 000 hommes"}
    assert figs["200 morts"].asserted_by == "Un responsable américain"  # "cité par le New York Times" relays
    assert [c.speaker for c in quoted(found, "Aucun autre client")] == ["Kim Byung-yeon"]  # "L'économiste", a man
    assert [c.speaker for c in quoted(found, "protecteur")] == ["Un diplomate européen en poste à Séoul"]
    years = [c for c in found if c.kind == "date" and c.text in {"En 1953", "En 2023"}]
    assert [c.date for c in years] == ["2023", "1953"]


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier", "hedged"),
    [
        ("Les ventes ne dépassaient pas 40 millions d'euros l'an dernier.", "40 millions d'euros", "at_most", False),
        ("La facture n'excède jamais 300 euros par foyer.", "300 euros", "at_most", False),
        ("Le devis excède 300 euros par foyer.", "300 euros", "at_least", False),
        ("La crue n'avoisine pas 8 mètres cette année.", "8 mètres", None, False),  # no bound guessed
    ],
)
def test_a_negated_bounding_verb_gives_an_upper_bound(
    figs: Any, sentence: str, text: str, qualifier: Any, hedged: bool
) -> None:
    claim = figs(sentence)[text]
    assert (claim.qualifier, claim.hedged) == (qualifier, hedged)


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Une infirmière, citée par le quotidien régional, évoque 60 lits fermés.", "60 lits",
         "Une infirmière"),
        ("Le total de 60 lits, cité par le quotidien régional, est contesté.", "60 lits", "le quotidien régional"),
    ],
)
def test_the_one_cited_by_a_paper_speaks(source: Any, text: str, part: str, expected: str) -> None:
    assert source(text, part) == expected


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Des pompiers à Lyon, le 12 août 2024. REUTERS/Marie Dubois", "REUTERS/Marie Dubois"),
        ("La ministre à Kiev, le 3 mai. © AFP", "© AFP"),
        ("Le village inondé, en 2023. AFP / Paul Girard", "AFP / Paul Girard"),
    ],
)
def test_a_credit_closing_a_caption_is_furniture_and_marks_the_caption(
    parse: Any, tmp_path: Path, line: str, credit: str
) -> None:
    assert [line[s:e].strip() for s, e in ingest.find_furniture(line)] == [credit]
    page = tmp_path / "photo.md"
    page.write_text(f"---\ntitle: Photo\nsource: test\npublished: 2024-09-02\n---\n{line}\n", encoding="utf-8")
    article = ingest.read_article(page, tmp_path)
    found = [c for c in claims.extract(parse(claims.masked_text(article)), article) if c.kind == "date"]
    assert found and all(c.caption for c in found)


@pytest.mark.parametrize(
    "line",
    [
        "Il a été reçu par le ministre. Reuters a également rapporté que 300 soldats étaient là.",
        "Selon Reuters, 300 soldats sont arrivés.",
        "Le ministre a répondu aux questions de l'AFP",
    ],
)
def test_an_agency_named_in_a_sentence_is_no_credit(line: str) -> None:
    assert ingest.find_furniture(f"{line}\n") == ()


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("« Plus de 90 familles ont été évacuées », a déclaré à Reuters un pompier, sous couvert d'anonymat.",
         "Plus de 90 familles", "un pompier"),
        ("Environ 40 camions ont passé la frontière, a indiqué à l'AFP un douanier polonais.", "Environ 40 camions",
         "un douanier polonais"),
    ],
)
def test_the_agency_told_is_no_part_of_the_speaker(source: Any, text: str, part: str, expected: str) -> None:
    assert source(text, part) in {expected, None}  # never "Reuters un pompier"; the small parser may find nobody


def test_the_agency_told_is_left_out_of_a_found_speaker(source: Any) -> None:
    text = "« Plus de 500 soldats sont arrivés », a déclaré à Reuters un officier ukrainien, sous couvert d'anonymat."
    assert source(text, "Plus de 500 soldats") == "un officier ukrainien"


# --- fifth round: transcripts, Belgian figures, key-figure boxes, numbers in words, correction notes ----------


def sentence_claims(parse: Any, text: str, published: str = "2025-03-10") -> list[Claim]:
    """Claims of a one-paragraph text read as an article published on a Monday (dates need a reference)."""
    ctx = ArticleContext(article_id="t", text=text, published=published)
    doc = parse(text)
    return [*quantities.extract(doc, ctx), *dates.extract(doc, ctx), *quotes.extract(doc, ctx)]


def test_radio_transcript(outlet: Any) -> None:
    found = outlet("24-transcription-radio.md")
    figs = figures(found)
    guess = figs["quelque douze mille soldats"]
    assert (guess.value, guess.qualifier) == (12000, "approx")
    assert figs["environ trois cents kilomètres"].unit == "km"
    assert not [c for c in found if c.kind == "quantity" and c.unit == "percent"]  # "deux tiers", "la moitié"
    assert not [c for c in found if c.kind == "quantity" and c.value in {2, 7, 50}]  # "7 h 50", "deux tiers"


def test_belgian_outlet(outlet: Any) -> None:
    found = outlet("25-presse-belge.md")
    figs = figures(found)
    assert figs["septante mille hommes"].value == 70000
    assert (figs["nonante pour cent"].value, figs["nonante pour cent"].unit) == (90, "percent")
    assert figs["un peu plus de dix mille soldats"].asserted_by != "Kiev"  # "L'OTAN, de son côté, parle de"
    sundays = sorted((c.start, c.date) for c in found if c.kind == "date" and "dimanche" in c.text)
    assert [d for _, d in sundays] == ["2024-11-02/2024-11-03", "2024-11-10"]  # the night just past; the rally
    assert not [c for c in found if c.kind == "quantity" and c.asserted_by == "le SPF Défense"
                and "personnes" in c.text]


def test_key_figures_box(outlet: Any) -> None:
    found = outlet("26-chiffres-cles.md")
    figs = figures(found)
    assert figs["11 000 soldats"].asserted_by == "Kyrylo Boudanov"  # not "soldats" after "a évoqué 11 000"
    assert next(c for c in found if c.kind == "quantity" and c.value == 12000).counted.startswith("soldats")
    assert not [c for c in found if c.kind == "quantity" and c.value in {1950, 1953, 5}]  # years, "5 questions"
    assert not [c for c in found if c.kind == "quote" and c.speaker == "L'Essentiel Monde"]  # it asked the experts
    assert figs["3 : brigades identifiées"].value == 3  # bullet lines: "• 3 : brigades"
    assert (figs["8 millions : d'obus"].value, figs["8 millions : d'obus"].unit) == (8_000_000, "shells")
    assert figs["500 : officiers nord-coréens présents"].asserted_by == "Séoul"  # "selon la même source"


def test_numbers_in_words_and_a_correction_note(outlet: Any) -> None:
    found = outlet("27-chiffres-en-lettres.md")
    figs = figures(found)
    assert "deux ou trois cents hommes" not in figs  # "par vagues de …": the size of each wave, not a total
    shells = next(c for c in found if c.kind == "quantity" and c.text.startswith("quatre ou cinq mille"))
    assert (shells.low, shells.high) == (4000, 5000)
    assert {c.speaker for c in quoted(found, "plus d'une centaine")} == {"Un médecin militaire"}
    assert figs["seize véhicules blindés"].hedged  # the number the note takes back
    assert figs["« une quarantaine » de Nord-Coréens tués"].hedged  # "un chiffre impossible à vérifier"
    assert not [c for c in found if c.kind == "quantity" and c.value in {3, 5, 11} and c.unit is None]


def test_past_and_future_with_a_correction(outlet: Any) -> None:
    found = outlet("28-passe-futur.md")
    figs = figures(found)
    assert figs["1 200 membres"].hedged and not figs["1 500 membres"].hedged
    assert not [c for c in found if c.kind == "quantity" and c.unit in {"hours", "days"}]  # "16 h", "Dix jours plus…"
    when = {c.text: c.date for c in found if c.kind == "date"}
    assert when["l'an prochain"] == "2025" and when["D'ici au mois de mars"] == "2025-03"
    assert when["le 20 janvier"] == "2025-01-20" and when["depuis le 3 octobre"] == "2024-10-03"
    assert when["Il y a un an jour pour jour"] == "2023-11-15"
    assert next(c for c in found if c.text == "Le 4 novembre").asserted_by != "le chef de l'OTAN"


@pytest.mark.parametrize(
    ("text", "part", "low", "high"),
    [
        ("Chaque soir, deux ou trois cents personnes attendent la distribution de repas.", "trois cents personnes",
         200, 300),
        ("Le bourg compte quatre ou cinq mille habitants l'été.", "cinq mille habitants", 4000, 5000),
        ("Deux ou trois camions passent chaque heure.", "trois camions", 2, 3),
    ],
)
def test_two_numbers_joined_by_ou_are_a_range(parse: Any, text: str, part: str, low: int, high: int) -> None:
    found = [c for c in sentence_claims(parse, text) if c.kind == "quantity" and c.text.endswith(part)]
    assert [(c.low, c.high, c.value) for c in found] == [(low, high, None)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Une infirmière rencontrée à l'hôpital de Dnipro dit avoir soigné « des dizaines » de brûlés.",
         "Une infirmière"),
        ("Un agriculteur interrogé par notre correspondant affirme que « la récolte est perdue ».", "Un agriculteur"),
    ],
)
def test_the_place_or_outlet_after_a_participle_is_not_the_speaker(parse: Any, text: str, speaker: str) -> None:
    found = [c for c in quote_claims(parse, text) if c.speaker]
    assert found and {c.speaker for c in found} == {speaker}


@pytest.mark.parametrize(
    ("text", "part", "kept"),
    [
        ("Mise à jour (12 mars, 18 h) : les pompiers ont évacué 40 familles.", "18 h", False),
        ("— 9 h : la circulation reprend sur la ligne.", "9 h", False),
        ("Les sauveteurs ont fouillé les décombres pendant 48 h sans relâche.", "48 h", True),
        ("Trois jours plus tard, le pont a rouvert à la circulation.", "Trois jours", False),
        ("Deux ans après la crue, 300 maisons restent vides.", "Deux ans", False),
    ],
)
def test_clock_stamps_and_relative_days_are_no_durations(parse: Any, text: str, part: str, kept: bool) -> None:
    found = [c for c in sentence_claims(parse, text) if c.kind == "quantity" and c.text.endswith(part)]
    assert bool(found) is kept


@pytest.mark.parametrize(
    ("text", "part", "hedged"),
    [
        ("Rectificatif : une version précédente de cet article mentionnait 450 manifestants ; ils étaient 540.",
         "450 manifestants", True),
        ("Dans la première version de ce texte, nous écrivions que trente écoles fermaient ; elles sont treize.",
         "trente écoles", True),
        ("La nouvelle version du logiciel corrige 120 failles.", "120 failles", False),
    ],
)
def test_what_a_correction_note_takes_back_is_hedged(parse: Any, text: str, part: str, hedged: bool) -> None:
    doc = parse(text)
    start = text.index(part)
    assert attribution.attribute(doc, start, start + len(part))[1] is hedged


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Le préfet du Gard, Jean Dumas, a évoqué 300 sinistrés dans la commune.", "300 sinistrés", "Jean Dumas"),
        ("Les organisateurs estiment la foule à deux mille personnes, un chiffre contesté. La police, de son côté, "
         "compte 800 manifestants.", "800 manifestants", None),
        ("Aucun n'a pu confirmer ces précisions. Jeudi, 300 bénévoles distribueront des colis.", "300 bénévoles", None),
        ("« Tout est à refaire », confie-t-elle au quotidien, qui précise que 40 maisons ont été inondées en mai.",
         "40 maisons", "quotidien"),
        ("L'audit est sévère pour l'office du tourisme, qui a reconnu que 12 hôtels avaient fermé.", "12 hôtels",
         "l'office du tourisme"),
        ("Selon un relevé établi par la mairie à partir de sources hospitalières, 48 patients ont été transférés.",
         "48 patients", "la mairie"),
        ("Le sénateur, élu du Cantal, a dénoncé 70 suppressions de postes à l'usine.", "70 suppressions",
         "Le sénateur"),
        ("Des électriciens cités par le quotidien La Voix affirment que 90 foyers restent privés de courant.",
         "90 foyers", "Des électriciens"),
    ],
)
def test_counted_objects_and_other_sides_are_no_speakers(source: Any, text: str, part: str, expected: Any) -> None:
    assert source(text, part) == expected


def test_a_future_the_tagger_reads_as_a_past_still_looks_ahead(parse: Any) -> None:
    text = "La brocante, qui se tiendra samedi, devrait attirer 3 000 visiteurs."
    found = {c.text: c.date for c in sentence_claims(parse, text) if c.kind == "date"}
    assert found == {"samedi": "2025-03-15"}  # published on Monday 10 March 2025


def test_a_plan_in_the_present_perfect_looks_ahead(parse: Any) -> None:
    text = "Les syndicats ont prévu de manifester jeudi devant la préfecture. Ils avaient prévu de défiler samedi."
    found = {c.text: c.date for c in sentence_claims(parse, text) if c.kind == "date"}
    assert found == {"jeudi": "2025-03-13", "samedi": "2025-03-08"}  # published on Monday 10 March 2025


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Il y a un an jour pour jour, la digue cédait sous la crue.", "2025-03-10", "2024-03-10"),
        ("Il y a un mois jour pour jour, la mine fermait ses portes.", "2025-03-31", "2025-02-28"),
        ("Il y a deux ans, la mine fermait ses portes.", "2025-03-31", "2023"),
    ],
)
def test_ago_to_the_day_is_that_very_day(parse: Any, text: str, published: str, expected: str) -> None:
    found = [c.date for c in sentence_claims(parse, text, published) if c.kind == "date"]
    assert found == [expected]


# --- chronology, parliamentary debate, humanitarian report, Swiss outlet, fact-check on a TV interview -------


def article_claims(parse: Any, text: str, published: str = "2025-03-10") -> tuple[Claim, ...]:
    """Claims of a short text read as a whole article (dates attributed as the build does)."""
    article = Article(id="t", source_id=None, title="", url=None, published=published, lang="fr", text=text,
                      path="t.md", digest="t")
    return claims.extract(parse(text), article)


def test_chronology(outlet: Any) -> None:
    found = outlet("29-chronologie.md")
    dated = {c.text: c for c in found if c.kind == "date"}
    assert dated["4 novembre 2024"].asserted_by is None  # not "les premiers accrochages" the minister speaks of
    assert dated["Mi-octobre"].asserted_by is None  # not "les réseaux sociaux" where videos circulate
    assert dated["Fin novembre"].date == "2024-11"
    figs = figures(found)
    assert figs["plus de 13 000 conteneurs"].asserted_by == "Séoul"


def test_parliamentary_debate(outlet: Any) -> None:
    found = outlet("30-debat-parlementaire.md")
    chair = quoted(found, "sur votre bureau")
    assert chair and {c.speaker for c in chair} == {"Marc-Olivier Tessier"}  # "…, Marc-Olivier Tessier (EPR), a"
    back = quoted(found, "mais tiendrons quoi")
    assert back and {c.speaker for c in back} == {"Arnaud Delmas"}  # "est revenu à la charge : « … »"
    promise = quoted(found, "Nous tiendrons nos engagements")
    assert promise and {c.speaker for c in promise} == {"Ginette Lafrance"}  # "», a promis la ministre."
    deputies = quoted(found, "tiendrons quoi")  # two deputies were introduced: "le député" alone names neither
    assert all(c.speaker != "Karim Benali" for c in deputies)
    assert figures(found)["Moins de 80 députés"].qualifier == "at_most"


def test_humanitarian_report(outlet: Any) -> None:
    figs = figures(outlet("31-rapport-humanitaire.md"))
    assert (figs["un bon millier de personnes"].value, figs["un bon millier de personnes"].qualifier) == (
        1000, "approx")
    assert figs["une petite centaine de personnes âgées"].value == 100
    assert "8" not in figs and "11 ans" not in figs  # "âgés de 8 et 11 ans": ages, no figures
    assert (figs["entre 300 et 400 personnes"].low, figs["entre 300 et 400 personnes"].high) == (300, 400)
    assert figs["Près de 1,5 million de déplacés internes"].value == 1_500_000
    assert (figs["plus de 1 100"].counted, figs["plus de 1 100"].unit) == ("Blessés", "wounded")  # a table row
    assert not [c for c in outlet("31-rapport-humanitaire.md") if c.kind == "quote" and c.speaker == "trois"]


def test_swiss_outlet_with_francs(outlet: Any) -> None:
    found = outlet("32-presse-romande.md")
    figs = figures(found)
    assert (figs["CHF 120 millions"].value, figs["CHF 120 millions"].unit) == (120_000_000, "francs")
    assert figs["Huitante personnes"].value == 80
    assert figs["91%"].asserted_by == "l'EPF de Zurich"  # whose survey it is, not "… publié"
    dated = {c.text: c.date for c in found if c.kind == "date"}
    assert dated["le 6.11.2024"] == "2024-11-06"
    indirect = [c for c in found if c.kind == "quote" and not c.direct and "Nonante" in (c.quote or "")]
    assert not indirect  # the lead-in before the colon is the writer's, the quotation the councillor's


def test_fact_check_of_a_tv_interview(outlet: Any) -> None:
    found = outlet("33-vrai-ou-faux.md")
    figs = figures(found)
    assert figs["Plus de 50 000 soldats nord-coréens"].hedged  # "Faux." opens the next sentence
    assert figs["de 10 000 à 12 000 hommes"].asserted_by == "le Pentagone"
    assert figs["8 millions d'obus"].hedged  # "soit potentiellement 8 millions d'obus"
    assert not [c for c in found if c.kind == "quantity" and c.unit == "soldiers" and (c.value or c.high or 0) < 10]
    dated = {c.text: c for c in found if c.kind == "date"}
    assert dated["Dimanche"].date == "2024-11-24"  # "était l'invité": Sunday before the Friday of publication
    assert not dated["vendredi"].hedged  # the day of a denial is no doubt
    reinforcements = quoted(found, "renforts à venir")
    assert reinforcements and {c.speaker for c in reinforcements} == {"l'entourage de Julien Mercadier"}
    speakers = {c.speaker for c in found if c.kind == "quote"}
    assert not any(s and s[0].isdigit() for s in speakers)  # "une vidéo vue plus de 2 millions de fois affirme"
    guest = quoted(found, "Plus de 50 000. Et personne")  # "— Invité : …" after "X était l'invité de l'émission"
    assert guest and {(c.speaker, c.direct) for c in guest} == {("Julien Mercadier", True)}
    assert not quoted(found, "Ce n'est pas ce que disent")  # "— Journaliste : …" asks, claims nothing


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("La préfecture estime que 40 bâtiments ont été touchés, et la mairie parle de 55 logements.",
         "55 logements", "la mairie"),
        ("Le syndicat affirme que 2 000 salariés ont défilé, tandis que la police avance 900 manifestants.",
         "900 manifestants", "la police"),
        ("Le syndicat affirme que 2 000 salariés ont défilé, et que le cortège a duré trois heures.",
         "trois heures", "Le syndicat"),
    ],
)
def test_a_second_speaker_takes_the_floor_in_a_coordinated_clause(source: Any, text: str, part: str,
                                                                   expected: str) -> None:
    assert source(text, part) == expected


def test_an_indirect_quote_ends_where_a_second_speaker_takes_the_floor(parse: Any) -> None:
    text = "La préfecture estime que 40 bâtiments ont été touchés, et la mairie parle de 55 logements."
    said = [c.quote for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert said == ["40 bâtiments ont été touchés"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Contacté mardi, l'avocat de Paul Rénier assure que son client n'a jamais signé ce contrat. "
         "Paul Rénier, lui, se tait.", "l'avocat de Paul Rénier"),
        ("Une pétition signée plus de 30 000 fois affirme que le pont sera fermé tout l'été.", None),
        ("Un habitant sur quatre déclare avoir déjà subi une coupure d'eau.", None),
        ("Le maire de la commune, Hélène Dufort (DVD), a rappelé que la piscine restait fermée.", "Hélène Dufort"),
    ],
)
def test_speakers_who_are_not_counts_nor_the_person_they_speak_for(parse: Any, text: str, speaker: Any) -> None:
    found = [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert found[:1] == ([speaker] if speaker else [])


def test_a_quotation_after_a_colon_closing_a_long_phrase(parse: Any) -> None:
    text = ("La sénatrice Odile Perrin est revenue longuement sur le sujet : « Combien de temps faudra-t-il encore "
            "attendre ? » Le ministre n'a pas répondu.")
    found = [(c.speaker, c.direct) for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert found == [("Odile Perrin", True)]


def test_the_lead_in_before_a_colon_is_not_the_speaker_s_words(parse: Any) -> None:
    text = "Pour les élus, le projet coûte trop cher : « Personne ne veut payer deux fois », a lancé une conseillère."
    found = [(c.quote, c.direct) for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert found == [("Personne ne veut payer deux fois", True)]


@pytest.mark.parametrize(
    ("text", "part", "value", "qualifier"),
    [
        ("La foire a attiré un bon millier de visiteurs.", "un bon millier de visiteurs", 1000, "approx"),
        ("Une petite centaine de bénévoles étaient présents.", "Une petite centaine de bénévoles", 100, "approx"),
        ("La commune a reçu CHF 2,5 millions de la Confédération.", "CHF 2,5 millions", 2_500_000, None),
        ("Le canton a débloqué plus de CHF 40 millions.", "plus de CHF 40 millions", 40_000_000, "at_least"),
    ],
)
def test_approximate_counts_and_currencies_before_the_amount(parse: Any, text: str, part: str, value: int,
                                                             qualifier: Any) -> None:
    found = {c.text: c for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert (found[part].value, found[part].qualifier) == (value, qualifier)


def test_two_numbers_share_the_unit_named_after_the_second(parse: Any) -> None:
    text = "Les deux chantiers ont duré 6 et 9 ans, selon les pompiers."
    found = {c.text: (c.value, c.unit) for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found == {"6": (6, "years"), "9 ans": (9, "years")}


def test_a_ratio_is_no_count(parse: Any) -> None:
    text = "Le nombre de visiteurs annoncé par les organisateurs est gonflé d'un facteur trois à quatre."
    assert not [c for c in sentence_claims(parse, text) if c.kind == "quantity"]


@pytest.mark.parametrize(
    ("text", "part", "hedged"),
    [
        ("La mairie a démenti cette information jeudi devant la presse.", "jeudi", False),
        ("La mairie a démenti jeudi avoir vendu le terrain en janvier.", "en janvier", True),
        ("Selon l'office, la récolte atteindrait 300 tonnes, soit potentiellement 2 millions de bouteilles.",
         "2 millions de bouteilles", True),
    ],
)
def test_the_day_of_a_denial_is_no_doubt(parse: Any, text: str, part: str, hedged: bool) -> None:
    found = {c.text: c for c in article_claims(parse, text)}
    assert found[part].hedged is hedged


def test_a_copula_in_the_past_dates_a_weekday_back(parse: Any) -> None:
    found = [c.date for c in sentence_claims(parse, "Samedi soir, la chanteuse était l'invitée du festival.")
             if c.kind == "date"]
    assert found == ["2025-03-08"]  # published on Monday 10 March 2025


def test_a_chronology_line_dates_itself(parse: Any) -> None:
    text = ("Notre chronologie.\n\n3 mars 2025 — Le maire, Jean Vidal, évoque les premières fissures du barrage.\n\n"
            "Fin février : des photos des travaux circulent sur les réseaux sociaux.")
    dated = {c.text: c.asserted_by for c in article_claims(parse, text) if c.kind == "date"}
    assert dated == {"3 mars 2025": None, "Fin février": None}


def test_a_dated_participle_ends_a_source(source: Any) -> None:
    text = "Selon une enquête de l'Insee publiée en juin, 12 % des ménages ont renoncé à partir."
    assert source(text, "12 %") == "une enquête de l'Insee"


def test_the_cfa_franc_is_not_the_swiss_franc(parse: Any) -> None:
    text = ("Au marché de Dakar, le sac de riz coûte désormais 21 000 francs CFA, et Berne a versé 3 millions de "
            "francs. Le kilo de mil se vend 600 F CFA.")
    found = {c.text: c.unit for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found == {"21 000 francs CFA": "cfa_francs", "3 millions de francs": "francs", "600 F CFA": "cfa_francs"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("La maire de Lunel, Sophie Arnal, a inauguré la salle. « Elle ouvrira lundi », a précisé la maire.",
         "Sophie Arnal"),
        ("Le député Paul Roche et le député Yves Marin ont débattu. « Le texte est mauvais », a lancé le député.",
         "le député"),
    ],
)
def test_a_bare_title_names_the_one_person_introduced_with_it(parse: Any, text: str, speaker: str) -> None:
    found = [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote" and c.direct]
    assert found == [speaker]


def test_the_guest_of_a_transcript_speaks_its_lines(parse: Any) -> None:
    text = ("Notre invitée ce matin est la glaciologue Anne Leroux.\n\n"
            "— Journaliste : Les glaciers alpins reculent-ils plus vite ?\n\n"
            "— Invitée : Oui, nettement. Le glacier du Rhône a perdu 40 mètres l'an dernier.\n\n"
            "— Journaliste : Merci.")
    found = article_claims(parse, text)
    said = [(c.quote, c.speaker) for c in found if c.kind == "quote"]
    assert said == [("Oui, nettement. Le glacier du Rhône a perdu 40 mètres l'an dernier.", "Anne Leroux")]
    assert {c.asserted_by for c in found if c.kind == "quantity"} == {"Anne Leroux"}


def test_a_dashed_list_of_people_is_no_transcript(parse: Any) -> None:
    text = ("Les réactions.\n\n— Anne Leroux : a salué une décision courageuse pour la vallée.\n\n"
            "— Paul Roche : a regretté un calendrier beaucoup trop serré.")
    assert not [c for c in article_claims(parse, text) if c.kind == "quote"]


@pytest.mark.parametrize(
    ("text", "part", "counted", "source"),
    [
        ("Selon la préfecture, 240 blessés ont été soignés, la Croix-Rouge 300.", "300", "blessés", "la Croix-Rouge"),
        ("Les arrêts maladie sont passés de 1 200 jours à 1 900, selon la caisse.", "1 900", "jours", "la caisse"),
    ],
)
def test_a_bare_number_closing_a_clause_counts_what_the_figure_before_counts(
    parse: Any, text: str, part: str, counted: str, source: str
) -> None:
    found = {c.text: c for c in article_claims(parse, text) if c.kind == "quantity"}
    assert (found[part].counted, found[part].asserted_by) == (counted, source)


@pytest.mark.parametrize(
    "text",
    [
        "Le bilan dépasserait 4.000 selon une association locale.",  # no figure before it in the sentence
        "La commune compte 2 400 habitants. Le maire en attend 3 000.",  # another sentence, "en" aside
        "Il a 40 ans, son frère 38.",  # "ans" before, but no name nor preposition before the bare number
    ],
)
def test_a_bare_number_with_no_figure_before_it_in_its_sentence_counts_nothing(parse: Any, text: str) -> None:
    found = [c for c in sentence_claims(parse, text) if c.kind == "quantity" and c.text[:1].isdigit()
             and not any(ch.isalpha() for ch in c.text)]
    assert not [c for c in found if c.text in {"4.000", "38"}]


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Le plan de relance, chiffré à 2 milliards d'euros, n'est financé qu'à moitié, selon la Cour des comptes.",
         "2 milliards d'euros", "la Cour des comptes"),
        ("Le coût du chantier, évalué à 12 millions d'euros par la région, fait débat.", "12 millions d'euros",
         "la région"),
    ],
)
def test_what_a_participle_of_measure_hangs_from_is_measured_not_a_source(
    source: Any, text: str, part: str, expected: str
) -> None:
    assert source(text, part) == expected


def test_doubt_in_the_words_reported_does_not_hedge_the_day_they_were_said(parse: Any) -> None:
    text = "Joint au téléphone mardi, le géologue Luc Ferrand juge ces mesures « utiles, mais invérifiables »."
    dated = {c.text: c.hedged for c in article_claims(parse, text) if c.kind == "date"}
    assert dated == {"mardi": False}


def test_unconfirmed_reports_take_no_source_from_the_sentence_before(parse: Any) -> None:
    text = ("Interrogé lundi, le préfet Alain Morel a estimé que ces chiffres restaient « provisoires ». "
            "Des informations non confirmées faisaient état de 40 blessés.")
    found = {c.text: c for c in article_claims(parse, text) if c.kind == "quantity"}
    assert (found["40 blessés"].asserted_by, found["40 blessés"].hedged) == (None, True)


def test_a_share_of_those_polled_is_no_speaker(parse: Any) -> None:
    text = "Les deux tiers jugent le projet « trop cher », et la moitié le trouve « inutile »."
    assert not [c for c in sentence_claims(parse, text) if c.kind == "quote"]


def test_a_day_is_never_what_a_figure_counts(parse: Any) -> None:
    text = "Près de 3 000 foyers étaient privés de courant lundi soir, contre 9 000 dimanche matin."
    assert not [c for c in sentence_claims(parse, text) if c.kind == "quantity" and c.counted == "dimanche"]


def test_a_name_cut_at_its_hyphen_stays_whole(parse: Any) -> None:
    text = "Météo-France a reconnu avoir sous-estimé les cumuls, tout en rappelant que l'alerte avait été lancée jeudi."
    found = article_claims(parse, text)
    assert {c.asserted_by for c in found if c.kind == "date"} == {"Météo-France"}
    said = [(c.quote, c.verb) for c in found if c.kind == "quote"]
    assert said == [("avoir sous-estimé les cumuls", "reconnaître"), ("l'alerte avait été lancée jeudi", "rappeler")]


@pytest.mark.parametrize(
    ("text", "part", "value", "unit"),
    [
        ("La région a voté 45 M€ pour les lycées.", "45 M€", 45_000_000, "euros"),
        ("Le fonds pèse 3,2 Md$ selon son rapport annuel.", "3,2 Md$", 3_200_000_000, "dollars"),
        ("Le déficit atteint 1,5 Mds€ cette année.", "1,5 Mds€", 1_500_000_000, "euros"),
        ("La mairie a versé 250 k€ au club.", "250 k€", 250_000, "euros"),
    ],
)
def test_a_scale_and_currency_glued_after_the_number(parse: Any, text: str, part: str, value: int, unit: str) -> None:
    found = {c.text: c for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert (found[part].value, found[part].unit) == (value, unit)


def test_the_day_a_report_came_out_is_no_part_of_its_name(source: Any) -> None:
    text = "Le loyer moyen a grimpé de 8 %, selon une étude publiée le 3 mars par l'observatoire."
    assert source(text, "8 %") == "une étude"


def test_a_title_after_l_takes_the_gender_of_its_adjective(parse: Any) -> None:
    text = ("L'avocate générale a requis trois ans de prison contre le gérant. « Il connaissait les risques », "
            "a-t-elle insisté.")
    found = [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert found == ["L'avocate générale"]


def test_a_name_after_a_courtesy_title_is_a_person() -> None:
    from extract import nlp

    doc = next(nlp.parse(["Pour la défense, Me Claire Mouton a plaidé la relaxe."]))  # the tagger says MISC
    assert [name for _, name in entities.article_names(doc)] == ["Claire Mouton"]


def test_a_number_after_a_weekday_with_a_unit_is_a_figure(parse: Any) -> None:
    text = "Le parquet a requis jeudi six ans de prison contre l'ancien maire."
    found = {c.text: c.value for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found == {"six ans": 6}


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Près d'un électeur sur trois estime que 12 bureaux ont ouvert en retard, selon le collectif.", "12 bureaux",
         "le collectif"),
        ("D'après une étude de l'observatoire menée auprès de 1 500 familles, les loyers flambent.", "1 500 familles",
         "une étude de l'observatoire"),
    ],
)
def test_a_share_of_people_is_no_source_and_a_participle_ends_one(source: Any, text: str, part: str,
                                                                   expected: str) -> None:
    assert source(text, part) == expected


def test_an_incise_verb_of_comment_after_a_quotation(parse: Any) -> None:
    text = "« Les loyers ne baisseront pas avant deux ans », relativise Julie Marchand, économiste au Crédoc."
    found = [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert found == ["Julie Marchand"]


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Le coût du tunnel est désormais estimé à 9 milliards d'euros.", "9 milliards d'euros", None),
        ("Le bilan a été évalué à 14 morts par la préfecture.", "14 morts", "la préfecture"),
    ],
)
def test_the_subject_of_a_passive_measure_is_what_is_measured(source: Any, text: str, part: str,
                                                              expected: Any) -> None:
    assert source(text, part) == expected


def test_an_address_is_no_count(parse: Any) -> None:
    text = "Le local, situé au 14 rue des Lilas, accueille 40 bénévoles."
    found = {c.text for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found == {"40 bénévoles"}


def test_a_total_named_after_the_number(parse: Any) -> None:
    text = "Le club a recruté 40 joueurs, portant à environ 300 le nombre total de ses licenciés."
    found = {c.text: (c.value, c.counted) for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found["environ 300 le nombre total de ses licenciés"] == (300, "licenciés")


def test_a_guest_label_names_no_one_by_itself(parse: Any) -> None:
    text = ("Notre invité est le géographe Paul Berthet.\n\n— Journaliste : Que dit le maire ?\n\n"
            "— Invité : Le maire, Luc Ferrand, parle d'une crue centennale. Je n'y crois pas.")
    said = {c.speaker for c in article_claims(parse, text) if c.kind == "quote" and c.direct}
    assert said == {"Paul Berthet"}


def test_a_table_row_names_what_its_figure_counts(parse: Any) -> None:
    text = ("Le bilan de la tempête\n\n| Indicateur | Valeur |\n|---|---|\n| Blessés | au moins 85 |\n"
            "| Foyers privés de courant | 12 000 |\n| Arbres tombés en 1999 | 300 |")
    found = {c.text: (c.counted, c.unit, c.qualifier) for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found == {"au moins 85": ("Blessés", "wounded", "at_least")}  # "Foyers", "Arbres": no known unit


def test_a_quotation_closed_by_its_full_stop_ends_the_sentence(parse: Any) -> None:
    text = ("Le directeur du port, cité par l'agence locale : « Nous n'avons rien à ajouter. » "
            "« Le trafic reprendra lundi », écrit le quotidien régional dans son édition du jour.")
    said = {c.quote: c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"}
    assert said.get("Le trafic reprendra lundi") == "le quotidien régional"
    assert "Nous n'avons rien à ajouter" not in said or said["Nous n'avons rien à ajouter"] != "le quotidien régional"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("« Le calendrier sera tenu », a réagi sur X le président de la région.", "le président de la région"),
        ("« Nous irons jusqu'au bout », affirme dans un entretien au Progrès la maire Anne Vidal.", "Anne Vidal"),
    ],
)
def test_an_incise_subject_after_a_place_or_an_outlet(parse: Any, text: str, speaker: str) -> None:
    found = [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert found == [speaker]


def test_millions_after_an_amount_of_money_are_that_money(parse: Any) -> None:
    text = ("Le canton a engagé 2,4 milliards de francs. Sur ce montant, 900 millions iront aux hôpitaux. "
            "La région dispose de 3 milliards d'euros. 2 millions vivent sous le seuil de pauvreté.")
    found = {c.text: (c.value, c.unit) for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found["900 millions"] == (900_000_000, "francs")
    assert "2 millions" not in found  # no word pointing back to the amount: people, not euros


@pytest.mark.parametrize(
    "text",
    [
        "Le maire affirme, sans apporter de preuve, que 600 logements sont vacants.",
        "Il est faux de dire que 3 000 emplois ont été supprimés.",
        "« Huitante pour cent des habitants sont contre », a lancé un élu, sans citer de sondage.",
    ],
)
def test_a_figure_given_without_evidence_or_called_false_is_hedged(parse: Any, text: str) -> None:
    found = [c for c in article_claims(parse, text) if c.kind == "quantity"]
    assert found and all(c.hedged for c in found)


def test_a_figure_a_speaker_relays_from_others_is_not_theirs(parse: Any) -> None:
    text = ("Notre invité est le démographe Paul Berthet.\n\n— Journaliste : Combien de départs ?\n\n"
            "— Invité : Les syndicats avancent 4 000 départs, la direction parle plutôt de 2 500. Moi, je retiens "
            "environ 3 000 départs.")
    found = {c.text: c.asserted_by for c in article_claims(parse, text) if c.kind == "quantity"}
    assert found["environ 3 000 départs"] == "Paul Berthet"
    assert found.get("2 500") != "Paul Berthet"


def test_the_figure_after_et_non_is_the_wrong_one(parse: Any) -> None:
    text = "Le sentier mesure une quinzaine de kilomètres, et non une vingtaine comme indiqué sur le panneau."
    found = {c.text: c.hedged for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found == {"une quinzaine de kilomètres": False, "une vingtaine": True}


def test_selon_before_a_quoted_figure_names_its_source(parse: Any) -> None:
    text = ("« Nous ne reculerons pas », a déclaré le maire, Paul Roche. « C'est grave », a ajouté son adjointe. "
            "Selon Paul Roche, « 300 familles » sont concernées.")
    found = {c.text: c.asserted_by for c in article_claims(parse, text) if c.kind == "quantity"}
    assert found == {"300 familles": "Paul Roche"}


def test_a_bare_number_after_millions_is_left_out(parse: Any) -> None:
    text = "En 2023, l'usine a produit 3 millions de bouteilles, puis 5."
    found = {c.text for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found == {"3 millions de bouteilles"}  # "puis 5": five millions most likely, not five bottles


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Washington parle de 8 000 soldats dans la région.", "8 000 soldats", "Washington"),
        ("- La préfecture parle d'environ 400 évacués.", "environ 400 évacués", "La préfecture"),
        ("On parle de 300 morts dans la vallée.", "300 morts", None),
    ],
)
def test_who_speaks_of_a_figure_puts_it_forward(source: Any, text: str, part: str, expected: Any) -> None:
    assert source(text, part) == expected


def test_a_repeated_denial_after_a_quotation(parse: Any) -> None:
    text = "« Ce sont des rumeurs », a répété Anne Vidal."
    assert [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"] == ["Anne Vidal"]


def test_a_name_in_apposition_after_a_possessive_title_speaks(parse: Any) -> None:
    text = "« Le dossier avance », a précisé son adjoint, Marc Delorme. Kiev a riposté, a poursuivi ses frappes."
    found = [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert found == ["Marc Delorme"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Au moins 6 personnes ont été blessées, selon le maire de la commune, Alain Girard.", "Alain Girard"),
        ("Au moins 6 personnes ont été blessées, selon le ministère, qui ne donne pas de détails.", "le ministère"),
    ],
)
def test_selon_a_title_then_a_name_names_the_person(source: Any, text: str, expected: str) -> None:
    assert source(text, "Au moins 6 personnes") == expected


# --- seventh round: page residue, satellite analysis, sanctions, portrait, newsletter -----------------------


def test_web_page_residue_gives_no_claim(outlet: Any) -> None:
    found = outlet("34-page-web-residus.md")
    figs = figures(found)
    assert "40 killed" not in figs  # the embedded post, signed "— Name (@handle) November 4, 2024"
    assert not [c for c in found if c.kind == "quantity" and c.value in {5, 10_000, 12_000, 120, 27, 1}]
    assert not [c for c in found if c.kind == "date" and c.date == "2024-10-28"]  # the photo credit's caption
    assert figs["1 510 soldats russes tués ou blessés"].asserted_by == "L'état-major ukrainien"  # not "source"
    assert "24 heures" not in figs  # "au cours des dernières 24 heures": the period, not a figure
    monday = next(c for c in found if c.kind == "date" and c.text == "lundi")
    assert monday.asserted_by == "Andriy Youssov"  # "selon le porte-parole …, Andriy Youssov,": the person
    kiev = [c for c in found if c.kind == "quote" and c.speaker == "Kiev"]
    assert kiev and all("Séoul" not in c.quote for c in kiev)  # the headline's second clause is Seoul's


def test_satellite_imagery_analysis(outlet: Any) -> None:
    found = outlet("35-analyse-satellite.md")
    figs = figures(found)
    share = figs["entre 30 % et 50 %"]
    assert (share.low, share.high, share.unit) == (30, 50, "percent")
    assert (figs["de 15 % à 25 %"].low, figs["de 15 % à 25 %"].high) == (15, 25)
    launchers = figs["jusqu'à 100"]
    assert launchers.unit == "weapons" and launchers.counted == "lance-roquettes"  # "en": not the "240 mm"
    assert not figs["plus de 60 de ces missiles"].hedged  # ", dont une partie aurait manqué": the other clause
    span = next(c for c in found if c.kind == "date" and c.text == "entre août 2023 et octobre 2024")
    assert span.date == "2023-08/2024-10"
    isw = [c for c in found if c.kind == "quote" and "livraisons" in (c.quote or "")]
    assert isw and all("estonien" not in c.quote for c in isw)  # ", tandis qu'un rapport …": another source


def test_sanctions_and_legal_references(outlet: Any) -> None:
    found = outlet("36-sanctions-droit.md")
    figs = figures(found)
    assert not [c for c in found if c.kind == "quantity" and c.value in {51, 1718, 2270, 2397, 1874, 2371, 8, 4}
                and c.unit is None and c.text[:1].isdigit()]  # article, paragraph and resolution numbers
    assert "51 protège" not in figs
    assert figs["environ 15 %"].asserted_by == "Le ministère sud-coréen de l'Unification"
    japan = quoted(found, "quatre résolutions")
    assert japan and japan[0].speaker == "Le ministère japonais des Affaires étrangères"
    treaty = quoted(found, "accord bilatéral souverain")
    assert treaty and all(c.speaker == "Le ministère russe des Affaires étrangères" for c in treaty)
    assert quoted(found, "nous sommes aveugles")[0].speaker == "Linda Thomas-Greenfield"
    resolution = next(c for c in found if c.kind == "date" and c.text == "d'août 2017")
    assert (resolution.hedged, resolution.asserted_by) == (False, None)  # the resolution's date is on record


def test_portrait_of_an_officer(outlet: Any) -> None:
    found = outlet("37-portrait-general.md")
    dated = {c.text: c.date for c in found if c.kind == "date"}
    assert dated["en 1965"] == "1965" and dated["depuis 2022"] == "2022"
    assert dated["le 29 novembre"] == "2023-11-29"  # "de l'année précédente": before the 2024 nomination
    assert not quoted(found, "Héros de la République")  # "le titre de « … »": a distinction, not words
    assert figures(found)["entre 40 000 et 50 000 hommes"].hedged  # "qui compterait"


def test_newsletter_in_brief(outlet: Any) -> None:
    found = outlet("38-en-bref-newsletter.md")
    figs = figures(found)
    assert figs["plus de septante-deux millions de francs"].value == 72_000_000
    assert figs["près de huitante pour cent"].value == 80
    assert "30 derniers numéros" not in figs  # the newsletter's archives
    day = figs["1 200. C'est le nombre de soldats russes tués ou blessés"]
    assert day.value == 1200  # the figure of the day
    assert day.asserted_by == "le ministère britannique de la Défense"  # named in the sentence that says what it is
    assert not [c for c in found if c.kind == "date" and c.text == "ce vendredi 8 novembre"]  # the issue's date
    rutte = quoted(found, "plus un observateur")
    assert rutte and rutte[0].speaker == "Mark Rutte"  # "“…”, Mark Rutte, secrétaire général de l'Otan, lundi"
    monday = next(c for c in found if c.kind == "date" and c.text == "lundi")
    assert monday.date == "2024-11-04"  # the words were said: the Monday before the Friday issue
    assert quoted(found, "conventions de Genève")[0].speaker == "Pierre Krähenbühl"


def test_an_embedded_post_is_blanked_with_its_signature(tmp_path: Path, parse: Any) -> None:
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: t\nsource: s\npublished: 2025-03-10\n---\n"
                    "Le maire a confirmé l'évacuation de 300 habitants.\n\n"
                    "Nous évacuons 900 personnes ce soir, restez chez vous.\n"
                    "— Mairie de Valbourg (@MairieValbourg) March 9, 2025\n\n"
                    "Les secours ont installé 40 lits au gymnase.\n", encoding="utf-8")
    article = ingest.read_article(path, tmp_path)
    found = figures(claims.extract(parse(claims.masked_text(article)), article))
    assert set(found) == {"300 habitants", "40 lits"}


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Recevez chaque soir notre newsletter Europe : l'essentiel en 3 minutes. Je m'inscris", True),
        ("Contenu réservé aux abonnés", True),
        ("Vous recevez ce courriel car vous êtes abonné à notre lettre d'information. Se désinscrire", True),
        ("Ces 12 frappes ont visé la centrale. pic.twitter.com/Ab12Cd34", True),
        ("Le ministère a publié sa newsletter mensuelle, qui recensait 40 plaintes.", False),
        ("Le ministre - à la surprise générale - a annoncé 40 morts.", False),
    ],
)
def test_newsletter_prompts_and_posts_are_furniture(line: str, furniture: bool) -> None:
    assert bool(ingest.find_furniture(line)) == furniture


@pytest.mark.parametrize(
    ("text", "part", "low", "high"),
    [
        ("Les drones représentent entre 40 % et 60 % des pertes, selon l'institut.", "entre 40 % et 60 %", 40, 60),
        ("Une marge de 5 % à 8 % est retenue par les auteurs.", "de 5 % à 8 %", 5, 8),
    ],
)
def test_a_range_of_percentages_with_the_sign_twice(parse: Any, text: str, part: str, low: int, high: int) -> None:
    found = {c.text: c for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert (found[part].low, found[part].high, found[part].unit) == (low, high, "percent")


def test_a_change_between_two_percentages_stays_two_figures(parse: Any) -> None:
    text = "Le taux est passé de 12 % à 18 % en un an."
    found = {c.text for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found == {"12 %", "18 %"}


def test_an_article_number_after_an_elided_article_is_a_reference(parse: Any) -> None:
    text = "« L'article 12 interdit ce transfert », rappelle la juriste, et l'article 7 prévoit 3 recours."
    found = {c.text for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found == {"3 recours"}


def test_en_stands_for_the_things_counted_not_their_calibre(parse: Any) -> None:
    text = ("Les images montrent une trentaine de canons de 155 mm. L'armée pourrait en recevoir jusqu'à 80 "
            "avant l'été.")
    found = {c.text: c for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found["jusqu'à 80"].unit == "weapons"


@pytest.mark.parametrize(
    "text",
    [
        "Les sauveteurs ont secouru 45 personnes au cours des dernières 48 heures.",
        "Les sauveteurs ont secouru 45 personnes ces 72 dernières heures.",
    ],
)
def test_the_period_a_figure_covers_is_no_figure(parse: Any, text: str) -> None:
    found = {c.text for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert found == {"45 personnes"}


def test_who_could_not_check_a_figure_is_not_its_source(source: Any) -> None:
    text = "La police a recensé 320 interpellations, un bilan invérifiable de source indépendante."
    assert source(text, "320 interpellations") == "La police"


def test_a_verb_of_saying_in_another_sense_gives_the_quotation_no_speaker(parse: Any) -> None:
    text = "La préfète a ajouté que la fermeture du pont relevait d'une « mesure de précaution »."
    found = [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert found and set(found) == {"La préfète"}


def test_a_ministry_named_in_full_before_speaks_again(parse: Any) -> None:
    text = ("Le ministère italien de l'Intérieur a publié mardi son rapport. Le ministère précise que 1 200 "
            "demandes ont été déposées. « La hausse est nette », a ajouté le ministère.")
    found = article_claims(parse, text)
    assert {c.speaker for c in found if c.kind == "quote"} == {"Le ministère italien de l'Intérieur"}
    assert figures(found)["1 200 demandes"].asserted_by == "Le ministère italien de l'Intérieur"


def test_a_ministry_left_bare_when_two_were_named(parse: Any) -> None:
    text = ("Le ministère italien de l'Intérieur et le ministère français de l'Intérieur se sont réunis. "
            "« La hausse est nette », a ajouté le ministère.")
    assert [c.speaker for c in article_claims(parse, text) if c.kind == "quote"] == ["le ministère"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("« Le dossier est clos », a tranché la porte-parole du gouvernement, Maud Lefèvre, lors du point presse.",
         "Maud Lefèvre"),
        ("« Le dossier est clos », a indiqué la préfète à Lyon, Maud Lefèvre, devant la presse.", "Maud Lefèvre"),
        ("« Rien n'est joué », estime Paul Garnier, économiste à l'OFCE, qui ajoute que la croissance ralentit.",
         "Paul Garnier"),
    ],
)
def test_a_post_beside_a_name_is_that_person(parse: Any, text: str, speaker: str) -> None:
    found = {c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"}
    assert found == {speaker}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("« L'hiver sera long », Paul Garnier, économiste à l'OFCE, mardi sur France Inter.", "Paul Garnier"),
        ("« L'hiver sera long » — Maud Lefèvre.", "Maud Lefèvre"),
        ("« L'hiver sera long », Lyon, Marseille.", None),
        ("« L'hiver sera long », Paul Garnier et Maud Lefèvre, lors d'un débat.", None),  # two people sign
    ],
)
def test_a_quotation_signed_by_a_name_without_a_verb(parse: Any, text: str, speaker: Any) -> None:
    found = {c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"}
    assert found == ({speaker} if speaker else set())


def test_a_weekday_after_a_quotation_without_a_verb_is_past(parse: Any) -> None:
    text = "« L'hiver sera long », Paul Garnier, économiste à l'OFCE, jeudi sur France Inter."
    found = [c.date for c in sentence_claims(parse, text, published="2025-03-10") if c.kind == "date"]
    assert found == ["2025-03-06"]


def test_the_date_of_an_issue_is_no_event(parse: Any) -> None:
    text = ("Bonjour, voici l'essentiel de l'actualité de ce lundi 10 mars. L'essentiel de la réunion de mardi tient "
            "en peu.")
    found = [c.text for c in sentence_claims(parse, text) if c.kind == "date"]
    assert found == ["mardi"]


def test_the_date_of_a_document_is_on_record(parse: Any) -> None:
    text = ("Les livraisons, interdites par la résolution 2397 de décembre 2017, se poursuivraient, selon un rapport "
            "publié en 2023.")
    found = {c.text: (c.hedged, c.asserted_by) for c in article_claims(parse, text) if c.kind == "date"}
    assert found == {"de décembre 2017": (False, None), "en 2023": (False, None)}


def test_a_relative_clause_after_a_figure_does_not_hedge_it(parse: Any) -> None:
    text = "La police affirme que plus de 50 voitures ont été incendiées, dont une partie aurait été volée."
    found = {c.text: c.hedged for c in article_claims(parse, text) if c.kind == "quantity"}
    assert found == {"plus de 50 voitures": False}


def test_a_relative_clause_of_a_verbless_figure_still_hedges_it(parse: Any) -> None:
    text = "Au total, 4 000 réservistes, qui pourraient être rappelés d'ici l'hiver."
    found = {c.text: c.hedged for c in article_claims(parse, text) if c.kind == "quantity"}
    assert found == {"4 000 réservistes": True}


def test_a_distinction_in_quotation_marks_is_no_quote(parse: Any) -> None:
    text = "Le colonel aurait reçu, selon la presse locale, le titre de « Héros du Travail » en 2019."
    assert not [c for c in sentence_claims(parse, text) if c.kind == "quote"]


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("La préfecture, de son côté, parle de 400 évacués.", "400 évacués", "La préfecture"),
        ("Le Pentagone, pour sa part, parle de 9 000 soldats.", "9 000 soldats", "Le Pentagone"),
    ],
)
def test_an_aside_between_a_source_and_its_verb(source: Any, text: str, part: str, expected: str) -> None:
    assert source(text, part) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Des blindés lors d'un défilé à Minsk, le 3 juillet 2021. KCNA VIA REUTERS",
        "Le président lors d'une visite à Odessa, le 6 mars. Ukrainian Presidential Press Service via AFP",
        "Le dirigeant lors d'un essai de missile. STR / AFP",
    ],
)
def test_a_photo_credit_through_another_agency_closes_a_caption(line: str) -> None:
    spans = ingest.find_furniture(line)
    assert spans and spans[-1][1] == len(line) and line[spans[-1][0] - 1] == "."


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("La ministre portugaise des Finances a présenté le budget. « Le déficit baisse », a ajouté son ministère.",
         "le ministère des Finances"),  # "portugaise" agrees with the minister: left out, not misspelt
        ("Le ministère des Finances portugais a publié le budget. « Le déficit baisse », a précisé le ministère.",
         "Le ministère des Finances portugais"),
        ("Le ministère de l'Économie belgo-luxembourgeois a parlé. « Le déficit baisse », a dit le ministère.",
         "Le ministère de l'Économie belgo-luxembourgeois"),
    ],
)
def test_a_ministry_named_by_its_minister_or_in_full(parse: Any, text: str, speaker: str) -> None:
    assert {c.speaker for c in article_claims(parse, text) if c.kind == "quote"} == {speaker}


@pytest.mark.parametrize(
    "line",
    [
        "LIRE AUSSI >> Moldavie : 3 000 réservistes rappelés selon Chisinau",
        "» À LIRE AUSSI - Sahel : 200 soldats tués en un mois",
        "VIDÉO - Le maire de Lviv montre les 12 immeubles touchés",
        "[INFOGRAPHIE] Les 7 bases visées depuis janvier",
        "Suivez-nous sur Telegram et recevez nos 5 alertes quotidiennes",
        "Notre sélection : 4 documentaires sur la guerre froide",
        "Le 07/03/2025 à 18:45",
        "Source : Institut d'études stratégiques, 2 mars 2025",
    ],
)
def test_more_page_residue_is_furniture(line: str) -> None:
    assert ingest.find_furniture(line) == ((0, len(line)),)


@pytest.mark.parametrize(
    "line",
    [
        "Vidéos et photos circulent depuis mardi : 12 immeubles auraient été touchés.",
        "Le 7 mars à 18 h 45, 12 immeubles ont été touchés.",
        "Des sources diplomatiques évoquent 3 000 soldats.",
    ],
)
def test_sentences_that_open_like_residue_stay(line: str) -> None:
    assert ingest.find_furniture(line) == ()


def test_a_photo_credit_after_the_word_photo_closes_a_caption() -> None:
    line = "Le chef de l'État lors d'une revue des troupes, le 2 mars 2025. Photo KCNA/AFP"
    assert ingest.find_furniture(line)[-1][1] == len(line)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Le front se fige”, avance prudemment Hélène Caron, ancienne attachée militaire à Varsovie.",
         "Hélène Caron"),
        ("“Le front se fige”, résume auprès de l’AFP Hélène Caron, chercheuse à l’Iris.", "Hélène Caron"),
        ("« Le front se fige », constate Hélène Caron, analyste.", "Hélène Caron"),
        ("« Le front se fige », soutient Hélène Caron, ancienne ministre.", "Hélène Caron"),
    ],
)
def test_an_incise_with_an_adverb_or_an_outlet_before_the_name(parse: Any, text: str, speaker: str) -> None:
    assert {c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"} == {speaker}


def test_a_source_named_by_its_number_keeps_it(source: Any) -> None:
    text = "Selon l'arrêté n° 2025-318, 450 logements seront réquisitionnés."
    assert source(text, "450 logements") == "l'arrêté n° 2025-318"


@pytest.mark.parametrize(
    ("text", "part", "hedged"),
    [
        ("Le colonel Park Min-su, 52 ans, aurait dirigé l'opération.", "52 ans", False),
        ("Sa fille, âgée de 24 ans, serait officier de marine.", "24 ans", False),
        ("Le régiment enrôlerait des recrues de 17 ans.", "17 ans", True),
    ],
)
def test_an_age_is_no_figure(parse: Any, text: str, part: str, hedged: bool) -> None:
    found = {c.text: c.hedged for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert part not in found  # someone's age is no figure of the story, hedged or not


@pytest.mark.parametrize(
    ("text", "part", "date"),
    [
        ("Entre février et mai 2025, 40 cargos ont accosté.", "Entre février et mai 2025", "2025-02/2025-05"),
        ("D'octobre 2024 à janvier 2025, 40 cargos ont accosté.", "D'octobre 2024 à janvier 2025",
         "2024-10/2025-01"),
        ("Entre décembre et mars 2025, 40 cargos ont accosté.", "Entre décembre et mars 2025", "2024-12/2025-03"),
    ],
)
def test_a_span_of_months_is_one_interval(parse: Any, text: str, part: str, date: str) -> None:
    found = {c.text: c.date for c in sentence_claims(parse, text) if c.kind == "date"}
    assert found == {part: date}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le maire de Kherson parle d'une « situation intenable » dans les quartiers sud.",
         {("Le maire de Kherson", "situation intenable")}),
        ("Les observateurs parlent d'un « tournant ».", set()),  # nobody a reader can check
        ("Le ministre a parlé avec son homologue de la « situation ».", set()),
    ],
)
def test_who_speaks_of_quoted_words_says_them(parse: Any, text: str, expected: set[tuple[str, str]]) -> None:
    assert {(c.speaker, c.quote) for c in sentence_claims(parse, text) if c.kind == "quote"} == expected


def test_a_condition_and_its_main_clause_are_one_reported_sentence(parse: Any) -> None:
    text = "La ministre a averti que si Minsk ferme la frontière, Vilnius rappellera son ambassadeur."
    found = [c.quote for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert found == ["si Minsk ferme la frontière, Vilnius rappellera son ambassadeur"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La commune loge 60 sinistrés de plus qu'en janvier.", set()),  # a difference, neither count
        ("Le taux a grimpé, soit 12 % de plus qu'en 2023.", {"12 %"}),  # a rate of change is a figure
        ("L'armée enverra 2 000 réservistes de plus d'ici l'été.", {"2 000 réservistes"}),
        ("Au-delà de septante-deux familles attendent un relogement.", {"Au-delà de septante-deux familles"}),
    ],
)
def test_a_difference_between_two_counts_is_no_count(parse: Any, text: str, expected: set[str]) -> None:
    assert {c.text for c in sentence_claims(parse, text) if c.kind == "quantity"} == expected


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Mis à jour il y a 2 heures", True),
        ("7 mars 2025 à 09h15", True),
        ("Par Léa Marchal - 7 mars 2025 à 09:15", True),
        ("La Gazette du Nord | 7 mars 2025", True),
        ("Publié le 07 mars 2025 à 09h15 (mis à jour le 07 mars 2025 à 11h02)", True),
        ("Le 7 mars 2025 à 09h15, une frappe a touché le port.", False),
        ("Mis à jour mardi, le bilan fait état de 30 morts à 14h30.", False),
    ],
)
def test_publication_stamps_in_other_shapes(line: str, furniture: bool) -> None:
    spans = ingest.find_furniture(line)
    assert (bool(spans) and spans[0][0] == 0 and spans[-1][1] == len(line)) == furniture


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Le ministre a dénoncé d'« inacceptables provocations ».", "inacceptables provocations"),
        ("Le ministre s'est inquiété d'une « escalade ».", "escalade"),
    ],
)
def test_a_verb_of_saying_with_de_still_says_the_quoted_words(parse: Any, text: str, quote: str) -> None:
    assert {(c.speaker, c.quote) for c in sentence_claims(parse, text) if c.kind == "quote"} == {("Le ministre", quote)}


def test_a_parsed_doc_keeps_the_text_it_was_parsed_from(parse: Any) -> None:
    from extract import nlp

    text = "Le 3 mars, 40 soldats.\n\nLe 4 mars, 50 soldats."
    doc = parse(text)
    assert nlp.text_of(doc) == doc.text == text


# --- eighth round: field reportage, economy, editorial, equipment, joint statement and wire digest ---------------


def test_field_reportage(outlet: Any) -> None:
    found = outlet("39-reportage-terrain.md")
    figs = figures(found)
    assert figs["14 élèves"].asserted_by is None  # "Des panneaux indiquent les abris" announces nothing
    speakers = {c.speaker for c in found if c.kind == "quote"}
    assert {"Olena", "Tetiana", "Mykola", "Serhiï"} <= speakers  # "…, dit-elle" after "Olena, 52 ans, …"
    assert quoted(found, "Les enfants posent")[0].speaker == "Tetiana"  # the one brought in last, not the first
    assert quoted(found, "je partirai")[0].speaker == "Olena"  # named again without her age
    assert figs["trois civils"].asserted_by == "Volodymyr Artioukh"


def test_economy_and_trade(outlet: Any) -> None:
    found = outlet("40-economie-commerce.md")
    figs = figures(found)
    assert figs["5,5 milliards de dollars"].value == 5_500_000_000
    assert figs["13 500 milliards de roubles"].unit == "rubles"
    assert figs["42 millions"].unit == "dollars"  # "contre 42 millions en 2019": the dollars just before
    assert figs["67 000 tonnes"].asserted_by == "l'Union russe des céréales"  # the adjective tagged as a verb
    assert figs["12 %"].unit == "percent"
    assert figs["quelque 264 millions de dollars"].hedged  # "cela représenterait": a reckoning


def test_editorial_with_hypotheticals(outlet: Any) -> None:
    found = outlet("41-editorial-hypotheses.md")
    figs = figures(found)
    assert all(c.hedged for c in found if c.kind == "quantity" and c.value == 100_000)
    assert "mille raisons" not in figs
    assert not [c for c in found if c.kind == "quantity" and c.value in {200_000, 50_000}]
    asked = next(c for c in found if c.kind == "date" and "Et si demain" in c.sentence)
    assert asked.hedged  # a hypothesis asked, not an event
    assert figs["10 000 soldats arrivés"].asserted_by == "Le Pentagone"


def test_military_equipment(outlet: Any) -> None:
    found = outlet("42-equipement-militaire.md")
    figs = figures(found)
    assert not [c for c in found if c.kind == "quantity" and c.unit == "mm"]  # calibres are not counts
    assert figs["500 kg"].unit == "kg"
    assert "une soixantaine" not in figs or figs["une soixantaine"].counted != "kg"  # "en" stands for no weight
    assert not [c for c in found if c.kind == "quantity" and c.value in {23, 11, 72, 1989, 1991, 12} and
                c.unit is None and not c.text.startswith("au moins")]  # model numbers
    assert figs["une vingtaine de lance-roquettes"].unit == "weapons"
    assert figs["une cinquantaine de ces pièces"].asserted_by == "le renseignement sud-coréen"
    assert (figs["11 000"].unit, figs["11 000"].asserted_by) == ("soldiers", "Kiev")  # "au nombre de 11 000 selon Kiev"
    transferred = quoted(found, "transféré une vingtaine")
    assert transferred and all("Chaque lanceur" not in c.quote for c in transferred)  # "de 240 mm." ends it


def test_joint_statement_and_wire_digest(outlet: Any) -> None:
    found = outlet("43-communique-conjoint.md")
    figs = figures(found)
    assert figs["Plus de 10 000 soldats"].qualifier == "at_least"
    assert not [c for c in found if c.kind == "quantity" and c.value in {1, 2, 3, 4, 5, 1718, 1874, 2270}]
    assert not [c for c in found if c.kind == "date" and c.date in {"2006", "2009", "2016"}]  # resolutions' years
    assert figs["3 000 soldats supplémentaires"].hedged
    days = {c.text: c.date for c in found if c.kind == "date"}
    assert (days["lundi"], days["mardi"], days["mercredi"]) == ("2024-11-18", "2024-11-19", "2024-11-20")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("L'armée a reçu des obusiers de 170 mm et des mortiers de 82 mm.", None),
        ("Une trentaine de pièces d'artillerie de 152 millimètres ont été livrées.", "weapons"),
    ],
)
def test_a_calibre_is_no_figure(parse: Any, text: str, unit: str | None) -> None:
    found = [c for c in sentence_claims(parse, text) if c.kind == "quantity"]
    assert all(c.unit != "mm" for c in found)
    assert [c.value for c in found] == ([] if unit is None else [30])


def test_a_unit_after_a_figure_ends_a_sentence_for_quotes(parse: Any) -> None:
    text = ("Le ministère a affirmé que l'armée avait reçu des canons de 155 mm. Chaque batterie compte six pièces. "
            "M. Durand a confirmé la livraison.")
    said = [c for c in sentence_claims(parse, text) if c.kind == "quote"]
    assert said and all(c.quote.endswith("155 mm") for c in said)


def test_a_sign_that_shows_a_place_hands_on_no_source(parse: Any) -> None:
    text = ("Des flèches peintes à la main indiquent la sortie du village. "
            "Dans la salle des fêtes, 60 familles attendent un car.")
    assert {c.text: c.asserted_by for c in sentence_claims(parse, text) if c.kind == "quantity"} == {
        "60 familles": None
    }


def test_measures_announced_still_hand_on_their_source(parse: Any) -> None:
    text = "Le ministère a annoncé de nouvelles mesures. Au total, 300 soldats seront déployés."
    assert [c.asserted_by for c in sentence_claims(parse, text) if c.kind == "quantity"] == ["Le ministère"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Marta, 61 ans, vend des légumes au marché. « On a peur chaque nuit », confie-t-elle.", "Marta"),
        ("Petro Kovalenko, 45 ans, répare un toit. « Il faut tenir », dit-il.", "Petro Kovalenko"),
    ],
)
def test_a_person_given_with_an_age_speaks_after(parse: Any, text: str, speaker: str) -> None:
    assert [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"] == [speaker]


def test_a_round_word_before_an_idiom_is_no_count(parse: Any) -> None:
    text = "Il y a mille raisons d'hésiter, et le ministre l'a dit cent fois. L'armée a envoyé mille soldats."
    assert [c.text for c in sentence_claims(parse, text) if c.kind == "quantity"] == ["mille soldats"]


def test_a_date_in_a_hypothesis_asked_is_hedged(parse: Any) -> None:
    found = article_claims(parse, "Et si demain Pyongyang envoyait ses blindés ? Le ministre arrive demain.")
    assert [(c.text, c.hedged) for c in found if c.kind == "date"] == [("demain", True), ("demain", False)]


def test_the_outlets_own_sources_name_nobody(figs: Any) -> None:
    found = figs("Selon nos informations, 3 000 soldats sont arrivés. "
                 "Selon nos confrères du Soir, 20 avions sont partis.")
    assert found["3 000 soldats"].asserted_by is None  # the outlet itself, already the claim's source
    assert found["20 avions"].asserted_by == "nos confrères du Soir"


def test_a_range_after_parler_de_is_the_speakers(figs: Any) -> None:
    found = figs("Ce bilan est confirmé par le ministère, qui parle de 300 à 400 blessés. "
                 "L'ONU parle de 50 à 60 morts.")
    assert found["de 300 à 400 blessés"].asserted_by == "le ministère"
    assert found["de 50 à 60 morts"].asserted_by == "L'ONU"


def test_a_post_shared_on_networks_is_the_speaker_not_the_networks(parse: Any) -> None:
    text = "Une vidéo relayée des centaines de fois sur les messageries affirme que 5 000 soldats ont déserté."
    assert [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"] == ["Une vidéo"]


def test_a_doubt_inside_a_quotation_does_not_hedge_the_words_after_it(parse: Any) -> None:
    text = ("« Ils étaient des centaines, peut-être davantage », raconte Ivan, 70 ans, ancien mineur, assis devant "
            "la gare fermée depuis trois ans.")
    found = {c.text: c for c in sentence_claims(parse, text) if c.kind == "quantity"}
    assert not found["trois ans"].hedged


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nina, 80 ans, a tout perdu. « La maison a brûlé en une nuit, avec les photos », se souvient-elle.", "Nina"),
        ("« Nous n'avons plus d'eau depuis le mois d'août », se désole Bohdan Melnyk.", "Bohdan Melnyk"),
        ("« On finira par rentrer chez nous, un jour ou l'autre », sourit Ivan Marchenko.", "Ivan Marchenko"),
    ],
)
def test_a_reflexive_or_a_smile_after_a_quotation_names_its_speaker(parse: Any, text: str, speaker: str) -> None:
    assert [c.speaker for c in sentence_claims(parse, text) if c.kind == "quote"] == [speaker]


def test_au_nombre_de_counts_the_plural_noun_before_it(figs: Any) -> None:
    found = figs("Les conscrits envoyés dans la région de Belgorod, au nombre de 4 000 selon Kiev, seraient "
                 "mal équipés. Ils sont au nombre de 300.")
    assert set(found) == {"4 000"}
    assert (found["4 000"].unit, found["4 000"].asserted_by) == ("soldiers", "Kiev")
    assert not found["4 000"].hedged  # the conditional is about their equipment, not their number


def test_a_figure_put_forward_by_someone_is_theirs(figs: Any) -> None:
    found = figs("Les chaînes reprennent le chiffre de 6 000 réservistes avancé par Minsk. "
                 "Les 900 blindés évoqués par Varsovie n'ont pas été vus. "
                 "Les 40 soldats tués par la frappe étaient jeunes.")
    assert found["6 000 réservistes"].asserted_by == "Minsk"
    assert found["900 blindés évoqués"].asserted_by == "Varsovie"
    assert found["40 soldats tués"].asserted_by is None  # killed by a strike: nobody's statement
