"""A topic made of what its untouched data file was made of is taken again, never when anything it shows changed."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from extract import crossref, datafiles, pipeline
from extract.reviews import Review
from tests.crossref_helpers import Corpus, troops_topic


def _corpus() -> Corpus:
    corpus = Corpus()
    corpus.article("a", "ouest", "2024-10-20", "Quelque 3 000 soldats nord-coréens ont été envoyés en Russie.",
                   "« C'est une escalade dangereuse », a déclaré Mark Rutte le 28 octobre.")
    corpus.article("b", "est", "2024-10-23", "Environ 12 000 soldats nord-coréens ont été envoyés en Russie.")
    corpus.article("c", "sud", "2024-10-25", "Le conseil municipal de Brest a voté le budget du port.")
    corpus.soldiers("a", "3 000 soldats nord-coréens", 3000, qualifier="approx")
    corpus.soldiers("b", "12 000 soldats nord-coréens", 12000, qualifier="approx")
    corpus.claim("a", "C'est une escalade dangereuse", "quote", speaker="Mark Rutte", direct=True)
    corpus.claim("a", "le 28 octobre", "date", date="2024-10-28")
    corpus.claim("c", "le budget du port", "quote", speaker="Paul Kerjean", direct=False)
    return corpus


class Project:
    """A data/ folder and a .cache/ beside it, cross-referenced and written as the build does."""

    def __init__(self, root: Path, corpus: Corpus) -> None:
        self.root = root
        self.corpus = corpus
        self.reviews: dict[str, Review] = {}
        self.built: list[str] = []

    def content(self) -> pipeline.Content:
        return pipeline.Content(SimpleNamespace(data=self.root / "data"), tuple(self.corpus.articles.values()),
                                (), (troops_topic(),), (), dict(self.reviews), ())

    def keys(self) -> dict[str, str]:
        return {aid: json.dumps([dataclasses.astuple(c) for c in claims], ensure_ascii=False)
                for aid, claims in self.corpus.claims.items()}

    def build(self, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
        """One build's cross-reference and data writing, counting the topics built from their entries."""
        real = crossref.build_topic

        def counted(topic: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
            self.built.append(topic.slug)
            return real(topic, *args, **kwargs)

        monkeypatch.setattr(crossref, "build_topic", counted)
        content, claims, keys = self.content(), {a: tuple(c) for a, c in self.corpus.claims.items()}, self.keys()
        origins: dict[str, str] = {}
        previous = datafiles.read_topics(self.root / "data", origins)
        made_of: dict[str, str] = {}
        data, _ = pipeline.cross_reference(content, claims, previous, keys, self.root / ".cache", made_of, origins)
        monkeypatch.setattr(crossref, "build_topic", real)
        fresh, _ = pipeline.cross_reference(content, claims, datafiles.read_topics(self.root / "data"))
        assert data == fresh  # whatever was kept, the data is the data computed afresh
        datafiles.write(self.root / "data", content.articles, claims, data, keys, made_of)
        return data


def test_a_topic_whose_claims_and_cards_did_not_change_is_not_built_again(tmp_path, monkeypatch):
    project = Project(tmp_path, _corpus())
    project.build(monkeypatch)
    project.build(monkeypatch)
    project.build(monkeypatch)
    assert project.built == ["troupes"]
    # An article the topic does not show is edited: the topic is still taken again.
    corpus = project.corpus
    corpus.articles["c"] = dataclasses.replace(corpus.articles["c"], title="Un autre titre")
    corpus.claims["c"] = [dataclasses.replace(c, start=c.start + 1, end=c.end + 1) for c in corpus.claims["c"]]
    project.build(monkeypatch)
    assert project.built == ["troupes"]


@pytest.mark.parametrize("edit", ["value", "offsets", "title", "hand-edited file", "review"])
def test_anything_the_topic_shows_changed_builds_it_again(tmp_path, monkeypatch, edit):
    project = Project(tmp_path, _corpus())
    for _ in range(3):
        project.build(monkeypatch)
    assert project.built == ["troupes"]
    corpus = project.corpus
    figure = corpus.claims["b"][0]
    if edit == "value":  # same claim id, another figure
        corpus.claims["b"] = [dataclasses.replace(figure, value=13000)]
    elif edit == "offsets":  # same claim id, the sentence moved in its article
        corpus.claims["b"] = [dataclasses.replace(figure, start=figure.start + 2, end=figure.end + 2)]
    elif edit == "title":  # the card of an article the topic shows
        corpus.articles["b"] = dataclasses.replace(corpus.articles["b"], title="Titre corrigé")
    elif edit == "hand-edited file":
        path = tmp_path / "data" / "topics" / "troupes.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("12000", "12500"), encoding="utf-8")
    else:
        project.reviews = {figure.id: Review(figure.id, "reject", reason="double compte")}
    data = project.build(monkeypatch)
    assert project.built == ["troupes", "troupes"]
    claims = [c for f in data["troupes"]["figures"] for c in f["claims"] if c["article"] == "b"]
    if edit == "value":
        assert claims[0]["value"] == 13000
    elif edit == "offsets":
        assert claims[0]["start"] == figure.start + 2
    elif edit == "review":
        assert claims[0]["review"]["action"] == "reject"
    project.build(monkeypatch)  # the new data is taken again next time, unless a review concerns the topic
    assert len(project.built) == (3 if edit == "review" else 2)


def test_a_topic_without_previous_data_is_taken_from_its_copy_only_when_written_as_first_data(tmp_path, monkeypatch):
    project = Project(tmp_path, _corpus())
    project.build(monkeypatch)
    monkeypatch.setattr(datafiles, "read_topics", lambda data, origins=None: {})  # as for a file too large to read
    project.build(monkeypatch)
    assert project.built == ["troupes"]  # its copy holds the data a build without previous data makes
    monkeypatch.undo()
    corpus = project.corpus
    corpus.article("d", "nord", "2024-10-28", "Quelque 11 000 soldats nord-coréens ont été envoyés à Koursk.")
    corpus.soldiers("d", "11 000 soldats nord-coréens", 11000)  # a new figure: `changes` lists it
    data = project.build(monkeypatch)
    assert data["troupes"]["changes"]["added"]
    monkeypatch.setattr(datafiles, "read_topics", lambda data, origins=None: {})
    again = project.build(monkeypatch)  # no previous data: no `changes`, so not the data file's data
    assert project.built == ["troupes", "troupes", "troupes"]
    assert again["troupes"]["changes"]["added"] == []
