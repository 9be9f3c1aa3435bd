"""A build whose inputs, code and outputs are exactly as the last good build left them does nothing at all."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from extract import filestat
from extract.errors import Problem

STATE = "build-state.json"
STATS = "input-stats.json"  # in .cache/: each input file's stat when its bytes were last hashed, and the hash
INPUTS = ("content", "templates", "locale", "extract", "render")
INPUT_FILES = ("config.yaml", "build.py", "constraints.txt")
OUTPUTS = ("site", "data")


def _files(root: Path, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """(path relative to root, path on disk) of every file under the given names, sorted; one directory scan
    each (os.scandir), no bytecode caches."""
    found: list[tuple[str, str]] = []
    for name in names:
        top = root / name
        if top.is_file():
            found.append((name, str(top)))
            continue
        folders = [(str(top), name + "/")] if top.is_dir() else []
        while folders:
            folder, prefix = folders.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir():
                        if entry.name != "__pycache__":
                            folders.append((entry.path, prefix + entry.name + "/"))
                    elif entry.is_file():
                        found.append((prefix + entry.name, entry.path))
    return sorted(found)


def _load_stats(root: Path) -> dict[str, list[Any]]:
    try:
        data = json.loads((root / ".cache" / STATS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_stats(root: Path, stats: dict[str, list[Any]]) -> None:
    """Atomically; a failure only means hashing again next time."""
    folder = root / ".cache"
    try:
        folder.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-stats-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(stats, fh, sort_keys=True)
        os.replace(tmp, folder / STATS)
    except OSError:
        pass


def _file_hash(path: str, rel: str, known: dict[str, list[Any]], seen: dict[str, list[Any]]) -> bytes:
    """A file's SHA-256, read again only when its size, mtime, inode or ctime is not what it was when last
    hashed: writing a file sets its mtime and ctime, and ctime cannot be set back. A hash whose stat was
    taken within filestat.RACY_NS of the file's last change is not kept (a change in the same tick would not show)."""
    now = time.time_ns()
    stat = os.stat(path)
    mark = filestat.mark(stat)
    kept = filestat.kept_hash(known.get(rel), mark)
    if kept is not None:
        try:
            found = bytes.fromhex(kept)
        except ValueError:
            found = b""
        if len(found) == 32:
            seen[rel] = [*mark, kept]
            return found
    with open(path, "rb") as stream:
        found = hashlib.file_digest(stream, "sha256").digest()
    if filestat.settled(now, stat.st_mtime_ns, stat.st_ctime_ns):
        seen[rel] = [*mark, found.hex()]
    return found


def inputs_digest(root: Path, options: dict[str, Any]) -> str:
    """Hash of every input byte (content, templates, code, settings) and of the build's options; files whose
    stat did not change since they were hashed are not read again (see _file_hash)."""
    known = _load_stats(root)
    seen: dict[str, list[Any]] = {}
    digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    for rel, path in _files(root, INPUTS) + _files(root, INPUT_FILES):
        digest.update(rel.encode() + b"\0")
        digest.update(_file_hash(path, rel, known, seen))
    if seen != known:
        _save_stats(root, seen)
    return digest.hexdigest()


def outputs_digest(root: Path) -> str:
    """Cheap fingerprint of site/ and data/ (names, sizes, modification times): any touch shows."""
    digest = hashlib.sha256()
    for rel, path in _files(root, OUTPUTS):
        stat = os.stat(path)
        digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load(root: Path) -> dict[str, Any] | None:
    """The last good build's record, or None (a missing or unreadable record just means a full build)."""
    try:
        data = json.loads((root / ".cache" / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def unchanged(root: Path, options: dict[str, Any], seen: dict[str, str] | None = None) -> dict[str, Any] | None:
    """The last record when nothing it depends on changed since; None means build. `seen` receives the inputs
    digest as this check found it (under "inputs"), for `save`."""
    state = load(root)
    if not state:
        return None
    digest = inputs_digest(root, options)
    if seen is not None:
        seen["inputs"] = digest
    if state.get("inputs") != digest:
        return None
    if state.get("outputs") != outputs_digest(root):
        return None
    return state


def save(root: Path, options: dict[str, Any], summary: Any, inputs: str | None = None) -> None:
    """Record a good build (atomically), with what its summary should say again next time. `inputs` is the
    inputs digest taken before the build read anything (see `unchanged`): a file saved while the build ran
    then shows as a change to the next build, which a digest taken now would hide."""
    record = {
        "inputs": inputs if inputs is not None else inputs_digest(root, options),
        "outputs": outputs_digest(root),
        "articles": summary.articles,
        "claims": dict(summary.claims),
        "topics": summary.topics,
        "pages": summary.pages,
        "warnings": [asdict(w) for w in summary.warnings],
    }
    folder = root / ".cache"
    folder.mkdir(exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-state-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(record, fh, sort_keys=True)
    os.replace(tmp, folder / STATE)


def summary_of(state: dict[str, Any], summary: Any) -> Any:
    """Fill an empty Summary from the record: nothing parsed, nothing written, the same warnings."""
    summary.articles = summary.cached = int(state.get("articles", 0))
    summary.claims = Counter(state.get("claims") or {})
    summary.topics = int(state.get("topics", 0))
    summary.pages = int(state.get("pages", 0))
    summary.warnings = [Problem(**w) for w in state.get("warnings") or []]
    return summary
