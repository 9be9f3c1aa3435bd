"""Groupings kept between builds (grouping.GroupMemo) equal the full grouping after any edit, and are taken
again only when no rarity-dependent decision can turn."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import pytest

from extract import crossref, grouping
from extract.models import Claim

WORDS = ("budget", "port", "conseil", "grève", "chantier", "vote", "maire", "digue", "tempête", "récolte",
         "tribunal", "usine", "ferry", "musée", "forêt", "incendie", "crue", "collège", "hôpital", "marché")
QUOTE_WORDS = ("délais", "tiendrons", "promesse", "engagement", "travaux", "financement", "sécurité",
               "habitants", "avenir", "calendrier", "responsabilité", "confiance", "dialogue", "réforme")
SPEAKERS = ("Anne Le Gall", "Marc Tanguy", "Sophie Riou")
DAYS = ("2024-10-03", "2024-10-04", "2024-10-12", "2024-10", "2024-11-02", "2024-11", "2025-01-03", "2025-01",
        "2025", "2024-10-01/2024-10-15")  # months and years are grouped apart (grouping.event_parts)


def _article(rng: random.Random, number: int) -> list[Claim]:
    """One made-up regional news article: background figures, dated reports and quotes."""
    article = f"art-{number:03d}"
    claims: list[Claim] = []
    at = 0

    def add(kind: str, sentence: str, **fields) -> None:
        nonlocal at
        claims.append(Claim(id=f"{article}-{len(claims)}", article_id=article, kind=kind, sentence=sentence,
                            text=sentence[:12], start=at, end=at + 12, sentence_start=at, **fields))
        at += len(sentence) + 1

    for _ in range(rng.randint(1, 4)):  # sentences that only move word rarity
        lemmas = tuple(rng.sample(WORDS, rng.randint(2, 5)))
        add("quantity", f"Selon la mairie, {rng.randint(2, 900)} {' '.join(lemmas)}.", value=1, lemmas=lemmas)
    for _ in range(rng.randint(0, 2)):
        lemmas = tuple(rng.sample(WORDS[:8], rng.randint(2, 4)))
        add("date", f"Le {' '.join(lemmas)} a eu lieu.", date=rng.choice(DAYS), lemmas=lemmas)
    for _ in range(rng.randint(0, 3)):
        words = " ".join(rng.sample(QUOTE_WORDS, rng.randint(3, 6)))
        add("quote", f"« {words} », a déclaré l'élu.", quote=words, speaker=rng.choice(SPEAKERS), direct=True)
    return claims


def _groups(view: crossref.CorpusView, claims: list[Claim], group) -> tuple:
    """Events and every speaker's statements, by claim id."""
    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind == "quote":
            by_speaker[claim.speaker or ""].append(claim)
    statements = {speaker: [[c.id for c in g] for g in group(found, view.quote_idf, view.quote_common)]
                  for speaker, found in sorted(by_speaker.items())}
    return [[c.id for c in event] for event in view.events], statements


@pytest.mark.parametrize("seed", range(6))
def test_kept_groupings_equal_the_full_grouping_on_any_edit_sequence(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    articles = {n: _article(rng, n) for n in range(60)}
    made = len(articles)
    path = tmp_path / "groups.bin"
    taken = 0
    for _ in range(25):
        step = rng.random()
        if step < 0.4 and articles:  # an article removed
            del articles[rng.choice(sorted(articles))]
        elif step < 0.8:  # one added
            articles[made] = _article(rng, made)
            made += 1
        else:  # one edited: a claim more, same article
            number = rng.choice(sorted(articles))
            articles[number] = articles[number] + [c for c in _article(rng, number) if c.kind == "quantity"][:1]
            articles[number] = [Claim(**{**c.__dict__, "id": f"art-{number:03d}-e{i}"})
                                for i, c in enumerate(articles[number])]
        claims = sorted((c for items in articles.values() for c in items),
                        key=lambda c: (c.article_id, c.start, c.end, c.kind, c.id))
        expected = _groups(crossref.CorpusView.of(claims), claims, grouping.cluster_statements)
        memo = grouping.GroupMemo(path, "code", {c.id: crossref.claim_digest(c) for c in claims})
        view = crossref.CorpusView.of(claims, memo)
        assert _groups(view, claims, memo.statements) == expected
        taken += len(memo.seen) - memo.grouped
        memo.save()
    assert taken > 0  # the kept path was exercised, not only the full one


def _quotes(texts: list[str], first: int = 0) -> list[Claim]:
    return [Claim(id=f"q{first + i}", article_id=f"a{first + i}", kind="quote", sentence=t, text=t, start=0,
                  end=len(t), quote=t, speaker="Anne Le Gall", direct=True) for i, t in enumerate(texts)]


def test_a_decision_near_its_threshold_is_grouped_again_when_rarity_drifts(tmp_path: Path) -> None:
    quotes = _quotes(["travaux digue financement calendrier", "travaux digue promesse habitants"])
    names = {c.id: crossref.claim_digest(c) for c in quotes}
    sets = [frozenset(grouping.quote_concepts(c.quote or "")) for c in quotes]
    idf = {term: 1.0 for term in sets[0] | sets[1]}
    shared = sets[0] & sets[1]
    assert len(shared) == 2 and len(sets[0]) == len(sets[1]) == 4
    rare = grouping.STATEMENT_SIMILARITY / (1 - grouping.STATEMENT_SIMILARITY) * (1 + 1e-6)
    for term in shared:  # the score 2·rare / (2·rare + 2): just above the threshold
        idf[term] = rare
    first = grouping.GroupMemo(tmp_path / "g.bin", "code", names)
    assert len(first.statements(quotes, idf)) == 1
    first.save()
    same = grouping.GroupMemo(tmp_path / "g.bin", "code", names)
    assert len(same.statements(quotes, dict(idf))) == 1 and same.grouped == 0  # the very same rarity
    drifted = {term: value * (0.999 if term in shared else 1.0) for term, value in idf.items()}
    again = grouping.GroupMemo(tmp_path / "g.bin", "code", names)
    assert len(again.statements(quotes, drifted)) == 2 == len(grouping.cluster_statements(quotes, drifted))
    assert again.grouped == 1


def test_groupings_are_not_taken_for_other_code_or_other_claims(tmp_path: Path) -> None:
    quotes = _quotes(["travaux digue financement calendrier", "travaux digue financement habitants"])
    idf = grouping.rarity(grouping.quote_concepts(c.quote or "") for c in quotes)
    memo = grouping.GroupMemo(tmp_path / "g.bin", "code", {c.id: crossref.claim_digest(c) for c in quotes})
    memo.statements(quotes, idf)
    memo.save()
    other = grouping.GroupMemo(tmp_path / "g.bin", "other code", {c.id: crossref.claim_digest(c) for c in quotes})
    other.statements(quotes, idf)
    assert other.grouped == 1
    edited = [*quotes[:1], *_quotes(["réforme dialogue confiance avenir"], 1)]
    third = grouping.GroupMemo(tmp_path / "g.bin", "code", {c.id: crossref.claim_digest(c) for c in edited})
    assert [len(g) for g in third.statements(edited, idf)] == [1, 1] and third.grouped == 1


def _topic_corpus(rng: random.Random) -> list[Claim]:
    """Claims of made-up articles: the topic's words, dates in their sentences, and claims of several kinds
    at the very same offsets (a tie the corpus's order breaks by kind, a topic's by id)."""
    claims: list[Claim] = []
    for number in range(30):
        article = f"art-{number:02d}"
        for n in range(rng.randint(1, 5)):
            start = rng.choice((0, 40, 80))
            lemmas = tuple(rng.sample(("traité", "sommet", "visite", "signer", "port", "budget"), 3))
            kind = rng.choice(("date", "quote", "quantity"))
            sentence = "Des soldats nord-coréens envoyés au sommet, selon Mark Rutte." if rng.random() < 0.5 \
                else "Le budget du port a été voté."
            claims.append(Claim(id=rng.choice((f"{article}-{n}", f"z{n}-{article}")), article_id=article, kind=kind,
                                sentence=sentence, text=sentence[:10], start=start, end=start + 10,
                                sentence_start=start, lemmas=lemmas, date=rng.choice(DAYS) if kind == "date" else None,
                                quote=sentence if kind == "quote" else None,
                                speaker=rng.choice((*SPEAKERS, "Mark Rutte")) if kind == "quote" else None,
                                value=3000 if kind == "quantity" else None, unit="soldiers" if kind == "quantity"
                                else None, counted="soldats" if kind == "quantity" else None))
    return sorted(claims, key=lambda c: (c.article_id, c.start, c.end, c.kind, c.id))


@pytest.mark.parametrize("seed", range(8))
def test_a_plan_from_kept_verdicts_equals_the_plan_from_the_rules(seed: int) -> None:
    from tests.crossref_helpers import troops_topic

    claims = _topic_corpus(random.Random(seed))
    topic = troops_topic()
    articles = {c.article_id: None for c in claims}
    view = crossref.CorpusView.of(claims)
    plain = crossref.plan_topic(topic, articles, claims, view)
    judged = crossref.verdicts(topic, claims, view)
    fast = crossref.plan_topic(topic, articles, claims, view, judged, {c.id: c for c in claims})
    assert [c.id for c in fast.claims] == [c.id for c in plain.claims]
    assert fast == plain


def _claims_of(rng: random.Random, article: str, version: int) -> list[Claim]:
    """One made-up article's claims: the test topic's words or not, dated reports, quotes at shared offsets (an
    edit may keep a claim's id and move it, as an id does not name offsets)."""
    claims = []
    for n in range(rng.randint(0, 4)):
        start = rng.choice((0, 40, 80, 120))
        kind = rng.choice(("date", "quote", "quantity"))
        sentence = rng.choice(("Des soldats nord-coréens envoyés au sommet, selon Mark Rutte.",
                               "Le budget du port a été voté.", "La visite du ministre au sommet a été annulée."))
        lemmas = tuple(rng.sample(("traité", "sommet", "visite", "signer", "port", "budget", "ministre"), 3))
        claims.append(Claim(id=f"{article}-{n}-{kind}", article_id=article, kind=kind, sentence=sentence,
                            text=sentence[:10], start=start, end=start + 10, sentence_start=start, lemmas=lemmas,
                            date=rng.choice(DAYS) if kind == "date" else None,
                            quote=sentence if kind == "quote" else None,
                            speaker=rng.choice((*SPEAKERS, "Mark Rutte")) if kind == "quote" else None,
                            value=rng.choice((3000, 12000)) if kind == "quantity" else None,
                            unit="soldiers" if kind == "quantity" else None,
                            counted="soldats" if kind == "quantity" else None))
    return claims


@pytest.mark.parametrize("seed", range(5))
def test_topics_selected_from_the_last_build_equal_topics_selected_again(tmp_path: Path, monkeypatch,
                                                                         seed: int) -> None:
    from extract.models import Article
    from tests.crossref_helpers import troops_topic

    taken = []
    get = crossref.SelectionMemo.get
    monkeypatch.setattr(crossref.SelectionMemo, "get", lambda self, *a: taken.append(get(self, *a)) or taken[-1])
    rng = random.Random(seed)
    topic = troops_topic()
    claims = {f"art-{n:02d}": _claims_of(rng, f"art-{n:02d}", 0) for n in range(25)}
    for step in range(30):
        edited = rng.choice(sorted(claims))
        mine = claims[edited]
        edit = rng.random()
        if edit < 0.1:
            del claims[edited]
        elif edit < 0.4:  # a figure of another story added: no topic takes it, no event moves
            sentence = "Le budget du port atteint 40 millions d'euros."
            claims[edited] = [*mine, Claim(f"{edited}-{step}-b", edited, "quantity", sentence, "40 millions",
                                           200 + step, 211 + step, 200 + step, value=40e6, unit="EUR",
                                           counted="euros", lemmas=("budget", "port"))]
        elif edit < 0.6 and mine:  # a claim moved or reworded: the same id, other offsets or figure
            moved = rng.randrange(len(mine))
            reworded = rng.choice(("Des soldats nord-coréens envoyés au sommet, selon Mark Rutte.",
                                   "Le budget du port a été voté."))
            claims[edited] = [Claim(**{**c.__dict__, "start": c.start + 1, "end": c.end + 1, "sentence": reworded,
                                       "value": c.value and c.value + 1}) if i == moved else c
                              for i, c in enumerate(mine)]
        elif edit < 0.8:  # a date the topic's rules do not take, which may join one of its events
            sentence = "Le sommet du port a réuni le budget."
            claims[edited] = [*mine, Claim(f"{edited}-{step}-d", edited, "date", sentence, "le 12", 300 + step,
                                           305 + step, 300 + step, date=rng.choice(DAYS),
                                           lemmas=("sommet", "port", "budget"))]
        else:
            claims[edited] = _claims_of(rng, edited, step + 1)
        articles = [Article(a, "ouest", f"Titre {a}", None, "2024-11-20", "fr", "x" * 200, f"content/articles/{a}.md",
                            a) for a in sorted(claims)]
        keys = {a: crossref.claim_digest(Claim("k", a, "date", repr(items), "", 0, 0)) for a, items in claims.items()}
        expected = crossref.build([topic], articles, claims, [])
        assert crossref.build([topic], articles, claims, [], None, crossref.MatchMemo(tmp_path, keys)) == expected
    assert any(found is not None for found in taken)  # the kept selection was taken, not only made again
