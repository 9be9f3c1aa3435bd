"""The spaCy pipeline, loaded once per process and only when an article needs parsing."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL = "fr_core_news_sm"


_LOADING = threading.Lock()
_LOADED: dict[str, Language] = {}


@functools.cache
def load(model: str = MODEL) -> Language:
    """Load the French pipeline once; its load alone takes seconds. Thread-safe: `serve` loads it in the
    background after its first build, and a rebuild asking for it meanwhile waits for that load."""
    with _LOADING:
        found = _LOADED.get(model)
        if found is None:
            found = _LOADED[model] = _pipeline(model)
        return found


def _pipeline(model: str) -> Language:
    """The pipeline itself, with Recoupe's tokenizer exceptions and sentence guard."""
    import spacy
    from spacy.language import Language

    log.info("loading spaCy pipeline %s", model)
    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    _keep_elisions(nlp)
    if SENTENCE_GUARD not in Language.factories:
        Language.component(SENTENCE_GUARD, func=keep_sentences_whole)
    nlp.add_pipe(SENTENCE_GUARD, before="parser")
    return nlp


ELIDED = ("qu", "Qu", "d", "D", "l", "L", "jusqu", "lorsqu", "puisqu", "s", "n")


def _keep_elisions(nlp: Language) -> None:
    """Keep "qu'" whole before a quotation mark ("a déclaré qu'« un nombre … »"): the tokenizer otherwise splits it
    into "qu" and "'", and the clause is no longer read as reported."""
    from spacy.symbols import ORTH

    for word in ELIDED:
        for apostrophe in ("'", "’"):
            for mark in ("«", "“", '"'):
                nlp.tokenizer.add_special_case(f"{word}{apostrophe}{mark}",
                                               [{ORTH: f"{word}{apostrophe}"}, {ORTH: mark}])


SENTENCE_GUARD = "recoupe_sentence_guard"
SENTENCE_END = (".", "!", "?", "…", ":", ";", "»", '"', "”", ")")


def keep_sentences_whole(doc: Doc) -> Doc:
    """Forbid sentence starts the parser guesses mid-phrase ("Kim Jong | Un"): only after an end mark or a line."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.is_space or before.is_space or "\n" in before.whitespace_:
            continue
        if before.text.endswith(SENTENCE_END):
            continue
        token.is_sent_start = False
    return doc


def pipeline_version(model: str = MODEL) -> str:
    """Name and version of the installed pipeline, without loading it (for cache keys)."""
    from importlib import metadata

    try:
        return f"{model}-{metadata.version(model.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        return f"{model}-unknown"


def paragraphs(text: str, limit: int = 100_000) -> list[str]:
    """Cut a text at line breaks into pieces that keep their newlines, so they join back exactly."""
    pieces: list[str] = []
    for part in re.findall(r"[^\n]*\n*", text):
        if not part:
            continue
        while len(part) > limit:  # a huge paragraph: cut after a sentence end, else at a space
            cut = max(part.rfind(". ", 0, limit), part.rfind(" ", 0, limit))
            cut = cut + 1 if cut > 0 else limit
            pieces.append(part[:cut])
            part = part[cut:]
        pieces.append(part)
    return pieces


def parse(texts: Iterable[str], model: str = MODEL, batch_size: int = 256) -> Iterator[Doc]:
    """Parse texts paragraph by paragraph (line breaks end sentences) and give one Doc per text.

    Paragraphs are short, so a large batch (counted in paragraphs) keeps spaCy's matrices full; the parse
    itself does not depend on how paragraphs are batched.
    """
    nlp = load(model)  # first: it waits for a load in another thread (serve's warm-up) that is importing spaCy
    from spacy.tokens import Doc  # (importing it meanwhile raced that import: "KeyError: 'spacy'")

    texts = list(texts)
    cuts = [paragraphs(t) for t in texts]
    flat = (p for pieces in cuts for p in pieces)
    docs = nlp.pipe(flat, batch_size=batch_size)
    for text, pieces in zip(texts, cuts, strict=True):
        if not pieces:
            doc = nlp.make_doc(text)
            doc.user_data[TEXT_KEY] = text
            yield doc
            continue
        parts = [next(docs) for _ in pieces]
        doc = Doc.from_docs(parts, ensure_whitespace=False) if len(parts) > 1 else parts[0]
        if _length(doc) != len(text):
            raise ValueError(f"paragraph split must join back to the same text ({_length(doc)} != {len(text)} chars)")
        doc.user_data[TEXT_KEY] = text
        yield doc


TEXT_KEY = "recoupe_text"


def text_of(doc: Doc) -> str:
    """The text a Doc was parsed from, kept by `parse`: spaCy joins every token again at each Doc.text."""
    kept = doc.user_data.get(TEXT_KEY)
    return kept if isinstance(kept, str) and len(kept) == _length(doc) else doc.text


def _length(doc: Doc) -> int:
    """Characters a Doc covers, read from its last token: joining every token's text costs a tenth of the parse."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
