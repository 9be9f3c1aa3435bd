"""What a build did, in a module of its own: a build with nothing to do reports it without importing the stages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from extract.errors import Problem


@dataclass
class Summary:
    """What a build did, for the one-screen report after it."""

    articles: int = 0
    parsed: int = 0
    cached: int = 0
    claims: Counter[str] = field(default_factory=Counter)
    topics: int = 0
    pages: int = 0
    rendered: int = 0  # pages and files rendered again; `reused` were taken unchanged from the render cache
    reused: int = 0
    written: int = 0
    removed: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict, repr=False)  # each article's claims key, not reported
    made_of: dict[str, str] = field(default_factory=dict, repr=False)  # each topic's plan key, not reported
    entries: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)  # what each entry is made of

    def text(self) -> str:
        kinds = ", ".join(f"{self.claims[k]} {k}" for k in ("quantity", "date", "quote"))
        lines = [
            f"articles: {self.articles} ({self.parsed} parsed, {self.cached} from cache)",
            f"claims: {sum(self.claims.values())} ({kinds})",
            f"topics: {self.topics}",
            f"pages: {self.pages} ({self.written} files written, {self.removed} removed"
            + (f"; {self.rendered} rendered, {self.reused} unchanged" if self.rendered or self.reused else "") + ")",
            "time: " + ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items()),
        ]
        lines += [f"changed: {c}" for c in self.changes]
        lines += [str(w) for w in self.warnings]
        return "\n".join(lines)
