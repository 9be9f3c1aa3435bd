"""Hand-built articles and claims for the cross-referencing tests: no spaCy, no files."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from extract import crossref, topics
from extract.models import Article, Claim, Source

# A small topic of our own, so these tests do not depend on the editor's wording in content/topics/.
TROOPS_TOPIC = """---
title: Combien de soldats ?
question: Combien de soldats ont été envoyés ?
match:
  lemmas: [traité, sommet, visite, signer]
  min_lemmas: 2
  phrases: [soldats nord-coréens]
  speakers: [Mark Rutte, Jens Stoltenberg]
figures:
- id: force
  label: Force totale
  counted: force rassemblée qui inclut les soldats
  unit: soldiers
  scope: force
  match:
    units: [soldiers]
    counted: [soldat, homme]
    clause: [rassembl, mass]
- id: expected
  label: Soldats attendus
  counted: soldats attendus au total
  unit: soldiers
  scope: expected
  match:
    units: [soldiers]
    counted: [soldat, homme]
    clause: ['pourr\\w* etre envoy', attendu, au total, jusqu]
- id: sent
  label: Soldats envoyés
  counted: soldats déjà envoyés
  unit: soldiers
  scope: sent
  match:
    units: [soldiers]
    counted: [soldat, homme]
    clause: [envo, deploy, se trouv]
    sentence: [nord-coreen, coree du nord]
    not_counted: [russe]
---
Une introduction *courte*.
"""


def troops_topic() -> topics.TopicDef:
    """The test topic, parsed like a file in content/topics/."""
    return topics.parse(TROOPS_TOPIC, "content/topics/troupes.md")


class Corpus:
    """Articles made of made-up sentences (one a line) and claims located in them by their text."""

    def __init__(self) -> None:
        self.articles: dict[str, Article] = {}
        self.claims: dict[str, list[Claim]] = defaultdict(list)

    def article(self, aid: str, source: str | None, published: str | None, *sentences: str) -> Article:
        text = "\n".join(sentences)
        article = Article(aid, source, f"Titre {aid}", None, published, "fr", text, f"content/articles/{aid}.md", aid)
        self.articles[aid] = article
        return article

    def claim(self, aid: str, text: str, kind: str, *, after: str = "", **fields: Any) -> Claim:
        """A claim whose text is the first occurrence of `text` (after `after`) in article `aid`."""
        article = self.articles[aid]
        start = article.text.index(text, article.text.index(after) if after else 0)
        line_start = article.text.rfind("\n", 0, start) + 1
        line_end = article.text.find("\n", start)
        sentence = article.text[line_start : line_end if line_end >= 0 else len(article.text)]
        if kind == "quote":
            fields.setdefault("quote", text)
        if kind == "date":
            fields.setdefault("expression", text)
        cid = hashlib.sha1(f"{aid}|{kind}|{text}|{start}".encode()).hexdigest()[:12]
        claim = Claim(cid, aid, kind, sentence, text, start, start + len(text), sentence_start=line_start, **fields)
        self.claims[aid].append(claim)
        return claim

    def soldiers(self, aid: str, text: str, value: Any = None, **fields: Any) -> Claim:
        fields.setdefault("unit", "soldiers")
        fields.setdefault("counted", text.split(" ", 2)[-1])
        return self.claim(aid, text, "quantity", value=value, **fields)

    def build(self, topic_defs: list[topics.TopicDef] | None = None, previous: Any = None,
              sources: tuple[Source, ...] = ()) -> dict[str, dict[str, Any]]:
        return crossref.build(topic_defs or [troops_topic()], list(self.articles.values()), dict(self.claims),
                              sources, previous)


def figure(data: dict[str, Any], fid: str) -> dict[str, Any]:
    """One figure of a topic's data by id."""
    return next(f for f in data["figures"] if f["id"] == fid)
