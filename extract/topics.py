"""Topic definitions read from content/topics/<slug>.md: the questions readers ask and how claims fit them.

A topic file is YAML front matter between two `---` lines, then the editor's introduction in Markdown:

    ---
    title: Combien de soldats nord-coréens en Russie ?
    question: Combien de soldats la Corée du Nord a-t-elle envoyés, où et depuis quand ?
    match:                      # how a date or quote claim fits the topic (any rule is enough)
      lemmas: [soldat, troupe]  # content lemmas of the claim's sentence (min_lemmas of them, default 1)
      min_lemmas: 1
      entities: [Corée du Nord] # canonical names among the entities of the claim's sentence
      speakers: [Mark Rutte]    # canonical names of the quote's speaker or the claim's claimant
      phrases: [soldats nord-coréens]   # text found in the sentence (case, accents and apostrophes ignored)
      kinds: [date, quote]      # optional: only these kinds of claims
    figures:                    # compared measures; a quantity claim fits the topic only through one of them
    - id: troops-sent
      label: Soldats nord-coréens envoyés en Russie
      counted: soldats nord-coréens déjà envoyés en Russie
      unit: soldiers
      scope: sent
      match:                    # regular expressions (case and accents ignored); each non-empty list must
        units: [soldiers]       # have a hit, each not_* list must have none
        counted: [soldat, troupe]           # in the counted noun phrase (or the figure's text)
        clause: ['envo[iy]', 'deploy']      # in the clause of the sentence holding the figure
        sentence: ['nord-coreen']           # anywhere in the sentence
        before: [], after: []               # in the sentence before / after the figure
        not_counted: [], not_clause: [], not_sentence: [], not_before: [], not_after: []
        qualifiers: [approx, null]          # optional: only these qualifiers
                                # `match` may also be a list of such rule sets: any one is enough
    ---
    The editor's introduction, in Markdown.

Figures are tried in the order written: a quantity goes to the first figure whose rules it meets, so the
narrow scopes (casualties, a named region, a force that merely includes the troops) come before broad ones.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract import memofile, safeyaml
from extract.errors import InputError, Problem
from extract.validation import locate, positions

log = logging.getLogger(__name__)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIGURE_ID = SLUG
CLAIM_KINDS = ("quantity", "date", "quote")
QUALIFIERS = ("approx", "at_most", "at_least", None)
TOPIC_KEYS = ("title", "question", "match", "figures")
MATCH_KEYS = ("lemmas", "min_lemmas", "entities", "speakers", "phrases", "kinds")
FIGURE_KEYS = ("id", "label", "counted", "unit", "scope", "match", "cumulative")
FIGURE_MATCH_LISTS = ("units", "counted", "clause", "sentence", "before", "after",
                      "not_counted", "not_clause", "not_sentence", "not_before", "not_after")
FIGURE_MATCH_KEYS = (*FIGURE_MATCH_LISTS, "qualifiers")


# Runs of characters from U+0300 on: every character before it has combining class 0, so only these runs
# are looked at character by character when accents are taken off.
_MAYBE_MARKS = re.compile("[^\x00-\u02ff]+")


def _unmarked(found: re.Match[str]) -> str:
    return "".join(ch for ch in found.group() if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Text as rules see it: lower case, no accents, one apostrophe, single spaces (memoized: topics share texts)."""
    if not text.isascii():  # ASCII has no accents nor curly apostrophes to remove
        text = unicodedata.normalize("NFD", text.replace("\u2019", "'").replace("\u02bc", "'"))
        text = _MAYBE_MARKS.sub(_unmarked, text)
    return re.sub(r"\s+", " ", text).strip().lower()


def fold_pattern(pattern: str) -> str:
    """A regular expression folded like the text it is matched on, its escapes (\\W, \\b...) left intact."""
    text = unicodedata.normalize("NFD", pattern.replace("\u2019", "'").replace("\u02bc", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\\.|[^\\]+", lambda m: m.group(0) if m.group(0).startswith("\\") else m.group(0).lower(), text)


@dataclass(frozen=True)
class TopicMatch:
    """How a date or quote claim is recognised as belonging to a topic."""

    lemmas: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    min_lemmas: int = 1
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class FigureMatch:
    """Rules deciding from a quantity's own words whether it measures this figure's scope."""

    units: tuple[str, ...] = ()
    counted: tuple[str, ...] = ()
    clause: tuple[str, ...] = ()
    sentence: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    not_counted: tuple[str, ...] = ()
    not_clause: tuple[str, ...] = ()
    not_sentence: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    qualifiers: tuple[str | None, ...] | None = None  # None: any qualifier


@dataclass(frozen=True)
class FigureDef:
    """One measure compared across sources, e.g. soldiers already sent (not those expected in total)."""

    id: str
    label: str
    counted: str
    unit: str | None
    scope: str
    match: tuple[FigureMatch, ...]  # alternatives: meeting any one of them is enough
    cumulative: bool = False  # a count that only grows (sent so far, killed so far): a later, higher figure updates


@dataclass(frozen=True)
class TopicDef:
    """A reader's question with the rules that gather its claims and the editor's introduction."""

    slug: str
    title: str
    question: str
    match: TopicMatch
    figures: tuple[FigureDef, ...]
    intro_markdown: str
    path: str  # relative to the project root, forward slashes


class _Checker:
    """Collects problems located at the key they concern."""

    def __init__(self, path: str, positions: dict[tuple[Any, ...], tuple[int, int]], line_offset: int) -> None:
        self.path = path
        self.positions = positions
        self.line_offset = line_offset
        self.problems: list[Problem] = []

    def add(self, where: tuple[Any, ...], message: str) -> None:
        line, col = locate(where, self.positions)
        self.problems.append(Problem(self.path, message, line + self.line_offset, col))

    def text(self, data: dict[str, Any], key: str, where: tuple[Any, ...], required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.add(where, f"missing '{key}' (expected text)")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add((*where, key), f"'{key}' is {value!r} (expected non-empty text)")
            return ""
        return value.strip()

    def strings(self, data: dict[str, Any], key: str, where: tuple[Any, ...]) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.add((*where, key), f"'{key}' must be a list of non-empty texts (expected [a, b])")
            return ()
        return tuple(v.strip() for v in value)

    def patterns(self, data: dict[str, Any], key: str, where: tuple[Any, ...]) -> tuple[str, ...]:
        found = []
        for index, pattern in enumerate(self.strings(data, key, where)):
            folded = fold_pattern(pattern)
            try:
                re.compile(folded)
            except re.error as exc:
                self.add((*where, key, index), f"'{key}' pattern {pattern!r} is not a valid regular expression: {exc}")
                continue
            found.append(folded)
        return tuple(found)

    def known_keys(self, data: dict[str, Any], allowed: tuple[str, ...], where: tuple[Any, ...]) -> None:
        for key in data:
            if key not in allowed:
                self.add((*where, key), f"unknown key '{key}' (expected one of: {', '.join(allowed)})")

    def mapping(self, value: Any, where: tuple[Any, ...], what: str) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.add(where, f"'{what}' must be a mapping (expected key: value lines)")
            return None
        return value


def _topic_match(check: _Checker, raw: Any) -> TopicMatch:
    data = check.mapping(raw, ("match",), "match") or {}
    check.known_keys(data, MATCH_KEYS, ("match",))
    kinds = check.strings(data, "kinds", ("match",))
    for kind in kinds:
        if kind not in CLAIM_KINDS:
            check.add(("match", "kinds"), f"unknown claim kind {kind!r} (expected one of: {', '.join(CLAIM_KINDS)})")
    min_lemmas = data.get("min_lemmas", 1)
    if not isinstance(min_lemmas, int) or isinstance(min_lemmas, bool) or min_lemmas < 1:
        check.add(("match", "min_lemmas"), f"'min_lemmas' is {min_lemmas!r} (expected a whole number ≥ 1)")
        min_lemmas = 1
    lemmas = check.strings(data, "lemmas", ("match",))
    for index, lemma in enumerate(lemmas):
        if " " in lemma.strip():
            check.add(("match", "lemmas", index), f"lemma {lemma!r} has several words (expected one; "
                                                   "put word groups under 'phrases')")
    return TopicMatch(
        lemmas=tuple(fold(v) for v in lemmas),
        entities=check.strings(data, "entities", ("match",)),
        speakers=check.strings(data, "speakers", ("match",)),
        phrases=tuple(fold(v) for v in check.strings(data, "phrases", ("match",))),
        min_lemmas=min_lemmas,
        kinds=kinds,
    )


def _figure(check: _Checker, raw: Any, index: int, seen: set[str]) -> FigureDef | None:
    where: tuple[Any, ...] = ("figures", index)
    data = check.mapping(raw, where, f"figures[{index}]")
    if data is None:
        return None
    check.known_keys(data, FIGURE_KEYS, where)
    fid = check.text(data, "id", where)
    if fid and not FIGURE_ID.match(fid):
        check.add((*where, "id"), f"figure id {fid!r} must be lower-case words joined by '-' (e.g. troops-sent)")
    elif fid in seen:
        check.add((*where, "id"), f"figure id {fid!r} is used twice (expected unique ids)")
    seen.add(fid)
    label = check.text(data, "label", where)
    counted = check.text(data, "counted", where)
    unit = check.text(data, "unit", where, required=False) or None
    scope = check.text(data, "scope", where)
    raw_match = data.get("match")
    if raw_match is None:
        check.add(where, "missing 'match' (expected the rules that pick this figure's claims)")
    alternatives = raw_match if isinstance(raw_match, list) else [raw_match] if raw_match is not None else []
    matches = []
    for number, alternative in enumerate(alternatives):
        mwhere = (*where, "match", number) if isinstance(raw_match, list) else (*where, "match")
        found = _figure_match(check, alternative, mwhere)
        if found is not None:
            matches.append(found)
    cumulative = data.get("cumulative", False)
    if not isinstance(cumulative, bool):
        check.add((*where, "cumulative"), "'cumulative' must be true or false")
        cumulative = False
    if not (fid and label and counted and scope and matches):
        return None
    return FigureDef(fid, label, counted, unit, scope, tuple(matches), cumulative)


def _figure_match(check: _Checker, raw: Any, mwhere: tuple[Any, ...]) -> FigureMatch | None:
    """One set of rules; every non-empty list must have a hit, every not_* list none."""
    mdata = check.mapping(raw, mwhere, "match")
    if mdata is None:
        return None
    check.known_keys(mdata, FIGURE_MATCH_KEYS, mwhere)
    lists = {key: check.patterns(mdata, key, mwhere) for key in FIGURE_MATCH_LISTS}
    lists["units"] = check.strings(mdata, "units", mwhere)
    if not (lists["units"] or lists["counted"]):
        check.add(mwhere, "a figure needs 'units' or 'counted' rules (expected what is counted)")
    qualifiers: tuple[str | None, ...] | None = None
    if "qualifiers" in mdata:
        raw_q = mdata["qualifiers"]
        if not isinstance(raw_q, list) or any(q not in QUALIFIERS for q in raw_q):
            check.add((*mwhere, "qualifiers"), "'qualifiers' must list approx, at_most, at_least or null")
        else:
            qualifiers = tuple(raw_q)
    return FigureMatch(**lists, qualifiers=qualifiers)


def parse(text: str, path: str) -> TopicDef:
    """One topic file's text into a TopicDef; every problem found raises InputError at path:line:col."""
    slug = Path(path).stem
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        raise InputError([Problem(path, "missing front matter (expected '---' on the first line)", 1, 1)])
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise InputError([Problem(path, "front matter is not closed (expected a second '---' line)", 1, 1)]) from None
    front = "\n".join(lines[1:end])
    data = safeyaml.load(front, path, line_offset=1)
    check = _Checker(path, positions(front), line_offset=1)
    if not SLUG.match(slug):
        check.problems.append(Problem(path, f"file name {slug!r} must be a slug (expected lower-case-words.md)", 1, 1))
    if not isinstance(data, dict):
        raise InputError([Problem(path, "front matter must be a mapping (expected title:, question:, ...)", 2, 1)])
    check.known_keys(data, TOPIC_KEYS, ())
    title = check.text(data, "title", ())
    question = check.text(data, "question", ())
    match = _topic_match(check, data.get("match"))
    figures: list[FigureDef] = []
    raw_figures = data.get("figures") or []
    if not isinstance(raw_figures, list):
        check.add(("figures",), "'figures' must be a list (expected '- id: ...' entries)")
        raw_figures = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_figures):
        figure = _figure(check, raw, index, seen)
        if figure is not None:
            figures.append(figure)
    if not (match.lemmas or match.entities or match.speakers or match.phrases or figures):
        check.add(("match",), "the topic has no rule (expected match lemmas, entities, speakers, phrases or figures)")
    if check.problems:
        raise InputError(check.problems)
    intro = "\n".join(lines[end + 1 :]).strip("\n")
    return TopicDef(slug, title, question, match, tuple(figures), intro + "\n" if intro else "", path)


def load(content_dir: Path, memo: Path | None = None) -> list[TopicDef]:
    """Every topic under content/topics/, sorted by slug; problems of all files are reported together.

    With `memo` (a file under .cache/), a file whose text and path are those of a topic the last build read
    is that topic again, not parsed (two YAML passes a file); only topics read without a problem are kept."""
    folder = content_dir / "topics"
    if not folder.is_dir():
        return []
    topics: list[TopicDef] = []
    problems: list[Problem] = []
    from extract.ingest import input_files

    kept = _Memo.load(memo) if memo is not None else None
    files, skipped = input_files(folder, (".md",), f"{content_dir.name}/topics")
    for problem in skipped:  # links and special files are never read: logged, never silent
        log.warning("%s", problem)
    for file in files:
        shown = f"{content_dir.name}/topics/{file.name}"
        try:
            text = file.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(shown, "not valid UTF-8 (expected UTF-8 text)", 1))
            continue
        text = text.replace("\r\n", "\n")
        topic = kept.get(text, shown) if kept is not None else None
        if topic is None:
            try:
                topic = parse(text, shown)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            if kept is not None:
                kept.add(text, shown, topic)
        topics.append(topic)
    if problems:
        raise InputError(problems)
    if kept is not None:
        kept.save()
    log.debug("loaded %d topics", len(topics))
    return topics


MEMO_VERSION = 1


@lru_cache(maxsize=1)
def _memo_code() -> str:
    """What parse's result depends on besides the text and path: this module, its helpers, the YAML library."""
    import yaml

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{MEMO_VERSION} {yaml.__version__}".encode())
    for name in ("topics.py", "safeyaml.py", "validation.py", "errors.py"):
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    return digest.hexdigest()


def _encode(topic: TopicDef) -> tuple[Any, ...]:
    """A topic as plain tuples (marshal writes them), in field order."""
    figures = tuple(
        (f.id, f.label, f.counted, f.unit, f.scope, tuple(tuple(getattr(m, k.name) for k in fields(FigureMatch))
                                                         for m in f.match), f.cumulative)
        for f in topic.figures
    )
    match = tuple(getattr(topic.match, k.name) for k in fields(TopicMatch))
    return (topic.slug, topic.title, topic.question, match, figures, topic.intro_markdown, topic.path)


def _decode(row: Any) -> TopicDef:
    slug, title, question, match, figures, intro, path = row
    return TopicDef(slug, title, question, TopicMatch(*match),
                    tuple(FigureDef(i, label, counted, unit, scope, tuple(FigureMatch(*m) for m in alternatives),
                                    cumulative)
                          for i, label, counted, unit, scope, alternatives, cumulative in figures),
                    intro, path)


@dataclass
class _Memo:
    """Topics as the last build parsed them, by a digest of their text and path (marshal with a checksum)."""

    path: Path
    kept: dict[str, Any]
    used: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def _key(text: str, shown: str) -> str:
        return hashlib.sha256(f"{shown}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    @classmethod
    def load(cls, path: Path) -> _Memo:
        try:
            code, rows = memofile.read(path)  # type: ignore[misc]
            return cls(path, rows if code == _memo_code() and isinstance(rows, dict) else {})
        except (ValueError, TypeError):
            return cls(path, {})

    def get(self, text: str, shown: str) -> TopicDef | None:
        key = self._key(text, shown)
        row = self.kept.get(key)
        if row is None:
            return None
        try:
            topic = _decode(row)
        except (TypeError, ValueError):
            return None
        self.used[key] = row
        return topic

    def add(self, text: str, shown: str, topic: TopicDef) -> None:
        self.used[self._key(text, shown)] = _encode(topic)

    def save(self) -> None:
        """Keep what this build parsed (atomically), when it differs; a failure only costs a parse next time."""
        if self.used == self.kept:
            return
        try:
            memofile.write(self.path, (_memo_code(), dict(sorted(self.used.items()))), ".tmp-topics-")
        except (OSError, ValueError) as exc:
            log.debug("topics not kept: %s", exc)
