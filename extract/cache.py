"""Per-article extraction results in .cache/, keyed by content and extractor code; safe to delete."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from extract import nlp
from extract.models import Article, Claim

CODE_DIR = Path(__file__).resolve().parent
# Modules that do not change what is extracted from an article: editing them keeps the cache.
NOT_EXTRACTION = {"pipeline.py", "crossref.py", "topics.py", "reviews.py", "evaluate.py", "cache.py",
                  "config.py", "newarticle.py", "sources.py", "datafiles.py", "changes.py", "comparison.py",
                  "grouping.py", "validation.py", "buildstate.py", "links.py", "workers.py",
                  "ingest.py"}  # ingest: what it makes of a file (text, furniture, date) is in the key


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


def key(article: Article, model: str) -> str:
    """What the claims of an article depend on: its id, text, furniture, date, pipeline and extractor."""
    material = json.dumps(
        [article.id, article.text, list(article.furniture), article.published, nlp.pipeline_version(model),
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


def put(folder: Path, cache_key: str, claims: tuple[Claim, ...]) -> None:
    """Store claims atomically, so concurrent runs in one checkout never read a half-written entry."""
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
