"""Render into a staging folder, then publish: replace only changed files, each atomically; remove stale ones."""

from __future__ import annotations

import contextlib
import filecmp
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

STAGING_PREFIX = ".site-staging-"


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
    folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=root))
    try:
        with _signals_end_cleanly():
            yield folder
    except KeyboardInterrupt:
        log.error("interrupted: site/ and data/ hold complete files (old or new); run the build again")
        raise Interrupted(128 + signal.SIGINT) from None
    except Interrupted:
        log.error("interrupted: site/ and data/ hold complete files (old or new); run the build again")
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _files(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def _copy_into(source: Path, target: Path, site: Path, scratch: Path) -> None:
    """Copy beside the staging folder, then one rename: site/ holds the old file or the new one, never a part."""
    for parent in reversed(target.relative_to(site).parents):  # a stale file where a folder now goes
        if (site / parent).is_file() or (site / parent).is_symlink():
            (site / parent).unlink()
    if target.is_dir() and not target.is_symlink():  # a stale folder where a file now goes
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=scratch, prefix=".publish-")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def publish(staged: Path, site: Path) -> tuple[int, int]:
    """Make `site` equal to `staged`, touching only what differs; returns (files written, files removed).

    Order keeps every link working if the process dies at any point: files that did not exist first (no old
    page links to them), then changed files (whatever they link to is there by now), stale files last.
    """
    site.mkdir(exist_ok=True)
    new, old = _files(staged), _files(site)
    added = sorted(new - old)
    changed = sorted(rel for rel in new & old if not filecmp.cmp(staged / rel, site / rel, shallow=False))
    with tempfile.TemporaryDirectory(prefix=".publish-", dir=staged) as scratch:  # same file system as site/
        for rel in added + changed:
            _copy_into(staged / rel, site / rel, site, Path(scratch))
    removed = 0
    for rel in sorted(old - new):
        stale = site / rel
        if stale.is_file() or stale.is_symlink():  # else a new folder or file has taken its place already
            stale.unlink()
        removed += 1
    for folder in sorted((p for p in site.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return len(added) + len(changed), removed


def index_search(folder: Path, language: str = "fr") -> None:
    """Write the Pagefind search index into the staged site (pagefind[bin] from the package index)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--force-language", language, "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("search index not built: %s", exc)
        return
    if result.returncode != 0:
        log.warning("search index not built: %s", (result.stderr or result.stdout).strip()[-500:])
