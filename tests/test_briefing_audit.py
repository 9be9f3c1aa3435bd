"""The briefing read as a fact-checker would: a figure in the row of what it counts, charts and flags that do
not mislead. Every sentence here is made up."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from extract import comparison, crossref, topics
from extract.errors import InputError
from render import charts
from render.topics import Figure, Report, read_topic
from tests.crossref_helpers import Corpus, figure, troops_topic

NNBSP = "\u202f"

_COUNTED = re.compile(r"^(?:(?:[\d\s.]+|près de|environ|au moins|plus de|une?|millions?|trentaine) *(?:de |d')?)+")


def _real_topic(root, slug: str) -> topics.TopicDef:
    return next(t for t in topics.load(root / "content") if t.slug == slug)


def _figure_of(root, slug: str, sentence: str, text: str, unit: str | None, **fields) -> str | None:
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-11-05", sentence)
    fields.setdefault("counted", _COUNTED.sub("", text))
    claim = corpus.soldiers("a", text, 1, unit=unit, **fields)
    found = crossref.figure_for(claim, _real_topic(root, slug))
    return found.id if found else None


@pytest.mark.parametrize(
    ("sentence", "text", "unit", "expected"),
    [
        # a noun that only calls North Korean something else is not soldiers: generals, firms, officers' staff
        ("Selon l'état-major, 4 généraux nord-coréens ont été déployés en Russie.", "4 généraux nord-coréens",
         None, None),
        ("Ottawa a sanctionné 5 entités nord-coréennes liées aux envois vers la Russie.",
         "5 entités nord-coréennes", None, None),
        ("Au printemps, 300 officiers nord-coréens étaient déjà présents en Russie.", "300 officiers nord-coréens",
         "soldiers", None),
        # the head noun still counts where the adjective follows it, and Nord-Coréens alone are soldiers
        ("Environ 9 000 militaires nord-coréens ont été déployés en Russie.", "9 000 militaires nord-coréens",
         "soldiers", "troops-sent"),
        ("Washington confirme l'arrivée de 7 000 Nord-Coréens en Russie.", "7 000 Nord-Coréens", "people",
         "troops-sent"),
        # an increment is not the total sent
        ("Pyongyang a envoyé 2 500 soldats supplémentaires en Russie.", "2 500 soldats supplémentaires",
         "soldiers", None),
        ("Si la Corée du Nord envoie 15 000 hommes de plus, Varsovie réclamera des armes.", "15 000 hommes",
         "soldiers", None),
        # a group close to the front is part of those sent, not a figure to compare with it
        ("Environ 2 000 soldats nord-coréens se trouvent à moins de 20 kilomètres de la ligne de front.",
         "2 000 soldats nord-coréens", "soldiers", None),
        # North Korea mobilising is not the Russian force that includes its soldiers
        ("La Corée du Nord pourrait, selon des experts, mobiliser jusqu'à 60 000 hommes.", "60 000 hommes", "soldiers",
         "troops-expected"),
        ("Selon Londres, Moscou a mobilisé 70 000 hommes, avec l'appui de Pyongyang.", "70 000 hommes", "soldiers",
         "russian-force"),
        # a force named as Russian and North Korean together is that mixed force, not the North Korean total
        ("Des soldats russes et nord-coréens sont massés au sud, soit 45 000 hommes au total.", "45 000 hommes",
         "soldiers", "russian-force"),
        # the toll of one strike is not the war's toll; the toll of the fighting is
        ("Une trentaine de soldats nord-coréens ont été tués lors d'une frappe de drones.",
         "trentaine de soldats nord-coréens", "soldiers", None),
        ("Près de 25 Nord-Coréens ont été tués lors du seul premier assaut, dit Kiev.", "25 Nord-Coréens",
         "people", None),
        ("Au moins 500 soldats nord-coréens ont été tués pendant les combats, selon Kiev.",
         "500 soldats nord-coréens", "soldiers", "casualties"),
    ],
)
def test_a_troop_figure_lands_in_the_row_of_what_it_counts(root, sentence, text, unit, expected):
    assert _figure_of(root, "soldats-nord-coreens", sentence, text, unit) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # shells given as the equivalent of the containers shipped are the shells supplied
        ("Pyongyang aurait livré 9 000 conteneurs à Moscou, soit environ 3 millions d'obus.", "3 millions d'obus",
         "shells"),
        ("La Corée du Nord a expédié 4.000 conteneurs, soit l'équivalent de 2 millions d'obus.",
         "2 millions d'obus", "shells"),
        # a thought experiment is not a shipment
        ("Supposons que Pyongyang livre 9 000 conteneurs, soit 3 millions d'obus.", "3 millions d'obus", None),
        # shells fired are not shells supplied
        ("Près de Pyongyang, l'artillerie a tiré 4 000 obus, soit le double de la veille.", "4 000 obus", None),
    ],
)
def test_shells_said_as_the_shipment_equivalent_are_the_shells_supplied(root, sentence, text, expected):
    found = _figure_of(root, "contreparties", sentence, text, "shells")
    assert found == expected


# ------------------------------------------------------------------ charts


def _report(number: int, published: str, value: int, *, article: str | None = None, source: str = "s",
            claimant: str | None = "Kiev", hedged: bool = False) -> Report:
    return Report(claim_id=f"c{number}", article_id=article or f"a{number}", source=source, published=published,
                  text="", sentence="", hedged=hedged, claimant=claimant, value=value, interval=(value, value))


def _chart(*reports: Report) -> charts.Chart:
    figure = Figure("pertes", "Pertes", None, None, None, "evolving", None, None, tuple(reports))
    return charts.build(figure, lambda key: key, lambda text: text, "fr")


def _marker_heights(svg: str) -> list[float]:
    """The y of each circle marker (the first series' shape), top of the plot being the smallest."""
    return [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]


def test_two_measures_of_one_article_are_not_joined_as_if_one_figure_changed():
    # "au moins 80 tués et près de 900 blessés", then a later toll from the same claimant
    joined = str(_chart(_report(1, "2023-03-02", 80, article="x"), _report(2, "2023-03-02", 900, article="x"),
                        _report(3, "2023-03-20", 2000, article="y")).svg)
    assert "<polyline" not in joined
    one_each = str(_chart(_report(1, "2023-03-02", 900, article="x"), _report(2, "2023-03-20", 2000, article="y"),
                          _report(3, "2023-03-20", 2000, article="y")).svg)  # a headline repeating its body
    assert "<polyline" in one_each


def test_a_far_higher_hedged_value_does_not_flatten_the_firm_ones():
    chart = _chart(_report(1, "2023-03-02", 7000, source="a"), _report(2, "2023-03-09", 9000, source="b"),
                   _report(3, "2023-03-12", 150000, source="c", hedged=True))
    svg = str(chart.svg)
    assert chart.beyond
    assert f"↑ 150{NNBSP}000" in svg  # its figure is written where it is drawn
    ticks = re.findall(r'class="tick" x="[\d.]+" y="[\d.]+" text-anchor="end">([^<]*)</text>', svg)
    assert ticks and not any(tick.startswith("150") for tick in ticks)  # the y axis is the firm values'
    (seven_thousand,) = _marker_heights(svg)  # source a's circle
    assert charts.HEIGHT - charts.BOTTOM - seven_thousand > 60  # well above the axis, not squashed at 0
    # a firm value is never off the scale: the sources assert it
    firm = _chart(_report(1, "2023-03-02", 7000, source="a"), _report(2, "2023-03-09", 150000, source="b"))
    assert not firm.beyond and "↑" not in str(firm.svg)


# ------------------------------------------------------------------ the matrix at many outlets


def _claim(cid: str, source: str, value: int) -> dict:
    return {"claim": cid, "article": f"art-{source}", "source": source, "published": "2023-04-02", "value": value,
            "text": f"{value} évacués", "sentence": f"On compte {value} évacués.", "start": 0, "end": 5}


def test_matrix_columns_put_the_sources_that_fill_most_rows_first():
    data = {
        "topic": {"slug": "crue", "title": "La crue"},
        "sources": [{"key": k, "name": k.title(), "articles": [f"art-{k}"]} for k in ("aube", "brume", "cime")],
        "figures": [
            {"id": "evacues", "label": "Évacués", "status": "consistent",
             "claims": [_claim("c1", "cime", 40), _claim("c2", "brume", 40)]},
            {"id": "sinistres", "label": "Sinistrés", "status": "single", "claims": [_claim("c3", "cime", 9)]},
        ],
    }
    topic = read_topic(data)
    assert topic.column_keys == ("cime", "brume", "aube")  # two rows, one row, none (ties by key)
    assert topic.source_keys == ("aube", "brume", "cime")  # every other list keeps its order


# ------------------------------------------------------------------ the timeline


def test_an_event_is_told_by_a_sentence_that_gives_its_own_date():
    # a forecast dated by its month joins the day's event; the day, not the forecast, is what the entry says
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-10-02", "Selon Moscou, le traité du sommet serait signé en novembre.")
    corpus.article("b", "beta", "2024-11-15", "Le 14 novembre, au sommet, Moscou et Pyongyang ont signé le traité.")
    corpus.claim("a", "en novembre", "date", date="2024-11", lemmas=("moscou", "traité", "sommet", "signer"))
    corpus.claim("b", "Le 14 novembre", "date", date="2024-11-14",
                 lemmas=("sommet", "moscou", "pyongyang", "signer", "traité"))
    (event,) = corpus.build()["troupes"]["events"]
    assert event["date"] == "2024-11-14"
    assert [r["source"] for r in event["reports"]] == ["alpha", "beta"]  # alpha still said it first
    assert event["label"].startswith("Le 14 novembre, au sommet")


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # killed and wounded given apart are two parts of the toll, not two tolls that contradict each other
        ("Selon Séoul, 60 soldats nord-coréens ont été tués et environ 400 blessés depuis l'été.",
         "60 soldats nord-coréens", None),
        ("Selon Séoul, 60 soldats nord-coréens ont été tués et environ 400 blessés depuis l'été.",
         "environ 400 blessés", None),
        ("Au moins 90 soldats nord-coréens ont été tués et des centaines d'autres blessés, dit Kiev.",
         "90 soldats nord-coréens", None),
        # the toll said whole is the figure
        ("Selon Séoul, quelque 460 soldats nord-coréens ont été tués ou blessés depuis l'été.",
         "460 soldats nord-coréens", "casualties"),
    ],
)
def test_killed_and_wounded_counted_apart_are_not_the_casualty_toll(root, sentence, text, expected):
    assert _figure_of(root, "soldats-nord-coreens", sentence, text, "soldiers") == expected


# ------------------------------------------------------------------ counts that only grow


def _entry(source: str, published: str, value: int, qualifier: str | None = None, claimant: str | None = None
           ) -> dict:
    return {"source": source, "article": f"{source}-{published}", "published": published, "value": value,
            "qualifier": qualifier, "claimant": claimant, "hedged": False,
            "interval": comparison.interval(value, None, None, qualifier)}


def test_a_later_higher_count_of_a_cumulative_figure_is_an_update_not_a_divergence():
    # 2 000 evacuated on the 3rd, 5 000 on the 6th (three days later, other sources): the count grew
    grown = [_entry("aube", "2023-04-03", 2000), _entry("brume", "2023-04-06", 5000, "approx")]
    assert comparison.figure_status(grown) == ("divergent", {"low": 2000, "high": 5000})
    assert comparison.figure_status(grown, cumulative=True)[0] == "evolving"
    # a lower count later, or two counts the same day, still contradict each other
    shrunk = [_entry("aube", "2023-04-03", 5000), _entry("brume", "2023-04-06", 2000)]
    assert comparison.figure_status(shrunk, cumulative=True)[0] == "divergent"
    same_day = [_entry("aube", "2023-04-03", 2000), _entry("brume", "2023-04-03", 5000)]
    assert comparison.figure_status(same_day, cumulative=True)[0] == "divergent"


def test_a_cumulative_figure_flags_only_the_value_that_no_update_explains():
    claims = [{**_entry(*args), "claim": f"c{i}", "text": "", "sentence": "", "start": 0, "end": 1}
              for i, args in enumerate((("aube", "2023-04-03", 2000), ("brume", "2023-04-06", 5000),
                                        ("cime", "2023-04-06", 5200)))]
    raw = {"topic": {"slug": "crue"}, "figures": [
        {"id": "evacues", "label": "Évacués", "status": "divergent", "cumulative": True, "claims": claims}]}
    figure = read_topic(raw).figures[0]
    assert figure.cumulative
    # 5 000 and 5 200 the same day contradict each other; 2 000 three days before is what both grew from
    assert {c.source: c.divergent for c in figure.claims} == {"aube": False, "brume": True, "cime": True}
    plain = read_topic({**raw, "figures": [{**raw["figures"][0], "cumulative": False}]}).figures[0]
    assert all(c.divergent for c in plain.claims)


def test_cumulative_must_be_true_or_false():
    text = TOPIC_WITH_FIGURE.replace("  scope: pertes\n", "  scope: pertes\n  cumulative: souvent\n")
    with pytest.raises(InputError) as caught:
        topics.parse(text, "content/topics/pertes.md")
    assert "'cumulative' must be true or false" in str(caught.value)
    assert topics.parse(text.replace("souvent", "true"), "content/topics/pertes.md").figures[0].cumulative


TOPIC_WITH_FIGURE = """---
title: Pertes
question: Combien de pertes ?
match:
  lemmas: [perte]
figures:
- id: pertes
  label: Pertes
  counted: soldats tués ou blessés
  unit: soldiers
  scope: pertes
  match:
    units: [soldiers]
    counted: [soldat]
---
Texte.
"""


def test_a_toll_kept_out_of_the_casualty_row_does_not_fall_into_a_troop_row(root):
    # killed given apart from the wounded is no toll to compare, and no count of troops in Koursk either
    sentence = "Au moins 70 soldats nord-coréens ont été tués et des centaines blessés à Koursk, selon Kiev."
    assert _figure_of(root, "soldats-nord-coreens", sentence, "70 soldats nord-coréens", "soldiers") is None


# ------------------------------------------------------------------ a figure stated on an earlier date


def test_a_figure_in_a_sentence_opening_with_an_earlier_date_is_compared_as_of_that_date():
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-05-09", "Environ 1 200 soldats nord-coréens ont été envoyés en Russie.")
    corpus.article("b", "beta", "2024-05-10", "Le 1er mai : 300 soldats nord-coréens envoyés en Russie, selon Séoul.",
                   "Depuis le 2 mai, 900 soldats nord-coréens ont été envoyés en Russie, selon Séoul.")
    corpus.soldiers("a", "Environ 1 200 soldats nord-coréens", 1200, qualifier="approx")
    corpus.claim("b", "Le 1er mai", "date", date="2024-05-01")
    corpus.soldiers("b", "300 soldats nord-coréens", 300, counted="soldats nord-coréens")
    corpus.claim("b", "Depuis le 2 mai", "date", date="2024-05-02")
    corpus.soldiers("b", "900 soldats nord-coréens", 900, counted="soldats nord-coréens")
    sent = figure(corpus.build()["troupes"], "sent")
    as_of = {c["value"]: c.get("as_of") for c in sent["claims"]}
    assert as_of == {1200: None, 300: "2024-05-01", 900: None}  # a period's start dates no figure
    # 300 as of 1 May and 1 200 published on the 9th are a week apart: an evolution; 900 on the 10th still
    # cannot be true with 1 200 a day before
    assert sent["status"] == "divergent"
    without = figure(_without(corpus, "900 soldats nord-coréens").build()["troupes"], "sent")
    assert without["status"] == "evolving"


def test_the_plan_key_names_the_date_a_figure_is_stated_as_of():
    """A topic whose claims are the same is taken back from the last build (its plan key); the date its figure's
    sentence opens with is read from any date claim of that sentence, one the topic does not show included (a
    topic whose rules take no event), so the key names that date too."""
    corpus = Corpus()
    corpus.article("b", "beta", "2024-05-10", "Le 1er mai : 300 soldats nord-coréens envoyés en Russie, selon Séoul.")
    corpus.claim("b", "Le 1er mai", "date", date="2024-05-01")
    corpus.soldiers("b", "300 soldats nord-coréens", 300, counted="soldats nord-coréens")
    assert figure(corpus.build()["troupes"], "sent")["claims"][0].get("as_of") == "2024-05-01"

    def key(every_claim: bool = True) -> str | None:
        claims = sorted((c for items in corpus.claims.values() for c in items), key=lambda c: (c.article_id, c.start))
        articles = dict(corpus.articles)
        topic = troops_topic()
        plan = crossref.plan_topic(topic, articles, claims, crossref.CorpusView.of(claims), None,
                                   {c.id: c for c in claims})
        assert plan.measured
        figures_only = replace(plan, claims=tuple(c for c in plan.claims if c.kind != "date"), events=())
        digests = {c.id: crossref.claim_digest(c) for c in claims}
        opening = crossref.sentence_dates(claims, articles) if every_claim else None
        return crossref.plan_key(topic, figures_only, articles, digests, {}, "", opening)

    before, own = key(), key(every_claim=False)
    assert before is not None
    corpus.claims["b"] = [replace(c, date="2024-04-30") if c.kind == "date" else c for c in corpus.claims["b"]]
    assert key() != before
    assert key(every_claim=False) == own  # read from the topic's own claims alone, the change would go unseen


def _without(corpus: Corpus, text: str) -> Corpus:
    corpus.claims = {k: [c for c in v if c.text != text] for k, v in corpus.claims.items()}
    return corpus


def test_a_chart_places_a_figure_stated_on_an_earlier_date_at_that_date():
    early = _report(1, "2023-03-20", 300, source="a")
    recalled = replace(_report(2, "2023-03-28", 300, source="b"), as_of="2023-03-20")  # "Le 20 mars : 300 …"
    later = _report(3, "2023-03-28", 900, source="c")
    svg = str(_chart(early, recalled, later).svg)
    # the two 300s stand the same day (dodged by 9 px each side), not eight days apart
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]  # source a's circle
    squares = [float(x) + 5 for x in re.findall(r'<rect x="([\d.]+)"', svg)]  # source b's square, its centre
    assert abs(xs[0] - squares[0]) < 20


def test_a_headline_repeating_its_body_is_one_marker():
    headline = _report(1, "2023-03-02", 700, article="x", source="a")
    body = _report(2, "2023-03-02", 700, article="x", source="a")
    other = _report(3, "2023-03-09", 800, article="y", source="b")
    chart = _chart(headline, body, other)
    assert len(re.findall(r"<circle ", str(chart.svg))) == 1  # source a: one circle
    assert "2 valeurs de 2 sources" in str(chart.svg)
