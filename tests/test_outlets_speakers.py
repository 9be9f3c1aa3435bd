"""Who said what in outlet styles with many speakers: long interviews, agency roundups, TV debates and columns.

The fixture articles 44–46, 53–55 and 59–61 (tests/fixtures/outlets/) are made up; so is every sentence below. Each
test names a quote a fact-checker expects with its speaker, or a speaker that must not be shown (an organisation
standing for "elle", a title cut short, a place, words nobody said).
"""

from __future__ import annotations

from typing import Any

import pytest

from extract import claims, ingest, quotes
from extract.models import Article, ArticleContext, Claim
from tests.test_outlets import OUTLETS, quoted


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


def said(parse: Any, text: str) -> dict[str, str | None]:
    """Each quote's words -> its speaker, for a made-up text."""
    found = quotes.extract(parse(text), ArticleContext(article_id="t", text=text, published=None))
    return {c.quote: c.speaker for c in found}


def speaker_of(parse: Any, text: str, words: str) -> str | None:
    """The speaker of the one quote holding `words` (None when the quote has no speaker or is not found)."""
    found = [speaker for quote, speaker in said(parse, text).items() if words in quote]
    assert len(set(found)) <= 1, found
    return found[0] if found else None


# --- whole articles ------------------------------------------------------------------------------------------


def test_weekly_long_interview(outlet: Any) -> None:
    found = outlet("44-grand-entretien-portrait.md")
    late = quoted(found, "trois semaines")
    assert all(c.speaker != "L'Alliance" for c in late)  # "…, regrette-t-elle": a woman, not the Alliance
    assert {c.speaker for c in late} <= {"Hélène Vasseur"}
    for claim in (c for c in found if c.kind == "quote"):
        assert claim.speaker in {"Hélène Vasseur", "Mathieu Raynal", "Bertrand Lacombe", "L'Alliance", None}, claim


def test_weekly_long_interview_finds_the_interviewee_by_pronoun(outlet: Any) -> None:
    found = outlet("44-grand-entretien-portrait.md")
    for words in ("Je me méfie des certitudes", "ils changent une alliance", "trois semaines"):
        hits = quoted(found, words)
        assert hits and {c.speaker for c in hits} == {"Hélène Vasseur"}, words  # "prévient-elle", "insiste-t-elle"
    assert {c.speaker for c in quoted(found, "apprennent vite")} == {"Bertrand Lacombe"}  # "estime le général"


def test_agency_roundup(outlet: Any) -> None:
    found = outlet("45-tour-d-horizon-agence.md")
    front = quoted(found, "plusieurs milliers ont rejoint")
    assert front and {c.speaker for c in front} == {"Lee Min-seok"}  # not "Lee Min"
    expected = {
        "escalade grave et une expansion": "Patrick Dunmore",  # "a déclaré en anglais …, X, lors d'un point de presse"
        "Nous avons des preuves": "Ingrid Halvorsen",  # "la secrétaire générale adjointe de l'Alliance, X"
        "d'une simple coopération militaire": "Ingrid Halvorsen",  # "« …, a-t-elle insisté, … »"
        "Il est temps que chacun": "Claire Montbrun",  # "« …, a-t-elle rappelé. Il est temps … »"
    }
    for words, speaker in expected.items():
        hits = quoted(found, words)
        assert hits and {c.speaker for c in hits} == {speaker}, words
    assert not [c for c in found if c.kind == "quote" and "a-t-elle" in (c.quote or "")]
    carried = quoted(found, "minute par minute")  # « … (paragraph) « … », a poursuivi le ministre
    assert carried and {c.speaker for c in carried} == {"Lee Min-seok"}


def test_tv_debate_and_columns(outlet: Any) -> None:
    found = outlet("46-debat-tele-chroniqueurs.md")
    said_by = {c.quote: c.speaker for c in found if c.kind == "quote"}
    assert "victoires" not in said_by  # the columnist mocks the staff's word
    assert not [q for q in said_by if "trop peu" in q or "Pas un soldat" in q]  # a formula, a slogan
    titles = {"La Guerre des autres", "Les Oubliés de Koursk", "Le front qui ne bouge pas"}  # a book, a film, a column
    assert not titles & set(said_by)
    assert {c.speaker for c in quoted(found, "aide doit être contrôlée")} == {"Gaspard Lormier"}  # "avant de nuancer :"
    assert {c.speaker for c in quoted(found, "chez lui")} == {"Mireille Castagnet"}  # "Name : « … »"


def test_trial_report(outlet: Any) -> None:
    found = outlet("53-compte-rendu-proces.md")
    expected = {
        "mauvaises personnes": "le prévenu",  # "a déclaré le prévenu d'une voix sourde"
        "vous présidiez la commission": "Nathalie Kervella",  # "aux questions de la présidente, X" … "a-t-elle relevé"
        "des négligences": "Gérard Tessier",  # "L'ancien maire a reconnu" after "l'ancien maire de Valbrune, X"
        "homme distrait": "Élodie Marchal",  # "a lancé la magistrate" after "la procureure X"
        "laissé faire": "Gérard Tessier",
        "taillés sur mesure": "Yannick Le Goff",
    }
    for words, speaker in expected.items():
        hits = quoted(found, words)
        assert hits and {c.speaker for c in hits} == {speaker}, words
    for claim in (c for c in found if c.kind == "quote"):
        assert claim.speaker not in {"Valbrune", "Montclair"}, claim


def test_reactions_roundup(outlet: Any) -> None:
    found = outlet("54-reactions-politiques.md")
    expected = {
        "coup de force contre ceux": "Marion Castel",  # "**Name, title** : « … »"
        "sur le dos des précaires": "Rémi Arnaud",
        "pas d'offres": "Fabienne Lorrain",
        "nécessaire mais mal préparée": "Olivier Duchêne",  # "X, dont …, juge la réforme « … »"
        "Nous aurions pu voter": "Olivier Duchêne",
        "On ne lâchera rien": "Danielle Fournier",
    }
    for words, speaker in expected.items():
        hits = quoted(found, words)
        assert hits and {c.speaker for c in hits} == {speaker}, words
    assert not [c for c in found if c.kind == "quote" and c.speaker == "la réforme"]


def test_sports_press_conference(outlet: Any) -> None:
    found = outlet("55-conference-de-presse-sport.md")
    assert {c.speaker for c in quoted(found, "great coach")} == {"Steven Marsh"}  # ", l'Anglais Steven Marsh,"
    assert {c.speaker for c in quoted(found, "vestiaire")} == {"Javier Ortega"}
    assert {c.speaker for c in quoted(found, "fighting spirit")} == {"Mathis Legrand"}
    assert {c.speaker for c in quoted(found, "pas coulé")} == {"Mathis Legrand"}  # "Le défenseur de 31 ans a évoqué"
    assert {c.speaker for c in quoted(found, "onze blessés")} == {"Javier Ortega"}  # "— Comment … ?" / "— …" answers
    assert not quoted(found, "Votre place est-elle menacée")  # a journalist's question
    assert {c.speaker for c in quoted(found, "sifflets")} == {"Isabelle Rocher"}  # "la dirigeante", "a-t-elle insisté"
    for claim in (c for c in found if c.kind == "quote"):
        assert claim.speaker not in {"Castelmoure", "Brièvres", "Portval"}, claim  # places are nobody


def test_council_meeting(outlet: Any) -> None:
    found = outlet("59-conseil-municipal.md")
    expected = {
        "devenu dangereux": "Bernard Vialette",
        "sans hausse de la fiscalité": "Sylvie Carmès",
        "projet pharaonique": "Thierry Fabre",  # "Conseiller municipal du groupe …, X a dénoncé"
        "jouer sur les peurs": "Hervé Lacoste",
        "Camille a le droit": "Bernard Vialette",  # "le maire a répondu"
        "soulagé": "Joël Marty",
    }
    for words, speaker in expected.items():
        hits = quoted(found, words)
        assert hits and {c.speaker for c in hits} == {speaker}, words
    for words in ("plus modeste aurait suffi", "facture, pas un choix"):  # "L'élu", then "il": the opposition
        assert all(c.speaker != "Bernard Vialette" for c in quoted(found, words)), words  # member, not the mayor


def test_magazine_profile(outlet: Any) -> None:
    found = outlet("60-portrait-magazine.md")
    for words in ("toucher quelque chose", "élève moyenne", "tasse horrible", "besoin de temps pour rater"):
        hits = quoted(found, words)  # "dit-elle", "sourit-elle" and "raconte-t-elle" paragraphs later
        assert hits and {c.speaker for c in hits} == {"Ysée Moreau-Lind"}, words
    assert {c.speaker for c in quoted(found, "au sens propre")} == {"Gaël Tanguy"}  # "lâche-t-il"
    assert {c.speaker for c in quoted(found, "survécu à quelque chose")} == {"Pieter Vanhoutte"}
    assert {c.speaker for c in quoted(found, "trois collectionneurs")} == {"Lucien Abadie"}  # "parle d'une « … »"
    for claim in (c for c in found if c.kind == "quote"):
        assert claim.speaker not in {"Lanvérac", "Quimper", "Nantes"}, claim


def test_radio_interview_transcript(outlet: Any) -> None:
    found = outlet("61-entretien-radio.md")
    for words in ("je les entends", "gelée jusqu'en 2027", "premier geste", "prix plancher", "Ma porte est ouverte"):
        hits = quoted(found, words)  # "HÉLÈNE GARRIGUE. — …"
        assert hits and {c.speaker for c in hits} == {"Hélène Garrigue"}, words
    assert not quoted(found, "Allez-vous reculer") and not quoted(found, "trop timide")  # the host's lines
    assert {c.speaker for c in quoted(found, "des virements")} == {"Francis Roumagne"}
    assert {c.speaker for c in quoted(found, "ne signe rien")} == {"Léa Ducasse"}


# --- pronouns across sentences and paragraphs -----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "La députée Claire Aubin s'est exprimée lundi. L'Alliance a qualifié ce déploiement d'« escalade grave ». "
    "« Nous avons perdu un temps précieux », regrette-t-elle.",
    "Le sénateur Paul Morel a réagi. La Maison Blanche a dénoncé une « provocation inacceptable ». "
    "« Il faudra répondre avec fermeté », a-t-il ajouté.",
    "Le ministère de la Défense a publié un communiqué très ferme sur « une menace directe pour la région ». "
    "« Aucune option n'est écartée à ce stade », a-t-il poursuivi.",
])
def test_a_pronoun_never_stands_for_an_organisation(parse: Any, text: str) -> None:
    found = said(parse, text)
    after = [s for q, s in found.items() if any(w in q for w in ("perdu", "Il faudra", "Aucune option"))]
    assert all(s not in {"L'Alliance", "La Maison Blanche", "Le ministère de la Défense"} for s in after), found


@pytest.mark.parametrize("text, speaker", [
    ("L'Alliance a parlé d'une « escalade grave ». Mais, pour la chercheuse Hélène Vasseur, la réaction reste "
     "lente. « Nous avons mis trois semaines à réagir », regrette-t-elle.", "Hélène Vasseur"),
    ("Le Kremlin dément tout. Pour le diplomate Marc Petit, la réponse viendra plus tard. « Nous attendons "
     "encore un peu avant de juger », a-t-il ajouté.", "Marc Petit"),
    ("Et pour l'historien Paul Marchal, cette alliance n'a rien de neuf. « Pyongyang a toujours vendu ses "
     "armes au plus offrant », rappelle-t-il.", "Paul Marchal"),
])
def test_a_view_given_with_pour_names_the_pronoun_after_it(parse: Any, text: str, speaker: str) -> None:
    found = said(parse, text)
    assert speaker in found.values(), found


def test_a_hyphenated_given_name_is_kept_whole(parse: Any) -> None:
    text = ("Le conseiller présidentiel, Park Jae-won, a rapporté les propos du chef de l'État. « Nous ne "
            "resterons pas les bras croisés », a déclaré Park Jae-won à la presse.")
    assert speaker_of(parse, text, "bras croisés") == "Park Jae-won"
    text = ("Le ministre de l'Unification, Kang Min-ho, s'est dit inquiet. « La situation peut encore "
            "s'aggraver dans les jours qui viennent », a-t-il déclaré.")
    assert speaker_of(parse, text, "aggraver") == "Kang Min-ho"


@pytest.mark.parametrize("text, words, speaker", [
    ("Au sommet, le ton était grave. « Nous avons les preuves de ce transfert d'armes », a affirmé la secrétaire "
     "générale adjointe de l'organisation, Ingrid Solberg.", "preuves", "Ingrid Solberg"),
    ("« Nous suivrons ce dossier de très près », a assuré le directeur adjoint du renseignement, Marc Terrier.",
     "dossier", "Marc Terrier"),
    ("« Le dossier reste ouvert pour le moment », a précisé la porte-parole adjointe du ministère, Anna Berg, "
     "lors d'un point presse.", "ouvert", "Anna Berg"),
])
def test_a_title_adjective_the_tagger_reads_as_a_verb_keeps_the_name_after_it(
    parse: Any, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(parse, text, words) == speaker


@pytest.mark.parametrize("text, first, second, speaker", [
    ("Le ministre Paul Morel a réagi lundi. « Chaque jour d'attente, poursuit-il, coûte des vies humaines. »",
     "Chaque jour", "coûte des vies", "Paul Morel"),
    ("Le ministre Paul Morel a réagi lundi. « Chaque semaine perdue, a-t-il ajouté, nous affaiblit. »",
     "Chaque semaine", "nous affaiblit", "Paul Morel"),
    ("La ministre Anne Roussel a réagi. « Il ne s'agit plus, a-t-elle insisté, d'une simple coopération. »",
     "Il ne s'agit plus", "simple coopération", "Anne Roussel"),
])
def test_an_incise_with_its_pronoun_inside_the_quote_splits_it(
    parse: Any, text: str, first: str, second: str, speaker: str
) -> None:
    found = said(parse, text)
    halves = {q: s for q, s in found.items() if first in q or second in q}
    assert len(halves) == 2 and set(halves.values()) == {speaker}, found
    assert not [q for q in found if "a-t-" in q or "poursuit" in q]  # the incise is nobody's words


@pytest.mark.parametrize("text", [
    "Une formule, lancée par un internaute, résume l'ambiance : « trop peu, trop tard ».",
    "Une phrase revient dans toutes les bouches : « on ne lâchera rien ».",
    "Le slogan du parti résume la ligne : « pas un euro de plus ».",
])
def test_a_phrase_or_slogan_is_nobodys_statement(parse: Any, text: str) -> None:
    assert not said(parse, text)  # a formula is quoted, but nobody named said it


@pytest.mark.parametrize("text", [
    "Le chroniqueur Luc Fabre se montre sévère. Il moque les « victoires » annoncées chaque semaine par "
    "l'état-major, qui selon lui ne changent rien.",
    "L'éditorialiste Marc Roux dénonce les « succès » proclamés par le gouvernement.",
    "La sénatrice Anne Roux dénonce ces « avancées » revendiquées par le ministère depuis l'été.",
])
def test_a_word_held_at_distance_is_nobodys_quote(parse: Any, text: str) -> None:
    assert not [q for q in said(parse, text) if q in {"victoires", "succès", "avancées"}]


def test_a_quoted_phrase_with_its_own_determiner_stays_the_speakers(parse: Any) -> None:
    text = "Le ministre Paul Morel a dénoncé « une nouvelle étape » franchie par Moscou."
    assert speaker_of(parse, text, "nouvelle étape") == "Paul Morel"


@pytest.mark.parametrize("text, speaker", [
    ("Ancienne ministre, aujourd'hui présidente d'un cercle d'études, Lucie Ferrand a vécu dix ans à Séoul. "
     "« Je me méfie des certitudes, même des miennes », prévient-elle.", "Lucie Ferrand"),
    ("Claire Montbrun est arrivée lundi à New York. « Le régime viole ouvertement les résolutions », "
     "a-t-elle rappelé.", "Claire Montbrun"),
    ("Née à Lyon en 1970, Mireille Castagnet a étudié le russe à Moscou. « Le Kremlin cherche des hommes "
     "partout où il peut », dit-elle.", "Mireille Castagnet"),
])
def test_elle_finds_a_woman_whose_gender_the_text_agrees_with(parse: Any, text: str, speaker: str) -> None:
    assert speaker in said(parse, text).values()


@pytest.mark.parametrize("text", [
    "Claire Montbrun est arrivée lundi à New York. « Le régime viole ouvertement les résolutions », a-t-il rappelé.",
    "Née à Lyon, Mireille Castagnet a étudié le russe. « Le Kremlin cherche des hommes partout », dit-il.",
    "Mme Lucie Ferrand a pris la parole en premier. « Personne ne sait ce que Pyongyang obtiendra », a-t-il ajouté.",
])
def test_il_never_takes_a_woman_the_text_says_is_one(parse: Any, text: str) -> None:
    assert not {"Claire Montbrun", "Mireille Castagnet", "Lucie Ferrand"} & set(said(parse, text).values())


@pytest.mark.parametrize("text, speaker", [
    ("Ancienne ministre, Lucie Ferrand a vécu à Séoul. Le général Paul Morel partage ce constat.\n\n"
     "Ferrand, elle, refuse de parler de basculement. « Dix mille hommes ne changent pas une guerre », "
     "insiste-t-elle.", "Lucie Ferrand"),
    ("Le diplomate Marc Terrier a longtemps servi à Pékin. La ministre Anne Roux l'a reçu mardi.\n\n"
     "Terrier, lui, reste prudent sur la suite. « Rien n'est encore joué à ce stade », estime-t-il.",
     "Marc Terrier"),
])
def test_a_surname_alone_opening_a_paragraph_is_the_pronouns_person(parse: Any, text: str, speaker: str) -> None:
    assert speaker in said(parse, text).values()


def test_a_surname_two_people_share_names_neither(parse: Any) -> None:
    text = ("Paul Morel et Anne Morel ont signé la tribune.\n\nMorel, lui, reste prudent. « Rien n'est encore "
            "joué à ce stade », estime-t-il.")
    assert not {"Paul Morel", "Anne Morel"} & set(said(parse, text).values())


@pytest.mark.parametrize("text, words, speaker", [
    ("« Ce transfert marque une escalade grave et dangereuse », a déclaré en anglais le porte-parole du "
     "département d'État, Tom Reyes, lors d'un point de presse.", "escalade grave", "Tom Reyes"),
    ("« Nous ne céderons à aucune menace de ce genre », a affirmé à la presse le ministre de la Défense, "
     "Paul Morel, devant ses homologues.", "aucune menace", "Paul Morel"),
])
def test_an_inverted_speaker_may_be_followed_by_a_circumstance(parse: Any, text: str, words: str, speaker: str) -> None:
    assert speaker_of(parse, text, words) == speaker


@pytest.mark.parametrize("text, second, speaker", [
    ("L'ambassadrice de France, Claire Roux, a demandé une réunion. « Le régime viole ouvertement les "
     "résolutions, a-t-elle rappelé. Il est temps que chacun prenne ses responsabilités. »",
     "Il est temps", "Claire Roux"),
    ("Le ministre Paul Morel a réagi. « Nous ne céderons pas, a-t-il dit. Nous l'avons toujours dit. »",
     "toujours dit", "Paul Morel"),
    ("La députée Anne Morel a pris la parole. « Ce vote est une faute, poursuit-elle. Nous le paierons "
     "tous très cher. »", "paierons", "Anne Morel"),
])
def test_an_incise_ending_a_sentence_inside_the_quote_keeps_the_next_one(
    parse: Any, text: str, second: str, speaker: str
) -> None:
    assert speaker_of(parse, text, second) == speaker


@pytest.mark.parametrize("text", [
    "L'ambassadrice de France, Claire Roux, a demandé une réunion. « Il faut agir maintenant », a-t-il ajouté.",
    "La conseillère du ministre, Lucie Ferrand, était présente. « Nous suivons le dossier », a-t-il précisé.",
])
def test_a_feminine_role_word_tells_the_gender_whatever_the_tagger_says(parse: Any, text: str) -> None:
    assert not {"Claire Roux", "Lucie Ferrand"} & set(said(parse, text).values())


@pytest.mark.parametrize("text, words, speaker", [
    ("Le député Paul Morel a repris le slogan de son camp, « Pas un euro de plus », avant de nuancer : « Je dis "
     "seulement que l'aide doit être suivie de près. »", "suivie de près", "Paul Morel"),
    ("La ministre Anne Roux a écouté les critiques, avant de répondre que « rien n'était décidé » à ce stade.",
     "rien n'était décidé", "Anne Roux"),
])
def test_a_verb_of_saying_after_avant_de_takes_the_subject_before(
    parse: Any, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(parse, text, words) == speaker
    assert "Pas un euro de plus" not in said(parse, text)


@pytest.mark.parametrize("text, words, speaker", [
    ("Le ministre Paul Morel a détaillé les estimations. « Dix mille soldats sont déjà sur place », a-t-il dit.\n\n"
     "« Nous suivons la situation minute par minute.\n\n"
     "« Aucune option n'est exclue, y compris une aide directe », a poursuivi le ministre.",
     "minute par minute", "Paul Morel"),
    ("La ministre Anne Roux a pris la parole devant les élus.\n\n"
     "« Le pays ne cédera pas au chantage.\n\n"
     "« Nous tiendrons nos engagements jusqu'au bout », a-t-elle déclaré sous les applaudissements.",
     "chantage", "Anne Roux"),
])
def test_a_quotation_carried_over_paragraphs_is_the_speaker_of_its_last_part(
    parse: Any, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(parse, text, words) == speaker


def test_a_paragraph_left_open_without_a_quotation_after_it_gives_nothing(parse: Any) -> None:
    text = ("Le ministre Paul Morel a parlé.\n\n« Nous suivons la situation minute par minute.\n\n"
            "Le général Marc Roux a répondu. « Rien n'est exclu à ce stade », a-t-il dit.")
    assert speaker_of(parse, text, "minute par minute") is None


@pytest.mark.parametrize("text, words, speaker", [
    ("**Jeanne Fabre, maire de Sorbiers** : « Nous ne fermerons pas une seule classe cette année. »",
     "seule classe", "Jeanne Fabre"),
    ("Luc Ferrand (Parti du progrès) : « Ce budget oublie entièrement les campagnes. »", "campagnes", "Luc Ferrand"),
    ("**Hugo Lenoir :** « Nous voterons contre ce texte sans la moindre hésitation. »", "hésitation", "Hugo Lenoir"),
])
def test_a_name_before_a_colon_in_a_roundup_says_the_quote(parse: Any, text: str, words: str, speaker: str) -> None:
    assert speaker_of(parse, text, words) == speaker


def test_a_heading_before_a_colon_is_nobody(parse: Any) -> None:
    assert not said(parse, "**Vallée du Rhône, une crue attendue** : « Les digues ne tiendront pas longtemps. »")


@pytest.mark.parametrize("text", [
    "La présidente de la région, Léa Morvan, dont les élus ont quitté la séance, juge le budget « insincère et "
    "dangereux ».",
    "Le maire de Pontivy, Marc Le Dréau, qui a voté contre, trouve la décision « précipitée ».",
])
def test_an_object_before_its_quoted_verdict_is_no_inverted_speaker(parse: Any, text: str) -> None:
    found = said(parse, text)
    assert not {"le budget", "la décision"} & set(found.values()), found


@pytest.mark.parametrize("text, words, speaker", [
    ("« Le dossier ne contient aucune preuve », a déclaré le sénateur Paul Diaz d'une voix calme.", "aucune preuve",
     "Paul Diaz"),
    ("« Je ne céderai pas au chantage », a répondu d'un ton sec la sénatrice Amélie Roux.", "chantage",
     "Amélie Roux"),
])
def test_how_the_words_were_said_is_no_part_of_the_speaker(parse: Any, text: str, words: str, speaker: str) -> None:
    assert speaker_of(parse, text, words) == speaker


def test_one_word_after_a_is_a_place_not_the_pronouns_person(parse: Any) -> None:
    text = "L'équipe se déplace dimanche à Rivebelle. « Si nous gagnons là-bas, tout redevient possible », a-t-il dit."
    assert speaker_of(parse, text, "redevient possible") != "Rivebelle"


def test_a_name_after_a_one_word_title_in_apposition_is_the_subjects(parse: Any) -> None:
    text = ("L'entraîneur de Valmont, le Portugais Rui Campos, a salué le travail de son rival. « Nous avons eu "
            "de la chance ce soir », a-t-il déclaré.")
    assert speaker_of(parse, text, "de la chance") == "Rui Campos"


@pytest.mark.parametrize("text, speaker", [
    ("Le témoin a répondu aux questions de la juge, Sandrine Collet. La juge l'a repris. « Vous avez signé ce "
     "document vous-même, monsieur », a-t-elle relevé.", "Sandrine Collet"),
    ("L'ancienne ministre de la Culture, Agathe Verne, était présente. L'ancienne ministre a dénoncé « une faute "
     "politique majeure ».", "Agathe Verne"),
])
def test_a_title_seen_with_a_name_names_the_person_later(parse: Any, text: str, speaker: str) -> None:
    assert speaker in said(parse, text).values()


def test_a_title_before_a_new_subject_names_nobody(parse: Any) -> None:
    text = ("Après l'intervention de la présidente, Paul Martin a pris la parole. La présidente l'a interrompu. "
            "« Vous ne pouviez pas ignorer ces faits », a-t-elle relevé.")
    assert "Paul Martin" not in said(parse, text).values()


@pytest.mark.parametrize("verb", [
    "reprend", "complète", "corrige", "s'emporte", "s'insurge", "tempête", "défend", "se défend", "décrit",
    "espère", "craint", "redoute", "a tweeté", "relève", "salue", "enchaîne",
])
def test_more_verbs_of_an_incise_after_a_quotation(parse: Any, verb: str) -> None:
    text = f"« Ce chantier prendra au moins dix ans de plus que prévu », {verb} l'urbaniste Marc Lestang."
    assert speaker_of(parse, text, "dix ans") == "Marc Lestang"


@pytest.mark.parametrize("text", [
    "Le maire Paul Colas a pris la parole. « Ce chantier prendra dix ans de plus », reprend-il.",
    "La juge Anne Brun a pris la parole. « Ce chantier prendra dix ans de plus », complète-t-elle.",
])
def test_more_verbs_of_an_incise_with_their_pronoun(parse: Any, text: str) -> None:
    assert speaker_of(parse, text, "dix ans") in {"Paul Colas", "Anne Brun"}


@pytest.mark.parametrize("text, speaker", [
    ("Le président russe, Vladimir Poutine, a reçu son homologue. « Nous n'avons rien à cacher », a affirmé le chef "
     "de l'État russe.", "Vladimir Poutine"),
    ("Le président de la République, Paul Vernet, a présenté ses vœux. « L'année sera celle du travail », a "
     "souligné le chef de l'État.", "Paul Vernet"),
    ("Le Premier ministre japonais, Kenji Mori, s'est exprimé. « La menace est réelle », a prévenu le chef du "
     "gouvernement.", "Kenji Mori"),
    ("Le dirigeant nord-coréen Kim Jong Un a inspecté une usine. « Nous sommes prêts à tout », a déclaré le numéro "
     "un nord-coréen.", "Kim Jong Un"),
])
def test_a_head_of_state_or_government_said_another_way_is_the_one_named(parse: Any, text: str, speaker: str) -> None:
    assert speaker in said(parse, text).values()


@pytest.mark.parametrize("text", [
    "Le président russe, Vladimir Poutine, a appelé le président ukrainien, Petro Kovalenko. « Rien n'est réglé », a "
    "affirmé le chef de l'État.",
    "Le président russe, Vladimir Poutine, était absent. « Rien n'est réglé », a affirmé le chef de l'État ukrainien.",
    "Le président du club, Marc Dorian, a parlé. « Rien n'est réglé », a affirmé le chef de l'État.",
])
def test_a_head_of_state_not_told_apart_names_nobody(parse: Any, text: str) -> None:
    assert not {"Vladimir Poutine", "Petro Kovalenko", "Marc Dorian"} & set(said(parse, text).values())


def test_a_number_one_is_no_cut_title(parse: Any) -> None:
    found = said(parse, "« Nous irons jusqu'au bout », a lancé le numéro un du syndicat.")
    assert "un du syndicat" not in found.values() and "un" not in found.values(), found


INTERVIEW = (
    "ENTRETIEN - Architecte à Nantes, Odile Ferrant a dessiné la nouvelle médiathèque de Saint-Brévin.\n\n"
    "Propos recueillis par Louis Garel\n\n"
    "— Pourquoi avoir choisi le bois ?\n\n"
    "— Parce que je voulais un bâtiment qui vieillisse avec la ville. Le béton aurait coûté moins cher.\n\n"
    "— Le chantier a pris un an de retard. Que répondez-vous aux critiques ?\n\n"
    "— Nous avons dû attendre les autorisations. Ce n'est la faute de personne.\n"
)


def test_an_unlabelled_interview_gives_each_answer_to_the_interviewee(parse: Any) -> None:
    found = said(parse, INTERVIEW)
    answers = {q: s for q, s in found.items() if "béton" in q or "autorisations" in q}
    assert len(answers) == 2 and set(answers.values()) == {"Odile Ferrant"}, found
    assert not [q for q in found if q.endswith("?") or "Pourquoi" in q]  # questions claim nothing
    assert "Louis Garel" not in found.values()  # the interviewer


@pytest.mark.parametrize("text", [
    "Ce que l'on sait du projet de médiathèque de Saint-Brévin, dessiné par Odile Ferrant.\n\n"
    "— Combien coûtera-t-elle ?\n\n— Environ 12 millions d'euros, selon la mairie.\n\n"
    "— Quand ouvrira-t-elle ?\n\n— Pas avant l'été 2026, d'après le calendrier publié lundi.\n",
    "Entretien croisé. Les architectes Odile Ferrant et Paul Digne ont dessiné la médiathèque de Saint-Brévin.\n\n"
    "— Pourquoi le bois ?\n\n— Parce que je voulais un bâtiment qui vieillisse avec la ville.\n",
])
def test_dashed_answers_nobody_can_be_named_for_are_nobodys(parse: Any, text: str) -> None:
    assert not said(parse, text)  # an explainer's own answers; an interview of two people


@pytest.mark.parametrize("text, speaker", [
    ("Le secrétaire américain à la Défense, Lloyd Austin, était à Séoul. « Ils sont là pour combattre », a affirmé le "
     "chef du Pentagone.", "Lloyd Austin"),
    ("Sun Hye-ran, la sœur du dirigeant, a publié un communiqué. « Séoul paiera le prix de sa provocation », y "
     "affirme-t-elle.", "Sun Hye-ran"),
])
def test_a_title_with_a_or_an_apposition_with_its_article_tells_who_speaks(parse: Any, text: str, speaker: str) -> None:
    assert speaker in said(parse, text).values()


def test_an_apposed_time_tells_no_gender(parse: Any) -> None:
    text = "Paul Garnier, la veille, avait publié un communiqué. « Séoul paiera le prix fort », a-t-il affirmé."
    assert speaker_of(parse, text, "prix fort") == "Paul Garnier"


@pytest.mark.parametrize("text, speaker", [
    ("Pour la famille, Me Lise Morin a demandé un non-lieu. L'avocate a dénoncé « un dossier vide ».", "Lise Morin"),
    ("Me Paul Garel défend l'ancien directeur. L'avocat a dénoncé « un dossier vide ».", "Paul Garel"),
])
def test_a_lawyer_named_with_me_is_the_lawyer_said_later(parse: Any, text: str, speaker: str) -> None:
    assert speaker_of(parse, text, "dossier vide") == speaker


def test_two_lawyers_name_neither(parse: Any) -> None:
    text = "Me Paul Garel et Me Lise Morin défendent les deux accusés. L'avocate a dénoncé « un dossier vide »."
    assert speaker_of(parse, text, "dossier vide") not in {"Paul Garel", "Lise Morin"}


@pytest.mark.parametrize("text, speaker", [
    ("La présidente du club, Aline Berthet, a tenu à répondre. « Je ne gouverne pas avec des sifflets », a assuré la "
     "dirigeante.", "Aline Berthet"),
    ("Le président du club, Marc Roux, et la directrice générale, Anne Vial, ont parlé. « Rien n'est joué à ce "
     "stade », a dit la dirigeante.", "Anne Vial"),
])
def test_a_word_for_any_head_names_the_one_head_introduced(parse: Any, text: str, speaker: str) -> None:
    assert speaker in said(parse, text).values()


def test_a_word_for_any_head_with_two_heads_names_neither(parse: Any) -> None:
    text = ("Le président du club, Marc Roux, et le directeur général, Paul Vial, ont parlé. « Rien n'est joué à ce "
            "stade », a dit le dirigeant.")
    assert not {"Marc Roux", "Paul Vial"} & set(said(parse, text).values())


def test_a_subject_with_its_name_in_apposition_before_the_verb_is_no_incise(parse: Any) -> None:
    text = ("Jointe par téléphone, la porte-parole de la mairie, Inès Carrel, a confirmé l'information. Elle a précisé "
            "que « quatre familles » avaient été relogées.")
    found = said(parse, text)
    assert "l'information" not in found.values(), found  # the verb's object, not a speaker after it
    assert speaker_of(parse, text, "familles") == "Inès Carrel"


@pytest.mark.parametrize("text", [
    "Le député Paul Royer, ancien ministre, a dénoncé le texte.",
    "La sénatrice Anne Colas, rapporteuse du projet, a défendu le budget.",
    "Dans la soirée, Paul Royer, le maire, a confirmé le départ du directeur.",
    "En fin de journée, le ministère, par la voix de son porte-parole, a démenti l'information.",
])
def test_a_subject_and_its_apposition_then_the_verb_is_no_incise(parse: Any, text: str) -> None:
    found = said(parse, text)
    assert not {"le texte", "le budget", "le départ du directeur", "l'information"} & set(found.values()), found


def test_a_headline_incise_without_a_verb_before_stays(parse: Any) -> None:
    assert speaker_of(parse, "Des renforts déjà engagés sur le front, affirme Kiev", "renforts") == "Kiev"


@pytest.mark.parametrize("text, words, speaker", [
    ("La présidente du parti, Solène Varga, a dénoncé sur X « une réforme écrite ailleurs ».", "écrite ailleurs",
     "Solène Varga"),
    ("Le ministre Paul Roy a dénoncé sur son compte Telegram « une provocation grossière ».", "provocation",
     "Paul Roy"),
])
def test_where_the_words_were_written_may_sit_before_the_quotation(parse: Any, text: str, words: str,
                                                                    speaker: str) -> None:
    assert speaker_of(parse, text, words) == speaker


def test_pour_elle_before_an_aside_with_its_own_source_gives_her_the_quotation(parse: Any) -> None:
    """ "Pour elle, le taux, proche de 30 % selon les syndicats, montre que « … »": the words are hers."""
    text = ("La secrétaire régionale du syndicat, Maëlle Vernet, ouvrait le cortège. Pour elle, le taux de grévistes, "
            "proche de 40 % selon les syndicats d'infirmiers, montre que « la fatigue se transforme en colère ».")
    article = Article(id="t", source_id=None, title="", url=None, published="2025-02-12", lang="fr", text=text,
                      path="t.md", digest="t")
    found = [c for c in claims.extract(parse(claims.masked_text(article)), article) if c.kind == "quote"]
    assert [(c.quote, c.speaker) for c in found] == [("la fatigue se transforme en colère", "Maëlle Vernet")]


@pytest.mark.parametrize("text, words, speaker", [
    ("Le ministère de la Santé a indiqué que les stocks de vaccins étaient suffisants. « Aucune pénurie n'est à "
     "craindre cet hiver », a-t-il précisé.", "Aucune pénurie", "Le ministère de la Santé"),
    ("La Fédération des pêcheurs a salué « un premier pas ». Dans un communiqué, elle a appelé l'État à doubler "
     "les aides.", "doubler", "La Fédération des pêcheurs"),
    ("Le bureau d'enquêtes de Valmont a confirmé que deux moteurs avaient lâché. Il estime que le rapport final "
     "sera prêt en juin.", "rapport final", "Le bureau d'enquêtes de Valmont"),
    ("Le ministère de la Justice a démenti. « Aucune perquisition n'a eu lieu », a-t-il ajouté.", "perquisition",
     "Le ministère de la Justice"),
])
def test_with_no_person_about_a_pronoun_goes_on_with_the_body_that_just_spoke(
    parse: Any, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(parse, text, words) == speaker


@pytest.mark.parametrize("text, words", [
    ("La préfecture a indiqué que la route était fermée. « Aucune exception ne sera faite », a-t-il précisé.",
     "Aucune exception"),  # "il" is no "préfecture"
    ("Le ministère de la Santé a indiqué que les stocks étaient suffisants. Les pharmacies restent ouvertes. "
     "« Aucune pénurie n'est à craindre », a-t-il ajouté.", "Aucune pénurie"),  # a sentence between
    ("Le ministère de la Justice a démenti. « Aucune perquisition n'a eu lieu », a-t-elle ajouté.", "perquisition"),
])
def test_a_body_is_no_pronoun_across_a_sentence_or_a_gender(parse: Any, text: str, words: str) -> None:
    assert speaker_of(parse, text, words) is None


@pytest.mark.parametrize("text, words, speaker", [
    ("Le préfet de la Drôme, Luc Serrand, a évoqué « plus de 300 » interventions des pompiers dans la nuit.",
     "plus de 300", "Luc Serrand"),
    ("La maire de Sainte-Aulde, Odile Varenne, évoque « un gâchis » à propos du chantier de la piscine.",
     "gâchis", "Odile Varenne"),
])
def test_quoted_words_after_evoquer_are_the_subjects(parse: Any, text: str, words: str, speaker: str) -> None:
    assert speaker_of(parse, text, words) == speaker


def test_evoquer_without_quotation_marks_reports_no_words(parse: Any) -> None:
    text = "Le préfet de la Drôme, Luc Serrand, a évoqué une nuit difficile pour les pompiers du département."
    assert said(parse, text) == {}


@pytest.mark.parametrize("text, words, speaker", [
    ("La gardienne du club, Léa Morvan, a été désignée joueuse du tournoi. La Bretonne de 24 ans a évoqué « une "
     "saison de rêve ».", "saison de rêve", "Léa Morvan"),
    ("Le pilote, Bruno Castagne, est sorti indemne de l'accident. Le quinquagénaire a raconté qu'il n'avait "
     "rien vu venir.", "rien vu venir", "Bruno Castagne"),
])
def test_a_description_by_age_stands_for_the_one_person_named_just_before(
    parse: Any, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(parse, text, words) == speaker


def test_a_description_by_age_names_nobody_when_two_people_were_named(parse: Any) -> None:
    text = ("Le capitaine, Mathis Legrand, et le gardien, Hugo Ferrand, ont répondu aux questions. Le joueur de "
            "31 ans a évoqué « un vestiaire soudé ».")
    assert speaker_of(parse, text, "vestiaire soudé") not in {"Mathis Legrand", "Hugo Ferrand"}


@pytest.mark.parametrize("text, words", [
    ("Le parquet a annoncé l'ouverture d'une enquête. Les voisins restent sous le choc. « Personne n'a rien "
     "entendu », a-t-il confié.", "rien entendu"),  # a sentence between: "il" is no "parquet"
    ("Le club a annoncé le départ de son entraîneur. Les supporters ont manifesté devant le stade. « C'est une "
     "honte », a-t-il lâché.", "une honte"),
])
def test_a_lower_case_institution_is_a_body_for_the_pronouns_after_it(parse: Any, text: str, words: str) -> None:
    assert speaker_of(parse, text, words) is None


@pytest.mark.parametrize("text, words, speaker", [
    ("Le parquet de Valmont a annoncé l'ouverture d'une enquête. « Les premières constatations montrent une "
     "vitesse excessive », a-t-il précisé.", "vitesse excessive", "Le parquet de Valmont"),
    ("La gendarmerie a indiqué que deux suspects avaient été interpellés. « Ils seront présentés au juge "
     "demain », a-t-elle ajouté.", "présentés au juge", "La gendarmerie"),
])
def test_a_lower_case_institution_goes_on_in_the_next_sentence(
    parse: Any, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(parse, text, words) == speaker


def test_a_pronoun_after_a_body_that_spoke_last_is_no_earlier_person(parse: Any) -> None:
    text = ("Le maire, Paul Girard, a réclamé des explications. Le ministère a annoncé l'ouverture d'une enquête "
            "administrative. « Les premières conclusions sont attendues en mai », a-t-il précisé.")
    assert speaker_of(parse, text, "premières conclusions") != "Paul Girard"


@pytest.mark.parametrize("text, words, speaker", [
    ("La procureure de Montclair, Anne Delorme, a requis deux ans de prison. « Le prévenu n'a montré aucun "
     "remords », a ajouté la magistrate.", "aucun remords", "Anne Delorme"),
    ("Le député de la Sarthe, Paul Ravel, a voté contre le texte. « Ce projet oublie les campagnes », a regretté "
     "l'élu.", "campagnes", "Paul Ravel"),
    ("L'ambassadeur de Norvège, Erik Lund, a reçu la presse. « Nous ne fermerons pas la porte au dialogue », a "
     "assuré le diplomate.", "porte au dialogue", "Erik Lund"),
    ("La ministre des Affaires étrangères, Claire Fontaine, est arrivée à Oslo. « Le dialogue reste possible », a "
     "déclaré la diplomate.", "reste possible", "Claire Fontaine"),
    ("Le sélectionneur des Bleus, Marc Lenoir, a dévoilé sa liste. « Nous avons besoin de fraîcheur », a expliqué "
     "le technicien.", "fraîcheur", "Marc Lenoir"),
    ("Le juge Paul Vidal et la procureure Anne Roy ont quitté la salle. « Le dossier est vide », a estimé la "
     "magistrate.", "dossier est vide", "Anne Roy"),  # the one magistrate who is a woman
])
def test_a_role_noun_above_the_title_given_names_the_one_person_so_titled(
    parse: Any, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(parse, text, words) == speaker


@pytest.mark.parametrize("text, words, wrong", [
    ("Le juge Paul Vidal et le procureur Marc Roy ont quitté la salle. « Le dossier est vide », a estimé le "
     "magistrat.", "dossier est vide", {"Paul Vidal", "Marc Roy"}),
    ("Le maire de Valbrune, Louis Carrel, et le député Marc Henry ont visité le site. « Il faut agir vite », a "
     "lancé l'élu.", "agir vite", {"Louis Carrel", "Marc Henry"}),
    ("Le maire, Bernard Combes, a ouvert la séance. Conseiller municipal d'opposition, Thierry Lasserre a dénoncé "
     "un projet coûteux. L'élu a estimé qu'une rénovation plus modeste aurait suffi.", "plus modeste",
     {"Bernard Combes"}),  # the last one named is an elected member too, titled another way
])
def test_a_role_noun_above_two_titles_names_neither(parse: Any, text: str, words: str, wrong: set[str]) -> None:
    assert speaker_of(parse, text, words) not in wrong


def test_transcript_lines_under_the_speakers_name_in_capitals(parse: Any) -> None:
    text = ("Le maire de Brenouille, Alain Sorbier, était l'invité de Julie Fauvel ce jeudi.\n\n"
            "JULIE FAUVEL. — Les habitants attendent la nouvelle gare depuis dix ans. Quand ouvrira-t-elle ?\n\n"
            "ALAIN SORBIER. — Les travaux commenceront en septembre, je m'y engage devant vous.\n\n"
            "JULIE FAUVEL. — Vous l'aviez déjà promis l'an dernier.\n\n"
            "ALAIN SORBIER. — Cette fois, le financement de la région est signé.\n")
    found = said(parse, text)
    assert found.get("Les travaux commenceront en septembre, je m'y engage devant vous") == "Alain Sorbier"
    assert found.get("Cette fois, le financement de la région est signé") == "Alain Sorbier"
    assert not [q for q in found if "promis l'an dernier" in q or "dix ans" in q]  # the interviewer's lines


@pytest.mark.parametrize("text", [
    "Le préfet Alain Sorbier a visité la gare.\n\nBRENOUILLE — Les travaux commenceront en septembre, a-t-on "
    "appris.\n\nALAIN SORBIER — Le financement est signé depuis hier soir.\n",  # a dateline opens it, no question
    "Le préfet Alain Sorbier a visité la gare.\n\nJULIE FAUVEL. — Quand la gare ouvrira-t-elle ?\n\n"
    "ALAIN SORBIER. — Le financement est signé depuis hier soir.\n",  # the asker is no one the article names
])
def test_lines_under_a_name_need_a_named_asker_and_a_question_first(parse: Any, text: str) -> None:
    assert "Le financement est signé depuis hier soir" not in said(parse, text)


PROFILE_START = ("L'architecte Mona Keller nous reçoit dans son agence, au dernier étage d'un ancien entrepôt. « Je "
                 "dessine toujours d'abord à la main », dit-elle.\n\n")


@pytest.mark.parametrize("opening", [
    "Fille d'un menuisier de Porrentruy, elle apprend très tôt à respecter le bois et ceux qui le travaillent.",
    "À 52 ans, la créatrice a signé plus de quarante écoles et deux hôpitaux dans tout le pays.",
])
def test_a_paragraph_opening_on_the_same_person_lets_the_pronoun_look_back(parse: Any, opening: str) -> None:
    text = PROFILE_START + opening + " « Mon père ne jetait jamais une chute de bois », sourit-elle.\n"
    assert speaker_of(parse, text, "chute de bois") == "Mona Keller"


@pytest.mark.parametrize("opening", [
    "Une voisine passe alors la tête par la porte entrouverte de l'atelier.",
    "Sa fille, Léna Keller, passe alors la tête par la porte entrouverte de l'atelier.",
])
def test_a_paragraph_opening_on_someone_new_keeps_the_pronoun_in_it(parse: Any, opening: str) -> None:
    text = PROFILE_START + opening + " « Elle ne s'arrête jamais, même le dimanche », sourit-elle.\n"
    assert speaker_of(parse, text, "même le dimanche") != "Mona Keller"


def test_a_question_asked_in_a_meeting_is_the_askers(parse: Any) -> None:
    text = ("La conseillère Nadia Bensaïd s'est inquiétée du coût. « Qui paiera le chauffage quand l'énergie "
            "doublera encore ? », a-t-elle demandé.")
    assert speaker_of(parse, text, "Qui paiera le chauffage") == "Nadia Bensaïd"
    text = "Le juge a demandé au prévenu de se lever avant de lire le jugement à voix haute."
    assert said(parse, text) == {}  # "demander à X de …": a request, no words reported


def test_cette_derniere_gives_the_gender_of_the_name_after_it(parse: Any) -> None:
    text = ("Un marchand le présente à sa future galeriste. Cette dernière, Odile Ferrand, ne tarit pas d'éloges. "
            "Elle évoque « une artiste qui travaille contre la perfection ».")
    assert speaker_of(parse, text, "contre la perfection") == "Odile Ferrand"


@pytest.mark.parametrize("text, words, speaker", [
    ("La sénatrice Léa Vidal a été mise en cause par un ancien collaborateur, le conseiller Paul Morin. "
     "L'intéressée a assuré qu'elle porterait plainte dès lundi.", "porterait plainte", "Léa Vidal"),
    ("La maire Anne Roy est visée par une plainte du conseiller Paul Morin. L'intéressée hausse les épaules. "
     "« Je n'ai rien à cacher », tranche-t-elle.", "rien à cacher", "Anne Roy"),
])
def test_l_interessee_is_the_last_person_named_of_that_gender(
    parse: Any, text: str, words: str, speaker: str
) -> None:
    assert speaker_of(parse, text, words) == speaker


def test_l_interessee_names_no_one_of_the_other_gender(parse: Any) -> None:
    text = ("Le ministre Paul Morin a quitté ses fonctions lundi. L'intéressée hausse les épaules. « Je n'ai rien à "
            "cacher », tranche-t-elle.")
    assert speaker_of(parse, text, "rien à cacher") != "Paul Morin"
