"""Live preview: build, serve site/ with livereload, rebuild once per burst of changes, show errors in the page."""

from __future__ import annotations

import html
import logging
import mimetypes
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

WATCHED = ("content", "templates", "config.yaml")  # never site/ or data/: the build writes those
POLL_MS = 200  # livereload's own poll is every 800 ms: that much of every save's wait was only waiting to look


class Preview:
    """The last build's outcome, shared between the rebuild callback and the web app."""

    def __init__(self, root: Path, build: Callable[[Path], Any]) -> None:
        self.root = root
        self.site = root / "site"
        self.build = build
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.built_from: tuple[tuple[str, int, int], ...] | None = None
        self.builds = 0

    def inputs(self) -> tuple[tuple[str, int, int], ...]:
        """What the watched files look like now (path, mtime, size): equal means nothing changed since."""
        found = []
        for name in WATCHED:
            top = self.root / name
            paths = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
            for path in paths:
                try:
                    stat = path.stat()
                except OSError:
                    continue
                found.append((path.relative_to(self.root).as_posix(), stat.st_mtime_ns, stat.st_size))
        return tuple(found)

    def rebuild(self) -> None:
        """Build once per burst of changes; on failure keep the last good site and remember the errors."""
        from extract.errors import InputError

        with self.lock:
            state = self.inputs()
            if state == self.built_from:  # another watcher fired for the same burst: already built
                return
            self.built_from = state
            self.builds += 1
            try:
                summary = self.build(self.root)
            except InputError as exc:
                self.errors = [str(p) for p in exc.problems]
                log.error("build failed:\n%s", "\n".join(self.errors))
                return
            except Exception as exc:  # a crash must not stop the preview; it is shown like an input error
                self.errors = [f"build crashed: {exc!r}"]
                log.exception("build crashed")
                return
            self.errors = []
            log.info("rebuilt:\n%s", summary.text() if hasattr(summary, "text") else summary)

    def banner(self) -> bytes:
        items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in self.errors)
        return (
            '<div role="alert" style="position:sticky;top:0;z-index:99;background:#fde8e8;color:#7a0010;'
            'border-bottom:3px solid #b00020;padding:1em;font:15px/1.4 system-ui,sans-serif">'
            "<strong>La dernière reconstruction a échoué — le site affiché est le dernier qui a réussi.</strong>"
            f"<ul>{items}</ul></div>"
        ).encode()

    def app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """WSGI app serving site/, with the build errors shown on top of every page while there are any."""
        path = environ.get("PATH_INFO", "/")
        target = (self.site / path.lstrip("/")).resolve()
        site = self.site.resolve()
        if target != site and site not in target.parents:
            start_response("403 Forbidden", [("Content-Type", "text/plain")])
            return [b"forbidden"]
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            target = self.site / "404.html"
            status = "404 Not Found"
        else:
            status = "200 OK"
        body = target.read_bytes() if target.is_file() else b"not found"
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html" and self.errors:
            body = body.replace(b"<body>", b"<body>" + self.banner(), 1) if b"<body>" in body else self.banner() + body
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        start_response(status, [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]


def _watcher() -> Any:
    """livereload's file watcher, polled every POLL_MS: a save is seen within 0.2 s instead of 0.8 s."""
    from livereload.watcher import Watcher
    from tornado import ioloop

    class Polling(Watcher):  # type: ignore[misc]
        def start(self, callback: Callable[[], Any]) -> bool:
            ioloop.PeriodicCallback(callback, POLL_MS).start()
            return True  # livereload then starts no 800 ms poll of its own

        def examine(self) -> tuple[str | None, Any]:
            """Changes seen (the rebuild has run by now). livereload drops any reload within 3 s of the
            previous one, so a second save soon after the first was rebuilt but never shown; the rebuild
            already runs once per burst, so every one is announced: a change named '__livereload__' is one
            livereload never holds back (its message still names the file that changed)."""
            filepath, delay = super().examine()
            return ("__livereload__" if filepath else filepath), delay

    return Polling()


def _quietly(task: Callable[[], Any]) -> None:
    """A preparation run in the background: a failure is logged, the build that needs its result redoes it."""
    try:
        task()
    except Exception:
        log.debug("background preparation failed; the next build does it", exc_info=True)


def serve(root: Path, build: Callable[[Path], Any], host: str = "127.0.0.1", port: int = 8000,
          delay: float = 0.05, warm: Callable[[], Any] | None = None) -> int:
    """Build, then serve with live reload until interrupted (the rebuild runs before `delay` starts). `warm`
    (loading the language model, seconds) runs in the background once the first build is done, so the first
    edit does not wait for it."""
    from livereload import Server

    class Quiet(Server):  # type: ignore[misc]
        def _setup_logging(self) -> None:
            """livereload would add its own console handler to the messages the build's logging already
            prints: each line came out twice. Its messages follow the command's verbosity instead."""

    preview = Preview(root, build)
    preview.rebuild()
    if warm is not None:
        threading.Thread(target=_quietly, args=(warm,), name="recoupe-warm", daemon=True).start()
    server = Quiet(app=preview.app, watcher=_watcher())
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name), preview.rebuild, delay=delay)
    log.warning("serving %s on http://%s:%d/ (Ctrl-C stops)", preview.site, host, port)
    server.serve(host=host, port=port, open_url=False, restart_delay=0, debug=False)  # no tornado autoreload
    return 0
