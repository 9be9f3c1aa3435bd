"""Editor Markdown to sanitized HTML, and JSON-LD that cannot break out of its script element."""

from __future__ import annotations

import json
import re
from typing import Any

import markdown
import nh3
from markupsafe import Markup

from extract.links import outside_url

_HEADING = re.compile(r"<(/?)h([1-6])\b")
_HREFLESS = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)
_ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p",
    "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul", "dl", "dt", "dd",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}


def markdown_html(text: str) -> Markup:
    """Markdown from content/ rendered, headings demoted below the page title, then sanitized by nh3."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    levels = [int(m.group(2)) for m in _HEADING.finditer(html)]
    # The page's own <h1> is its title: the editor's top heading level becomes <h2>, the others follow.
    shift = 2 - min(levels) if levels else 0
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}", html)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # A link whose URL was refused keeps its text, not an empty <a> (invalid with rel, useless to readers).
    return Markup(_HREFLESS.sub(r"\1", clean))


def safe_url(url: object) -> str | None:
    """An outside link only when it is a plain http(s) URL with a host; anything else is not linked."""
    return outside_url(url)


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON-LD script content with <, > and & escaped, so '</script>' in a title cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)
