"""Canonical names of people, organisations and places, merged across articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span


def canonical(name: str) -> str:
    """One spelling per entity (placeholder until the alias table lands)."""
    return name.strip()


def sentence_entities(sent: Span) -> list[str]:
    """Entities of a sentence (placeholder until the extractor lands)."""
    return []
