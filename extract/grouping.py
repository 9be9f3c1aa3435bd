"""Reports of one event, or wordings of one statement, found across sources.

Events: dated claims with compatible dates (the same day, or a month report inside the day of an event)
whose sentences share enough rare terms. Statements: quotes of one speaker that nest, repeat, or share
enough concepts (synonyms count as one; the story's everyday words do not count).
"""

from __future__ import annotations

import hashlib
import logging
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

from extract import memofile, safeyaml
from extract.comparison import name_key, precision, within
from extract.models import Claim
from extract.topics import fold

log = logging.getLogger(__name__)

LEXICON = Path(__file__).parent / "lexicon" / "crossref.yaml"
EVENT_SIMILARITY = 0.3  # share of the smaller report's (weighted) terms two reports of one event share
STATEMENT_SIMILARITY = 0.35  # same for two wordings of one statement
MIN_SHARED = 2  # and never on a single shared word
COMMON_SHARE = 0.15  # a quote word found in more sentences than this is the story's, not the statement's
COMMON_MIN_SENTENCES = 20  # below this many sentences no word is called common
WORD = re.compile(r"[a-z]+")
K = TypeVar("K")
DEFAULT_IDF = math.log(2)  # a term the corpus never counted weighs as one found in every other sentence


def lexicons() -> None:
    """Read the word lists now (a build reads them while the model loads, see crossref.prefetch)."""
    _lexicon()


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


def claim_terms(claim: Claim) -> set[str]:
    """What a claim is about, for events and for `check`: its sentence's lemmas and entities, minus time words."""
    return set(_terms(claim.lemmas, claim.entities, "" if claim.lemmas or claim.entities else claim.sentence))


@lru_cache(maxsize=1 << 16)
def _terms(lemmas: tuple[str, ...], entities: tuple[str, ...], sentence: str) -> frozenset[str]:
    """claim_terms, memoized: every claim of a sentence carries the sentence's lemmas and entities."""
    key = (lemmas, entities, sentence)
    found = _KEPT["terms"].get(key)
    if found is None:
        found = _terms_of(lemmas, entities, sentence)
    _SEEN["terms"][key] = found
    return found


def _terms_of(lemmas: tuple[str, ...], entities: tuple[str, ...], sentence: str) -> frozenset[str]:
    stop = _lexicon()["event_stop"]
    found = {fold(lemma) for lemma in lemmas}
    found |= {name_key(name) or "" for name in entities}
    if not found:  # no parse context (e.g. a hand-made claim): fall back on the sentence's words
        found = {w for w in WORD.findall(fold(sentence)) if w not in _lexicon()["stopwords"]}
    return frozenset(t for t in found if len(t) > 2 and t not in stop)


def rarity(term_sets: Iterable[set[str]]) -> dict[str, float]:
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


def weight(terms: Set[str], idf: Mapping[str, float]) -> float:
    """The terms' summed rarity. math.fsum rounds the exact sum once, so the set's (run-dependent) order
    cannot change the result: no sorting needed for every run to round alike."""
    get = idf.get
    return math.fsum([get(t, DEFAULT_IDF) for t in terms])


def similar(a: Set[str], b: Set[str], idf: Mapping[str, float], threshold: float,
            weights: tuple[float, float] | None = None, margins: Margins | None = None) -> float:
    """Weighted share of the smaller set found in the other; 0 below the threshold or MIN_SHARED words.

    `weights` are the two sets' own weights when the caller already has them (it compares each set often);
    `margins`, when given, notes how far the score was from the threshold.
    """
    shared = a & b
    if len(shared) < MIN_SHARED or not a or not b:
        return 0.0
    wa, wb = weights if weights is not None else (weight(a, idf), weight(b, idf))
    score = weight(shared, idf) / min(wa, wb)
    if margins is not None and shared != a and shared != b:  # a set found whole in the other scores 1 anyway
        margins.threshold = max(margins.threshold, min(score / threshold, threshold / score))
    return score if score >= threshold else 0.0


@dataclass
class Margins:
    """How close a grouping's rarity-dependent decisions came to going the other way, as ratios (1 = a tie).

    `threshold`: the closest ratio (at most 1) between a score and its threshold, either way; `rival`: the
    closest between the score of the event a report joined and the next best it was preferred to. A set found
    whole in the other scores 1 whatever the rarity, and is not counted. When no word's rarity moves by more
    than a share `drift`, every score moves by less than a factor (1 + drift) / (1 - drift): `holds` then
    proves the same decisions, hence the same groups."""

    threshold: float = 0.0
    rival: float = 0.0

    def holds(self, drift: float) -> bool:
        """Whether every decision stays as it was when each word's rarity moves by at most a share `drift`."""
        if not drift:  # the very same weights: the very same computation
            return True
        if drift >= 0.5:
            return False
        factor = (1 + drift) / (1 - drift) * (1 + SAFETY)
        return self.threshold * factor < 1 and self.rival * factor * factor < 1


SAFETY = 1e-9  # room for the rounding of a score (a quotient of two correctly rounded sums)


def _date_keys(iso: str) -> tuple[str, ...]:
    """The buckets an event of this date is filed under: itself, its month, its year."""
    if "/" in iso:
        return (iso,)
    day = iso.split("T", 1)[0]
    return tuple(dict.fromkeys((day, day[:7], day[:4])))


def cluster_events(claims: list[Claim], idf: Mapping[str, float], margins: Margins | None = None
                   ) -> list[list[Claim]]:
    """Dated claims grouped by the event they report: same date at the right precision, shared terms.

    Precise dates are placed first; a month-precision report then joins the most similar event inside its
    month (or stays its own event in that month), a year one inside its year. Events are filed by day,
    month and year, so a report is only compared with the events its date can hold. `margins`, when given,
    notes how close each decision came to going the other way (see GroupMemo).
    """
    clusters: list[dict[str, Any]] = []
    filed: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ordered = sorted((c for c in claims if c.date), key=_placing)

    def heft(cluster: dict[str, Any]) -> float:  # the weight of an event's terms, summed again only when they grow
        if cluster["weight"] is None:
            cluster["weight"] = weight(cluster["terms"], idf)
        return cluster["weight"]

    for claim in ordered:
        when = (claim.date or "").split("T", 1)[0]
        terms = claim_terms(claim)
        own = weight(terms, idf)
        best, best_score = None, 0.0
        rivals: list[float] | None = [] if margins is not None else None  # scores below 1, when noted
        for cluster in filed.get(when, ()):
            if len(terms & cluster["terms"]) < MIN_SHARED:
                continue
            score = similar(terms, cluster["terms"], idf, EVENT_SIMILARITY, (own, heft(cluster)), margins)
            if rivals is not None and score:
                rivals.append(score if terms & cluster["terms"] not in (terms, cluster["terms"]) else 1.0)
            if score > best_score:
                best, best_score = cluster, score
        if margins is not None and rivals and len(rivals) > 1:
            rivals.sort(reverse=True)
            if rivals[0] < 1.0:  # a score of 1 (a set found whole) beats every other whatever the rarity
                margins.rival = max(margins.rival, rivals[1] / rivals[0])
        if best is None:
            best = {"date": claim.date, "terms": set(terms), "claims": [claim], "weight": own}
            clusters.append(best)
            for key in _date_keys(when):
                filed[key].append(best)
        else:
            best["terms"] |= terms
            best["weight"] = None
            best["claims"].append(claim)
    # reports placed early may have missed words that later ones brought to their event: merge events whose
    # dates hold one another and whose words now match, until nothing changes
    alive = {id(c) for c in clusters}
    changed = True
    while changed:
        changed = False
        for a in clusters:
            if id(a) not in alive:
                continue
            for b in filed.get(a["date"].split("T", 1)[0], ()):
                if b is a or id(b) not in alive or len(a["terms"] & b["terms"]) < MIN_SHARED:
                    continue
                if within(b["date"], a["date"]) and similar(a["terms"], b["terms"], idf, EVENT_SIMILARITY,
                                                            (heft(a), heft(b)), margins):
                    a["date"] = max(a["date"], b["date"], key=precision)
                    a["terms"] |= b["terms"]
                    a["weight"] = None
                    a["claims"] += b["claims"]
                    alive.discard(id(b))
                    for key in _date_keys(a["date"].split("T", 1)[0]):
                        if not any(x is a for x in filed[key]):
                            filed[key].append(a)
                    changed = True
    return [cluster["claims"] for cluster in clusters if id(cluster) in alive]


def _placing(claim: Claim) -> tuple[Any, ...]:
    """The order cluster_events places dated claims in: precise dates first."""
    return (-precision(claim.date or ""), claim.date or "", claim.article_id, claim.start, claim.id)


_PLAIN_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def event_parts(claims: list[Claim]) -> dict[str, list[Claim]] | None:
    """The dated claims split into parts cluster_events groups each alone, in their order; None when it cannot.

    A report is only compared with the events filed under its own date (a day, a month, a year, a period), and
    an event only grows within its date: so the days and months of one month never meet another month's, unless
    a report dated by its year alone compares them all (its year is then one part), and a period's reports
    only meet the same period's. An edit then groups again only the months it touched."""
    whens = [(c, (c.date or "").split("T", 1)[0]) for c in claims if c.date]
    years: set[str] = set()
    for _, when in whens:
        if "/" not in when:
            if not _PLAIN_DATE.fullmatch(when):
                return None
            if len(when) == 4:
                years.add(when)
    parts: dict[str, list[Claim]] = {}
    for claim, when in whens:
        key = when if "/" in when else when[:4] if when[:4] in years else when[:7]
        parts.setdefault(key, []).append(claim)
    return parts


def _begins(word: str, beginning: str, exact: bool) -> bool:
    return word == beginning or (not exact and word.startswith(beginning))


@lru_cache(maxsize=1 << 16)
def _concept(word: str) -> str | None:
    """The concept a (folded) word belongs to, longest beginning first; memoized: the lexicon is a long list."""
    return next((name for begin, name, exact in _lexicon()["concepts"] if _begins(word, begin, exact)), None)


@lru_cache(maxsize=1 << 15)
def _quote_concepts(text: str) -> frozenset[str]:
    found = _KEPT["concepts"].get(text)
    if found is None:
        found = _concepts_of(text)
    _SEEN["concepts"][text] = found
    return found


def _concepts_of(text: str) -> frozenset[str]:
    stopwords = _lexicon()["stopwords"]
    found = set()
    for word in WORD.findall(fold(text)):
        if len(word) < 4 or word in stopwords:
            continue
        found.add(_concept(word) or word[:5])
    return frozenset(found)


def quote_concepts(text: str) -> set[str]:
    """A quote's words as comparable concepts: synonyms share one name, other words their first letters."""
    return set(_quote_concepts(text))


KEPT_VERSION = 1
_KEPT: dict[str, dict[Any, Any]] = {"terms": {}, "concepts": {}, "folded": {}}  # read from .cache by `warm`
_SEEN: dict[str, dict[Any, Any]] = {"terms": {}, "concepts": {}, "folded": {}}  # what this process used


def folded(sentence: str) -> str:
    """A sentence folded (topics.fold), taken from the last build's when kept."""
    found = _KEPT["folded"].get(sentence)
    if found is None:
        found = fold(sentence)
    _SEEN["folded"][sentence] = found
    return found


def warm(path: Path, code: str) -> None:
    """Take the words, concepts and folded sentences the last build worked out (.cache/grouping.bin), so only
    new sentences are worked out again; `code` names the code and lexicons they depend on. A missing,
    altered or older file only means working them out again."""
    kept = memofile.read_table(path, KEPT_VERSION, code)
    if kept.keys() == _KEPT.keys():
        _KEPT.update(kept)


def keep(path: Path, code: str) -> None:
    """Write what this process used for the next build (atomically), when it is not what was read."""
    if all(_SEEN[name].keys() == _KEPT[name].keys() for name in _KEPT):
        return
    try:
        memofile.write(path, (KEPT_VERSION, code, _SEEN), ".tmp-grouping-")
    except (OSError, ValueError) as exc:  # only the next build's speed depends on it
        log.debug("grouping words not kept: %s", exc)
    _KEPT.update({name: dict(found) for name, found in _SEEN.items()})


def _later_sharing(sets: list[frozenset[str]]) -> Iterator[tuple[int, int]]:
    """Pairs (i < j) of sets sharing at least MIN_SHARED terms (the only ones `similar` can join), by bit masks."""
    holders: dict[str, int] = defaultdict(int)
    for index, terms in enumerate(sets):
        for term in terms:
            holders[term] |= 1 << index
    for i, terms in enumerate(sets):
        once = twice = 0
        for term in terms:
            later = holders[term] >> (i + 1)
            twice |= once & later
            once |= later
        while twice:
            lowest = twice & -twice
            yield i, i + lowest.bit_length()
            twice ^= lowest


def cluster_statements(claims: list[Claim], idf: Mapping[str, float],
                       common: frozenset[str] = frozenset(), margins: Margins | None = None) -> list[list[Claim]]:
    """One speaker's quotes grouped by statement: nested spans, the same words, or close wording.

    The groups are the connected quotes, so each test runs once per distinct wording, not once per pair of
    quotes: a speaker quoted a thousand times in the same few words is not a million comparisons. `margins`,
    when given, notes how close each test came to going the other way (see GroupMemo).
    """
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(j)] = root(i)

    concepts = [frozenset(quote_concepts(c.quote or c.text) - common) for c in claims]
    for members in _indices_by([fold(c.quote or c.text) for c in claims]).values():  # the same words
        for j in members[1:]:
            join(members[0], j)
    for members in _indices_by([c.article_id for c in claims]).values():  # nested spans of one article
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if claims[i].start < claims[j].end and claims[j].start < claims[i].end:
                    join(i, j)
    by_set = _indices_by(concepts)  # the same concepts: close to each other exactly as to anything else
    sets = list(by_set)
    for terms, members in by_set.items():
        if len(members) > 1 and similar(terms, terms, idf, STATEMENT_SIMILARITY):
            for j in members[1:]:
                join(members[0], j)
    weights = [weight(terms, idf) for terms in sets]
    for a, b in _later_sharing(sets):
        i, j = by_set[sets[a]][0], by_set[sets[b]][0]
        if root(i) != root(j) and similar(sets[a], sets[b], idf, STATEMENT_SIMILARITY, (weights[a], weights[b]),
                                          margins):
            join(i, j)
    groups: dict[int, list[Claim]] = defaultdict(list)
    for i, claim in enumerate(claims):
        groups[root(i)].append(claim)
    return list(groups.values())


def _indices_by(keys: list[K]) -> dict[K, list[int]]:
    """Positions of each key, keys in order of first appearance."""
    found: dict[K, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        found[key].append(index)
    return found


GROUPS_VERSION = 1
_ID = operator.attrgetter("id")
Kept = tuple[tuple[tuple[int, ...], ...], float, float, dict[str, float]]  # groups, margins, rarity they held at


def _drift(kept: Mapping[str, float], idf: Mapping[str, float]) -> float:
    """The largest share by which a word's rarity moved from the one kept (words absent weigh DEFAULT_IDF)."""
    get = idf.get
    return max((abs(get(term, DEFAULT_IDF) / value - 1) for term, value in kept.items()), default=0.0)


class GroupMemo:
    """Events and statements as the last build grouped them, kept in .cache/ and taken again when made of the
    same claims and no word's rarity moved enough to turn one decision (see Margins); else grouped again.

    Word rarity is the corpus's, so an edit anywhere moves every weight a little: the groups are kept with how
    close their decisions came to a tie and with the rarities they were decided at, and are taken again only
    when the drift since then provably turns none. A missing, altered or older file only means grouping again."""

    def __init__(self, path: Path | None, code: str, names: Mapping[str, str]) -> None:
        self.path = path
        self.code = code
        self.names = names  # claim id → a digest of every field of the claim
        self.kept: dict[str, Kept] = {}
        self.seen: dict[str, Kept] = {}
        self.grouped = 0  # groupings worked out in this build (the others were taken again)
        if path is not None:
            self.kept = memofile.read_table(path, GROUPS_VERSION, code)

    def _key(self, kind: str, claims: list[Claim], extra: str) -> str | None:
        try:  # a claim's name is a digest of every field of it, its id included
            material = "\x1e".join(map(self.names.__getitem__, map(_ID, claims)))
        except KeyError:
            return None
        return hashlib.blake2b(f"{kind}\0{extra}\0{material}".encode("utf-8", "surrogatepass"),
                               digest_size=20).hexdigest()

    def _group(self, kind: str, claims: list[Claim], idf: Mapping[str, float], extra: str,
               words: Callable[[], set[str]], run: Callable[[Margins | None], list[list[Claim]]]
               ) -> list[list[Claim]]:
        key = self._key(kind, claims, extra)
        if key is None:
            return run(None)
        entry = self.kept.get(key)
        if entry is not None and isinstance(entry, tuple) and len(entry) == 4:
            groups, threshold, rival, rarities = entry
            try:
                if Margins(threshold, rival).holds(_drift(rarities, idf)):
                    found = [[claims[i] for i in group] for group in groups]
                    self.seen[key] = entry  # the rarities decided at stay the reference: drift never adds up
                    return found
            except (TypeError, IndexError, ZeroDivisionError):
                pass
        margins = Margins()
        found = run(margins)
        self.grouped += 1
        position = {id(claim): index for index, claim in enumerate(claims)}
        self.seen[key] = (tuple(tuple(position[id(c)] for c in group) for group in found), margins.threshold,
                          margins.rival, {term: idf.get(term, DEFAULT_IDF) for term in sorted(words())})
        return found

    def events(self, claims: list[Claim], idf: Mapping[str, float]) -> list[list[Claim]]:
        """cluster_events, each part of the corpus (see event_parts) taken again when it provably groups as last
        time; the events in the order cluster_events gives them (that of the report that began each)."""
        parts = event_parts(claims)
        if parts is None or len(parts) < 2:
            return self._group("events", claims, idf, "",
                               lambda: set().union(*(claim_terms(c) for c in claims if c.date)),
                               lambda margins: cluster_events(claims, idf, margins))
        found: list[list[Claim]] = []
        for key, part in parts.items():
            found += self._group("events", part, idf, key, lambda part=part: set().union(*map(claim_terms, part)),
                                 lambda margins, part=part: cluster_events(part, idf, margins))
        order = {id(claim): index for index, claim in enumerate(sorted((c for c in claims if c.date), key=_placing))}
        found.sort(key=lambda event: order[id(event[0])])
        return found

    def statements(self, claims: list[Claim], idf: Mapping[str, float], common: frozenset[str] = frozenset()
                   ) -> list[list[Claim]]:
        """cluster_statements, taken again when it provably groups as last time."""
        return self._group("statements", claims, idf, "\x1f".join(sorted(common)),
                           lambda: set().union(*(quote_concepts(c.quote or c.text) - common for c in claims)),
                           lambda margins: cluster_statements(claims, idf, common, margins))

    def save(self) -> None:
        """Keep this build's groupings for the next one (atomically), when they are not what was read."""
        if self.path is None or (not self.grouped and self.seen.keys() == self.kept.keys()):
            return
        try:
            memofile.write(self.path, (GROUPS_VERSION, self.code, self.seen), ".tmp-groups-")
        except (OSError, ValueError) as exc:  # only the next build's speed depends on it
            log.debug("groups not kept: %s", exc)
