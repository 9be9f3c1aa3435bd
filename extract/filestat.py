"""A file's stat as proof that it is the file hashed before, and when such a look can be trusted.

Writing a file sets its mtime and its ctime, and ctime cannot be set back (restoring mtime sets it too); a
replaced file is another inode. A look taken less than RACY_NS after the file changed may miss a second
change made within the same clock tick, so it is not kept."""

from __future__ import annotations

import os

RACY_NS = 2_000_000_000


def mark(stat: os.stat_result) -> list[int]:
    """What any change to a file's bytes changes: size, mtime, inode, ctime (nanoseconds)."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]


def settled(now_ns: int, *stamps_ns: int) -> bool:
    """Whether every time stamp is older than RACY_NS at `now_ns` (taken before the stat): only then is a
    look at the file kept for the next build."""
    return all(stamp < now_ns - RACY_NS for stamp in stamps_ns)


def kept_hash(record: object, stat_mark: list[int]) -> str | None:
    """The hash a kept [size, mtime, inode, ctime, hash] record holds, when the file's mark is still its."""
    if isinstance(record, list) and len(record) == 5 and record[:4] == stat_mark and isinstance(record[4], str):
        return record[4]
    return None
