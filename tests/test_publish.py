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
