"""Output paths of every page kind (the URLs table of docs/design.md) and safe path segments."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

PATHS: dict[str, str] = {
    "home": "index.html",
    "topic": "topics/{}/index.html",
    "timeline": "timeline/index.html",
    "sources": "sources/index.html",
    "source": "sources/{}/index.html",
    "compare": "compare/{}/index.html",
    "article": "articles/{}/index.html",
    "people": "people/index.html",
    "search": "search/index.html",
    "pagefind": "pagefind/{}",
    "person": "people/{}/index.html",
    "page": "{}/index.html",
    "static": "static/{}",
    "data": "data/{}",
    "feed": "feed.xml",
    "sitemap": "sitemap.xml",
    "robots": "robots.txt",
    "404": "404.html",
}

_UNSAFE = re.compile(r"[^\w.~-]+")


def segment(key: str) -> str:
    """A key usable as one path segment: no separators, no leading dot, never empty."""
    text = _UNSAFE.sub("-", unicodedata.normalize("NFC", str(key))).strip("-.")
    return text or "_"


def slugify(text: str) -> str:
    """A readable slug for names ('Kim Jong-un' → 'kim-jong-un'), accents dropped, other scripts kept."""
    return _slug(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _slug(text: str) -> str:
    """slugify's work, once per distinct name (speakers recur in thousands of quotes)."""
    folded = unicodedata.normalize("NFKD", str(text))
    bare = unicodedata.normalize("NFC", "".join(ch for ch in folded if not unicodedata.combining(ch))).lower()
    slug = re.sub(r"[\W_]+", "-", bare).strip("-")
    return slug or "_"


def page_path(kind: str, key: str | None = None) -> str:
    """The output path of a page, relative to the site root."""
    pattern = PATHS[kind]
    if "{}" in pattern:
        if key is None:
            raise ValueError(f"page kind {kind!r} needs a key")
        if kind in ("static", "data", "pagefind"):
            return pattern.format("/".join(segment(part) for part in str(key).split("/")))
        return pattern.format(segment(key))
    return pattern


SEARCH_SHARDS = 16  # article pages are indexed in this many search bundles
PEOPLE_SHARDS = 4  # speakers' pages in this many: a quote re-indexes its speaker's shard, not every speaker


def search_bundle(path: str) -> str:
    """The search bundle a searched page belongs to, so that an edit re-indexes only the bundles whose pages
    changed: articles fall into SEARCH_SHARDS shards by a hash of their folder, each topic page is a bundle
    of its own (they are the biggest pages), the speakers' pages into PEOPLE_SHARDS more the same way (a
    speaker's page quotes every statement: together they weigh as much as a topic), the list of speakers
    one more; the rest ('' : home, timeline, free pages) is the main bundle, whose script merges the others."""
    parts = path.split("/")
    if len(parts) > 2 and parts[0] == "articles":
        return f"articles-{_shard(parts[1], SEARCH_SHARDS):02d}"
    if len(parts) > 2 and parts[0] == "topics":
        return f"topic-{parts[1]}"
    if len(parts) > 2 and parts[0] == "people":
        return f"people-{_shard(parts[1], PEOPLE_SHARDS):02d}"
    if len(parts) > 1 and parts[0] == "people":
        return "people"
    return ""


def _shard(folder: str, count: int) -> int:
    """A page's shard among `count`, by a hash of its folder's name (the same page, the same shard)."""
    return int.from_bytes(hashlib.blake2b(folder.encode("utf-8"), digest_size=4).digest(), "big") % count
