"""The fast cross-referencing paths give exactly what the plain definitions give (naive references below)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import crossref, grouping, topics
from extract.models import Claim
from tests.crossref_helpers import troops_topic


def _slow_fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("\u2019", "'").replace("\u02bc", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().lower()


@given(st.text(alphabet=st.sampled_from("aàÉe ’ʼ\t\n\u00a0İıK-é'ç"), max_size=30))
def test_fold_memoized_and_ascii_shortcut_equal_the_plain_fold(text):
    assert topics.fold(text) == _slow_fold(text)
    assert topics.fold(text.encode("ascii", "ignore").decode()) == _slow_fold(text.encode("ascii", "ignore").decode())


@pytest.mark.parametrize("patterns", [
    ("envo", "deploy"),
    (r"\bsoldats?\b", "troupe"),
    ("(sold)at", r"(\w)\1"),  # groups: kept apart, a back-reference must keep its own group
    ("(?i)koursk", "russie"),  # an inline flag cannot join an alternation: each pattern alone
    ("a|b", "^c", "d$"),
    (),
])
@pytest.mark.parametrize("text", ["", "soldats envoyes", "koursk", "aa", "la russie", "cd", "xxc", "bb", "troupes"])
def test_a_rule_list_finds_exactly_what_any_of_its_patterns_finds(patterns, text):
    assert crossref._any(patterns, text) == any(re.search(p, text) for p in patterns)


@pytest.mark.parametrize("phrases", [("soldats nord-coreens",), ("kim", "kim jong"), ("l'armee",), ()])
@pytest.mark.parametrize("sentence", ["des soldats nord-coreens", "kimchi", "kim jong-un", "de l'armee.",
                                      "soldats nord-coreensx", "le kim"])
def test_phrases_are_found_as_whole_words_only(phrases, sentence):
    expected = any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", sentence) for p in phrases)
    assert crossref._phrase_finder(phrases)(sentence) == expected


def _quote(n: int, article: str, start: int, text: str, speaker: str = "Vladimir Poutine") -> Claim:
    return Claim(id=f"q{n}", article_id=article, kind="quote", sentence=text, text=text, start=start,
                 end=start + len(text), quote=text, speaker=speaker, direct=True)


def _naive_clusters(claims, idf, common):
    """The definition: every pair compared, joined when nested, worded alike or close enough."""
    parent = list(range(len(claims)))

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    concepts = [grouping.quote_concepts(c.quote or c.text) - common for c in claims]
    texts = [topics.fold(c.quote or c.text) for c in claims]
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            nested = a.article_id == b.article_id and a.start < b.end and b.start < a.end
            if nested or texts[i] == texts[j] or grouping.similar(concepts[i], concepts[j], idf,
                                                                  grouping.STATEMENT_SIMILARITY):
                parent[root(j)] = root(i)
    groups = defaultdict(list)
    for i, claim in enumerate(claims):
        groups[root(i)].append(claim)
    return list(groups.values())


WORDS = ["escalade", "dangereuse", "conflit", "provocation", "inacceptable", "partenaires", "souveraineté",
         "menace", "sécurité", "européenne", "coopération", "militaire", "légitime", "défense", "Escalade"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), st.sampled_from("abc"),
                          st.integers(0, 40)), min_size=1, max_size=25),
       st.frozensets(st.sampled_from(["escal", "confl"])))
def test_statement_groups_equal_the_all_pairs_definition(quotes, common):
    claims = [_quote(n, article, start, " ".join(words)) for n, (words, article, start) in enumerate(quotes)]
    idf = grouping.rarity(grouping.quote_concepts(c.quote or "") for c in claims)
    found = grouping.cluster_statements(claims, idf, common)
    assert [[c.id for c in g] for g in found] == [[c.id for c in g] for g in _naive_clusters(claims, idf, common)]


def test_a_speaker_quoted_often_in_few_wordings_is_grouped_without_comparing_every_pair():
    wordings = ["une escalade dangereuse du conflit", "une provocation inacceptable pour nos partenaires",
                "la coopération militaire est légitime"]
    claims = [_quote(n, f"a{n}", 0, wordings[n % 3]) for n in range(3000)]
    groups = grouping.cluster_statements(claims, grouping.rarity([{"escalade"}]))
    assert sorted(len(g) for g in groups) == [1000, 1000, 1000]
    assert [c.id for c in groups[1][:2]] == ["q1", "q4"]


def test_weights_given_by_the_caller_do_not_change_the_score():
    a, b = {"escal", "dange", "confl"}, {"escal", "confl", "menac"}
    idf = {"escal": 0.5, "dange": 2.0}
    given_weights = (grouping.weight(a, idf), grouping.weight(b, idf))
    assert grouping.similar(a, b, idf, 0.3, given_weights) == grouping.similar(a, b, idf, 0.3) > 0
    assert math.isclose(grouping.weight(a, idf), 2.5 + math.log(2))


def test_features_computed_once_match_a_claim_from_outside_the_corpus():
    topic = troops_topic()
    claim = Claim(id="x", article_id="a", kind="quantity", sentence="Environ 3 000 soldats nord-coréens ont été "
                  "envoyés en Russie.", text="3 000", start=8, end=13, value=3000, qualifier="approx",
                  counted="soldats nord-coréens", unit="soldiers")
    view = crossref.CorpusView.of([claim])
    assert view.features_of(claim) == crossref.Features.of(claim)
    copy = Claim(**{**claim.__dict__})  # equal but another object: folded again, never a stale entry
    assert view.features_of(copy) == crossref.Features.of(copy)
    assert crossref.figure_for(claim, topic).id == "sent"
    assert crossref.topic_claims(topic, [claim], view) == [claim]


@given(st.lists(st.floats(min_value=0.0, max_value=12.0, allow_nan=False), max_size=40), st.randoms())
def test_weights_do_not_depend_on_the_order_terms_come_in(values, rng):
    """grouping.weight sums a set in whatever order it iterates: fsum's single rounding makes that safe."""
    idf = {f"t{i}": v for i, v in enumerate(values)}
    shuffled = list(idf)
    rng.shuffle(shuffled)
    assert grouping.weight(set(shuffled), idf) == math.fsum(sorted(idf.values())) == \
        math.fsum(idf[t] for t in shuffled)


def test_only_characters_from_u0300_on_can_be_combining_marks():
    """topics.fold looks at characters one by one only from U+0300 on: no earlier one is a combining mark."""
    assert not any(unicodedata.combining(chr(code)) for code in range(0x300))


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x3000), max_size=40))
def test_fold_equals_the_plain_fold_on_any_text(text):
    assert topics.fold(text) == _slow_fold(text)
