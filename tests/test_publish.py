"""Publishing replaces only changed files, removes stale ones, and never leaves a half-written site."""

from __future__ import annotations

from render.publish import publish, staging


def test_publish_writes_only_changes(tmp_path):
    site = tmp_path / "site"
    staged = tmp_path / "stage"
    (staged / "a").mkdir(parents=True)
    (staged / "index.html").write_text("home")
    (staged / "a" / "index.html").write_text("a")
    assert publish(staged, site) == (2, 0)
    assert publish(staged, site) == (0, 0)
    (staged / "a" / "index.html").unlink()
    (staged / "a").rmdir()
    (staged / "index.html").write_text("home 2")
    assert publish(staged, site) == (1, 1)
    assert sorted(p.name for p in site.rglob("*")) == ["index.html"]


def test_staging_is_removed_even_on_failure(tmp_path):
    try:
        with staging(tmp_path) as folder:
            (folder / "x").write_text("half")
            raise RuntimeError("render failed")
    except RuntimeError:
        pass
    assert not any(p.name.startswith(".site-staging") for p in tmp_path.iterdir())


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_are_compared_while_the_search_index_is_finished_then_published_with_it(tmp_path):
    site, staged = tmp_path / "site", tmp_path / "stage"
    (staged / "pagefind").mkdir(parents=True)
    (staged / "index.html").write_text("accueil")
    (staged / "pagefind" / "old.pf_index").write_text("ancien index")
    publish(staged, site)
    (staged / "articles" / "port").mkdir(parents=True)
    (staged / "articles" / "port" / "index.html").write_text("le port de Brest")
    (staged / "index.html").write_text("accueil, mis à jour")
    (staged / ".index-run" / "site").mkdir(parents=True)  # Pagefind's work folder, removed when it is done
    (staged / ".index-run" / "site" / "index.html").write_text("accueil, mis à jour")
    seen = {}

    def finish_index():  # Pagefind writing its files while the pages are published
        seen["new page"] = (site / "articles" / "port" / "index.html").is_file()
        seen["home"] = (site / "index.html").read_text()
        seen["work folder"] = (site / ".index-run").exists()
        (staged / ".index-run" / "site" / "index.html").unlink()
        (staged / ".index-run" / "site").rmdir()
        (staged / ".index-run").rmdir()
        (staged / "pagefind" / "old.pf_index").unlink()
        (staged / "pagefind" / "new.pf_index").write_text("nouvel index")

    assert publish(staged, site, index=finish_index) == (3, 1)
    assert seen == {"new page": False, "home": "accueil", "work folder": False}  # nothing written before the index
    assert _tree(site) == _tree(staged)


def test_a_failed_search_index_is_not_published_and_its_old_files_go(tmp_path):
    site, staged = tmp_path / "site", tmp_path / "stage"
    (staged / "pagefind").mkdir(parents=True)
    (staged / "index.html").write_text("accueil")
    (staged / "pagefind" / "old.pf_index").write_text("ancien index")
    publish(staged, site)

    def fail():  # as SearchIndex.wait does when Pagefind fails: no index in staging
        (staged / "pagefind" / "old.pf_index").unlink()
        (staged / "pagefind").rmdir()

    assert publish(staged, site, index=fail) == (0, 1)
    assert _tree(site) == {"index.html": "accueil"}


def test_a_pair_is_the_same_file_by_its_inode_through_links_else_by_its_bytes(tmp_path, monkeypatch):
    import filecmp
    import os
    from pathlib import Path

    from render import publish as module

    staged, site = tmp_path / "staged", tmp_path / "site"
    staged.mkdir()
    site.mkdir()
    (staged / "a.html").write_text("un")
    os.link(staged / "a.html", site / "hard.html")
    os.symlink(staged / "a.html", site / "soft.html")
    (site / "copy.html").write_text("un")
    (site / "other.html").write_text("deux")
    reads = []
    monkeypatch.setattr(filecmp, "cmp",
                        lambda a, b, shallow: reads.append(b) or Path(a).read_bytes() == Path(b).read_bytes())
    pairs = module._Compared(None)
    assert pairs.same(staged / "a.html", site / "hard.html", "hard.html")
    assert pairs.same(staged / "a.html", str(site / "soft.html"), "soft.html") and not reads  # one inode: not read
    assert pairs.same(staged / "a.html", site / "copy.html", "copy.html") and len(reads) == 1
    assert not pairs.same(staged / "a.html", site / "other.html", "other.html")
    assert not pairs.same(staged / "a.html", site / "gone.html", "gone.html")
