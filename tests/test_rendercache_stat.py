"""Kept pages are read again only when their blob may have changed: any write shows in its stat (ctime
included), a stat taken in the same clock tick as a change is not trusted, and reuse leaves blobs untouched."""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path

import pytest

from extract import filestat
from render import publish, rendercache


def _kept(folder: Path, text: bytes) -> tuple[rendercache.RenderCache, str]:
    cache = rendercache.RenderCache(folder)
    return cache, cache.store(text)


def _no_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rendercache.hashlib, "file_digest",
                        lambda *a, **k: pytest.fail("read a blob whose stat was checked already"))


def test_a_checked_blob_is_not_read_again_until_its_stat_changes(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filestat, "RACY_NS", 0)
    cache, name = _kept(tmp_path / "cache", b"<p>Le conseil municipal vote le budget.</p>")
    assert cache.kept(name) == cache.blob(name)
    cache.save("code", {"index.html": rendercache.Entry("k", name, ())})
    again = rendercache.RenderCache(tmp_path / "cache")
    assert again.load("code")
    with monkeypatch.context() as patch:
        _no_hashing(patch)
        assert again.kept(name) == cache.blob(name)
    # Altered in place, same size, its modification time put back: the ctime still tells.
    blob = cache.blob(name)
    before = blob.stat()
    with blob.open("r+b") as handle:
        handle.write(b"<b>")
    os.utime(blob, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert blob.stat().st_size == before.st_size and blob.stat().st_mtime_ns == before.st_mtime_ns
    assert again.kept(name) is None


def test_a_blob_looked_at_in_the_tick_it_changed_is_read_again_next_time(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    cache, name = _kept(tmp_path / "cache", b"<p>La piscine rouvre lundi.</p>")  # just written: racy
    assert cache.kept(name)
    assert name not in cache.checked
    cache.save("code", {"index.html": rendercache.Entry("k", name, ())})
    again = rendercache.RenderCache(tmp_path / "cache")
    again.load("code")
    read = []
    real = hashlib.file_digest
    monkeypatch.setattr(rendercache.hashlib, "file_digest", lambda *a, **k: read.append(1) or real(*a, **k))
    assert again.kept(name)
    assert read == [1]


def test_a_reused_page_is_not_staged_and_is_published_as_the_blob_itself(tmp_path: Path) -> None:
    cache, name = _kept(tmp_path / "cache", b"<p>Travaux sur la rocade jusqu'en mars.</p>")
    links = cache.blob(name).stat().st_nlink
    staged = tmp_path / "staging"
    staged.mkdir()
    blob = cache.kept(name)
    assert blob is not None
    publish.write_kept(staged, {"travaux/index.html": blob})
    assert not (staged / "travaux").exists()  # no file made for it in staging
    assert cache.blob(name).stat().st_nlink == links  # reuse leaves the blob's inode as it was
    assert publish.staged_files(staged) == {"travaux/index.html": blob.absolute()}
    site = tmp_path / "site"
    assert publish.publish(staged, site) == (1, 0)
    page = site / "travaux" / "index.html"
    assert not page.is_symlink() and os.path.samefile(page, cache.blob(name))
    assert not (site / publish.KEPT).exists()  # the list itself is no page
    assert publish.publish(staged, site) == (0, 0)  # the same file: nothing read, nothing written


def test_the_search_digest_is_the_same_for_a_reused_and_a_rendered_page(tmp_path: Path) -> None:
    cache, name = _kept(tmp_path / "cache", b"<main><p>Les horaires du tram changent.</p></main>")
    blob = cache.kept(name)
    assert blob is not None
    (tmp_path / "two" / "a").mkdir(parents=True)
    rendered = tmp_path / "two" / "a" / "index.html"
    rendered.write_bytes(blob.read_bytes())
    assert publish._digest({"a/index.html": blob}, ["a/index.html"], "fr") == \
        publish._digest({"a/index.html": rendered}, ["a/index.html"], "fr")
    rendered.write_bytes(b"<main><p>Autre page.</p></main>")
    assert publish._digest({"a/index.html": blob}, ["a/index.html"], "fr") != \
        publish._digest({"a/index.html": rendered}, ["a/index.html"], "fr")


def test_search_pages_count_those_kept_in_the_render_cache(tmp_path: Path) -> None:
    cache, name = _kept(tmp_path / "cache", "<main><p>Le pont sera fermé.</p></main>".encode())
    staged = tmp_path / "staging"
    (staged / "articles" / "b").mkdir(parents=True)
    (staged / "articles" / "b" / "index.html").write_text("<main><p>Rendu.</p></main>")
    (staged / "404.html").write_text("<p>Introuvable</p>")
    blob = cache.kept(name)
    assert blob is not None
    publish.write_kept(staged, {"articles/a/index.html": blob, "index.html": blob, "sources/x/index.html": blob})
    assert publish.searched_pages(staged) == ["articles/a/index.html", "articles/b/index.html", "index.html"]


def test_publish_removes_folders_left_empty_and_those_found_empty(tmp_path: Path) -> None:
    site, staged = tmp_path / "site", tmp_path / "staged"
    for rel in ("a/b/c/index.html", "a/other.html", "d/index.html"):
        (staged / rel).parent.mkdir(parents=True, exist_ok=True)
        (staged / rel).write_text(rel)
    publish.publish(staged, site)
    (site / "stray" / "deeper").mkdir(parents=True)
    (staged / "a" / "b" / "c" / "index.html").unlink()
    (staged / "a" / "other.html").unlink()
    publish.publish(staged, site)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == ["d", "d/index.html"]


def _staged_index(folder: Path, kept: Path) -> None:
    """A staged search-index file linked from a kept bundle, as a reused bundle is staged."""
    (folder / "pagefind").mkdir(parents=True)
    os.link(kept, folder / "pagefind" / "fragment.pf")


def test_published_copies_found_equal_are_not_read_again_until_either_side_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filestat, "RACY_NS", 0)
    kept = tmp_path / "search-cache" / "fragment.pf"
    kept.parent.mkdir()
    kept.write_bytes(b"index des pages: la rocade, le tram, la piscine")
    site, record = tmp_path / "site", tmp_path / ".cache" / "published.json"
    for number in range(2):  # the first publish copies, the second reads both and keeps the pair
        _staged_index(tmp_path / f"s{number}", kept)
        publish.publish(tmp_path / f"s{number}", site, record)
    assert not os.path.samefile(site / "pagefind" / "fragment.pf", kept)  # the search index is copied
    _staged_index(tmp_path / "s2", kept)
    with monkeypatch.context() as patch:
        patch.setattr(publish.filecmp, "cmp", lambda *a, **k: pytest.fail("read a pair found equal before"))
        assert publish.publish(tmp_path / "s2", site, record) == (0, 0)
    # The published copy altered in place, same size, mtime put back: read, found different, replaced.
    published = site / "pagefind" / "fragment.pf"
    before = published.stat()
    with published.open("r+b") as handle:
        handle.write(b"INDEX")
    os.utime(published, ns=(before.st_atime_ns, before.st_mtime_ns))
    _staged_index(tmp_path / "s3", kept)
    assert publish.publish(tmp_path / "s3", site, record) == (1, 0)
    assert published.read_bytes() == kept.read_bytes()
    # A new bundle (another file, same size and bytes) is read and found equal.
    fresh = tmp_path / "search-cache" / "fresh.pf"
    fresh.write_bytes(kept.read_bytes())
    _staged_index(tmp_path / "s4", fresh)
    read = []
    real = publish.filecmp.cmp
    monkeypatch.setattr(publish.filecmp, "cmp", lambda *a, **k: read.append(1) or real(*a, **k))
    assert publish.publish(tmp_path / "s4", site, record) == (0, 0)
    assert read == [1]


def test_manifest_keeps_each_pages_lookups_across_saves_and_drops_stale_ones(tmp_path):
    from render.rendercache import MANIFEST, Entry, RenderCache

    def lookups(n: int, tag: str) -> tuple[tuple[str, str, str], ...]:
        return tuple(("article", f"{tag}-{i}", f"d{i}") for i in range(n))

    first = {f"p{i}/index.html": Entry(f"k{i}", f"b{i}", lookups(i % 4, f"a{i}")) for i in range(12)}
    RenderCache(tmp_path).save("code", first)
    cache = RenderCache(tmp_path)
    loaded = cache.load("code")
    assert loaded == first
    # One page rendered again with other look-ups, one gone, one new; the others reused as loaded.
    second = dict(loaded)
    second["p3/index.html"] = Entry("k3b", "b3b", lookups(2, "z") + loaded["p1/index.html"].lookups)
    del second["p5/index.html"]
    second["new/index.html"] = Entry("kn", "bn", (("source", "x", "d"),))
    cache.save("code", second)
    assert RenderCache(tmp_path).load("code") == second
    # Most look-ups no page makes any more: the table is written afresh, each page's look-ups unchanged.
    third = {"only/index.html": Entry("ko", "bo", lookups(1, "o"))}
    cache = RenderCache(tmp_path)
    cache.load("code")
    cache.save("code", third)
    table = marshal.loads((tmp_path / MANIFEST).read_bytes())[2]
    assert table == [("article", "o-0", "d0")]
    assert RenderCache(tmp_path).load("code") == third


def test_files_earlier_versions_kept_are_removed(tmp_path):
    from render.rendercache import RETIRED, RenderCache

    for name in RETIRED:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    RenderCache(tmp_path).save("code", {})
    assert not any((tmp_path / name).exists() for name in RETIRED)
