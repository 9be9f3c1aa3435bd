"""Every built page is valid HTML, self-contained (no CDN), script-safe (no inline handlers) and movable (relative)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.browser_helpers import html_pages, node_tool

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "cite", "background")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.IGNORECASE)
LOADED_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "apple-touch-icon", "manifest", "prefetch"}


@dataclass
class PageFacts:
    """What one page's markup says about itself, gathered in one pass of the stdlib parser."""

    lang: str | None = None
    title: str = ""
    handlers: list[str] = field(default_factory=list)
    script_urls: list[str] = field(default_factory=list)
    loaded_urls: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    inline_scripts: list[tuple[str, str]] = field(default_factory=list)
    icons: list[str] = field(default_factory=list)
    h1: int = 0


class FactParser(HTMLParser):
    """Collects lang, title, event-handler attributes, URLs and inline scripts of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in_title = False
        self._script: str | None = None  # type of the inline script being read, if any
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        facts = self.facts
        if tag == "html":
            facts.lang = values.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            facts.h1 += 1
        facts.handlers += [f"<{tag} {name}>" for name in values if name.startswith("on")]
        urls = [values[name] for name in URL_ATTRIBUTES if name in values]
        urls += [part.split()[0] for part in values.get("srcset", "").split(",") if part.strip()]
        facts.urls += urls
        if tag == "script":
            if "src" in values:
                facts.script_urls.append(values["src"])
            else:
                self._script = values.get("type", "").strip().lower()
                self._script_text = []
        elif tag == "link" and LOADED_LINK_RELS & (rels := set(values.get("rel", "").lower().split())):
            facts.loaded_urls.append(values.get("href", ""))
            if "icon" in rels:
                facts.icons.append(values.get("href", ""))
        elif tag in ("img", "iframe", "source", "video", "audio", "embed", "object", "track", "input"):
            facts.loaded_urls += urls

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "script" and self._script is not None:
            self.facts.inline_scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.facts.title += data
        if self._script is not None:
            self._script_text.append(data)


def facts_of(path: Path) -> PageFacts:
    parser = FactParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.facts


@pytest.fixture(scope="module")
def site(seed_build) -> Path:
    return seed_build[0] / "site"


@pytest.fixture(scope="module")
def pages(site) -> dict[str, PageFacts]:
    found = {p.relative_to(site).as_posix(): facts_of(p) for p in html_pages(site)}
    assert len(found) > 10, "the site should have been built with every page type"
    return found


@pytest.fixture(scope="module")
def vnu_messages(root, site) -> list[dict]:
    """One Nu validator run over every page (the JVM is slow to start); its JSON report's messages."""
    jar = node_tool(root, "vnu-jar/build/dist/vnu.jar")
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is missing: run `make test-deps`")
    files = [p.relative_to(site).as_posix() for p in html_pages(site)]
    result = subprocess.run([java, "-jar", str(jar), "--format", "json", "--skip-non-html", *files], cwd=site,
                            capture_output=True, text=True, timeout=300, check=False)
    report = json.loads(result.stderr or result.stdout)
    return report["messages"]


def _where(message: dict) -> str:
    url = message.get("url", "").split("/site/", 1)[-1]
    return f"{url}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {message.get('message')}"


def test_nu_validator_finds_no_error(vnu_messages):
    errors = [_where(m) for m in vnu_messages if m.get("type") in ("error", "non-document-error")]
    assert errors == []


def test_every_page_declares_its_language_and_title(pages):
    missing = [rel for rel, facts in pages.items() if not (facts.lang or "").strip() or not facts.title.strip()]
    assert missing == []


def test_titles_tell_pages_apart(pages):
    """A reader with many tabs, or a screen reader announcing the page, needs each title to say which page it is."""
    by_title: dict[str, list[str]] = {}
    for rel, facts in pages.items():
        by_title.setdefault(" ".join(facts.title.split()), []).append(rel)
    assert {title: rels for title, rels in by_title.items() if len(rels) > 1} == {}


def test_every_page_has_one_main_heading(pages):
    assert {rel: facts.h1 for rel, facts in pages.items() if facts.h1 != 1} == {}


def test_no_inline_event_handler(pages):
    found = [f"{rel}: {handler}" for rel, facts in pages.items() for handler in facts.handlers]
    assert found == []


def test_no_javascript_url(pages):
    found = [f"{rel}: {url}" for rel, facts in pages.items() for url in facts.urls
             if (m := SCHEME.match(url)) and m.group(1).lower() in ("javascript", "vbscript")]
    assert found == []


def test_inline_scripts_are_only_structured_data(pages):
    others = [f"{rel}: <script type={kind!r}>" for rel, facts in pages.items() for kind, _ in facts.inline_scripts
              if kind != "application/ld+json"]
    assert others == []


def test_structured_data_is_json(pages):
    broken = []
    for rel, facts in pages.items():
        for kind, text in facts.inline_scripts:
            if kind != "application/ld+json":
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                broken.append(f"{rel}: {exc}")
                continue
            if "@context" not in data:
                broken.append(f"{rel}: no @context")
    assert broken == []


def test_no_resource_from_another_host(pages):
    found = [f"{rel}: {url}" for rel, facts in pages.items() for url in facts.script_urls + facts.loaded_urls
             if EXTERNAL.match(url.strip())]
    assert found == []


def test_stylesheets_and_scripts_load_nothing_from_another_host(site):
    found = []
    for path in sorted((site / "static").rglob("*")):
        if path.suffix in (".css", ".js"):
            text = path.read_text(encoding="utf-8")
            found += [f"{path.name}: {m.group(0)}" for m in
                      re.finditer(r"(?:url\(\s*['\"]?|@import\s+['\"]|fetch\(\s*['\"]|import\(\s*['\"])(?:https?:)?//",
                                  text)]
    assert found == []


def test_internal_links_are_relative_except_on_the_404_page(pages):
    found = [f"{rel}: {url}" for rel, facts in pages.items() if rel != "404.html" for url in facts.urls
             if url.strip().startswith("/") and not url.strip().startswith("//")]
    assert found == []


def test_every_page_names_its_icon(pages):
    """Without <link rel=icon> browsers fetch /favicon.ico from the host root: a 404 and a console error on every
    host, and outside the site's folder when it is published under a sub-path."""
    missing = [rel for rel, facts in pages.items() if not any(href.strip() for href in facts.icons)]
    assert missing == []


def test_fact_parser_catches_what_the_rules_forbid():
    """The checks above pass on the real site only if they can fail: the parser must see each forbidden thing."""
    parser = FactParser()
    parser.feed('<html><head><title>T</title><script>alert(1)</script><script type="application/ld+json">{}</script>'
                '<link rel="stylesheet" href="https://cdn.example/x.css"></head><body onload="x()">'
                '<a href="javascript:void(0)">a</a><a href="/abs/">b</a>'
                '<img src="//cdn.example/i.png" srcset="a.png 1x, https://cdn.example/b.png 2x"></body></html>')
    facts = parser.facts
    assert facts.lang is None and facts.title == "T"
    assert facts.handlers == ["<body onload>"]
    assert facts.inline_scripts == [("", "alert(1)"), ("application/ld+json", "{}")]
    assert [u for u in facts.loaded_urls if EXTERNAL.match(u)] == [
        "https://cdn.example/x.css", "//cdn.example/i.png", "https://cdn.example/b.png"]
    assert "javascript:void(0)" in facts.urls and "/abs/" in facts.urls
