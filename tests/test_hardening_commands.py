"""No command loses an editor's work, and a build stopped at any moment leaves the previous site whole."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.test_build import checkout, run_build
from tests.test_hardening_publish import broken_links


def digests(folder: Path) -> dict[str, str]:
    """Every file under `folder` (links not followed) with its SHA-256."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def _env(where: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1735689600", "HOME": str(where)}


def _run(where: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "build.py", *args], cwd=where, capture_output=True, text=True,
                          timeout=600, check=False, env=_env(where), input=stdin)


@pytest.fixture(scope="module")
def project(root, tmp_path_factory) -> Path:
    """A built copy of the project (the repository's extraction cache copied in, so seeds are not re-parsed)."""
    where = checkout(root, tmp_path_factory.mktemp("commands"))
    if (root / ".cache").is_dir():
        shutil.copytree(root / ".cache", where / ".cache")
    result = run_build(where)
    assert result.returncode == 0, result.stderr
    return where


ARTICLE = ("---\ntitle: Un port agrandi\nsource: la-gazette\npublished: 2023-05-02\n---\n"
           "Le port de Brest a reçu 12 navires en mai, selon la capitainerie.\n")


def test_no_command_changes_or_deletes_a_content_file(project):
    content = project / "content"
    before = digests(content)
    outside = project.parent / f"{project.name}-outside.txt"
    outside.write_text("Le port de Brest a reçu 12 navires en mai.\n", encoding="utf-8")
    assert _run(project, "build").returncode == 0
    assert _run(project, "check").returncode in (0, 1)
    assert _run(project, "claims", "content/articles/" + sorted(os.listdir(content / "articles"))[0],
                "--format", "json").returncode == 0
    assert _run(project, "claims", str(outside)).returncode == 0
    assert digests(content) == before
    first = _run(project, "new", str(outside))
    assert first.returncode == 0, first.stderr
    after = digests(content)
    created = sorted(set(after) - set(before))
    assert len(created) == 1 and {k: after[k] for k in before} == before
    again = _run(project, "new", str(outside))  # same input, same target name: refused, nothing overwritten
    assert again.returncode == 1 and "already exists: nothing written" in again.stderr
    assert digests(content) == after
    (content / "articles" / created[0].split("/")[-1]).unlink()


def test_serve_leaves_content_alone(project):
    before = digests(project / "content")
    port = 18000 + os.getpid() % 1000
    process = subprocess.Popen([sys.executable, "build.py", "serve", "--port", str(port)], cwd=project,
                               env=_env(project), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("serve did not answer")
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert digests(project / "content") == before


def test_inputs_landing_on_one_output_path_fail_the_build_naming_each(project, tmp_path):
    where = checkout(project, tmp_path / "clash")
    shutil.copytree(project / "site", where / "site")
    shutil.copytree(project / "data", where / "data")
    site_before, data_before = digests(where / "site"), digests(where / "data")
    pages = where / "content" / "pages"
    (pages / "Sources.md").write_text("# Nos sources\nUne page libre.\n", encoding="utf-8")
    articles = where / "content" / "articles"
    (articles / "Port.md").write_text(ARTICLE, encoding="utf-8")
    (articles / "port.txt").write_text("Le port a reçu 12 navires.\n", encoding="utf-8")
    (articles / "lien.md").symlink_to("/etc/passwd")
    result = run_build(where)
    assert result.returncode == 1
    assert "content/articles/port.txt:1: same page path articles/port/ as content/articles/Port.md" in result.stderr
    assert "content/articles/lien.md: warning: symbolic link not followed" in result.stderr
    (articles / "port.txt").unlink()
    result = run_build(where)
    assert result.returncode == 1
    assert ("content/pages/Sources.md: would write sources/index.html, which is already written for built-in "
            "page: sources") in result.stderr, result.stderr
    assert digests(where / "site") == site_before and digests(where / "data") == data_before
    assert "root:" not in "".join(p.read_text(errors="replace") for p in (where / "site").rglob("*.html"))


@dataclass(frozen=True)
class Versions:
    """A project about to be rebuilt, with the digests of its outputs before and after, and the build's time."""

    where: Path
    old_site: dict[str, str]
    new_site: dict[str, str]
    old_data: dict[str, str]
    new_data: dict[str, str]
    seconds: float


@pytest.fixture(scope="module")
def two_versions(project, tmp_path_factory) -> Versions:
    """A project whose next build adds, changes and removes pages (no parsing), with old and new outputs."""
    where = checkout(project, tmp_path_factory.mktemp("versions"))
    for name in (".cache", "site", "data"):
        shutil.copytree(project / name, where / name)
    old_site, old_data = digests(where / "site"), digests(where / "data")
    content = where / "content"
    topic = sorted((content / "topics").glob("*.md"))[0]
    topic.write_text(topic.read_text(encoding="utf-8").replace("title: ", "title: Révisé — ", 1), encoding="utf-8")
    sorted((content / "articles").iterdir())[-1].unlink()
    (content / "pages" / "nouvelle.md").write_text("# Nouvelle page\nVoir [l'accueil](../index.html).\n",
                                                  encoding="utf-8")
    probe = checkout(where, tmp_path_factory.mktemp("versions-new"))
    for name in (".cache", "site", "data"):
        shutil.copytree(where / name, probe / name)
    started = time.monotonic()
    assert run_build(probe).returncode == 0
    seconds = time.monotonic() - started
    new_site, new_data = digests(probe / "site"), digests(probe / "data")
    assert set(old_site) - set(new_site) and set(new_site) - set(old_site)
    assert any(old_site[k] != new_site[k] for k in set(old_site) & set(new_site))
    return Versions(where, old_site, new_site, old_data, new_data, seconds)


def _restore(where: Path, snapshot: Path) -> None:
    for name in ("site", "data"):
        shutil.rmtree(where / name)
        shutil.copytree(snapshot / name, where / name)


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.15, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97])
def test_a_build_killed_at_any_point_leaves_a_whole_site(two_versions, tmp_path, fraction):
    v = two_versions
    snapshot = tmp_path / "snapshot"
    for name in ("site", "data"):
        shutil.copytree(v.where / name, snapshot / name)
    process = subprocess.Popen([sys.executable, "build.py", "build"], cwd=v.where, env=_env(v.where),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(fraction * v.seconds)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    try:
        site, data = digests(v.where / "site"), digests(v.where / "data")
        assert [k for k, h in site.items() if h not in (v.old_site.get(k), v.new_site.get(k))] == []
        assert [k for k, h in data.items() if h not in (v.old_data.get(k), v.new_data.get(k))] == []
        assert broken_links(v.where / "site") == []
        assert set(v.old_site) & set(v.new_site) <= set(site)  # pages of both versions are never missing
        result = run_build(v.where)  # the next build completes the work and removes the killed one's staging
        assert result.returncode == 0, result.stderr
        assert digests(v.where / "site") == v.new_site
        assert not list(v.where.glob(".site-staging-*"))
    finally:
        _restore(v.where, snapshot)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_build_exits_cleanly_and_leaves_the_old_site(two_versions, tmp_path, signum):
    where = two_versions.where
    snapshot = tmp_path / "snapshot"
    for name in ("site", "data"):
        shutil.copytree(where / name, snapshot / name)
    process = subprocess.Popen([sys.executable, "build.py", "build"], cwd=where, env=_env(where),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    mine = f".site-staging-{process.pid}-*"  # once staging exists, the build is past extraction
    while not list(where.glob(mine)) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    _restore(where, snapshot)
    if process.returncode == 0:
        pytest.skip("the build finished before the signal arrived")
    assert process.returncode == 128 + signum, err
    assert "Traceback" not in err and "interrupted" in err
    assert not list(where.glob(mine))
