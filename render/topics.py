"""Topic data dicts (data/topics/<slug>.yaml) read defensively into typed views: a missing key shows less."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache, partial
from typing import Any, TypeVar

from markupsafe import Markup

from render.formats import date_order, iso_text, parse_partial, partial_period
from render.markup import markdown_html

T = TypeVar("T")

STATUSES = ("consistent", "divergent", "evolving", "unconfirmed", "single", "empty")


def _get(data: object, key: str) -> Any:
    # Plain dicts first: topic data holds tens of thousands of them, and the Mapping check is slow.
    if type(data) is dict or isinstance(data, Mapping):
        return data.get(key)  # type: ignore[union-attr]
    return None


def _map(data: object, key: str) -> Mapping[str, Any]:
    value = _get(data, key)
    return value if isinstance(value, Mapping) else {}


def _list(data: object, key: str) -> list[Any]:
    value = _get(data, key)
    return list(value) if isinstance(value, (list, tuple)) else []


def _text(data: object, key: str) -> str | None:
    value = _get(data, key)
    if type(value) is str:
        return value
    if value is None or isinstance(value, (Mapping, list, tuple)):
        return None
    return str(value)


def _number(data: object, key: str) -> int | float | None:
    value = _get(data, key)
    if type(value) is int or type(value) is float:
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def _strings(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values if v is not None and not isinstance(v, (Mapping, list)))


Interval = tuple[float | None, float | None]


@dataclass(frozen=True)
class Report:
    """One source's claim inside a topic row (a figure value, an event report or a statement's wording)."""

    claim_id: str
    article_id: str
    source: str
    published: str | None
    text: str
    sentence: str
    hedged: bool = False
    claimant: str | None = None
    value: int | float | None = None
    low: int | float | None = None
    high: int | float | None = None
    qualifier: str | None = None
    interval: Interval | None = None
    first: str = ""  # yes | tie | no | "" when unknown
    expression: str | None = None
    quote: str | None = None
    direct: bool | None = None
    verb: str | None = None
    review_action: str | None = None
    review_note: str | None = None
    divergent: bool = False
    as_of: str | None = None  # a figure stated on an earlier date its sentence opens with

    @property
    def rejected(self) -> bool:
        """An editor rejected it: it stays in the data, and the site hides it."""
        return self.review_action == "reject"

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """Publication order, undated last, then article and claim for a stable tie-break."""
        return (self.published or "9999", self.article_id, self.claim_id)


def _interval(raw: Mapping[str, Any]) -> Interval | None:
    """The claim as an interval, from data when given, else from value and qualifier as the schema says."""
    given = raw.get("interval")
    if isinstance(given, (list, tuple)) and len(given) == 2:
        low, high = given
        if all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in (low, high)):
            return (low, high)
    low, high, value = _number(raw, "low"), _number(raw, "high"), _number(raw, "value")
    if low is not None or high is not None:
        return (low, high)
    if value is None:
        return None
    qualifier = _text(raw, "qualifier")
    if qualifier == "approx":
        return (value * 0.9, value * 1.1)
    if qualifier == "at_most":
        return (0, value)
    if qualifier == "at_least":
        return (value, None)
    return (value, value)


def overlaps(a: Interval | None, b: Interval | None) -> bool:
    """Two intervals (None bounds are open) share at least one value."""
    if a is None or b is None:
        return True
    a_low, a_high = a[0] if a[0] is not None else float("-inf"), a[1] if a[1] is not None else float("inf")
    b_low, b_high = b[0] if b[0] is not None else float("-inf"), b[1] if b[1] is not None else float("inf")
    return a_low <= b_high and b_low <= a_high


_FIRST = {"yes": "yes", "tie": "tie", "no": "no", True: "yes", False: "no"}
_TEXTS = ("article", "source", "text", "sentence", "claimant", "qualifier", "expression", "quote", "verb")
_NUMBERS = ("value", "low", "high")
_TEXT_TYPES = frozenset({str, type(None)})
_NUMBER_TYPES = frozenset({int, float, type(None)})
_REVIEW_TYPES = frozenset({dict, type(None)})


def _report(raw: object) -> Report | None:
    """A report view; data as the cross-reference writes it (a dict of plain fields) is read field by field
    in one pass, anything else goes through the defensive reading below, which gives the same report."""
    if type(raw) is not dict:
        return _report_checked(raw)
    get = raw.get
    claim, review, interval, published = get("claim"), get("review"), get("interval"), get("published")
    as_of = get("as_of")
    texts, numbers = list(map(get, _TEXTS)), list(map(get, _NUMBERS))
    if (type(claim) is not str or not claim or not _TEXT_TYPES.issuperset(map(type, texts))
            or not _NUMBER_TYPES.issuperset(map(type, numbers)) or type(review) not in _REVIEW_TYPES
            or type(published) not in _TEXT_TYPES or type(as_of) not in _TEXT_TYPES):
        return _report_checked(raw)
    article, source, text, sentence, claimant, qualifier, expression, quote, verb = texts
    value, low, high = numbers
    if review:
        action, note = review.get("action"), review.get("note")
        if not (action is None or type(action) is str) or not (note is None or type(note) is str):
            return _report_checked(raw)
    else:
        action = note = None
    if interval is not None:
        if type(interval) not in (list, tuple) or len(interval) != 2 or not _NUMBER_TYPES.issuperset(
                map(type, interval)):
            return _report_checked(raw)
        span: Interval | None = (interval[0], interval[1])
    elif low is not None or high is not None:
        span = (low, high)
    elif value is None:
        span = None
    elif qualifier == "approx":
        span = (value * 0.9, value * 1.1)
    elif qualifier == "at_most":
        span = (0, value)
    elif qualifier == "at_least":
        span = (value, None)
    else:
        span = (value, value)
    direct = get("direct")
    return _made(Report, (claim, article or "", source or "", published or None, text or quote or expression or "",
                          sentence or "", get("hedged") is True, claimant, value, low, high, qualifier, span,
                          _FIRST.get(get("first"), ""), expression, quote, direct if type(direct) is bool else None,
                          verb, action, note, False, as_of or None))


_REPORT_FIELDS = tuple(f.name for f in fields(Report))


def _made(kind: type[Report], values: tuple[object, ...]) -> Report:
    """A Report from all its field values, in field order, without the frozen __init__'s one guarded
    setattr per field (a topic holds tens of thousands of reports): the same object __init__ would give."""
    report = object.__new__(kind)
    report.__dict__.update(zip(_REPORT_FIELDS, values, strict=True))
    return report


def _diverging(report: Report) -> Report:
    """replace(report, divergent=True), in one dict copy."""
    copy = object.__new__(Report)
    copy.__dict__.update(report.__dict__)
    copy.__dict__["divergent"] = True
    return copy


def _report_checked(raw: object) -> Report | None:
    """A report from data of any shape: a missing or mistyped field shows less, never fails."""
    if not isinstance(raw, Mapping) or not _text(raw, "claim"):
        return None
    review = _map(raw, "review")
    direct = raw.get("direct")
    return Report(
        claim_id=str(raw["claim"]),
        article_id=_text(raw, "article") or "",
        source=_text(raw, "source") or "",
        published=iso_text(raw.get("published")),
        text=_text(raw, "text") or _text(raw, "quote") or _text(raw, "expression") or "",
        sentence=_text(raw, "sentence") or "",
        hedged=raw.get("hedged") is True,
        claimant=_text(raw, "claimant"),
        value=_number(raw, "value"),
        low=_number(raw, "low"),
        high=_number(raw, "high"),
        qualifier=_text(raw, "qualifier"),
        interval=_interval(raw),
        first={"yes": "yes", "tie": "tie", "no": "no", True: "yes", False: "no"}.get(raw.get("first"), ""),
        expression=_text(raw, "expression"),
        quote=_text(raw, "quote"),
        direct=direct if isinstance(direct, bool) else None,
        verb=_text(raw, "verb"),
        review_action=_text(review, "action"),
        review_note=_text(review, "note"),
        as_of=iso_text(raw.get("as_of")),
    )


def _reports(raws: Iterable[object]) -> tuple[Report, ...]:
    """Reports in publication order; those an editor rejected are left out (the site hides them)."""
    kept = (r for r in map(_report, raws) if r is not None and not r.rejected)
    return tuple(sorted(kept, key=_publication_order))


def _publication_order(report: Report) -> tuple[str, str, str]:
    """Report.sort_key without the property call (tens of thousands of reports per build)."""
    return (report.published or "9999", report.article_id, report.claim_id)


def rejected_claims(data: Mapping[str, Any]) -> set[str]:
    """Claim ids an editor rejected anywhere in a topic's data, to hide them on every page."""
    found: set[str] = set()
    rows = [c for f in _list(data, "figures") for c in _list(f, "claims")]
    rows += [r for e in _list(data, "events") for r in _list(e, "reports")]
    rows += [r for sp in _list(data, "statements") for st in _list(sp, "statements") for r in _list(st, "reports")]
    for row in rows:
        if type(row) is dict and not row.get("review"):  # most rows: no review at all, one look-up
            continue
        if _text(_map(row, "review"), "action") == "reject" and _text(row, "claim"):
            found.add(str(row["claim"]))
    return found


def by_source(reports: Iterable[Report]) -> dict[str, tuple[Report, ...]]:
    """Reports grouped into matrix columns, each column in publication order."""
    grouped: dict[str, list[Report]] = {}
    for report in reports:
        grouped.setdefault(report.source, []).append(report)
    return {key: tuple(grouped[key]) for key in sorted(grouped)}


def placed(reports: Iterable[Report]) -> dict[str, tuple[int, ...]]:
    """Where each source's reports stand in a row, in row order: comparison pages take a source's first
    and latest reports from it without filtering the whole row again for every page."""
    found: dict[str, list[int]] = {}
    for index, report in enumerate(reports):
        found.setdefault(report.source, []).append(index)
    return {key: tuple(found[key]) for key in sorted(found)}


@dataclass(frozen=True)
class SourceColumn:
    """A source covering the topic: one column of the comparison matrix."""

    key: str
    name: str
    known: bool
    articles: tuple[str, ...]


@dataclass(frozen=True)
class ValueRow:
    """One line of a figure's table of values: the same value, said the same way by one source (and the same
    claimant), once however many articles repeat it, with its first and latest report."""

    first: Report
    last: Report
    claims: tuple[str, ...]  # every claim the line stands for

    @property
    def count(self) -> int:
        """Articles' reports the line stands for."""
        return len(self.claims)

    def any_of(self, claim_ids: Iterable[str]) -> bool:
        """Whether one of the claims is in `claim_ids` (new since the last build)."""
        return not set(self.claims).isdisjoint(claim_ids)


def value_rows(reports: Iterable[Report]) -> tuple[ValueRow, ...]:
    """Reports as table lines: those of one source giving the same value with the same claimant, hedge and
    marks make one line (a source repeating a figure in forty articles is one line saying so), in the order
    of each line's first report."""
    groups: dict[tuple[object, ...], list[Report]] = {}
    for report in reports:
        key = (report.source, report.claimant, report.value, report.low, report.high, report.qualifier,
               report.hedged, report.divergent, report.review_action, report.first)
        groups.setdefault(key, []).append(report)
    return tuple(ValueRow(group[0], group[-1], tuple(r.claim_id for r in group)) for group in groups.values())


@dataclass(frozen=True)
class Figure:
    """One compared measure with every source's values and its computed status."""

    id: str
    label: str
    counted: str | None
    unit: str | None
    scope: str | None
    status: str
    low: int | float | None
    high: int | float | None
    claims: tuple[Report, ...]
    cumulative: bool = False  # a count that only grows: a later, higher value is an update

    @cached_property
    def by_source(self) -> dict[str, tuple[Report, ...]]:
        """Matrix cells of this row: an article stating the same value twice (headline and body) once."""
        seen: set[tuple[object, ...]] = set()
        shown = []
        for claim in self.claims:
            key = (claim.article_id, claim.value, claim.low, claim.high, claim.qualifier, claim.claimant,
                   claim.hedged, claim.review_action)
            if key not in seen:
                seen.add(key)
                shown.append(claim)
        return by_source(shown)

    @cached_property
    def placed(self) -> dict[str, tuple[int, ...]]:
        """Each source's positions among the claims, for comparison cells."""
        return placed(self.claims)

    @cached_property
    def value_rows(self) -> tuple[ValueRow, ...]:
        """The table of values: every distinct value of every source, repeats counted (see value_rows)."""
        return value_rows(self.claims)

    @property
    def counting(self) -> tuple[Report, ...]:
        """Claims not rejected by an editor: the ones charts and comparisons use."""
        return tuple(c for c in self.claims if not c.rejected)

    @cached_property
    def one_value(self) -> Report | None:
        """A report saying the figure's only value as the sources word it, when every counted claim gives that
        value with the same qualifier: '13 000' alone would hide their 'plus de' or 'environ'."""
        counting = self.counting
        if not counting or self.low is None or self.low != self.high:
            return None
        first = counting[0]
        if first.value != self.low or any((c.value, c.qualifier) != (first.value, first.qualifier) for c in counting):
            return None
        return first


@dataclass(frozen=True)
class Event:
    """A dated event merged across sources, with who reported it first."""

    id: str
    date: str | None
    label: str
    first: tuple[str, ...]
    reports: tuple[Report, ...]
    topic: str = ""

    @cached_property
    def by_source(self) -> dict[str, tuple[Report, ...]]:
        """Matrix cells of this row: one article's same date expression ("vendredi" twice) once."""
        seen: set[tuple[str, str]] = set()
        shown = []
        for report in self.reports:
            key = (report.article_id, " ".join((report.expression or report.text).casefold().split()))
            if key not in seen:
                seen.add(key)
                shown.append(report)
        return by_source(shown)

    @property
    def sources(self) -> tuple[str, ...]:
        """Who reports it, sorted."""
        return tuple(sorted(self.source_set))

    @cached_property
    def source_set(self) -> frozenset[str]:
        """Who reports it."""
        return frozenset(r.source for r in self.reports)

    @cached_property
    def placed(self) -> dict[str, tuple[int, ...]]:
        """Each source's positions among the reports, for comparison cells."""
        return placed(self.reports)


def _wording_key(report: Report) -> str:
    return _words(report.quote or report.text)


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> str:
    """A wording's words, casefolded, one space apart (the same quote recurs across many articles)."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def distinct_wordings(reports: Iterable[Report]) -> tuple[Report, ...]:
    """Reports of one statement without repeats: per source, words already shown in one of its longer
    wordings (the same quote again, or a fragment quoted inside a reported sentence) are left out."""
    reports = tuple(reports)
    keys = [_wording_key(r) for r in reports]
    # Per source, the kept wordings space-padded and joined by newlines: a padded wording holds no newline,
    # so finding it in the joined text is finding it in one of them, in one C call.
    shown: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()  # the same words again: found without reading the joined text
    kept: set[int] = set()
    for index in sorted(range(len(reports)), key=lambda i: (-len(keys[i]), i)):
        source, padded = reports[index].source, f" {keys[index]} "
        if keys[index] and ((source, padded) in seen or padded in shown.get(source, "")):
            continue
        seen.add((source, padded))
        shown[source] = shown.get(source, "") + "\n" + padded
        kept.add(index)
    return tuple(r for i, r in enumerate(reports) if i in kept)


@dataclass(frozen=True)
class Statement:
    """The same statement by one speaker, with each source's wording."""

    id: str
    speaker: str
    reports: tuple[Report, ...]

    @cached_property
    def distinct(self) -> tuple[Report, ...]:
        """The wordings a reader sees: repeats and nested fragments left out."""
        return distinct_wordings(self.reports)

    @cached_property
    def by_source(self) -> dict[str, tuple[Report, ...]]:
        """Matrix cells of this row."""
        return by_source(self.distinct)

    @property
    def sources(self) -> tuple[str, ...]:
        """Who reports it, sorted."""
        return tuple(sorted(self.source_set))

    @cached_property
    def source_set(self) -> frozenset[str]:
        """Who reports it."""
        return frozenset(r.source for r in self.reports)

    @cached_property
    def placed(self) -> dict[str, tuple[int, ...]]:
        """Each source's positions among the distinct wordings, for comparison cells."""
        return placed(self.distinct)


@dataclass(frozen=True)
class Speaker:
    """A speaker's statements within one topic."""

    name: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Topic:
    """Everything a topic page shows, read from its data dict."""

    slug: str
    title: str
    question: str
    intro: Markup
    sources: tuple[SourceColumn, ...]
    figures: tuple[Figure, ...]
    events: tuple[Event, ...]
    speakers: tuple[Speaker, ...]
    only: dict[str, tuple[str, ...]]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    data: Mapping[str, Any] = field(repr=False, default_factory=dict)

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement of every speaker: the matrix's statement rows."""
        return tuple(s for speaker in self.speakers for s in speaker.statements)

    @cached_property
    def _added(self) -> frozenset[str]:
        return frozenset(self.added)

    def added_in(self, item: Figure | Event | Statement) -> tuple[str, ...]:
        """The claims of one row that are new since the previous build: all a kept row depends on of `added`
        (a new claim elsewhere in the topic leaves it as it was)."""
        if not self._added:
            return ()
        reports = item.claims if isinstance(item, Figure) else item.reports
        return tuple(sorted({r.claim_id for r in reports} & self._added))

    @cached_property
    def rows(self) -> tuple[tuple[str, str, str | None, tuple[Report, ...], Figure | Event | Statement], ...]:
        """Every compared row as (kind, label, date, reports in row order, item), once for every source and
        pair page."""
        return (*(("figure", f.label, None, f.claims, f) for f in self.figures),
                *(("event", e.label, e.date, e.reports, e) for e in self.events),
                *(("statement", s.speaker, None, s.distinct, s) for s in self.statements))

    @cached_property
    def rows_of(self) -> dict[str, tuple[int, ...]]:
        """Which of `rows` each source reports in, so a source or pair page visits only its own rows."""
        found: dict[str, list[int]] = {}
        for index, row in enumerate(self.rows):
            for source in row[4].placed:
                found.setdefault(source, []).append(index)
        return {source: tuple(indices) for source, indices in found.items()}

    @property
    def source_keys(self) -> tuple[str, ...]:
        """Every source covering the topic, by key."""
        return tuple(s.key for s in self.sources)

    @cached_property
    def columns(self) -> tuple[SourceColumn, ...]:
        """The matrix columns: the sources filling the most rows first, so that with forty outlets the columns a
        reader sees before scrolling hold the comparisons, not a wall of dashes (ties by key, for stable pages)."""
        return tuple(sorted(self.sources, key=lambda s: (-len(self.rows_of.get(s.key, ())), s.key)))

    @property
    def column_keys(self) -> tuple[str, ...]:
        """The matrix columns' keys, in the order shown."""
        return tuple(s.key for s in self.columns)


Dated = tuple[float, float, tuple[int, int] | None]  # a report's bounds and the days its date may mean


def _dated(report: Report) -> Dated:
    """What comparing a report of a cumulative count with the others reads of it, read once for all of them:
    its bounds (its interval must be given) and the first and last day its date may mean (None undated)."""
    date = parse_partial(report.as_of or report.published)
    low, high = bounds(report.interval)  # type: ignore[arg-type]
    return low, high, partial_period(date) if date is not None else None


def _grew(a: Dated, b: Dated) -> bool:
    """Whether the one of two reports certainly published later states more: for a count that only grows
    (sent so far, killed so far), an update of the other, not a contradiction."""
    if a[2] is None or b[2] is None:
        return False
    (a_first, a_last), (b_first, b_last) = a[2], b[2]
    if b_last < a_first:
        a, b = b, a
    elif not a_last < b_first:
        return False
    return b[0] > a[1]


def _mark_divergent(status: str, claims: tuple[Report, ...], cumulative: bool = False) -> tuple[Report, ...]:
    """When the figure diverges, flag each value that no other source's firm value can share (for a cumulative
    count, a later and higher value shares it: it is an update)."""
    if status != "divergent":
        return claims
    firm = [c for c in claims if not c.rejected and not c.hedged] or [c for c in claims if not c.rejected]
    if cumulative:  # each report's bounds and dates read once, not once for every other report (n² reads)
        dated = {id(c): _dated(c) for c in claims if c.interval is not None}
        others = [(o.source, dated[id(o)]) for o in firm if o.interval is not None]
        return tuple(_diverging(c) if not c.divergent and _clashes(c, dated.get(id(c)), others) else c
                     for c in claims)
    # Per source, the highest low bound and the lowest high bound of its firm values: a value clashes with
    # another source exactly when it lies wholly above that source's lowest top or below its highest bottom.
    limits: dict[str, tuple[float, float]] = {}
    for other in firm:
        if other.interval is None:
            continue
        low, high = bounds(other.interval)
        top_low, bottom_high = limits.get(other.source, (float("-inf"), float("inf")))
        limits[other.source] = (max(top_low, low), min(bottom_high, high))
    marked = []
    for claim in claims:
        clash = False
        if not claim.rejected and claim.interval is not None:
            low, high = bounds(claim.interval)
            clash = any(source != claim.source and (top_low > high or bottom_high < low)
                        for source, (top_low, bottom_high) in limits.items())
        marked.append(_diverging(claim) if clash and not claim.divergent else claim)
    return tuple(marked)


def _clashes(claim: Report, mine: Dated | None, others: list[tuple[str, Dated]]) -> bool:
    """Whether another source's firm value of a cumulative count can be true neither with this one nor as its
    update (one value against each: only divergent cumulative figures come here); `mine` is _dated(claim),
    `others` the firm values with an interval, each with its source."""
    if claim.rejected or mine is None:
        return False
    low, high = mine[0], mine[1]
    for source, other in others:
        if source != claim.source and (other[0] > high or other[1] < low) and not _grew(mine, other):
            return True
    return False


def bounds(interval: Interval) -> tuple[float, float]:
    """An interval's bounds, open ends as infinities (as `overlaps` reads them)."""
    return (interval[0] if interval[0] is not None else float("-inf"),
            interval[1] if interval[1] is not None else float("inf"))


def own_slug(data: Mapping[str, Any]) -> str | None:
    """The slug the data names for its topic (read_topic falls back on the one it is given only without it)."""
    return _text(_map(data, "topic"), "slug") or _text(data, "slug")


def _figure(raw: Mapping[str, Any]) -> Figure:
    """A figure row from its data."""
    status = _text(raw, "status") or "empty"
    status = status if status in STATUSES else "empty"
    cumulative = raw.get("cumulative") is True
    claims = _mark_divergent(status, _reports(_list(raw, "claims")), cumulative)
    rng = _map(raw, "range")
    return Figure(id=str(raw["id"]), label=_text(raw, "label") or str(raw["id"]), counted=_text(raw, "counted"),
                  unit=_text(raw, "unit"), scope=_text(raw, "scope"), status=status,
                  low=_number(rng, "low"), high=_number(rng, "high"), claims=claims, cumulative=cumulative)


def _event(raw: Mapping[str, Any], slug: str) -> Event:
    """An event row from its data, in the topic `slug`."""
    reports = _reports(_list(raw, "reports"))
    label = _text(raw, "label") or (reports[0].sentence if reports else "")
    return Event(id=str(raw["id"]), date=iso_text(raw.get("date")), label=label,
                 first=_strings(_list(raw, "first")), reports=reports, topic=slug)


def _statement(raw: Mapping[str, Any], speaker: str) -> Statement:
    """One statement of `speaker` from its data."""
    return Statement(id=_text(raw, "id") or "", speaker=speaker, reports=_reports(_list(raw, "reports")))


def read_topic(data: Mapping[str, Any], fallback_slug: str = "",
               made: Callable[[object, object], object] | None = None,
               known: Callable[[object], object | None] | None = None) -> Topic:
    """A topic view from its data dict; malformed or missing parts are left out, never fatal. `made`, when
    given, is told each figure, event and statement with all it was made from (its data and what else it
    read), so a caller can stand the small data for the big view; `known`, asked that first, may give the
    view an earlier read made from the same (an edit changes a few rows of a topic, not all)."""
    made = made or (lambda view, source: None)

    def item(kind: type[T], source: tuple[object, ...], build: Callable[[], T]) -> T:
        found = known(source) if known is not None else None
        view = found if type(found) is kind else build()
        made(view, source)
        return view

    head = _map(data, "topic")
    slug = own_slug(data) or fallback_slug
    title = _text(head, "title") or _text(data, "title") or slug
    intro = _text(head, "introduction") or _text(head, "intro") or _text(data, "introduction") or ""
    sources = []
    for raw in _list(data, "sources"):
        if isinstance(raw, Mapping) and _text(raw, "key"):
            sources.append(SourceColumn(
                key=str(raw["key"]), name=_text(raw, "name") or str(raw["key"]),
                known=raw.get("known") is not False, articles=_strings(_list(raw, "articles"))))
    figures = []
    for raw in _list(data, "figures"):
        if not isinstance(raw, Mapping) or not _text(raw, "id"):
            continue
        figures.append(item(Figure, ("figure", raw), partial(_figure, raw)))
    figures.sort(key=lambda f: not f.claims)  # a measure nobody reports goes below those with figures
    events = []
    for raw in _list(data, "events"):
        if not isinstance(raw, Mapping) or not _text(raw, "id"):
            continue
        events.append(item(Event, ("event", raw, slug), partial(_event, raw, slug)))
    events.sort(key=lambda e: (date_order(e.date), e.id))
    speakers = []
    for raw in _list(data, "statements"):
        name = _text(raw, "speaker")
        if not name:
            continue
        statements = tuple(
            item(Statement, ("statement", s, name), partial(_statement, s, name))
            for s in _list(raw, "statements") if isinstance(s, Mapping))
        speakers.append(Speaker(name=name, statements=tuple(s for s in statements if s.reports)))
    speakers.sort(key=lambda s: s.name)
    coverage = _map(data, "coverage")
    only: dict[str, tuple[str, ...]] = {}
    for raw in _list(coverage, "only"):
        key = _text(raw, "source")
        if key:
            only[key] = only.get(key, ()) + _strings(_list(raw, "claims"))
    if not sources:
        keys = sorted(set(_strings(_list(coverage, "sources"))))
        sources = [SourceColumn(key=k, name=k, known=True, articles=()) for k in keys]
    changes = _map(data, "changes")
    return Topic(
        slug=slug, title=title, question=_text(head, "question") or _text(data, "question") or "",
        intro=markdown_html(intro), sources=tuple(sorted(sources, key=lambda s: s.key)),
        figures=tuple(figures), events=tuple(events), speakers=tuple(speakers),
        only={k: only[k] for k in sorted(only)}, added=_strings(_list(changes, "added")),
        removed=_strings(_list(changes, "removed")), data=data)
