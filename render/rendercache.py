"""Rendered pages kept between builds (.cache/render/), content-addressed, reused only when provably current."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import marshal
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from operator import itemgetter
from pathlib import Path

from extract import filestat, memofile

log = logging.getLogger(__name__)

VERSION = 5
MANIFEST = "manifest.bin"  # marshal: read at every build, ten times faster than JSON at a thousand pages
RETIRED = ("manifest.json", "fragments.json")  # what earlier versions kept here: removed at the next save
LIBRARIES = ("jinja2", "markupsafe", "babel", "markdown", "nh3", "pyyaml")


@dataclass(frozen=True)
class Entry:
    """What one output path was made from last time: its inputs' key, the look-ups it made, its bytes' hash."""

    key: str
    blob: str
    lookups: tuple[tuple[str, str, str], ...]  # (question, key, digest of the answer)
    quick: str = ""  # the job's quick key when it has one (jobs.Job.quick): same quick key, same `key`


def modules_digest(root: Path, start: str = "site.py") -> str:
    """The render code a job runs: render/<start>, the project modules it reaches, library versions, Python.
    Callers take it once, when the code is imported, so that a live preview whose files were edited since
    keeps keying on the code it really runs."""
    hasher = hashlib.sha256(f"recoupe-render-{VERSION} {sys.version}".encode())
    for name in LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            hasher.update(f"{name}={metadata.version(name)};".encode())
    for path in render_modules(root, start):
        hasher.update(f"module {path.relative_to(root).as_posix()}\0".encode() + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def code_digest(modules: str, folders: Iterable[Path], keep: Callable[[str], bool] = lambda _rel: True) -> str:
    """Everything besides a page's own inputs that shapes its bytes: the code (`modules_digest`) and the
    files of `folders` (templates, catalogs) as they are now on disk (Jinja reads them at each build), those
    whose path in their folder `keep` accepts."""
    hasher = hashlib.sha256(modules.encode())
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            if keep(rel):
                hasher.update(f"file {rel}\0".encode() + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def render_modules(root: Path, start: str = "site.py") -> list[Path]:
    """render/<start> and every project module it reaches through import statements (lazy ones
    included), sorted."""
    todo = [root / "render" / start]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        stat = path.stat()
        for name in _imports(path, stat.st_mtime_ns, stat.st_size):
            parts = name.split(".")
            if parts[0] in ("render", "extract"):
                module = root.joinpath(*parts)
                todo += [p for p in (module.with_suffix(".py"), module / "__init__.py") if p.is_file()]
    return sorted(seen)


# An import statement at the start of a line (lazy ones inside functions too): `from X import (a, b)`,
# `from X import a as b, c`, `import X.Y as Z, W`. Scanning text is ten times cheaper than parsing every module
# at each start; a false match (in a string) only adds a module to the digest.
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]+)|import[ \t]+([^\n#;]+))",
                     re.MULTILINE)


@functools.lru_cache(maxsize=256)
def _imports(path: Path, mtime_ns: int, size: int) -> tuple[str, ...]:
    """Every module name a source file imports (read again only when the file changed: live preview)."""
    names: list[str] = []
    for found in _IMPORT.finditer(path.read_text(encoding="utf-8", errors="replace")):
        module, imported, plain = found.groups()
        if plain is not None:
            names += [part.split()[0] for part in plain.replace("\\", " ").split(",") if part.split()]
        elif module is not None and not module.startswith("."):
            parts = [part.split()[0] for part in imported.strip("()\n ").replace("\\", " ").split(",") if part.split()]
            names += [module] + [f"{module}.{name}" for name in parts]
    return tuple(names)


def _read_marshal_now(path: Path) -> object:
    return marshal.loads(path.read_bytes())


# Marshal files read ahead while the build waits for something else (see memofile.ReadAhead).
_AHEAD = memofile.ReadAhead(_read_marshal_now)


def preread(*paths: Path) -> None:
    """Read and unmarshal these cache files now (while another process loads the model for an edit), for
    read_marshal to take later; a missing or unreadable file is left to read_marshal."""
    _AHEAD.preread(*paths)


def read_marshal(path: Path) -> object:
    """A marshal file's value: the one preread() took when the file has not changed since, else read now.
    Raises what reading or unmarshalling raises."""
    return _AHEAD.read(path)


def write_atomic(target: Path, data: bytes, prefix: str = ".tmp-") -> None:
    """Write a file whole or not at all (a temporary file in the same folder, then renamed over it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=prefix)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, target)


def blob_name(data: bytes) -> str:
    """A blob's name is the SHA-256 of its bytes: a blob whose bytes no longer match its name is refused."""
    return hashlib.sha256(data).hexdigest()


Stat = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


def _stat(path: Path) -> Stat | None:
    """What changes whenever a file's bytes change: writing sets mtime and ctime, and ctime cannot be set
    back (restoring mtime sets it too); a replaced file is another inode."""
    try:
        found = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ino, found.st_ctime_ns)


class RenderCache:
    """The manifest (path → Entry) of the last good render and the blobs it names, under one folder.

    A blob is checked against its name (the SHA-256 of its bytes) before any reuse. Hashing every kept page
    at each build reads the whole site, so the manifest also keeps, for each blob checked by hash, its
    size, mtime, inode and ctime as they were just before it was read: a blob whose four are still those
    is not read again. Reused pages are not staged at all (publish reads them from their blob, see
    publish.KEPT), so reuse leaves the blob's inode (its link count, hence its ctime) untouched; anything that
    changes its bytes changes its ctime.
    A look made less than filestat.RACY_NS after the blob last changed is not kept (same clock tick).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.blobs = folder / "blobs"
        self.checked: dict[str, Stat] = {}  # blob name → its stat when its hash was last found right
        # As loaded: the look-up table and each page's entry with its positions in it, so a page reused as
        # it was is saved again by its positions, not by looking each of its look-ups up again.
        self._table: list[tuple[str, str, str]] = []
        self._loaded: dict[str, tuple[Entry, tuple[int, ...]]] = {}

    def load(self, code: str) -> dict[str, Entry]:
        """The previous manifest, empty when missing, unreadable or made for other site settings (each job's
        key holds the digest of the code and templates it uses)."""
        try:
            raw = read_marshal(self.folder / MANIFEST)
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        if not isinstance(raw, tuple) or len(raw) != 5 or raw[0] != VERSION or raw[1] != code:
            return {}
        entries = {}
        try:
            _, _, table, pages, checked = raw
            if type(table) is not list or not all(type(t) is tuple and len(t) == 3 and type(t[0]) is type(t[1]) is
                                                  type(t[2]) is str for t in table):
                return {}
            for path, key, blob, asked, quick in pages:
                if not (type(path) is type(key) is type(blob) is type(quick) is str and type(asked) is tuple):
                    return {}
                # itemgetter picks the look-ups in one C call (one position gives the item itself, none fails)
                lookups = (itemgetter(*asked)(table),) if len(asked) == 1 else itemgetter(*asked)(table) \
                    if asked else ()
                entries[path] = Entry(key, blob, lookups, quick)
                self._loaded[path] = (entries[path], asked)
            for name, values in checked:
                if isinstance(values, tuple) and len(values) == 4 and all(type(v) is int for v in values):
                    self.checked[str(name)] = (values[0], values[1], values[2], values[3])
        except (TypeError, ValueError, IndexError):
            self.checked.clear()
            self._loaded.clear()
            return {}
        self._table = table
        return entries

    def blob(self, name: str) -> Path:
        """Where a blob lives (two-character fan-out keeps folders small)."""
        return self.blobs / name[:2] / name

    def store(self, data: bytes) -> str:
        """Keep bytes under their hash (atomically; an existing blob is replaced when altered) and return its name."""
        name = blob_name(data)
        target = self.blob(name)
        if not self._intact(target, name):
            write_atomic(target, data)
        return name

    def _intact(self, path: Path, name: str) -> bool:
        """Whether a blob exists and its bytes still hash to its name: read only when its stat is not the one
        recorded at its last check (see the class)."""
        before = _stat(path)
        if before is None:
            return False
        if self.checked.get(name) == before:
            return True
        now = time.time_ns()
        try:
            with path.open("rb") as stream:
                if hashlib.file_digest(stream, "sha256").hexdigest() != name:
                    self.checked.pop(name, None)
                    return False
        except OSError:
            return False
        if filestat.settled(now, before[1], before[3]):
            self.checked[name] = before
        else:
            self.checked.pop(name, None)
        return True

    def kept(self, name: str) -> Path | None:
        """A kept blob's path after checking its bytes still hash to its name; None when it is missing or was
        altered (then the page is rendered again and the blob replaced). The page is not staged: publish
        takes it from here (see publish.write_kept), so an unchanged page costs no file in staging."""
        source = self.blob(name)
        if not self._intact(source, name):
            if source.exists():
                log.warning("render cache: %s was altered; rendering its page again", source.name)
            return None
        return source

    def link(self, name: str, target: Path, data: bytes | None = None) -> None:
        """The staging file as a hard link to its blob (no second copy of the bytes), else a copy."""
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self.blob(name), target)
        except OSError:
            if data is None:
                shutil.copyfile(self.blob(name), target)
            else:
                target.write_bytes(data)

    def save(self, code: str, entries: dict[str, Entry]) -> None:
        """Write the manifest atomically, then delete every blob it does not name."""
        self.folder.mkdir(parents=True, exist_ok=True)
        # Pages ask many of the same questions: each (question, key, answer) is written once, pages point to it.
        # A page reused as loaded keeps its positions in the loaded table; new look-ups go at its end.
        table = list(self._table)
        index: dict[tuple[str, str, str], int] | None = None
        pages = []
        for path, entry in sorted(entries.items()):
            loaded = self._loaded.get(path)
            if loaded is not None and loaded[0] == entry:
                asked = loaded[1]
            else:
                if index is None:
                    index = {lookup: position for position, lookup in enumerate(table)}
                asked = tuple(index.setdefault(x, len(index)) for x in entry.lookups)
            pages.append((path, entry.key, entry.blob, asked, entry.quick))
        if index is not None:
            table = list(index)  # the loaded table, then what this render added, in that order
        used = set().union(*(asked for _, _, _, asked, _ in pages))
        if len(used) * 2 < len(table):  # mostly look-ups no page makes any more: written afresh
            index = {}
            pages = [(path, key, blob, tuple(index.setdefault(table[i], len(index)) for i in asked), quick)
                     for path, key, blob, asked, quick in pages]
            table = list(index)
        used = {e.blob for e in entries.values()}
        checked = [(name, tuple(self.checked[name])) for name in sorted(used & self.checked.keys())]
        write_atomic(self.folder / MANIFEST, marshal.dumps((VERSION, code, table, pages, checked), 4), ".manifest-")
        for name in RETIRED:
            (self.folder / name).unlink(missing_ok=True)
        if self.blobs.is_dir():
            for path in self.blobs.glob("*/*"):
                if path.name not in used:
                    path.unlink(missing_ok=True)


def still_valid(entry: Entry, answer: Callable[[str, str], str], checked: dict[tuple[str, str, str], bool]) -> bool:
    """Whether every look-up the page made last time gets the same answer now (`checked` remembers the
    look-ups already asked during this build: pages share most of theirs)."""
    for lookup in entry.lookups:
        ok = checked.get(lookup)
        if ok is None:
            ok = checked[lookup] = answer(lookup[0], lookup[1]) == lookup[2]
        if not ok:
            return False
    return True
