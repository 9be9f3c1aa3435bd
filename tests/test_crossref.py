"""Cross-referencing on small hand-built claim sets: statuses, first reporters, scopes, events, statements."""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract import comparison, crossref, grouping, safeyaml, topics, validation
from extract.models import Source
from tests.crossref_helpers import Corpus, figure, troops_topic

# ------------------------------------------------------------------ intervals and dates


@pytest.mark.parametrize(
    ("value", "low", "high", "qualifier", "expected"),
    [
        (1500, None, None, None, [1500, 1500]),
        (1500, None, None, "approx", [1350, 1650]),
        (12000, None, None, "at_most", [0, 12000]),
        (13000, None, None, "at_least", [13000, None]),
        (None, 10000, 12000, None, [10000, 12000]),
        (None, 10000, 12000, "approx", [9000, 13200]),
        (None, None, None, None, None),
    ],
)
def test_interval_reads_the_qualifier(value, low, high, qualifier, expected):
    assert comparison.interval(value, low, high, qualifier) == expected


def test_a_month_is_every_day_of_it_not_the_first():
    assert comparison.date_span("2024-02") == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert not comparison.certainly_before("2024-10", "2024-10-18")
    assert not comparison.certainly_before("2024-10-01", "2024-10")
    assert comparison.certainly_before("2024-09", "2024-10-01")
    assert comparison.certainly_before("2024-10-17", "2024-10-18")
    assert not comparison.certainly_before(None, "2024-10-18")
    assert comparison.days_apart("2024-10", "2024-12-04") == 34
    assert comparison.date_span("pas une date") is None


# ------------------------------------------------------------------ figure statuses


def _two_sources(first: tuple, second: tuple, *, hedged=(False, False), claimants=("Séoul", "Kiev")) -> dict:
    corpus = Corpus()
    corpus.article("a", "alpha", first[0], f"La Corée du Nord a envoyé {first[1]} en Russie, selon Séoul.")
    corpus.article("b", "beta", second[0], f"Quelque {second[1]} venus de Corée du Nord se trouvent en Russie.")
    corpus.soldiers("a", first[1], first[2], hedged=hedged[0], asserted_by=claimants[0], qualifier=first[3])
    corpus.soldiers("b", second[1], second[2], hedged=hedged[1], asserted_by=claimants[1], qualifier="approx")
    return figure(corpus.build()["troupes"], "sent")


def test_overlapping_figures_are_consistent():
    sent = _two_sources(("2024-10-18", "1 500 soldats", 1500, None), ("2024-10-19", "1 600 soldats", 1600))
    assert sent["status"] == "consistent"
    assert sent["range"] == {"low": 1500, "high": 1600}


def test_same_period_non_overlapping_figures_diverge():
    sent = _two_sources(("2024-10-18", "1 500 soldats", 1500, None), ("2024-10-20", "5 000 soldats", 5000))
    assert sent["status"] == "divergent"


def test_figures_months_apart_evolve_rather_than_diverge():
    sent = _two_sources(("2024-10-18", "1 500 soldats", 1500, None), ("2024-12-04", "11 000 soldats", 11000))
    assert sent["status"] == "evolving"


def test_a_later_figure_from_the_same_claimant_supersedes_within_days():
    sent = _two_sources(("2024-10-18", "1 500 soldats", 1500, None), ("2024-10-21", "3 000 soldats", 3000),
                        claimants=("le renseignement sud-coréen", "le renseignement sud-coréen"))
    assert sent["status"] == "evolving"


def test_only_hedged_figures_are_unconfirmed_and_hedged_ones_do_not_make_a_divergence():
    sent = _two_sources(("2024-10-18", "1 500 soldats", 1500, None), ("2024-10-19", "9 000 soldats", 9000),
                        hedged=(True, True))
    assert sent["status"] == "unconfirmed"
    sent = _two_sources(("2024-10-18", "1 500 soldats", 1500, None), ("2024-10-19", "9 000 soldats", 9000),
                        hedged=(False, True))
    assert sent["status"] == "single"  # one firm figure... from two sources in all
    assert sent["range"] == {"low": 1500, "high": 1500}


def test_a_lower_bound_is_consistent_with_a_figure_above_it():
    sent = _two_sources(("2024-10-18", "plus de 1 000 soldats", 1000, "at_least"), ("2024-10-19", "1 500 soldats",
                                                                                     1500))
    assert sent["status"] == "consistent"


def test_single_source_and_empty_figures():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-10-18", "La Corée du Nord a envoyé 1 500 soldats en Russie.",
                   "Selon Kiev, la Corée du Nord aurait déployé 4 000 soldats.")
    corpus.soldiers("a", "1 500 soldats", 1500)
    corpus.soldiers("a", "4 000 soldats", 4000)
    data = corpus.build()["troupes"]
    assert figure(data, "sent")["status"] == "single"
    assert figure(data, "expected")["status"] == "empty"
    assert figure(data, "expected")["range"] is None


# ------------------------------------------------------------------ first reporter


def _first_flags(dates: dict[str, str | None]) -> dict[str, str]:
    corpus = Corpus()
    for aid, published in dates.items():
        corpus.article(aid, f"source-{aid}", published, "La Corée du Nord a déployé 2 000 soldats en Russie.")
        corpus.soldiers(aid, "2 000 soldats", 2000)
    return {c["article"]: c["first"] for c in figure(corpus.build()["troupes"], "sent")["claims"]}


def test_first_reporter_is_certain_only_when_dates_decide():
    assert _first_flags({"a": "2024-10-18", "b": "2024-10-19"}) == {"a": "yes", "b": "no"}
    # a month-precision date against a day of the same month: nobody can tell
    assert _first_flags({"a": "2024-10", "b": "2024-10-18", "c": "2024-10-21"}) == {"a": "tie", "b": "tie",
                                                                                   "c": "no"}
    assert _first_flags({"a": "2024-09", "b": "2024-10-02"}) == {"a": "yes", "b": "no"}
    assert _first_flags({"a": "2024-10-18", "b": "2024-10-18"}) == {"a": "tie", "b": "tie"}
    assert _first_flags({"a": None, "b": "2024-10-18"}) == {"a": "tie", "b": "tie"}


def test_first_is_per_value():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-10-18", "La Corée du Nord a envoyé 1 500 soldats en Russie.")
    corpus.article("b", "beta", "2024-11-20", "La Corée du Nord a envoyé 1 500 soldats en Russie.",
                   "La Corée du Nord a envoyé 9 000 soldats en novembre.")
    corpus.soldiers("a", "1 500 soldats", 1500)
    corpus.soldiers("b", "1 500 soldats", 1500)
    corpus.soldiers("b", "9 000 soldats", 9000)
    flags = [(c["article"], c["value"], c["first"]) for c in figure(corpus.build()["troupes"], "sent")["claims"]]
    assert flags == [("a", 1500, "yes"), ("b", 1500, "no"), ("b", 9000, "yes")]


# ------------------------------------------------------------------ scopes (test topic, then the real topics)


def test_scopes_stay_apart_in_one_comparison():
    corpus = Corpus()
    corpus.article(
        "a", "alpha", "2024-11-05",
        "Au total, 15 000 soldats nord-coréens pourraient être envoyés au front.",
        "Moscou a rassemblé 40 000 hommes, dont des soldats nord-coréens, près de la frontière.",
        "Environ 8 000 soldats nord-coréens se trouvent déjà en Russie, et d'autres pourraient être envoyés.",
        "La Corée du Nord a envoyé 30 000 soldats russes.",
    )
    corpus.soldiers("a", "15 000 soldats nord-coréens", 15000)
    corpus.soldiers("a", "40 000 hommes", 40000, qualifier=None)
    corpus.soldiers("a", "8 000 soldats nord-coréens", 8000, qualifier="approx")
    corpus.soldiers("a", "30 000 soldats russes", 30000)
    data = corpus.build()["troupes"]
    values = {f["id"]: [c["value"] for c in f["claims"]] for f in data["figures"]}
    assert values == {"force": [40000], "expected": [15000], "sent": [8000]}


def _real_topic(root, slug: str) -> topics.TopicDef:
    return next(t for t in topics.load(root / "content") if t.slug == slug)


@pytest.mark.parametrize(
    ("sentence", "figure_text", "unit", "expected"),
    [
        ("Pyongyang a déployé 3 000 militaires en Russie au cours de l'automne.", "3 000 militaires", "soldiers",
         "troops-sent"),
        ("D'après Séoul, près de 11 000 soldats nord-coréens sont stationnés en Russie.", "11 000 soldats nord-coréens",
         "soldiers", "troops-sent"),
        ("La Corée du Nord prévoit d'envoyer 25 000 soldats supplémentaires d'ici l'été.", "25 000 soldats",
         "soldiers", "troops-expected"),
        ("Jusqu'à 20 000 soldats nord-coréens seraient attendus d'ici la fin de l'année.",
         "Jusqu'à 20 000 soldats nord-coréens", "soldiers", "troops-expected"),
        ("Quelque 11 000 soldats nord-coréens combattent dans la région de Koursk, selon Kiev.",
         "11 000 soldats nord-coréens", "soldiers", "troops-kursk"),
        ("Moscou a massé 45 000 hommes, parmi lesquels des militaires nord-coréens.", "45 000 hommes", "soldiers",
         "russian-force"),
        ("Plus de 1 000 soldats nord-coréens ont été tués ou blessés, affirme Séoul.", "1 000 soldats nord-coréens",
         "soldiers", "casualties"),
        ("Environ 2 000 soldats nord-coréens sont déjà en Russie, et d'autres pourraient être envoyés.",
         "2 000 soldats nord-coréens", "soldiers", "troops-sent"),
        ("Moscou a déployé 50 000 soldats, dont 11 000 Nord-Coréens, près de la frontière.", "50 000 soldats",
         "soldiers", "russian-force"),
        ("Selon Kiev, 11 000 militaires nord-coréens ont été engagés à Koursk.", "11 000 militaires nord-coréens",
         "soldiers", "troops-kursk"),
        ("Kim Jong Un a envoyé 12 000 hommes pour épauler l'armée russe.", "12 000 hommes", "soldiers", "troops-sent"),
        ("Selon Kiev, 4 000 militaires de la RPDC ont été déployés dans l'Extrême-Orient russe.", "4 000 militaires",
         "soldiers", "troops-sent"),
        ("La Corée du Nord s'est engagée à envoyer 10 000 soldats supplémentaires.", "10 000 soldats", "soldiers",
         "troops-expected"),
        # traps: not about North Korean troops, or not troops at all
        ("Le Kremlin a engagé 30 000 soldats dans la contre-offensive, avec l'appui de troupes nord-coréennes.",
         "30 000 soldats", "soldiers", None),
        ("La Russie a envoyé 5 000 soldats à Koursk, où combattent aussi des militaires nord-coréens.",
         "5 000 soldats", "soldiers", None),
        ("L'Ukraine a déployé 5 000 soldats supplémentaires près de Pokrovsk.", "5 000 soldats", "soldiers", None),
        ("Pyongyang a envoyé 20 000 soldats russes en formation.", "20 000 soldats russes", "soldiers", None),
        ("La Corée du Nord a envoyé 300 conteneurs en Russie.", "300 conteneurs", "containers", None),
    ],
)
def test_real_topic_scopes_come_from_the_claims_own_words(root, sentence, figure_text, unit, expected):
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-11-05", sentence)
    claim = corpus.soldiers("a", figure_text, 1, unit=unit)
    found = crossref.figure_for(claim, _real_topic(root, "soldats-nord-coreens"))
    assert (found.id if found else None) == expected


def test_weapon_containers_go_to_the_exchange_topic(root):
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-11-05", "Pyongyang aurait expédié plus de 9 000 conteneurs de munitions.")
    claim = corpus.claim("a", "plus de 9 000 conteneurs de munitions", "quantity", value=9000, unit="containers",
                         counted="conteneurs de munitions", qualifier="at_least")
    assert crossref.figure_for(claim, _real_topic(root, "contreparties")).id == "weapon-containers"
    assert not crossref.assign(claim, _real_topic(root, "soldats-nord-coreens"))


# ------------------------------------------------------------------ events


def _treaty_corpus() -> Corpus:
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-09-25", "Le sommet de Vladivostok s'est tenu le 12 septembre 2024 : "
                   "les deux dirigeants y ont signé un traité d'assistance.")
    corpus.article("b", "beta", "2024-10", "En septembre, lors du sommet de Vladivostok, Moscou et Pyongyang ont "
                   "signé un traité d'assistance.")
    corpus.article("c", "gamma", "2024-09-20", "Le 12 septembre 2024, une tempête a frappé la côte est du pays.",
                   "Le 3 septembre 2024, les ministres ont préparé le sommet et le traité.")
    corpus.claim("a", "le 12 septembre 2024", "date", date="2024-09-12",
                 lemmas=("sommet", "vladivostok", "tenir", "dirigeant", "signer", "traité", "assistance"))
    corpus.claim("b", "En septembre", "date", date="2024-09",
                 lemmas=("sommet", "vladivostok", "moscou", "pyongyang", "signer", "traité", "assistance"))
    corpus.claim("c", "Le 12 septembre 2024", "date", date="2024-09-12",
                 lemmas=("tempête", "frapper", "côte", "pays", "sommet", "traité"))
    corpus.claim("c", "Le 3 septembre 2024", "date", date="2024-09-03",
                 lemmas=("ministre", "préparer", "sommet", "traité"))
    return corpus


def test_a_month_report_joins_the_day_event_it_describes_across_sources():
    events = _treaty_corpus().build()["troupes"]["events"]
    summit = next(e for e in events if len(e["reports"]) > 1)
    assert summit["date"] == "2024-09-12"
    assert [r["source"] for r in summit["reports"]] == ["alpha", "beta"]
    assert summit["reports"][1]["date"] == "2024-09"
    assert summit["first"] == ["alpha"]  # 25 September is certainly before any day of October
    assert summit["label"].startswith("Le sommet de Vladivostok")
    # the storm the same day and the preparation days earlier stay their own events
    assert sorted((e["date"], len(e["reports"])) for e in events) == [
        ("2024-09-03", 1), ("2024-09-12", 1), ("2024-09-12", 2)]


def test_month_only_events_stay_in_their_month():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-11-02", "En octobre, Pyongyang et Moscou ont signé un traité au sommet.")
    corpus.article("b", "beta", "2024-11-03", "Moscou et Pyongyang ont signé en octobre un traité lors d'un sommet.")
    for aid, text in (("a", "En octobre"), ("b", "en octobre")):
        corpus.claim(aid, text, "date", date="2024-10", lemmas=("pyongyang", "moscou", "signer", "traité", "sommet"))
    (event,) = corpus.build()["troupes"]["events"]
    assert event["date"] == "2024-10"
    assert event["first"] == ["alpha"]
    assert len(event["reports"]) == 2


def test_reports_of_different_days_never_merge():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-11-02", "Le 4 octobre, Moscou et Pyongyang ont signé un traité au sommet.")
    corpus.article("b", "beta", "2024-11-03", "Le 5 octobre, Moscou et Pyongyang ont signé un traité au sommet.")
    for aid, text, day in (("a", "Le 4 octobre", "2024-10-04"), ("b", "Le 5 octobre", "2024-10-05")):
        corpus.claim(aid, text, "date", date=day, lemmas=("pyongyang", "moscou", "signer", "traité", "sommet"))
    assert len(corpus.build()["troupes"]["events"]) == 2


def test_a_report_without_topic_words_still_joins_its_event():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-09-20", "Le 12 septembre 2024, les deux dirigeants ont signé un traité au "
                   "sommet de Vladivostok.")
    corpus.article("b", "beta", "2024-09-21", "Les deux dirigeants à Vladivostok, le 12 septembre 2024.")
    corpus.claim("a", "Le 12 septembre 2024", "date", date="2024-09-12",
                 lemmas=("dirigeant", "signer", "traité", "sommet", "vladivostok"))
    caption = corpus.claim("b", "le 12 septembre 2024", "date", date="2024-09-12", lemmas=("dirigeant", "vladivostok"))
    topic = troops_topic()
    assert not crossref.assign(caption, topic)
    (event,) = corpus.build([topic])["troupes"]["events"]
    assert [r["source"] for r in event["reports"]] == ["alpha", "beta"]
    assert crossref.unassigned(corpus.claims["b"], [topic]) == [(caption, ("dirigeant", "vladivostok"))]
    assert crossref.unassigned([*corpus.claims["a"], *corpus.claims["b"]], [topic]) == []


def test_a_date_in_the_sentence_of_a_topic_quote_comes_with_it():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-10-22", "Lundi, Mark Rutte a déclaré que « la paix a un prix ».")
    corpus.claim("a", "la paix a un prix", "quote", speaker="Mark Rutte", direct=True)
    monday = corpus.claim("a", "Lundi", "date", date="2024-10-21", lemmas=("déclarer", "paix", "prix"))
    topic = troops_topic()
    assert not crossref.assign(monday, topic)
    (event,) = corpus.build([topic])["troupes"]["events"]
    assert event["reports"][0]["claim"] == monday.id


def test_event_merging_does_not_depend_on_which_report_comes_first():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-10-02", "Le 12 septembre, sommet à Vladivostok entre les dirigeants.")
    corpus.article("b", "beta", "2024-10-03", "En septembre, traité d'assistance signé par Moscou.")
    corpus.article("c", "gamma", "2024-10-04", "En septembre, au sommet de Vladivostok, traité d'assistance.")
    corpus.claim("a", "Le 12 septembre", "date", date="2024-09-12", lemmas=("sommet", "vladivostok", "dirigeant"))
    corpus.claim("b", "En septembre", "date", date="2024-09", lemmas=("traité", "assistance", "signer", "moscou"))
    corpus.claim("c", "En septembre", "date", date="2024-09", lemmas=("sommet", "vladivostok", "traité", "assistance"))
    (event,) = corpus.build()["troupes"]["events"]
    assert event["date"] == "2024-09-12" and len(event["reports"]) == 3


# ------------------------------------------------------------------ statements


def _rutte_corpus(corpus: Corpus | None = None) -> Corpus:
    corpus = corpus or Corpus()
    corpus.article("a", "alpha", "2024-10-22", "Mark Rutte a jugé que l'arrivée de soldats nord-coréens serait "
                   "« une escalade grave » du conflit.",
                   "Mark Rutte a aussi dit que « l'Alliance reste unie ».")
    corpus.article("b", "beta", "2024-10-23", "Selon Mark Rutte, le déploiement de troupes nord-coréennes "
                   "constituerait une escalade majeure de la guerre.")
    corpus.article("c", "gamma", "2024-10-23", "Jens Stoltenberg a estimé que ce serait une escalade majeure.")
    corpus.claim("a", "une escalade grave", "quote", speaker="Mark Rutte", direct=True, verb="juger")
    corpus.claim("a", "l'arrivée de soldats nord-coréens serait « une escalade grave » du conflit", "quote",
                 speaker="Mark Rutte", direct=False, verb="juger")
    corpus.claim("a", "l'Alliance reste unie", "quote", speaker="Mark Rutte", direct=True, verb="dire")
    corpus.claim("b", "le déploiement de troupes nord-coréennes constituerait une escalade majeure de la guerre",
                 "quote", speaker="Mark Rutte", direct=False)
    corpus.claim("c", "ce serait une escalade majeure", "quote", speaker="Jens Stoltenberg", direct=False,
                 verb="estimer")
    return corpus


def test_the_same_statement_is_merged_across_sources_with_each_wording():
    data = _rutte_corpus().build()["troupes"]
    speakers = [g["speaker"] for g in data["statements"]]
    assert speakers == ["Jens Stoltenberg", "Mark Rutte"]
    rutte = data["statements"][1]["statements"]
    merged = next(s for s in rutte if len(s["reports"]) > 1)
    assert {r["source"] for r in merged["reports"]} == {"alpha", "beta"}
    wordings = {r["quote"] for r in merged["reports"]}
    assert "une escalade grave" in wordings
    assert "le déploiement de troupes nord-coréennes constituerait une escalade majeure de la guerre" in wordings
    # the unrelated statement stays apart; another speaker's similar words are not merged into Rutte's
    assert any(s["reports"][0]["quote"] == "l'Alliance reste unie" and len(s["reports"]) == 1 for s in rutte)
    assert len(data["statements"][0]["statements"]) == 1


def test_the_storys_everyday_words_do_not_make_two_quotes_one_statement():
    corpus = Corpus()
    filler = [f"Le texte {n} parle des troupes de Corée du Nord envoyées en Russie et en Ukraine." for n in range(24)]
    corpus.article("f", "phi", "2024-10-20", *filler)
    for n in range(24):
        corpus.claim("f", f"Le texte {n} parle", "quote", after=f"Le texte {n} ", speaker=f"Auteur {n}")
    quotes = (("a", "les troupes de Corée du Nord en Russie et en Ukraine menacent la paix"),
              ("b", "les troupes de Corée du Nord en Russie et en Ukraine changent la donne"),
              ("c", "ces troupes menacent la paix"))
    for aid, quote in quotes:
        corpus.article(aid, f"source-{aid}", "2024-10-22", f"Mark Rutte dit que {quote}.")
    for aid, quote in quotes:
        corpus.claim(aid, quote, "quote", speaker="Mark Rutte", direct=False)
    rutte = next(g for g in corpus.build()["troupes"]["statements"] if g["speaker"] == "Mark Rutte")
    groups = sorted(sorted(r["source"] for r in s["reports"]) for s in rutte["statements"])
    assert groups == [["source-a", "source-c"], ["source-b"]]


def test_quote_concepts_read_paraphrases_alike():
    a = grouping.quote_concepts("une escalade extrêmement importante du conflit")
    b = grouping.quote_concepts("marquerait une escalade significative")
    assert {"ESCALATE", "BIG"} <= a & b


# ------------------------------------------------------------------ coverage, changes, determinism, shape


def test_coverage_lists_what_only_one_source_reports():
    corpus = _rutte_corpus()
    corpus.article("d", "delta", "2024-10-23", "La Corée du Nord a envoyé 2 000 soldats en Russie.")
    corpus.soldiers("d", "2 000 soldats", 2000)
    coverage = corpus.build()["troupes"]["coverage"]
    assert coverage["sources"] == ["alpha", "beta", "delta", "gamma"]
    only = {o["source"]: len(o["claims"]) for o in coverage["only"]}
    assert only == {"alpha": 1, "delta": 1, "gamma": 1}


def test_changes_compare_with_the_previous_build():
    corpus = _rutte_corpus()
    first = corpus.build()
    assert first["troupes"]["changes"] == {"added": [], "removed": []}
    dropped = corpus.claims["c"].pop()
    corpus.article("d", "delta", "2024-10-23", "La Corée du Nord a envoyé 2 000 soldats en Russie.")
    added = corpus.soldiers("d", "2 000 soldats", 2000)
    second = corpus.build(previous=first)
    assert second["troupes"]["changes"] == {"added": [added.id], "removed": [dropped.id]}


def test_same_inputs_in_any_order_give_identical_yaml():
    corpus = _treaty_corpus()
    corpus.articles = {f"t{aid}": dataclasses.replace(a, id=f"t{aid}") for aid, a in corpus.articles.items()}
    corpus.claims = defaultdict(list, {f"t{aid}": [dataclasses.replace(c, article_id=f"t{aid}") for c in claims]
                                       for aid, claims in corpus.claims.items()})
    corpus = _rutte_corpus(corpus)
    reference = safeyaml.dump(corpus.build())
    shuffled = Corpus()
    items = list(corpus.articles.items())
    random.Random(4).shuffle(items)
    shuffled.articles = dict(items)
    for aid in reversed(list(corpus.claims)):
        shuffled.claims[aid] = list(reversed(corpus.claims[aid]))
    assert safeyaml.dump(shuffled.build()) == reference


def test_keys_follow_the_documented_order():
    corpus = _rutte_corpus()
    corpus.article("d", "delta", "2024-10-23", "La Corée du Nord a envoyé 2 000 soldats en Russie.")
    corpus.soldiers("d", "2 000 soldats", 2000)
    data = corpus.build(sources=(Source("alpha", "Alpha Presse"),))["troupes"]
    assert list(data) == ["schema", "topic", "sources", "figures", "events", "statements", "coverage", "changes"]
    assert list(data["topic"]) == ["slug", "title", "question", "intro"]
    assert data["sources"][0] == {"key": "alpha", "name": "Alpha Presse", "known": True, "articles": ["a"]}
    assert data["sources"][1]["known"] is False and data["sources"][1]["name"].startswith("Source inconnue")
    sent = figure(data, "sent")
    assert list(sent) == ["id", "label", "counted", "unit", "scope", "status", "range", "claims"]
    assert list(sent["claims"][0]) == ["claim", "article", "source", "published", "claimant", "value", "low", "high",
                                       "qualifier", "interval", "hedged", "text", "sentence", "start", "end", "first"]
    report = data["statements"][0]["statements"][0]["reports"][0]
    assert list(report) == ["claim", "article", "source", "published", "quote", "direct", "verb", "sentence",
                            "start", "end"]


def test_assignment_and_unassigned_claims():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-10-23", "Le Premier ministre a inauguré un pont le 3 mai 2024 à Busan.",
                   "Mark Rutte a déclaré que « la paix a un prix ».")
    bridge = corpus.claim("a", "le 3 mai 2024", "date", date="2024-05-03", lemmas=("ministre", "inaugurer", "pont"))
    quote = corpus.claim("a", "la paix a un prix", "quote", speaker="Mark Rutte", direct=True)
    topic = troops_topic()
    assert not crossref.assign(bridge, topic)
    assert crossref.assign(quote, topic)
    ((claim, terms),) = crossref.unassigned([bridge, quote], [topic])
    assert claim is bridge and set(terms) == {"ministre", "inaugurer", "pont"}


# ------------------------------------------------------------------ the seed corpus, end to end (parses 5 articles)


@pytest.fixture(scope="module")
def seed_topics(root, nlp, tmp_path_factory):
    """The five seed articles extracted (cache in a temporary folder) and cross-referenced."""
    from extract.pipeline import extract_all, read_content

    content = read_content(root)
    claims = extract_all(content.articles, tmp_path_factory.mktemp("seed-cache"), content.config.extract.model)
    return crossref.build(list(content.topics), list(content.articles), claims, list(content.sources), None)


def test_seed_troop_figures_keep_their_scopes_apart(seed_topics):
    troops = seed_topics["soldats-nord-coreens"]
    stated = {f["id"]: {(c["value"], c["low"], c["high"]) for c in f["claims"]} for f in troops["figures"]}
    assert (1500, None, None) in stated["troops-sent"] and (None, 10000, 12000) in stated["troops-sent"]
    assert (12000, None, None) in stated["troops-expected"]
    assert stated["russian-force"] == {(50000, None, None)}
    assert all(v != 50000 for fid in ("troops-sent", "troops-expected") for v, _, _ in stated[fid])
    assert (12000, None, None) not in stated["troops-sent"]
    for topic in seed_topics.values():
        assert validation.validate(topic, "topic", "data/topics/x.yaml") == []


def test_seed_summit_is_one_event_reported_by_several_sources(seed_topics):
    events = [e for t in seed_topics.values() for e in t["events"] if e["date"] == "2024-06-19"]
    assert events and all(len({r["source"] for r in e["reports"]}) >= 2 for e in events)


def test_seed_rutte_statements_are_merged_across_articles(seed_topics):
    rutte = [s for t in seed_topics.values() for g in t["statements"] if "Rutte" in g["speaker"]
             for s in g["statements"]]
    merged = [s for s in rutte if len({r["article"] for r in s["reports"]}) >= 2]
    assert any(any("escalade" in r["quote"] for r in s["reports"]) for s in merged)


# ------------------------------------------------------------------ properties


_published = st.one_of(
    st.none(),
    st.dates(datetime.date(2024, 9, 1), datetime.date(2024, 12, 31)).map(lambda d: d.isoformat()),
    st.sampled_from(["2024-09", "2024-10", "2024-11", "2024", "2025"]),
)


@given(st.lists(_published, min_size=1, max_size=8))
def test_first_reporters_matches_its_definition(dates):
    entries = [{"article": f"a{i}", "published": d} for i, d in enumerate(dates)]
    expected = {e["article"] for e in entries
                if not any(comparison.certainly_before(o["published"], e["published"]) for o in entries)}
    assert comparison.first_reporters(entries) == expected
    assert expected  # someone is always possibly first


@given(st.integers(1, 10**6), st.sampled_from(["approx", "at_most", "at_least", None]))
def test_a_figure_lies_inside_its_own_interval(value, qualifier):
    low, high = comparison.interval(value, None, None, qualifier)
    assert low <= value and (high is None or value <= high)
    assert comparison.overlaps([low, high], [value, value])


def test_topic_data_is_checked_against_its_schema():
    data = _rutte_corpus().build()["troupes"]
    assert validation.validate(data, "topic", "data/topics/troupes.yaml") == []
    data["figures"][0]["status"] = "douteux"
    data["figures"][0]["claims"] = [{"claim": "x"}]
    data["events"] = [{"id": 3}]
    data["colour"] = "rouge"
    found = [p.message for p in validation.validate(data, "topic", "data/topics/troupes.yaml")]
    assert "figures[0].status is 'douteux' (expected one of: consistent, divergent, evolving, unconfirmed, " \
           "single, empty)" in found
    assert "figures[0].claims[0] misses 'interval'" in found
    assert "events[0].id is int 3 (expected string)" in found
    assert any(m.startswith("colour is not allowed") for m in found)


def test_a_photo_captions_date_makes_no_event_alone():
    """A caption dates the picture: it makes no event of the story by itself (the claim stays), but it may
    date one the articles report."""
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-11-20", "Le 3 novembre 2024, des soldats nord-coréens ont été envoyés "
                   "vers Koursk, selon le traité signé au sommet.\nDes soldats à l'entraînement, le 28 octobre "
                   "2024, près de Vladivostok. (Photo Agence)")
    corpus.claim("a", "Le 3 novembre 2024", "date", date="2024-11-03", lemmas=("soldat", "traité", "signer", "sommet"))
    corpus.claim("a", "le 28 octobre 2024", "date", date="2024-10-28", caption=True,
                 lemmas=("soldat", "traité", "signer", "sommet"))
    events = corpus.build([troops_topic()])["troupes"]["events"]
    assert [e["date"] for e in events] == ["2024-11-03"]


def test_a_photo_captions_date_still_dates_an_event_the_text_reports():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-06-25", "En juin 2024, les deux dirigeants ont signé un traité au sommet.")
    corpus.article("b", "beta", "2024-06-26", "Les deux dirigeants au sommet, le 19 juin 2024. (Photo Agence)")
    corpus.claim("a", "En juin 2024", "date", date="2024-06", lemmas=("dirigeant", "signer", "traité", "sommet"))
    corpus.claim("b", "le 19 juin 2024", "date", date="2024-06-19", caption=True,
                 lemmas=("dirigeant", "signer", "traité", "sommet"))
    (event,) = corpus.build([troops_topic()])["troupes"]["events"]
    assert event["date"] == "2024-06-19" and [r["source"] for r in event["reports"]] == ["alpha", "beta"]
    assert [r.get("caption") for r in event["reports"]] == [None, True]
    assert event["label"].startswith("En juin 2024")  # the photo dates the event, the text names it


def test_an_event_is_named_by_its_text_not_by_an_earlier_photo_caption():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-10-21", "Le ministre au sommet, le 18 octobre 2024. (Photo Agence)\n"
                   "Interrogé le 18 octobre 2024 au sommet, le ministre a signé le traité.")
    corpus.claim("a", "le 18 octobre 2024", "date", date="2024-10-18", caption=True,
                 lemmas=("ministre", "signer", "traité", "sommet"))
    corpus.claim("a", "le 18 octobre 2024", "date", after="Interrogé", date="2024-10-18",
                 lemmas=("ministre", "signer", "traité", "sommet"))
    (event,) = corpus.build([troops_topic()])["troupes"]["events"]
    assert event["label"].startswith("Interrogé le 18 octobre")


def test_an_event_keeps_its_id_when_a_report_joins_it_and_ids_stay_distinct():
    """Anchors readers share, and the pages linking to an event, stay put when another source reports it."""
    before = _treaty_corpus().build()["troupes"]["events"]
    corpus = _treaty_corpus()
    corpus.article("d", "delta", "2024-10-02", "Les deux dirigeants ont signé un traité d'assistance au sommet de "
                   "Vladivostok, tenu le 12 septembre 2024.")
    corpus.claim("d", "le 12 septembre 2024", "date", date="2024-09-12",
                 lemmas=("dirigeant", "signer", "traité", "assistance", "sommet", "vladivostok", "tenir"))
    after = corpus.build()["troupes"]["events"]
    summit_before = next(e for e in before if len(e["reports"]) == 2)
    summit_after = next(e for e in after if e["label"] == summit_before["label"])
    assert len(summit_after["reports"]) == 3 and summit_after["id"] == summit_before["id"]
    assert len({e["id"] for e in after}) == len(after)
