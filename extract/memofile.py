"""The build's own cache files (.cache/*.bin): a marshal payload after a checksum line, written atomically.

A missing, altered, truncated or foreign file reads as nothing, so a damaged cache only costs speed. marshal
writes builtin values only and is several times faster than JSON to read and write; these files are the
build's own, never shared."""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


class ReadAhead:
    """Files read ahead (`preread`) while the build waits for something else, e.g. another process loading the
    model, each kept with the stat it was read at: `read` takes a value once, while its file is still that one
    (the build's cache files are replaced whole, never changed in place: another inode), else reads it now."""

    def __init__(self, reader: Callable[[Path], Any]) -> None:
        self._reader = reader
        self._kept: dict[Path, tuple[tuple[int, int, int], Any]] = {}

    @staticmethod
    def _look(path: Path) -> tuple[int, int, int]:
        found = os.stat(path)
        return found.st_size, found.st_mtime_ns, found.st_ino

    def preread(self, *paths: Path) -> None:
        """Read these files now; one missing, unreadable or read as None is left to `read`."""
        for path in map(Path, paths):
            try:
                before = self._look(path)
                value = self._reader(path)
                if value is not None and self._look(path) == before:
                    self._kept[path] = (before, value)
            except (OSError, ValueError, EOFError, TypeError):
                continue

    def read(self, path: Path) -> Any:
        """The value read ahead when the file is unchanged since (once), else what the reader reads now (and
        raises)."""
        found = self._kept.pop(Path(path), None)
        if found is not None:
            try:
                if self._look(path) == found[0]:
                    return found[1]
            except OSError:
                pass
        return self._reader(path)

    def __contains__(self, path: object) -> bool:
        return path in self._kept


def _checksum(payload: bytes) -> str:
    """SHA-256, which the processor computes (twice as fast as BLAKE2 here, and these files are megabytes)."""
    return hashlib.sha256(payload).hexdigest()


def read(path: Path) -> object | None:
    """The value kept in `path`, or None when the file is missing or not whole (the value preread() took, when
    the file has not changed since)."""
    return _AHEAD.read(path)


def _read(path: Path) -> object | None:
    """The file's value read now, None when it is missing or not whole."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read()
        check, _, payload = raw.partition(b"\n")
        if check.decode("ascii") != _checksum(payload):
            return None
        return marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError):
        return None


def read_table(path: Path, *header: object) -> dict[Any, Any]:
    """The table kept in `path` as (*header, table) by the same version of its writer, else {}: a missing,
    altered or older file is only work to do again."""
    value = read(path)
    if type(value) is tuple and len(value) == len(header) + 1 and value[:-1] == header and \
            isinstance(value[-1], dict):
        return value[-1]
    return {}


_AHEAD = ReadAhead(_read)


def preread(*paths: Path) -> None:
    """Read these files now (while another process loads the model for an edit), for read() to take once
    later; a missing or damaged file is left to read()."""
    _AHEAD.preread(*paths)


def write(path: Path, value: object, prefix: str) -> None:
    """Keep `value` in `path`: a reader sees the old file or the new one, never a part. ValueError (nothing
    written) when marshal cannot write the value; OSError when the file cannot be written."""
    payload = marshal.dumps(value, 4)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(_checksum(payload).encode("ascii") + b"\n" + payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
