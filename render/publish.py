"""Render into a staging folder, then publish: replace only changed files, each atomically; remove stale ones."""

from __future__ import annotations

import contextlib
import filecmp
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)


@contextlib.contextmanager
def staging(root: Path) -> Iterator[Path]:
    """A fresh folder beside site/ (same file system, so renames are atomic), removed whatever happens."""
    folder = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=root))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _files(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def publish(staged: Path, site: Path) -> tuple[int, int]:
    """Make `site` equal to `staged`, touching only what differs; returns (files written, files removed)."""
    site.mkdir(exist_ok=True)
    new, old = _files(staged), _files(site)
    written = 0
    for rel in sorted(new):
        source, target = staged / rel, site / rel
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        os.close(fd)
        try:
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written += 1
    removed = 0
    for rel in sorted(old - new):
        (site / rel).unlink()
        removed += 1
    for folder in sorted((p for p in site.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return written, removed


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
