"""Event terms, quote concepts and folded sentences kept between builds give the same groups, and only for the
same code."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import crossref, grouping
from tests.crossref_helpers import Corpus


def _corpus() -> Corpus:
    corpus = Corpus()
    corpus.article("a", "ouest", "2024-10-20", "Le 12 octobre, le conseil régional a voté le budget du port de Brest.",
                   "« Nous tiendrons les délais », a déclaré Anne Le Gall.")
    corpus.article("b", "est", "2024-10-21", "Le conseil régional a voté le 12 octobre le budget du port.",
                   "« Les délais seront tenus », a assuré Anne Le Gall.")
    corpus.claim("a", "Le 12 octobre", "date", date="2024-10-12", lemmas=("conseil", "budget", "port"),
                 entities=("Brest",))
    corpus.claim("b", "le 12 octobre", "date", date="2024-10-12", lemmas=("conseil", "budget", "port"))
    corpus.claim("a", "Nous tiendrons les délais", "quote", speaker="Anne Le Gall", direct=True)
    corpus.claim("b", "Les délais seront tenus", "quote", speaker="Anne Le Gall", direct=True)
    return corpus


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch):
    """A process that has worked nothing out yet."""
    monkeypatch.setattr(grouping, "_KEPT", {"terms": {}, "concepts": {}, "folded": {}})
    monkeypatch.setattr(grouping, "_SEEN", {"terms": {}, "concepts": {}, "folded": {}})
    grouping._terms.cache_clear()
    grouping._quote_concepts.cache_clear()
    yield
    grouping._terms.cache_clear()
    grouping._quote_concepts.cache_clear()


def _view() -> crossref.CorpusView:
    claims = sorted((c for items in _corpus().claims.values() for c in items), key=lambda c: (c.article_id, c.start))
    return crossref.CorpusView.of(claims)


def _restart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grouping, "_KEPT", {"terms": {}, "concepts": {}, "folded": {}})
    monkeypatch.setattr(grouping, "_SEEN", {"terms": {}, "concepts": {}, "folded": {}})
    grouping._terms.cache_clear()
    grouping._quote_concepts.cache_clear()


def test_kept_words_give_the_same_groups_without_working_them_out(tmp_path: Path, monkeypatch, fresh) -> None:
    first = _view()
    assert [len(e) for e in first.events] == [2]
    grouping.keep(tmp_path / "grouping.bin", "code-1")
    _restart(monkeypatch)
    grouping.warm(tmp_path / "grouping.bin", "code-1")
    with monkeypatch.context() as patch:
        for name in ("_terms_of", "_concepts_of", "fold"):
            patch.setattr(grouping, name, lambda *a: pytest.fail("worked out again"))
        assert _view() == first


@pytest.mark.parametrize("damage", ["other code", "altered file"])
def test_kept_words_are_not_taken_for_other_code_or_from_an_altered_file(tmp_path, monkeypatch, fresh, damage):
    first = _view()
    path = tmp_path / "grouping.bin"
    grouping.keep(path, "code-1")
    if damage == "altered file":
        raw = bytearray(path.read_bytes())
        raw[-4] ^= 0x01
        path.write_bytes(bytes(raw))
    _restart(monkeypatch)
    grouping.warm(path, "code-2" if damage == "other code" else "code-1")
    assert grouping._KEPT == {"terms": {}, "concepts": {}, "folded": {}}
    assert _view() == first
