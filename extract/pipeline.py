"""The build in stage order: read content, extract (cached), cross-reference, render, then write data and site."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extract import cache, changes, datafiles, ingest
from extract import config as config_module
from extract import sources as sources_module
from extract.errors import InputError, Problem
from extract.models import Article, Briefing, Claim, Page, Source
from extract.summary import Summary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Content:
    """Everything read from content/ and config.yaml, before any NLP."""

    config: config_module.Config
    articles: tuple[Article, ...]
    sources: tuple[Source, ...]
    topics: tuple[Any, ...]
    pages: tuple[Page, ...]
    reviews: dict[str, Any]
    warnings: tuple[Problem, ...]


def _collect(problems: list[Problem], step: Callable[[], Any], default: Any) -> Any:
    """Run one reading step, keeping its problems so that every bad file is reported in one run."""
    try:
        return step()
    except InputError as exc:
        problems.extend(exc.problems)
        return default


def read_pages(content: Path) -> tuple[Page, ...]:
    """Free Markdown pages: title from the first '# ' heading, slug from the file name."""
    folder = content / "pages"
    pages = []
    problems: list[Problem] = []
    paths, skipped = ingest.input_files(folder, (".md",), "content/pages")
    for problem in skipped:
        log.warning("%s", problem)
    for path in paths:
        shown = f"content/pages/{path.name}"
        try:
            text, _ = ingest.clean_text(ingest.decode(path.read_bytes(), shown))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        first = text.lstrip().split("\n", 1)[0]
        if not first.startswith("# "):
            problems.append(Problem(shown, "first line must be the page title (expected '# Title')", 1, 1))
            continue
        body = text.lstrip().split("\n", 1)[1] if "\n" in text.strip() else ""
        pages.append(Page(slug=ingest.slug_of(path.stem), title=first[2:].strip(), markdown=body, path=shown))
    if problems:
        raise InputError(problems)
    return tuple(pages)


def read_content(root: Path, base_url: str | None = None, memo: bool = False) -> Content:
    """Read and validate all inputs; raises InputError listing every problem of every file. With `memo`
    (the build), articles whose bytes did not change are taken from .cache/articles.bin."""
    from extract import reviews, topics

    config = config_module.load(root, base_url)
    problems: list[Problem] = []
    read_warnings: list[Problem] = []
    memo_file = root / ".cache" / "articles.bin" if memo else None
    articles = _collect(problems, lambda: ingest.read_articles(config.content, root, config.extract.default_lang,
                                                               read_warnings, memo_file), [])
    known = _collect(problems, lambda: sources_module.load(config.content), ())
    topic_memo = root / ".cache" / "topics.bin" if memo else None
    topic_defs = _collect(problems, lambda: tuple(topics.load(config.content, topic_memo)), ())
    pages = _collect(problems, lambda: read_pages(config.content), ())
    review_map = _collect(problems, lambda: reviews.load(config.content / "reviews.yaml"), {})
    if problems:  # the warnings too: a failed build still tells what it skipped
        raise InputError(problems + read_warnings)
    articles, columns, warnings = sources_module.resolve(articles, known)
    warnings = read_warnings + warnings
    for article in articles:
        if article.published is None:
            warnings.append(Problem(article.path, "publication date unknown: its relative dates are not resolved",
                                    severity="warning"))
    return Content(config, tuple(articles), columns, topic_defs, pages, review_map, tuple(warnings))


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None]]:
    """A function that advances a progress bar by n items, drawn on a terminal only."""
    show = sys.stderr.isatty() and total > 3
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if show:
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\rparsing [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stderr.flush()

    try:
        yield advance
    finally:
        if show and done:
            sys.stderr.write("\n")


def extract_all(articles: tuple[Article, ...], root: Path, model: str, summary: Summary | None = None,
                workers: int | None = None, memo: bool = False, keys: dict[str, str] | None = None
                ) -> dict[str, tuple[Claim, ...]]:
    """Claims of every article: from the cache when unchanged, else parsed (spaCy loads only then).

    With `memo` (the build, which sees every article), the claims of all articles are also kept in one
    file (.cache/claims-memo.bin) read at once next time instead of one cache file per article. `keys`, when
    given, receives each article's cache key (the name of its claims, for cross-referencing).

    Misses are extracted in `workers` processes (default: RECOUPE_WORKERS, else one per usable CPU) when
    there are enough of them; each finished chunk is cached at once by this process (atomic writes), so an
    interrupted build keeps what it finished.
    """
    from extract import workers as workers_module

    folder = root / ".cache"
    remembered = cache.ClaimsMemo(folder) if memo else None
    found: dict[str, tuple[Claim, ...]] = {}
    misses: list[tuple[Article, str]] = []
    for article in articles:
        key = cache.key(article, model)
        if keys is not None:
            keys[article.id] = key
        hit = remembered.get(key) if remembered is not None else None
        if hit is None:
            hit = cache.get(folder, key)
            if hit is not None and remembered is not None:
                remembered.add(key, hit)
        if hit is None:
            misses.append((article, key))
        else:
            found[article.id] = hit
    if misses:
        results: list[tuple[Claim, ...] | None] = [None] * len(misses)
        count = workers_module.worker_count(workers)
        chunks = workers_module.extract([a for a, _ in misses], model, count)
        with _progress(len(misses)) as advance, contextlib.closing(chunks):
            for indices, claims in chunks:
                for index, result in zip(indices, claims, strict=True):
                    stored = cache.put(folder, misses[index][1], result)
                    if remembered is not None:
                        remembered.add(misses[index][1], stored)
                    results[index] = result
                advance(len(indices))
        for (article, _), result in zip(misses, results, strict=True):
            assert result is not None, "every miss is extracted"
            found[article.id] = result
    if remembered is not None:
        remembered.save()
    if summary is not None:
        summary.parsed += len(misses)
        summary.cached += len(articles) - len(misses)
    return found


def claims_for_file(root: Path, path: Path, published: str | None = None) -> tuple[Claim, ...]:
    """Claims of one article file anywhere on disk (the `claims` command), with an optional date override."""
    config = config_module.load(root)
    if not path.is_file():
        raise InputError([Problem(str(path), "no such file (expected an article .md or .txt)")])
    article = ingest.read_article(path, root, config.extract.default_lang, display=path.as_posix())
    if published is not None:
        problems: list[Problem] = []
        value = ingest._published(published, "--published", None, problems)
        if problems:
            raise InputError(problems)
        article = dataclasses.replace(article, published=value)
    return extract_all((article,), root, config.extract.model)[article.id]


def updated_date(articles: tuple[Article, ...]) -> str | None:
    """The date of the last update: SOURCE_DATE_EPOCH when set, else the latest article date (no clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    dates = sorted(a.published for a in articles if a.published)
    return dates[-1] if dates else None


def cross_reference(content: Content, claims: dict[str, tuple[Claim, ...]], previous: dict[str, Any],
                    keys: dict[str, str] | None = None, cache_dir: Path | None = None,
                    made_of: dict[str, str] | None = None, origins: Mapping[str, str] | None = None,
                    makers: Mapping[str, str] | None = None, names: Mapping[str, Any] | None = None,
                    entries: dict[str, dict[str, str]] | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """Per-topic data with editors' reviews applied on top; `changes` kept until the claims change again.

    With the articles' claims keys and a cache folder, the topics' verdicts on unchanged articles are kept
    between builds (see crossref.MatchMemo). With `made_of` and `origins` (the digests of the data files
    `previous` was read from, see datafiles.read_topics) too, `made_of` receives what each topic's finished
    data is made of (see _made_of), and a topic made of what its untouched data file was made of is that
    data again, not built. With `makers` and `names` (the code each topic's copy was made by, and what each of
    its entries is made of, see datafiles.read_topics), a topic built again takes the figures, events and
    statements made of the same from its previous data when that is the build's own copy, made by this very code
    (see crossref.build's `finished`); `entries` receives what the entries of each topic built are made of, but
    for a topic a review changed."""
    from extract import crossref, reviews

    matches = crossref.MatchMemo(cache_dir, keys) if keys is not None and cache_dir is not None else None
    kept = None
    if matches is not None and made_of is not None and origins is not None:
        written = datafiles.written_from(content.config.data, origins)

        def take(slug: str, key: str, old: Mapping[str, Any] | None) -> dict[str, Any] | None:
            again = written(slug, _made_of(key, old.get("changes") if old is not None else FIRST_CHANGES), old)
            if again is None or (content.reviews and any(c in content.reviews for c in crossref.claim_ids(again))):
                return None
            return again

        kept = crossref.Kept(take, repr(sorted(content.reviews.items())))

    def finished(slug: str) -> crossref.Finished | None:  # the topic's data as this code finished it last
        if makers is None or origins is None or names is None:
            return None
        if slug in previous:
            if slug in origins and makers.get(slug) == crossref.maker() and isinstance(names.get(slug), dict):
                return previous[slug], names[slug]
            return None
        return datafiles.copy_made_by(content.config.data, slug, crossref.maker())  # a file too large to read

    topic_data = crossref.build(list(content.topics), list(content.articles), claims, list(content.sources),
                                previous, matches, kept, finished, entries)
    problems: list[Problem] = []
    reviewed: dict[str, Any] = {}
    for slug, data in topic_data.items():
        if kept is not None and slug in kept.reused:  # the last build's finished data: reviewed, changes kept
            reviewed[slug] = data
            continue
        shown = crossref.claim_ids(data)
        if any(claim_id in shown for claim_id in content.reviews):
            data, found = reviews.apply(data, content.reviews)
            if entries is not None:  # its entries are no longer what they were made of alone
                entries.pop(slug, None)
        else:  # no decision concerns it: build already gave the finished data apply would give again
            found = []
        old = previous.get(slug)
        if old is not None and _without_changes(old) == _without_changes(data):
            data = {**data, "changes": old.get("changes", data.get("changes"))}
        else:
            data = {**data, "changes": changes.describe(data, old is not None)}
        problems.extend(found)
        reviewed[slug] = data
    if kept is not None and made_of is not None:
        made_of.update((slug, _made_of(key, reviewed[slug].get("changes"))) for slug, key in kept.plans.items())
    known_ids = {c.id for items in claims.values() for c in items}
    for claim_id in sorted(set(content.reviews) - known_ids):
        problems.append(Problem("content/reviews.yaml", f"review of claim {claim_id} whose claim no longer exists "
                                                        "(expected a current claim id)", severity="warning"))
    return reviewed, _unique(problems)


FIRST_CHANGES = changes.describe({}, False)  # a topic's changes when no previous data was read


def _made_of(plan: str, topic_changes: Any) -> str:
    """What a topic's finished data is made of: its plan key (crossref.plan_key, the reviews included) and its
    `changes`, the one part that depends on the previous data."""
    material = json.dumps([plan, topic_changes], ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(material.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            out.append(problem)
    return out


def _without_changes(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "changes"}


def prepare(root: Path, strict: bool = False, base_url: str | None = None, freeze: bool = False
            ) -> tuple[Content, Briefing, dict[str, Any], Summary]:
    """Every stage up to rendering: read, extract (cached), cross-reference; nothing written but the cache.

    With `freeze` (the build, which unfreezes when it ends), what each stage made is moved out of the
    collector's sight (gc.freeze): it lives to the end of the build, and scanning it again at every full
    collection took a third of the time of the stages after it."""
    summary = Summary()
    clock = time.perf_counter()
    content = read_content(root, base_url, memo=True)
    summary.timings["read"] = time.perf_counter() - clock
    if freeze:
        gc.freeze()
    summary.articles = len(content.articles)
    clock = time.perf_counter()
    keys = summary.keys
    claims = extract_all(content.articles, root, content.config.extract.model, summary, memo=True, keys=keys)
    summary.timings["extract"] = time.perf_counter() - clock
    if freeze:
        gc.freeze()
    for items in claims.values():
        summary.claims.update(c.kind for c in items)
    clock = time.perf_counter()
    origins: dict[str, str] = {}
    makers: dict[str, str] = {}
    names: dict[str, Any] = {}
    previous = datafiles.read_topics(content.config.data, origins, makers, names)
    topic_data, problems = cross_reference(content, claims, previous, keys, root / ".cache", summary.made_of,
                                           origins, makers, names, summary.entries)
    summary.timings["cross-reference"] = time.perf_counter() - clock
    if freeze:
        gc.freeze()
    warnings = list(content.warnings) + problems
    if strict and warnings:
        raise InputError([dataclasses.replace(w, severity="error") for w in warnings])
    summary.warnings = warnings
    summary.topics = len(topic_data)
    summary.changes = datafiles.describe_changes(
        {slug: data for slug, data in topic_data.items()
         if slug not in previous or _without_changes(previous[slug]) != _without_changes(data)})
    briefing = Briefing(
        articles=content.articles,
        claims=claims,
        sources=content.sources,
        topics=tuple(topic_data[slug] for slug in sorted(topic_data)),
        pages=content.pages,
        updated=updated_date(content.articles),
    )
    return content, briefing, topic_data, summary


def write_data(content: Content, briefing: Briefing, topic_data: dict[str, Any],
               keys: dict[str, str] | None = None, made_of: dict[str, str] | None = None,
               entries: Mapping[str, Mapping[str, str]] | None = None) -> int:
    """Write the data/ seam (only files whose bytes changed); returns how many files were written. `keys`
    (the build's claims keys, Summary.keys) spare building the data of articles written already, `made_of`
    (each topic's plan key, Summary.made_of) digesting the data of topics written already; `entries`
    (Summary.entries) is kept with the topics' copies for the next build's cross-reference."""
    from extract import crossref

    return datafiles.write(content.config.data, content.articles, briefing.claims, topic_data, keys, made_of,
                           crossref.maker(), entries)


def check(root: Path) -> tuple[list[Problem], str]:
    """Validate everything without writing: errors, warnings, and claims that fit no topic."""
    from extract import crossref

    content = read_content(root)
    problems = list(content.warnings)
    lines = []
    for article in content.articles:
        if article.source_id is None:
            problems.append(Problem(article.path, "source unknown", severity="warning"))
    folder = root / ".cache"
    model = content.config.extract.model
    misses = [a for a in content.articles if cache.get(folder, cache.key(a, model)) is None]
    if misses:
        lines.append(f"{len(misses)} article(s) not yet extracted: run build.py build to see their claims")
    claims = {}
    for article in content.articles:
        hit = cache.get(folder, cache.key(article, model))
        if hit is not None:
            claims[article.id] = hit
    previous = datafiles.read_topics(content.config.data)
    _, found = cross_reference(content, claims, previous) if claims else ({}, [])
    problems += found
    loose = crossref.unassigned([c for items in claims.values() for c in items], list(content.topics))
    if loose:
        lines.append(f"{len(loose)} claim(s) fit no topic:")
        for claim, terms in loose:
            lines.append(f"  {claim.article_id}: {claim.text[:70]!r} — terms: {', '.join(terms[:6])}")
    lines.append(f"checked {len(content.articles)} articles, {len(content.topics)} topics, "
                 f"{len(content.sources)} sources, {len(content.reviews)} reviews")
    return _unique(problems), "\n".join(lines)
