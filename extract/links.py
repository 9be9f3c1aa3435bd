"""Outside links given by editors: plain http(s) with a host, and nothing that could leave an HTML attribute."""

from __future__ import annotations

from urllib.parse import urlsplit

# Characters RFC 3986 wants percent-encoded that end an attribute or open a tag: a copied address has them
# encoded, a break-out attempt does not.
_BREAKING = frozenset('"<>`\\')


def outside_url(url: object) -> str | None:
    """The URL when it can be linked as it is; None for anything else (it is then shown without a link)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 or ch in _BREAKING for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url
