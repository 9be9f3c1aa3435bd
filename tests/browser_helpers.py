"""Shared by the browser and HTML-quality tests: one built site, a loopback server, the external tools' paths."""

from __future__ import annotations

import functools
import http.server
import logging
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

log = logging.getLogger(__name__)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SUB_PATH = "briefing"



def node_tool(root: Path, relative: str) -> Path:
    """A file installed by npm (package.json); skip the calling test when `make test` has not installed it."""
    path = root / "node_modules" / relative
    if not path.is_file():
        pytest.skip(f"{path.relative_to(root)} is missing: run `make test-deps` (npm ci)")
    return path


def require_chromium() -> None:
    """Skip the calling test only when the Debian Chromium that `make test-deps` installs is genuinely absent."""
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing: run `make test-deps`")


def mounted_under_sub_path(site: Path, parent: Path) -> Path:
    """A folder holding the site as `briefing/`, the way GitHub Pages serves a project site."""
    if not (parent / SUB_PATH).is_dir():
        shutil.copytree(site, parent / SUB_PATH)
    return parent


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing path gets the site's 404.html with status 404, as static hosts do."""

    not_found: Path | None = None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found is None or not self.not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s " + format, self.address_string(), *args)


@contextmanager
def serve(folder: Path, not_found: Path | None = None) -> Iterator[str]:
    """Serve a folder on an ephemeral loopback port in a thread; yields the base URL ending in '/'."""
    handler = type("Handler", (_Handler,), {"not_found": not_found})
    factory = functools.partial(handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)
    thread = threading.Thread(target=server.serve_forever, name="static-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def html_pages(site: Path) -> list[Path]:
    """Every page of the built site, the search engine's own files left out; sorted for stable reports."""
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)
