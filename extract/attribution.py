"""Who asserts a span of text, and whether the text hedges it (stub until filled)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


def attribute(doc: Doc, start: int, end: int) -> tuple[str | None, bool]:
    """asserted_by and hedged for the characters start:end of the doc."""
    return None, False
