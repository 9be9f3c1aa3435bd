"""Per-article extraction results in .cache/, keyed by content and extractor code; safe to delete."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from extract import memofile, nlp
from extract.models import Article, Claim

log = logging.getLogger(__name__)

CODE_DIR = Path(__file__).resolve().parent
# Modules that do not change what is extracted from an article: editing them keeps the cache.
NOT_EXTRACTION = {"pipeline.py", "crossref.py", "topics.py", "reviews.py", "evaluate.py", "cache.py",
                  "config.py", "newarticle.py", "sources.py", "datafiles.py", "changes.py", "comparison.py",
                  "grouping.py", "validation.py", "buildstate.py", "links.py", "workers.py", "summary.py",
                  "memofile.py", "ingest.py"}  # ingest: what it makes of a file (text, furniture, date) is in the key


@functools.cache
def code_fingerprint() -> str:
    """Hash of the extractor's own code and lexicons, so any change to them invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(CODE_DIR.rglob("*")):
        if path.name in NOT_EXTRACTION or "schema" in path.parts:
            continue
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(CODE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def _pipeline(model: str) -> str:
    """The installed pipeline's name and version, asked of the package metadata once per process (each
    question reads the installed packages' metadata again)."""
    return nlp.pipeline_version(model)


def key(article: Article, model: str) -> str:
    """What the claims of an article depend on: its id, text, furniture, date, pipeline and extractor."""
    material = json.dumps(
        [article.id, article.text, list(article.furniture), article.published, _pipeline(model),
         code_fingerprint()],
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def get(folder: Path, cache_key: str) -> tuple[Claim, ...] | None:
    """Cached claims, or None on a miss or an unreadable entry (which is then simply recomputed)."""
    path = folder / "claims" / f"{cache_key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Claim.from_json(item) for item in data)
    except (OSError, ValueError, TypeError):
        return None


def put(folder: Path, cache_key: str, claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """Store claims atomically, so concurrent runs in one checkout never read a half-written entry; returns
    them as `get` will read them back (for the memo)."""
    target = folder / "claims"
    target.mkdir(parents=True, exist_ok=True)
    payload = json.dumps([asdict(c) for c in claims], ensure_ascii=False, sort_keys=True)
    fd, tmp = tempfile.mkstemp(dir=target, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, target / f"{cache_key}.json")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tuple(Claim.from_json(item) for item in json.loads(payload))



MEMO = "claims-memo.bin"  # in .cache/: the claims of every article of the last build, in one file
MEMO_VERSION = 1
FIELDS = tuple(f.name for f in dataclasses.fields(Claim))


def _claim(values: tuple[object, ...]) -> Claim:
    """A claim from its field values in FIELDS order, without running __init__ (as unpickling does)."""
    claim = object.__new__(Claim)
    claim.__dict__.update(zip(FIELDS, values, strict=True))
    return claim


class ClaimsMemo:
    """The claims of every article of the last build in one file (.cache/claims-memo.bin), by cache key.

    One read instead of one JSON file per article. Equal texts and tuples (a sentence's claims share their
    article, sentence, lemmas and entities) are one object each, so the file writes them once. The file
    carries a checksum of its bytes and the claim fields it was written with: a missing, altered, truncated
    or older file is simply empty, and the per-article entries are read instead.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.rows = self._load()
        self.kept: dict[str, tuple[tuple[object, ...], ...]] = {}  # the next file: every current article
        self._shared: dict[object, object] = {}

    def _load(self) -> dict[str, tuple[tuple[object, ...], ...]]:
        return memofile.read_table(self.folder / MEMO, MEMO_VERSION, FIELDS)

    def get(self, cache_key: str) -> tuple[Claim, ...] | None:
        """The claims kept under this key (and kept again next time), or None."""
        row = self.rows.get(cache_key)
        if row is None:
            return None
        try:
            claims = tuple(_claim(values) for values in row)
        except (TypeError, ValueError):
            return None
        self.kept[cache_key] = row
        return claims

    def add(self, cache_key: str, claims: tuple[Claim, ...]) -> None:
        """Keep an article's claims for the next build."""
        shared = self._shared
        rows = []
        for claim in claims:
            values = [getattr(claim, name) for name in FIELDS]
            rows.append(tuple(shared.setdefault(v, v) if isinstance(v, (str, tuple)) else v for v in values))
        self.kept[cache_key] = tuple(rows)

    def save(self) -> None:
        """Write the claims of this build's articles when they are not those of the file (atomically; a
        failure only costs speed next time)."""
        if self.kept.keys() == self.rows.keys():
            return
        try:
            memofile.write(self.folder / MEMO, (MEMO_VERSION, FIELDS, dict(sorted(self.kept.items()))), ".tmp-memo-")
        except ValueError:  # a value marshal cannot write: no memo, the per-article entries hold everything
            log.debug("claims memo not written", exc_info=True)
            (self.folder / MEMO).unlink(missing_ok=True)
