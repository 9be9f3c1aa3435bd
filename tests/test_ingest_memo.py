"""Articles kept in .cache/articles.bin: a file whose stat is unchanged is not read again, any edit is seen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extract import filestat, ingest


def _project(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    (folder / "2024-03-02-piscine.md").write_text(
        "---\ntitle: La piscine rouvre\nsource: unknown\npublished: 2024-03-02\n---\n"
        "La piscine municipale rouvre lundi après six mois de travaux.\n", encoding="utf-8")
    (folder / "2024-03-04-tram.md").write_text(
        "---\ntitle: Le tram\nsource: unknown\npublished: 2024-03-04\n---\n"
        "La ligne B du tram sera coupée deux week-ends.\n", encoding="utf-8")
    return tmp_path / "content", tmp_path / ".cache" / "articles.bin"


def test_kept_articles_equal_read_ones_and_unchanged_files_are_not_read(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filestat, "RACY_NS", 0)
    content, memo = _project(tmp_path)
    plain = ingest.read_articles(content, tmp_path)
    assert ingest.read_articles(content, tmp_path, memo=memo) == plain
    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self.name} again"))
        assert ingest.read_articles(content, tmp_path, memo=memo) == plain


def test_a_same_size_edit_with_its_mtime_put_back_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filestat, "RACY_NS", 0)
    content, memo = _project(tmp_path)
    ingest.read_articles(content, tmp_path, memo=memo)
    path = content / "articles" / "2024-03-04-tram.md"
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"ligne B", b"ligne C"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    found = {a.title: a for a in ingest.read_articles(content, tmp_path, memo=memo)}
    assert "ligne C" in found["Le tram"].text
    assert found == {a.title: a for a in ingest.read_articles(content, tmp_path)}


def test_a_file_changed_in_the_tick_it_was_read_is_read_again(tmp_path: Path) -> None:
    content, memo = _project(tmp_path)  # written a moment ago: within RACY_NS
    ingest.read_articles(content, tmp_path, memo=memo)
    kept = ingest._Memo.load(memo)
    assert len(kept.kept) == 2 and kept.stats == {}


def test_an_altered_memo_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filestat, "RACY_NS", 0)
    content, memo = _project(tmp_path)
    plain = ingest.read_articles(content, tmp_path)
    ingest.read_articles(content, tmp_path, memo=memo)
    assert len(ingest._Memo.load(memo).kept) == 2
    raw = bytearray(memo.read_bytes())
    raw[raw.index(b"La piscine")] ^= 0x20  # one letter of an article's text, as a bad disk would
    memo.write_bytes(bytes(raw))
    assert ingest._Memo.load(memo).kept == {}
    assert ingest.read_articles(content, tmp_path, memo=memo) == plain
