"""Claims cross-referenced per topic: figures compared, events merged, statements matched, coverage.

Pure functions from claims and topic definitions to the plain data of docs/data-schema.md; the lead's
pipeline writes it to data/topics/<slug>.yaml. Every derived field (status, range, first reporter, event
date and label, coverage) is recomputed from the entries by `finish`, so reviews can change entries and
call it again. Comparing lives in extract/comparison.py, grouping reports in extract/grouping.py.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract import entities, grouping, memofile
from extract.comparison import (
    certainly_before,
    figure_status,
    first_flags,
    first_reporters,
    interval,
    name_key,
    overlaps,
    precision,
    rejected,
    report_key,
)
from extract.grouping import (
    claim_terms,
    cluster_events,
    cluster_statements,
    common_terms,
    folded,
    quote_concepts,
    rarity,
)
from extract.models import Article, Claim, Source
from extract.topics import FigureDef, FigureMatch, TopicDef, fold

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
CLAUSE_BREAK = re.compile(r",\s|;|:\s|\(|\)|\s[—–-]\s|\[|\]")
UNKNOWN_SOURCE_NAME = "Source inconnue"


def short_hash(parts: Iterable[str]) -> str:
    """A stable id for a group of claims: the same claims give the same id on every build."""
    return hashlib.sha1("\x1f".join(sorted(parts)).encode("utf-8")).hexdigest()[:12]


def group_id(claim_ids: Iterable[str]) -> str:
    """An event's or a statement's id: the hash of its smallest claim id, so it stays when reports join it or
    leave it (anchors readers share, and every page linking to it, stay as they were) unless that claim
    leaves or a smaller one joins. A claim belongs to one group of a topic, so ids stay distinct."""
    return short_hash([min(claim_ids)])


def _position(claim: Claim) -> int:
    """Where the claim's text starts in its sentence (-1 when it cannot be found there)."""
    rel = claim.start - claim.sentence_start
    if rel >= 0 and claim.sentence[rel : rel + len(claim.text)] == claim.text:
        return rel
    return claim.sentence.find(claim.text)


def clause(claim: Claim) -> str:
    """The clause of the claim's sentence that holds it (between commas, colons, brackets or dashes)."""
    sentence = claim.sentence
    rel = _position(claim)
    if rel < 0:
        return sentence
    end = rel + len(claim.text)
    left = 0
    for found in CLAUSE_BREAK.finditer(sentence, 0, rel):
        left = found.end()
    right_match = CLAUSE_BREAK.search(sentence, end)
    right = right_match.start() if right_match else len(sentence)
    return sentence[left:right]


@lru_cache(maxsize=4096)
def _finder(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """A rule list compiled once into one search: one alternation, or each pattern alone when they cannot join."""
    if not patterns:
        return lambda text: False
    alone = [re.compile(pattern) for pattern in patterns]
    if all(compiled.groups == 0 for compiled in alone):  # groups would renumber back-references
        try:
            joined = re.compile("|".join(f"(?:{pattern})" for pattern in patterns))
        except re.error:  # e.g. an inline global flag, only allowed at the start of a whole expression
            pass
        else:
            return lambda text: joined.search(text) is not None
    return lambda text: any(compiled.search(text) for compiled in alone)


def _any(patterns: tuple[str, ...], text: str) -> bool:
    """Whether any of a rule list's patterns is found (an empty list finds nothing)."""
    return _finder(patterns)(text)


@dataclass(frozen=True)
class Features:
    """What the rules look at in one claim, folded once per build rather than once per topic and rule."""

    sentence: str
    lemmas: frozenset[str]
    entities: frozenset[str | None]
    who: tuple[str | None, str | None]
    places: Mapping[str, str] | None  # quantities: counted, clause, sentence, before, after

    @classmethod
    def of(cls, claim: Claim) -> Features:
        """The claim's folded sentence, lemmas, entity and speaker keys, and a quantity's places."""
        places = None
        if claim.kind == "quantity":
            rel = _position(claim)
            places = {
                "counted": fold(claim.counted or claim.text),
                "clause": fold(clause(claim)),
                "sentence": fold(claim.sentence),
                "before": fold(claim.sentence[:rel]) if rel >= 0 else "",
                "after": fold(claim.sentence[rel + len(claim.text) :]) if rel >= 0 else "",
            }
        return cls(
            sentence=fold(claim.sentence),
            lemmas=_folded(claim.lemmas),
            entities=_name_keys(claim.entities),
            who=(name_key(claim.speaker), name_key(claim.asserted_by)),
            places=places,
        )


@lru_cache(maxsize=1 << 15)
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    """Folded lemmas; memoized, as every claim of a sentence carries the sentence's lemmas."""
    return frozenset(fold(word) for word in words)


@lru_cache(maxsize=1 << 15)
def _name_keys(names: tuple[str, ...]) -> frozenset[str | None]:
    return frozenset(name_key(name) for name in names)


class _FigureRules:
    """One set of a figure's rules with its pattern lists compiled."""

    PLACES = ("counted", "clause", "sentence", "before", "after")

    def __init__(self, rules: FigureMatch) -> None:
        self.rules = rules
        self.places = tuple(
            (place, _finder(getattr(rules, place)) if getattr(rules, place) else None,
             _finder(getattr(rules, f"not_{place}")))
            for place in self.PLACES
        )

    def meets(self, claim: Claim, text: Mapping[str, str]) -> bool:
        """Every non-empty list has a hit in its place, every not_* list none."""
        rules = self.rules
        if rules.qualifiers is not None and claim.qualifier not in rules.qualifiers:
            return False
        if rules.units and claim.unit is not None and claim.unit not in rules.units:
            return False
        if rules.units and claim.unit is None and not rules.counted:
            return False
        for place, wanted, refused in self.places:
            if (wanted is not None and not wanted(text[place])) or refused(text[place]):
                return False
        return True


@lru_cache(maxsize=1024)
def _phrase_finder(phrases: tuple[str, ...]) -> Callable[[str], bool]:
    """A topic's phrases found as whole words; the plain substring test first, as most sentences have none."""
    whole = [(phrase, re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")) for phrase in phrases]
    return lambda text: any(phrase in text and rule.search(text) for phrase, rule in whole)


@lru_cache(maxsize=1024)
def _speaker_finder(names: tuple[str, ...]) -> Callable[[str], bool]:
    """The names as one search for whole words (a hyphen joins words: Kim Jong-un is not Kim Jong)."""
    keys = sorted({key for key in (name_key(name) for name in names) if key})
    if not keys:
        return lambda text: False
    joined = re.compile("|".join(rf"(?<![\w-]){re.escape(key)}(?![\w-])" for key in keys))
    return lambda text: joined.search(text) is not None


class _Matcher:
    """A topic's rules compiled once, then asked of every claim of the corpus."""

    def __init__(self, topic: TopicDef) -> None:
        rules = topic.match
        self.kinds = frozenset(rules.kinds)
        self.phrases = _phrase_finder(rules.phrases)
        self.lemmas = frozenset(rules.lemmas)
        self.min_lemmas = rules.min_lemmas
        self.entities = frozenset(name_key(name) for name in rules.entities)
        self.speakers = _speaker_finder(rules.speakers) if rules.speakers else None
        self.figures = tuple((figure, tuple(_FigureRules(r) for r in figure.match)) for figure in topic.figures)

    def figure(self, claim: Claim, features: Features) -> FigureDef | None:
        """The first figure whose rules the quantity meets."""
        if claim.kind != "quantity" or features.places is None:
            return None
        for figure, alternatives in self.figures:
            if any(rules.meets(claim, features.places) for rules in alternatives):
                return figure
        return None

    def accepts(self, claim: Claim, features: Features) -> bool:
        """Whether the claim belongs to the topic: a quantity through one of its figures, others by rules."""
        if claim.kind == "quantity":
            return self.figure(claim, features) is not None
        if self.kinds and claim.kind not in self.kinds:
            return False
        if self.phrases(features.sentence):
            return True
        if self.lemmas and len(features.lemmas & self.lemmas) >= self.min_lemmas:
            return True
        if self.entities and self.entities & features.entities:
            return True
        return self.speakers is not None and any(w and self.speakers(w) for w in features.who)


@lru_cache(maxsize=64)
def _matcher(topic: TopicDef) -> _Matcher:
    return _Matcher(topic)


def figure_for(claim: Claim, topic: TopicDef) -> FigureDef | None:
    """The first figure of the topic whose rules the quantity meets, judged from its own words."""
    if claim.kind != "quantity" or not topic.figures:
        return None
    return _matcher(topic).figure(claim, Features.of(claim))


def assign(claim: Claim, topic: TopicDef) -> bool:
    """Whether the claim belongs to the topic: a quantity through one of its figures, others by match rules."""
    return _matcher(topic).accepts(claim, Features.of(claim))


def unassigned(claims: Iterable[Claim], topics: Iterable[TopicDef]) -> list[tuple[Claim, tuple[str, ...]]]:
    """Claims fitting no topic, each with its terms most frequent among them (to suggest match rules)."""
    every = sorted(claims, key=lambda c: (c.article_id, c.start, c.end, c.kind, c.id))
    view = CorpusView.of(every)
    shown = {c.id for topic in topics for c in topic_claims(topic, every, view)}
    left = [c for c in every if c.id not in shown]
    counts: Counter[str] = Counter()
    terms = {c.id: claim_terms(c) for c in left}
    for found in terms.values():
        counts.update(found)
    return [(claim, tuple(sorted(terms[claim.id], key=lambda t: (-counts[t], t))[:5])) for claim in left]


def _event_date(reports: list[Mapping[str, Any]]) -> str | None:
    """The event's date at the best precision its reports give (a month stays a month); most reported wins."""
    dates = [r["date"] for r in reports if r.get("date") and not rejected(r)] or [
        r["date"] for r in reports if r.get("date")
    ]
    if not dates:
        return None
    best = max(precision(d) for d in dates)
    counts = Counter(d for d in dates if precision(d) == best)
    return min(counts, key=lambda d: (-counts[d], d))


def finish_figure(figure: Mapping[str, Any]) -> dict[str, Any]:
    """A figure with its claims sorted and its status, range and first reporters recomputed."""
    claims = sorted((dict(c) for c in figure["claims"]), key=report_key)
    for entry, flag in zip(claims, first_flags(claims), strict=True):
        entry["first"] = flag
        if "review" in entry:  # keep the documented key order: review comes last
            entry["review"] = entry.pop("review")
    status, span = figure_status(claims, bool(figure.get("cumulative")))
    out = {k: figure[k] for k in ("id", "label", "counted", "unit", "scope")}
    if figure.get("cumulative"):
        out["cumulative"] = True
    out.update(status=status, range=span, claims=claims)
    return out


def finish_event(event: Mapping[str, Any]) -> dict[str, Any]:
    """An event with its reports sorted and its id, date, label and first reporters recomputed."""
    reports = sorted((dict(r) for r in event["reports"]), key=report_key)
    live = [r for r in reports if not rejected(r)] or reports
    first = first_reporters(live)
    first_sources = sorted({r["source"] for r in live if r["article"] in first})
    date = _event_date(reports)
    # the label is the first sentence that gives the event's own date: a month report that joined the day's
    # event ("au plus tôt en décembre") under a precise date ("le 4 décembre") would otherwise be told as
    # what happened that day
    told = [r for r in live if not r.get("caption")]
    return {
        "id": group_id(r["claim"] for r in reports),
        "date": date,
        "label": next((r["sentence"] for r in told if r.get("date") == date),
                      told[0]["sentence"] if told else live[0]["sentence"] if live else ""),
        "first": first_sources,
        "reports": reports,
    }


def finish_statement(statement: Mapping[str, Any]) -> dict[str, Any]:
    """A statement with its reports sorted and its id recomputed."""
    reports = sorted((dict(r) for r in statement["reports"]), key=report_key)
    return {"id": group_id(r["claim"] for r in reports), "reports": reports}


def _coverage(figures: list[dict[str, Any]], events: list[dict[str, Any]], statements: list[dict[str, Any]]) -> dict:
    """Which sources cover the topic, and which claims only one source reports."""
    covering: set[str] = set()
    only: dict[str, set[str]] = defaultdict(set)
    for figure in figures:
        live = [c for c in figure["claims"] if not rejected(c)]
        for entry in live:
            covering.add(entry["source"])
            if not any(o["source"] != entry["source"] and overlaps(o["interval"], entry["interval"]) for o in live):
                only[entry["source"]].add(entry["claim"])
    for group in [*events, *(s for g in statements for s in g["statements"])]:
        live = [r for r in group["reports"] if not rejected(r)]
        sources = {r["source"] for r in live}
        covering |= sources
        if len(sources) == 1:
            only[next(iter(sources))].update(r["claim"] for r in live)
    return {
        "sources": sorted(covering),
        "only": [{"source": s, "claims": sorted(only[s])} for s in sorted(only)],
    }


def finish(data: Mapping[str, Any]) -> dict[str, Any]:
    """Topic data with every derived field recomputed from its entries, in the documented key order."""
    return _assemble(data, [finish_figure(f) for f in data["figures"]],
                     [finish_event(e) for e in data["events"] if e["reports"]],
                     [(group["speaker"], [finish_statement(s) for s in group["statements"] if s["reports"]])
                      for group in data["statements"]])


def _assemble(data: Mapping[str, Any], figures: list[dict[str, Any]], finished_events: list[dict[str, Any]],
              speakers: list[tuple[str, list[dict[str, Any]]]]) -> dict[str, Any]:
    """finish's document from its finished figures, events and statements (by speaker): sorted, with coverage."""
    events = sorted(finished_events, key=lambda e: (e["date"] or "", e["id"]))
    groups = []
    for speaker, statements in speakers:
        statements.sort(key=lambda s: (report_key(s["reports"][0]), s["id"]))
        if statements:
            groups.append({"speaker": speaker, "statements": statements})
    groups.sort(key=lambda g: (fold(g["speaker"]), g["speaker"]))
    return {
        "schema": data.get("schema", SCHEMA_VERSION),
        "topic": dict(data["topic"]),
        "sources": [dict(s) for s in data["sources"]],
        "figures": figures,
        "events": events,
        "statements": groups,
        "coverage": _coverage(figures, events, groups),
        "changes": dict(data.get("changes") or {"added": [], "removed": []}),
    }


def claim_ids(data: Mapping[str, Any]) -> set[str]:
    """Every claim id a topic's data shows, wherever it appears."""
    found = {c["claim"] for f in data.get("figures", []) for c in f.get("claims", [])}
    found |= {r["claim"] for e in data.get("events", []) for r in e.get("reports", [])}
    found |= {
        r["claim"] for g in data.get("statements", []) for s in g.get("statements", []) for r in s.get("reports", [])
    }
    return found


def _sources_by_id(sources: Mapping[str, Source] | Iterable[Source]) -> dict[str, Source]:
    if isinstance(sources, Mapping):
        return dict(sources)
    return {s.id: s for s in sources}


def _source_entry(key: str, articles: list[Article], known: dict[str, Source]) -> dict[str, Any]:
    """A column: the outlet's name, or 'Source inconnue' with the article's title when none is named."""
    source = known.get(key)
    if source is not None and source.known:
        name, is_known = source.name, True
    else:
        titles = sorted({a.title for a in articles if a.title and a.title != "unknown"})
        name = source.name if source is not None and source.name and source.name != key else UNKNOWN_SOURCE_NAME
        if name == UNKNOWN_SOURCE_NAME and titles:
            name = f"{UNKNOWN_SOURCE_NAME} — {titles[0]}"
        is_known = False
    return {"key": key, "name": name, "known": is_known, "articles": sorted(a.id for a in articles)}


def _base(claim: Claim, article: Article) -> dict[str, Any]:
    return {"claim": claim.id, "article": article.id, "source": article.source_key, "published": article.published}


def _place(claim: Claim) -> dict[str, Any]:
    return {"sentence": claim.sentence, "start": claim.start, "end": claim.end}


_NOT_AS_OF = re.compile(r"(?:depuis|dès|des|jusqu|d'ici|d’ici|à partir|a partir|avant|après|apres)\b", re.IGNORECASE)


def sentence_dates(claims: Iterable[Claim], articles: Mapping[str, Article]) -> dict[tuple[str, int], str]:
    """The date each sentence opens with, when certainly before its article was published ("Octobre 2024 :
    Séoul annonce 1 500 soldats", "Le 18 octobre, …"): a figure of that sentence was stated as of that date, and
    is compared with others as of it. A period's start ("depuis août") dates no figure."""
    found: dict[tuple[str, int], str] = {}
    for claim in claims:
        if claim.kind != "date" or not claim.date or claim.article_id not in articles:
            continue
        lead = claim.sentence[: max(claim.start - claim.sentence_start, 0)]
        if re.search(r"\w", lead) or _NOT_AS_OF.match(claim.expression or claim.text):
            continue
        if certainly_before(claim.date, articles[claim.article_id].published):
            found[(claim.article_id, claim.sentence_start)] = claim.date
    return found


def figure_entry(claim: Claim, article: Article, as_of: str | None = None) -> dict[str, Any]:
    """One source's figure as the comparison shows it (`as_of`: the earlier date its sentence opens with)."""
    entry = _base(claim, article)
    if as_of:
        entry["as_of"] = as_of
    entry.update(
        claimant=claim.asserted_by,
        value=claim.value,
        low=claim.low,
        high=claim.high,
        qualifier=claim.qualifier,
        interval=interval(claim.value, claim.low, claim.high, claim.qualifier),
        hedged=bool(claim.hedged),
        text=claim.text,
        **_place(claim),
        first="no",
    )
    return entry


def event_report(claim: Claim, article: Article) -> dict[str, Any]:
    """One source's report of a dated event."""
    entry = _base(claim, article)
    entry.update(expression=claim.expression or claim.text, date=claim.date, **_place(claim))
    if claim.caption:  # a photo's date: it may date the event, not name it (see finish_event)
        entry["caption"] = True
    return entry


def statement_report(claim: Claim, article: Article) -> dict[str, Any]:
    """One source's wording of a statement."""
    entry = _base(claim, article)
    entry.update(quote=claim.quote or claim.text, direct=claim.direct, verb=claim.verb, **_place(claim))
    return entry


@dataclass(frozen=True)
class CorpusView:
    """What every topic shares: the corpus's events, how rare each quote word is, each claim's folded words."""

    events: tuple[tuple[Claim, ...], ...]
    quote_idf: Mapping[str, float]
    quote_common: frozenset[str]
    features: Mapping[str, tuple[Claim, Features]] = field(default_factory=dict)  # by claim id
    places: Mapping[tuple[str, int], tuple[int, ...]] = field(default_factory=dict)  # sentence → its events
    claim_events: Mapping[str, int] = field(default_factory=dict)  # claim id → its event
    groups: grouping.GroupMemo | None = None  # the last build's groupings, taken again when provably the same
    unique: bool = False  # no claim id is in two events (then claim_events names every event of an id)
    events_name: str | None = None  # names the events and every field of their claims (with `names` given)

    @classmethod
    def of(cls, claims: list[Claim], groups: grouping.GroupMemo | None = None,
           features: dict[str, tuple[Claim, Features]] | None = None,
           names: Mapping[str, str] | None = None) -> CorpusView:
        """Events are merged over the whole corpus, so a report that names no topic word still joins its event.
        `groups` keeps groupings between builds; `features`, the claims' features already worked out; `names`
        (claim id → claim_digest) lets the view name its events."""
        sentences: dict[str, Claim] = {}
        for claim in claims:
            sentences.setdefault(folded(claim.sentence), claim)
        event_idf = rarity(claim_terms(c) for c in sentences.values())
        quote_sets = [quote_concepts(c.sentence) for c in sentences.values()]
        # A photo caption's date is when the picture was taken: it may date an event the articles report
        # (the summit's photo), never make one alone (a file photo of a minister in Brussels).
        dated = [c for c in claims if c.kind == "date"]
        grouped = groups.events(dated, event_idf) if groups is not None else cluster_events(dated, event_idf)
        events = tuple(tuple(e) for e in grouped if not all(c.caption for c in e))
        places: dict[tuple[str, int], list[int]] = defaultdict(list)
        claim_events: dict[str, int] = {}
        for index, event in enumerate(events):
            for claim in event:
                found = places[(claim.article_id, claim.sentence_start)]
                if not found or found[-1] != index:
                    found.append(index)
                claim_events[claim.id] = index
        events_name = None
        if names is not None:
            try:
                material = "\x1d".join("\x1e".join(names[c.id] for c in event) for event in events)
                events_name = hashlib.blake2b(material.encode(), digest_size=20).hexdigest()
            except KeyError:
                pass
        return cls(events, rarity(quote_sets), common_terms(quote_sets), {} if features is None else features,
                   {place: tuple(found) for place, found in places.items()}, claim_events, groups,
                   len(claim_events) == sum(map(len, events)), events_name)

    def features_of(self, claim: Claim) -> Features:
        """The claim's features, computed once per build when first asked (topics whose matches were kept
        from the last build never ask)."""
        known = self.features.get(claim.id)
        if known is not None and known[0] is claim:
            return known[1]
        found = Features.of(claim)
        if isinstance(self.features, dict):
            self.features[claim.id] = (claim, found)
        return found


def verdicts(topic: TopicDef, claims: Iterable[Claim], view: CorpusView | None = None) -> dict[str, str]:
    """What the topic's rules say of each claim, by claim id, the claims they accept only: a quantity's
    figure id, '' for a date or quote (a date accepted by the rules brings its event along)."""
    matcher = _matcher(topic)
    found: dict[str, str] = {}
    for claim in claims:
        features = view.features_of(claim) if view is not None else Features.of(claim)
        if claim.kind == "quantity":
            figure = matcher.figure(claim, features)
            if figure is not None:
                found[claim.id] = figure.id
        elif matcher.accepts(claim, features):
            found[claim.id] = ""
    return found


def _select(topic: TopicDef, claims: Iterable[Claim], view: CorpusView, judged: Mapping[str, str] | None = None,
            index: Mapping[str, Claim] | None = None, ordered: list[Claim] | None = None
            ) -> tuple[list[Claim], dict[str, FigureDef]]:
    """The topic's claims (see topic_claims), with the figure each of its quantities measures; `judged` holds
    the verdicts of every claim when they are known already (kept from the last build). `index` (every one of
    `claims` by id), with `judged`, spares going through all of them: only the judged ones are looked up.
    `ordered` (the corpus's claims sorted by article, offsets, kind and id) spares sorting them from scratch."""
    if judged is None or index is None:
        claims = list(claims)
        if judged is None:
            judged = verdicts(topic, claims, view)
        accepted = ((claim, judged.get(claim.id)) for claim in claims)
    else:
        accepted = ((index.get(claim_id), verdict) for claim_id, verdict in judged.items())
    by_id = {figure.id: figure for figure in topic.figures}
    figures: dict[str, FigureDef] = {}
    mine: dict[str, Claim] = {}
    for claim, verdict in accepted:
        if verdict is None or claim is None or claim.kind == "date":
            continue
        mine[claim.id] = claim
        if claim.kind == "quantity":
            figures[claim.id] = by_id[verdict]
    touched: set[int] = set()  # the events reporting a date of a sentence the topic shows, or one it accepts
    places, events_of = view.places, view.claim_events
    for claim in mine.values():
        touched.update(places.get((claim.article_id, claim.sentence_start), ()))
    touched.update(events_of[claim_id] for claim_id in judged if claim_id in events_of)
    for index in touched:
        mine.update((c.id, c) for c in view.events[index])
    if ordered is not None:  # taken in the corpus's order, they need sorting only where kinds break a tie
        picked = [claim for claim in ordered if mine.get(claim.id) is claim]
        if len(picked) == len(mine):
            return sorted(picked, key=_PLACE), figures
    return sorted(mine.values(), key=_PLACE), figures


_PLACE = operator.attrgetter("article_id", "start", "end", "id")  # a topic's claims in article order


def topic_claims(topic: TopicDef, claims: Iterable[Claim], view: CorpusView) -> list[Claim]:
    """The claims a topic shows: those its rules accept, and every report of an event one of them reports.

    A date in the sentence of a figure or quote the topic shows dates that figure or statement, so its
    event comes too.
    """
    return _select(topic, claims, view)[0]


@dataclass(frozen=True)
class TopicPlan:
    """What a topic shows, as groups of claims, before any entry is written: its claims, the figure each
    quantity measures, its events and its statements by speaker. The topic's data is a function of the plan,
    of its articles' cards and claims, and of the sources."""

    claims: tuple[Claim, ...]
    measured: Mapping[str, FigureDef]
    events: tuple[tuple[Claim, ...], ...]
    statements: tuple[tuple[str, tuple[tuple[Claim, ...], ...]], ...]  # (speaker as shown, groups)


def plan_topic(topic: TopicDef, articles: Mapping[str, Article], claims: list[Claim], view: CorpusView,
               judged: Mapping[str, str] | None = None, index: Mapping[str, Claim] | None = None,
               selected: Selection | None = None) -> TopicPlan:
    """The topic's claims grouped into figures, events and statements (`judged`: the rules' verdicts; `index`:
    the claims of `articles` by id, when made already; `selected`: its claims, measures and events, when
    known to be the last build's)."""
    if selected is not None:
        mine, measured, events = selected
    else:
        mine, measured = _select(topic, (c for c in claims if c.article_id in articles), view, judged, index,
                                 claims if index is not None else None)
        mine_ids = {c.id for c in mine}
        if view.unique:  # each claim id in one event at most: its event is looked up
            events_of = view.claim_events
            events = tuple(view.events[i] for i in sorted({events_of[c] for c in mine_ids if c in events_of}))
        else:
            events = tuple(event for event in view.events if any(c.id in mine_ids for c in event))
    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    shown: dict[str, str] = {}
    for claim in mine:
        if claim.kind == "quote" and name_key(claim.speaker):
            key = name_key(claim.speaker) or ""
            by_speaker[key].append(claim)
            if key not in shown:
                shown[key] = entities.canonical(claim.speaker or "").strip()
    group = view.groups.statements if view.groups is not None else cluster_statements
    statements = tuple(
        (shown[key], tuple(tuple(found) for found in group(group_claims, view.quote_idf, view.quote_common)))
        for key, group_claims in sorted(by_speaker.items())
    )
    return TopicPlan(tuple(mine), measured, events, statements)


Selection = tuple[list[Claim], Mapping[str, FigureDef], tuple[tuple[Claim, ...], ...]]  # claims, measures, events
SELECTIONS = "crossref-selections.bin"  # in .cache/: each topic's claims, measures and events (SelectionMemo)
SELECTIONS_VERSION = 1


class SelectionMemo:
    """Each topic's claims, the figure each quantity measures and its events, kept in .cache/ between builds
    with a name of what they were selected from: the topics' rules and the code, the claims the rules accept
    for the topic (ids, verdicts and every field, named article by article with the verdicts), and the
    corpus's events with every field of their claims (CorpusView.events_name). Only those claims and events
    decide a selection, so an edit that changes neither (a figure no topic takes) selects it again from the
    last build's ids."""

    def __init__(self, path: Path, topics_key: str) -> None:
        self.path = path
        self.topics_key = topics_key
        self.kept: dict[str, Any] = {}
        self.seen: dict[str, Any] = {}
        self.taken = 0  # topics selected from the last build's
        self.kept = memofile.read_table(path, SELECTIONS_VERSION, topics_key)

    def get(self, topic: TopicDef, name: str, view: CorpusView, index: Mapping[str, Claim]) -> Selection | None:
        """The topic's selection when the last build made it from the same name."""
        entry = self.kept.get(topic.slug)
        try:
            if entry is None or entry[0] != name:
                return None
            figures = {figure.id: figure for figure in topic.figures}
            found = ([index[claim_id] for claim_id in entry[1]], {c: figures[f] for c, f in entry[2]},
                     tuple(view.events[i] for i in entry[3]))
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        self.seen[topic.slug] = entry
        self.taken += 1
        return found

    def put(self, topic: TopicDef, name: str, plan: TopicPlan, view: CorpusView) -> None:
        """Keep the selection the topic's plan was made of."""
        position = {id(event): i for i, event in enumerate(view.events)}
        self.seen[topic.slug] = (name, tuple(c.id for c in plan.claims),
                                 tuple((c, f.id) for c, f in sorted(plan.measured.items())),
                                 tuple(position[id(event)] for event in plan.events))

    def save(self) -> None:
        if self.seen == self.kept:
            return
        try:
            memofile.write(self.path, (SELECTIONS_VERSION, self.topics_key, self.seen), ".tmp-selections-")
        except (OSError, ValueError) as exc:  # only the next build's speed depends on it
            log.debug("selections not kept: %s", exc)


PLAN_VERSION = 1


def plan_key(topic: TopicDef, plan: TopicPlan, articles: Mapping[str, Article], digests: Mapping[str, str],
             sources: Mapping[str, Source], extra: str = "",
             opening: Mapping[tuple[str, int], str] | None = None) -> str | None:
    """Names everything the topic's data is made of without building it: the plan's groups by claim id, every
    field of each of its claims (`digests`: claim_digest by claim id), the date each measured figure's sentence
    opens with (`opening`: sentence_dates of every claim — a date claim the topic does not show still dates
    its figures), the cards of its articles, their outlets, the topic's definition and the cross-referencing
    code. None when a claim's digest is unknown."""
    ids = [c.id for c in plan.claims]
    try:
        shown = "\x1e".join(ids) + "\0" + "\x1e".join(map(digests.__getitem__, ids))
    except KeyError:
        return None
    if plan.measured and opening is None:
        opening = sentence_dates(plan.claims, articles)  # the topic's own date claims only: a caller gives all
    at = {(c.article_id, c.sentence_start): c.id for c in plan.claims if c.id in plan.measured}
    dated = "\x1e".join(f"{at[place]}\x1f{opening[place]}" for place in sorted(at) if opening and place in opening)
    measured = "\x1e".join(f"{claim_id}\x1f{figure.id}" for claim_id, figure in sorted(plan.measured.items()))
    measured += f"\0{dated}"
    articles_shown = sorted({c.article_id for c in plan.claims})
    cards = [(a, articles[a].source_key, articles[a].published, articles[a].title) for a in articles_shown]
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((PLAN_VERSION, SCHEMA_VERSION, _match_code(), extra, topic, cards,
                        [repr(sources.get(key)) for key in sorted({card[1] for card in cards})])
                       ).encode("utf-8", "surrogatepass"))
    digest.update(f"\0{shown}\0{measured}\0".encode("utf-8", "surrogatepass"))
    digest.update("\x1e".join("\x1f".join(c.id for c in event) for event in plan.events).encode())
    for speaker, groups in plan.statements:
        digest.update(f"\0{speaker}\0".encode("utf-8", "surrogatepass"))
        digest.update("\x1e".join("\x1f".join(c.id for c in group) for group in groups).encode())
    return digest.hexdigest()


def build_topic(
    topic: TopicDef,
    articles: Mapping[str, Article],
    claims: list[Claim],
    sources: dict[str, Source],
    view: CorpusView,
    previous: Mapping[str, Any] | None,
    judged: Mapping[str, str] | None = None,
    plan: TopicPlan | None = None,
    finished: Finished | None = None,
    digests: Mapping[str, str] | None = None,
    made: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One topic's data from every claim of the corpus (`judged`: the rules' verdicts, when known; `plan`:
    its plan_topic when made already). With `digests` (claim_digest by claim id), `made` receives the name of
    what each figure, event and statement is made of (see _Finished), and those `finished` (the topic's data
    as this very code finished it last, with those names) made of the same are taken again."""
    if plan is None:
        plan = plan_topic(topic, articles, claims, view, judged)
    mine, measured = plan.claims, plan.measured
    by_figure: dict[str, list[Claim]] = defaultdict(list)
    for claim in mine:
        figure = measured.get(claim.id) if claim.kind == "quantity" else None
        if figure is not None:
            by_figure[figure.id].append(claim)
    old = _Finished(finished, articles, digests, made)
    opening = sentence_dates(claims, articles) if by_figure else {}
    figures = [
        old.figure(f, by_figure[f.id], lambda f=f: finish_figure({
            "id": f.id, "label": f.label, "counted": f.counted, "unit": f.unit, "scope": f.scope,
            **({"cumulative": True} if f.cumulative else {}),
            "claims": [figure_entry(c, articles[c.article_id], opening.get((c.article_id, c.sentence_start)))
                       for c in by_figure[f.id]],
        }), tuple(opening.get((c.article_id, c.sentence_start)) for c in by_figure[f.id]))
        for f in topic.figures
    ]
    events = [old.group("event", event, lambda event=event: finish_event(
        {"reports": [event_report(c, articles[c.article_id]) for c in event]})) for event in plan.events]
    statements = [
        (speaker, [old.group("statement", group, lambda group=group: finish_statement(
            {"reports": [statement_report(c, articles[c.article_id]) for c in group]})) for group in groups])
        for speaker, groups in plan.statements
    ]
    covering: dict[str, list[Article]] = defaultdict(list)
    for article_id in sorted({c.article_id for c in mine}):
        article = articles[article_id]
        covering[article.source_key].append(article)
    head = {
        "schema": SCHEMA_VERSION,
        "topic": {"slug": topic.slug, "title": topic.title, "question": topic.question,
                  "intro": topic.intro_markdown},
        "sources": [_source_entry(key, covering[key], sources) for key in sorted(covering)],
    }
    data = _assemble(head, figures, events, statements)
    now = claim_ids(data)
    before = claim_ids(previous) if previous else now
    data["changes"] = {"added": sorted(now - before), "removed": sorted(before - now)}
    return data


_SHAPES = {  # the keys a finished figure, event and statement may have, in their order
    "figure": (["id", "label", "counted", "unit", "scope", "status", "range", "claims"],
               ["id", "label", "counted", "unit", "scope", "cumulative", "status", "range", "claims"]),
    "event": (["id", "date", "label", "first", "reports"],),
    "statement": (["id", "reports"],),
}
Finished = tuple[Mapping[str, Any], Mapping[str, str]]  # a topic's finished data, and what each entry is made of


class _Finished:
    """A topic's figures, events and statements, each taken from the topic's data as this very code finished
    it last when made of the same (every field of its claims in order, their articles' cards, a figure's
    definition): finishing an entry is a function of those alone, so an edit makes again only the entries it
    changed. What each entry is made of is named in `made`, kept by the pipeline with the data (see
    datafiles.copy_made_by), never for data a review changed."""

    def __init__(self, finished: Finished | None, articles: Mapping[str, Article],
                 digests: Mapping[str, str] | None, made: dict[str, str] | None) -> None:
        self.articles = articles
        self.digests = digests
        self.made = made if made is not None else {}
        self.kept: dict[str, Mapping[str, Any]] = {}
        self.names: Mapping[str, str] = {}
        if finished is None or digests is None:
            return
        data, names = finished
        try:
            self.kept = {f"figure {f['id']}": f for f in data.get("figures") or ()}
            self.kept.update((f"event {e['id']}", e) for e in data.get("events") or ())
            self.kept.update((f"statement {s['id']}", s) for g in data.get("statements") or () for s in g["statements"])
            self.names = names if isinstance(names, Mapping) else {}
        except (KeyError, TypeError, AttributeError):  # not data this code wrote: nothing taken again
            self.kept, self.names = {}, {}

    def _name(self, head: str, claims: Iterable[Claim]) -> str | None:
        """Names what an entry is made of; None when a claim's digest is unknown."""
        if self.digests is None:
            return None
        try:
            material = "\x1e".join(
                f"{self.digests[c.id]}\x1f{c.article_id}\x1f{a.source_key}\x1f{a.published}"
                for c in claims for a in (self.articles[c.article_id],))
        except KeyError:
            return None
        return hashlib.blake2b(f"{head}\0{material}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _again(self, kind: str, entry: str, name: str | None, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        key = f"{kind} {entry}"
        if name is not None:
            self.made[key] = name
            was = self.kept.get(key)
            if was is not None and self.names.get(key) == name and list(was) in _SHAPES[kind]:
                return dict(was)
        return make()

    def group(self, kind: str, claims: tuple[Claim, ...], make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """An event or statement of these claims."""
        return self._again(kind, group_id(c.id for c in claims), self._name(kind, claims), make)

    def figure(self, figure: FigureDef, claims: list[Claim], make: Callable[[], dict[str, Any]],
               as_of: tuple[str | None, ...] = ()) -> dict[str, Any]:
        """A figure of these claims (`as_of`: the dates their sentences open with, read from other claims)."""
        head = repr(("figure", figure.id, figure.label, figure.counted, figure.unit, figure.scope, figure.cumulative,
                     as_of))
        return self._again("figure", figure.id, self._name(head, claims), make)


@dataclass
class Kept:
    """The last build's topic data, taken again when a topic's plan key is the one it was made from.

    `take(slug, key, previous)` gives the data the last build finished from that plan key when the pipeline
    can prove this build would finish the same (its data file untouched, the same reviews, the same
    `changes`), else None; `plans` receives each topic's plan key."""

    take: Callable[[str, str, Mapping[str, Any] | None], dict[str, Any] | None]
    extra: str = ""  # anything else the finished data depends on (the reviews)
    plans: dict[str, str] = field(default_factory=dict)
    reused: set[str] = field(default_factory=set)


def build(
    topics: Iterable[TopicDef],
    articles: Iterable[Article],
    claims_by_article: Mapping[str, Iterable[Claim]],
    sources: Mapping[str, Source] | Iterable[Source],
    previous: Mapping[str, Mapping[str, Any]] | None = None,
    matches: MatchMemo | None = None,
    kept: Kept | None = None,
    finished: Callable[[str], Finished | None] | None = None,
    made: dict[str, dict[str, str]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Every topic's data, keyed by slug; `changes` compares with `previous` (the last build's data).

    With `matches`, the rules' verdicts on an article's claims are taken from the last build when its claims
    and the topics are the same, and asked of the rules otherwise (then kept for the next build). With
    `kept`, a topic whose plan key is the one its previous data was made from is that data, not built again
    (`previous` is then the last build's finished data, as the pipeline reads it back). With `matches`, `made`
    receives, for each topic built, what each of its entries is made of, and `finished(slug)` gives the topic's
    data as this very code (maker()) finished it last with that map, or None: a topic built again takes the
    entries made of the same from it (asked only for the topics built, see _Finished)."""
    by_id = {a.id: a for a in articles}
    claims = sorted(
        (c for article_id in claims_by_article if article_id in by_id for c in claims_by_article[article_id]),
        key=operator.attrgetter("article_id", "start", "end", "kind", "id"),
    )
    index = {c.id: c for c in claims}
    known = _sources_by_id(sources)
    ordered = sorted(topics, key=lambda t: t.slug)
    groups = None
    if matches is not None:  # the build: the words and groups worked out by the last one are taken again
        grouping.warm(matches.path.parent / GROUPING, _match_code())
        features: dict[str, tuple[Claim, Features]] = {}
        judged = matches.verdicts(ordered, {a: claims_by_article[a] for a in claims_by_article if a in by_id},
                                  CorpusView((), {}, frozenset(), features))  # the rules read features only
        groups = grouping.GroupMemo(matches.path.parent / GROUPS, _match_code(), matches.digests)
        view = CorpusView.of(claims, groups, features, matches.digests)
    else:
        view = CorpusView.of(claims)
        judged = {}
    selections = SelectionMemo(matches.path.parent / SELECTIONS, _topics_key(ordered)) \
        if matches is not None and view.events_name is not None and len(index) == len(claims) else None
    out = {}
    opening: dict[tuple[str, int], str] | None = None  # the date each sentence opens with, read once for all topics
    for topic in ordered:
        prev = (previous or {}).get(topic.slug)
        name = matches.selected_from(topic.slug, view.events_name) if selections is not None else None
        selected = selections.get(topic, name, view, index) if selections is not None and name else None
        plan = plan_topic(topic, by_id, claims, view, judged.get(topic.slug), index, selected)
        if selections is not None and name and selected is None:
            selections.put(topic, name, plan, view)
        if kept is not None and matches is not None:
            if opening is None:
                opening = sentence_dates(claims, by_id)
            key = plan_key(topic, plan, by_id, matches.digests, known, kept.extra, opening)
            if key is not None:
                kept.plans[topic.slug] = key
                again = kept.take(topic.slug, key, prev)
                if again is not None:
                    out[topic.slug] = again
                    kept.reused.add(topic.slug)
                    continue
        names: dict[str, str] | None = None
        if made is not None and matches is not None:
            names = made[topic.slug] = {}
        out[topic.slug] = build_topic(topic, by_id, claims, known, view, prev, judged.get(topic.slug), plan,
                                      finished(topic.slug) if finished is not None else None,
                                      matches.digests if matches is not None else None, names)
        log.debug("topic %s: %d claims", topic.slug, len(claim_ids(out[topic.slug])))
    if matches is not None:
        grouping.keep(matches.path.parent / GROUPING, _match_code())
    if groups is not None:
        groups.save()
    if selections is not None:
        selections.save()
    return out


def prefetch(cache: Path) -> None:
    """The word lists and the last build's memos (in `cache`, the .cache/ folder), read while another process
    loads the model and parses an edited article (see extract.workers.meanwhile): each file is taken by the
    cross-reference if unchanged by then."""
    entities.names()
    grouping.lexicons()
    memofile.preread(*(cache / name for name in (MATCHES, GROUPING, GROUPS, SELECTIONS)))


MATCHES = "crossref-matches.bin"  # in .cache/: the rules' verdicts on each article's claims
GROUPING = "grouping.bin"  # in .cache/: event terms, quote concepts and folded sentences (grouping.warm)
GROUPS = "groups.bin"  # in .cache/: events and statements as last grouped (grouping.GroupMemo)
MATCHES_VERSION = 3
_MATCH_CODE = ("crossref.py", "topics.py", "comparison.py", "entities.py", "grouping.py")


@functools.cache
def _match_code() -> str:
    """The code and word lists the rules' verdicts depend on (folding, name keys, the matchers)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{MATCHES_VERSION}".encode())
    paths = [here / name for name in _MATCH_CODE] + sorted((here / "lexicon").glob("*.yaml"))
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def maker() -> str:
    """Names the code topic data is finished by (see build's `finished`)."""
    return _match_code()


def _topics_key(topics: Iterable[TopicDef]) -> str:
    """The topics' rules and figures exactly (their introductions do not change a verdict)."""
    material = repr([(t.slug, t.match, t.figures) for t in topics])
    return hashlib.sha256(f"{_match_code()}\0{material}".encode()).hexdigest()


def claim_digest(claim: Claim) -> str:
    """Names every field of a claim (its id alone does not name its offsets, figures or speaker)."""
    return hashlib.blake2b(repr(claim).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _accepted_names(found: tuple[tuple[tuple[str, str], ...], ...], digests: Mapping[str, str]) -> tuple[str, ...]:
    """For each topic, a name of the claims of one article its rules accept: their ids, verdicts and every field."""
    return tuple(hashlib.blake2b("\x1e".join(f"{c}\x1f{v}\x1f{digests[c]}" for c, v in pairs).encode(
        "utf-8", "surrogatepass"), digest_size=16).hexdigest() if pairs else "" for pairs in found)


class MatchMemo:
    """Verdicts of every topic on each article's claims, and a digest of each claim, kept in .cache/ between
    builds.

    An article's entry is named by the key of its claims (the extraction cache key: same key, same claims);
    the whole file is valid for one set of topic rules and one version of the matching code. Editing one
    article asks the rules about that article's claims only; a missing, altered or older file only means
    every claim is asked again.
    """

    def __init__(self, folder: Path, keys: Mapping[str, str]) -> None:
        self.path = folder / MATCHES
        self.keys = keys  # claims key by article id
        self.asked = 0  # articles whose claims were put to the rules in this build
        self.digests: dict[str, str] = {}  # claim id → claim_digest, filled by `verdicts`
        self.accepting: dict[str, list[str]] | None = None  # by topic: its accepted claims, named by article
        self.topics_key = ""

    def _load(self, topics_key: str) -> dict[str, Any]:
        return memofile.read_table(self.path, MATCHES_VERSION, topics_key)

    def _save(self, topics_key: str, rows: dict[str, Any]) -> None:
        try:
            memofile.write(self.path, (MATCHES_VERSION, topics_key, dict(sorted(rows.items()))), ".tmp-matches-")
        except OSError as exc:  # only the next build's speed depends on it
            log.debug("verdicts not kept: %s", exc)

    def verdicts(self, topics: list[TopicDef], claims_by_article: Mapping[str, Iterable[Claim]],
                 view: CorpusView) -> dict[str, dict[str, str]]:
        """Every topic's verdicts (see `verdicts`) on every claim, by topic slug."""
        topics_key = self.topics_key = _topics_key(topics)
        rows = self._load(topics_key)
        kept: dict[str, Any] = {}
        out: dict[str, dict[str, str]] = {t.slug: {} for t in topics}
        digests = self.digests
        accepting: dict[str, list[str]] | None = {t.slug: [] for t in topics}
        for article_id in sorted(claims_by_article):
            key = self.keys.get(article_id)
            if key is None:
                accepting = None
            row = rows.get(key) if key is not None else None
            if not (isinstance(row, tuple) and len(row) == 3 and isinstance(row[0], tuple)
                    and len(row[0]) == len(topics) == len(row[2])):
                items = list(claims_by_article[article_id])
                found = tuple(tuple(sorted(verdicts(topic, items, view).items())) for topic in topics)
                named = tuple((c.id, claim_digest(c)) for c in items)
                row = (found, named, _accepted_names(found, dict(named)))
                self.asked += 1
            if key is not None:
                kept[key] = row
            for topic, pairs, accepted in zip(topics, row[0], row[2], strict=True):
                out[topic.slug].update(pairs)
                if pairs and accepting is not None:
                    accepting[topic.slug].append(f"{article_id}\x1f{accepted}")
            digests.update(row[1])
        self.accepting = accepting
        if kept.keys() != rows.keys() or self.asked:
            self._save(topics_key, kept)
        return out

    def selected_from(self, slug: str, events: str | None) -> str | None:
        """Names what the topic's claims are selected from (see SelectionMemo), once `verdicts` ran; None when an
        article's claims have no key or the events no name."""
        if self.accepting is None or events is None or slug not in self.accepting:
            return None
        material = f"{self.topics_key}\0{slug}\0{events}\0" + "\x1e".join(self.accepting[slug])
        return hashlib.blake2b(material.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()
