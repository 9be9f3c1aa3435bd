"""French date expressions found over spaCy tokens and resolved against the publication date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.models import ArticleContext, Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract(doc: Doc, ctx: ArticleContext) -> list[Claim]:
    """Date claims of one article (stub until the tagger lands, so the build imports)."""
    return []
