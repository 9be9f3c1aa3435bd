"""The no-change check hashes only input files whose stat changed, and never misses a change."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from extract import buildstate, filestat


def _project(folder: Path) -> Path:
    (folder / "content" / "articles").mkdir(parents=True)
    (folder / "content" / "articles" / "a.md").write_text("La médiathèque ferme deux semaines en août.\n")
    (folder / "content" / "articles" / "b.md").write_text("Le marché de Noël ouvre vendredi soir.\n")
    (folder / "config.yaml").write_text("site:\n  title: Essai\n")
    return folder


def _plain(root: Path, options: dict) -> str:
    """The definition: every input file read and hashed."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    for rel, path in buildstate._files(root, buildstate.INPUTS) + buildstate._files(root, buildstate.INPUT_FILES):
        digest.update(rel.encode() + b"\0" + hashlib.sha256(Path(path).read_bytes()).digest())
    return digest.hexdigest()


def test_files_hashed_once_are_not_read_again_and_the_digest_is_the_plain_one(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.setattr(filestat, "RACY_NS", 0)
    first = buildstate.inputs_digest(root, {"x": 1})
    assert first == _plain(root, {"x": 1})
    with monkeypatch.context() as patch:
        patch.setattr(buildstate.hashlib, "file_digest", lambda *a, **k: pytest.fail("read an unchanged file"))
        assert buildstate.inputs_digest(root, {"x": 1}) == first


def test_a_same_size_edit_with_its_mtime_put_back_is_still_seen(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.setattr(filestat, "RACY_NS", 0)
    first = buildstate.inputs_digest(root, {})
    path = root / "content" / "articles" / "a.md"
    before = path.stat()
    with path.open("r+b") as handle:
        handle.write(b"Le")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert buildstate.inputs_digest(root, {}) == _plain(root, {}) != first


def test_a_file_changed_just_before_it_was_hashed_is_hashed_again(tmp_path: Path) -> None:
    root = _project(tmp_path)  # files written a moment ago: within RACY_NS of their change
    buildstate.inputs_digest(root, {})
    kept = json.loads((root / ".cache" / buildstate.STATS).read_text(encoding="utf-8")) \
        if (root / ".cache" / buildstate.STATS).exists() else {}
    assert "content/articles/a.md" not in kept


def test_an_input_saved_while_the_build_ran_is_a_change_for_the_next_build(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "site").mkdir()
    summary = type("Summary", (), {"articles": 2, "claims": {}, "topics": 0, "pages": 0, "warnings": []})()
    buildstate.save(root, {}, summary)
    seen: dict[str, str] = {}
    assert buildstate.unchanged(root, {}, seen) is not None and seen["inputs"]
    (root / "content" / "articles" / "b.md").write_text("Le marché de Noël ouvre samedi soir.\n")  # mid-build
    buildstate.save(root, {}, summary, seen["inputs"])  # the build recorded what it started from
    assert buildstate.unchanged(root, {}) is None
    buildstate.save(root, {}, summary)
    assert buildstate.unchanged(root, {}) is not None
