"""Read articles (Markdown with front matter, or raw pasted text) into Article objects, reporting problems."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from extract import filestat, memofile, safeyaml
from extract.encoding import decode
from extract.errors import InputError, Problem
from extract.links import outside_url
from extract.models import Article

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".md", ".txt")
REQUIRED = ("title", "source", "published")
OPTIONAL = ("url", "lang")
MAX_BYTES = 5_000_000
# Characters a reader cannot see that change what the text means or how it sorts: removed and reported.
INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
REMOVED_NOTE = "removed invisible or control characters"


@dataclass(frozen=True)
class Furniture:
    """Compiled page-furniture patterns from the lexicon file."""

    whole: tuple[re.Pattern[str], ...]
    part: tuple[re.Pattern[str], ...]
    link_headings: tuple[re.Pattern[str], ...] = ()  # "Lire aussi": the short lines below are other articles' titles


@cache
def furniture_patterns() -> Furniture:
    """Load the furniture lexicon once (a data file, so editors can extend it)."""
    path = Path(__file__).parent / "lexicon" / "furniture.yaml"
    raw = safeyaml.read(str(path), "extract/lexicon/furniture.yaml")
    return Furniture(
        whole=tuple(re.compile(rf"(?:{p})", re.IGNORECASE) for p in raw["whole"]),
        part=tuple(re.compile(p) for p in raw["part"]),
        link_headings=tuple(re.compile(str(p), re.IGNORECASE) for p in raw.get("link_headings", [])),
    )


@cache
def _months() -> dict[str, int]:
    """French month names from Babel's locale data, lower-case, with and without accents (Babel imported only
    here: a build whose articles are all kept from the last one never needs it)."""
    from babel.dates import get_month_names

    names = {}
    for number, name in get_month_names("wide", locale="fr").items():
        names[name.lower()] = number
        names[_strip_accents(name.lower())] = number
    return names


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def french_date(day: str | None, month: str, year: str) -> str | None:
    """ISO date at its precision from French parts ("21", "octobre", "2024"); None if not a real date."""
    number = _months().get(month.lower())
    if number is None:
        return None
    if day is None:
        return f"{int(year):04d}-{number:02d}"
    try:
        return date(int(year), number, int(day.removesuffix("er"))).isoformat()
    except ValueError:
        return None


_MONTH = r"(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"
# Header lines that state the article's own date (and sometimes its outlet), as pasted from news sites.
DATELINES = (
    # crawler header: " date 2024-10" (possibly followed by a caption on the same line)
    re.compile(r"^\s*date\s+(?P<iso>\d{4}-\d{2}(?:-\d{2})?)\b"),
    # "En date du : 21 octobre 2024, 13 h 07", "Publié le 3 mars 2024 à 10h12", "Mis à jour le ..."
    re.compile(
        r"^\s*(?:en date du|publi[ée] le|mis à jour le|le)\s*(?::\s*)?(?:\w+\s+)?(?P<day>\d{1,2}(?:er)?)\s+"
        rf"(?P<month>{_MONTH})(?:\s*,\s*|\s+)(?P<year>\d{{4}})(?:\s*(?:,|à)\s*\d{{1,2}}\s*h\s*\d{{0,2}})?\s*$",
        re.IGNORECASE,
    ),
    # "18 octobre, 2024 / Entrevue" or "18 octobre 2024 | Le Journal"
    re.compile(
        rf"^\s*(?P<day>\d{{1,2}}(?:er)?)\s+(?P<month>{_MONTH})(?:\s*,\s*|\s+)(?P<year>\d{{4}})"
        r"(?:\s*(?:,|à)\s*\d{1,2}\s*h\s*\d{0,2})?\s*(?:[/|\-–]\s*(?P<source>[^\d/|][^/|]{0,60}?))?\s*$",
        re.IGNORECASE,
    ),
)


@dataclass(frozen=True)
class Header:
    """What the pasted header lines state about the article, and where they are."""

    published: str | None
    source: str | None
    spans: tuple[tuple[int, int], ...]
    notes: tuple[str, ...]


DATELINE_MAX = 300  # a dateline is short; longer lines are text, and never fed to the patterns (no slow cases)


def read_header(text: str, max_lines: int = 4) -> Header:
    """Infer the publication date (and outlet) from dateline-like lines at the top of pasted text."""
    published = source = None
    spans: list[tuple[int, int]] = []
    notes: list[str] = []
    offset = 0
    seen = 0
    for line in text.split("\n"):
        if seen >= max_lines:
            break
        if line.strip():
            seen += 1
            for pattern in DATELINES if len(line) <= DATELINE_MAX else ():
                match = pattern.match(line)
                if not match:
                    continue
                groups = match.groupdict()
                found = groups.get("iso") or french_date(groups.get("day"), groups["month"], groups["year"])
                if found and published is None:
                    published = found
                    notes.append(f"publication date {found} from the header line {line.strip()!r}")
                    if groups.get("source"):
                        source = groups["source"].strip()
                        notes.append(f"outlet {source!r} from the header line")
                    spans.append((offset + (len(line) - len(line.lstrip())), offset + match.end()))
                break
        offset += len(line) + 1
    return Header(published, source, tuple(spans), tuple(notes))


LINK_TITLE_MAX = 160  # characters: a related article's title is one short line
LINK_BLOCK_MAX = 8  # lines after a "Lire aussi" heading that may be link titles


def link_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the link titles listed under a "Lire aussi" heading: other articles' headlines, not this one's."""
    headings = furniture_patterns().link_headings
    spans: list[tuple[int, int]] = []
    lines = text.split("\n")
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    k = 0
    while k < len(lines):
        stripped = lines[k].strip()
        k += 1
        if not stripped or not any(p.fullmatch(stripped) for p in headings):
            continue
        for _ in range(LINK_BLOCK_MAX):
            if k >= len(lines):
                break
            title = lines[k].strip()
            if not title or len(title) > LINK_TITLE_MAX or title.endswith((".", "!", "?", "»", ":", ";", "…")):
                break
            lead = len(lines[k]) - len(lines[k].lstrip())
            spans.append((starts[k] + lead, starts[k] + lead + len(title)))
            k += 1
    return spans


def find_furniture(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of page furniture (ads, comment widgets, photo credits, related-link titles), line by line."""
    patterns = furniture_patterns()
    spans: list[tuple[int, int]] = link_blocks(text)
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        if stripped and any(p.fullmatch(stripped) for p in patterns.whole):
            spans.append((offset + lead, offset + lead + len(stripped)))
        else:
            for pattern in patterns.part:
                spans.extend((offset + m.start(), offset + m.end()) for m in pattern.finditer(line))
        offset += len(line) + 1
    return tuple(sorted(spans))


def clean_text(raw: str) -> tuple[str, list[str]]:
    """LF line endings, NFC, invisible and control characters removed; returns what was removed."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    removed = sorted({f"U+{ord(c):04X}" for c in INVISIBLE.findall(text) if c not in "\n\t"})
    text = INVISIBLE.sub(lambda m: m.group(0) if m.group(0) in "\n\t" else "", text)
    text = text.replace("\t", " ")
    return unicodedata.normalize("NFC", text), removed


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Front matter between '---' lines at the top; returns (fields, body, line where the body starts)."""
    if not text.startswith("---\n"):
        raise InputError([Problem(path, "missing front matter (expected a first line '---')", 1, 1)])
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4 : end + 5] not in ("\n", ""):
        end = text.find("\n---", end + 4)
    if end == -1:
        raise InputError([Problem(path, "front matter is not closed (expected a line '---' after it)", 1, 1)])
    block = text[4 : end + 1]
    fields = safeyaml.load(block, path, line_offset=1)
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise InputError([Problem(path, "front matter must be 'key: value' lines (expected a mapping)", 2, 1)])
    body_start = end + 5
    body_line = text[:body_start].count("\n") + 1
    return fields, text[body_start:], body_line


def _key_line(text: str, key: str) -> int | None:
    """The line of a front-matter key, so messages point at it."""
    for number, line in enumerate(text.split("\n")[:200], 1):
        if line.startswith(f"{key}:"):
            return number
    return None


def _published(value: Any, path: str, line: int | None, problems: list[Problem]) -> str | None:
    """A publication date at its precision: YYYY-MM-DD, YYYY-MM or YYYY (YAML dates accepted)."""
    if value is None or value == "unknown":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return text
    if isinstance(value, str) and DATE_RE.match(text):
        try:
            if len(text) == 10:
                date.fromisoformat(text)
            elif len(text) == 7 and not 1 <= int(text[5:]) <= 12:
                raise ValueError(text)
            return text
        except ValueError:
            pass
    problems.append(
        Problem(path, f"'published' is {value!r} (expected YYYY-MM-DD, YYYY-MM, YYYY or unknown)", line, 1)
    )
    return None


def _text_field(fields: dict[str, Any], key: str, path: str, line: int | None, problems: list[Problem]) -> Any:
    value = fields.get(key)
    if value is None or isinstance(value, str):
        return value.strip() if isinstance(value, str) else None
    if isinstance(value, bool | int | float):
        problems.append(Problem(path, f"'{key}' is {value!r}, read by YAML as a {type(value).__name__} "
                                      "(expected text: put it in quotes)", line, 1))
        return str(value)
    problems.append(Problem(path, f"'{key}' is {value!r} (expected text)", line, 1))
    return None


def first_line_title(text: str, spans: tuple[tuple[int, int], ...]) -> str | None:
    """A pasted text's headline: its first real line when it reads like one (short, no final period)."""
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        chars = list(line)
        for a, b in spans:
            for i in range(max(a, start), min(b, start + len(line))):
                chars[i - start] = " "
        rest = re.sub(r"\s+", " ", "".join(chars)).strip()
        if not rest:
            continue
        if len(rest) <= 200 and not rest.endswith((".", "»", '"', "”")):
            return rest
        return None
    return None


def lead_title(text: str, spans: tuple[tuple[int, int], ...], limit: int = 90) -> str:
    """A label for an untitled article: the start of its first real line, cut at a word, marked as cut.

    A photo caption (a line whose furniture ends it: the credit) is skipped while a later line can stand in."""
    head = text[:4000]
    chars = list(head)
    for a, b in spans:
        for i in range(a, min(b, len(chars))):
            chars[i] = " " if chars[i] != "\n" else "\n"
    caption = ""
    offset = 0
    for raw, line in zip(head.split("\n"), "".join(chars).split("\n"), strict=True):
        start, end = offset, offset + len(raw.rstrip())
        offset += len(raw) + 1
        rest = re.sub(r"\s+", " ", line).strip()
        if not rest:
            continue
        if not any(start < a < end <= b for a, b in spans):
            return _cut(rest, limit)
        caption = caption or rest
    return _cut(caption, limit)


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word and marked as cut."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def read_article(path: Path, root: Path, default_lang: str = "fr", display: str | None = None,
                 raw: bytes | None = None) -> Article:
    """Read one article file (its bytes when already read); every problem found raises InputError with
    path:line:col."""
    shown = display or _display_path(path, root)
    raw = path.read_bytes() if raw is None else raw
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(shown, f"article larger than {MAX_BYTES} bytes (limit of one article)", 1)])
    decoded = decode(raw, shown)
    text, removed = clean_text(decoded)
    problems: list[Problem] = []
    notes: list[str] = []
    if removed:
        notes.append(f"{REMOVED_NOTE}: {', '.join(removed)}")
    fields: dict[str, Any] = {}
    body, body_line = text, 1
    if path.suffix == ".md":
        fields, body, body_line = split_front_matter(text, shown)
        for key in fields:
            if key not in REQUIRED + OPTIONAL:
                known = ", ".join(REQUIRED + OPTIONAL)
                problems.append(Problem(shown, f"unknown key '{key}' (expected one of: {known})",
                                        _key_line(text, str(key)), 1))
        for key in REQUIRED:
            if key not in fields:
                problems.append(Problem(shown, f"missing '{key}' in front matter (use 'unknown' when the "
                                               "text does not say)", 2, 1))
    if not body.strip():
        problems.append(Problem(shown, "empty article (expected its text after the front matter)", body_line, 1))
    header = read_header(body)
    furniture = tuple(sorted(set(header.spans + find_furniture(body))))
    notes += list(header.notes) if path.suffix != ".md" else []
    title = _text_field(fields, "title", shown, _key_line(text, "title"), problems)
    if path.suffix != ".md":
        title = first_line_title(body, furniture)
        notes.append(f"title {title!r} from the first line" if title else "no headline found: title unknown")
    if not title or title == "unknown":
        title = lead_title(body, furniture)
        notes.append("no headline: the title shown is the start of the text")
    source = _text_field(fields, "source", shown, _key_line(text, "source"), problems)
    if path.suffix != ".md":
        source = header.source
    if source in ("unknown", ""):
        source = None
    if path.suffix == ".md":
        published = _published(fields.get("published"), shown, _key_line(text, "published"), problems)
    else:
        published = header.published
    url = _text_field(fields, "url", shown, _key_line(text, "url"), problems)
    lang = _text_field(fields, "lang", shown, _key_line(text, "lang"), problems) or default_lang
    if problems:
        raise InputError(problems)
    digest = hashlib.sha256(raw).hexdigest()
    return Article(
        id=slug_of(path.stem),
        source_id=source,
        title=title or "",
        url=url,
        published=published,
        lang=lang,
        text=body,
        path=shown,
        digest=digest,
        furniture=furniture,
        inferred=tuple(notes),
        body_line=body_line,
    )


def slug_of(stem: str) -> str:
    """A file stem made safe for a URL path segment (lower-case ASCII, digits and dashes)."""
    ascii_text = _strip_accents(unicodedata.normalize("NFKC", stem)).lower()  # ｆｕｌｌｗｉｄｔｈ → fullwidth
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or "article"


def _display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def input_files(folder: Path, suffixes: tuple[str, ...], shown: str) -> tuple[list[Path], list[Problem]]:
    """Regular files of one content folder, sorted; links and special files are skipped with a warning each.

    A symbolic link could publish any file of the machine (/etc/passwd) and a FIFO would hang the build, so
    neither is read. Hidden names (.#a.md is an editor's lock) are not input at all.
    """
    if not folder.is_dir():
        return [], []
    files: list[Path] = []
    skipped: list[Problem] = []
    with os.scandir(folder) as found:  # one directory read; the entries' types come with it, no stat each
        entries = sorted((entry for entry in found if not entry.name.startswith(".")), key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        dot = name.rfind(".")  # the suffix as pathlib gives it
        if (name[dot:] if 0 < dot < len(name) - 1 else "") not in suffixes:
            continue
        if entry.is_symlink():
            skipped.append(Problem(f"{shown}/{name}", "symbolic link not followed: not read (expected a "
                                                      "regular file: copy the file in instead)",
                                   severity="warning"))
        elif not entry.is_file():
            skipped.append(Problem(f"{shown}/{name}", "not a regular file: not read", severity="warning"))
        else:
            files.append(folder / name)
    return files, skipped


def article_files(content: Path) -> list[Path]:
    """Article files in content/articles, sorted; symlinks and special files are not read."""
    return input_files(content / "articles", ARTICLE_SUFFIXES, "content/articles")[0]


def read_articles(content: Path, root: Path, default_lang: str = "fr",
                  warnings: list[Problem] | None = None, memo: Path | None = None) -> list[Article]:
    """Every article of content/articles; all problems of all files are raised together.

    Warnings (links not followed, invisible characters removed) go to `warnings` when given, for the build
    summary; otherwise they are logged, so they are never silent. With `memo` (a file under .cache/), files
    read by the last build with the same bytes are taken from it instead of read again (front matter YAML is
    most of the reading).
    """
    kept = _Memo.load(memo) if memo is not None else None
    if kept is not None:
        kept.folder = _Folder.of(content / "articles", root)
    articles: list[Article] = []
    problems: list[Problem] = []
    found: list[Problem] = []
    files, skipped = input_files(content / "articles", ARTICLE_SUFFIXES, "content/articles")
    found += skipped
    by_id: dict[str, str] = {}
    for path in files:
        try:
            article = kept.read(path, root, default_lang) if kept is not None else read_article(path, root,
                                                                                                  default_lang)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if article.id in by_id:
            problems.append(Problem(article.path, f"same page path articles/{article.id}/ as {by_id[article.id]} "
                                                  "(expected file names that differ in more than case, accents "
                                                  "or punctuation)", 1))
            continue
        by_id[article.id] = article.path
        articles.append(article)
        found += [Problem(article.path, note, severity="warning") for note in article.inferred
                  if note.startswith(REMOVED_NOTE)]
        if article.url and outside_url(article.url) is None:
            found.append(Problem(article.path, f"url {article.url!r} is not linked (expected an http(s) address "
                                               "with its special characters percent-encoded)", severity="warning"))
    if warnings is None:
        for problem in found:
            log.warning("%s", problem)
    else:
        warnings.extend(found)
    if problems:
        raise InputError(problems)
    if kept is not None:
        kept.save()
    return articles


MEMO_VERSION = 2


@cache
def _reader_code() -> str:
    """What read_article's result depends on besides the file: this code, the lexicon, the libraries."""
    from importlib import metadata

    folder = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{MEMO_VERSION}".encode())
    for name in ("ingest.py", "safeyaml.py", "encoding.py", "models.py", "errors.py", "lexicon/furniture.yaml"):
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    for library in ("pyyaml", "babel"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{library}={metadata.version(library)};".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class _Folder:
    """The articles' folder resolved once: a regular file's resolved path is its folder's plus its name (a
    symbolic link is never read as an article), so each file's shown path costs no path resolution."""

    path: Path
    resolved: Path
    root: Path

    @classmethod
    def of(cls, folder: Path, root: Path) -> _Folder:
        return cls(folder, folder.resolve(), root.resolve())

    def shown(self, path: Path) -> str:
        """The file's path as _display_path gives it."""
        try:
            return (self.resolved / path.name).relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class _Memo:
    """Articles as the last build read them, by file bytes, path and default language (.cache/articles.bin):
    only files read without a problem are kept, so every error and warning is found again.

    `stats` keeps, for each file, its size, mtime, inode and ctime when its bytes were hashed, and that hash:
    a file whose four are unchanged is not read again (writing a file sets its mtime and ctime, and ctime
    cannot be set back; a stat taken within filestat.RACY_NS of the file's change is not kept)."""

    path: Path
    kept: dict[str, dict[str, Any]]
    used: dict[str, dict[str, Any]]
    stats: dict[str, list[Any]] = field(default_factory=dict)
    seen: dict[str, list[Any]] = field(default_factory=dict)
    folder: _Folder | None = None

    @classmethod
    def load(cls, path: Path) -> _Memo:
        """The kept articles; a missing, altered, truncated or older file is simply empty (marshal with a
        checksum: several times faster to read and write than JSON, and this file holds every article's text)."""
        found = memofile.read(path)
        fresh = isinstance(found, dict) and found.get("code") == _reader_code()
        kept = found["items"] if fresh and isinstance(found.get("items"), dict) else {}  # type: ignore[index]
        stats = found["stats"] if fresh and isinstance(found.get("stats"), dict) else {}  # type: ignore[index]
        return cls(path, kept, {}, stats)

    def _hash(self, path: Path, shown: str) -> tuple[str, bytes | None]:
        """The SHA-256 of the file's bytes, and the bytes when they had to be read."""
        now = time.time_ns()
        stat = os.stat(path)
        mark = filestat.mark(stat)
        kept = filestat.kept_hash(self.stats.get(shown), mark)
        if kept is not None:
            self.seen[shown] = [*mark, kept]
            return kept, None
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if len(raw) == stat.st_size and filestat.settled(now, stat.st_mtime_ns, stat.st_ctime_ns):
            self.seen[shown] = [*mark, digest]
        return digest, raw

    def read(self, path: Path, root: Path, default_lang: str) -> Article:
        """The article of one file, from the memo when its bytes were read before."""
        folder = self.folder
        shown = folder.shown(path) if folder is not None and path.parent == folder.path else _display_path(path, root)
        digest, raw = self._hash(path, shown)
        key = f"{digest} {default_lang} {shown}"
        found = self.kept.get(key)
        if found is not None:
            try:
                article = Article(**{**found, "furniture": tuple((int(a), int(b)) for a, b in found["furniture"]),
                                     "inferred": tuple(found["inferred"])})
            except (TypeError, ValueError, KeyError):
                article = None
            if article is not None:
                self.used[key] = found
                return article
        if raw is None:
            raw = path.read_bytes()
            digest = hashlib.sha256(raw).hexdigest()
            self.seen.pop(shown, None)
            key = f"{digest} {default_lang} {shown}"
        article = read_article(path, root, default_lang, shown, raw)
        self.used[key] = asdict(article)
        return article

    def save(self) -> None:
        """Keep what this build read (atomically), when it differs from what was kept."""
        if self.used == self.kept and self.seen == self.stats:
            return
        try:
            memofile.write(self.path, {"code": _reader_code(), "items": dict(sorted(self.used.items())),
                                       "stats": dict(sorted(self.seen.items()))}, ".articles-")
        except ValueError:  # a value marshal cannot write: nothing kept, the next build reads every file
            self.path.unlink(missing_ok=True)
