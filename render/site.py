"""The site: `Site`, the one object templates see (it owns every URL), and `render`, which writes it."""

from __future__ import annotations

import functools
import logging
import posixpath
import re
import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from extract.config import Config
from extract.models import Article, Briefing, Claim, Source
from render import charts, feeds, jobs, publish, rendercache, views
from render.digest import Digester
from render.formats import (
    claimant_phrase,
    country_name,
    format_month,
    format_number,
    format_partial,
    headline,
    inner_quotes,
    parse_partial,
    precision,
    whole_numbers,
)
from render.fragments import Fragments, Store
from render.highlight import Span, claim_spans, points_at, render_text
from render.i18n import french_spacing, load_translations
from render.jobs import Job
from render.markup import json_ld, markdown_html, safe_url
from render.output import Output
from render.paths import SEARCH_SHARDS, page_path, search_bundle, segment, slugify
from render.topics import Event, Figure, Report, Statement, Topic, own_slug, read_topic, rejected_claims

log = logging.getLogger(__name__)

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SOURCE_CLAIM_ARTICLES = 12  # a source page lists the claims of its latest articles, up to this many
# The code pages and downloads are made by, as imported (see rendercache.modules_digest).
_PAGE_CODE = rendercache.modules_digest(PACKAGE_ROOT, "site.py")
_DATA_CODE = rendercache.modules_digest(PACKAGE_ROOT, "feeds.py")


@dataclass(frozen=True)
class Use:
    """Where a claim is used in a topic: the row a reader can jump to from the article."""

    topic: str
    topic_title: str
    anchor: str
    label: str


@dataclass(frozen=True)
class ArticleCard:
    """What a page may show of an article it names (never its text), so that an edit to an article's text
    renders again only the pages showing that text, not every page linking to the article."""

    id: str
    source_id: str | None
    title: str
    url: str | None
    published: str | None
    lang: str

    @property
    def source_key(self) -> str:
        """The column the article fills (see Article.source_key)."""
        return self.source_id or f"unknown-{self.id}"

    @classmethod
    def of(cls, article: Article) -> ArticleCard:
        return cls(article.id, article.source_id, article.title, article.url, article.published, article.lang)


@dataclass(frozen=True)
class Site:
    """The one object templates see: settings, look-ups by key, and the single internal URL helper."""

    title: str
    description: str
    language: str
    base_url: str | None
    full_text: bool
    updated: str | None
    sources: Mapping[str, Source] = field(default_factory=dict)
    articles: Mapping[str, ArticleCard] = field(default_factory=dict)
    marked: frozenset[str] = frozenset()  # claim ids with a mark on their article page
    topics: tuple[tuple[str, str], ...] = ()  # (slug, title) for navigation
    pages: tuple[tuple[str, str], ...] = ()  # free pages (slug, title)
    people: frozenset[str] = frozenset()  # person page slugs
    content_language: str = "fr"  # language editors write topics and pages in (marked when it differs)
    notes: Mapping[str, str] = field(default_factory=dict)  # unknown source key -> its article's title
    current: str = "index.html"  # output path of the page being rendered
    absolute: bool = False  # 404.html: served at any depth, so links cannot be relative
    # Every look-up a page made in the tables above, with its answer: the render cache replays them.
    record: dict[tuple[str, str], object] | None = field(default=None, compare=False, repr=False)

    def at(self, path: str, absolute: bool = False, record: dict[tuple[str, str], object] | None = None) -> Site:
        """The same site seen from another page, so relative links are computed from there."""
        return replace(self, current=path, absolute=absolute, record=record)

    def answer(self, question: str, key: str) -> object:
        """The one door to the look-up tables (sources, notes, articles, marks, people), so that what a page
        read can be recorded and asked again at the next build."""
        if question == "source":
            result: object = self.sources.get(key)
        elif question == "note":
            result = self.notes.get(key, "")
        elif question == "article":
            result = self.articles.get(key)
        elif question == "marked":
            result = key in self.marked
        elif question == "person":
            result = key in self.people
        elif question == "outlets":
            result = tuple(s.name for s in self.sources.values())
        else:
            raise ValueError(f"unknown site look-up {question!r}")
        if self.record is not None:
            self.record[(question, key)] = result
        return result

    def url(self, kind: str, key: str | None = None, fragment: str | None = None) -> str:
        """Every internal link: relative to the current page and ending in index.html (works from file://)."""
        target = page_path(kind, key)
        anchor = "#" + quote(fragment, safe="-_.~") if fragment else ""
        if self.absolute:
            return (self.base_url or "/") + quote(target) + anchor
        if target == self.current and anchor:
            return anchor
        return _relative(target, posixpath.dirname(self.current) or ".") + anchor

    def canonical(self, kind: str, key: str | None = None) -> str | None:
        """The page's public URL (directory form), only when base_url is configured."""
        if not self.base_url:
            return None
        target = page_path(kind, key)
        if target.endswith("index.html"):
            target = target[: -len("index.html")]
        return self.base_url + quote(target)

    def source_name(self, key: str) -> str:
        """The outlet's display name; the key itself when no source describes it."""
        source = self.answer("source", key)
        return source.name if isinstance(source, Source) else key

    def source_note(self, key: str) -> str:
        """What tells an unknown source apart beyond its short name: its article's title ('' when known)."""
        return str(self.answer("note", key))

    def has_source(self, key: str) -> bool:
        """Whether the key has a source page to link to."""
        return self.answer("source", key) is not None

    def article(self, article_id: str) -> ArticleCard | None:
        """The article behind a topic row, None when the data names one that is gone."""
        article = self.answer("article", article_id)
        return article if isinstance(article, ArticleCard) else None

    def claim_url(self, article_id: str, claim_id: str) -> str | None:
        """Link to the claim highlighted in its article; the article alone when the mark is missing."""
        if self.answer("article", article_id) is None:
            return None
        if self.is_marked(claim_id):
            return self.url("article", article_id, "c-" + claim_id)
        return self.url("article", article_id)

    def person_url(self, name: str | None) -> str | None:
        """Link to a speaker's page, None when no page was made for that name."""
        slug = slugify(name or "")
        return self.url("person", slug) if name and self.answer("person", slug) else None

    def is_marked(self, claim_id: str) -> bool:
        """Whether the claim has a mark on its article page to link to."""
        return bool(self.answer("marked", claim_id))

    def who(self, name: str | None) -> str:
        """A claimant as read after "selon": "le président …", while outlets keep their own capitals."""
        if not name:
            return ""
        outlets = self.answer("outlets", "")
        return claimant_phrase(name, outlets if isinstance(outlets, tuple) else ())

    def date(self, value: object) -> str:
        """A date at its precision, in the interface language."""
        return _memo(format_partial, value, self.language)

    def precision(self, value: object) -> str:
        """'day', 'month' or 'year', so a sentence can say "le 4 décembre" but "en décembre"."""
        return precision(value)

    def number(self, value: object) -> str:
        """A figure with the interface language's grouping."""
        return _memo(format_number, value, self.language)

    def machine_date(self, value: object) -> str:
        """The value for a <time datetime>: a valid ISO date at its precision, else empty."""
        parsed = parse_partial(value)
        return parsed.iso if parsed else ""

    def country(self, code: str | None) -> str:
        """A country code as its name in the interface language."""
        return country_name(code, self.language)

    def month(self, key: str) -> str:
        """A timeline month heading."""
        return format_month(key, self.language)

    def quantity_note(self, text: str, shown: str, counted: str | None) -> Markup:
        """The normalised figure beside the article's words, with what it counts as the article wrote it
        (never a unit id): the noun only when the words lack it, nothing when the words already say it."""
        note = Markup(shown)
        if counted and counted.casefold() not in text.casefold():
            note = note + " " + counted
        return Markup("") if _squash(note.striptags()) in _squash(text) else note

    def anchor(self, prefix: str, key: str) -> str:
        """An element id derived from data, safe in HTML and URLs."""
        return f"{prefix}-{segment(key)}"


@functools.lru_cache(maxsize=65536)
def _relative(target: str, here: str) -> str:
    """A quoted relative link from folder `here` to `target`; pages at one place ask for the same links."""
    return quote(posixpath.relpath(target, here))


_MEMO: dict[tuple[object, ...], str] = {}


def _memo(function: Callable[[object, str], str], value: object, language: str) -> str:
    """A Babel formatting remembered per value: pages format the same dates and figures thousands of times."""
    key = (function, type(value), value, language)
    try:
        return _MEMO[key]
    except KeyError:
        if len(_MEMO) > 100_000:  # a long live-preview session: start again rather than grow
            _MEMO.clear()
        result = _MEMO[key] = function(value, language)
        return result
    except TypeError:  # an unhashable value from hand-edited data: formatted each time
        return function(value, language)


def _squash(text: str) -> str:
    """Text compared without its spaces (Babel's narrow no-break space included) or case."""
    return "".join(text.split()).casefold()


def _environment(config: Config, language: str) -> tuple[Environment, Callable[[str], str]]:
    """Jinja with autoescape, StrictUndefined and the interface catalog; also gettext for Python-made text."""
    env = Environment(
        loader=FileSystemLoader(str(_templates_folder(config))),
        autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    translations = load_translations(_locale_folder(config), language)
    french = language.split("_")[0] == "fr"

    @functools.cache
    def gettext(message: str) -> str:
        """One catalog look-up per message and build: templates ask for the same words on every page."""
        text = translations.gettext(message)
        return french_spacing(text) if french else text

    @functools.cache
    def ngettext(singular: str, plural: str, n: int) -> str:
        """The plural form for n, looked up once per (message, n)."""
        text = translations.ngettext(singular, plural, n)
        return french_spacing(text) if french else text

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["legend_marker"] = charts.legend_marker
    # A figure's chart, made where its section is rendered (a kept section needs none), from the recording site.
    env.globals["figure_chart"] = lambda figure, site: charts.build(figure, site.source_name, gettext, site.language,
                                                                    site.who)
    env.filters["whole_numbers"] = whole_numbers
    env.filters["headline"] = headline
    env.filters["inner_quotes"] = inner_quotes
    env.filters["cell"] = views.cell
    return env, gettext


STATIC = "static"  # the templates' folder of files copied into the site as they are


def _fragment_templates(templates: Path) -> Callable[[str], bool]:
    """Which template files kept fragments are made from: macros.html and the catalogs, or every template
    when macros.html reaches another one (an include, import or extends)."""
    try:
        text = (templates / "macros.html").read_text(encoding="utf-8")
    except OSError:
        return lambda rel: not rel.startswith(f"{STATIC}/")
    if re.search(r"{%-?\s*(?:include|import|from|extends)\b", text):
        return lambda rel: not rel.startswith(f"{STATIC}/")
    return lambda rel: rel == "macros.html" or not (rel.endswith(".html") or rel.startswith(f"{STATIC}/"))


def _templates_folder(config: Config) -> Path:
    """The project's templates, else the package's own."""
    return config.templates if (config.templates / "base.html").exists() else PACKAGE_ROOT / "templates"


def _locale_folder(config: Config) -> Path:
    """The project's catalogs, else the package's own."""
    folder = config.root / "locale"
    return folder if folder.is_dir() else PACKAGE_ROOT / "locale"


def _static_files(config: Config) -> list[tuple[str, bytes]]:
    """CSS and JS copied as they are, from the project's templates or the package's own."""
    folder = config.templates / STATIC
    if not folder.is_dir():
        folder = PACKAGE_ROOT / "templates" / STATIC
    return sorted((p.relative_to(folder).as_posix(), p.read_bytes())
                  for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _uses(topics: Sequence[Topic], site: Site) -> dict[str, list[Use]]:
    """For each claim, the topic rows showing it, so an article can link back to the comparison (one Use
    object per row, shared by its claims)."""
    uses: dict[str, list[Use]] = {}
    for topic in topics:
        rows = [(Use(topic.slug, topic.title, site.anchor("f", f.id), f.label), f.claims) for f in topic.figures]
        rows += [(Use(topic.slug, topic.title, site.anchor("e", e.id), e.label), e.reports) for e in topic.events]
        rows += [(Use(topic.slug, topic.title, site.anchor("s", s.id), s.speaker), s.reports)
                 for s in topic.statements]
        for use, reports in rows:
            for report in reports:
                uses.setdefault(report.claim_id, []).append(use)
    return uses


def _sentence_ranges(article: Article, claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """Where each claim's sentence lies in the text (rights-limited mode), merged when they touch."""
    ranges = []
    for claim in claims:
        start = claim.sentence_start
        if claim.sentence and article.text.find(claim.sentence, start) == start:
            ranges.append((start, start + len(claim.sentence)))
        elif claim.sentence and (found := article.text.find(claim.sentence)) != -1:
            ranges.append((found, found + len(claim.sentence)))
        elif 0 <= claim.start < claim.end <= len(article.text):
            ranges.append((claim.start, claim.end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _article_json_ld(article: Article, site: Site) -> Markup:
    """schema.org NewsArticle describing the original article, for search engines."""
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
        "inLanguage": article.lang, "publisher": {"@type": "Organization", "name": site.source_name(
            article.source_key)}}
    if article.published:
        data["datePublished"] = article.published
    if safe_url(article.url):
        data["url"] = safe_url(article.url)
    if site.canonical("article", article.id):
        data["mainEntityOfPage"] = site.canonical("article", article.id)
    return json_ld(data)


def _topic_json_ld(topic: Topic, site: Site) -> Markup:
    """schema.org Claim items (no ClaimReview: we compare, we do not rate) for the reports the topic's
    matrix shows (its cells are bounded: at a thousand articles, every claim would be megabytes)."""
    items = []
    cells = [views.cell(reports, topic.added) for row in (*topic.figures, *topic.statements)
             for reports in row.by_source.values()]
    reports = [r for c in cells for r in (*c.head, *c.tail)]
    for report in reports:
        article = site.article(report.article_id)
        item: dict[str, Any] = {"@type": "Claim", "text": report.sentence or report.text}
        if report.published:
            item["datePublished"] = report.published
        if report.claimant:
            item["author"] = {"@type": "Thing", "name": report.claimant}
        if article is not None:
            appearance: dict[str, Any] = {"@type": "NewsArticle", "headline": article.title,
                                          "publisher": {"@type": "Organization",
                                                        "name": site.source_name(article.source_key)}}
            if safe_url(article.url):
                appearance["url"] = safe_url(article.url)
            item["appearance"] = appearance
        items.append(item)
    return json_ld({"@context": "https://schema.org", "@graph": items})


class TemplateSite:
    """The site as templates see it: everything but the look-up tables, which they read only through methods
    that record what a page asked (so the render cache knows every input of a page)."""

    __slots__ = ("_site",)
    _HIDDEN = frozenset({"sources", "articles", "marked", "people", "notes", "record", "at", "answer"})

    def __init__(self, site: Site) -> None:
        object.__setattr__(self, "_site", site)

    def __getattr__(self, name: str) -> Any:
        if name in TemplateSite._HIDDEN:
            raise AttributeError(f"templates read site.{name} through a recorded look-up method")
        return getattr(self._site, name)


@dataclass
class _Writer:
    """Turns pages into render jobs, each page seeing the site from its own path."""

    env: Environment
    site: Site
    output: Output
    gettext: Callable[[str], str]
    fragments: Fragments
    code: str  # digest of the render code and templates, part of every page's key
    jobs: list[Job] = field(default_factory=list)

    def site_at(self, path: str, absolute: bool, record: dict[tuple[str, str], object]) -> Site:
        """The recording site of one page."""
        return self.site.at(path, absolute, record)

    def page(self, template: str, kind: str, key: str | None, origin: str,
             derive: Callable[[Site, Mapping[str, Any]], Mapping[str, Any]] | None = None, weight: int = 1,
             lazy: Callable[[], Mapping[str, Any]] | None = None, quick: Callable[[], Any] | None = None,
             **inputs: Any) -> None:
        """Queue one page at its path; `origin` names the input it comes from, for collisions; `derive`
        computes more context from the inputs (and recorded look-ups) only when the page is rendered; `lazy`
        makes more inputs where the page is checked (in a render worker when there are many pages); `quick`,
        with `lazy`, names what they are made from (see jobs.Job.quick)."""
        path = page_path(kind, key)

        def make(site: Site, given: Mapping[str, Any]) -> str:
            context = dict(given)
            if derive is not None:
                context.update(derive(site, given))
            assert site.record is not None
            return self.env.get_template(template).render(
                site=TemplateSite(site), kind=kind, key=key, canonical=site.canonical(kind, key),
                fragments=self.fragments.at(path, site.absolute, site.record), **context)

        given: Mapping[str, Any] | Callable[[], Mapping[str, Any]] = inputs
        if lazy is not None:
            given = functools.partial(_joined, inputs, lazy)
        named = functools.partial(_joined_quick, inputs, quick) if quick is not None and lazy is not None else None
        self.add(Job(path, origin, ("page", template, kind, key or "", self.code), given, make, kind == "404",
                     weight, named))

    def add(self, job: Job) -> None:
        """Queue any output file made by a job."""
        self.output.reserve(job.path, job.origin)
        self.jobs.append(job)


def _build_site(briefing: Briefing, config: Config, topics: Sequence[Topic],
                sources: Sequence[views.SourceSummary], people: Sequence[views.Person],
                gettext: Callable[[str], str]) -> Site:
    """The site as every page sees it, with the claim ids that really have a mark to link to."""
    marked = {claim.id for article in briefing.articles for claim in briefing.claims.get(article.id, ())
              if points_at(article.text, claim)}  # as claim_spans marks them (it logs those it cannot)
    named, notes = _unknown_labels(sources, config.site.language, gettext)
    return Site(
        title=config.site.title, description=config.site.description, language=config.site.language,
        base_url=config.site.base_url, full_text=config.site.full_text, updated=briefing.updated,
        sources={s.key: named.get(s.key, s.source) for s in sources}, notes=notes,
        articles={a.id: ArticleCard.of(a) for a in briefing.articles},
        marked=frozenset(marked), topics=tuple((t.slug, t.title) for t in topics),
        pages=tuple(sorted((p.slug, p.title) for p in briefing.pages)),
        people=frozenset(p.slug for p in people), content_language=config.extract.default_lang)


def _unknown_labels(sources: Sequence[views.SourceSummary], language: str, gettext: Callable[[str], str]
                   ) -> tuple[dict[str, Source], dict[str, str]]:
    """Short, distinct names for unknown outlets ("Source inconnue (21 octobre 2024)", a letter when two
    share a date), so a column header stays narrow; the article's title becomes the note that identifies it."""
    name = gettext("Source inconnue")
    dated: dict[str, str] = {}
    notes: dict[str, str] = {}
    for summary in sources:
        if summary.source.known or not summary.key.startswith("unknown-"):
            continue  # an outlet its articles name but content/sources.yaml does not list keeps that name
        dates = sorted({format_partial(a.published, language) for a in summary.articles if a.published})
        dated[summary.key] = dates[0] if len(dates) == 1 else ""
        titles = [a.title for a in summary.articles if a.title]
        if titles:
            notes[summary.key] = " · ".join(titles)
    named: dict[str, Source] = {}
    for key in sorted(dated):
        twins = sorted(k for k, d in dated.items() if d == dated[key])
        letter = f" {chr(ord('A') + twins.index(key))}" if 1 < len(twins) <= 26 else ""
        label = f"{name}{letter}" + (f" ({dated[key]})" if dated[key] else "")
        source = next(s.source for s in sources if s.key == key)
        named[key] = replace(source, name=label)
    return named, notes


def render(briefing: Briefing, config: Config, out: Path, cache: Path | None = None,
           stats: jobs.Stats | None = None, claim_keys: Mapping[str, str] | None = None,
           topic_text: Callable[[str, Mapping[str, Any]], str] | None = None) -> list[str]:
    """Write every page of the site into the empty staging folder `out`; return the paths written, sorted.
    With `cache` (a folder, e.g. .cache/render), pages whose inputs did not change are reused from it;
    `stats`, when given, is filled with what was rendered and what reused; `claim_keys` may give each
    article's claims cache key (extract.cache.key: its claims are a pure function of it), so an article
    page's key digests the key, not every claim again; `topic_text(slug, data)` may
    give the text data/topics/<slug>.yaml holds for a topic's data (extract.datafiles.topic_text: the same
    text as feeds.topic_yaml, made from the pieces last written rather than dumped whole)."""
    digester = Digester()
    views_made: dict[bytes, tuple[Topic, tuple[tuple[object, bytes], ...]]] = {}
    topics = sorted((_read_topic(data, f"topic-{i}", digester, views_made) for i, data in enumerate(briefing.topics)),
                    key=lambda t: t.slug)
    rejected = set().union(*(rejected_claims(data) for data in briefing.topics))
    if rejected:  # editors rejected them: kept in the data, hidden from every page
        briefing = replace(briefing, claims={aid: tuple(c for c in items if c.id not in rejected)
                                             for aid, items in briefing.claims.items()})
    summaries = views.source_summaries(briefing, topics)
    people = views.people(briefing, topics)
    env, gettext = _environment(config, config.site.language)
    site = _build_site(briefing, config, topics, summaries, people, gettext)
    # What shapes a page besides its inputs (render code, templates, catalogs), and a download (feeds code):
    # part of every job's key, so a template edit renders every page again but no download. The static files
    # are copied as they are (pages only link to them; 404.html, which may inline the stylesheet, has it as
    # an input): a stylesheet edit renders no page again.
    templates, catalogs = _templates_folder(config), _locale_folder(config) / config.site.language
    page_code = rendercache.code_digest(_PAGE_CODE, [templates, catalogs],
                                        keep=lambda rel: not rel.startswith(f"{STATIC}/"))
    data_code = _DATA_CODE
    settings = _site_digest(site, config)
    # Kept fragments (cells, rows, tables) valid for the same code and settings (and look-up answers). They are
    # macros of macros.html: an edit of another template renders pages again, joining the fragments as kept.
    fragment_code = rendercache.code_digest(_PAGE_CODE, [templates, catalogs], keep=_fragment_templates(templates))
    store = Store(cache / "fragments.bin" if cache is not None else None, f"{fragment_code}-{settings}")
    answer_digests: dict[tuple[str, str], str] = {}
    yes_no = {True: digester.hexdigest(True), False: digester.hexdigest(False)}  # most answers (a claim marked?)

    def answer_digest(question: str, key: str) -> str:
        """A look-up's answer as a digest, once a build (answers are fixed while pages render)."""
        found = answer_digests.get((question, key))
        if found is None:
            answer = site.answer(question, key)
            found = answer_digests[question, key] = yes_no[answer] if type(answer) is bool else \
                digester.hexdigest(answer)
        return found

    fragments = Fragments(env, lambda path, absolute, record: TemplateSite(site.at(path, absolute, record)),
                          store=store, answer=site.answer, digester=digester, answer_digest=answer_digest)
    writer = _Writer(env, site, Output(), gettext, fragments, page_code)
    articles = sorted(briefing.articles, key=views.sort_key_published, reverse=True)
    entries = views.timeline_entries(topics)
    topic_titles = {t.slug: t.title for t in topics}

    # Pages listing articles get their cards, not their text: a text edit does not render them again.
    cards = site.articles
    listed = tuple(replace(s, articles=tuple(cards[a.id] for a in s.articles)) for s in summaries)
    latest, announced = views.latest_and_announced(entries, site.updated)
    writer.page("home.html", "home", None, "built-in page: home", topics=topics, summaries=listed,
                latest=latest, announced=announced, articles=tuple(cards[a.id] for a in articles[:8]),
                topic_titles=topic_titles)

    def topic_context(page_site: Site, given: Mapping[str, Any]) -> dict[str, Any]:
        return {"json_ld": _topic_json_ld(given["topic"], page_site)}

    for topic in topics:
        writer.page("topic.html", "topic", topic.slug, f"topic '{topic.slug}'", derive=topic_context, weight=20,
                    topic=topic)
        # The downloads are keyed on the topic, whose digest is that of its data: their text is made only
        # when a download is written again (the YAML from the data file's pieces when `topic_text` is given).
        yaml_text = feeds.topic_yaml if topic_text is None else functools.partial(topic_text, topic.slug)
        for suffix, dump in (("yaml", yaml_text), ("json", feeds.topic_json)):
            path, origin = page_path("data", f"{topic.slug}.{suffix}"), f"topic '{topic.slug}'"
            writer.add(Job(path, origin, ("data", suffix, data_code), {"topic": topic},
                           lambda _site, given, dump=dump: dump(given["topic"].data), weight=10))
    uses = _uses(topics, site)
    claim_index = _claim_index(briefing)

    def article_context(page_site: Site, given: Mapping[str, Any]) -> dict[str, Any]:
        article, claims = given["article"], given["claims"]
        spans = claim_spans(article.text, claims, article.path)
        ranges = [(0, len(article.text))] if page_site.full_text else _sentence_ranges(article, claims)
        furniture = [s for s in _furniture(article) if page_site.full_text]
        return {"paragraphs": render_text(article.text, spans + furniture, ranges),
                "original": safe_url(article.url), "json_ld": _article_json_ld(article, page_site)}

    use_keys: dict[int, bytes] = {}  # each row's Use digested once (the Use objects live as long as `uses`)

    def use_key(use: Use) -> bytes:
        if (found := use_keys.get(id(use))) is None:
            found = use_keys[id(use)] = digester.digest(use)
        return found

    def article_inputs(article: Article) -> dict[str, Any]:
        claims = tuple(sorted(briefing.claims.get(article.id, ()), key=lambda c: (c.start, c.end, c.id)))
        # the claims its key gives, less those rejected (not for (): one object, every empty tuple)
        if claims and claim_keys is not None and article.id in claim_keys:
            digester.stand(claims, "\0".join(("claims", claim_keys[article.id], *(c.id for c in claims))).encode())
        mine = {c.id: tuple(uses[c.id]) for c in claims if c.id in uses}
        # the rows each claim is shown in, as their digests: one join per claim, not a walk through each Use
        digester.stand(mine, b"uses\0" + b"".join(
            claim_id.encode() + struct.pack("<BH", 0, len(rows)) + b"".join(map(use_key, rows))
            for claim_id, rows in mine.items()))
        return {"article": article, "claims": claims, "uses": mine}

    topics_named: list[bytes] = []

    def topics_digest() -> bytes:
        """Every topic view's digest (that of its data): what the rows of article and pair pages are cut from,
        and the claims editors rejected."""
        if not topics_named:
            topics_named.append(b"".join(digester.digest(t) for t in topics))
        return topics_named[0]

    def article_quick(article: Article) -> tuple[bytes, str, str, bytes] | None:
        """What an article page's inputs are made from: the article, its claims' key (they are a pure function
        of it) and the ids of those shown, and the topics (the rows showing them); None (no quick key) when
        its claims have no key."""
        if claim_keys is None or article.id not in claim_keys:
            return None
        shown = "\0".join(sorted(c.id for c in briefing.claims.get(article.id, ())))
        return digester.digest(article), claim_keys[article.id], shown, topics_digest()

    for article in briefing.articles:
        writer.page("article.html", "article", article.id, article.path, derive=article_context,
                    lazy=functools.partial(article_inputs, article),
                    quick=functools.partial(article_quick, article) if claim_keys is not None else None,
                    topic_titles=topic_titles)
    writer.page("timeline.html", "timeline", None, "built-in page: timeline", topics=topics,
                entry_titles={e.event.id: tuple(topic_titles[slug] for slug in e.topics) for e in entries},
                months=views.by_month(entries),
                per_topic=[(t, views.by_month(e for e in entries if t.slug in e.topics)) for t in topics], weight=20)
    keys = [s.key for s in summaries]
    writer.page("sources.html", "sources", None, "built-in page: sources", summaries=listed,
                pairs=views.pairs(keys))

    item_keys: dict[int, bytes] = {}
    side_keys: dict[tuple[int, str], bytes] = {}
    head_keys: dict[int, bytes] = {}

    def head_key(kind: str, label: str, date: str | None, item: Figure | Event | Statement) -> bytes:
        """A row's head (kind, label, date: the item's own), digested once for every pair page showing it."""
        if (key := head_keys.get(id(item))) is None:
            key = head_keys[id(item)] = digester.digest((kind, label, date))
        return key

    def side_key(reports: tuple[Report, ...], item: Figure | Event | Statement, source: str) -> bytes:
        """One source's reports in a row, digested once for every pair page showing that row."""
        if (key := side_keys.get((id(item), source))) is None:
            key = side_keys[id(item), source] = digester.digest(tuple(reports[i] for i in item.placed.get(source, ())))
        return key

    def compared(topic: Topic, left: str, right: set[str], left_reports: bool = False) -> views.ComparedRows:
        """A topic's rows for a source or pair page, digested as what they are made of and the sides they are
        cut for (rows are pure functions of both), and made only if the page is rendered: a page's key costs a
        look-up per row, not a walk through every report of every cell. A pair's row is made of its head and
        its two sources' reports (a third source joining it leaves the pair page as it was); a source page's
        row of the whole item (the other side gathers every other source)."""
        sides = digester.digest(("views.compared_items", left, tuple(sorted(right)), left_reports))
        if len(right) == 1 and not left_reports:
            (other,) = right
            heads = views.compared_heads(topic, left, right)
            rows = views.ComparedRows(topic, left, frozenset(right), left_reports, len(heads))
            keys = [head_key(kind, label, date, item) + side_key(reports, item, left)
                    + side_key(reports, item, other) for kind, label, date, reports, item in heads]
        else:
            members = views.compared_members(topic, left, right, left_reports)
            rows = views.ComparedRows(topic, left, frozenset(right), left_reports, len(members))
            keys = []
            for item in members:
                if (key := item_keys.get(id(item))) is None:
                    key = item_keys[id(item)] = digester.digest(item)  # the items live as long as the topics
                keys.append(key)
        digester.stand(rows, b"".join(keys) + sides)
        # what each row is made of and the sides it is cut for: its key for the table macros (fragments.keyed)
        fragments.row_keys[id(rows)] = (tuple(keys), sides)
        return rows

    def source_inputs(summary: views.SourceSummary, others: list[str]) -> dict[str, Any]:
        only = [(_head(t), found) for t in topics
                if (found := tuple(claim_index[i] for i in t.only.get(summary.key, ()) if i in claim_index))]
        # Every claim of a few articles is a page to read; of hundreds, a wall: the latest articles' claims,
        # the others one click away on their article page (all listed above).
        claims = {a.id: tuple(sorted(briefing.claims.get(a.id, ()), key=lambda c: (c.start, c.id)))
                  for a in summary.articles[-SOURCE_CLAIM_ARTICLES:]}
        rows = [(_head(t), compared(t, summary.key, set(others), left_reports=True))
                for t in topics if summary.key in t.source_keys]
        return {"rows": rows, "only": only, "claims": claims}

    def pair_inputs(a: str, b: str) -> dict[str, Any]:
        rows = [(_head(t), compared(t, a, {b})) for t in topics]
        return {"rows": [(t, r) for t, r in rows if r]}

    def source_quick(summary: views.SourceSummary) -> tuple[bytes, str, tuple[tuple[str, str | None], ...]] | None:
        """What a source page's inputs are made from: the topics (its rows, the claims only it reports are
        named there) and its articles' claims keys (those claims are a pure function of them); None when an
        article's claims have no key."""
        named = tuple((a.id, claim_keys.get(a.id)) for a in summary.articles) if claim_keys is not None else ()
        if claim_keys is None or any(key is None for _, key in named):
            return None
        return topics_digest(), summary.key, named

    for summary, shown in zip(summaries, listed, strict=True):
        others = sorted(set(keys) - {summary.key})
        writer.page("source.html", "source", summary.key, f"source '{summary.key}'", weight=20,
                    lazy=functools.partial(source_inputs, summary, others),
                    quick=functools.partial(source_quick, summary), summary=shown, others=others,
                    site_url=safe_url(summary.source.url), recent=shown.articles[-SOURCE_CLAIM_ARTICLES:])
    for a, b in views.pairs(keys):
        writer.page("compare.html", "compare", f"{a}--{b}", f"sources '{a}' and '{b}'", weight=10,
                    lazy=functools.partial(pair_inputs, a, b), quick=topics_digest, a=a, b=b)
    writer.page("search.html", "search", None, "built-in page: search",
                shards=_shards([("people", None)] + [("topic", t.slug) for t in topics]
                               + [("person", p.slug) for p in people], [a.id for a in briefing.articles]))
    writer.page("people.html", "people", None, "built-in page: people", people=people)
    for person in people:
        writer.page("person.html", "person", person.slug, f"speaker '{person.name}'", person=person,
                    topic_titles=topic_titles)
    for page in sorted(briefing.pages, key=lambda p: p.slug):
        writer.page("page.html", "page", page.slug, page.path,
                    derive=lambda _site, given: {"body": markdown_html(given["page"].markdown)}, page=page)
    # Without base_url the 404 page cannot know the site's prefix: it carries its own style.
    extra = {} if site.base_url else {"inline_css": Markup(_stylesheet(config))}
    writer.page("404.html", "404", None, "built-in page: 404", **extra)
    for rel, data in _static_files(config):
        writer.output.add(page_path("static", rel), data, f"templates/{STATIC}/{rel}")
    writer.output.add(page_path("feed"), feeds.atom(config.site.title, site.base_url, site.updated, articles,
                                                    site.sources, site.at(page_path("feed")).url),
                      "built-in page: feed")
    writer.output.add(page_path("robots"), feeds.robots(site.base_url), "built-in page: robots")
    if site.base_url:
        writer.output.add(page_path("sitemap"), feeds.sitemap(site.base_url, writer.output.paths(), site.updated),
                          "built-in page: sitemap")
    targets = writer.output.targets(out, [job.path for job in writer.jobs])

    def before_fork() -> None:  # templates compiled and kept fragments read once here, not in every worker
        for name in sorted({job.recipe[1] for job in writer.jobs if job.recipe[0] == "page"} | {"macros.html"}):
            env.get_template(name)
        store.load()

    if cache is not None:  # compiled templates kept too (Jinja checks each one against its source)
        (cache / "jinja").mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(cache / "jinja"))
    done = jobs.execute(writer.jobs, targets, writer.site_at,
                        rendercache.RenderCache(cache) if cache is not None else None, settings, site.answer,
                        before_fork, digester, (fragments.shared, fragments.absorb), answer_digest=answer_digest)
    store.save()
    publish.write_kept(out, done.kept)
    _VIEWS.clear()  # only now: a failed render keeps the views of the last good one
    _VIEWS.update(views_made)
    if stats is not None:
        stats.rendered, stats.reused, stats.workers = done.rendered, done.reused, done.workers
    return writer.output.write(out)


# The last render's topic views by the digest of their data, with their parts' digests: `serve` renders again
# in one process, and a topic an edit did not touch is then neither read again nor its rows indexed again.
_VIEWS: dict[bytes, tuple[Topic, tuple[tuple[object, bytes], ...]]] = {}


def prefetch(data: Path, cache: Path | None = None) -> None:
    """The views of the topics as the last build wrote them, made while another process loads the model and
    parses an edited article (see extract.workers.meanwhile): an edit leaves most topics as they were, and
    render() takes a view made from the same data (same digest) as made. With the render `cache` folder, its
    kept fragments and manifest are read meanwhile too (render takes them when the files are unchanged)."""
    from extract import datafiles

    if cache is not None:
        rendercache.preread(cache / "fragments.bin", cache / rendercache.MANIFEST)

    # A view is taken only for the same data, so a stale copy costs its reading, never a wrong page.
    digester = Digester()
    for index, (_, topic) in enumerate(sorted(datafiles.last_written(data).items())):  # numbered as render()
        _read_topic(topic, f"topic-{index}", digester, _VIEWS)  # numbers them (only a topic with no slug reads it)


def _read_topic(data: Mapping[str, Any], fallback_slug: str, digester: Digester,
                views_made: dict[bytes, tuple[Topic, tuple[tuple[object, bytes], ...]]]) -> Topic:
    """A topic view whose digest is that of its data, and each of its figures, events and statements that of
    theirs: read_topic is a pure function of them, so pages keyed on a topic or on rows of it digest the data
    in one C call (marshal) rather than every report view again. A view the previous render in this process
    made from the same data is that view again (into `views_made` either way)."""
    if own_slug(data):  # the fallback is not read: a view does not depend on where its topic was listed
        fallback_slug = ""
    key = digester.digest(("read_topic", data, fallback_slug))
    found = _VIEWS.get(key)
    if found is None:
        parts: list[tuple[object, bytes]] = []
        digests: dict[int, bytes] = {}
        rows = _rows_seen()

        def known(source: object) -> object | None:  # a row the last views made from the same data
            digest = digests[id(source)] = digester.digest(("read_topic", source, fallback_slug))
            return rows.get(digest)

        def made(view: object, source: object) -> None:
            digest = digests.pop(id(source))
            digester.remember(view, digest)
            parts.append((view, digest))

        topic = read_topic(data, fallback_slug, made=made, known=known)
        found = (topic, tuple(parts))
    else:
        for view, digest in found[1]:
            digester.remember(view, digest)
    digester.remember(found[0], key)
    views_made[key] = found
    return found[0]


def _rows_seen() -> dict[bytes, object]:
    """Every figure, event and statement view of the last render's topics (or those prefetched), by the digest
    of what it was made from: a topic an edit changed is read again, but most of its rows are the same."""
    return {digest: view for _, parts in _VIEWS.values() for view, digest in parts}


@dataclass(frozen=True)
class TopicHead:
    """A topic as a heading and a link: all that source and comparison pages show of it."""

    slug: str
    title: str


def _shards(pages: Sequence[tuple[str, str | None]], articles: Sequence[str]) -> list[str]:
    """The search bundles that have pages, sorted: those of `pages`, and of the articles until every article
    shard has one (a thousand articles fill the SEARCH_SHARDS shards within their first hundred or so)."""
    found = {search_bundle(page_path(kind, key)) for kind, key in pages}
    shards: set[str] = set()
    for article in articles:
        shards.add(search_bundle(page_path("article", article)))
        if len(shards) == SEARCH_SHARDS:
            break
    return sorted((found | shards) - {""})


def _joined(fixed: Mapping[str, Any], lazy: Callable[[], Mapping[str, Any]]) -> dict[str, Any]:
    """A page's inputs: those given at once, then those made where it is checked."""
    return {**fixed, **lazy()}


def _joined_quick(fixed: Mapping[str, Any], quick: Callable[[], Any]) -> tuple[Mapping[str, Any], Any] | None:
    """A page's quick key material: the inputs given at once and what names those made where it is checked;
    None when `quick` names nothing (the page then has no quick key)."""
    named = quick()
    return None if named is None else (fixed, named)


def _head(topic: Topic) -> TopicHead:
    return TopicHead(topic.slug, topic.title)


def _site_digest(site: Site, config: Config) -> str:
    """The settings every page may read directly (title, language, navigation, update date…)."""
    scalars = {f.name: getattr(site, f.name) for f in fields(site)
               if f.name not in ("sources", "articles", "marked", "people", "notes", "record", "current", "absolute")}
    return Digester().hexdigest((scalars, config.site))


def _furniture(article: Article) -> list[Span]:
    """Page furniture spans, shown de-emphasised rather than dropped so the text stays whole."""
    return [Span(start, end, None, "furniture") for start, end in article.furniture
            if 0 <= start < end <= len(article.text)]


def _stylesheet(config: Config) -> str:
    """The stylesheet to inline in 404.html; '</' escaped so it cannot close the <style> element."""
    css = dict(_static_files(config)).get("style.css", b"").decode("utf-8")
    return css.replace("</", "<\\/")


def _claim_index(briefing: Briefing) -> dict[str, Claim]:
    """Every claim by id, for pages that list claims named in topic data."""
    return {c.id: c for claims in briefing.claims.values() for c in claims}

