"""The briefing site rendered from a hand-made Briefing (no spaCy): links, escaping, marks, formats, paths."""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from extract.config import Config, SiteConfig
from extract.errors import InputError
from extract.models import Article, Briefing, Claim, Page, Source
from render import site as site_module
from render.highlight import Span, render_paragraph
from render.paths import segment, slugify

ROOT = Path(__file__).resolve().parent.parent
NNBSP = "\u202f"

HOSTILE_TITLE = '<script>alert("x")</script> Crue " onmouseover="alert(1)'

TEXT_A = (
    "Crues dans le Val-de-Loire : la préfecture fait le point\n"
    "\n"
    "Environ 1 200 personnes ont été évacuées mercredi 19 juin 2024 dans trois communes riveraines.\n"
    "« Nous avons évacué 1 200 personnes en une nuit », a déclaré la préfète Claire Dumas.\n"
    "Publicité\n"
    "Le ministère de l’Intérieur chiffre le coût des dégâts à 40 millions d’euros.\n"
)
TEXT_B = (
    "Selon la mairie, 1 500 habitants auraient été évacués, un chiffre qui reste à confirmer.\n"
    "La préfète Claire Dumas a affirmé que la situation était « sous contrôle » depuis le 20 juin.\n"
    "La région évalue pour sa part les dégâts à 25 millions d’euros.\n"
)
TEXT_C = (
    "En juillet 2024, le bilan est monté à 3 000 personnes évacuées au total, d’après la préfecture.\n"
    "« </script><b>On ne lâchera rien</b> », a lancé un élu local, Marc Lenoir.\n"
)
TEXT_D = "Un texte bref sans chiffre, repris d’un blog.\n"


def _claim(article_id: str, text: str, snippet: str, kind: str, nth: int = 0, **fields) -> Claim:
    """A claim located in `text` the way the extractor reports it (offsets, sentence, sentence start)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(snippet, start + 1)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    sentence = text[line_start:line_end].strip()
    cid = f"{article_id[:1]}{kind[:2]}{start:04d}"
    return Claim(id=cid, article_id=article_id, kind=kind, sentence=sentence, text=snippet, start=start,
                 end=start + len(snippet), sentence_start=line_start, **fields)


def make_briefing() -> Briefing:
    """Four articles from two known outlets and one unknown, two topics, a free page."""
    articles = (
        Article(id="alpha-crue", source_id="agence-alpha", title="Crues : 1 200 évacués", url="https://alpha.example/crue",
                published="2024-06-19", lang="fr", text=TEXT_A, path="content/articles/alpha-crue.md", digest="a",
                furniture=((TEXT_A.index("Publicité"), TEXT_A.index("Publicité") + len("Publicité")),)),
        Article(id="beta-crue", source_id="quotidien-beta", title=HOSTILE_TITLE, url="javascript:alert(1)",
                published="2024-06-20", lang="fr", text=TEXT_B, path="content/articles/beta-crue.md", digest="b"),
        Article(id="beta-bilan", source_id="quotidien-beta", title="Le bilan s’alourdit", url=None,
                published="2024-07", lang="fr", text=TEXT_C, path="content/articles/beta-bilan.md", digest="c"),
        Article(id="blog-note", source_id=None, title="Note de blog", url="http://blog.example/note",
                published=None, lang="fr", text=TEXT_D, path="content/articles/blog-note.txt", digest="d"),
    )
    a, b, c = articles[0], articles[1], articles[2]
    claims = {
        "alpha-crue": (
            _claim(a.id, TEXT_A, "1 200 personnes", "quantity", value=1200, qualifier="approx",
                   counted="personnes évacuées", unit="people"),
            _claim(a.id, TEXT_A, "mercredi 19 juin 2024", "date", expression="mercredi 19 juin 2024",
                   date="2024-06-19"),
            _claim(a.id, TEXT_A, "Nous avons évacué 1 200 personnes en une nuit", "quote",
                   quote="Nous avons évacué 1 200 personnes en une nuit", speaker="Claire Dumas", direct=True,
                   verb="déclarer"),
            _claim(a.id, TEXT_A, "1 200 personnes", "quantity", nth=1, value=1200, counted="personnes évacuées",
                   asserted_by="Claire Dumas"),
            _claim(a.id, TEXT_A, "40 millions d’euros", "quantity", value=40_000_000, unit="EUR",
                   asserted_by="Le ministère de l’Intérieur"),
        ),
        "beta-crue": (
            _claim(b.id, TEXT_B, "1 500 habitants", "quantity", value=1500, hedged=True, asserted_by="la mairie"),
            _claim(b.id, TEXT_B, "la situation était « sous contrôle » depuis le 20 juin", "quote",
                   quote="la situation était « sous contrôle » depuis le 20 juin", speaker="Claire Dumas",
                   direct=False, verb="affirmer"),
            _claim(b.id, TEXT_B, "le 20 juin", "date", expression="le 20 juin", date="2024-06-20"),
            _claim(b.id, TEXT_B, "25 millions d’euros", "quantity", value=25_000_000, unit="EUR",
                   asserted_by="La région"),
        ),
        "beta-bilan": (
            _claim(c.id, TEXT_C, "3 000 personnes", "quantity", value=3000, qualifier="at_least",
                   asserted_by="la préfecture"),
            _claim(c.id, TEXT_C, "</script><b>On ne lâchera rien</b>", "quote",
                   quote="</script><b>On ne lâchera rien</b>", speaker="Marc Lenoir", direct=True, verb="lancer"),
        ),
        "blog-note": (),
    }

    def ref(claim: Claim, article: Article, source: str, **extra) -> dict:
        data = {"claim": claim.id, "article": article.id, "source": source, "published": article.published,
                "claimant": claim.asserted_by, "value": claim.value, "low": claim.low, "high": claim.high,
                "qualifier": claim.qualifier, "hedged": claim.hedged, "text": claim.text,
                "sentence": claim.sentence, "start": claim.start, "end": claim.end}
        data.update(extra)
        return data

    ca, cb, cc = claims["alpha-crue"], claims["beta-crue"], claims["beta-bilan"]
    evacuations = {
        "schema": 1,
        "topic": {"slug": "evacuations", "title": "Évacuations", "question": "Combien de personnes évacuées ?",
                  "introduction": "Les chiffres **varient** selon les sources.\n\n# Méthode\n\n"
                                  "<script>alert(1)</script>[lien](javascript:alert(1))"},
        "sources": [
            {"key": "agence-alpha", "name": "Agence Alpha", "known": True, "articles": ["alpha-crue"]},
            {"key": "quotidien-beta", "name": "Le Quotidien Bêta", "known": True,
             "articles": ["beta-bilan", "beta-crue"]},
        ],
        "figures": [{
            "id": "evacuated", "label": "Personnes évacuées", "counted": "personnes", "unit": "people",
            "scope": "Val-de-Loire", "status": "evolving", "range": {"low": 1200, "high": 3000},
            "claims": [
                ref(ca[0], a, "agence-alpha", first="yes", interval=[1080, 1320]),
                ref(ca[3], a, "agence-alpha", first="yes"),
                ref(cb[0], b, "quotidien-beta", first="no"),
                ref(cc[0], c, "quotidien-beta", first="yes", review={"action": "confirm", "note": "Vérifié"}),
            ],
        }],
        "events": [
            {"id": "ev19", "date": "2024-06-19", "label": ca[1].sentence, "first": ["agence-alpha"],
             "reports": [{"claim": ca[1].id, "article": a.id, "source": "agence-alpha", "published": a.published,
                          "expression": ca[1].expression, "sentence": ca[1].sentence, "start": ca[1].start,
                          "end": ca[1].end}]},
            {"id": "ev20", "date": "2024-06-20", "label": cb[2].sentence, "first": ["quotidien-beta"],
             "reports": [{"claim": cb[2].id, "article": b.id, "source": "quotidien-beta",
                          "published": b.published, "expression": cb[2].expression, "sentence": cb[2].sentence,
                          "start": cb[2].start, "end": cb[2].end}]},
        ],
        "statements": [
            {"speaker": "Claire Dumas", "statements": [{"id": "st1", "reports": [
                {"claim": ca[2].id, "article": a.id, "source": "agence-alpha", "published": a.published,
                 "quote": ca[2].quote, "direct": True, "verb": "déclarer", "sentence": ca[2].sentence,
                 "start": ca[2].start, "end": ca[2].end},
                {"claim": cb[1].id, "article": b.id, "source": "quotidien-beta", "published": b.published,
                 "quote": cb[1].quote, "direct": False, "verb": "affirmer", "sentence": cb[1].sentence,
                 "start": cb[1].start, "end": cb[1].end}]}]},
            {"speaker": "Marc Lenoir", "statements": [{"id": "st2", "reports": [
                {"claim": cc[1].id, "article": c.id, "source": "quotidien-beta", "published": c.published,
                 "quote": cc[1].quote, "direct": True, "verb": "lancer", "sentence": cc[1].sentence,
                 "start": cc[1].start, "end": cc[1].end}]}]},
        ],
        "coverage": {"sources": ["agence-alpha", "quotidien-beta"],
                     "only": [{"source": "quotidien-beta", "claims": [cc[1].id]}]},
        "changes": {"added": [], "removed": []},
    }
    damage = {
        "schema": 1,
        "topic": {"slug": "degats", "title": "Coût des dégâts", "question": "Combien coûtent les dégâts ?"},
        "sources": [
            {"key": "agence-alpha", "name": "Agence Alpha", "known": True, "articles": ["alpha-crue"]},
            {"key": "quotidien-beta", "name": "Le Quotidien Bêta", "known": True, "articles": ["beta-crue"]},
        ],
        "figures": [{
            "id": "cost", "label": "Coût des dégâts (euros)", "status": "divergent",
            "range": {"low": 25_000_000, "high": 40_000_000},
            "claims": [ref(ca[4], a, "agence-alpha", first="yes"), ref(cb[3], b, "quotidien-beta", first="no")],
        }],
        "events": [{"id": "ev19", "date": "2024-06-19", "label": ca[1].sentence, "first": ["agence-alpha"],
                    "reports": [{"claim": ca[1].id, "article": a.id, "source": "agence-alpha",
                                 "published": a.published, "expression": ca[1].expression,
                                 "sentence": ca[1].sentence, "start": ca[1].start, "end": ca[1].end}]}],
        "statements": [],
        "coverage": {"sources": ["agence-alpha", "quotidien-beta"], "only": []},
    }
    sources = (
        Source("agence-alpha", "Agence Alpha", "https://alpha.example", "FR", "wire"),
        Source("quotidien-beta", "Le Quotidien Bêta", None, "BE", "newspaper"),
        Source("unknown-blog-note", "Source inconnue — Note de blog", known=False),
    )
    pages = (Page("a-propos", "À propos", "Ce dossier **compare** les sources.\n\n## Méthode\n\nTout est sourcé.",
                  "content/pages/a-propos.md"),)
    return Briefing(articles=articles, claims=claims, sources=sources, topics=(evacuations, damage),
                    pages=pages, updated="2024-07-02")


def make_config(**site) -> Config:
    return Config(root=ROOT, site=SiteConfig(**{"title": "Recoupe — Crues", "description": "Essai", **site}))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("site")
    return out, site_module.render(make_briefing(), make_config(), out)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PageParser(HTMLParser):
    """Collects links, ids, scripts, attributes and checks that elements nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.script_text: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.headings: list[int] = []
        self.html_lang: str | None = None
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        data = dict(attrs)
        for name, value in attrs:
            self.attrs.append((tag, name, value))
        if "id" in data:
            self.ids.append(data["id"])
        for name in ("href", "src"):
            if data.get(name) is not None:
                self.links.append(data[name])
        if tag == "html":
            self.html_lang = data.get("lang")
        if tag == "script":
            self.scripts.append(data)
        if tag in ("title", "script"):
            self._in = tag
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a" and "a" in self.stack:
            self.errors.append("<a> inside <a>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        if self._in == "script":
            self.script_text.append(data)


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def html_pages(out: Path, written: list[str]) -> dict[str, PageParser]:
    return {rel: parse_page(out / rel) for rel in written if rel.endswith(".html")}


def test_writes_every_page_kind(built):
    out, written = built
    assert written == sorted(written)
    for expected in ("index.html", "topics/evacuations/index.html", "topics/degats/index.html",
                     "articles/alpha-crue/index.html", "timeline/index.html", "sources/index.html",
                     "sources/agence-alpha/index.html", "sources/unknown-blog-note/index.html",
                     "compare/agence-alpha--quotidien-beta/index.html", "people/index.html",
                     "people/claire-dumas/index.html", "a-propos/index.html", "404.html", "feed.xml",
                     "robots.txt", "data/evacuations.yaml", "data/evacuations.json", "static/style.css"):
        assert expected in written, expected
        assert (out / expected).is_file()
    assert "sitemap.xml" not in written  # needs base_url for absolute locations


def test_every_internal_link_and_fragment_resolves(built):
    out, written = built
    pages = html_pages(out, written)
    ids = {rel: set(p.ids) for rel, p in pages.items()}
    checked = 0
    for rel, page in pages.items():
        if rel == "404.html":
            continue
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "data"):
                continue
            assert not parts.scheme and not parts.netloc, f"{rel}: {link}"
            assert not link.startswith("/"), f"{rel}: root-absolute link {link}"
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path))) \
                if parts.path else rel
            if target.startswith("pagefind/"):  # written by Pagefind after rendering (checked end to end)
                continue
            assert (out / target).is_file(), f"{rel}: {link} → {target} missing"
            if parts.path.endswith("/"):
                pytest.fail(f"{rel}: {link} does not end in index.html")
            if parts.fragment:
                assert unquote(parts.fragment) in ids[target], f"{rel}: fragment {link} not found in {target}"
            checked += 1
    assert checked > 100


def test_no_inline_handlers_scripts_or_javascript_urls(built):
    out, written = built
    for rel, page in html_pages(out, written).items():
        for tag, name, value in page.attrs:
            assert not name.startswith("on"), f"{rel}: inline handler {name} on <{tag}>"
            if name in ("href", "src", "action") and value:
                assert not value.strip().lower().startswith("javascript:"), f"{rel}: {value}"
        for script in page.scripts:
            assert script.get("src") or script.get("type") == "application/ld+json", rel
        for text in page.script_text:
            assert "</" not in text
            json.loads(text)


def test_hostile_title_and_quote_are_escaped(built):
    out, _ = built
    article = (out / "articles/beta-crue/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in article
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in article
    assert 'onmouseover="alert' not in article
    assert "javascript:" not in article  # the unusable URL is not linked
    bilan = (out / "articles/beta-bilan/index.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;b&gt;On ne lâchera rien&lt;/b&gt;" in bilan
    assert "<b>On ne" not in bilan
    topic = (out / "topics/evacuations/index.html").read_text(encoding="utf-8")
    assert "<b>On ne" not in topic
    assert "<strong>varient</strong>" in topic  # Markdown kept...
    assert "<script>alert(1)</script>" not in topic and "javascript:alert" not in topic  # ...sanitized
    assert "<h2>Méthode</h2>" in topic  # editor headings sit below the page title
    for rel in ("index.html", "sources/quotidien-beta/index.html", "feed.xml"):
        assert "<script>alert" not in (out / rel).read_text(encoding="utf-8"), rel


def test_article_marks_every_claim_with_nested_quote_and_figure(built):
    out, _ = built
    briefing = make_briefing()
    page = parse_page(out / "articles/alpha-crue/index.html")
    assert not page.errors and not page.stack
    for claim in briefing.claims["alpha-crue"]:
        assert f"c-{claim.id}" in page.ids
    html = (out / "articles/alpha-crue/index.html").read_text(encoding="utf-8")
    quote, figure = briefing.claims["alpha-crue"][2], briefing.claims["alpha-crue"][3]
    nested = re.search(rf'<mark id="c-{quote.id}"[^>]*>Nous avons évacué <mark id="c-{figure.id}"[^>]*>'
                       r"1 200 personnes</mark> en une nuit</mark>", html)
    assert nested, "the figure's mark sits inside the quote's mark"
    assert '<span class="furniture">Publicité</span>' in html
    assert "Lire l’article original" in html and 'href="https://alpha.example/crue"' in html


def test_topic_matrix_shows_figures_statuses_and_sentences(built):
    out, _ = built
    html = (out / "topics/evacuations/index.html").read_text(encoding="utf-8")
    matrix = html[html.index('<table class="matrix">'):html.index("</table>")]
    assert f"environ 1{NNBSP}200" in matrix
    assert f"au moins 3{NNBSP}000" in matrix
    assert f"1{NNBSP}500" in matrix and "conditionnel / non confirmé" in matrix
    assert "En évolution" in matrix and "premier à le rapporter" in matrix
    assert "<details" in matrix and "<summary>La phrase</summary>" in matrix
    assert '<th scope="col">' in matrix and '<th scope="row">' in matrix
    degats = (out / "topics/degats/index.html").read_text(encoding="utf-8")
    assert degats.count("diverge d’au moins une autre source") >= 2
    assert "Divergent" in degats


def test_chart_is_inline_svg_with_text_alternative(built):
    out, _ = built
    html = (out / "topics/evacuations/index.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg class=\"chart\""):html.index("</svg>", html.index("<svg class=\"chart\""))]
    assert "<title id=" in svg and "<desc id=" in svg and "aria-labelledby" in svg
    assert "<circle" in svg or "<rect" in svg
    assert "Tableau des valeurs" in html


def test_french_dates_and_numbers_come_from_babel(built):
    out, _ = built
    article = (out / "articles/alpha-crue/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-06-19">19 juin 2024</time>' in article
    bilan = (out / "articles/beta-bilan/index.html").read_text(encoding="utf-8")
    assert "juillet 2024" in bilan and "1 juillet" not in bilan
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "2 juillet 2024" in home
    assert f"de 1{NNBSP}200 à 3{NNBSP}000" in home
    timeline = (out / "timeline/index.html").read_text(encoding="utf-8")
    assert "<h3>juin 2024</h3>" in timeline


def test_pages_are_accessible_shells(built):
    out, written = built
    for rel, page in html_pages(out, written).items():
        assert not page.errors, (rel, page.errors[:3])
        assert not page.stack, (rel, page.stack)
        assert len(page.ids) == len(set(page.ids)), f"{rel}: duplicate ids"
        assert page.html_lang == "fr", rel
        assert page.title.strip(), rel
        assert page.headings.count(1) == 1, rel
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{rel}: heading h{before} followed by h{after}"
        if rel != "404.html":
            assert ("main", "data-pagefind-body", None) in page.attrs, rel
        assert ("a", "class", "skip-link") in page.attrs, rel


def test_timeline_filters_by_topic_without_javascript(built):
    out, _ = built
    page = parse_page(out / "timeline/index.html")
    assert {"t-evacuations", "t-degats", "all-events", "ev-ev19"} <= set(page.ids)
    html = (out / "timeline/index.html").read_text(encoding="utf-8")
    assert html.count('id="ev-ev19"') == 1  # an event shared by two topics appears once in the full list
    assert 'data-topics="degats evacuations"' in html


def test_sources_compare_and_people_pages(built):
    out, _ = built
    source = (out / "sources/quotidien-beta/index.html").read_text(encoding="utf-8")
    assert "Ce qu’elle seule rapporte" in source and "Accords et divergences" in source
    compare = (out / "compare/agence-alpha--quotidien-beta/index.html").read_text(encoding="utf-8")
    assert "Valeurs différentes" in compare and "Rapporté par les deux" in compare
    person = (out / "people/claire-dumas/index.html").read_text(encoding="utf-8")
    assert "sous contrôle" in person and "Agence Alpha" in person and "Le Quotidien Bêta" in person
    unknown = (out / "sources/unknown-blog-note/index.html").read_text(encoding="utf-8")
    assert "Source non identifiée" in unknown


def test_downloads_and_feeds(built):
    out, _ = built
    data = json.loads((out / "data/evacuations.json").read_text(encoding="utf-8"))
    assert data["figures"][0]["id"] == "evacuated"
    assert (out / "data/evacuations.yaml").read_text(encoding="utf-8").startswith("# Generated by Recoupe")
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 4 and 'href="articles/alpha-crue/index.html"' in feed
    assert "Sitemap" not in (out / "robots.txt").read_text(encoding="utf-8")


def test_base_url_brings_canonical_open_graph_sitemap_and_absolute_404(tmp_path):
    config = make_config(base_url="https://example.org/dossier/")
    written = site_module.render(make_briefing(), config, tmp_path)
    assert "sitemap.xml" in written
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/dossier/topics/evacuations/</loc>" in sitemap and "404" not in sitemap
    topic = (tmp_path / "topics/evacuations/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/dossier/topics/evacuations/">' in topic
    assert '<meta property="og:url" content="https://example.org/dossier/topics/evacuations/">' in topic
    page = parse_page(tmp_path / "404.html")
    internal = [link for link in page.links if "example.org/dossier/" in link]
    assert internal and all(link.startswith("https://example.org/dossier/") for link in page.links
                            if not link.startswith(("#", "data:")))


def test_404_without_base_url_stands_alone(built):
    out, _ = built
    page = parse_page(out / "404.html")
    html = (out / "404.html").read_text(encoding="utf-8")
    assert "<style>" in html and "stylesheet" not in html  # no stylesheet path to guess
    assert all(link.startswith(("/", "#", "data:")) for link in page.links), page.links  # depth-independent
    assert "/index.html" in page.links


def test_rights_setting_publishes_only_claim_sentences(tmp_path):
    site_module.render(make_briefing(), make_config(full_text=False), tmp_path)
    html = (tmp_path / "articles/alpha-crue/index.html").read_text(encoding="utf-8")
    briefing = make_briefing()
    for claim in briefing.claims["alpha-crue"]:
        assert f'id="c-{claim.id}"' in html
    assert "Publicité" not in html and "la préfecture fait le point" not in html
    assert "Lire l’article complet" in html


def test_output_is_deterministic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    paths = site_module.render(make_briefing(), make_config(), first)
    assert paths == site_module.render(make_briefing(), make_config(), second)
    for rel in paths:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
        assert str(tmp_path) not in (first / rel).read_text(encoding="utf-8", errors="replace"), rel


def test_duplicate_output_path_raises_naming_both_inputs(tmp_path):
    briefing = make_briefing()
    twin = replace(briefing.articles[0], id="Alpha-Crue", path="content/articles/Alpha-Crue.txt")
    briefing = replace(briefing, articles=(*briefing.articles, twin))
    with pytest.raises(InputError) as caught:
        site_module.render(briefing, make_config(), tmp_path)
    message = str(caught.value)
    assert "content/articles/alpha-crue.md" in message and "content/articles/Alpha-Crue.txt" in message
    assert not any(tmp_path.iterdir())  # nothing written when a path collides


def test_page_slug_colliding_with_a_built_in_page_raises(tmp_path):
    briefing = make_briefing()
    briefing = replace(briefing, pages=(Page("sources", "Sources", "x", "content/pages/sources.md"),))
    with pytest.raises(InputError, match=re.escape("content/pages/sources.md")):
        site_module.render(briefing, make_config(), tmp_path)


def test_editor_reviews_hide_rejected_claims_and_show_corrections(tmp_path):
    briefing = make_briefing()
    topic = json.loads(json.dumps(briefing.topics[0]))
    figure = topic["figures"][0]
    figure["claims"][2]["review"] = {"action": "reject", "reason": "Chiffre de la mairie mal lu."}
    figure["claims"][0]["review"] = {"action": "correct", "note": "Le texte dit « environ »."}
    hidden = figure["claims"][2]["claim"]
    site_module.render(replace(briefing, topics=(topic, briefing.topics[1])), make_config(), tmp_path)
    html = (tmp_path / "topics/evacuations/index.html").read_text(encoding="utf-8")
    assert f"1{NNBSP}500" not in html and hidden not in html
    assert "corrigé par la rédaction" in html and "Le texte dit « environ »." in html
    article = (tmp_path / "articles/beta-crue/index.html").read_text(encoding="utf-8")
    assert f'id="c-{hidden}"' not in article


def test_missing_keys_show_less_and_never_crash(tmp_path):
    briefing = replace(make_briefing(), topics=(
        {"topic": {"slug": "vide"}},
        {"topic": {"slug": "bancal", "title": "Bancal"}, "figures": [{"id": "f"}, "n'importe quoi", {}],
         "events": [{"id": "e", "reports": [{"claim": "inconnu", "article": "absent"}]}],
         "statements": [{"speaker": "X", "statements": [{"reports": "pas une liste"}]}], "sources": None},
    ), updated=None)
    written = site_module.render(briefing, make_config(), tmp_path)
    assert "topics/vide/index.html" in written and "topics/bancal/index.html" in written


def test_an_empty_briefing_still_makes_a_site(tmp_path):
    empty = Briefing(articles=(), claims={}, sources=(), topics=(), pages=(), updated=None)
    written = site_module.render(empty, make_config(), tmp_path)
    assert {"index.html", "timeline/index.html", "sources/index.html", "people/index.html", "404.html",
            "feed.xml"} <= set(written)
    assert "Aucune thématique pour l’instant." in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_unsafe_keys_stay_inside_the_site(tmp_path):
    briefing = make_briefing()
    evil = replace(briefing.articles[3], id="../../evil", path="content/articles/evil.txt")
    briefing = replace(briefing, articles=(*briefing.articles[:3], evil), claims={**briefing.claims})
    written = site_module.render(briefing, make_config(), tmp_path)
    assert all(".." not in rel.split("/") for rel in written)
    assert not (tmp_path.parent / "evil").exists()


def test_one_url_helper_gives_relative_links_ending_in_index_html():
    site = site_module.Site(title="t", description="", language="fr", base_url=None, full_text=True, updated=None)
    topic = site.at("topics/evacuations/index.html")
    assert topic.url("home") == "../../index.html"
    assert topic.url("article", "alpha-crue", "c-1") == "../../articles/alpha-crue/index.html#c-1"
    assert topic.url("topic", "evacuations", "f-x") == "#f-x"
    assert site.url("timeline") == "timeline/index.html"
    assert site.at("404.html", absolute=True).url("sources") == "/sources/index.html"
    hosted = replace(site, base_url="https://example.org/dossier/")
    assert hosted.at("404.html", absolute=True).url("home") == "https://example.org/dossier/index.html"
    assert hosted.canonical("home") == "https://example.org/dossier/"
    assert topic.url("person", "김정은") == "../../people/%EA%B9%80%EC%A0%95%EC%9D%80/index.html"


def test_names_and_keys_become_safe_path_segments():
    assert slugify("Kim Jong-un") == "kim-jong-un" and slugify("Élysée (Paris)") == "elysee-paris"
    assert slugify("김정은") != slugify("문재인")  # other scripts are kept, not collapsed into one page
    assert segment("../../evil") == "evil" and segment("a/b") == "a-b" and segment("...") == "_"


def test_crossing_spans_are_closed_and_reopened():
    text = "abcdefghij"
    spans = [Span(1, 6, "x", "claim k-quote"), Span(4, 9, "y", "claim k-quantity")]
    html = render_paragraph(text, 0, len(text), spans, set())
    assert html == ('a<mark id="c-x" class="claim k-quote" data-claim="x">bcd'
                    '<mark id="c-y" class="claim k-quantity" data-claim="y">ef</mark></mark>'
                    '<mark class="claim k-quantity cont" data-claim="y">ghi</mark>j')
    assert re.sub(r"<[^>]+>", "", html) == text


def test_text_is_escaped_not_interpreted():
    text = "<i>x</i> & « y »"
    html = render_paragraph(text, 0, len(text), [Span(0, 8, "z", "claim k-quote")], set())
    assert html.startswith('<mark id="c-z" class="claim k-quote" data-claim="z">&lt;i&gt;x&lt;/i&gt;</mark>')
    assert "&amp;" in html


def test_render_module_does_not_import_spacy():
    code = "import sys, render.site; assert 'spacy' not in sys.modules, 'spacy imported'"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------ reader-facing wording (polish)


def _main(out: Path, rel: str) -> str:
    html = (out / rel).read_text(encoding="utf-8")
    return html[html.index("<main"):html.index("</main>")]


def test_article_claim_list_shows_the_counted_words_never_a_unit_id(built):
    out, _ = built
    html = _main(out, "articles/alpha-crue/index.html")
    claims = re.sub(r"<[^>]+>", "", html[html.index('<ol class="claims">'):])
    assert f"(environ 1{NNBSP}200 personnes évacuées)" in claims
    assert "EUR" not in claims and "people" not in claims


def test_figure_says_what_it_counts_in_the_page_language(built):
    out, _ = built
    html = _main(out, "topics/evacuations/index.html")
    assert "Ce qui est compté\u00a0: personnes" in html


@pytest.mark.parametrize("name, shown", [
    ("Le ministère de l’Intérieur", "le ministère de l’Intérieur"),
    ("Les autorités locales", "les autorités locales"),
    ("L’agence régionale de santé", "l’agence régionale de santé"),
    ("L'Unesco", "l'Unesco"),
    ("Une source proche du dossier", "une source proche du dossier"),
    ("Des témoins", "des témoins"),
    ("La Commission européenne", "la Commission européenne"),
    ("Le Monde", "Le Monde"),                      # a press title keeps its capital
    ("Le Figaro Magazine", "Le Figaro Magazine"),
    ("Le Quotidien Bêta", "Le Quotidien Bêta"),    # an outlet of the site's sources too
    ("Lesage", "Lesage"), ("Claire Dumas", "Claire Dumas"), ("Le", "Le"),
])
def test_claimant_after_selon_starts_in_lower_case(name, shown):
    site = site_module.Site(title="t", description="", language="fr", base_url=None, full_text=True, updated=None,
                            sources={"b": Source("b", "Le Quotidien Bêta")})
    assert site.who(name) == shown


def test_article_numbers_shown_on_the_site_never_break_between_digit_groups():
    from render.formats import whole_numbers

    shown = whole_numbers("environ 1 500 soldats et 2\u00a0000 civils")
    assert shown == f"environ 1{NNBSP}500 soldats et 2{NNBSP}000 civils"
    assert whole_numbers("entre 2023 et 2024, 3 1000 fois") == "entre 2023 et 2024, 3 1000 fois"


def _chart_points(published: list[str], values: list[int]):
    from render import charts
    from render.topics import Figure, Report

    reports = tuple(Report(claim_id=f"c{i}", article_id=f"a{i}", source="alpha", published=date, text=str(v),
                           sentence="", value=v, interval=(v, v))
                    for i, (date, v) in enumerate(zip(published, values, strict=True)))
    figure = Figure("f", "Personnes évacuées", None, None, None, "evolving", min(values), max(values), reports)
    chart = charts.build(figure, lambda key: key, lambda text: text, "fr")
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', str(chart.svg))]
    return chart, xs, charts


def test_chart_places_dates_on_a_real_time_scale_away_from_the_frame():
    chart, xs, charts = _chart_points(["2024-10-01", "2024-10-11", "2024-12-10"], [100, 200, 300])
    assert len(xs) == 3
    assert (xs[1] - xs[0]) / (xs[2] - xs[0]) == pytest.approx(10 / 70, abs=0.01)
    assert min(xs) - 6 > charts.LEFT and max(xs) + 6 < charts.WIDTH - charts.RIGHT
    assert "octobre 2024" in str(chart.svg) and "décembre 2024" in str(chart.svg)
    assert not chart.periods


def test_chart_puts_a_month_date_mid_month_across_its_whole_month():
    chart, xs, _ = _chart_points(["2024-10-01", "2024-11", "2024-11-30"], [100, 200, 300])
    assert (xs[1] - xs[0]) / (xs[2] - xs[0]) == pytest.approx(45 / 60, abs=0.01)
    assert chart.periods and 'class="period"' in str(chart.svg)


def test_unknown_sources_get_short_distinct_names_and_keep_their_title_as_a_note():
    from render import views

    def summary(key: str, title: str, published: str | None) -> views.SourceSummary:
        article = Article(id=key, source_id=None, title=title, url=None, published=published, lang="fr", text="",
                          path=f"content/articles/{key}.txt", digest=key)
        return views.SourceSummary(f"unknown-{key}", Source(f"unknown-{key}", "Source inconnue — " + title,
                                                            known=False), (article,), 0, ())

    sources = [summary("a", "Crue : la digue a cédé", "2024-06-19"), summary("b", "Les pompiers sur place",
                                                                              "2024-06-19"),
               summary("c", "Bilan de la crue", "2024-07"), summary("d", "Sans date", None),
               views.SourceSummary("alpha", Source("alpha", "Agence Alpha"), (), 0, ()),
               # named by its article, not listed in content/sources.yaml: shown under that name, as `build` says
               views.SourceSummary("le-veilleur", Source("le-veilleur", "Le Veilleur", known=False), (), 0, ())]
    named, notes = site_module._unknown_labels(sources, "fr", lambda text: text)
    assert {k: s.name for k, s in named.items()} == {
        "unknown-a": "Source inconnue A (19 juin 2024)", "unknown-b": "Source inconnue B (19 juin 2024)",
        "unknown-c": "Source inconnue (juillet 2024)", "unknown-d": "Source inconnue"}
    assert notes["unknown-b"] == "Les pompiers sur place" and "alpha" not in notes and "le-veilleur" not in notes


def test_unknown_source_column_is_short_with_its_title_for_screen_readers(built):
    out, _ = built
    html = (out / "sources/index.html").read_text(encoding="utf-8")
    assert '<span class="visually-hidden"> — Note de blog</span>' in html
    assert 'title="Source inconnue — Note de blog"' in html
    home = _main(out, "index.html")
    assert "Note de blog</a> <span class=\"meta\">Source inconnue</span>" in home


def _entry(event_id: str, date: str | None, *published: str):
    from render import views
    from render.topics import Event, Report

    reports = tuple(Report(claim_id=f"{event_id}{i}", article_id=f"a{i}", source="alpha", published=p, text="",
                           sentence="") for i, p in enumerate(published))
    return views.TimelineEntry(Event(event_id, date, f"Événement {event_id}", (), reports), ("t",))


def test_home_separates_what_happened_from_what_was_announced():
    from render import views

    entries = views.timeline_entries([])  # empty input stays empty
    assert entries == ()
    done = _entry("done", "2024-06-19", "2024-06-20")
    same_month = _entry("same", "2024-07", "2024-07-03")      # may have happened before the report
    planned = _entry("plan", "2025-01", "2024-12")            # dated after every report of it
    later = _entry("later", "2024-08-02", "2024-07-15", "2024-08-05")  # a later report saw it happen
    beyond = _entry("beyond", "2024-09-10", "2024-09-11")      # after the update date
    latest, announced = views.latest_and_announced([done, same_month, later, beyond, planned], "2024-09")
    assert [e.event.id for e in latest] == ["beyond", "later", "same", "done"]
    latest, announced = views.latest_and_announced([done, same_month, later, beyond, planned], "2024-08-31")
    assert [e.event.id for e in latest] == ["later", "same", "done"]
    assert [e.event.id for e in announced] == ["beyond", "plan"]


def test_timeline_puts_a_month_after_its_days():
    from render import views
    from render.topics import read_topic

    topic = read_topic({"topic": {"slug": "t"}, "events": [
        {"id": "m", "date": "2024-10", "reports": [{"claim": "c1", "published": "2024-11-02"}]},
        {"id": "d", "date": "2024-10-18", "reports": [{"claim": "c2", "published": "2024-10-18"}]},
        {"id": "y", "date": "2024", "reports": [{"claim": "c3", "published": "2024-11-02"}]},
        {"id": "s", "date": "2024-09-30", "reports": [{"claim": "c4", "published": "2024-10-01"}]}]})
    assert [e.id for e in topic.events] == ["s", "d", "m", "y"]
    assert [e.event.id for e in views.timeline_entries([topic])] == ["s", "d", "m", "y"]


def test_update_date_reads_as_french(built):
    out, _ = built
    home = _main(out, "index.html")
    assert "Mis à jour le 2 juillet 2024" in home
    assert (out / "index.html").read_text(encoding="utf-8").count("2 juillet 2024") == 1
    from render.formats import format_partial
    assert format_partial("2025-01-01", "fr") == "1er janvier 2025"
    assert format_partial("2025-01-01", "en") == "January 1, 2025"


def test_a_single_source_figure_does_not_also_count_its_source(tmp_path):
    briefing = make_briefing()
    damage = dict(briefing.topics[1])
    damage["figures"] = [dict(damage["figures"][0], status="single", claims=damage["figures"][0]["claims"][:1])]
    site_module.render(replace(briefing, topics=(briefing.topics[0], damage)), make_config(), tmp_path)
    home = _main(tmp_path, "index.html")
    card = home[home.index("Coût des dégâts (euros)"):]
    card = card[:card.index("</dd>")]
    assert "Une seule source" in card and "1 source" not in card


@pytest.mark.parametrize("sentence, shown", [
    ("NANTES, 19 juin (Agence Alpha) -- La Loire a débordé dans trois communes riveraines.",
     "La Loire a débordé dans trois communes riveraines."),
    ("ORLÉANS (Agence Alpha) – Les digues ont tenu toute la nuit de mercredi à jeudi.",
     "Les digues ont tenu toute la nuit de mercredi à jeudi."),
    ("Des bénévoles remplissent des sacs de sable à Tours (Photo Agence Alpha / Jeanne Roux).",
     "Des bénévoles remplissent des sacs de sable à Tours."),
    ("CRUE : la préfecture fait le point", "CRUE : la préfecture fait le point"),
    ("La préfète a demandé aux habitants des quartiers bas de quitter leur logement avant la nuit, en "
     "emportant leurs papiers, leurs médicaments et de quoi tenir deux jours.",
     "La préfète a demandé aux habitants des quartiers bas de quitter leur logement avant la nuit, en "
     "emportant…"),
])
def test_event_headline_drops_datelines_and_credits_and_cuts_at_a_word(sentence, shown):
    from render.formats import headline

    assert headline(sentence, 110) == shown


def test_timeline_names_the_topics_of_each_event(built):
    out, _ = built
    html = _main(out, "timeline/index.html")
    start = html.index('<li class="event"')
    event = html[start:html.index("</li>", start)]
    assert "Thématiques\u00a0:" in event and "topics/evacuations/index.html#e-ev19" in event


def test_statement_cells_show_each_wording_once_without_infinitives(built):
    from render.topics import read_topic

    out, _ = built
    html = _main(out, "topics/evacuations/index.html")
    assert "(déclarer)" not in html and "(affirmer)" not in html and "(lancer)" not in html
    def report(claim, source, quote, start, end, article="a1", direct=True):
        return {"claim": claim, "article": article, "source": source, "published": "2024-06-19", "quote": quote,
                "direct": direct, "sentence": "s", "start": start, "end": end}
    topic = read_topic({"topic": {"slug": "t"}, "statements": [{"speaker": "Claire Dumas", "statements": [
        {"id": "s1", "reports": [
            report("c1", "alpha", "leur « mise à l’abri immédiate »", 100, 132, direct=False),
            report("c2", "alpha", "mise à l’abri immédiate", 107, 130),              # nested in c1
            report("c3", "alpha", "Mise à l'abri immédiate !", 400, 425, article="a2"),  # same words again
            report("c4", "beta", "mise à l’abri immédiate", 10, 33, article="b1"),   # another source keeps it
        ]}]}]})
    cells = topic.statements[0].by_source
    assert [r.claim_id for r in cells["alpha"]] == ["c1"] and [r.claim_id for r in cells["beta"]] == ["c4"]


def test_quote_marks_inside_a_quote_become_english_style_marks():
    from render.formats import inner_quotes

    assert inner_quotes("il exige leur « retrait immédiat » du front") == "il exige leur “retrait immédiat” du front"
    assert inner_quotes('un accord "conforme" au droit') == "un accord “conforme” au droit"
    assert inner_quotes("aucune marque ici") == "aucune marque ici"


def test_a_single_value_gets_no_chart_and_no_range():
    chart, xs, _ = _chart_points(["2024-10-01"], [100])
    assert not chart.svg and xs == []


def test_quantity_note_only_adds_what_the_words_lack():
    site = site_module.Site(title="t", description="", language="fr", base_url=None, full_text=True, updated=None)
    assert site.quantity_note("12 000 soldats", f"12{NNBSP}000", "soldats") == ""
    assert site.quantity_note("12.000 soldats", f"12{NNBSP}000", "soldats") == f"12{NNBSP}000"
    assert site.quantity_note("quatre brigades", "4", "brigades") == "4"
    assert site.quantity_note("1 200", f"1{NNBSP}200", "personnes évacuées") == f"1{NNBSP}200 personnes évacuées"


def test_compared_statements_show_each_wording_once():
    from render import views
    from render.topics import read_topic

    def report(claim, source, quote):
        return {"claim": claim, "article": claim, "source": source, "published": "2024-06-19", "quote": quote}
    topic = read_topic({"topic": {"slug": "t"}, "statements": [{"speaker": "Claire Dumas", "statements": [
        {"id": "s1", "reports": [report("c1", "alpha", "la digue « tiendra cette nuit »"),
                                 report("c2", "alpha", "tiendra cette nuit"), report("c3", "beta", "tiendra")]}]}]})
    [row] = views.compared(topic, "alpha", {"beta"})
    assert [r.claim_id for r in row.left.head] == ["c1"] and [r.claim_id for r in row.right.head] == ["c3"]


def test_a_statement_shown_in_two_topics_appears_once_on_its_speakers_page():
    from render import views
    from render.topics import read_topic

    def topic(slug, statement_id, claims):
        return read_topic({"topic": {"slug": slug}, "statements": [{"speaker": "Claire Dumas", "statements": [
            {"id": statement_id, "reports": [{"claim": c, "article": "a", "source": "alpha", "quote": "q " + c}
                                              for c in claims]}]}]})
    briefing = Briefing(articles=(), claims={}, sources=(), topics=(), pages=(), updated=None)
    [person] = views.people(briefing, [topic("t1", "s1", ["c1", "c2"]), topic("t2", "s2", ["c1"]),
                                       topic("t3", "s3", ["c3"])])
    assert sorted(s.id for s in person.statements) == ["s1", "s3"]



def test_french_interface_text_keeps_its_punctuation_on_the_line(built):
    out, _ = built
    html = _main(out, "topics/evacuations/index.html")
    assert "Données\u00a0:" in html and "Données :" not in html
    assert "Combien de personnes évacuées ?" in html  # the editor's own text is left as written


def test_a_value_an_article_states_twice_fills_its_cell_once():
    from render.topics import read_topic

    def claim(cid, article, value, hedged=False):
        return {"claim": cid, "article": article, "source": "alpha", "published": "2024-06-19", "value": value,
                "hedged": hedged, "text": str(value), "sentence": "s"}
    topic = read_topic({"topic": {"slug": "t"}, "figures": [{"id": "f", "status": "single", "claims": [
        claim("c1", "a1", 1200), claim("c2", "a1", 1200), claim("c3", "a1", 1200, hedged=True),
        claim("c4", "a2", 1200)]}]})
    assert [c.claim_id for c in topic.figures[0].by_source["alpha"]] == ["c1", "c3", "c4"]


def test_an_article_naming_an_event_date_twice_fills_its_cell_once():
    from render.topics import read_topic

    def report(cid, article, expression):
        return {"claim": cid, "article": article, "source": "alpha", "published": "2024-06-21",
                "expression": expression, "sentence": "s"}
    topic = read_topic({"topic": {"slug": "t"}, "events": [{"id": "e", "date": "2024-06-21", "reports": [
        report("c1", "a1", "vendredi"), report("c2", "a1", "Vendredi"), report("c3", "a1", "le 21 juin"),
        report("c4", "a2", "vendredi")]}]})
    assert [r.claim_id for r in topic.events[0].by_source["alpha"]] == ["c1", "c3", "c4"]


def test_measures_nobody_reports_come_after_those_with_figures():
    from render.topics import read_topic

    report = {"claim": "c1", "article": "a1", "source": "agence-alpha", "value": 300, "sentence": "300 bénévoles."}
    data = {"topic": {"slug": "crue", "title": "La crue"},
            "figures": [{"id": "morts", "label": "Morts", "status": "empty", "claims": []},
                        {"id": "benevoles", "label": "Bénévoles", "status": "single", "claims": [report]},
                        {"id": "evacues", "label": "Évacués", "status": "empty", "claims": []}]}
    assert [f.id for f in read_topic(data).figures] == ["benevoles", "morts", "evacues"]


def test_a_cell_keeps_the_first_and_latest_reports_and_counts_those_between():
    from render.topics import read_topic
    from render.views import cell

    reports = [{"claim": f"c{n}", "article": f"a{n}", "source": "alpha", "published": f"2024-06-{10 + n}",
                "value": 1000 + n, "text": str(1000 + n), "sentence": f"Phrase {n}."} for n in range(1, 10)]
    topic = read_topic({"topic": {"slug": "t"}, "changes": {"added": ["c4"]},
                        "figures": [{"id": "f", "status": "evolving", "claims": reports}]})
    column = topic.figures[0].by_source["alpha"]
    shown = cell(column, topic.added)
    assert [r.claim_id for r in shown.head] == ["c1"]
    assert [r.claim_id for r in shown.tail] == ["c4", "c8", "c9"]  # the new one is never hidden
    assert shown.skipped == 5
    few = cell(column[:4])
    assert (len(few.head), few.skipped, few.tail) == (4, 0, ())


def test_a_busy_topic_cell_shows_first_and_latest_and_links_to_every_value(tmp_path):
    briefing = make_briefing()
    crue = dict(briefing.topics[0])
    figure = dict(crue["figures"][0])
    base = figure["claims"][0]
    figure["claims"] = [dict(base, claim=f"extra-{n}", value=1000 + n * 10, published=f"2024-06-{n + 10:02d}")
                        for n in range(1, 12)]
    crue["figures"] = [figure, *crue["figures"][1:]]
    site_module.render(replace(briefing, topics=(crue, briefing.topics[1])), make_config(), tmp_path)
    html = _main(tmp_path, "topics/evacuations/index.html")
    row = html[html.index('<tr id="f-'):]
    row = row[:row.index("</tr>")]
    assert "+ 8 autres mentions entre la première et les dernières" in row
    assert "1\u202f010" in row and "1\u202f100" in row and "1\u202f110" in row and "1\u202f050" not in row
    assert 'href="#h-f-' in row
    values = html[html.index('<section class="figure"'):]
    assert "1\u202f050" in values  # every value stays in the figure's table
    page = (tmp_path / "topics/evacuations/index.html").read_text(encoding="utf-8")
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    graph = json.loads(page[start:page.index("</script>", start)])["@graph"]
    assert sum(item["text"] == base["sentence"] for item in graph) == 3  # the claims the matrix shows


def test_a_source_with_many_articles_lists_the_claims_of_its_latest_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(site_module, "SOURCE_CLAIM_ARTICLES", 1)
    site_module.render(make_briefing(), make_config(), tmp_path)
    html = _main(tmp_path, "sources/quotidien-beta/index.html")
    claims = html[html.index('id="h-all-claims"'):]
    assert "Les affirmations de ses derniers articles" in claims and "Toutes ses affirmations" not in claims
    assert "Le bilan s’alourdit" in claims  # the latest article (July) keeps its claims here
    assert "beta-crue" not in claims  # the older one is listed above, its claims on its own page
    assert "beta-crue" in html
    full = _main(tmp_path, "sources/agence-alpha/index.html")
    assert "Toutes ses affirmations" in full


def test_figure_verdict_matches_every_pair_compared_one_by_one():
    """The n log n overlap test agrees with comparing every left value with every right value."""
    import random

    from render import views
    from render.topics import Report, overlaps

    draw = random.Random(7)

    def report(index):
        low = draw.choice([None, draw.randint(0, 60)])
        high = draw.choice([None, (low or 0) + draw.randint(0, 15)])
        interval = None if draw.random() < 0.03 else (low, high)
        return Report(f"c{index}", "a", "s", None, "", "", interval=interval,
                      review_action="reject" if draw.random() < 0.1 else None)
    for _ in range(400):
        left = [report(i) for i in range(draw.randint(0, 6))]
        right = [report(i) for i in range(draw.randint(0, 6))]
        kept_left, kept_right = [r for r in left if not r.rejected], [r for r in right if not r.rejected]
        expected = ("only_right" if not kept_left else "only_left" if not kept_right else
                    "agree" if any(overlaps(a.interval, b.interval) for a in kept_left for b in kept_right)
                    else "differ")
        assert views._figure_verdict(left, right) == expected


def test_a_source_page_compares_only_rows_the_source_reports():
    from render import views
    from render.topics import read_topic

    def report(claim, source):
        return {"claim": claim, "article": claim, "source": source, "published": "2024-06-19", "value": 10}
    topic = read_topic({"topic": {"slug": "t"}, "figures": [
        {"id": "f1", "label": "blessés", "status": "consistent",
         "claims": [report("c1", "alpha"), report("c2", "beta")]},
        {"id": "f2", "label": "morts", "status": "single", "claims": [report("c3", "beta")]}]})
    assert [r.label for r in views.compared(topic, "alpha", {"beta"})] == ["blessés", "morts"]
    [row] = views.compared(topic, "alpha", {"beta"}, left_reports=True)
    assert row.label == "blessés" and [r.claim_id for r in row.right.head] == ["c2"]


def test_compared_cells_are_those_of_the_whole_rows_cut():
    """Source and pair pages pick cells from where each source stands in a row: the same rows and cells as
    comparing whole rows and cutting them, on rows of every size and kind."""
    import random

    from render import views
    from render.topics import read_topic

    draw = random.Random(11)
    sources = ["alpha", "beta", "gamma", "delta"]

    def reports(prefix, count):
        return [{"claim": f"{prefix}-{i}", "article": f"a{draw.randint(1, 40)}", "source": draw.choice(sources),
                 "published": f"2024-{draw.randint(1, 12):02d}-{draw.randint(1, 28):02d}",
                 "value": draw.randint(1, 30), "qualifier": draw.choice([None, "approx", "at_least"]),
                 "quote": f"mot{draw.randint(1, 9)} suite{i}", "expression": f"le {i}"} for i in range(count)]
    topic = read_topic({"topic": {"slug": "t"},
                        "figures": [{"id": f"f{n}", "label": f"f{n}", "status": "divergent",
                                     "claims": reports(f"f{n}", draw.randint(0, 12))} for n in range(8)],
                        "events": [{"id": f"e{n}", "date": "2024-06-19",
                                    "reports": reports(f"e{n}", draw.randint(1, 9))} for n in range(12)],
                        "statements": [{"speaker": "Claire Dumas", "statements": [
                            {"id": f"s{n}", "reports": reports(f"s{n}", draw.randint(1, 9))} for n in range(8)]}]})
    def whole_rows(left, right, left_reports=False):  # every row filtered whole, then cut: the plain way
        from render.topics import overlaps
        rows = []
        items = [*(("figure", f.label, None, f.claims) for f in topic.figures),
                 *(("event", e.label, e.date, e.reports) for e in topic.events),
                 *(("statement", s.speaker, None, s.distinct) for s in topic.statements)]
        for kind, label, date, reports in items:
            a = tuple(r for r in reports if r.source == left)
            b = tuple(r for r in reports if r.source in right)
            if not a and (left_reports or not b):
                continue
            if kind == "figure":
                kept_a, kept_b = [r for r in a if not r.rejected], [r for r in b if not r.rejected]
                verdict = ("only_right" if not kept_a else "only_left" if not kept_b else "agree" if any(
                    overlaps(x.interval, y.interval) for x in kept_a for y in kept_b) else "differ")
            else:
                verdict = "both" if a and b else ("only_left" if a else "only_right")
            rows.append(views.ShownRow(kind, label, date, verdict, views.cell(a), views.cell(b)))
        return rows
    def lazy(left, right, left_reports=False):  # as pages hold them: made when rendered, counted before
        rows = views.ComparedRows(topic, left, frozenset(right), left_reports,
                                  len(views.compared_members(topic, left, right, left_reports)))
        assert len(rows) == len(rows.rows) and bool(rows) == bool(rows.rows)
        assert views.compared_members(topic, left, right, left_reports) == [
            item for item, _ in views.compared_items(topic, left, right, left_reports)]
        return list(rows)
    for left in sources:
        others = set(sources) - {left}
        assert views.compared(topic, left, others, left_reports=True) == whole_rows(left, others, True)
        assert lazy(left, others, True) == whole_rows(left, others, True)
        for right in others:
            assert views.compared(topic, left, {right}) == whole_rows(left, {right})
            assert lazy(left, {right}) == whole_rows(left, {right})
    assert any(row.right.skipped for row in views.compared(topic, "alpha", {"beta", "gamma", "delta"}))


def test_a_figures_table_shows_a_value_a_source_repeats_once_with_its_count():
    from render.topics import read_topic

    def report(claim, source, published, value, **more):
        return {"claim": claim, "article": f"art-{claim}", "source": source, "published": published, "value": value,
                "sentence": f"Environ {value} soldats.", **more}
    topic = read_topic({"topic": {"slug": "t"}, "figures": [{"id": "sent", "label": "Envoyés", "status": "evolving",
        "claims": [report("c1", "alpha", "2024-10-20", 1500), report("c2", "beta", "2024-10-22", 3000),
                   report("c3", "alpha", "2024-10-25", 1500), report("c4", "alpha", "2024-11-02", 1500),
                   report("c5", "alpha", "2024-11-03", 1500, claimant="Séoul"),
                   report("c6", "alpha", "2024-11-04", 1500, hedged=True),
                   report("c7", "alpha", "2024-12-01", 11000)]}]})
    rows = topic.figures[0].value_rows
    assert [(r.first.claim_id, r.last.claim_id, r.count) for r in rows] == [
        ("c1", "c4", 3), ("c2", "c2", 1), ("c5", "c5", 1), ("c6", "c6", 1), ("c7", "c7", 1)]
    assert rows[0].any_of(("c3",)) and not rows[1].any_of(("c3",))


def test_the_values_table_counts_repeats(built):
    out, _ = built
    html = (out / "topics/evacuations/index.html").read_text(encoding="utf-8")
    table = html[html.index("Tableau des valeurs"):]
    table = table[:table.index("</table>")]
    assert "<tr>" in table and "une valeur répétée par une source" in table
