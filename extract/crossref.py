"""Claims cross-referenced per topic: figures compared, events merged, statements matched, coverage.

Pure functions from claims and topic definitions to the plain data of docs/data-schema.md; the lead's
pipeline writes it to data/topics/<slug>.yaml. Every derived field (status, range, first reporter, event
date and label, coverage) is recomputed from the entries by `finish`, so reviews can change entries and
call it again.
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from extract import entities, safeyaml
from extract.models import Article, Claim, Source
from extract.topics import FigureDef, FigureMatch, TopicDef, fold

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
LEXICON = Path(__file__).parent / "lexicon" / "crossref.yaml"
APPROX = 0.10  # "environ 1 500" reads as 1 500 ± 10 %
PERIOD_DAYS = 7  # reports further apart than this describe different moments, not one disagreement
EVENT_SIMILARITY = 0.3  # share of the smaller report's (weighted) terms two reports of one event share
STATEMENT_SIMILARITY = 0.35  # same for two wordings of one statement
MIN_SHARED = 2  # and never on a single shared word
COMMON_SHARE = 0.15  # a quote word found in more sentences than this is the story's, not the statement's
COMMON_MIN_SENTENCES = 20  # below this many sentences no word is called common
CLAUSE_BREAK = re.compile(r",\s|;|:\s|\(|\)|\s[—–-]\s|\[|\]")
WORD = re.compile(r"[a-z]+")
UNKNOWN_SOURCE_NAME = "Source inconnue"


# ---------------------------------------------------------------- lexicon and text helpers


@cache
def _lexicon() -> dict[str, Any]:
    """The word lists of extract/lexicon/crossref.yaml, read once."""
    data = safeyaml.read(str(LEXICON), "extract/lexicon/crossref.yaml")
    concepts: list[tuple[str, str, bool]] = []
    for concept, beginnings in sorted(data["statement_concepts"].items()):
        for beginning in beginnings:
            exact = beginning.endswith("$")
            concepts.append((fold(beginning.rstrip("$")), concept, exact))
    concepts.sort(key=lambda item: (-len(item[0]), item[0], item[1]))
    return {
        "event_stop": frozenset(fold(w) for w in data["event_stop_terms"]),
        "stopwords": frozenset(fold(w) for w in data["statement_stopwords"]),
        "concepts": tuple(concepts),
    }


def name_key(name: str | None) -> str | None:
    """How two names are compared: their canonical form, folded."""
    if not name or not name.strip():
        return None
    return fold(entities.canonical(name))


def short_hash(parts: Iterable[str]) -> str:
    """A stable id for a group of claims: the same claims give the same id on every build."""
    return hashlib.sha1("\x1f".join(sorted(parts)).encode("utf-8")).hexdigest()[:12]


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


def _any(patterns: tuple[str, ...], text: str) -> bool:
    return any(re.search(pattern, text) for pattern in patterns)


# ---------------------------------------------------------------- assignment


def _meets(rules: FigureMatch, claim: Claim, text: dict[str, str]) -> bool:
    """Whether a quantity meets one set of a figure's rules (every list a hit, every not_* list none)."""
    if rules.qualifiers is not None and claim.qualifier not in rules.qualifiers:
        return False
    if rules.units and claim.unit is not None and claim.unit not in rules.units:
        return False
    if rules.units and claim.unit is None and not rules.counted:
        return False
    for place in ("counted", "clause", "sentence", "before", "after"):
        wanted, refused = getattr(rules, place), getattr(rules, f"not_{place}")
        if (wanted and not _any(wanted, text[place])) or _any(refused, text[place]):
            return False
    return True


def figure_for(claim: Claim, topic: TopicDef) -> FigureDef | None:
    """The first figure of the topic whose rules the quantity meets, judged from its own words."""
    if claim.kind != "quantity" or not topic.figures:
        return None
    rel = _position(claim)
    text = {
        "counted": fold(claim.counted or claim.text),
        "clause": fold(clause(claim)),
        "sentence": fold(claim.sentence),
        "before": fold(claim.sentence[:rel]) if rel >= 0 else "",
        "after": fold(claim.sentence[rel + len(claim.text) :]) if rel >= 0 else "",
    }
    for figure in topic.figures:
        if any(_meets(rules, claim, text) for rules in figure.match):
            return figure
    return None


def _speaker_hit(names: tuple[str, ...], claim: Claim) -> bool:
    """True when the quote's speaker or the claim's claimant is one of the names (whole words)."""
    who = [name_key(claim.speaker), name_key(claim.asserted_by)]
    for name in names:
        key = name_key(name)
        if not key:
            continue
        pattern = rf"(?<![\w-]){re.escape(key)}(?![\w-])"
        if any(w and (w == key or re.search(pattern, w)) for w in who):
            return True
    return False


def assign(claim: Claim, topic: TopicDef) -> bool:
    """Whether the claim belongs to the topic: a quantity through one of its figures, others by match rules."""
    if claim.kind == "quantity":
        return figure_for(claim, topic) is not None
    rules = topic.match
    if rules.kinds and claim.kind not in rules.kinds:
        return False
    sentence = fold(claim.sentence)
    if any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", sentence) for p in rules.phrases):
        return True
    lemmas = {fold(lemma) for lemma in claim.lemmas}
    if rules.lemmas and len(lemmas & set(rules.lemmas)) >= rules.min_lemmas:
        return True
    if rules.entities:
        wanted = {name_key(name) for name in rules.entities}
        if wanted & {name_key(name) for name in claim.entities}:
            return True
    return bool(rules.speakers) and _speaker_hit(rules.speakers, claim)


def _terms(claim: Claim) -> set[str]:
    """What a claim is about, for events and for `check`: its sentence's lemmas and entities, minus time words."""
    stop = _lexicon()["event_stop"]
    found = {fold(lemma) for lemma in claim.lemmas}
    found |= {name_key(name) or "" for name in claim.entities}
    if not found:  # no parse context (e.g. a hand-made claim): fall back on the sentence's words
        found = {w for w in WORD.findall(fold(claim.sentence)) if w not in _lexicon()["stopwords"]}
    return {t for t in found if len(t) > 2 and t not in stop}


def unassigned(claims: Iterable[Claim], topics: Iterable[TopicDef]) -> list[tuple[Claim, tuple[str, ...]]]:
    """Claims fitting no topic, each with its terms most frequent among them (to suggest match rules)."""
    every = sorted(claims, key=lambda c: (c.article_id, c.start, c.end, c.kind, c.id))
    view = CorpusView.of(every)
    shown = {c.id for topic in topics for c in topic_claims(topic, every, view)}
    left = [c for c in every if c.id not in shown]
    counts: Counter[str] = Counter()
    terms = {c.id: _terms(c) for c in left}
    for found in terms.values():
        counts.update(found)
    return [(claim, tuple(sorted(terms[claim.id], key=lambda t: (-counts[t], t))[:5])) for claim in left]


# ---------------------------------------------------------------- dates and intervals


def date_span(iso: str | None) -> tuple[date, date] | None:
    """The days an ISO date at its precision may mean: a month is all of its days, never just the 1st."""
    if not iso:
        return None
    if "/" in iso:
        first, _, last = iso.partition("/")
        a, b = date_span(first), date_span(last)
        return (a[0], b[1]) if a and b else None
    iso = iso.split("T", 1)[0]
    try:
        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            last_day = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last_day)
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


def certainly_before(a: str | None, b: str | None) -> bool:
    """True only when every day `a` may mean comes before every day `b` may mean."""
    sa, sb = date_span(a), date_span(b)
    return bool(sa and sb and sa[1] < sb[0])


def days_apart(a: str | None, b: str | None) -> int | None:
    """Smallest number of days between two dates at their precision (0 when they may be the same day)."""
    sa, sb = date_span(a), date_span(b)
    if not (sa and sb):
        return None
    if sa[1] < sb[0]:
        return (sb[0] - sa[1]).days
    if sb[1] < sa[0]:
        return (sa[0] - sb[1]).days
    return 0


def _tidy(number: float | int | None) -> float | int | None:
    """Whole numbers as int, others rounded, so YAML stays readable and stable."""
    if number is None:
        return None
    if isinstance(number, float):
        number = round(number, 6)
        return int(number) if number.is_integer() else number
    return number


def interval(value: Any, low: Any, high: Any, qualifier: str | None) -> list[Any] | None:
    """A figure and its qualifier as [low, high] (high None = no upper bound): what it allows to be true."""
    lo = low if low is not None else value
    hi = high if high is not None else value
    if lo is None and hi is None:
        return None
    lo = lo if lo is not None else hi
    hi = hi if hi is not None else lo
    if qualifier == "approx":
        return [_tidy(lo * (1 - APPROX)), _tidy(hi * (1 + APPROX))]
    if qualifier == "at_most":
        return [0, _tidy(hi)]
    if qualifier == "at_least":
        return [_tidy(lo), None]
    return [_tidy(lo), _tidy(hi)]


def overlaps(a: list[Any] | None, b: list[Any] | None) -> bool:
    """Whether two intervals can both be true."""
    if not a or not b:
        return True
    a_high = math.inf if a[1] is None else a[1]
    b_high = math.inf if b[1] is None else b[1]
    return a[0] <= b_high and b[0] <= a_high


# ---------------------------------------------------------------- derived fields


def rejected(entry: Mapping[str, Any]) -> bool:
    """An editor rejected this claim: it stays in the data, marked, and counts for nothing."""
    review = entry.get("review")
    return isinstance(review, Mapping) and review.get("action") == "reject"


def report_key(entry: Mapping[str, Any]) -> tuple[Any, ...]:
    """Reports in order of publication (a month sorts after its days, undated last), then article and position."""
    span = date_span(entry.get("published"))
    when = (0, span[1].isoformat(), span[0].isoformat()) if span else (1, "", "")
    return (*when, entry.get("article") or "", entry.get("start") or 0)


def first_reporters(entries: list[Mapping[str, Any]]) -> set[str]:
    """Articles that may have been first: none of the others is certainly earlier (month vs day = tie)."""
    found = set()
    for entry in entries:
        if not any(certainly_before(other.get("published"), entry.get("published")) for other in entries):
            found.add(entry["article"])
    return found


def _first_flags(entries: list[dict[str, Any]]) -> list[str]:
    """For each claim, whether its source reported this value first: yes, tie or no."""
    groups: dict[Any, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        if rejected(entry):
            continue
        value = entry.get("value")
        key = ("v", value) if value is not None else ("r", entry.get("low"), entry.get("high"))
        groups[key].append(index)
    flags = ["no"] * len(entries)
    for members in groups.values():
        group = [entries[i] for i in members]
        first = first_reporters(group)
        sources = {e["source"] for e in group if e["article"] in first}
        for i in members:
            if entries[i]["article"] in first:
                flags[i] = "yes" if len(sources) == 1 else "tie"
    return flags


def _stated(entry: Mapping[str, Any]) -> tuple[Any, Any]:
    lo = entry.get("low") if entry.get("low") is not None else entry.get("value")
    hi = entry.get("high") if entry.get("high") is not None else entry.get("value")
    return lo, hi


def figure_status(entries: list[Mapping[str, Any]]) -> tuple[str, dict[str, Any] | None]:
    """How the sources' figures relate, and the smallest and largest figure they state.

    empty: no claim; unconfirmed: only hedged claims; single: firm claims from one source only; divergent:
    two figures from the same period cannot both be true; evolving: they differ, but a later figure replaces
    an earlier one (same claimant, or reports more than PERIOD_DAYS apart); consistent: all can be true.
    """
    live = [e for e in entries if not rejected(e)]
    if not live:
        return "empty", None
    firm = [e for e in live if not e.get("hedged")]
    considered = firm or live
    lows = [s for e in considered for s in _stated(e)[:1] if s is not None]
    highs = [s for e in considered for s in _stated(e)[1:] if s is not None]
    span = {"low": _tidy(min(lows)) if lows else None, "high": _tidy(max(highs)) if highs else None}
    if not firm:
        return "unconfirmed", span
    if len({e["source"] for e in firm}) == 1:
        return "single", span
    divergent = evolving = False
    for i, a in enumerate(considered):
        for b in considered[i + 1 :]:
            if overlaps(a.get("interval"), b.get("interval")):
                continue
            same_claimant = name_key(a.get("claimant")) is not None and (
                name_key(a.get("claimant")) == name_key(b.get("claimant"))
            )
            ordered = certainly_before(a.get("published"), b.get("published")) or certainly_before(
                b.get("published"), a.get("published")
            )
            apart = days_apart(a.get("published"), b.get("published"))
            if (same_claimant and ordered) or (apart is not None and apart > PERIOD_DAYS):
                evolving = True
            else:
                divergent = True
    if divergent:
        return "divergent", span
    return ("evolving" if evolving else "consistent"), span


def finish_figure(figure: Mapping[str, Any]) -> dict[str, Any]:
    """A figure with its claims sorted and its status, range and first reporters recomputed."""
    claims = sorted((dict(c) for c in figure["claims"]), key=report_key)
    for entry, flag in zip(claims, _first_flags(claims), strict=True):
        entry["first"] = flag
        if "review" in entry:  # keep the documented key order: review comes last
            entry["review"] = entry.pop("review")
    status, span = figure_status(claims)
    out = {k: figure[k] for k in ("id", "label", "counted", "unit", "scope")}
    out.update(status=status, range=span, claims=claims)
    return out


def _event_date(reports: list[Mapping[str, Any]]) -> str | None:
    """The event's date at the best precision its reports give (a month stays a month); most reported wins."""
    dates = [r["date"] for r in reports if r.get("date") and not rejected(r)] or [
        r["date"] for r in reports if r.get("date")
    ]
    if not dates:
        return None
    best = max(_precision(d) for d in dates)
    counts = Counter(d for d in dates if _precision(d) == best)
    return min(counts, key=lambda d: (-counts[d], d))


def finish_event(event: Mapping[str, Any]) -> dict[str, Any]:
    """An event with its reports sorted and its id, date, label and first reporters recomputed."""
    reports = sorted((dict(r) for r in event["reports"]), key=report_key)
    live = [r for r in reports if not rejected(r)] or reports
    first = first_reporters(live)
    first_sources = sorted({r["source"] for r in live if r["article"] in first})
    return {
        "id": short_hash(r["claim"] for r in reports),
        "date": _event_date(reports),
        "label": live[0]["sentence"] if live else "",
        "first": first_sources,
        "reports": reports,
    }


def finish_statement(statement: Mapping[str, Any]) -> dict[str, Any]:
    """A statement with its reports sorted and its id recomputed."""
    reports = sorted((dict(r) for r in statement["reports"]), key=report_key)
    return {"id": short_hash(r["claim"] for r in reports), "reports": reports}


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
    figures = [finish_figure(f) for f in data["figures"]]
    events = sorted((finish_event(e) for e in data["events"] if e["reports"]), key=lambda e: (e["date"] or "", e["id"]))
    groups = []
    for group in data["statements"]:
        statements = [finish_statement(s) for s in group["statements"] if s["reports"]]
        statements.sort(key=lambda s: (report_key(s["reports"][0]), s["id"]))
        if statements:
            groups.append({"speaker": group["speaker"], "statements": statements})
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


# ---------------------------------------------------------------- similarity (events and statements)


def _idf(term_sets: Iterable[set[str]]) -> dict[str, float]:
    """How rare each term is across the corpus: words every report uses say little about which event it is."""
    sets = list(term_sets)
    df: Counter[str] = Counter()
    for terms in sets:
        df.update(terms)
    n = max(len(sets), 1)
    return {term: math.log(1 + n / count) for term, count in df.items()}


def common_terms(term_sets: Iterable[set[str]]) -> frozenset[str]:
    """Terms of the story itself (in more than COMMON_SHARE of the sentences, once there are enough of them).

    In a corpus about North Korean troops in Russia, "troupes", "Corée" or "Russie" are in every other quote:
    sharing them says nothing about two quotes being one statement.
    """
    sets = list(term_sets)
    if len(sets) < COMMON_MIN_SENTENCES:
        return frozenset()
    df: Counter[str] = Counter()
    for terms in sets:
        df.update(terms)
    return frozenset(t for t, count in df.items() if count > COMMON_SHARE * len(sets))


def _similar(a: set[str], b: set[str], idf: Mapping[str, float], threshold: float) -> float:
    """Weighted share of the smaller set found in the other; 0 below the threshold or MIN_SHARED words."""
    shared = a & b
    if len(shared) < MIN_SHARED or not a or not b:
        return 0.0
    weight = lambda terms: sum(idf.get(t, math.log(2)) for t in terms)  # noqa: E731
    score = weight(shared) / min(weight(a), weight(b))
    return score if score >= threshold else 0.0


def _precision(iso: str) -> int:
    """Day 3, month 2, year 1; an interval 0 (it only ever matches itself)."""
    if "/" in iso:
        return 0
    return len(iso.split("T", 1)[0].split("-"))


def _within(inner: str, outer: str) -> bool:
    """Whether a date at its precision falls inside another, coarser or equal one."""
    if "/" in inner or "/" in outer:
        return inner == outer
    return inner.split("T", 1)[0].startswith(outer.split("T", 1)[0])


def cluster_events(claims: list[Claim], idf: Mapping[str, float]) -> list[list[Claim]]:
    """Dated claims grouped by the event they report: same date at the right precision, shared terms.

    Precise dates are placed first; a month-precision report then joins the most similar event inside its
    month (or stays its own event in that month), a year one inside its year.
    """
    clusters: list[dict[str, Any]] = []
    ordered = sorted(
        (c for c in claims if c.date),
        key=lambda c: (-_precision(c.date or ""), c.date or "", c.article_id, c.start, c.id),
    )
    for claim in ordered:
        terms = _terms(claim)
        best, best_score = None, 0.0
        for cluster in clusters:
            if not _within(cluster["date"], claim.date or ""):
                continue
            score = _similar(terms, cluster["terms"], idf, EVENT_SIMILARITY)
            if score > best_score:
                best, best_score = cluster, score
        if best is None:
            clusters.append({"date": claim.date, "terms": set(terms), "claims": [claim]})
        else:
            best["terms"] |= terms
            best["claims"].append(claim)
    merged = True
    while merged:  # reports placed early may have missed words that later ones brought to their event
        merged = False
        for i, a in enumerate(clusters):
            for b in clusters[i + 1 :]:
                inside = _within(b["date"], a["date"]) or _within(a["date"], b["date"])
                if inside and _similar(a["terms"], b["terms"], idf, EVENT_SIMILARITY):
                    a["date"] = max(a["date"], b["date"], key=_precision)
                    a["terms"] |= b["terms"]
                    a["claims"] += b["claims"]
                    clusters.remove(b)
                    merged = True
                    break
            if merged:
                break
    return [cluster["claims"] for cluster in clusters]


def _begins(word: str, beginning: str, exact: bool) -> bool:
    return word == beginning or (not exact and word.startswith(beginning))


def quote_concepts(text: str) -> set[str]:
    """A quote's words as comparable concepts: synonyms share one name, other words their first letters."""
    lexicon = _lexicon()
    found = set()
    for word in WORD.findall(fold(text)):
        if len(word) < 4 or word in lexicon["stopwords"]:
            continue
        concept = next(
            (name for begin, name, exact in lexicon["concepts"] if _begins(word, begin, exact)),
            None,
        )
        found.add(concept or word[:5])
    return found


def cluster_statements(claims: list[Claim], idf: Mapping[str, float],
                       common: frozenset[str] = frozenset()) -> list[list[Claim]]:
    """One speaker's quotes grouped by statement: nested spans, the same words, or close wording."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    concepts = [quote_concepts(c.quote or c.text) - common for c in claims]
    texts = [fold(c.quote or c.text) for c in claims]
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            nested = a.article_id == b.article_id and a.start < b.end and b.start < a.end
            if nested or texts[i] == texts[j] or _similar(concepts[i], concepts[j], idf, STATEMENT_SIMILARITY):
                parent[root(j)] = root(i)
    groups: dict[int, list[Claim]] = defaultdict(list)
    for i, claim in enumerate(claims):
        groups[root(i)].append(claim)
    return list(groups.values())


# ---------------------------------------------------------------- build


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


def figure_entry(claim: Claim, article: Article) -> dict[str, Any]:
    """One source's figure as the comparison shows it."""
    entry = _base(claim, article)
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
    return entry


def statement_report(claim: Claim, article: Article) -> dict[str, Any]:
    """One source's wording of a statement."""
    entry = _base(claim, article)
    entry.update(quote=claim.quote or claim.text, direct=claim.direct, verb=claim.verb, **_place(claim))
    return entry


@dataclass(frozen=True)
class CorpusView:
    """What every topic shares: the corpus's events and how rare each quote word is."""

    events: tuple[tuple[Claim, ...], ...]
    quote_idf: Mapping[str, float]
    quote_common: frozenset[str]

    @classmethod
    def of(cls, claims: list[Claim]) -> CorpusView:
        """Events are merged over the whole corpus, so a report that names no topic word still joins its event."""
        sentences: dict[str, Claim] = {}
        for claim in claims:
            sentences.setdefault(fold(claim.sentence), claim)
        event_idf = _idf(_terms(c) for c in sentences.values())
        quote_sets = [quote_concepts(c.sentence) for c in sentences.values()]
        events = cluster_events([c for c in claims if c.kind == "date"], event_idf)
        return cls(tuple(tuple(e) for e in events), _idf(quote_sets), common_terms(quote_sets))


def topic_claims(topic: TopicDef, claims: Iterable[Claim], view: CorpusView) -> list[Claim]:
    """The claims a topic shows: those its rules accept, and every report of an event one of them reports."""
    mine = {c.id: c for c in claims if c.kind != "date" and assign(c, topic)}
    for event in view.events:
        if any(assign(c, topic) for c in event):
            mine.update((c.id, c) for c in event)
    return sorted(mine.values(), key=lambda c: (c.article_id, c.start, c.end, c.id))


def build_topic(
    topic: TopicDef,
    articles: Mapping[str, Article],
    claims: list[Claim],
    sources: dict[str, Source],
    view: CorpusView,
    previous: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """One topic's data from every claim of the corpus."""
    mine = topic_claims(topic, (c for c in claims if c.article_id in articles), view)
    mine_ids = {c.id for c in mine}
    by_figure: dict[str, list[Claim]] = defaultdict(list)
    for claim in mine:
        figure = figure_for(claim, topic)
        if figure is not None:
            by_figure[figure.id].append(claim)
    figures = [
        {
            "id": f.id, "label": f.label, "counted": f.counted, "unit": f.unit, "scope": f.scope,
            "claims": [figure_entry(c, articles[c.article_id]) for c in by_figure[f.id]],
        }
        for f in topic.figures
    ]
    events = [
        {"reports": [event_report(c, articles[c.article_id]) for c in event]}
        for event in view.events
        if any(c.id in mine_ids for c in event)
    ]
    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    shown: dict[str, str] = {}
    for claim in mine:
        if claim.kind == "quote" and name_key(claim.speaker):
            key = name_key(claim.speaker) or ""
            by_speaker[key].append(claim)
            shown.setdefault(key, entities.canonical(claim.speaker or "").strip())
    statements = [
        {
            "speaker": shown[key],
            "statements": [
                {"reports": [statement_report(c, articles[c.article_id]) for c in group]}
                for group in cluster_statements(group_claims, view.quote_idf, view.quote_common)
            ],
        }
        for key, group_claims in sorted(by_speaker.items())
    ]
    covering: dict[str, list[Article]] = defaultdict(list)
    for article_id in sorted({c.article_id for c in mine}):
        article = articles[article_id]
        covering[article.source_key].append(article)
    data = finish(
        {
            "schema": SCHEMA_VERSION,
            "topic": {"slug": topic.slug, "title": topic.title, "question": topic.question,
                      "intro": topic.intro_markdown},
            "sources": [_source_entry(key, covering[key], sources) for key in sorted(covering)],
            "figures": figures,
            "events": events,
            "statements": statements,
        }
    )
    now = claim_ids(data)
    before = claim_ids(previous) if previous else now
    data["changes"] = {"added": sorted(now - before), "removed": sorted(before - now)}
    return data


def build(
    topics: Iterable[TopicDef],
    articles: Iterable[Article],
    claims_by_article: Mapping[str, Iterable[Claim]],
    sources: Mapping[str, Source] | Iterable[Source],
    previous: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Every topic's data, keyed by slug; `changes` compares with `previous` (the last build's data)."""
    by_id = {a.id: a for a in articles}
    claims = sorted(
        (c for article_id in claims_by_article if article_id in by_id for c in claims_by_article[article_id]),
        key=lambda c: (c.article_id, c.start, c.end, c.kind, c.id),
    )
    view = CorpusView.of(claims)
    known = _sources_by_id(sources)
    out = {}
    for topic in sorted(topics, key=lambda t: t.slug):
        prev = (previous or {}).get(topic.slug)
        out[topic.slug] = build_topic(topic, by_id, claims, known, view, prev)
        log.debug("topic %s: %d claims", topic.slug, len(claim_ids(out[topic.slug])))
    return out
