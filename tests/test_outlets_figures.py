"""Figures and dates in outlet styles of their own: a data-journalism count, a dated chronology, a Swiss daily.

The fixture articles (tests/fixtures/outlets/47-52, 56-58) are made up. Each test reads the claims as a fact-checker
would: the value and what it counts, its qualifier, the resolved date; and the traps (ranks, calibres, article
numbers, phone numbers, the article's own history) that must give none.
"""

from __future__ import annotations

from typing import Any

import pytest

from extract import claims, ingest
from extract.models import Claim
from tests.test_outlets import OUTLETS, figures


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


def dated(found: tuple[Claim, ...]) -> list[tuple[str, str | None]]:
    return [(c.text, c.date) for c in found if c.kind == "date"]


DATA = "47-datajournalisme-chiffres.md"
CHRONOLOGY = "48-chronologie-anniversaire.md"
SWISS = "49-quotidien-valaisan.md"


def test_data_journalism_ranges_and_forms(outlet: Any) -> None:
    figs = figures(outlet(DATA))
    elliptic = figs["de 10 à 12 000 militaires déployés"]  # ten to twelve thousand, not ten
    assert (elliptic.low, elliptic.high, elliptic.unit) == (10_000, 12_000, "soldiers")
    assert (figs["entre 12 000 et 15 000 soldats"].low, figs["entre 12 000 et 15 000 soldats"].high) == (12_000, 15_000)
    assert (figs["quelque 1 500 hommes"].qualifier, figs["quelque 1 500 hommes"].unit) == ("approx", "soldiers")
    assert figs["quelque 1 500 hommes"].hedged  # "auraient pris part"
    assert (figs["de 3 000 à 4 000 dollars"].low, figs["de 3 000 à 4 000 dollars"].unit) == (3_000, "dollars")
    assert (figs["jusqu'à 600 M$"].value, figs["jusqu'à 600 M$"].qualifier) == (600_000_000, "at_most")
    assert figs["5,5 Md€"].value == 5_500_000_000
    assert (figs["plus de 2,5 millions d'obus"].value, figs["plus de 2,5 millions d'obus"].qualifier) == (
        2_500_000, "at_least")
    assert (figs["moins de 0,05 %"].value, figs["moins de 0,05 %"].unit) == (0.05, "percent")
    assert figs["1,2 million de soldats d'active"].value == 1_200_000


def test_data_journalism_non_figures(outlet: Any) -> None:
    found = [c for c in outlet(DATA) if c.kind == "quantity"]
    texts = " | ".join(c.text for c in found)
    for trap in ("11e", "18e", "7,62", "152", "1718", "article 4", "04 72", "120k", "26/11", "18 h", "1 000 jours"):
        assert trap not in texts, trap  # ranks, calibres, a resolution, an article, a phone, a share count, a stamp
    assert not [c for c in found if c.value in {2023, 2024, 2025}]
    assert not [c for c in found if c.unit == "years"]  # "âgés de 18 à 25 ans", "Kim Jong-un, 40 ans"
    assert not [c for c in outlet(DATA) if c.kind == "date" and "26/11" in c.text]  # "mis à jour le 26/11 à 18 h 30"
    vague = ("plusieurs milliers", "des dizaines de milliers", "deux fois plus", "un tiers")
    assert not [c for c in found if any(c.text.startswith(v) for v in vague)]


def test_chronology_weekdays_pinned_by_the_date_beside_them(outlet: Any) -> None:
    found = dated(outlet(CHRONOLOGY))
    # "dans la nuit de jeudi à vendredi, le 31 octobre": one night, one date
    assert ("la nuit de jeudi à vendredi", "2024-10-31/2024-11-01") in found
    assert not [d for t, d in found if t in {"jeudi", "vendredi"} and d and d.startswith("2024-12")]


def test_chronology_dates(outlet: Any) -> None:
    found = dated(outlet(CHRONOLOGY))
    for pair in [
        ("l'an dernier", "2023"),
        ("Mi-octobre", "2024-10"),
        ("Fin octobre", "2024-10"),
        ("Du 12 au 15 novembre", "2024-11-12/2024-11-15"),
        ("Lundi 18", "2024-11-18"),
        ("Samedi dernier", "2024-12-07"),
        ("début 2025", "2025"),
        ("le 20 janvier", "2025-01-20"),
        ("13 septembre 2023", "2023-09-13"),
        ("Le 4/11", "2024-11-04"),
    ]:
        assert pair in found, pair


def test_chronology_own_history_gives_no_date(outlet: Any) -> None:
    found = dated(outlet(CHRONOLOGY))
    assert ("le 1er décembre", "2024-12-01") not in found  # "Cet article, publié initialement le 1er décembre"
    assert ("ce lundi", "2024-12-09") not in found  # "… a été mis à jour ce lundi à 10 h"
    assert not [t for t, _ in found if t == "la semaine prochaine"]  # "Prochaine mise à jour : …"


def test_swiss_daily_number_conventions(outlet: Any) -> None:
    figs = figures(outlet(SWISS))
    assert figs["quelque 11'000 soldats nord-coréens"].value == 11_000
    assert figs["quelque 66\u202f000 personnes titulaires"].value == 66_000
    assert figs["environ 1\u00a0200 personnes"].value == 1_200
    assert figs["jusqu'à 12 mille hommes supplémentaires"].value == 12_000
    assert figs["nonante mille soldats"].value == 90_000
    share = figs["entre septante et huitante pour cent"]  # a range, never 150 %
    assert (share.low, share.high, share.unit) == (70, 80, "percent")
    assert not [c for c in figs.values() if c.unit == "percent" and (c.value or 0) > 100]
    assert figs["12.500 francs"].value == 12_500 and figs["500.000 barils"].value == 500_000


def test_swiss_daily_tolls(outlet: Any) -> None:
    figs = figures(outlet(SWISS))
    toll = figs["3\u202f000 tués ou blessés"]  # killed or wounded: casualties, not deaths
    assert (toll.value, toll.unit) == (3_000, "casualties")
    assert (figs["au moins 200 morts"].qualifier, figs["au moins 200 morts"].unit) == ("at_least", "deaths")
    assert (figs["un millier de pertes"].value, figs["un millier de pertes"].unit) == (1_000, "casualties")
    texts = " | ".join(figs)
    assert "34 ans" not in texts  # "Olha, 34 ans, réfugiée": an age
    assert "douze ans" not in texts  # "5 milliards sur douze ans": the time the sum is spread over, no figure
    assert figs["5 milliards"].value == 5_000_000_000
    assert "027" not in texts and "9 h" not in texts and "numéro 12" not in texts  # phone, opening hours, address


QUEBEC = "50-quotidien-quebecois-mission.md"
REPORT = "51-rapport-economique-humanitaire.md"
ELECTION = "52-quotidien-belge-elections.md"


def test_quebec_daily_amounts_and_sources(outlet: Any) -> None:
    figs = figures(outlet(QUEBEC))
    assert (figs["près de 1,1 G$"].value, figs["près de 1,1 G$"].unit) == (1_100_000_000, "dollars")  # Québec's G$
    assert (figs["1,4 G$"].value, figs["1,4 G$"].hedged) == (1_400_000_000, True)  # "pourrait atteindre"
    assert figs["240 M$"].asserted_by == "Hélène Boisclair"  # "la ministre …, Hélène Boisclair." names her
    assert figs["au moins 8 700 civils tués"].asserted_by == "L'ONU"
    assert figs["12 000 morts"].asserted_by == "le gouvernement de Korvane"  # not "le chiffre de"
    texts = " | ".join(figs)
    for trap in ("54 ans", "61 ans", "3,1", "19 fois", "11 h", "C-47", "0142"):  # ages, a poll's margin, a clock
        assert trap not in texts, trap
    assert ("le 3 mars dernier" in " ".join(c.sentence for c in outlet(QUEBEC) if c.date == "2025-03-03"))


def test_report_rates_ranges_and_sources(outlet: Any) -> None:
    found = outlet(REPORT)
    figs = figures(found)
    assert (figs["Entre 40 et 60 %"].low, figs["Entre 40 et 60 %"].high) == (40, 60)
    assert figs["1,40 dollar"].asserted_by == "Clara Vendermeer"  # "Selon ses calculs"
    assert figs["de 7 à 8 %"].asserted_by == "Le Fonds monétaire international"  # "table, lui, sur"
    assert figs["plus d'un million de personnes déplacées"].asserted_by == "Les autorités provinciales"
    millier = figs["un bon millier le nombre d'enfants admis"]
    assert (millier.value, millier.qualifier, millier.asserted_by) == (1_000, "approx", "L'Unicef")
    texts = " | ".join(figs)
    for trap in ("pages", "47 ans", "900 habitants"):  # a report's length, the doctor's age, a rate per head
        assert trap not in texts, trap
    assert ("entre janvier et mai", "2025-01/2025-05") in dated(found)
    assert not [t for t, _ in dated(found) if t == "demain"]  # "investi aujourd'hui … épargne sept demain"


def test_election_results_and_who_counts_them(outlet: Any) -> None:
    figs = figures(outlet(ELECTION))
    assert figs["68 sièges"].asserted_by == "la Commission électorale centrale"  # "les résultats publiés … par"
    assert figs["62 %"].asserted_by == "l'institut Civica"
    assert figs["612 bureaux"].asserted_by == "Jan Verhaegen"  # "Son chef, l'eurodéputé belge Jan Verhaegen,"
    assert figs["25.000 manifestants"].asserted_by == "Les organisateurs"
    assert figs["8.000"].asserted_by == "la police"  # "la police en a compté 8.000"
    assert (figs["84"].unit, figs["68 sièges"].unit) == ("seats", "seats")  # "contre 84 lors de la précédente …"
    assert ("dimanche", "Tomas Brevik") in [(c.text, c.asserted_by) for c in outlet(ELECTION) if c.kind == "date"]
    assert figs["52,8 %"].asserted_by == "Veronika Sáral"
    assert figs["nonante observateurs déployés"].value == 90
    texts = " | ".join(figs)
    assert "58 ans" not in texts and "page 12" not in texts and "10 h" not in texts


BUDGET = "56-quotidien-ouest-africain-budget.md"
ELECTION_NIGHT = "57-direct-soiree-electorale.md"
EPIDEMIC = "58-bulletin-epidemie-cholera.md"


def test_budget_vote_in_cfa_francs(outlet: Any) -> None:
    found = outlet(BUDGET)
    figs = figures(found)
    assert (figs["4 812 milliards de francs CFA"].value, figs["4 812 milliards de francs CFA"].unit) == (
        4_812_000_000_000, "cfa_francs")
    assert (figs["612 mds FCFA"].value, figs["612 mds FCFA"].asserted_by) == (612_000_000_000, "Ousmane Tiendrebeogo")
    # bare billions after an amount in francs: francs again ("Le reste …", "un fonds de péréquation de")
    assert {figs[t].unit for t in ("environ 1 100 milliards", "150 milliards", "25 milliards")} == {"cfa_francs"}
    # a conditional reported after 'a affirmé que', quoted words inside: no hedge
    assert not figs["plus de 38 %"].hedged
    # an amendment voted down: no denial of its figures nor of the vote
    assert not any(figs[t].hedged for t in ("25 %", "88 voix", "40"))
    assert figs["9 800"].asserted_by == "le ministère de l'Éducation"  # "en recense 9 800"
    assert figs["57,8 %"].asserted_by == "Le ministère des Finances"  # "retient, lui, un taux de 57,8 %"
    assert figs["14 500 enseignants"].asserted_by == "Leur coordination"
    assert "44 ans" not in " | ".join(figs)
    days = dated(found)
    assert ("lundi", "2025-12-15") in days  # "programmée à partir de lundi", published on a Friday
    assert ("mardi", "2025-12-16") in days  # "doit examiner mardi"
    assert ("le 1er mars", "2026-03-01") in days  # "a annoncé qu'un fonds … serait opérationnel le 1er mars"
    assert days.count(("jeudi", "2025-12-11")) == 2


def test_election_night_live_blog(outlet: Any) -> None:
    found = outlet(ELECTION_NIGHT)
    figs = figures(found)
    seats = figs["entre 118 et 131 sièges"]  # "Il obtiendrait …": a projection
    assert (seats.low, seats.high, seats.unit, seats.hedged) == (118, 131, "seats", True)
    assert (figs["62 à 70"].asserted_by, figs["62 à 70"].hedged) == ("Cevora", True)
    assert (figs["104 sièges"].asserted_by, figs["104 sièges"].hedged) == (None, False)  # "qui détenait": a fact
    assert figs["4,7 %"].asserted_by == "Cevora"
    assert all(c.asserted_by is None for c in found if c.kind == "quantity" and c.text == "5 %")  # the threshold
    assert figs["33,8 %"].asserted_by == "Le ministère de l'Intérieur"
    assert (figs["entre 44 et 52"].low, figs["entre 44 et 52"].unit) == (44, "seats")  # "lui en attribuent"
    texts = " | ".join(figs)
    assert "quinze jours" not in texts and "51 ans" not in texts and "18 heures" not in texts
    days = dated(found)
    assert ("mardi", "2025-11-18") in days  # "a indiqué qu'il remettrait … mardi": the next one
    assert ("jeudi", "2025-11-20") in days and ("il y a quatre ans", "2021") in days
    assert not [t for t, _ in days if t.startswith("Dimanche 16")]  # the live blog's own day heading


def test_epidemic_bulletin_rates_and_counts(outlet: Any) -> None:
    found = outlet(EPIDEMIC)
    figs = figures(found)
    assert figs["3 412 cas suspects"].value == 3_412
    assert figs["1 690 cas"].asserted_by is None  # "le bilan faisait état de": no one to name
    assert figs["183 400 déplacés"].asserted_by == "HCR"
    assert figs["142 000"].unit == "people"  # "les autorités provinciales en comptent 142 000"
    assert not figs["90 %"].hedged and not figs["60 lits"].hedged  # "dépassait" is no conditional
    texts = " | ".join(figs)
    for trap in ("100 000 habitants", "2 300 personnes", "quatre enfants", "31 ans", "250"):
        assert trap not in texts, trap  # a rate's base, one per head, a father's children, an age
    days = dated(found)
    assert ("mercredi", "2025-12-03") in days and ("samedi", "2025-11-29") in days
    assert ("lundi", "2025-12-08") in days  # "La campagne doit débuter à partir de lundi"
    assert ("Il y a deux semaines", "2025-11-17/2025-11-23") in days
