"""`build.py new`: turn a saved page or pasted text into a new content/articles/<date>-<slug>.md, never overwriting."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from extract import ingest
from extract import sources as sources_module
from extract.errors import InputError, Problem
from extract.models import Claim


@dataclass(frozen=True)
class Imported:
    """What was taken out of the input: the text and the metadata found (None when not found)."""

    text: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None


def _yaml_text(value: str) -> str:
    """A front-matter value quoted so YAML reads it back as the same text."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def from_html(html: str) -> Imported:
    """Main text and metadata of a saved web page (trafilatura), paragraphs kept apart."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True, include_comments=False)
    if document is None or not (document.text or "").strip():
        raise InputError([Problem("<html>", "no article text found in the page (expected a saved article page)")])
    text = re.sub(r"\n+", "\n\n", document.text.strip()) + "\n"
    published = document.date if document.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", document.date) else None
    return Imported(text, document.title, document.sitename, published, document.url)


def from_text(raw: str, suffix: str, shown: str) -> Imported:
    """Pasted text (header lines read as for .txt articles) or a Markdown article with front matter."""
    text, _ = ingest.clean_text(raw)
    if suffix == ".md" and text.startswith("---\n"):
        fields, body, _ = ingest.split_front_matter(text, shown)

        def known(key: str) -> str | None:
            value = fields.get(key)
            return None if value in (None, "unknown", "") else str(value)

        return Imported(body, known("title"), known("source"), known("published"), known("url"))
    header = ingest.read_header(text)
    title = ingest.first_line_title(text, header.spans)
    return Imported(text, title, header.source, header.published, None)


def read_input(source: str) -> Imported:
    """Read the SOURCE argument: a .txt, .md or saved .html file, or '-' for standard input."""
    if source == "-":
        raw = sys.stdin.buffer.read()
        shown, suffix = "<stdin>", ".txt"
    else:
        path = Path(source)
        if not path.is_file():
            raise InputError([Problem(source, "no such file (expected a .txt, .md or .html file, or -)")])
        raw, shown, suffix = path.read_bytes(), source, path.suffix.lower()
    text = ingest.decode(raw, shown)
    if suffix in (".html", ".htm") or re.match(r"\s*(<!doctype html|<html)", text, re.IGNORECASE):
        return from_html(text)
    if suffix not in (".txt", ".md"):
        raise InputError([Problem(shown, f"unsupported file type {suffix!r} (expected .txt, .md or .html)")])
    return from_text(text, suffix, shown)


def front_matter(found: Imported, source_id: str | None) -> tuple[str, list[str]]:
    """Front matter from what was found, with named placeholders for what was not."""
    missing = []
    lines = ["---"]
    if found.title:
        lines.append(f"title: {_yaml_text(found.title)}")
    else:
        lines.append("title: unknown  # not found: write the headline here")
        missing.append("title")
    if source_id:
        lines.append(f"source: {_yaml_text(source_id)}")
    else:
        lines.append("source: unknown  # not found: an id from content/sources.yaml")
        missing.append("source")
    if found.published:
        lines.append(f"published: {found.published}")
    else:
        lines.append("published: unknown  # not found: YYYY-MM-DD, YYYY-MM or YYYY")
        missing.append("published")
    if found.url and found.url.startswith(("https://", "http://")):
        lines.append(f"url: {_yaml_text(found.url)}")
    lines.append("---")
    return "\n".join(lines) + "\n", missing


def target_path(content: Path, found: Imported) -> Path:
    """content/articles/<date>-<slug>.md from the date and title found."""
    stem_date = found.published or "undated"
    words = ingest.slug_of(found.title or found.text[:80]).split("-")[:8]
    return content / "articles" / f"{stem_date}-{'-'.join(words)}.md"


def new_article(root: Path, source: str) -> tuple[Path, str]:
    """Create the article file (exclusive create: an existing file is never overwritten) and report its claims."""
    from extract import config as config_module
    from extract import crossref, topics
    from extract.pipeline import extract_all

    config = config_module.load(root)
    found = read_input(source)
    known = sources_module.load(config.content)
    source_id = None
    if found.source:
        match = next((s for s in known if found.source.casefold() in (s.id.casefold(), s.name.casefold())), None)
        source_id = match.id if match else found.source
    head, missing = front_matter(found, source_id)
    path = target_path(config.content, found)
    path.parent.mkdir(parents=True, exist_ok=True)
    shown = path.relative_to(root).as_posix()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise InputError([Problem(shown, "already exists: nothing written (rename or remove the existing file "
                                         "first)")]) from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(head + found.text)
    article = ingest.read_article(path, root, config.extract.default_lang)
    claims = extract_all((article,), root, config.extract.model)[article.id]
    topic_defs = topics.load(config.content)
    lines = [f"imported {shown}"]
    if missing:
        lines.append(f"to fill in: {', '.join(missing)} (placeholders in the front matter)")
    if found.source and not any(found.source.casefold() in (s.id.casefold(), s.name.casefold()) for s in known):
        lines += _new_outlet(found.source, found.url)
    lines.append(f"{len(claims)} claims (id, kind, text [as read], topics; an id is what content/reviews.yaml names):")
    for claim in claims:
        fits = [t.slug for t in topic_defs if crossref.assign(claim, t)]
        where = ", ".join(fits) if fits else "no topic"
        lines.append(f"  {claim.id} {claim.kind:<8} {claim.text[:70]!r} [{reading(claim)}] → {where}")
    lines += _changes(root)
    return Path(shown), "\n".join(lines)


QUALIFIERS = {"approx": "about ", "at_least": "at least ", "at_most": "at most "}


def reading(claim: Claim) -> str:
    """What the extractor read in a claim, for the editor to check before the build shows it: the figure or the
    date, who says it, whether it is hedged."""
    parts: list[str] = []
    if claim.kind == "quantity":
        figure = f"{claim.low}–{claim.high}" if claim.low is not None and claim.high is not None else str(claim.value)
        parts.append(QUALIFIERS.get(claim.qualifier or "", "") + figure + (f" {claim.unit}" if claim.unit else ""))
    elif claim.kind == "date":
        parts.append(claim.date or "?")
    else:
        parts.append(f"said by {claim.speaker}" if claim.speaker else "speaker unknown")
    if claim.kind != "quote":
        parts.append(f"source: {claim.asserted_by}" if claim.asserted_by else "source: the article")
    if claim.hedged:
        parts.append("hedged")
    return "; ".join(parts)


def _new_outlet(name: str, url: str | None) -> list[str]:
    """What to add to content/sources.yaml for an outlet it does not list yet (the article's `source` is its
    name, which the entry then resolves): its id, name and site; what is not known stays null."""
    parts = urlsplit(url) if url else None
    site = f"{parts.scheme}://{parts.netloc}" if parts and parts.scheme in ("http", "https") and parts.netloc else None
    return [f"new outlet: {name!r} is not in content/sources.yaml (shown under that name); to list it, add:",
            f"  - id: {ingest.slug_of(name)}", f"    name: {_yaml_text(name)}",
            f"    url: {_yaml_text(site) if site else 'null'}", "    country: null", "    kind: null"]


def _changes(root: Path) -> list[str]:
    """What the next build will change in the topics (this article with the others, against data/), as the
    build's summary says it: claims added or removed, which new figures confirm or contradict which sources.
    Nothing is written but the caches; content that does not read yet is left to `build.py check`."""
    from extract.pipeline import prepare

    try:
        summary = prepare(root)[3]
    except InputError as exc:
        return [f"what it changes: not known yet, {len(exc.problems)} problem(s) in content/ "
                "(see build.py check)"]
    return [f"changed: {line}" for line in summary.changes] or ["changed: no topic"]
