#!/usr/bin/env python3
"""Live preview latency: from saving a file to livereload's reload message, and to the page showing the change.

Usage: python bench/serve.py [--articles 100] [--repeat 3] [--seed 1]
Starts `build.py serve --port <free port>` on loopback in a throw-away folder, connects to livereload's
websocket as a browser would (hello + info), then edits a template and an article in turn.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tree

log = logging.getLogger("bench.serve")

HOST = "127.0.0.1"
THROTTLE = 4.0  # livereload ignores a change less than ~3 s after its previous reload
TIMEOUT = 120.0


@dataclass(frozen=True)
class Trial:
    """One edit: seconds from the save to the reload message, and to the served page holding the change."""

    to_reload: float
    to_page: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, marker: str, timeout: float, every: float = 0.02) -> float | None:
    """Poll a page until it holds `marker`; the perf_counter time it did, or None after `timeout`."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        body = fetch(url)
        if body is not None and marker in body:
            return time.perf_counter()
        time.sleep(every)
    return None


def edit_template(folder: Path, number: int) -> tuple[str, str]:
    """A visible comment appended to the base template; it shows on the home page."""
    marker = f"bench-serve-template-{number}"
    path = folder / "templates" / "base.html"
    path.write_text(path.read_text(encoding="utf-8") + f"<!-- {marker} -->\n", encoding="utf-8")
    return "", marker


def edit_article(folder: Path, number: int) -> tuple[str, str]:
    """A new title for the first article; it shows on that article's page."""
    path = sorted((folder / "content" / "articles").glob("*.md"))[0]
    marker = f"Bilan revu {number + 1} fois"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [f'title: "{marker}"' if line.startswith("title:") else line for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"articles/{path.stem}/", marker


async def next_reload(inbox: asyncio.Queue[tuple[float, str | None]], after: float) -> float:
    """Arrival time of the first reload message received after `after` (earlier ones are from earlier edits)."""
    while True:
        arrived, message = await asyncio.wait_for(inbox.get(), TIMEOUT)
        if message is None:
            raise SystemExit("livereload closed the websocket")
        if json.loads(message).get("command") == "reload" and arrived >= after:
            return arrived


async def session(port: int, folder: Path, repeat: int,
                  edits: dict[str, Callable[[Path, int], tuple[str, str]]]) -> dict[str, list[Trial]]:
    """Connect like livereload.js, then time each edit to its reload message and its visible change."""
    from tornado.websocket import websocket_connect

    inbox: asyncio.Queue[tuple[float, str | None]] = asyncio.Queue()
    connection = await websocket_connect(f"ws://{HOST}:{port}/livereload",
                                         on_message_callback=lambda m: inbox.put_nowait((time.perf_counter(), m)))
    await connection.write_message(json.dumps({"command": "hello",
                                               "protocols": ["http://livereload.com/protocols/official-7"]}))
    await connection.write_message(json.dumps({"command": "info", "url": f"http://{HOST}:{port}/", "plugins": {}}))
    results: dict[str, list[Trial]] = {name: [] for name in edits}
    for number in range(repeat):
        for name, edit in edits.items():
            await asyncio.sleep(THROTTLE)  # also lets the start-up reload message arrive before the first edit
            page, marker = edit(folder, number)
            saved = time.perf_counter()
            reloaded = await next_reload(inbox, saved)
            shown = await asyncio.get_running_loop().run_in_executor(
                None, wait_for, f"http://{HOST}:{port}/{page}", marker, TIMEOUT)
            trial = Trial(reloaded - saved, (shown or float("nan")) - saved)
            log.info("%s %d: reload after %.2fs, page changed after %.2fs", name, number + 1, trial.to_reload,
                     trial.to_page)
            results[name].append(trial)
    connection.close()
    return results


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--articles", type=int, default=100)
    top.add_argument("--repeat", type=int, default=3)
    top.add_argument("--seed", type=int, default=1)
    args = top.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that `finally` stops the server it started
    parent = Path(tempfile.mkdtemp(prefix="recoupe-bench-serve-"))
    server = None
    try:
        folder = tree.make(parent, args.articles, args.seed)
        tree.build(folder)  # warm cache, as an editor's checkout has: serve's own first build then parses nothing
        port = free_port()
        with (parent / "serve.log").open("w") as output:
            server = subprocess.Popen([sys.executable, "build.py", "serve", "--host", HOST, "--port", str(port)],
                                      cwd=folder, env=tree.environment(), stdin=subprocess.DEVNULL, stdout=output,
                                      stderr=subprocess.STDOUT)
        started = time.perf_counter()
        if wait_for(f"http://{HOST}:{port}/", "<", TIMEOUT, every=0.1) is None:
            raise SystemExit(f"serve did not answer in {TIMEOUT:.0f}s:\n{(parent / 'serve.log').read_text()[-3000:]}")
        log.info("serving after %.2fs", time.perf_counter() - started)
        edits = {"template edit": edit_template, "article edit": edit_article}
        results = asyncio.run(session(port, folder, args.repeat, edits))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(parent, ignore_errors=True)
    print(f"N={args.articles}, medians of {args.repeat} edits (loopback, livereload websocket)")
    for name, trials in results.items():
        print(f"  {name}: save -> reload message {statistics.median(t.to_reload for t in trials):.2f}s, "
              f"save -> served page changed {statistics.median(t.to_page for t in trials):.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
