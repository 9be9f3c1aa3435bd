"""Figures stated in an article: counts, distances, sums, durations (stub until filled)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.models import ArticleContext, Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract(doc: Doc, ctx: ArticleContext) -> list[Claim]:
    """Quantity claims of one parsed article, in text order."""
    return []
