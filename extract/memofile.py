"""The build's own cache files (.cache/*.bin): a marshal payload after a checksum line, written atomically.

A missing, altered, truncated or foreign file reads as nothing, so a damaged cache only costs speed. marshal
writes builtin values only and is several times faster than JSON to read and write; these files are the
build's own, never shared."""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any


def _checksum(payload: bytes) -> str:
    """SHA-256, which the processor computes (twice as fast as BLAKE2 here, and these files are megabytes)."""
    return hashlib.sha256(payload).hexdigest()


def read(path: Path) -> object | None:
    """The value kept in `path`, or None when the file is missing or not whole."""
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
