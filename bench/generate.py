#!/usr/bin/env python3
"""Benchmark corpora: the seed sentences recombined into N articles of about 600 words, deterministic per seed.

Usage: python bench/generate.py OUT [--articles N] [--seed S] [--words W]
writes OUT/content/articles/<date>-<slug>.md and OUT/content/sources.yaml (OUT/content/articles must be empty).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

log = logging.getLogger("bench.generate")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
MONTH_RE = "|".join(MONTHS)
# Numbers as French news writes them: 12 000, 12.000, 12 000 (narrow/no-break spaces), 1,5, 40.
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ .\u00a0\u202f]\d{3})+|\d+(?:,\d+)?)(?![\w]|[.,]\d)")
YEAR = re.compile(r"^(19|20)\d\d$")
DAY_BEFORE_MONTH = re.compile(rf"^(?:er)?\s+(?:{MONTH_RE})\b", re.IGNORECASE)
MONTH_WORD = re.compile(rf"\b({MONTH_RE})\b")
# Sentence end: . ! ? … (possibly closed by a quote) followed by a space and a capital or an opening quote.
SENTENCE_END = re.compile(r"(?<=[.!?…])([»\"”]?)\s+(?=[«\"“A-ZÀ-ÖØ-Þ])")
CREDIT = re.compile(r"\(\s*[A-Z][A-Z .]+/")  # photo captions: "( AFP / NAME )"
DATELINE = re.compile(r"^\s*(date\s+\d{4}|en date du|\d{1,2}(?:er)?\s+\w+,?\s+\d{4})", re.IGNORECASE)

SOURCES = (
    {"id": "agence-hexa", "name": "Agence Hexa", "url": "https://hexa.example/", "country": "FR", "kind": "wire"},
    {"id": "gazette-du-nord", "name": "La Gazette du Nord", "url": "https://gazette-nord.example/",
     "country": "BE", "kind": "newspaper"},
    {"id": "radio-meridien", "name": "Radio Méridien", "url": "https://meridien.example/", "country": "CH",
     "kind": "broadcaster"},
    {"id": "le-courrier-de-l-est", "name": "Le Courrier de l'Est", "url": "https://courrier-est.example/",
     "country": "FR", "kind": "newspaper"},
    {"id": "tribune-hebdo", "name": "Tribune Hebdo", "url": None, "country": "CA", "kind": "magazine"},
    {"id": "voix-officielle", "name": "Voix officielle", "url": None, "country": None, "kind": "state media"},
)
FIRST_DAY = date(2024, 6, 1)
DAYS = 300  # publication dates spread over June 2024 – March 2025


@dataclass(frozen=True)
class Pool:
    """What articles are made of: body sentences and short heading lines taken from the seeds."""

    sentences: tuple[str, ...]
    headings: tuple[str, ...]


@dataclass(frozen=True)
class Generated:
    """One generated article, ready to be written as Markdown with front matter."""

    filename: str
    title: str
    source: str
    published: str
    body: str

    @property
    def words(self) -> int:
        return len(self.body.split())

    def markdown(self) -> str:
        """Front matter with JSON-quoted strings (valid YAML whatever the title holds), then the body."""
        head = (f"---\ntitle: {json.dumps(self.title, ensure_ascii=False)}\nsource: {self.source}\n"
                f"published: {self.published}\n---\n")
        return head + self.body


@cache
def pool(folder: Path = SEEDS) -> Pool:
    """Split every seed into sentences; captions, datelines and page furniture (the project's lexicon) left out."""
    from extract.ingest import find_furniture

    sentences: list[str] = []
    headings: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = " ".join(line.split())
            if not line or CREDIT.search(line) or DATELINE.match(line) or find_furniture(line):
                continue
            words = len(line.split())
            if words < 3:
                continue
            if words <= 10 and not line.endswith((".", "»", '"', "”")):
                headings.append(line)
                continue
            parts = SENTENCE_END.split(line)
            # split() keeps the captured closing quote as its own item: glue it back on the sentence before.
            pieces = [parts[0]]
            for i in range(1, len(parts), 2):
                pieces[-1] += parts[i]
                pieces.append(parts[i + 1])
            for piece in (p.strip() for p in pieces):
                if len(piece.split()) >= 5:  # a headline without its final stop still reads as a sentence
                    sentences.append(piece if piece.endswith((".", "!", "?", "…", "»", '"', "”")) else piece + ".")
    return Pool(tuple(sentences), tuple(headings))


def _vary_number(match: re.Match[str], text: str, rng: random.Random) -> str:
    """A different figure of the same kind: a year stays a plausible year, a day a day, a count its magnitude."""
    raw = match.group(0)
    if "," in raw:
        whole, _, decimals = raw.partition(",")
        value = max(1, round(int(whole) * rng.uniform(0.5, 2)))
        return f"{value},{rng.randrange(10 ** len(decimals)):0{len(decimals)}d}"
    separator = next((c for c in raw if not c.isdigit()), "")
    value = int(re.sub(r"\D", "", raw))
    if not separator and YEAR.match(raw):
        return str(rng.choice((2022, 2023, 2024, 2025)))
    if value <= 31 and DAY_BEFORE_MONTH.match(text[match.end():]):
        return "1er" if text[match.end():].startswith("er") and rng.random() < 0.5 else str(rng.randint(2, 28))
    if value < 10:
        return str(rng.randint(2, 9))
    scaled = value * rng.uniform(0.5, 2)
    magnitude = 10 ** max(0, len(str(int(scaled))) - 2)  # keep two significant digits, like reported figures
    new = max(10, int(round(scaled / magnitude) * magnitude))
    if not separator or new < 1000:
        return str(new)
    return f"{new:,}".replace(",", separator)


def vary(sentence: str, rng: random.Random) -> str:
    """The sentence with its figures, days, months and years changed."""
    out = NUMBER.sub(lambda m: _vary_number(m, sentence, rng), sentence)
    return MONTH_WORD.sub(lambda m: rng.choice(MONTHS) if rng.random() < 0.5 else m.group(0), out)


def _slug(text: str, limit: int = 48) -> str:
    """ASCII slug for the file name (the build derives the page path from it)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].rstrip("-")
    return slug or "article"


def article(index: int, rng: random.Random, target_words: int = 600) -> Generated:
    """One article: shuffled seed sentences in paragraphs of 2-4, a heading now and then, a varied title."""
    seeds = pool()
    order = rng.sample(range(len(seeds.sentences)), len(seeds.sentences))
    paragraphs: list[str] = []
    current: list[str] = []
    size = rng.randint(2, 4)
    words = 0
    for pick in order * 4:  # a long target may need the pool more than once
        if words >= target_words:
            break
        sentence = vary(seeds.sentences[pick], rng)
        current.append(sentence)
        words += len(sentence.split())
        if len(current) >= size:
            paragraphs.append(" ".join(current))
            current, size = [], rng.randint(2, 4)
            if seeds.headings and rng.random() < 0.2:
                paragraphs.append(vary(rng.choice(seeds.headings), rng))
    if current:
        paragraphs.append(" ".join(current))
    title = vary(rng.choice(seeds.headings), rng) if seeds.headings and rng.random() < 0.3 else (
        " ".join(vary(seeds.sentences[order[0]], rng).split()[:9]).rstrip(",;:"))
    published = (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()
    source = rng.choice(SOURCES)["id"]
    filename = f"{published}-{_slug(title)}-{index:05d}.md"
    return Generated(filename, title, source, published, "\n\n".join(paragraphs) + "\n")


def corpus(count: int, seed: int = 1, target_words: int = 600) -> list[Generated]:
    """`count` articles; the same count and seed always give the same articles, byte for byte."""
    rng = random.Random(seed)
    return [article(i, rng, target_words) for i in range(count)]


def sources_yaml() -> str:
    """content/sources.yaml for the generated outlets."""
    lines = ["# Generated by bench/generate.py: fictional outlets for benchmark corpora."]
    for source in SOURCES:
        lines.append(f"- id: {source['id']}")
        for key in ("name", "url", "country", "kind"):
            value = source[key]
            lines.append(f"  {key}: {json.dumps(value, ensure_ascii=False) if value is not None else 'null'}")
    return "\n".join(lines) + "\n"


def write(out: Path, count: int, seed: int = 1, target_words: int = 600) -> list[Generated]:
    """Write the corpus under out/content/; refuses to mix with existing articles."""
    folder = out / "content" / "articles"
    if folder.is_dir() and any(folder.iterdir()):
        raise SystemExit(f"{folder} is not empty: give a fresh folder (generated articles never mix with others)")
    folder.mkdir(parents=True, exist_ok=True)
    items = corpus(count, seed, target_words)
    for item in items:
        (folder / item.filename).write_text(item.markdown(), encoding="utf-8")
    (out / "content" / "sources.yaml").write_text(sources_yaml(), encoding="utf-8")
    return items


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("out", type=Path, help="folder that gets content/articles/ and content/sources.yaml")
    top.add_argument("--articles", type=int, default=100)
    top.add_argument("--seed", type=int, default=1)
    top.add_argument("--words", type=int, default=600, help="about how many words an article has")
    args = top.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    items = write(args.out, args.articles, args.seed, args.words)
    log.info("%d articles, %d words, in %s", len(items), sum(i.words for i in items), args.out / "content")
    return 0


if __name__ == "__main__":
    sys.exit(main())
