"""The build's own cache files read back only when whole, and written so a reader never sees a part."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import memofile


def test_a_kept_value_reads_back_and_a_damaged_file_reads_as_nothing(tmp_path: Path) -> None:
    path = tmp_path / ".cache" / "memo.bin"
    value = (2, "code", {"article-1": (("c1", 1500, None), ("c2", "le 3 novembre", True))})
    memofile.write(path, value, ".tmp-test-")
    assert memofile.read(path) == value
    raw = path.read_bytes()
    path.write_bytes(raw[:-3])  # truncated
    assert memofile.read(path) is None
    path.write_bytes(raw.replace(b"1500", b"1600") if b"1500" in raw else raw[:-1] + b"\x00")  # altered
    assert memofile.read(path) is None
    path.write_bytes(b"not a cache file at all")
    assert memofile.read(path) is None
    assert memofile.read(tmp_path / "missing.bin") is None
    assert sorted(p.name for p in path.parent.iterdir()) == ["memo.bin"]  # no temporary file left


def test_a_value_marshal_cannot_write_leaves_the_kept_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "memo.bin"
    memofile.write(path, {"kept": 1}, ".tmp-test-")
    with pytest.raises(ValueError):
        memofile.write(path, {"kept": object()}, ".tmp-test-")
    assert memofile.read(path) == {"kept": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.bin"]


def test_a_table_is_read_back_only_under_the_header_it_was_written_with(tmp_path):
    path = tmp_path / "table.bin"
    memofile.write(path, (3, "code-a", {"k": (1, 2)}), ".tmp-")
    assert memofile.read_table(path, 3, "code-a") == {"k": (1, 2)}
    assert memofile.read_table(path, 4, "code-a") == {} and memofile.read_table(path, 3, "code-b") == {}
    assert memofile.read_table(path, 3) == {} and memofile.read_table(tmp_path / "missing.bin", 3, "code-a") == {}
    memofile.write(path, (3, "code-a", ["not", "a", "table"]), ".tmp-")
    assert memofile.read_table(path, 3, "code-a") == {}


def test_a_file_read_ahead_is_taken_once_and_only_while_unchanged(tmp_path: Path) -> None:
    """The build reads its memos while a worker loads the model (preread); a reader takes that value once, and
    only if the file is still the one read (a file written since is read again)."""
    path = tmp_path / "memo.bin"
    memofile.write(path, {"a": 1}, ".tmp-test-")
    memofile.preread(path, tmp_path / "missing.bin")  # a missing file is left to the reader
    first = memofile.read(path)
    assert first == {"a": 1}
    first["a"] = 2  # a reader may change what it read: the next reader reads the file again
    assert memofile.read(path) == {"a": 1}
    memofile.preread(path)
    memofile.write(path, {"a": 3}, ".tmp-test-")
    assert memofile.read(path) == {"a": 3}
    assert memofile.read(tmp_path / "missing.bin") is None
