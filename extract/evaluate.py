"""Score the extractor against hand-made gold claims, with the matching rules a fact-checker would use."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract import claims as claims_module
from extract import nlp, safeyaml
from extract.errors import InputError, Problem
from extract.ingest import read_article
from extract.models import Article, Claim

KINDS = ("quantity", "date", "quote")
GOLD_KEYS = {"quantity": "quantities", "date": "dates", "quote": "quotes"}
NAME_STOPWORDS = {
    "le", "la", "les", "l", "de", "du", "des", "d", "et", "m", "mme", "mr", "president", "presidente",
    "ministre", "secretaire", "general", "chef", "sur", "via", "par", "au", "aux", "un", "une", "citant",
}


@dataclass(frozen=True)
class GoldItem:
    """One occurrence of a gold claim, located in the article text."""

    kind: str
    start: int  # of the region the claim must lie in (sentence for figures and dates, quote for quotes)
    end: int
    data: dict[str, Any]


@dataclass
class Score:
    """Counts for one kind, plus accuracy of attributes among matched items."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, total]
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        right, total = self.attributes.get(name, [0, 0])
        return right / total if total else 1.0

    def count(self, name: str, ok: bool) -> None:
        pair = self.attributes.setdefault(name, [0, 0])
        pair[0] += int(ok)
        pair[1] += 1


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return text.lower()


def _occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of a needle in the text, compared case-insensitively (folding keeps lengths)."""
    hay, pin = _fold(text), _fold(needle)
    found, at = [], hay.find(pin)
    while pin and at != -1:
        found.append(at)
        at = hay.find(pin, at + 1)
    return found


def gold_items(entry: dict[str, Any], text: str) -> tuple[list[GoldItem], list[str]]:
    """Each gold claim occurrence located in the text; unlocatable ones are reported, never dropped silently."""
    items: list[GoldItem] = []
    problems: list[str] = []
    for kind in KINDS:
        for data in entry.get(GOLD_KEYS[kind]) or []:
            wanted = int(data.get("occurrences", 1))
            needle = data["text"] if kind == "quote" else data["span"]
            starts = _occurrences(text, needle)
            if kind == "date":  # the expression's own occurrences inside the span occurrences
                starts = [s + off for s in starts for off in _occurrences(needle, data["expression"])]
                needle = data["expression"]
                starts = sorted(set(starts))
            if not starts:
                problems.append(f"{entry['file']}: gold {kind} not found in the text: {needle[:60]!r}")
                continue
            for start in starts[:wanted]:
                items.append(GoldItem(kind, start, start + len(needle), data))
    return items, problems


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _fold(text))


def _longest_common_run(a: list[str], b: list[str]) -> int:
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def name_words(name: str | None) -> set[str]:
    """Significant words of a speaker's name ("M. Rutte" ~ "Mark Rutte" share 'rutte')."""
    if not name:
        return set()
    base = re.sub(r"\(.*?\)", " ", name)
    folded = "".join(c for c in unicodedata.normalize("NFD", _fold(base)) if unicodedata.category(c) != "Mn")
    return {w for w in re.findall(r"\w+", folded) if w not in NAME_STOPWORDS and len(w) > 1}


def speakers_match(gold: str | None, predicted: str | None) -> bool:
    """Speakers agree when they share a significant name word (parenthesised glosses count too)."""
    g, p = name_words(gold), name_words(predicted)
    if not g:
        g = {w for w in re.findall(r"\w+", _fold(gold or "")) if len(w) > 2}
    glossed = name_words(re.sub(r"[()]", " ", gold or ""))  # "Donald Trump (le milliardaire américain)"
    return bool(g & p) or bool(glossed & p) or bool(g & name_words(re.sub(r"[()]", " ", predicted or "")))


def _matches(item: GoldItem, claim: Claim) -> bool:
    data = item.data
    if item.kind == "quantity":
        inside = item.start <= claim.start and claim.end <= item.end
        if data.get("value") is not None:
            return inside and claim.value is not None and float(claim.value) == float(data["value"])
        return inside and claim.low is not None and claim.high is not None and (
            float(claim.low), float(claim.high)) == (float(data["low"]), float(data["high"]))
    if item.kind == "date":
        overlap = claim.start < item.end and item.start < claim.end
        return overlap and claim.date == str(data["normalized"])
    overlap = claim.start < item.end and item.start < claim.end
    if not overlap:
        return False
    gold_words = _words(data["text"])
    run = _longest_common_run(gold_words, _words(claim.quote or claim.text))
    return bool(gold_words) and run >= 0.3 * len(gold_words)


def score_article(entry: dict[str, Any], article: Article, found: tuple[Claim, ...], scores: dict[str, Score],
                  problems: list[str]) -> None:
    """Match one article's claims to its gold, one to one, and add to the per-kind scores."""
    items, missing = gold_items(entry, article.text)
    problems.extend(missing)
    for kind in KINDS:
        score = scores[kind]
        gold = [i for i in items if i.kind == kind]
        predicted = [c for c in found if c.kind == kind]
        score.gold += len(gold)
        score.predicted += len(predicted)
        used: set[int] = set()
        for item in gold:
            candidates = [n for n, c in enumerate(predicted) if n not in used and _matches(item, c)]
            if kind == "quote":  # a direct gold quote prefers a direct claim, an indirect one an indirect claim
                wanted = item.data.get("kind") == "direct"
                candidates.sort(key=lambda n: (bool(predicted[n].direct) != wanted, n))
            match = candidates[0] if candidates else None
            if match is None:
                label = item.data.get("surface") or item.data.get("expression") or item.data.get("text")
                score.misses.append(f"{entry['file']}: {str(label)[:70]!r}")
                continue
            used.add(match)
            score.matched += 1
            claim = predicted[match]
            if kind == "quantity":
                score.count("qualifier", claim.qualifier == item.data.get("qualifier"))
                score.count("hedged", bool(claim.hedged) == bool(item.data.get("hedged")))
                if "asserted_by" in item.data:  # null: the sentence names no source, and none should be given
                    wanted = item.data["asserted_by"]
                    score.count("source", speakers_match(wanted, claim.asserted_by) if wanted
                                else claim.asserted_by is None)
            if kind == "quote":
                score.count("speaker", speakers_match(item.data.get("speaker"), claim.speaker))
        for n, claim in enumerate(predicted):
            if n not in used:
                score.extras.append(f"{entry['file']}: {claim.text[:70]!r}")


def locate(name: str, gold_path: Path, corpus: Path | None) -> Path | None:
    """Find the article file a gold entry names: --corpus, then ../corpus/*/ beside the gold, then fixtures."""
    candidates = []
    if corpus:
        candidates.append(corpus / name)
    candidates += sorted(gold_path.parent.parent.glob(f"corpus/*/{name}"))
    candidates += sorted(gold_path.parent.glob(f"*/{name}"))
    return next((c for c in candidates if c.is_file()), None)


def evaluate(gold_path: Path, corpus: Path | None = None, root: Path | None = None
             ) -> tuple[dict[str, Score], list[str]]:
    """Extract claims from every gold article and score them; problems list gold it could not use."""
    if not gold_path.is_file():
        raise InputError([Problem(str(gold_path), "gold file not found, expected a YAML file of gold claims")])
    gold = safeyaml.read(str(gold_path), str(gold_path)) or []
    if not isinstance(gold, list):
        raise InputError([Problem(str(gold_path), "the gold file is not a list, expected one entry per article "
                                  "('- file: NAME' with quantities, dates, quotes)", 1)])
    bad = [Problem(str(gold_path), f"entry {n} has no 'file', expected '- file: NAME' naming the article", None)
           for n, entry in enumerate(gold, 1) if not isinstance(entry, dict) or not entry.get("file")]
    if bad:
        raise InputError(bad)
    scores = {kind: Score() for kind in KINDS}
    problems: list[str] = []
    located: list[tuple[dict[str, Any], Article]] = []
    for entry in gold:
        path = locate(str(entry["file"]), gold_path, corpus)
        if path is None:
            problems.append(f"{entry['file']}: article file not found (give --corpus DIR)")
            continue
        article = read_article(path, root or path.parent, display=path.name)
        reference = entry.get("reference_date")
        if reference is not None:
            article = dataclasses.replace(article, published=str(reference))
        located.append((entry, article))
    docs = nlp.parse(claims_module.masked_text(a) for _, a in located)
    for (entry, article), doc in zip(located, docs, strict=True):
        found = claims_module.extract(doc, article)
        score_article(entry, article, found, scores, problems)
    return scores, problems


def report(scores: dict[str, Score], verbose: bool = False) -> str:
    """The evaluation table as text: precision, recall, F1 per kind, and attribute accuracies."""
    lines = [f"{'kind':<10}{'gold':>6}{'found':>7}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}  accuracy among matched"]
    for kind, score in scores.items():
        acc = "  ".join(f"{name} {score.accuracy(name):.2f}" for name in sorted(score.attributes))
        lines.append(f"{kind:<10}{score.gold:>6}{score.predicted:>7}{score.matched:>7}"
                     f"{score.precision:>7.2f}{score.recall:>7.2f}{score.f1:>7.2f}  {acc}")
    if verbose:
        for kind, score in scores.items():
            lines += [f"missed {kind}: {m}" for m in score.misses]
            lines += [f"extra {kind}: {e}" for e in score.extras]
    return "\n".join(lines)
