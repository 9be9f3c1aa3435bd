"""Cross-page views derived from the briefing: sources, pairwise comparisons, people, the timeline."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import combinations

from extract.models import Article, Briefing, Claim, Source
from render.formats import date_order, parse_partial, period
from render.paths import slugify
from render.topics import Event, Figure, Report, Statement, Topic, bounds


@dataclass(frozen=True)
class SourceSummary:
    """A source with what it covers: its articles, claim count and the topics it appears in."""

    key: str
    source: Source
    articles: tuple[Article, ...]
    claims: int
    topics: tuple[str, ...]

    @property
    def named(self) -> bool:
        """Whether its articles name the outlet, listed in content/sources.yaml or not: only an article that
        names none is an unidentified source."""
        return self.source.known or not self.key.startswith("unknown-")


# A cell shows a source's earliest report (who said it first), its latest ones, and counts those between.
CELL_FIRST, CELL_LAST = 1, 2


@dataclass(frozen=True)
class Cell:
    """A comparison cell as shown: the earliest reports, how many are left out between, the latest ones."""

    head: tuple[Report, ...]
    skipped: int
    tail: tuple[Report, ...]

    def __bool__(self) -> bool:
        return bool(self.head)


@dataclass(frozen=True)
class ShownRow:
    """A compared row as source and comparison pages show it: bounded cells, and nothing else derived from
    the row's members, so these pages render again only when what they show changes."""

    kind: str
    label: str
    date: str | None
    verdict: str
    left: Cell
    right: Cell


def cell(reports: Sequence[Report] | Cell, keep: Container[str] = ()) -> Cell:
    """A source's reports on one row, bounded: with hundreds of articles a cell would hold hundreds of
    sentences; the earliest and the latest tell how the source's account began and where it stands, and
    reports in `keep` (new since the previous build) are never left out."""
    if isinstance(reports, Cell):
        return reports
    if len(reports) <= CELL_FIRST + CELL_LAST + 1:
        return Cell(tuple(reports), 0, ())
    middle = reports[CELL_FIRST:-CELL_LAST]
    kept = tuple(r for r in middle if r.claim_id in keep)
    return Cell(tuple(reports[:CELL_FIRST]), len(middle) - len(kept), kept + tuple(reports[-CELL_LAST:]))


@dataclass(frozen=True)
class Person:
    """A speaker with their statements across sources (merged ones first, then the rest)."""

    slug: str
    name: str
    statements: tuple[Statement, ...]
    loose: tuple[Claim, ...]  # quotes no topic merged into a statement

    @property
    def count(self) -> int:
        """Statements shown on the person's page."""
        return len(self.statements) + len(self.loose)


@dataclass(frozen=True)
class TimelineEntry:
    """An event once, whatever the number of topics it belongs to."""

    event: Event
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Month:
    """A timeline group: events of one month (or of one year when only the year is known)."""

    key: str
    entries: tuple[TimelineEntry, ...]


def sort_key_published(article: Article) -> tuple[str, str]:
    """Articles by date (undated first) then id, for stable lists."""
    return (article.published or "", article.id)


def source_summaries(briefing: Briefing, topics: Sequence[Topic]) -> tuple[SourceSummary, ...]:
    """Every source that has an article or a topic column, sorted by key."""
    by_key = {s.id: s for s in briefing.sources}
    articles: dict[str, list[Article]] = {}
    for article in briefing.articles:
        articles.setdefault(article.source_key, []).append(article)
    keys = set(articles) | {k for t in topics for k in t.source_keys}
    summaries = []
    for key in sorted(keys):
        mine = sorted(articles.get(key, []), key=sort_key_published)
        source = by_key.get(key) or _topic_source(key, topics)
        if not source.known:
            # Every unknown outlet is "Source inconnue" (the topic data may add the title): the site
            # tells them apart by their article's date, the title going to a tooltip (Site.source_note).
            source = replace(source, name=source.name.split(" — ", 1)[0])
        summaries.append(SourceSummary(
            key=key, source=source, articles=tuple(mine),
            claims=sum(len(briefing.claims.get(a.id, ())) for a in mine),
            topics=tuple(t.slug for t in topics if key in t.source_keys)))
    return tuple(summaries)


def _topic_source(key: str, topics: Sequence[Topic]) -> Source:
    for topic in topics:
        for column in topic.sources:
            if column.key == key:
                return Source(id=key, name=column.name, known=column.known)
    return Source(id=key, name=key, known=False)


def _figure_verdict(left: Sequence[Report], right: Sequence[Report]) -> str:
    left = [r for r in left if not r.rejected]
    right = [r for r in right if not r.rejected]
    if not left:
        return "only_right"
    if not right:
        return "only_left"
    return "agree" if _any_overlap(left, right) else "differ"


def _any_overlap(left: Sequence[Report], right: Sequence[Report]) -> bool:
    """Whether some value on the left shares a value with some value on the right (as `overlaps` reads
    them), in n log n: a source against all others on a figure of thousands of values is millions of pairs."""
    if any(r.interval is None for r in left) or any(r.interval is None for r in right):
        return True  # an unknown interval overlaps everything
    spans = sorted(bounds(r.interval) for r in right)  # type: ignore[arg-type]
    lows = [low for low, _ in spans]
    reach, highest = [], float("-inf")
    for _, high in spans:  # the highest top among the spans starting at or before each one
        highest = max(highest, high)
        reach.append(highest)
    for report in left:
        low, high = bounds(report.interval)  # type: ignore[arg-type]
        starts = bisect_right(lows, high)  # right spans starting no later than this one ends
        if starts and reach[starts - 1] >= low:
            return True
    return False


def compared(topic: Topic, left: str, right: Collection[str], left_reports: bool = False) -> list[ShownRow]:
    """The topic's rows that `left`'s source or one of `right`'s reports (with `left_reports`, those `left`
    reports: a source's page against all the others), side by side, each side's cell cut by cell(): picked
    from where each source stands in the row, so a row is not filtered again for every source and pair page."""
    return [row for _, row in compared_items(topic, left, right, left_reports)]


def compared_items(topic: Topic, left: str, right: Collection[str], left_reports: bool = False
                   ) -> list[tuple[Figure | Event | Statement, ShownRow]]:
    """compared()'s rows, each with the item it shows: a row is a pure function of its item and the sides."""
    rows: list[tuple[Figure | Event | Statement, ShownRow]] = []
    for kind, label, date, reports, item, mine, theirs, count in _members(topic, left, right, left_reports):
        if kind == "figure":
            verdict = _figure_verdict([reports[i] for i in mine], [reports[i] for group in theirs for i in group])
        else:
            verdict = "both" if mine and count else ("only_left" if mine else "only_right")
        rows.append((item, ShownRow(kind, label, date, verdict, _picked_one(reports, mine),
                                    _picked(reports, theirs, count))))
    return rows


@dataclass(frozen=True, eq=False)
class ComparedRows:
    """compared()'s rows for one page, made when the page is rendered: its key needs only the items shown
    and the sides (see compared_members). Iterates, counts and tests true like the list it stands for."""

    topic: Topic
    left: str
    right: frozenset[str]
    left_reports: bool
    size: int  # how many rows: len(compared_members(...))

    @cached_property
    def rows(self) -> list[ShownRow]:
        """The rows themselves."""
        return compared(self.topic, self.left, self.right, self.left_reports)

    def __iter__(self) -> Iterator[ShownRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return self.size

    def __bool__(self) -> bool:
        return self.size > 0


def compared_members(topic: Topic, left: str, right: Collection[str], left_reports: bool = False
                     ) -> list[Figure | Event | Statement]:
    """The items compared_items() makes rows of, in its order, without making the rows: what a page shows
    is known from them and the sides (a row is a pure function of both)."""
    return [member[4] for member in _members(topic, left, right, left_reports)]


def compared_heads(topic: Topic, left: str, right: Collection[str], left_reports: bool = False
                   ) -> list[tuple[str, str, str | None, tuple[Report, ...], Figure | Event | Statement]]:
    """compared_members() with each row's kind, label, date and reports: a pair's row is a pure function of these and
    the reports of its two sources, so a page comparing two sources need not change when a third joins."""
    return [member[:5] for member in _members(topic, left, right, left_reports)]


def _members(topic: Topic, left: str, right: Collection[str], left_reports: bool) -> Iterator[tuple[
        str, str, str | None, tuple[Report, ...], Figure | Event | Statement, tuple[int, ...],
        list[tuple[int, ...]], int]]:
    """The rows `left` or `right` report (with `left_reports`, those `left` reports), each with where each
    side stands in it: `left`'s positions, those of each source of `right`, and how many those are."""
    reported = topic.rows_of
    visited = reported.get(left, ()) if left_reports else sorted(
        {i for source in (left, *right) for i in reported.get(source, ())})
    for kind, label, date, reports, item in map(topic.rows.__getitem__, visited):
        placed = item.placed
        mine = placed.get(left, ())
        if not mine and left_reports:
            continue
        theirs = [positions for source, positions in placed.items() if source in right]
        count = sum(map(len, theirs))
        if not mine and not count:
            continue
        yield kind, label, date, reports, item, mine, theirs, count


def _picked_one(reports: tuple[Report, ...], positions: tuple[int, ...]) -> Cell:
    """cell() of the reports at `positions` (in row order)."""
    if len(positions) <= CELL_FIRST + CELL_LAST + 1:
        return Cell(tuple(reports[i] for i in positions), 0, ())
    return Cell(tuple(reports[i] for i in positions[:CELL_FIRST]), len(positions) - CELL_FIRST - CELL_LAST,
                tuple(reports[i] for i in positions[-CELL_LAST:]))


def _picked(reports: tuple[Report, ...], groups: Sequence[tuple[int, ...]], count: int) -> Cell:
    """cell() of the reports at the positions in `groups` (each in row order), without gathering them all."""
    if len(groups) == 1:
        return _picked_one(reports, groups[0])
    if count <= CELL_FIRST + CELL_LAST + 1:
        return Cell(tuple(reports[i] for i in sorted(i for group in groups for i in group)), 0, ())
    head = sorted(i for group in groups for i in group[:CELL_FIRST])[:CELL_FIRST]
    tail = sorted(i for group in groups for i in group[-CELL_LAST:])[-CELL_LAST:]
    return Cell(tuple(reports[i] for i in head), count - CELL_FIRST - CELL_LAST, tuple(reports[i] for i in tail))


def pairs(keys: Iterable[str]) -> list[tuple[str, str]]:
    """Every unordered pair of sources once, as (a, b) with a < b."""
    return list(combinations(sorted(set(keys)), 2))


def people(briefing: Briefing, topics: Sequence[Topic]) -> tuple[Person, ...]:
    """Speakers grouped by name slug (spelling variants meet on one page), with their statements."""
    names: dict[str, Counter[str]] = {}
    statements: dict[str, dict[str, Statement]] = {}
    merged: set[str] = set()
    for topic in topics:
        for statement in topic.statements:
            slug = slugify(statement.speaker)
            names.setdefault(slug, Counter())[statement.speaker] += len(statement.reports)
            key = statement.id or f"{topic.slug}-{len(merged)}"
            statements.setdefault(slug, {}).setdefault(key, statement)
            merged.update(r.claim_id for r in statement.reports)
    loose: dict[str, list[Claim]] = {}
    for article_id in sorted(briefing.claims):
        for claim in briefing.claims[article_id]:
            if claim.kind != "quote" or not claim.speaker:
                continue
            slug = slugify(claim.speaker)
            if claim.id in merged and slug not in names:
                continue  # on its statement's page, under the speaker's name there: no page of its own, empty
            names.setdefault(slug, Counter())[claim.speaker] += 1
            if claim.id not in merged:
                loose.setdefault(slug, []).append(claim)
    result = []
    for slug in sorted(names):
        name = sorted(names[slug].items(), key=lambda item: (-item[1], item[0]))[0][0]
        mine = sorted(_not_repeated(statements.get(slug, {}).values()),
                      key=lambda s: (s.reports[0].sort_key if s.reports else ("", "", ""), s.id))
        rest = sorted(loose.get(slug, []), key=lambda c: (c.article_id, c.start, c.id))
        result.append(Person(slug=slug, name=name, statements=tuple(mine), loose=tuple(rest)))
    return tuple(result)


def _not_repeated(statements: Iterable[Statement]) -> list[Statement]:
    """A statement once on its speaker's page, though several topics show it: one whose reports all
    appear in another kept statement is left out (the larger wins, then the first by id)."""
    ordered = sorted(statements, key=lambda s: (-len(s.reports), s.id))
    kept: list[Statement] = []
    for statement in ordered:
        claims = {r.claim_id for r in statement.reports}
        if not any(claims <= {r.claim_id for r in other.reports} for other in kept):
            kept.append(statement)
    return kept


def timeline_entries(topics: Sequence[Topic]) -> tuple[TimelineEntry, ...]:
    """Every event once, with the topics it belongs to, in date order."""
    events: dict[str, Event] = {}
    belongs: dict[str, set[str]] = {}
    for topic in topics:
        for event in topic.events:
            events.setdefault(event.id, event)
            belongs.setdefault(event.id, set()).add(topic.slug)
    entries = [TimelineEntry(events[i], tuple(sorted(belongs[i]))) for i in events]
    return tuple(sorted(entries, key=lambda e: (date_order(e.event.date), e.event.id)))


def happened(entry: TimelineEntry, updated: str | None) -> bool:
    """Whether an event could have taken place when it was reported and by the update date: one dated
    after every report of it (or after the update) was announced, not seen — "janvier 2025" in December."""
    when = period(entry.event.date)
    if when is None:
        return False
    limits = [span[1] for r in entry.event.reports if (span := period(r.published))]
    limit = max(limits) if limits else None
    update = period(updated)
    if update is not None:
        limit = update[1] if limit is None else min(limit, update[1])
    return limit is None or when[0] <= limit


def latest_and_announced(entries: Sequence[TimelineEntry], updated: str | None, count: int = 6
                         ) -> tuple[tuple[TimelineEntry, ...], tuple[TimelineEntry, ...]]:
    """The home page's lists: the last events that had happened, newest first, and those only
    announced (dated after their reports), soonest first."""
    past = [e for e in entries if happened(e, updated)]
    announced = [e for e in entries if e.event.date and not happened(e, updated)]
    return tuple(reversed(past))[:count], tuple(announced)[:count]


def month_key(date: str | None) -> str:
    """The group an event falls in: its month, its year when that is all we know, '' when undated."""
    if not date:
        return ""
    parsed = parse_partial(date.split("/", 1)[0])
    return parsed.month_key if parsed else ""


def by_month(entries: Iterable[TimelineEntry]) -> tuple[Month, ...]:
    """Entries grouped by month in date order; undated ones last."""
    groups: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        groups.setdefault(month_key(entry.event.date), []).append(entry)
    keys = sorted(groups, key=lambda k: (k == "", k))
    return tuple(Month(k, tuple(groups[k])) for k in keys)
