"""The French date tagger: each form, each resolution rule, and the traps that must not become dates."""

from __future__ import annotations

import datetime as dt

import pytest

from extract import calendar, dates
from extract.calendar import FUTURE, PAST, Reference
from extract.models import ArticleContext


@pytest.fixture(scope="module")
def found(parse):
    """(text, date) pairs the tagger finds in a made-up text published on a given date."""

    def _found(text: str, published: str | None) -> list[tuple[str, str | None]]:
        claims = dates.extract(parse(text), ArticleContext("test", text, published))
        return [(c.text, c.date) for c in claims]

    return _found


# (publication date, text, expected claims). 2024-11-13 is a Wednesday; 2025-01-01 a Wednesday too.
CASES = [
    # absolute dates carry their own year: resolved whatever the publication date
    (None, "Le sommet s'est tenu le 12 mars 2023 à Vilnius.", [("le 12 mars 2023", "2023-03-12")]),
    (None, "Les renforts sont arrivés le 1er décembre 2023.", [("le 1er décembre 2023", "2023-12-01")]),
    (None, "La capitulation du 8 mai 1945 reste célébrée.", [("8 mai 1945", "1945-05-08")]),
    (None, "Le décret a été publié le 05/11/2024.", [("le 05/11/2024", "2024-11-05")]),
    (None, "Le plan a été présenté en octobre 2022.", [("en octobre 2022", "2022-10")]),
    (None, "Le blocus a commencé en 2014.", [("en 2014", "2014")]),
    (None, "Le dépôt a été bombardé le 3 janv. 2024.", [("le 3 janv. 2024", "2024-01-03")]),
    ("2024-11-13", "Depuis 2022, les échanges ont triplé.", [("Depuis 2022", "2022")]),
    ("2024-11-13", "Fin 2023, l'armée a reculé.", [("Fin 2023", "2023")]),
    # without a publication date only expressions with their own year are kept
    (None, "Le ministre a démissionné en juin, vendredi, la semaine dernière.", []),
    # partial dates resolved by tense
    ("2024-11-13", "Le chef de la diplomatie a parlé mercredi 6 novembre.", [("mercredi 6 novembre", "2024-11-06")]),
    ("2024-11-13", "Ce mardi 12 novembre, le Parlement a voté.", [("Ce mardi 12 novembre", "2024-11-12")]),
    ("2024-11-13", "La délégation est rentrée le 2 novembre.", [("le 2 novembre", "2024-11-02")]),
    ("2024-10-20", "Le gouvernement a signé l'accord en juin.", [("en juin", "2024-06")]),
    ("2024-10-20", "Les combats ont repris début septembre.", [("début septembre", "2024-09")]),
    ("2024-10-20", "L'offensive lancée mi-juillet a échoué.", [("mi-juillet", "2024-07")]),
    ("2024-10-20", "Le porte-parole a démenti fin août.", [("fin août", "2024-08")]),
    ("2024-10-20", "Le texte a été adopté à la fin du mois de mai.", [("à la fin du mois de mai", "2024-05")]),
    ("2024-10-20", "Il a été reçu au mois d'avril dernier.", [("au mois d'avril dernier", "2024-04")]),
    ("2024-10-20", "Depuis août, les livraisons ont doublé.", [("Depuis août", "2024-08")]),
    ("2024-10-20", "La visite de juillet a été reportée.", [("de juillet", "2024-07")]),
    ("2024-10-20", "Le ministre se rendra en mars à Tokyo.", [("en mars", "2025-03")]),
    ("2024-10-20", "Les élections auront lieu le 4 février.", [("le 4 février", "2025-02-04")]),
    ("2024-06-15", "Les pourparlers ont échoué en juin dernier.", [("en juin dernier", "2023-06")]),
    ("2024-06-15", "Les pourparlers ont échoué en juin.", [("en juin", "2024-06")]),
    ("2024-06-15", "Le vote aura lieu en juin prochain.", [("en juin prochain", "2025-06")]),
    # no verb to go by: the nearest, leaning to the past
    ("2024-12-10", "Son retour à la présidence en janvier.", [("en janvier", "2025-01")]),
    ("2024-10-20", "Des images satellites prises en mars.", [("en mars", "2024-03")]),
    ("2024-10-20", "Les deux pays ont signé en juin un traité.", [("en juin", "2024-06")]),  # "un" is no "mai 68"
    ("2024-10-20", "En 2023 un accord a été conclu.", [("En 2023", "2023")]),
    ("2024-11-13", "Les premiers soldats sont arrivés lundi à Koursk.", [("lundi", "2024-11-11")]),  # être + past
    ("2024-11-13", "Le ministre s'est rendu mardi à Séoul.", [("mardi", "2024-11-12")]),
    ("2024-11-13", "Le ministre est attendu vendredi à Séoul.", [("vendredi", "2024-11-15")]),
    # a date that qualifies a noun keeps its own time, not the tense of the verb above it
    (
        "2024-12-10",
        "Il a promis, avant son investiture le 20 janvier, de tout régler.",
        [("le 20 janvier", "2025-01-20")],
    ),
    ("2024-12-10", "Lors de la visite à Pékin en juin, les deux pays ont signé un accord.", [("en juin", "2024-06")]),
    (
        "2024-11-13",
        "Dans la nuit de dimanche à lundi, des drones ont frappé.",
        [("la nuit de dimanche à lundi", "2024-11-10/2024-11-11")],  # one night, one event
    ),
    ("2024-11-13", "Le ministre doit aller rencontrer son homologue jeudi.", [("jeudi", "2024-11-14")]),
    ("2024-11-13", "Séoul pourrait livrer des armes dès l'an prochain.", [("l'an prochain", "2025")]),
    ("2024-11-13", "Les combats ont repris depuis fin octobre.", [("depuis fin octobre", "2024-10")]),
    (
        "2024-11-13",
        "Samedi 9 et dimanche 10 novembre, des drones ont visé Kiev.",
        [("Samedi 9", "2024-11-09"), ("dimanche 10 novembre", "2024-11-10")],
    ),
    ("2024-11-13", "Le contrat court jusqu'en mars.", [("jusqu'en mars", "2025-03")]),  # leans ahead
    ("2024-11-13", "Il a gouverné jusqu'en mars.", [("jusqu'en mars", "2024-03")]),  # unless the verb is past
    ("2024-11-13", "Les livraisons reprendront d'ici janvier.", [("d'ici janvier", "2025-01")]),
    # year rollover both ways
    ("2025-01-08", "Le ministre a démissionné en décembre.", [("en décembre", "2024-12")]),
    ("2025-01-08", "Les frappes ont repris le 28 décembre.", [("le 28 décembre", "2024-12-28")]),
    ("2025-01-01", "L'ambassadeur a été convoqué vendredi.", [("vendredi", "2024-12-27")]),
    ("2024-12-30", "Les ministres se réuniront vendredi.", [("vendredi", "2025-01-03")]),
    ("2024-12-30", "La réunion est prévue la semaine prochaine.", [("la semaine prochaine", "2025-01-06/2025-01-12")]),
    ("2024-12-20", "Le traité entrera en vigueur en janvier.", [("en janvier", "2025-01")]),
    ("2025-01-05", "Le traité est entré en vigueur le 1er janvier.", [("le 1er janvier", "2025-01-01")]),
    # weekdays: past tense looks back, future looks ahead, dernier/prochain skip the day itself
    ("2024-11-13", "Le ministre a déclaré lundi que les troupes étaient prêtes.", [("lundi", "2024-11-11")]),
    ("2024-11-13", "Interrogé jeudi, le général a refusé de répondre.", [("jeudi", "2024-11-07")]),
    ("2024-11-13", "Le président se rendra vendredi à Kiev.", [("vendredi", "2024-11-15")]),
    ("2024-11-13", "Mercredi dernier, l'agence a publié une note.", [("Mercredi dernier", "2024-11-06")]),
    ("2024-11-13", "Le Conseil se réunira mardi prochain.", [("mardi prochain", "2024-11-19")]),
    ("2024-11-13", "Ce mercredi, le porte-parole a confirmé l'envoi.", [("Ce mercredi", "2024-11-13")]),
    ("2024-11-13", "Le ministre a parlé mardi 12 devant les députés.", [("mardi 12", "2024-11-12")]),
    ("2024-11", "Le ministre a déclaré lundi que les troupes étaient prêtes.", []),
    ("2024", "Le ministre a déclaré lundi que les troupes étaient prêtes.", []),
    # relative expressions
    ("2024-11-13", "Hier, le porte-parole a démenti.", [("Hier", "2024-11-12")]),
    ("2024-11-13", "Le Conseil se réunira demain.", [("demain", "2024-11-14")]),
    ("2024-11-13", "Aujourd'hui, le ministre a annoncé sa démission.", [("Aujourd'hui", "2024-11-13")]),
    (
        "2024-11-13",
        "La semaine dernière, Séoul a convoqué l'ambassadeur.",
        [("La semaine dernière", "2024-11-04/2024-11-10")],
    ),
    ("2024-11-13", "Cette semaine, les ministres se sont réunis.", [("Cette semaine", "2024-11-11/2024-11-17")]),
    ("2024-11-13", "Le week-end dernier, des drones ont frappé.", [("Le week-end dernier", "2024-11-09/2024-11-10")]),
    ("2024-11-13", "Le mois dernier, l'agence a publié un rapport.", [("Le mois dernier", "2024-10")]),
    ("2024-11", "Le mois dernier, l'agence a publié un rapport.", [("Le mois dernier", "2024-10")]),
    ("2024-11-13", "L'an dernier, la production a doublé.", [("L'an dernier", "2023")]),
    ("2024-11-13", "L'année dernière, les exportations ont chuté.", [("L'année dernière", "2023")]),
    ("2025", "L'année prochaine, le budget augmentera.", [("L'année prochaine", "2026")]),
    ("2024-11", "Hier, le porte-parole a démenti.", []),
    # intervals of days
    ("2024-11-13", "Le sommet se tiendra du 4 au 6 décembre.", [("du 4 au 6 décembre", "2024-12-04/2024-12-06")]),
    ("2024-11-13", "Les 7 et 8 octobre, le G7 s'est réuni.", [("Les 7 et 8 octobre", "2024-10-07/2024-10-08")]),
    (
        "2024-11-13",
        "La foire aura lieu du 28 novembre au 3 décembre.",
        [("du 28 novembre au 3 décembre", "2024-11-28/2024-12-03")],
    ),
    # each occurrence is its own claim
    (
        "2024-11-13",
        "Lundi, Séoul a protesté. Lundi, Tokyo a fait de même.",
        [("Lundi", "2024-11-11"), ("Lundi", "2024-11-11")],
    ),
]

TRAPS = [
    "Il l'a rappelé dans sa déclaration, mais sans donner de détail.",  # "dans sa", "mais"
    "Il voulait partir, mais il est resté.",
    "Une sonde a été envoyée vers Mars et une autre depuis Mars.",  # the planet
    "Mars est une planète froide.",
    "Le maréchal Juin a commandé le corps expéditionnaire.",  # a name
    "Ces derniers mois, les tensions ont augmenté.",
    "Il y a quelques jours, Séoul a réagi.",
    "Dans les mois à venir, tout peut changer.",
    "Les renforts arriveront bientôt.",
    "Le régime a récemment durci le ton.",
    "Depuis plusieurs mois, les livraisons se multiplient.",
    "À l'époque, aucun détail n'avait filtré.",
    "La réunion a commencé à 14 h 30 et s'est terminée à 18 heures.",
    "Le Mondial 2026 et l'Euro 2024 attirent les foules.",
    "Le livre a été tiré en 1500 exemplaires.",
    "Les événements de mai 68 ont marqué la France.",
    "Le bureau est ouvert du lundi au vendredi.",
    "Le mardi gras tombe tôt. Chaque lundi, il court. Le lundi, il travaille.",
    "Le monde d'aujourd'hui est instable.",
    "Aujourd'hui, le pays compte plus d'un million de soldats.",
    "Les attentats du 11 septembre ont changé le monde.",
    "Il habite rue du 4 Septembre.",
    "La semaine a été longue, le mois aussi.",
    "Des milliers de personnes se sont rassemblées au Champ de Mars.",
    "Robinson et Vendredi ont quitté l'île.",
    "Hier encore, personne n'y croyait.",
]


@pytest.mark.parametrize(("published", "text", "expected"), CASES)
def test_forms_and_resolution(found, published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text", TRAPS)
def test_traps_are_not_dates(found, text):
    assert found(text, "2024-11-13") == []


def test_month_mid_sentence_in_capitals_needs_a_year(found):
    assert found("La sonde a atteint Mars en mars dernier.", "2024-11-13") == [("en mars dernier", "2024-03")]
    assert found("Le rapport publié le 19 Juin 2024 a fuité.", "2024-11-13") == [("le 19 Juin 2024", "2024-06-19")]


def test_claims_index_the_text_and_their_sentence(parse):
    text = "Premier paragraphe sans date.\n\n  Le ministre a parlé vendredi. Il a ajouté que tout avait changé en juin."
    doc = parse(text)
    claims = dates.extract(doc, ArticleContext("a1", text, "2024-10-20"))
    assert [c.text for c in claims] == ["vendredi", "en juin"]
    for claim in claims:
        assert claim.kind == "date"
        assert claim.id == ""
        assert claim.article_id == "a1"
        assert text[claim.start : claim.end] == claim.text == claim.expression
        assert claim.sentence == claim.sentence.strip()
        assert text[claim.sentence_start : claim.sentence_start + len(claim.sentence)] == claim.sentence
        assert claim.sentence_start <= claim.start and claim.end <= claim.sentence_start + len(claim.sentence)
        assert claim.hedged is False and claim.asserted_by is None
    assert claims[0].sentence == "Le ministre a parlé vendredi."


def test_anchor_from_a_dated_weekday_when_only_the_month_is_known(found):
    text = "Ce jeudi 14 novembre, l'Otan s'est réunie. Mardi, le ministre avait prévenu."
    assert found(text, "2024-11") == [("Ce jeudi 14 novembre", "2024-11-14"), ("Mardi", "2024-11-12")]
    wrong_weekday = "Ce jeudi 15 novembre, l'Otan s'est réunie. Mardi, le ministre avait prévenu."
    assert found(wrong_weekday, "2024-11") == [("Ce jeudi 15 novembre", "2024-11-15")]


def test_a_day_just_after_the_reference_stays_in_its_year(found):
    # a past verb, but the reference trails the events by a day or two: not last year's date
    assert found("Le 15 novembre, l'agence a confirmé l'envoi.", "2024-11-13") == [("Le 15 novembre", "2024-11-15")]


# -- calendar arithmetic ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-10-18", Reference(2024, 10, 18)),
        ("2024-10", Reference(2024, 10)),
        ("2024", Reference(2024)),
        ("2024-10-21T13:07", Reference(2024, 10, 21)),
        ("2024-13", None),
        ("2024-02-30", None),
        ("", None),
        (None, None),
        ("octobre", None),
    ],
)
def test_reference_parse(text, expected):
    assert Reference.parse(text) == expected


def test_month_year_directions():
    ref = Reference(2024, 10)
    assert calendar.month_year(6, ref, PAST) == 2024
    assert calendar.month_year(11, ref, PAST) == 2023
    assert calendar.month_year(6, ref, FUTURE) == 2025
    assert calendar.month_year(10, ref, PAST) == 2024
    assert calendar.month_year(10, ref, PAST, strict=True) == 2023
    assert calendar.month_year(10, ref, FUTURE, strict=True) == 2025
    assert calendar.month_year(1, ref, None) == 2025  # three months ahead against nine back
    assert calendar.month_year(3, ref, None) == 2024  # five ahead is not clearly nearer than seven back
    assert calendar.month_year(6, Reference(2024), PAST) is None


def test_weekday_and_weeks():
    wednesday = dt.date(2024, 11, 13)
    assert calendar.weekday(2, wednesday, PAST) == wednesday
    assert calendar.weekday(2, wednesday, PAST, strict=True) == dt.date(2024, 11, 6)
    assert calendar.weekday(2, wednesday, FUTURE, strict=True) == dt.date(2024, 11, 20)
    assert calendar.weekday(4, wednesday, None) == dt.date(2024, 11, 15)
    assert calendar.weekday(0, wednesday, None) == dt.date(2024, 11, 11)
    assert calendar.week(wednesday, -1) == "2024-11-04/2024-11-10"
    assert calendar.weekend(wednesday, None) == "2024-11-16/2024-11-17"
    assert calendar.weekend(dt.date(2024, 11, 16), None) == "2024-11-16/2024-11-17"
    assert calendar.weekend(dt.date(2024, 11, 17), PAST, strict=True) == "2024-11-09/2024-11-10"
    assert calendar.shift_month(Reference(2025, 1), -1) == "2024-12"


def test_day_month_handles_impossible_and_leap_days():
    assert calendar.day_month(6, 31, Reference(2024, 10), PAST) is None
    assert calendar.day_month(2, 29, Reference(2025, 3), PAST) == dt.date(2024, 2, 29)


# -- robustness ---------------------------------------------------------------------------------------

WORDS = [
    "le",
    "la",
    "ce",
    "cette",
    "en",
    "de",
    "d'",
    "depuis",
    "dès",
    "jusqu'",
    "au",
    "du",
    "mois",
    "début",
    "fin",
    "mi",
    "-",
    "juin",
    "Mars",
    "mai",
    "mais",
    "décembre",
    "janv.",
    "lundi",
    "Vendredi",
    "dernier",
    "prochaine",
    "semaine",
    "an",
    "année",
    "hier",
    "aujourd'hui",
    "1er",
    "4",
    "31",
    "29",
    "février",
    "2024",
    "1945",
    "68",
    "12 000",
    "a",
    "annoncé",
    "sera",
    "entre",
    "et",
    "les",
    "week-end",
    "ici",
    "soldats",
    ",",
    ".",
    "\n",
]


@pytest.mark.parametrize("published", [None, "2024", "2024-02", "2024-02-29", "2024-12-31"])
def test_any_word_salad_keeps_the_claim_invariants(parse, published):
    """Random runs of date words never crash the tagger nor break the offsets contract."""
    hypothesis = pytest.importorskip("hypothesis")
    strategies = hypothesis.strategies

    @hypothesis.settings(max_examples=40, deadline=None, derandomize=True)
    @hypothesis.given(strategies.lists(strategies.sampled_from(WORDS), min_size=1, max_size=25))
    def check(words):
        text = " ".join(words)
        claims = dates.extract(parse(text), ArticleContext("fuzz", text, published))
        for claim in claims:
            assert text[claim.start : claim.end] == claim.text == claim.expression
            assert text[claim.sentence_start : claim.sentence_start + len(claim.sentence)] == claim.sentence
            assert claim.date and claim.date[:4].isdigit()

    check()


def test_a_bad_lexicon_edit_names_its_line(tmp_path) -> None:
    from extract.errors import InputError

    bad = tmp_path / "dates.yaml"
    bad.write_text("months:\n  janvier: 1\n  janvier: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        dates.lexicon(bad)
    assert ":3:" in str(info.value.problems[0]) and "duplicate key 'janvier'" in str(info.value.problems[0])


def test_a_lexicon_missing_a_list_is_an_error(tmp_path) -> None:
    from extract.wording import read_lexicon

    path = tmp_path / "words.yaml"
    path.write_text("present: [un, deux]\nempty:\n", encoding="utf-8")
    lex = read_lexicon("words.yaml", tmp_path)
    assert lex.words("present") == {"un", "deux"} and lex.phrases("empty") == ()
    with pytest.raises(KeyError):
        lex.words("absent")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 2024-10-31 is a Thursday: the night of Thursday to Friday is that one, not the days around publication
        ("Dans la nuit de jeudi à vendredi, le 31 octobre, des convois ont été signalés.",
         [("la nuit de jeudi à vendredi", "2024-10-31/2024-11-01"), ("le 31 octobre", "2024-10-31")]),
        ("Mardi, le 5 novembre, les électeurs ont voté.", [("Mardi", "2024-11-05"), ("le 5 novembre", "2024-11-05")]),
        ("Samedi soir, le 2 novembre, une frappe a visé le dépôt.",
         [("Samedi", "2024-11-02"), ("le 2 novembre", "2024-11-02")]),
        # a weekday with its own clause keeps its reading from the publication date
        ("Vendredi, le ministre a annoncé qu'un sommet aura lieu le 17 décembre.",
         [("Vendredi", "2024-12-06"), ("le 17 décembre", "2024-12-17")]),
        ("Lundi, le président a reçu son homologue ; le 28 octobre, il avait déjà parlé.",
         [("Lundi", "2024-12-09"), ("le 28 octobre", "2024-10-28")]),
    ],
)
def test_a_weekday_right_before_a_full_date_is_a_day_of_that_week(found, text, expected):
    assert found(text, "2024-12-09") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Cet article, publié initialement le 2 décembre, a été mis à jour ce lundi à 10 h.",
        "Prochaine mise à jour : la semaine prochaine.",
        "Dernière mise à jour : le 8 décembre.",
        "Cette chronologie a été complétée mardi.",
        "Notre décryptage, mis en ligne le 1er décembre, a été corrigé.",
    ],
)
def test_the_article_own_history_is_no_event(found, text):
    assert found(text, "2024-12-09") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cet accord, publié le 3 décembre, prévoit une aide.", [("le 3 décembre", "2024-12-03")]),
        ("Le ministère a publié le 3 décembre un rapport.", [("le 3 décembre", "2024-12-03")]),
        ("Le texte a été mis à jour par les députés le 4 décembre.", [("le 4 décembre", "2024-12-04")]),
    ],
)
def test_other_documents_keep_their_dates(found, text, expected):
    assert found(text, "2024-12-09") == expected


def test_the_article_own_history_is_no_event_after_other_sentences(found):
    text = "Le sommet a eu lieu le 3 décembre. Cet article, publié le 4 décembre, a été mis à jour ce lundi."
    assert found(text, "2024-12-09") == [("le 3 décembre", "2024-12-03")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le 4/11, le ministre avait prévenu ses alliés.", [("Le 4/11", "2024-11-04")]),
        ("La réunion est prévue le 17/12 à Bruxelles.", [("le 17/12", "2024-12-17")]),
        ("Depuis le 28/10, les convois se succèdent.", [("le 28/10", "2024-10-28")]),
        # a fraction, a share of votes, an impossible day, the page's own stamp: no date
        ("Le 1/3 des effectifs serait engagé.", []),
        ("Il a obtenu 3/4 des voix.", []),
        ("Le 31/2, rien ne bougeait.", []),
        ("Publié le 26/11 à 18 h 30", []),
        ("Mis à jour le 4/12.", []),
    ],
)
def test_a_day_and_month_in_figures_after_le(found, text, expected):
    assert found(text, "2024-12-09") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le sommet aura lieu à l'automne 2025.", [("à l'automne 2025", "2025")]),
        ("Pendant l'été 2023, le dirigeant a visité la base.", [("Pendant l'été 2023", "2023")]),
        ("Au premier trimestre 2025, la Russie recevra des renforts.",
         [("Au premier trimestre 2025", "2025-01/2025-03")]),
        ("Au second semestre de 2024, les livraisons ont doublé.", [("Au second semestre de 2024", "2024-07/2024-12")]),
        ("Le 3e trimestre 2024 a été plus calme.", [("Le 3e trimestre 2024", "2024-07/2024-09")]),
        # winter straddles two years, a season alone has no year: no date
        ("L'hiver 2024 sera rude.", []),
        ("Au printemps, les troupes sont arrivées.", []),
        ("Les livraisons ont été 2023 fois plus nombreuses.", []),  # the participle "été"
    ],
)
def test_a_season_or_a_quarter_with_its_year(found, text, expected):
    assert found(text, "2024-11-20") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le vendredi 15, le ministre a parlé.", [("vendredi 15", "2024-11-15")]),
        ("Le samedi 9, des drones ont visé la ville.", [("samedi 9", "2024-11-09")]),
        ("Le lundi, les ministres se réunissent.", []),  # a habit, no day
    ],
)
def test_le_before_a_weekday_and_its_day_names_that_day(found, text, expected):
    assert found(text, "2024-11-20") == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        ("2025-06-18", "Les loyers ont grimpé de 9 % entre janvier et mai.",
         [("entre janvier et mai", "2025-01/2025-05")]),
        ("2025-06-18", "Les fouilles reprendront de septembre à novembre.",
         [("de septembre à novembre", "2025-09/2025-11")]),
        ("2025-06-18", "Le musée ferme de Mars à Vénus.", []),  # capitals: no months
    ],
)
def test_a_span_of_months_without_its_year(found, published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("« Ce qu'on ne répare pas aujourd'hui coûte le double demain », prévient l'ingénieure.", []),
        ("Aujourd'hui à Lormont, la ministre sera demain à Brenne.",
         [("Aujourd'hui", "2025-06-18"), ("demain", "2025-06-19")]),
        ("La ministre se rend demain à Brenne.", [("demain", "2025-06-19")]),
    ],
)
def test_tomorrow_set_against_today_is_the_future_at_large(found, text, expected):
    assert found(text, "2025-06-18") == expected


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        ("2025-11-18", "L'été dernier, la sécheresse a détruit un tiers des récoltes.", [("L'été dernier", "2025")]),
        ("2025-04-10", "L'été dernier, la sécheresse a détruit un tiers des récoltes.", [("L'été dernier", "2024")]),
        ("2025-01-10", "Au printemps prochain, l'usine rouvrira.", [("Au printemps prochain", "2025")]),
        ("2025-07-10", "Au printemps prochain, l'usine rouvrira.", [("Au printemps prochain", "2026")]),
        ("2025-06-18", "L'été dernier, la sécheresse a détruit un tiers des récoltes.", []),  # which summer: unsure
    ],
)
def test_the_last_or_next_season(found, published, text, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Des drones ont été abattus dans la nuit de samedi à dimanche, selon l'armée.", "la nuit de samedi à dimanche",
         "2025-03-15/2025-03-16"),
        ("Dans la nuit de jeudi à vendredi, le 13 mars, un dépôt a pris feu.", "la nuit de jeudi à vendredi",
         "2025-03-13/2025-03-14"),
        ("La réunion a eu lieu samedi, puis une autre lundi à Genève.", "samedi", "2025-03-15"),
    ],
)
def test_a_night_between_two_days_is_one_date(found, sentence, expression, value):
    claims = dict(found(sentence, "2025-03-17"))
    assert claims.get(expression) == value, claims


@pytest.mark.parametrize(
    "text",
    [
        "Par Lise Caron — Mis à jour le 17 mars 2025 à 18h40\n\nLe barrage a cédé samedi.",
        "Rédaction Web | Publié le 16 mars 2025\n\nLe barrage a cédé samedi.",
        "Mis à jour le 17 mars 2025 à 9 h 05\n\nLe barrage a cédé samedi.",
    ],
)
def test_a_page_stamp_after_a_byline_is_no_date_of_the_story(found, text):
    assert found(text, "2025-03-17") == [("samedi", "2025-03-15")]


def test_a_document_published_on_a_day_is_a_date_of_the_story(found):
    text = "Le rapport publié le 3 mars 2025 recense 40 sites touchés."
    assert ("le 3 mars 2025", "2025-03-03") in found(text, "2025-03-17")


# 2025-03-10 is a Monday, 2025-03-14 a Friday.
@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        # a future or a plan in the present: the next such day
        ("2025-03-10", "Le texte sera examiné mardi par les sénateurs.", [("mardi", "2025-03-11")]),
        ("2025-03-10", "La grève sera reconductible à partir de mercredi.", [("mercredi", "2025-03-12")]),
        ("2025-03-14", "Le couvre-feu s'appliquera à partir de jeudi.", [("jeudi", "2025-03-20")]),
        # a measure decided in the present perfect, starting on that day: the nearest one
        ("2025-03-10", "La mairie a décrété deux jours de deuil à partir de mardi.", [("mardi", "2025-03-11")]),
        ("2025-03-14", "La mairie a décrété deux jours de deuil à partir de jeudi.", [("jeudi", "2025-03-13")]),
        # a plan in the imperfect: the nearest one
        ("2025-03-10", "La compagnie prévoyait un bus sur trois jeudi.", [("jeudi", "2025-03-13")]),
        ("2025-03-14", "La compagnie prévoyait un bus sur trois jeudi.", [("jeudi", "2025-03-13")]),
        # what happened: the last one, whatever the preposition
        ("2025-03-10", "Le trafic a été perturbé à partir de jeudi.", [("jeudi", "2025-03-06")]),
        ("2025-03-10", "Les combats ont repris à partir de jeudi.", [("jeudi", "2025-03-06")]),
        ("2025-03-10", "Le préfet avait décrété un couvre-feu à partir de mardi.", [("mardi", "2025-03-04")]),
        ("2025-03-10", "La brigade comptait 900 hommes jeudi.", [("jeudi", "2025-03-06")]),
        ("2025-03-10", "Le texte a été examiné mardi par les sénateurs.", [("mardi", "2025-03-04")]),
    ],
)
def test_a_weekday_ahead_or_behind_by_the_verb(found, published, text, expected):
    assert found(text, published) == expected


# 2025-12-04 is a Thursday.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a conditional after a past verb of saying, even read as an imperfect: the future seen from the past
        ("Le maire a indiqué qu'il remettrait sa démission au préfet mardi.", [("mardi", "2025-12-09")]),
        ("La ministre a annoncé qu'un fonds serait opérationnel le 1er mars.", [("le 1er mars", "2026-03-01")]),
        # a hearsay conditional after 'selon' keeps the past reading
        ("L'inflation atteindrait 9 % à la fin octobre, selon la banque centrale.", [("à la fin octobre", "2025-10")]),
        # an imperfect the tagger reads as a conditional is a past
        ("Le taux dépassait 85 % la semaine dernière, selon l'ONG, qui a ouvert mercredi un centre.",
         [("la semaine dernière", "2025-11-24/2025-11-30"), ("mercredi", "2025-12-03")]),
    ],
)
def test_a_conditional_dates_ahead_only_when_reported_after_a_past_saying(found, text, expected):
    assert found(text, "2025-12-04") == expected


# 2025-09-17 is a Wednesday.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date set ahead in the present passive: the next such day
        ("La première audience est fixée au 2 octobre devant le tribunal.", [("2 octobre", "2025-10-02")]),
        ("L'assemblée générale est reportée au 14 octobre.", [("14 octobre", "2025-10-14")]),
        ("Le scrutin avait été fixé au 7 septembre.", [("7 septembre", "2025-09-07")]),
        # a span of years
        ("Le club a recruté entre 2016 et 2020 une trentaine de joueurs.", [("entre 2016 et 2020", "2016/2020")]),
        ("Le maire a signé de 2019 à 2022 plusieurs permis contestés.", [("de 2019 à 2022", "2019/2022")]),
        ("Entre 2000 et 2500 bénévoles ont participé.", []),
        # the end of the writer's year, or of the year before or after
        ("Le chantier doit être achevé d'ici à la fin de l'année.", [("d'ici à la fin de l'année", "2025-12")]),
        ("La dérogation court jusqu'à la fin de l'année.", [("jusqu'à la fin de l'année", "2025-12")]),
        ("Les loyers ont bondi à la fin de l'année dernière.", [("à la fin de l'année dernière", "2024-12")]),
        ("Le navire reprendra la mer en fin d'année.", [("en fin d'année", "2025-12")]),
        ("À la fin de l'année, la brigade comptait 900 hommes.", []),
    ],
)
def test_dates_set_ahead_spans_of_years_and_the_end_of_the_year(found, text, expected):
    assert found(text, "2025-09-17") == expected
