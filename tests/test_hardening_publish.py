"""Publishing survives being stopped at any point: every file old or new, every internal link resolves."""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from render import publish


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if k in ("href", "src") and v and ":" not in v and not v.startswith("#")]


def broken_links(site: Path) -> list[str]:
    """Relative links of every page of `site` whose target file is missing."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Hrefs()
        parser.feed(page.read_text(encoding="utf-8"))
        here = page.parent.relative_to(site).as_posix()
        for href in parser.hrefs:
            path = href.split("#")[0].split("?")[0]
            if not path:
                continue
            target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(here, path))
            if path.endswith("/") or target == ".":
                target = posixpath.join(target, "index.html")
            if not (site / target).is_file():
                broken.append(f"{page.relative_to(site)} → {href}")
    return broken


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


OLD = {
    "index.html": '<a href="a/index.html">a</a> <a href="b/index.html">b</a>',
    "a/index.html": '<a href="../b/index.html">b</a>',
    "b/index.html": '<a href="../index.html">home</a>',
    "z/index.html": '<a href="../b/index.html">b</a>',
}
NEW = {
    "index.html": '<a href="a/index.html">a</a> <a href="c/index.html">c</a> <a href="d/x/index.html">d</a>',
    "a/index.html": '<a href="../c/index.html">c</a>',  # changed: now links to a new page
    "c/index.html": '<a href="../index.html">home</a>',
    "d/x/index.html": '<a href="../../c/index.html">c</a>',
    "z/index.html": '<a href="../c/index.html">c</a>',
}


class Stop(Exception):
    """Stands for the process dying after N file operations."""


@pytest.mark.parametrize("survive", range(9))
def test_publish_stopped_after_any_file_keeps_links_and_whole_files(tmp_path, monkeypatch, survive):
    site = _site(tmp_path / "site", OLD)
    staged = _site(tmp_path / "staged", NEW)
    done = []
    real_replace, real_unlink = publish.os.replace, Path.unlink

    def count() -> None:
        if len(done) >= survive:
            raise Stop
        done.append(1)

    def replace(src, dst):
        count()
        real_replace(src, dst)

    def unlink(self, missing_ok=False):
        if self.name.startswith(".tmp-"):  # cleaning up after the stop is not an operation
            return real_unlink(self, missing_ok=missing_ok)
        count()
        return real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(publish.os, "replace", replace)
    monkeypatch.setattr(Path, "unlink", unlink)
    with contextlib.suppress(Stop):
        publish.publish(staged, site)
    monkeypatch.undo()
    assert broken_links(site) == []
    for page in site.rglob("*"):
        if page.is_file():
            rel = page.relative_to(site).as_posix()
            assert page.read_text(encoding="utf-8") in (OLD.get(rel), NEW.get(rel)), rel
            assert not page.name.startswith(".tmp-")


def test_publish_replaces_a_file_by_a_folder_and_back(tmp_path):
    site = _site(tmp_path / "site", {"x": "file", "y/index.html": "folder"})
    staged = _site(tmp_path / "staged", {"x/index.html": "folder now", "y": "file now"})
    publish.publish(staged, site)
    assert (site / "x" / "index.html").read_text() == "folder now" and (site / "y").read_text() == "file now"


def test_a_killed_builds_staging_folder_is_removed_by_the_next_one(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    dead = tmp_path / f"{publish.STAGING_PREFIX}{gone.stdout.strip()}-abc"
    (dead / "topics").mkdir(parents=True)
    running = tmp_path / f"{publish.STAGING_PREFIX}{os.getpid()}-def"  # this very process
    running.mkdir()
    with publish.staging(tmp_path) as folder:
        assert folder.name.startswith(f"{publish.STAGING_PREFIX}{os.getpid()}-")
        assert not dead.exists() and running.exists()
    assert not folder.exists()


STAGE_AND_WAIT = """
import sys, time
from pathlib import Path
from render import publish
with publish.staging(Path(sys.argv[1])) as folder:
    (folder / "page.html").write_text("half")
    print(folder, flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_sigint_and_sigterm_remove_the_staging_folder_and_exit_cleanly(root, tmp_path, signum):
    process = subprocess.Popen([sys.executable, "-c", STAGE_AND_WAIT, str(tmp_path)], cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    folder = Path(process.stdout.readline().strip())
    assert folder.is_dir()
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signum
    assert "Traceback" not in err
    assert not folder.exists()


def test_publish_twice_writes_nothing_the_second_time(tmp_path):
    site = _site(tmp_path / "site", OLD)
    staged = _site(tmp_path / "staged", NEW)
    assert publish.publish(staged, site) == (5, 1)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*")}
    time.sleep(0.01)
    assert publish.publish(staged, site) == (0, 0)
    assert before == {p: p.stat().st_mtime_ns for p in site.rglob("*")}
    shutil.rmtree(staged)
