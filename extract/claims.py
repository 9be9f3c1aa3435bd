"""Run every extractor over a parsed article and give its claims stable ids."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from extract import attribution, dates, entities, quantities, quotes
from extract.models import Article, ArticleContext, Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR_VERSION = "1"
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


LEXICON = Path(__file__).resolve().parent / "lexicon" / "furniture.yaml"
LINK_TITLE_MAX = 160  # characters: a related article's title is one short line
LINK_BLOCK_MAX = 8  # lines after a "Lire aussi" heading that may be link titles


@functools.cache
def link_headings() -> tuple[re.Pattern[str], ...]:
    """Headings of related-link blocks, from the furniture lexicon."""
    data: dict[str, Any] = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    return tuple(re.compile(str(p), re.IGNORECASE) for p in data.get("link_headings", []))


def link_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the link titles listed under a "Lire aussi" heading: other articles' headlines, not this one's."""
    spans: list[tuple[int, int]] = []
    offset = 0
    lines = text.split("\n")
    k = 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    while k < len(lines):
        stripped = lines[k].strip()
        if not stripped or not any(p.fullmatch(stripped) for p in link_headings()):
            k += 1
            continue
        k += 1
        for _ in range(LINK_BLOCK_MAX):
            if k >= len(lines):
                break
            title = lines[k].strip()
            if not title or len(title) > LINK_TITLE_MAX or title.endswith((".", "!", "?", "»", ":", ";", "…")):
                break
            lead = len(lines[k]) - len(lines[k].lstrip())
            spans.append((starts[k] + lead, starts[k] + lead + len(title)))
            k += 1
    return spans


def masked_text(article: Article) -> str:
    """The article text with page furniture and related-link titles blanked out, same length, so offsets hold."""
    chars = list(article.text)
    for start, end in (*article.furniture, *link_blocks(article.text)):
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def normalize(text: str) -> str:
    """Text as compared for ids: NFC, one kind of apostrophe and quote, single spaces, lower case."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u00a0", " ")
    text = text.replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def claim_id(article_id: str, kind: str, sentence: str, text: str, occurrence: int) -> str:
    """Stable id: survives re-extraction of an unchanged sentence, never depends on list positions."""
    key = "\x1f".join([article_id, kind, normalize(sentence), normalize(text), str(occurrence)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def with_ids(claims: list[Claim]) -> tuple[Claim, ...]:
    """Sort claims by position and give each its stable id (repeats get their occurrence index)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for claim in sorted(claims, key=lambda c: (c.start, c.end, c.kind, c.text)):
        key = (claim.kind, normalize(claim.sentence), normalize(claim.text))
        occurrence = seen[key]
        seen[key] += 1
        cid = claim_id(claim.article_id, claim.kind, claim.sentence, claim.text, occurrence)
        out.append(dataclasses.replace(claim, id=cid))
    return tuple(out)


def sentence_context(doc: Doc, start: int, end: int,
                     seen: dict[tuple[int, int], tuple[tuple[str, ...], tuple[str, ...]]] | None = None
                     ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Canonical entities and content lemmas of the sentence holding a span (`seen`: per-sentence memo)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return (), ()
    sent = span.sent
    memo = seen if seen is not None else {}
    where = (sent.start, sent.end)
    if where not in memo:
        lemmas = sorted({t.lemma_.lower() for t in sent if t.pos_ in CONTENT_POS and t.is_alpha and len(t) > 2})
        memo[where] = tuple(entities.sentence_entities(sent)), tuple(lemmas)
    return memo[where]


def _in_furniture(masked: str, text: str, start: int, end: int) -> bool:
    """Whether a span covers characters blanked for extraction (page furniture, link titles)."""
    return any(masked[i].isspace() and not text[i].isspace() for i in range(start, min(end, len(masked))))


def extract(doc: Doc, article: Article) -> tuple[Claim, ...]:
    """All claims of one article, in text order, with ids and sentence context."""
    ctx = ArticleContext(article_id=article.id, text=article.text, published=article.published)
    found: list[Claim] = []
    found += quantities.extract(doc, ctx)
    for claim in dates.extract(doc, ctx):
        if claim.asserted_by is None and not claim.hedged:
            asserted_by, hedged = attribution.attribute(doc, claim.start, claim.end)
            claim = dataclasses.replace(claim, asserted_by=asserted_by, hedged=hedged)
        found.append(claim)
    found += quotes.extract(doc, ctx)
    out = []
    contexts: dict[tuple[int, int], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    masked = doc.text  # joined once: spaCy joins every token at each Doc.text
    for claim in found:
        if _in_furniture(masked, article.text, claim.start, claim.end):
            continue  # words of a blanked line (a related article's headline) are nobody's claim here
        assert article.text[claim.start : claim.end] == claim.text, "claim text must index the article"
        ents, lemmas = sentence_context(doc, claim.start, claim.end, contexts)
        out.append(dataclasses.replace(claim, entities=ents, lemmas=lemmas))
    return with_ids(out)
