"""Article text to escaped HTML paragraphs with claims marked, nesting overlapping marks properly."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from extract.models import Claim

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Span:
    """A stretch of the text to wrap: a claim (with its id) or page furniture (id None)."""

    start: int
    end: int
    claim_id: str | None
    classes: str


def points_at(text: str, claim: Claim) -> bool:
    """Whether the claim's offsets really point at its text (only then is it marked)."""
    return 0 <= claim.start < claim.end <= len(text) and text[claim.start:claim.end] == claim.text


def claim_spans(text: str, claims: Iterable[Claim], article_path: str) -> list[Span]:
    """Spans of the claims whose offsets really point at their text; others are logged and left out."""
    spans: list[Span] = []
    for claim in claims:
        if not points_at(text, claim):
            log.warning("%s: claim %s offsets do not match its text; not highlighted", article_path, claim.id)
            continue
        classes = f"claim k-{claim.kind}" + (" hedged" if claim.hedged else "")
        spans.append(Span(claim.start, claim.end, claim.id, classes))
    return spans


def paragraph_ranges(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-blank lines of text[start:end] as (start, end) offsets, surrounding spaces left out."""
    end = len(text) if end is None else end
    ranges = []
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        line_end = end if newline == -1 else newline
        left, right = pos, line_end
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if left < right:
            ranges.append((left, right))
        pos = line_end + 1
    return ranges


def _order(span: Span) -> tuple[int, int, int, str]:
    # Outer spans first; furniture outside claims when they coincide.
    return (span.start, -span.end, 0 if span.claim_id is None else 1, span.claim_id or "")


def _open_tag(span: Span, opened: set[str]) -> str:
    if span.claim_id is None:
        return '<span class="furniture">'
    if span.claim_id in opened:
        return f'<mark class="{span.classes} cont" data-claim="{escape(span.claim_id)}">'
    opened.add(span.claim_id)
    claim_id = escape(span.claim_id)
    return f'<mark id="c-{claim_id}" class="{span.classes}" data-claim="{claim_id}">'


def _close_tag(span: Span) -> str:
    return "</span>" if span.claim_id is None else "</mark>"


def render_paragraph(text: str, start: int, end: int, spans: Sequence[Span], opened: set[str]) -> Markup:
    """One paragraph's inner HTML: text escaped, spans clipped to it and reopened where they cross."""
    inside = sorted((s for s in spans if s.start < end and s.end > start), key=_order)
    cuts = {start, end}
    for span in inside:
        cuts.add(max(span.start, start))
        cuts.add(min(span.end, end))
    bounds = sorted(cuts)
    out: list[str] = []
    stack: list[Span] = []
    for left, right in pairwise(bounds):
        active = [s for s in inside if s.start <= left and s.end >= right]
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] == active[keep]:
            keep += 1
        while len(stack) > keep:
            out.append(_close_tag(stack.pop()))
        for span in active[keep:]:
            out.append(_open_tag(span, opened))
            stack.append(span)
        out.append(str(escape(text[left:right])))
    while stack:
        out.append(_close_tag(stack.pop()))
    return Markup("".join(out))


def render_text(text: str, spans: Sequence[Span], ranges: Sequence[tuple[int, int]],
                opened: set[str] | None = None) -> list[Markup]:
    """Each range's paragraphs as inner HTML; a claim keeps its id on its first piece only."""
    opened = set() if opened is None else opened
    paragraphs = []
    for start, end in ranges:
        for p_start, p_end in paragraph_ranges(text, start, end):
            paragraphs.append(render_paragraph(text, p_start, p_end, spans, opened))
    return paragraphs
