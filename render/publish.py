"""Render into a staging folder, then publish: replace only changed files, each atomically; remove stale ones."""

from __future__ import annotations

import contextlib
import filecmp
import functools
import hashlib
import heapq
import json
import logging
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract import filestat
from render.paths import search_bundle

log = logging.getLogger(__name__)

STAGING_PREFIX = ".site-staging-"
# In staging, the pages reused from the render cache are not files but lines of this file (path → blob):
# most pages of a rebuild are unchanged, and making a link for each in a fresh folder costs more than
# everything else the rebuild does. Publish and the search index read them from their blobs.
KEPT = ".kept-pages.json"
SCRATCH = (".index-", ".publish-")  # work folders in staging (Pagefind's input and output, publish's copies)


def write_kept(folder: Path, kept: dict[str, Path]) -> None:
    """Name the pages of the staged site that stay in the render cache (see KEPT)."""
    (folder / KEPT).write_text(json.dumps({rel: os.path.abspath(blob) for rel, blob in sorted(kept.items())}),
                               encoding="utf-8")


def read_kept(folder: Path) -> dict[str, Path]:
    """The staged site's pages kept in the render cache, by path (none when the file is absent)."""
    try:
        data = json.loads((folder / KEPT).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {str(rel): Path(blob) for rel, blob in data.items()}


def staged_files(folder: Path) -> dict[str, Path]:
    """Every file of the staged site by path, where its bytes are: in staging, or a kept blob."""
    files = {rel: folder / rel for rel in _files(folder, links=True, skip=SCRATCH) if rel != KEPT}
    files.update(read_kept(folder))
    return files


def _alive(pid: int) -> bool:
    """Whether a process exists (signal 0 only checks), so a running build's staging folder is never touched."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned(root: Path) -> list[str]:
    """Staging folders of builds that were killed (SIGKILL, power loss): their process is gone, so they go too."""
    removed = []
    for folder in sorted(root.glob(STAGING_PREFIX + "*")):
        pid = folder.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if folder.is_dir() and not folder.is_symlink() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


class Interrupted(SystemExit):
    """SIGINT or SIGTERM during a build: the staging folder is removed and the process exits without a trace."""


def _on_signal(number: int, frame: Any) -> None:
    """Turn the signal into an exception, so every `finally` (staging removal, temporary files) runs."""
    raise Interrupted(128 + number)


@contextlib.contextmanager
def _signals_end_cleanly() -> Iterator[None]:
    """While staging exists, SIGTERM unwinds like Ctrl-C (its default would skip every `finally`)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def staging(root: Path) -> Iterator[Path]:
    """A fresh folder beside site/ (same file system, so renames are atomic), removed whatever happens.

    Its name carries the process id, so a later build can tell a killed build's leftovers from a running one's.
    An interruption (Ctrl-C, SIGTERM) removes it, leaves site/ serveable, and exits with 128 + the signal.
    """
    remove_abandoned(root)
    folder: Path | None = None
    with _signals_end_cleanly():  # from before the folder exists: a SIGTERM as it appears still unwinds
        try:
            folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=root))
            yield folder
        except KeyboardInterrupt:
            log.error("interrupted: site/ and data/ hold complete files (old or new); run the build again")
            raise Interrupted(128 + signal.SIGINT) from None
        except Interrupted:
            log.error("interrupted: site/ and data/ hold complete files (old or new); run the build again")
            raise
        finally:
            stop_indexing()
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)


def _files(folder: Path, links: bool = False, empty: set[str] | None = None, prefix: str = "",
           skip: tuple[str, ...] = ()) -> set[str]:
    """Relative paths of the regular files under a folder, one os.scandir per folder. Symbolic links are left
    out, except with `links` (in staging, where a link to a file is a page reused from the render cache, and
    a link to a folder a search bundle reused from its cache: its files are listed as the folder's).
    `empty` receives the folders holding nothing at all; `prefix` is the folder's own path in the site; the
    entries of the folder itself whose names start with one of `skip` are left out."""
    found: set[str] = set()
    top = str(folder)
    folders = [(top, prefix)] if folder.is_dir() else []
    while folders:
        here, prefix = folders.pop()
        anything = False
        with os.scandir(here) as entries:
            for entry in entries:
                anything = True
                if skip and here == top and entry.name.startswith(skip):
                    continue
                if entry.is_symlink():
                    if links and entry.is_file():
                        found.add(prefix + entry.name)
                    elif links and prefix.startswith(INDEX_FOLDER + "/") and entry.is_dir():  # a reused bundle
                        folders.append((entry.path, prefix + entry.name + "/"))
                    continue
                if entry.is_dir():
                    folders.append((entry.path, prefix + entry.name + "/"))
                elif entry.is_file():
                    found.add(prefix + entry.name)
        if not anything and empty is not None and prefix:
            empty.add(prefix.rstrip("/"))
    return found


def _copy_into(source: Path, target: Path, site: Path, scratch: Path, link: bool = False) -> None:
    """Copy beside the staging folder (or hard-link, with `link`), then one rename: site/ holds the old file or
    the new one, never a part."""
    for parent in reversed(target.relative_to(site).parents):  # a stale file where a folder now goes
        if (site / parent).is_file() or (site / parent).is_symlink():
            (site / parent).unlink()
    if target.is_dir() and not target.is_symlink():  # a stale folder where a file now goes
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=scratch, prefix=".publish-")
    os.close(fd)
    try:
        if link:
            try:
                os.unlink(tmp)
                os.link(os.path.realpath(source), tmp)  # link(2) would link a symbolic link itself
            except OSError:
                shutil.copyfile(source, tmp)
        else:
            shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _from_render_cache(path: Path, rel: str) -> bool:
    """Whether a staged page is its render-cache blob (a symbolic link to it, or a hard link for a page just
    rendered): published as a hard link to the blob, so the next publish sees the same file without reading
    it (a blob is checked against its hash before any reuse, so an edit through site/ is never published
    again). The search index, whose cache is trusted by digest alone, and files made in staging are copied."""
    if rel.startswith(INDEX_FOLDER + "/"):
        return False
    try:
        return os.path.islink(path) or os.stat(path).st_nlink > 1
    except OSError:
        return False


class _Compared:
    """Files found equal by reading them, kept (in a file under .cache/) so the next publish need not read
    them again: the staged file's inode, size and mtime (a file of the search cache, linked into staging,
    keeps them while its bundle is reused) and the published file's size, mtime, inode and ctime (any write
    to it changes its ctime). A pair looked at within filestat.RACY_NS of a change is not kept."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.kept: dict[str, list[int]] = {}
        self.seen: dict[str, list[int]] = {}
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    self.kept = data
            except (OSError, ValueError):
                pass

    def same(self, staged: Path | str, published: Path | str, rel: str) -> bool:
        """Same bytes; one file linked twice (an unchanged page taken from a cache) is not read at all, nor a
        pair found equal before and unchanged since."""
        try:
            now = time.time_ns()
            a, b = os.stat(staged), os.stat(published, follow_symlinks=False)
            target = os.stat(published) if stat.S_ISLNK(b.st_mode) else b  # what samefile compares
            if (a.st_ino, a.st_dev) == (target.st_ino, target.st_dev):
                return True
        except OSError:
            return False
        mark = [a.st_ino, a.st_size, a.st_mtime_ns, b.st_size, b.st_mtime_ns, b.st_ino, b.st_ctime_ns]
        if self.path is not None and self.kept.get(rel) == mark:
            self.seen[rel] = mark
            return True
        equal = filecmp.cmp(staged, published, shallow=False)
        if equal and filestat.settled(now, a.st_mtime_ns, b.st_mtime_ns, b.st_ctime_ns):
            self.seen[rel] = mark
        return equal

    def save(self) -> None:
        if self.path is None or self.seen == self.kept:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-compared-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.seen, fh, sort_keys=True)
            os.replace(tmp, self.path)
        except OSError as exc:  # only the next publish's speed depends on it
            log.debug("compared files not kept: %s", exc)


def publish(staged: Path, site: Path, compared: Path | None = None,
            index: Callable[[], object] | None = None) -> tuple[int, int]:
    """Make `site` equal to `staged`, touching only what differs; returns (files written, files removed).

    Order keeps every link working if the process dies at any point: files that did not exist first (no old
    page links to them), then changed files (whatever they link to is there by now), stale files last.
    `compared` (a file under .cache/) keeps the pairs found equal by reading, so they are not read again
    while neither changes (see _Compared). `index`, when given, finishes the search index in staging
    (SearchIndex.wait): the other files are compared with the published ones while Pagefind still runs, the
    index's files after it, and nothing is written before it ends (a failure leaves `site` as it was).
    """
    site.mkdir(exist_ok=True)
    empty: set[str] = set()
    old = _files(site, empty=empty)
    pairs = _Compared(compared)
    sources = staged_files(staged)
    with tempfile.TemporaryDirectory(prefix=SCRATCH[1], dir=staged) as scratch:  # same file system as site/
        added, changed = _differing(sources, old, site, pairs, index is not None)
        if index is not None:  # the pages are compared while Pagefind runs; nothing is written before it ends
            index()
            found = {rel: staged / rel for rel in _files(staged / INDEX_FOLDER, links=True, prefix=INDEX_FOLDER + "/")}
            sources = {rel: path for rel, path in sources.items() if not rel.startswith(INDEX_FOLDER + "/")} | found
            added_index, changed_index = _differing(found, old, site, pairs)
            added, changed = sorted(added + added_index), sorted(changed + changed_index)
        _copy_all(added + changed, sources, staged, site, Path(scratch))
        written = len(added) + len(changed)
    pairs.save()
    new = set(sources)
    removed = 0
    for rel in sorted(old - new):
        stale = site / rel
        if stale.is_file() or stale.is_symlink():  # else a new folder or file has taken its place already
            stale.unlink()
        removed += 1
    _remove_empty(site, empty | {rel.rpartition("/")[0] for rel in old - new})
    return written, removed


def _differing(sources: dict[str, Path], old: set[str], site: Path, pairs: _Compared, pages_only: bool = False
               ) -> tuple[list[str], list[str]]:
    """The staged files not yet published and those whose bytes differ, sorted (with `pages_only`, none of the
    search index's, which Pagefind may still be writing)."""
    names = {rel for rel in sources if not (pages_only and rel.startswith(INDEX_FOLDER + "/"))}
    top = os.fspath(site)
    return sorted(names - old), sorted(rel for rel in names & old
                                       if not pairs.same(sources[rel], os.path.join(top, rel), rel))


def _copy_all(names: list[str], sources: dict[str, Path], staged: Path, site: Path, scratch: Path) -> None:
    for rel in names:
        _copy_into(sources[rel], site / rel, site, scratch,
                   link=sources[rel] != staged / rel or _from_render_cache(sources[rel], rel))


def _remove_empty(site: Path, candidates: set[str]) -> None:
    """Remove the folders left empty, deepest first, then their parents in turn: only folders that were empty
    or lost a file can be empty now, so the rest of the site is not walked."""
    seen = {rel for rel in candidates if rel}
    todo = [(-rel.count("/"), rel) for rel in seen]
    heapq.heapify(todo)
    while todo:
        _, rel = heapq.heappop(todo)
        folder = site / rel
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()
            parent = rel.rpartition("/")[0]
            if parent and parent not in seen:
                seen.add(parent)
                heapq.heappush(todo, (-parent.count("/"), parent))


# Pages whose words a reader searches for: home, articles, comparisons, timeline, speakers, free pages.
# Source and source-pair pages only regroup article claims: indexing them would return every hit several
# times over, and reading them is most of Pagefind's time.
SKIPPED = frozenset({"sources", "compare", "search", "pagefind", "static", "data"})
INDEX_FOLDER = "pagefind"


def searched(rel: str) -> bool:
    """Whether Pagefind indexes the page at this path: the home page and the pages under every top-level
    folder but the SKIPPED ones."""
    return rel.endswith(".html") and (rel == "index.html" or ("/" in rel and rel.split("/", 1)[0] not in SKIPPED))


def searched_pages(folder: Path) -> list[str]:
    """The staged HTML pages Pagefind indexes, sorted (the same pages give the same index)."""
    return sorted(rel for rel in staged_files(folder) if searched(rel))


_BLOB_NAME = re.compile(r"[0-9a-f]{64}")


def _sha256(path: Path) -> str:
    """The SHA-256 of a staged page's bytes: a page kept in the render cache is a blob named by it (checked
    against its bytes when the page was reused), so it is not read again."""
    if _BLOB_NAME.fullmatch(path.name) and path.parent.parent.name == "blobs":  # a kept page: named by its hash
        return path.name
    if path.is_symlink():
        path = Path(os.readlink(path))
    if _BLOB_NAME.fullmatch(path.name) and path.parent.parent.name == "blobs":
        return path.name
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _digest(files: dict[str, Path], pages: list[str], language: str, rule: str = "") -> str:
    """What an index is made from: the searched pages' paths and bytes, the language, Pagefind's version and
    the `rule` its pages were copied by (a one-page bundle's: see without_repeats)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{_pagefind_version()}\0{language}\0sha256\0{rule}".encode())
    for rel in pages:
        digest.update(rel.encode() + b"\0" + _sha256(files[rel]).encode() + b"\0")
    return digest.hexdigest()


@functools.cache
def _pagefind_version() -> str:
    """The installed Pagefind's version, read from the package metadata once per process (each bundle's
    digest names it)."""
    from importlib import metadata

    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "unknown"


@functools.cache
def _pagefind_command() -> tuple[str, ...]:
    """The Pagefind binary itself when the pagefind[bin] package names it (no Python start per bundle), else
    the Python launcher."""
    try:
        import pagefind_bin

        return (str(pagefind_bin.get_executable().resolve()),)
    except (ImportError, OSError):
        return (sys.executable, "-m", "pagefind")


def bundles(folder: Path) -> dict[str, list[str]]:
    """The searched pages of the staged site by search bundle (see paths.search_bundle), sorted."""
    groups: dict[str, list[str]] = {}
    for rel in searched_pages(folder):
        groups.setdefault(search_bundle(rel), []).append(rel)
    return dict(sorted(groups.items()))


@dataclass
class _Run:
    """One bundle indexed by Pagefind from a folder of links to its pages, into the cache."""

    name: str
    digest: str
    scratch: Path
    process: subprocess.Popen[str] | None = None
    size: int = 0  # bytes of its pages: the biggest bundles are started first


@dataclass
class SearchIndex:
    """Pagefind runs in progress (or reused bundles), so the build can write data/ while they index.

    The index is one main bundle and others merged into it by the search page (see paths.search_bundle): an
    edited article re-indexes its shard and the pages that show its claims, not the whole site."""

    folder: Path
    cache: Path | None
    language: str
    reused: list[str] = field(default_factory=list)
    built: list[str] = field(default_factory=list)  # bundles Pagefind (re)builds in this run
    waiting: list[_Run] = field(default_factory=list)
    running: list[_Run] = field(default_factory=list)
    failed: bool = False

    @property
    def process(self) -> subprocess.Popen[str] | None:
        """The first Pagefind process of this run, None when every bundle was reused."""
        for run in self.running:
            return run.process
        return None

    def _start_next(self) -> None:
        while self.waiting and (len(self.running) < _parallel() or (
                len(self.running) < 2 * _parallel() and self.waiting[0].size <= SMALL_BUNDLE)):
            run = self.waiting.pop(0)
            command = [*_pagefind_command(), "--site", str(run.scratch / "site"), "--output-path",
                       str(run.scratch / INDEX_FOLDER), "--force-language", self.language, "--silent"]
            try:
                run.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                               text=True, stdin=subprocess.DEVNULL)
            except OSError as exc:
                log.warning("search index not built: %s", exc)
                self.failed = True
                shutil.rmtree(run.scratch, ignore_errors=True)
                continue
            _RUNNING.add(run.process)
            self.running.append(run)

    def wait(self) -> bool:
        """Finish the runs and place every bundle in the staged site; True when it holds a complete index."""
        try:
            while self.running:
                run = self._next_done()
                self.running.remove(run)
                assert run.process is not None
                try:
                    ok = self._finish(run)
                finally:
                    shutil.rmtree(run.scratch, ignore_errors=True)
                self.failed = self.failed or not ok
                self._start_next()
        finally:
            for run in self.waiting + self.running:
                shutil.rmtree(run.scratch, ignore_errors=True)
        if self.failed:
            shutil.rmtree(self.folder / INDEX_FOLDER, ignore_errors=True)
            return False
        return (self.folder / INDEX_FOLDER).is_dir()

    def _next_done(self) -> _Run:
        """The first run to end (any of them, not the first started: a small bundle's end starts the next one
        while a big one still runs)."""
        while True:
            for run in self.running:
                if run.process is None or run.process.poll() is not None:
                    return run
            time.sleep(0.005)

    def _finish(self, run: _Run) -> bool:
        """Wait for one run, keep its bundle in the cache and link it into staging."""
        assert run.process is not None
        try:
            out, _ = run.process.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            run.process.kill()
            run.process.communicate()
            log.warning("search index not built: Pagefind ran for more than 600 s")
            return False
        finally:
            _RUNNING.discard(run.process)
        built = run.scratch / INDEX_FOLDER
        if run.process.returncode != 0 or not built.is_dir():
            log.warning("search index not built: %s", (out or "").strip()[-500:])
            return False
        if run.name:  # a merged bundle is read by the main bundle's script: its own scripts and styles are not needed
            for path in built.iterdir():
                if path.is_file() and not (path.name == "pagefind-entry.json" or path.suffix == ".pf_meta"):
                    path.unlink()
        target = _bundle_folder(self.folder, run.name)
        if self.cache is not None:
            _keep(built, self.cache / _cache_name(run.name), run.digest)
        _link_tree(built, target)
        return True


def _parallel() -> int:
    """Pagefind runs at once: one per usable core (each is itself multi-threaded, but mostly reads files); as
    many again while the next bundle is small (SMALL_BUNDLE), since a small run waits on its files more than
    it computes."""
    return max(1, len(os.sched_getaffinity(0)))


SMALL_BUNDLE = 4 << 20  # bytes of pages: a bundle this small is indexed beside the others even when cores are busy


def _bundle_folder(site: Path, name: str) -> Path:
    """Where a bundle lives in the site: the main one in pagefind/, another in pagefind/<name>/."""
    return site / INDEX_FOLDER / name if name else site / INDEX_FOLDER


def _cache_name(name: str) -> str:
    return name or "main"


_RUNNING: set[subprocess.Popen[str]] = set()


def start_index(folder: Path, language: str = "fr", cache: Path | None = None) -> SearchIndex:
    """Start indexing the staged site, bundle by bundle, linking in each bundle whose pages did not change.

    `cache` (a folder under .cache/) keeps a copy of every bundle with the digest of what it was made from;
    a copy is linked into staging only when the digest matches, so the index always fits the pages.
    """
    index = SearchIndex(folder, cache, language)
    groups = bundles(folder)
    files = staged_files(folder)
    if cache is not None:
        _prune(cache, {_cache_name(name) for name in groups})
    for name, pages in groups.items():
        _plan(index, name, pages, files)
    if not index.waiting and not index.running:
        log.info("search index unchanged: %d bundles", len(index.reused))
    index.built.sort()
    index.waiting.sort(key=lambda run: (-run.size, run.name))  # the longest first: the last to start is short
    index._start_next()
    return index


def _plan(index: SearchIndex, name: str, pages: list[str], files: dict[str, Path]) -> None:
    """Link the bundle in from the cache when made of the same pages, else queue a Pagefind run for it."""
    folder, cache = index.folder, index.cache
    copied = len(pages) == 1 and _size(files[pages[0]]) >= _REPEATS_FROM  # read from a copy (_stage_for_index)
    digest = _digest(files, pages, index.language, REPEATS_VERSION if copied else "")
    if cache is not None and _reuse(cache / _cache_name(name), digest, _bundle_folder(folder, name), bool(name)):
        index.reused.append(name)
        return
    scratch = Path(tempfile.mkdtemp(prefix=SCRATCH[0], dir=folder))  # removed by wait(), else with staging
    size = 0
    for rel in pages:  # a kept blob is linked symbolically: a hard link would change its ctime
        size += _stage_for_index(files[rel], scratch / "site" / rel, symbolic=files[rel] != folder / rel,
                                 alone=len(pages) == 1)
    index.waiting.append(_Run(name, digest, scratch, size=size))
    index.built.append(name)


# A topic page repeats itself: its matrix quotes one sentence in many cells, and every cell says "La phrase",
# "Voir dans l'article", a date, a source. Pagefind's time grows with the words it reads, so the copy it reads
# leaves out the text of an element holding text only (no markup inside) when an element of the same name held
# the same text earlier in the same section (since the last heading with an id, where Pagefind's sub-results
# start). Every word of the page and of each of its sections is still there, so a query finds the same pages
# and sub-results: only how often a word counts changes (once per distinct text and section). Pagefind joins
# the text of most elements to the text around it ("x<span>y</span>z" is one word), so such an element counts
# (as the first one, or as a repeat left out) only between spaces or the tags it breaks words at.
REPEATS_VERSION = "\0repeats-3"  # names the rule in the digest of a bundle read from a copy: a change re-indexes it
# The tags Pagefind ends a word at (it reads "x<blockquote>y</blockquote>z", "x<th>y</th>z" as one word).
_BREAKS = frozenset(b"p div td li ul section article h1 h2 h3 h4 h5 h6".split())
_LEAF = re.compile(rb"<h[1-6]\b[^>]*\bid=|<(blockquote|summary|p|div|td|th|li|dt|dd|figcaption|caption|a|span|q|time|"
                   rb"abbr|cite|em|strong|b|i|small)\b([^>]*)>([^<]*)</\1>")
_TAG = re.compile(rb"</?([a-z0-9]+)")
_REPEATS_FROM = 64 << 10  # bytes: a smaller page is linked as it is (reading it costs more than it saves)


def _bounded(page: bytes, start: int, end: int) -> bool:
    """Whether the bytes before `start` and after `end` end and start a word for Pagefind: a space, the page's
    edge or the tag of an element Pagefind breaks words at (_BREAKS)."""
    if start > 0 and not page[start - 1:start].isspace():
        tag = _TAG.match(page, page.rfind(b"<", 0, start)) if page[start - 1:start] == b">" else None
        if tag is None or tag.group(1) not in _BREAKS:
            return False
    if end < len(page) and not page[end:end + 1].isspace():
        tag = _TAG.match(page, end)
        if tag is None or tag.group(1) not in _BREAKS:
            return False
    return True


def without_repeats(page: bytes) -> bytes:
    """The page with the text of each text-only element emptied when an element of the same name held the same
    text earlier in the same section (see above); every element kept."""
    seen: set[bytes] = set()
    parts: list[bytes] = []
    last = 0
    for found in _LEAF.finditer(page):
        name, attributes, text = found.groups()
        if name is None:  # a heading with an id: a new section
            seen = set()
            continue
        if not text or text.isspace() or b"data-pagefind" in attributes or not (
                name in _BREAKS or _bounded(page, found.start(), found.end())):
            continue  # only a text whose words stand alone is kept as the one that counts, or left out
        key = name + b">" + text
        if key not in seen:
            seen.add(key)
        else:
            parts.append(page[last:found.start(3)])
            last = found.end(3)
    if not parts:
        return page
    parts.append(page[last:])
    return b"".join(parts)


# An inline drawing (a figure's chart) without another inside it: Pagefind indexes no text of an <svg> element.
_DRAWING = re.compile(rb"(<svg\b[^>]*>)(?:(?!<svg\b).)*?</svg>", re.S)


def without_drawings(page: bytes) -> bytes:
    """The page with its inline drawings emptied (each <svg> element kept, with nothing inside): Pagefind reads
    no text inside one, so its index of the page is the same, and parsing a topic page's charts was a fifth of
    its time there."""
    return _DRAWING.sub(rb"\1</svg>", page)


def _stage_for_index(source: Path, target: Path, symbolic: bool, alone: bool = False) -> int:
    """Put a page where Pagefind reads it: linked (see _link), or, for a big page that is a bundle of its own
    (a topic), a copy without its drawings' insides and repeated quotes (see without_drawings, without_repeats).
    Returns the bytes Pagefind will read."""
    size = _size(source)
    if alone and size >= _REPEATS_FROM:
        page = source.read_bytes()
        reduced = without_repeats(without_drawings(page))
        if len(reduced) < len(page):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(reduced)
            return len(reduced)
    _link(source, target, symbolic=symbolic)
    return size


def index_search(folder: Path, language: str = "fr", cache: Path | None = None) -> bool:
    """Write the Pagefind search index into the staged site (pagefind[bin] from the package index)."""
    return start_index(folder, language, cache).wait()


def stop_indexing() -> None:
    """Kill a Pagefind run still going when the build is interrupted, so no child outlives it."""
    for process in list(_RUNNING):
        process.kill()
        process.wait()
        _RUNNING.discard(process)


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _prune(cache: Path, names: set[str]) -> None:
    """Drop kept bundles no current page belongs to (and the single index of earlier versions)."""
    if not cache.is_dir():
        return
    for path in cache.iterdir():
        if path.name in names:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _reuse(cache: Path, digest: str, target: Path, whole: bool = False) -> bool:
    """Link the cached bundle into staging when it was made from the same pages: with `whole` (a bundle merged
    into the main one, a folder of its own) one symbolic link to the cached folder, which publish reads
    through (its files are replaced in the cache only by rename, never edited), else file by file (hard links,
    copies where links fail)."""
    stamp = cache / "digest"
    index = cache / INDEX_FOLDER
    try:
        if not index.is_dir() or stamp.read_text(encoding="ascii").strip() != digest:
            return False
    except (OSError, UnicodeDecodeError):
        return False
    if whole and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.symlink(index.resolve(), target, target_is_directory=True)
            return True
        except OSError:
            pass
    _link_tree(index, target)
    return True


def _keep(built: Path, cache: Path, digest: str) -> None:
    """Remember a new bundle for the next build: a fresh copy, then the digest written last."""
    if not built.is_dir():
        return
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "digest").unlink(missing_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".index-", dir=cache))
    try:
        _link_tree(built, fresh / INDEX_FOLDER)
        shutil.rmtree(cache / INDEX_FOLDER, ignore_errors=True)
        os.replace(fresh / INDEX_FOLDER, cache / INDEX_FOLDER)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    tmp = cache / "digest.tmp"
    tmp.write_text(digest + "\n", encoding="ascii")
    os.replace(tmp, cache / "digest")


def _link(source: Path, target: Path, symbolic: bool = False) -> None:
    """One file hard-linked at `target` (copied across file systems); a symbolic link, or any file with
    `symbolic`, is linked symbolically to the same file (a reused page: its blob's link count, hence its
    ctime, stays as it was)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if symbolic or source.is_symlink():
        with contextlib.suppress(OSError):
            os.symlink(os.path.realpath(source), target)
            return
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link every file of `source` under `target` (a copy across file systems). Files are never edited
    in place afterwards — publish replaces them by rename — so sharing inodes is safe."""
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_symlink():
            continue
        if path.is_dir():
            (target / rel).mkdir(parents=True, exist_ok=True)
            continue
        _link(path, target / rel)
