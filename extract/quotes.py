"""Direct and indirect quotes: who said what, with the reporting verb."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.models import ArticleContext, Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract(doc: Doc, ctx: ArticleContext) -> list[Claim]:
    """Quotes of one article (placeholder until the extractor lands)."""
    return []
