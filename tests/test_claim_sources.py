"""Who asserts a figure said inside someone's words: the speaker the quotation's own rules found, never the
quotation's grammatical subject or a title cut short, unless the speaker cites a source of their own."""

from __future__ import annotations

from typing import Any

import pytest

from extract import claims
from extract.models import Article


def figure_sources(parse: Any, text: str) -> dict[str, str | None]:
    """Each figure's and date's source, by its text."""
    article = Article(id="t", source_id=None, title="", url=None, published="2024-11-20", lang="fr", text=text,
                      path="t.md", digest="t")
    found = claims.extract(parse(claims.masked_text(article)), article)
    return {c.text: c.asserted_by for c in found if c.kind in {"quantity", "date"}}


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # the quotation's subject is not its speaker ("c'est un signal" cites no one)
        ("Pour Hélène Marchal, historienne, la percée reste limitée. « Ces blindés ne pèsent pas lourd sur une "
         "ligne de plus de 900 kilomètres, mais c'est un signal clair », juge-t-elle.",
         "plus de 900 kilomètres", "Hélène Marchal"),
        # a surname the tagger reads as a verb does not cut the speaker's name short
        ("« Chaque bataillon rassemble environ 600 soldats », a détaillé le commandant Louis Ferrand devant la "
         "presse.", "environ 600 soldats", "Louis Ferrand"),
        # a title and the name in apposition: the name
        ("Les quelque 4.000 réservistes ont été affectés à deux divisions, a ajouté un porte-parole, "
         "Lee Dong-wook, lors d'un point de presse.", "quelque 4.000 réservistes", "Lee Dong-wook"),
        ("Au moins 15 000 obus ont été livrés, a précisé un responsable, Tomas Berg, devant les députés.",
         "Au moins 15 000 obus", "Tomas Berg"),
    ],
)
def test_a_figure_in_someones_words_is_theirs(parse: Any, text: str, figure: str, source: str) -> None:
    assert figure_sources(parse, text)[figure] == source


def test_a_source_the_speaker_cites_in_their_words_stays(parse: Any) -> None:
    found = figure_sources(parse, "« Les Britanniques évoquent 5 000 hommes, nous en comptons à peine 3 000 », "
                                  "a estimé le général Marc Aubry.")
    assert found["5 000 hommes"] == "Les Britanniques"


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        ("Une semaine après, le chef d'état-major ukrainien, Andriy Koval, évoquait « au moins 9 000 » soldats.",
         "« au moins 9 000 » soldats", "Andriy Koval"),
        ("Selon la porte-parole de la marine, Sofia Lindqvist, 14 navires ont été inspectés.", "14 navires",
         "Sofia Lindqvist"),
        ("Le ministre estonien de l'Intérieur, Tarmo Kallaste, a annoncé mardi l'envoi de 300 soldats.",
         "300 soldats", "Tarmo Kallaste"),
        ("La porte-parole du ministère, Irina Volkova, a déclaré vendredi que 200 mercenaires étaient arrivés.",
         "vendredi", "Irina Volkova"),
        # not an apposition: the name starts the next clause, or is not closed by a comma
        ("Selon l'agence Yonhap, Kim Jong-un, qui visitait une base, aurait promis 2 000 soldats de plus.",
         "2 000 soldats", "l'agence Yonhap"),
        ("Selon le commandant, Marc Roy et ses hommes ont tenu 12 jours.", "12 jours", "le commandant"),
    ],
)
def test_a_title_named_between_commas_gives_the_name(parse: Any, text: str, figure: str, source: str) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # a verb the tagger reads as its homonym noun ("recense", "avance") still has its subject as the source
        ("L'Office régional recense au moins 640 blessés dans la vallée.", "au moins 640 blessés",
         "L'Office régional"),
        # a subject with an apposition before its verb: what follows the verb is its object, not its subject
        ("Le préfet de Lormont, la ville voisine, avance le chiffre de 3 200 sinistrés.", "3 200 sinistrés",
         "Le préfet de Lormont"),
        # a stressed pronoun between commas sets the subject against another source
        ("La Banque mondiale table, elle, sur une croissance de 2 à 3 %.", "de 2 à 3 %", "La Banque mondiale"),
        ("Les syndicats évoquent, eux, plus de 4 000 grévistes.", "plus de 4 000 grévistes", "Les syndicats"),
        # a verb of estimating before "à" and the figure, whatever the tagger made of it
        ("Le Secours alpin chiffre à un petit millier le nombre de randonneurs évacués.",
         "un petit millier le nombre de randonneurs évacués", "Le Secours alpin"),
        # "selon ses calculs": the person named just before reckons
        ("« Les loyers ont doublé », constate Margot Lindqvist, géographe. Selon ses calculs, un studio coûte "
         "désormais 900 euros.", "900 euros", "Margot Lindqvist"),
        # a document "publié … par X": X, even with a date between the participle and "par"
        ("Selon une enquête publiée mardi par l'Observatoire de Brenne, 41 % des foyers se chauffent au bois.",
         "41 %", "l'Observatoire de Brenne"),
        # who claims a crowd
        ("Les organisateurs ont revendiqué 12 000 marcheurs dans les rues de Lormont.", "12 000 marcheurs",
         "Les organisateurs"),
        # the title of the named person in the apposition
        ("Sa directrice, l'ingénieure agronome Ines Marquardt, a indiqué que 70 puits avaient été creusés.",
         "70 puits", "Ines Marquardt"),
    ],
)
def test_sources_the_tagger_hides(parse: Any, text: str, figure: str, source: str) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # the second count of a crowd: who counted it ("en a compté")
        ("Les syndicats annoncent 40 000 grévistes, la préfecture en a compté 11 000.", "11 000", "la préfecture"),
        # the speaker a pronoun stands for is who speaks, not whom the speaker reports on
        ("Son avocat, Lucien Ferrat, affirme que ses clients ont relevé des erreurs dans 14 dossiers. « Tout est "
         "faux », a-t-il déclaré devant la presse réunie jeudi.", "jeudi", "Lucien Ferrat"),
        # figures handed on by no one the text names: no source, rather than the figures themselves
        ("Selon les estimations transmises à la presse, 2 300 foyers sont privés d'eau.", "2 300 foyers", None),
        ("Selon des images satellites, 40 hangars ont été détruits.", "40 hangars", "des images satellites"),
    ],
)
def test_who_counted_and_who_speaks(parse: Any, text: str, figure: str, source: str | None) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # a fact-check's claim: the figure is credited right after it
        ("Faux. La commune compte 48 000 habitants, et non 60 000 comme l'affirme l'opposition municipale.",
         "60 000", "l'opposition municipale"),
        # "tabler sur": the subject, not the subject with the verb the tagger took for its adjective
        ("La Banque de Brenne table sur une hausse de 2,4 % des prix.", "2,4 %", "La Banque de Brenne"),
        # a second count in brackets has its own source; the first source stops at the bracket
        ("Quelque 90 000 personnes ont défilé selon l'intersyndicale (31 000 selon la préfecture).",
         "Quelque 90 000 personnes", "l'intersyndicale"),
        ("Quelque 90 000 personnes ont défilé selon l'intersyndicale (31 000 selon la préfecture).", "31 000",
         "la préfecture"),
        # "le chiffre de N millions de X avancé par Y": Y, though the participle hangs on "millions"
        ("Le chiffre de 2,6 millions de foyers avancé par le syndicat est contesté.", "2,6 millions de foyers",
         "le syndicat"),
    ],
)
def test_figures_credited_beside_them(parse: Any, text: str, figure: str, source: str) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # figures of someone: whose they are
        ("D'après un décompte de l'agence Hexa, 212 civils ont été tués.", "212 civils", "l'agence Hexa"),
        ("Le bilan s'élève à 9 morts, selon un bilan provisoire des autorités portuaires.", "9 morts",
         "les autorités portuaires"),
        ("Selon les estimations de Valdran, 6 000 soldats ont franchi la frontière.", "6 000 soldats", "Valdran"),
        # figures of something: no owner to name instead
        ("Selon les images de satellites commerciaux, 40 hangars ont été détruits.", "40 hangars",
         "les images de satellites commerciaux"),
        ("Selon les données de mars, 40 hangars ont été détruits.", "40 hangars", "les données de mars"),
    ],
)
def test_the_owner_of_the_figures_is_the_source(parse: Any, text: str, figure: str, source: str) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # "faire état de" with an aside between the subject and the verb
        ("Le bureau de santé, dirigé par les autorités de fait, fait état de 830 morts.", "830 morts",
         "Le bureau de santé"),
        ("Un relevé fourni par les pompiers fait état de 17 blessés.", "17 blessés", "les pompiers"),
        ("La préfecture fait par ailleurs état de 60 interpellations.", "60 interpellations", "La préfecture"),
        # a past tense the tagger split: the subject before the auxiliary
        ("Les sauveteurs ont dénombré 23 disparus.", "23 disparus", "Les sauveteurs"),
        # a document got hold of by the outlet: no author to name
        ("Selon un rapport consulté par notre rédaction, 400 officiers encadrent ces troupes.", "400 officiers",
         None),
    ],
)
def test_who_states_a_toll(parse: Any, text: str, figure: str, source: str | None) -> None:
    assert figure_sources(parse, text)[figure] == source


def test_a_verb_of_saying_read_as_an_adjective_still_takes_its_pronoun_speaker(parse: Any) -> None:
    found = figure_sources(parse, "L'Agence fluviale de Brenne se montre prudente. Dans sa note, elle évoque des "
                                  "fissures sur environ 7 % des digues inspectées.")
    assert found["environ 7 %"] == "Agence fluviale de Brenne"  # the body the pronoun stands for


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # a source in brackets right after the figure, as lists and key-figure boxes write it
        ("- 4 100 réfugiés enregistrés (HCR)", "4 100 réfugiés enregistrés", "HCR"),
        ("Environ 1,6 million de déplacés (source : OIM).", "Environ 1,6 million de déplacés", "OIM"),
        ("Pertes : 300 morts (Brenne), 200 (Valdran).", "300 morts", None),  # a toll broken down by side
        # "aux dires des …": the contracted article stays with the source
        ("Aux dires des riverains, une cinquantaine de voitures ont brûlé.", "une cinquantaine de voitures",
         "les riverains"),
    ],
)
def test_bracketed_and_contracted_sources(parse: Any, text: str, figure: str, source: str | None) -> None:
    assert figure_sources(parse, text)[figure] == source


def test_a_nameless_source_names_no_one_and_carries_no_other(parse: Any) -> None:
    found = figure_sources(parse, "La préfecture a publié de nouveaux chiffres jeudi. Près de 700 foyers seraient "
                                  "privés de courant, selon des sources non confirmées.")
    assert found["Près de 700 foyers"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Vraisemblablement 1 500 foyers ont été touchés.",
        "Il est possible que 80 randonneurs soient encore bloqués.",
        "Il n'est pas exclu que 40 maisons soient détruites.",
    ],
)
def test_a_possibility_is_hedged(parse: Any, text: str) -> None:
    article = Article(id="t", source_id=None, title="", url=None, published="2024-11-20", lang="fr", text=text,
                      path="t.md", digest="t")
    found = [c for c in claims.extract(parse(claims.masked_text(article)), article) if c.kind == "quantity"]
    assert found and all(c.hedged for c in found)


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # a second speaker in a "tandis que" clause: never the main clause's subject
        ("Le maire a indiqué que 30 commerces avaient fermé, tandis que la Chambre-Haute estime que 90 emplois "
         "sont menacés.", "90 emplois", "la Chambre-Haute"),
        # a stressed pronoun between the subject and its verb
        ("Le collectif, lui, avance le chiffre de 6 000 marcheurs.", "6 000 marcheurs", "Le collectif"),
    ],
)
def test_the_second_source_of_a_sentence(parse: Any, text: str, figure: str, source: str) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        ("Le renseignement militaire ukrainien affirme que quelque 11 000 soldats se trouvent à Koursk.",
         "quelque 11 000 soldats", "Le renseignement militaire ukrainien"),
        ("Le parquet fédéral belge indique que 12 personnes ont été interpellées.", "12 personnes",
         "Le parquet fédéral belge"),
    ],
)
def test_an_adjective_between_the_subject_and_its_verb_is_part_of_the_name(
    parse: Any, text: str, figure: str, source: str
) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # a 'selon' closing a verbless aside sources the aside only
        ("La crue, d'une ampleur inédite selon les hydrologues, a inondé 300 maisons.", "300 maisons", None),
        ("Le général Tarvo, père de trois enfants selon la presse locale, commande 4 000 soldats.", "4 000 soldats",
         None),
        # a 'selon' heading the sentence, or ending a clause, still covers what follows
        ("Selon la préfecture, de la place Verte à la gare, 18 000 personnes ont défilé.", "18 000 personnes",
         "la préfecture"),
        ("La Corée du Nord a envoyé, selon Séoul, 1 500 soldats.", "1 500 soldats", "Séoul"),
    ],
)
def test_a_source_inside_an_aside_covers_the_aside_only(parse: Any, text: str, figure: str, source: str | None) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        ("La gendarmerie a compté 2 300 marcheurs, contre 7 000 selon le comité Brume.", "2 300 marcheurs",
         "La gendarmerie"),
        ("La gendarmerie a compté 2 300 marcheurs, contre 7 000 selon le comité Brume.", "7 000", "le comité Brume"),
    ],
)
def test_a_source_after_contre_n_gives_the_other_figure_only(
    parse: Any, text: str, figure: str, source: str | None
) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # 'compter' in a compound past with the figure as its object: who counted
        ("La préfecture de Lormont a compté 6 200 grévistes dans le cortège.", "6 200 grévistes",
         "La préfecture de Lormont"),
        ("Les gendarmes ont compté 1 150 marcheurs au départ de Brissac.", "1 150 marcheurs", "Les gendarmes"),
        # 'compter' as having or including: nobody counted
        ("La commune de Vérignac compte 12 400 habitants.", "12 400 habitants", None),
        ("L'armée valdienne comptait 8 000 hommes en 2019.", "8 000 hommes", None),
        ("Le bourg a compté jusqu'à 9 000 habitants avant la guerre.", "jusqu'à 9 000 habitants", None),
        # 'compter sur', 'compter + infinitive': no count
        ("Le syndicat a compté sur 400 adhérents pour tenir le piquet.", "400 adhérents", None),
        ("L'association compte ouvrir 30 antennes.", "30 antennes", None),
    ],
)
def test_who_counted_with_compter(parse: Any, text: str, figure: str, source: str | None) -> None:
    assert figure_sources(parse, text)[figure] == source


def figure_hedges(parse: Any, text: str) -> dict[str, bool]:
    """Each figure's hedge, by its text."""
    article = Article(id="t", source_id=None, title="", url=None, published="2024-11-20", lang="fr", text=text,
                      path="t.md", digest="t")
    return {c.text: c.hedged for c in claims.extract(parse(claims.masked_text(article)), article)
            if c.kind == "quantity"}


@pytest.mark.parametrize(
    ("text", "figure", "hedged"),
    [
        # a proposal voted down is no denial of its figures nor of the vote's
        ("Une motion visant à geler 15 % des crédits a été rejetée par 73 voix contre 52.", "73 voix", False),
        ("Une motion visant à geler 15 % des crédits a été rejetée par 73 voix contre 52.", "15 %", False),
        ("Le conseil a rejeté l'amendement qui retirait 40 millions d'euros au projet.", "40 millions d'euros",
         False),
        ("La mairie a rejeté le chiffre de 3 000 sinistrés.", "3 000 sinistrés", True),
        # an imperfect the tagger reads as a conditional
        ("Le taux de remplissage dépassait 85 % dimanche, selon la préfecture.", "85 %", False),
        # the stem of 'tenir' and 'venir' in the conditional
        ("Selon le sondage, la liste obtiendrait 42 sièges.", "42 sièges", True),
        # quoted words inside a clause reported after a past verb of saying: the future seen from the past
        ("Le maire Alain Ferry a assuré que « près de 60 % des logements » seraient rénovés.", "près de 60 %",
         False),
        # a relative clause keeps its own tense under a conditional main verb
        ("La liste, qui détenait 31 sièges, n'en conserverait que 20, selon l'institut Brio.", "31 sièges", False),
        ("La liste, qui détenait 31 sièges, n'en conserverait que 20, selon l'institut Brio.", "20", True),
    ],
)
def test_what_hedges_a_figure_and_what_does_not(parse: Any, text: str, figure: str, hedged: bool) -> None:
    assert figure_hedges(parse, text)[figure] is hedged


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        ("Au moins 70 blessés ont été soignés sur place, selon Médecins sans frontières.", "Au moins 70 blessés",
         "Médecins sans frontières"),
        ("La semaine dernière, le bilan faisait état de 2 100 cas.", "2 100 cas", None),  # a tally names no one
        ("Le Bureau des Nations unies pour les migrations (BNUM) y dénombre 52 000 arrivants.", "52 000 arrivants",
         "Le Bureau des Nations unies pour les migrations (BNUM)"),
        ("Le syndicat revendique 7 400 adhérents ; la préfecture en recense 5 100.", "5 100", "la préfecture"),
    ],
)
def test_who_gives_a_count_after_selon_y_or_en(parse: Any, text: str, figure: str, source: str | None) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # a figure in a relative clause set off by commas: the 'selon X' after it gives the main clause's figure
        ("Le préfet a parlé lundi. La liste, qui détenait 31 sièges, n'en garderait que 20, selon l'institut Brio.",
         "31 sièges", None),
        ("Le préfet a parlé lundi. La liste, qui détenait 31 sièges, n'en garderait que 20, selon l'institut Brio.",
         "20", "l'institut Brio"),
        ("Le hameau, qui compte 400 habitants, selon la mairie, a été évacué.", "400 habitants", "la mairie"),
        # a 'selon X' closing an opening phrase with its own figure credits that figure only
        ("Avec 3,8 % des voix selon l'institut Brio, la liste perd ses élus, le seuil étant de 4 %.", "3,8 %",
         "l'institut Brio"),
        ("Avec 3,8 % des voix selon l'institut Brio, la liste perd ses élus, le seuil étant de 4 %.", "4 %", None),
        # 'retenir' a figure set against another's, with a stressed pronoun
        ("Le syndicat affirme que la dette atteint 61 % du budget. La trésorerie retient, elle, un taux de 54 %.",
         "54 %", "La trésorerie"),
        ("Selon un élu cité par la presse locale, la liste garderait 12 sièges.", "12 sièges", "un élu"),
    ],
)
def test_what_a_selon_covers_around_asides(parse: Any, text: str, figure: str, source: str | None) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # the person of that gender, never the union or the party in her title
        ("« La cantine ferme en août », a regretté Odile Brasset, déléguée de la section FSU du collège. "
         "Selon elle, près de 300 repas ne seront plus servis chaque jour.", "près de 300 repas", "Odile Brasset"),
        ("Le conseiller départemental, Yvon Quéré, élu du groupe LR, a visité le chantier. D'après lui, 45 logements "
         "seront livrés au printemps.", "45 logements", "Yvon Quéré"),
        # a man named last, a woman before him: "elle" is the woman
        ("La présidente du club, Nadia Ferrat, a reçu l'entraîneur Paul Giroud. Selon elle, 1 200 licenciés ont "
         "renouvelé leur adhésion.", "1 200 licenciés", "Nadia Ferrat"),
        # a woman and an epicene title named last: who "elle" is stays open
        ("La juge Agnès Polve a entendu Camille Turlan, secrétaire de l'association. Selon elle, 14 familles ont "
         "été relogées.", "14 familles", None),
        # no person before: the body named just before stays the source
        ("La chambre d'agriculture de l'Orbiel a publié son bilan mardi. Selon elle, 60 exploitations ont fermé.",
         "60 exploitations", "La chambre d'agriculture de l'Orbiel"),
    ],
)
def test_selon_elle_or_lui_credits_the_last_person_of_that_gender(parse: Any, text: str, figure: str,
                                                                  source: str | None) -> None:
    assert figure_sources(parse, text)[figure] == source


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        # a demand is its maker's figure: requérir, réclamer, a second object after an aside
        ("Le parquet de Lanvaux a requis huit ans de réclusion contre le passeur.", "huit ans",
         "Le parquet de Lanvaux"),
        ("La procureure, Anne Valois, avait requis quatre ans de prison, dont deux ferme, et 50 000 euros d'amende.",
         "50 000 euros", "Anne Valois"),
        # a relative clause whose subject claims the figure; "elle" is the sentence's subject when it agrees
        ("La région, partie civile, obtient 90 000 euros, bien moins que les 2,4 millions qu'elle réclamait.",
         "2,4 millions", "La région"),
        ("Le club obtient 90 000 euros, loin des 2,4 millions qu'elle réclamait.", "2,4 millions", None),
        # the figure the parser hangs on "pour sa part"
        ("Le gouvernement avance pour sa part le chiffre de 64 détenus.", "64 détenus", "Le gouvernement"),
    ],
)
def test_a_figure_someone_demands_or_puts_forward_is_theirs(parse: Any, text: str, figure: str,
                                                           source: str | None) -> None:
    found = {k: v for k, v in figure_sources(parse, text).items() if figure in k}
    assert list(found.values()) == [source], found


def test_a_part_after_dont_has_the_source_of_the_whole(parse: Any) -> None:
    found = figure_sources(parse, "L'Observatoire des libertés recense plus de 3 000 détenus, dont 450 femmes.")
    assert found["450 femmes"] == "L'Observatoire des libertés"


@pytest.mark.parametrize(
    ("text", "figure", "source"),
    [
        ("Selon la direction, le plan prévoit 40 mutations au sein du groupe, dont 12 à Lyon, et une prime.", "12",
         "la direction"),
        ("D'après le président, le club compte 300 adhérents, dont 40 au conseil.", "40", "le président"),
    ],
)
def test_a_bare_part_after_dont_counts_what_the_whole_counts(parse: Any, text: str, figure: str, source: str) -> None:
    assert figure_sources(parse, text).get(figure) == source
