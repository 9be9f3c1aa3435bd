"""What a rebuild keeps between builds gives exactly what computing afresh gives, and is dropped when unsure."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import yaml

from extract import cache, crossref, pipeline, topics
from extract.models import Article, Claim
from tests.crossref_helpers import TROOPS_TOPIC, Corpus, troops_topic

MODEL = "fr_core_news_sm"


def _article(number: int, text: str) -> Article:
    return Article(id=f"m{number:02d}", source_id=None, title="t", url=None, published="2024-05-02", lang="fr",
                   text=text, path=f"content/articles/m{number:02d}.md", digest=str(number))


def _claims(article: Article, *words: str) -> tuple[Claim, ...]:
    """Hand-made claims of an article (no parse): one quote per word found in its text."""
    out = []
    for word in words:
        start = article.text.index(word)
        out.append(Claim(id=f"{article.id}-{word}", article_id=article.id, kind="quote", sentence=article.text,
                         text=word, start=start, end=start + len(word), quote=word, speaker="Anne Leclerc",
                         direct=True, entities=("Lille",), lemmas=("maire", "annoncer"), value=None))
    return tuple(out)


def test_the_claims_memo_gives_back_equal_claims_and_refuses_an_altered_file(tmp_path: Path) -> None:
    article = _article(1, "La maire de Lille a annoncé un budget « en hausse » pour l'an prochain.")
    claims = _claims(article, "budget", "en hausse")
    memo = cache.ClaimsMemo(tmp_path)
    memo.add("k1", claims)
    memo.save()
    again = cache.ClaimsMemo(tmp_path).get("k1")
    assert again == claims
    assert [dataclasses.astuple(c) for c in again] == [dataclasses.astuple(c) for c in claims]
    assert all(type(c.entities) is tuple and type(c.lemmas) is tuple for c in again)
    raw = bytearray((tmp_path / cache.MEMO).read_bytes())
    raw[-5] ^= 0x01  # one bit of the payload
    (tmp_path / cache.MEMO).write_bytes(bytes(raw))
    assert cache.ClaimsMemo(tmp_path).get("k1") is None


def test_a_build_reads_the_memo_first_and_the_cache_files_when_the_memo_is_unsure(tmp_path: Path) -> None:
    article = _article(2, "Le préfet a évoqué « une saison difficile » devant les élus du Nord.")
    key = cache.key(article, MODEL)
    first = _claims(article, "une saison difficile")
    cache.put(tmp_path / ".cache", key, first)
    found = pipeline.extract_all((article,), tmp_path, MODEL, memo=True)
    assert found[article.id] == first
    assert (tmp_path / ".cache" / cache.MEMO).is_file()
    # The cache file now says something else: the memo (same key) is what the build reads ...
    other = _claims(article, "les élus")
    cache.put(tmp_path / ".cache", key, other)
    assert pipeline.extract_all((article,), tmp_path, MODEL, memo=True)[article.id] == first
    # ... until the memo is altered: then the cache file is read, and becomes the memo.
    memo_file = tmp_path / ".cache" / cache.MEMO
    raw = bytearray(memo_file.read_bytes())
    raw[-3] ^= 0x01
    memo_file.write_bytes(bytes(raw))
    assert pipeline.extract_all((article,), tmp_path, MODEL, memo=True)[article.id] == other
    assert cache.ClaimsMemo(tmp_path / ".cache").get(key) == other


def test_extracting_one_file_leaves_the_build_memo_alone(tmp_path: Path) -> None:
    one, two = _article(3, "Le maire a parlé « du marché couvert »."), _article(4, "La ministre a dit « non »." )
    for article, word in ((one, "du marché couvert"), (two, "non")):
        cache.put(tmp_path / ".cache", cache.key(article, MODEL), _claims(article, word))
    pipeline.extract_all((one, two), tmp_path, MODEL, memo=True)
    before = (tmp_path / ".cache" / cache.MEMO).read_bytes()
    pipeline.extract_all((one,), tmp_path, MODEL)  # the `claims` command: one article
    assert (tmp_path / ".cache" / cache.MEMO).read_bytes() == before


def _corpus() -> Corpus:
    corpus = Corpus()
    corpus.article("a1", "ouest", "2024-11-02",
                   "Selon Kiev, 11 000 soldats nord-coréens ont été envoyés en Russie.",
                   "Le 28 octobre 2024, un sommet a permis de signer un traité.")
    corpus.soldiers("a1", "11 000 soldats nord-coréens", 11000)
    corpus.claim("a1", "28 octobre 2024", "date", date="2024-10-28")
    corpus.article("a2", "est", "2024-11-03",
                   "Environ 12 000 soldats nord-coréens se trouvent déjà en Russie, selon Séoul.",
                   "Jens Stoltenberg a jugé « très inquiétant » ce déploiement.")
    corpus.soldiers("a2", "12 000 soldats nord-coréens", 12000, qualifier="approx")
    corpus.claim("a2", "très inquiétant", "quote", speaker="Jens Stoltenberg", direct=True)
    corpus.article("a3", "sud", "2024-11-04", "Le 28 octobre 2024, la visite du ministre a été annulée.")
    corpus.claim("a3", "28 octobre 2024", "date", date="2024-10-28")
    return corpus


def _build(corpus: Corpus, topic_defs: list[topics.TopicDef], memo: crossref.MatchMemo | None) -> dict:
    return crossref.build(topic_defs, list(corpus.articles.values()), dict(corpus.claims), (), None, memo)


def _keys(corpus: Corpus) -> dict[str, str]:
    """A name for each article's claims, as the extraction cache key is."""
    return {aid: json.dumps([dataclasses.astuple(c) for c in claims]) for aid, claims in corpus.claims.items()}


def test_kept_verdicts_give_the_fresh_topics_and_only_changed_articles_are_asked_again(tmp_path: Path) -> None:
    corpus = _corpus()
    topic = [troops_topic()]
    fresh = _build(corpus, topic, None)
    first = crossref.MatchMemo(tmp_path, _keys(corpus))
    assert _build(corpus, topic, first) == fresh
    assert first.asked == 3
    second = crossref.MatchMemo(tmp_path, _keys(corpus))
    assert _build(corpus, topic, second) == fresh
    assert second.asked == 0
    # One article edited: a new figure in it; only that article is put to the rules again.
    corpus.articles["a3"] = dataclasses.replace(
        corpus.articles["a3"], text=corpus.articles["a3"].text + "\nQuelque 3 000 soldats nord-coréens ont été "
                                                                  "envoyés à Koursk.")
    corpus.soldiers("a3", "3 000 soldats nord-coréens", 3000)
    third = crossref.MatchMemo(tmp_path, _keys(corpus))
    edited = _build(corpus, topic, third)
    assert third.asked == 1
    assert edited == _build(corpus, topic, None)
    assert "a3" in {c["article"] for f in edited["troupes"]["figures"] for c in f["claims"]}


def test_kept_verdicts_are_dropped_when_the_topic_rules_change(tmp_path: Path) -> None:
    corpus = _corpus()
    crossref.build([troops_topic()], list(corpus.articles.values()), dict(corpus.claims), (), None,
                   crossref.MatchMemo(tmp_path, _keys(corpus)))
    # The same topic, but only quotes of another speaker: Stoltenberg's quote no longer belongs to it.
    narrower = topics.parse(TROOPS_TOPIC.replace("speakers: [Mark Rutte, Jens Stoltenberg]", "speakers: [Mark Rutte]"),
                            "content/topics/troupes.md")
    memo = crossref.MatchMemo(tmp_path, _keys(corpus))
    kept = _build(corpus, [narrower], memo)
    assert memo.asked == 3
    assert kept == _build(corpus, [narrower], None)
    assert kept["troupes"]["statements"] == []


def test_finish_gives_back_finished_data_unchanged(seed_build) -> None:
    """The build skips applying reviews to a topic none concerns: that gives finish(data), which must be the
    data itself, key order included."""
    folder, _ = seed_build
    paths = sorted((folder / "data" / "topics").glob("*.yaml"))
    assert paths
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert json.dumps(crossref.finish(data), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)
    corpus = _corpus()
    for data in _build(corpus, [troops_topic()], None).values():
        assert json.dumps(crossref.finish(data), ensure_ascii=False) == json.dumps(data, ensure_ascii=False)
