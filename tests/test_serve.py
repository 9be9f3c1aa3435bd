"""Live preview: serve the site, change an article, see the new content; a bad save shows its errors."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.read().decode("utf-8")


def wait_for(predicate, timeout: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    return False


@contextlib.contextmanager
def serving(where: Path, *options: str, stderr: Any = subprocess.DEVNULL) -> Iterator[str]:
    """`build.py [options] serve` in `where` on a free port, once it answers: its base URL; stopped after. Its
    log goes to `stderr` (a file to read it): a pipe no one reads fills up and blocks the server mid-rebuild."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "build.py", *options, "serve", "--port", str(port)], cwd=where,
                               stdout=subprocess.DEVNULL, stderr=stderr, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "<html" in fetch(base)), "the preview server did not start"
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def server(seed_build, tmp_path_factory):
    where = tmp_path_factory.mktemp("live")
    shutil.copytree(seed_build[0], where, dirs_exist_ok=True)  # built already: the server starts at once
    with serving(where) as base:
        yield where, base


def test_changed_article_is_served_and_bad_save_shows_errors(server):
    where, base = server
    article = where / "content" / "articles" / "2024-10-18-soutien-militaire-direct.md"
    page = base + "articles/2024-10-18-soutien-militaire-direct/index.html"
    text = article.read_text(encoding="utf-8")
    marker = "Une phrase ajoutée pendant la relecture, au présent."
    article.write_text(text + "\n" + marker + "\n", encoding="utf-8")
    assert wait_for(lambda: marker in fetch(page)), "the edited article was not rebuilt and served"
    article.write_text(text.replace("published: 2024-10-18", "published: [oops"), encoding="utf-8")
    assert wait_for(lambda: "content/articles/2024-10-18-soutien-militaire-direct.md:" in fetch(page))
    assert marker in fetch(page), "the last good site stays served"
    article.write_text(text, encoding="utf-8")
    assert wait_for(lambda: marker not in fetch(page) and 'role="alert"' not in fetch(page))


@pytest.mark.parametrize("path", ["../config.yaml", "%2e%2e/config.yaml", "..%2fconfig.yaml"])
def test_preview_never_serves_outside_site(server, path):
    _, base = server
    assert "default_lang" not in fetch(base + path)


def test_one_rebuild_per_burst_of_changes(tmp_path):
    from render.serve import Preview

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("a")
    calls = []
    preview = Preview(tmp_path, lambda root: calls.append(root) or "ok")
    preview.rebuild()
    preview.rebuild()  # a second watcher firing for the same save
    assert len(calls) == 1
    (tmp_path / "content" / "a.md").write_text("bb")
    (tmp_path / "content" / "b.md").write_text("c")
    preview.rebuild()
    preview.rebuild()
    assert len(calls) == 2


def test_every_rebuild_reloads_the_browser_even_two_saves_a_second_apart(server):
    """livereload's own rule drops a reload within 3 s of the previous one: the second save was rebuilt but
    the open page never showed it."""
    import asyncio
    import json

    from tornado.websocket import websocket_connect

    where, base = server
    article = where / "content" / "articles" / "2024-10-21-la-russie-annonce-poursuivre-sa-cooperation.md"
    page = base + "articles/2024-10-21-la-russie-annonce-poursuivre-sa-cooperation/index.html"
    text = article.read_text(encoding="utf-8")

    async def reloads_after_two_saves() -> list[str]:
        socket = await websocket_connect(base.replace("http", "ws") + "livereload")
        socket.write_message(json.dumps({"command": "hello", "protocols": []}))
        socket.write_message(json.dumps({"command": "info", "url": page}))
        seen: list[str] = []
        for number, words in enumerate(("Première relecture du texte.", "Seconde relecture du texte.")):
            article.write_text(text + "\n" + words + "\n", encoding="utf-8")
            while True:  # (a reload still due for an earlier test's save may come first)
                message = json.loads(await asyncio.wait_for(socket.read_message(), timeout=60))
                if message.get("command") == "reload" and words in fetch(page):
                    seen.append(fetch(page))
                    break
            if number == 0:
                await asyncio.sleep(1.0)  # well within livereload's 3 s
        socket.close()
        return seen

    try:
        first, second = asyncio.run(reloads_after_two_saves())
    finally:
        article.write_text(text, encoding="utf-8")
    assert "Première relecture du texte." in first
    assert "Seconde relecture du texte." in second


def test_the_model_loads_in_the_background_once_the_preview_serves(seed_build, tmp_path):
    """The first build of `serve` parses nothing (all cached), then the model loads in the background: the
    editor's first save does not wait seconds for it, and it is loaded once."""
    where = tmp_path / "warm"
    shutil.copytree(seed_build[0], where, dirs_exist_ok=True)
    log = where / "serve.log"
    with log.open("w", encoding="utf-8") as out, serving(where, "-v", stderr=out) as base:
        assert wait_for(lambda: "loading spaCy pipeline" in log.read_text(encoding="utf-8"))  # before any save
        article = where / "content" / "articles" / "2024-10-18-soutien-militaire-direct.md"
        marker = "Une phrase ajoutée après le démarrage, au présent."
        article.write_text(article.read_text(encoding="utf-8") + "\n" + marker + "\n", encoding="utf-8")
        page = base + "articles/2024-10-18-soutien-militaire-direct/index.html"
        assert wait_for(lambda: marker in fetch(page)), "the edited article was not rebuilt and served"
        assert log.read_text(encoding="utf-8").count("loading spaCy pipeline") == 1


def test_the_model_is_loaded_once_when_two_threads_ask_for_it(monkeypatch):
    import threading

    from extract import nlp

    made: list[str] = []

    def slow(model: str) -> object:
        made.append(model)
        time.sleep(0.3)
        return object()

    monkeypatch.setattr(nlp, "_pipeline", slow)
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(nlp.load("a-model-for-this-test"))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == ["a-model-for-this-test"] and len(got) == 3 and got[0] is got[1] is got[2]
