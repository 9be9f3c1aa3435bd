"""Plain data objects shared by every stage: no spaCy, no Jinja inside."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CLAIM_KINDS = ("quantity", "date", "quote")


@dataclass(frozen=True)
class Source:
    """An outlet, as the editor describes it in content/sources.yaml."""

    id: str
    name: str
    url: str | None = None
    country: str | None = None
    kind: str | None = None
    known: bool = True


@dataclass(frozen=True)
class Article:
    """One article as read: every offset in the project indexes its `text`."""

    id: str
    source_id: str | None
    title: str
    url: str | None
    published: str | None  # ISO date at its precision: YYYY-MM-DD, YYYY-MM or YYYY
    lang: str
    text: str
    path: str  # relative to the project root, with forward slashes
    digest: str
    furniture: tuple[tuple[int, int], ...] = ()  # spans of page furniture, skipped by extraction
    inferred: tuple[str, ...] = ()  # what ingest inferred from the text, reported to the editor
    body_line: int = 1  # line of the file where `text` starts (for error messages)

    @property
    def source_key(self) -> str:
        """The column this article fills: its source, or itself alone when the outlet is unknown."""
        return self.source_id or f"unknown-{self.id}"


@dataclass(frozen=True)
class ArticleContext:
    """What an extractor needs to know about the article besides its parsed text."""

    article_id: str
    text: str
    published: str | None


@dataclass(frozen=True)
class Claim:
    """One checkable statement with its provenance (article, sentence, offsets)."""

    id: str
    article_id: str
    kind: str  # quantity | date | quote
    sentence: str
    text: str
    start: int
    end: int
    hedged: bool = False
    asserted_by: str | None = None
    sentence_start: int = 0
    # quantity
    value: int | float | None = None
    low: int | float | None = None
    high: int | float | None = None
    qualifier: str | None = None  # approx | at_most | at_least | None (exact)
    counted: str | None = None
    unit: str | None = None
    # date
    expression: str | None = None
    date: str | None = None  # YYYY-MM-DD, YYYY-MM, YYYY or start/end
    # quote
    quote: str | None = None
    speaker: str | None = None
    direct: bool | None = None
    verb: str | None = None
    # from a photo caption (a line closed by its photo credit): still a claim, but no event of the story's timeline
    caption: bool = False
    # context for cross-referencing: canonical entities and content lemmas of the sentence
    entities: tuple[str, ...] = ()
    lemmas: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON shape: common fields plus those of its kind."""
        common = ["id", "article_id", "kind", "sentence", "text", "start", "end", "hedged", "asserted_by"]
        per_kind = {
            "quantity": ["value", "low", "high", "qualifier", "counted", "unit"],
            "date": ["expression", "date"],
            "quote": ["quote", "speaker", "direct", "verb"],
        }
        data = asdict(self)
        return {key: data[key] for key in common + per_kind[self.kind]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Claim:
        """Rebuild a claim from its cached JSON."""
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for key in ("entities", "lemmas"):
            fields[key] = tuple(fields.get(key, ()))
        return cls(**fields)


@dataclass(frozen=True)
class ArticleClaims:
    """An article with the claims extracted from it."""

    article: Article
    claims: tuple[Claim, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Page:
    """A free Markdown page from content/pages/ (about, methodology)."""

    slug: str
    title: str
    markdown: str
    path: str


@dataclass(frozen=True)
class Briefing:
    """Everything the renderer needs, already read, extracted and cross-referenced."""

    articles: tuple[Article, ...]
    claims: dict[str, tuple[Claim, ...]]  # by article id
    sources: tuple[Source, ...]  # every source key used by an article, unknown ones included
    topics: tuple[dict[str, Any], ...]  # topic data as in data/topics/<slug>.yaml, reviews applied
    pages: tuple[Page, ...]
    updated: str | None  # ISO date of the last update: SOURCE_DATE_EPOCH, else the latest article date
