"""Output files as jobs (a recipe and its inputs): skipped when the render cache proves them current, else
rendered, on both cores when there are many."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import pickle
import signal
import struct
import threading
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from render.digest import Digester
from render.rendercache import Entry, RenderCache, blob_name, still_valid

log = logging.getLogger(__name__)

# A job's bytes from the site seen from its path (look-ups recorded) and its inputs.
Make = Callable[[Any, Mapping[str, Any]], "str | bytes"]
PARALLEL_FROM = 24  # fewer pages to render than this: forking costs more than it saves…
PARALLEL_WEIGHT = 40  # …unless they weigh this much (two big pages: a topic, a source, the timeline)
# From this many jobs, checking them is itself shared between the cores: one pass where each process checks
# the next job and renders it if stale. A check costs about 0.4 ms (its key, its look-ups, its blob's stat), so
# below a few thousand jobs the fork and the wait cost about what the second core saves.
CHECK_PARALLEL_FROM = 2500


@dataclass(frozen=True)
class Job:
    """One output file: `recipe` names how it is made (template, kind, key…), `inputs` is all it reads
    besides the site's look-ups, which are recorded while it renders."""

    path: str
    origin: str
    recipe: tuple[str, ...]
    inputs: Mapping[str, Any] | Callable[[], Mapping[str, Any]]  # a function: made where the job is checked
    make: Make = field(compare=False)
    absolute: bool = False
    weight: int = 1  # expected cost, so the biggest pages start first
    # A cheap stand-in for the inputs, when the job has one: a value whose digest is the same only when the
    # inputs are (e.g. the digests of the topics a page is made from), or None for none. The last render's key
    # is then taken back without making the inputs (see Runner.key).
    quick: Callable[[], Any] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Done:
    """A rendered job: where its bytes were written and what it looked up."""

    index: int
    blob: str
    lookups: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Outcome:
    """A job settled: reused (its kept blob, not staged) or rendered (where its bytes went), with its key."""

    index: int
    key: str
    blob: str
    lookups: tuple[tuple[str, str, str], ...]
    kept: Path | None  # the intact blob of a reused job; None when it was rendered
    quick: str = ""  # the job's quick key, when it has one


@dataclass
class Stats:
    """How many jobs were rendered and how many reused, for logs and tests."""

    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    workers: int = 1
    kept: dict[str, Path] = field(default_factory=dict)  # reused path → its intact blob (not staged)


def workers_wanted(count: int, weight: int = 0) -> int:
    """Processes to render `count` jobs of total `weight` with: RECOUPE_WORKERS when set (1 forces one
    process), else the usable cores, and one when there is too little to share."""
    text = os.environ.get("RECOUPE_WORKERS", "").strip()
    if text:
        try:
            wanted = max(1, int(text))
        except ValueError:
            log.warning("RECOUPE_WORKERS=%r is not a number; using the cores", text)
            wanted = len(os.sched_getaffinity(0))
    else:
        enough = count >= PARALLEL_FROM or (count > 1 and weight >= PARALLEL_WEIGHT)
        wanted = len(os.sched_getaffinity(0)) if enough else 1
    return max(1, min(wanted, count))


@dataclass
class Runner:
    """Renders jobs into the staging folder; `site_at(path, absolute, record)` gives the recording site."""

    jobs: Sequence[Job]
    targets: Sequence[Path]
    site_at: Callable[[str, bool, dict[tuple[str, str], object]], Any]
    cache: RenderCache | None
    digester: Digester = field(default_factory=Digester)
    # What a worker process sends back besides its jobs (fragments it made), and how the parent takes it in.
    shared: Callable[[], Any] = lambda: None
    absorb: Callable[[Any], None] = lambda _value: None

    previous: Mapping[str, Entry] = field(default_factory=dict)  # the last render's manifest
    answer: Callable[[str, str], str] = lambda _question, _key: ""  # digest of a look-up's answer now
    _inputs: dict[int, Mapping[str, Any]] = field(default_factory=dict)
    _quick: dict[int, str] = field(default_factory=dict)  # quick keys computed in this process, by job
    _checked: dict[tuple[str, str, str], bool] = field(default_factory=dict)

    def inputs(self, index: int) -> Mapping[str, Any]:
        """Job `index`'s inputs, made on first use in this process when the job gives a function."""
        found = self._inputs.get(index)
        if found is None:
            given = self.jobs[index].inputs
            found = self._inputs[index] = given() if callable(given) else given
        return found

    def key(self, index: int) -> str:
        """What job `index` is made from (recipe and inputs), as the manifest keeps it: the last render's key
        when the job's quick key is the one it was kept with (its inputs are then the same, not made again)."""
        if self.cache is None:
            return ""
        job = self.jobs[index]
        named = job.quick() if job.quick is not None else None
        if named is not None:
            quick = self._quick[index] = self.digester.hexdigest((job.recipe, "quick", named))
            entry = self.previous.get(job.path)
            if entry is not None and entry.quick == quick:
                return entry.key
        return self.digester.hexdigest((job.recipe, self.inputs(index)))

    def reusable(self, index: int, key: str) -> Path | None:
        """The intact blob of job `index` when the cache proves it current: same key, same look-up answers."""
        entry = self.previous.get(self.jobs[index].path)
        if self.cache is None or entry is None or entry.key != key or not still_valid(entry, self.answer,
                                                                                       self._checked):
            return None
        return self.cache.kept(entry.blob)

    def settle(self, index: int) -> Outcome:
        """Job `index` reused when the cache proves it current, else rendered."""
        key = self.key(index)
        kept = self.reusable(index, key)
        if kept is not None:
            entry = self.previous[self.jobs[index].path]
            return Outcome(index, key, entry.blob, entry.lookups, kept, self._quick.get(index, ""))
        done = self.render_one(index)
        return Outcome(index, key, done.blob, done.lookups, None, self._quick.get(index, ""))

    def render_one(self, index: int) -> Done:
        """Render job `index`, write its file (and its blob), return its look-ups as digests."""
        job = self.jobs[index]
        record: dict[tuple[str, str], object] = {}
        content = job.make(self.site_at(job.path, job.absolute, record), self.inputs(index))
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = self.targets[index]
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.cache is None:
            name = blob_name(data)
            target.write_bytes(data)
        else:
            name = self.cache.store(data)
            self.cache.link(name, target, data)
        lookups = tuple(sorted((q, k, self.answer(q, k)) for q, k in record))  # the answers recorded, digested
        return Done(index, name, lookups)


def run(runner: Runner, indices: Sequence[int], workers: int, before_fork: Callable[[], None],
        task: str = "render_one") -> list[Any]:
    """Run `task` (a Runner method: render_one, or settle) on the given jobs: in this process, or forked over
    `workers` processes (this one included) when more than one and it is safe (fork available, no other
    thread whose locks a child could inherit held). Jobs wait in a pipe, biggest first, and each process
    takes the next when it is free."""
    order = sorted(indices, key=lambda i: (-runner.jobs[i].weight, i))
    work = getattr(runner, task)
    if workers <= 1 or not hasattr(os, "fork") or threading.active_count() > 1:
        return [work(i) for i in order]
    queue = _queue(order)
    if queue is None:
        return [work(i) for i in order]
    before_fork()
    children: list[tuple[int, int]] = []
    try:
        for _ in range(workers - 1):
            children.append(_fork(runner, queue, task))
        done = [work(i) for i in _take(queue)]
        os.close(queue)
        while children:
            pid, read = children[0]
            with os.fdopen(read, "rb") as stream:
                payload = stream.read()
            os.waitpid(pid, 0)
            children.pop(0)
            status, value, extra = pickle.loads(payload) if payload else ("error", RuntimeError(
                f"render worker {pid} ended without a result"), None)
            if status != "ok":
                raise value
            done += value
            runner.absorb(extra[0])
            if runner.cache is not None:  # blobs the worker found intact by hash: not read again next build
                runner.cache.checked.update(extra[1])
        return done
    finally:
        with contextlib.suppress(OSError):
            os.close(queue)
        for pid, read in children:  # this process failed first: stop the others, leave no zombie
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(read)


def _queue(order: Sequence[int]) -> int | None:
    """A pipe holding the job positions (4 bytes each, written whole before anyone reads, so every read of 4
    bytes takes exactly one job); None when they do not fit in a pipe."""
    data = b"".join(struct.pack("<I", i) for i in order)
    read, write = os.pipe()
    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, max(len(data), 65536))  # type: ignore[attr-defined]
    try:
        os.set_blocking(write, False)
        if os.write(write, data) != len(data):
            raise BlockingIOError
    except BlockingIOError:
        os.close(read)
        return None
    finally:
        os.close(write)
    return read


def _take(queue: int) -> Iterator[int]:
    """The next job positions from the queue, until it is empty."""
    while len(chunk := os.read(queue, 4)) == 4:
        yield struct.unpack("<I", chunk)[0]


def _fork(runner: Runner, queue: int, task: str) -> tuple[int, int]:
    """A child running `task` on jobs from the queue (writing their files itself) and sending back what it
    did, or its error."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    code = 1
    try:
        os.close(read)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the build's handler: its cleanup is the parent's
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        try:
            work = getattr(runner, task)
            done = [work(i) for i in _take(queue)]
            payload = pickle.dumps(("ok", done, (runner.shared(), runner.cache.checked if runner.cache else {})))
            code = 0
        except BaseException as error:  # sent back to be raised in the parent
            try:
                payload = pickle.dumps(("error", error, None))
            except Exception:
                payload = pickle.dumps(("error", RuntimeError(traceback.format_exc()), None))
        with os.fdopen(write, "wb") as stream:
            stream.write(payload)
    finally:
        os._exit(code)


def execute(jobs: Sequence[Job], targets: Sequence[Path], site_at: Callable[..., Any],
            cache: RenderCache | None, code: str, answer: Callable[[str, str], object],
            before_fork: Callable[[], None] = lambda: None, digester: Digester | None = None,
            shared: tuple[Callable[[], Any], Callable[[Any], None]] | None = None,
            answer_digest: Callable[[str, str], str] | None = None) -> Stats:
    """Reuse every job the cache proves current (same code, same inputs, same look-up answers, intact
    bytes), render the others, then remember them all for the next build. `answer_digest(question, key)`,
    when given, is the digest of `answer(question, key)` (remembered by the caller)."""
    digester = digester or Digester()
    previous = cache.load(code) if cache is not None else {}

    def digested(question: str, key: str) -> str:
        return digester.hexdigest(answer(question, key))

    asked = answer_digest or digested

    runner = Runner(jobs, targets, site_at, cache, digester, previous=previous, answer=asked)
    if shared is not None:
        runner.shared, runner.absorb = shared
    everything = range(len(jobs))
    workers = workers_wanted(len(jobs)) if cache is not None and len(jobs) >= CHECK_PARALLEL_FROM else 1
    if workers > 1:  # many jobs: each process checks the next job and renders it when stale
        outcomes: list[Outcome] = run(runner, everything, workers, before_fork, task="settle")
    else:  # few: check them here, then render the stale ones, on both cores when there are many
        outcomes = []
        todo = []
        for index in everything:
            key = runner.key(index)
            kept = runner.reusable(index, key)
            if kept is None:
                todo.append((index, key))
            else:
                entry = previous[jobs[index].path]
                outcomes.append(Outcome(index, key, entry.blob, entry.lookups, kept, runner._quick.get(index, "")))
        workers = workers_wanted(len(todo), sum(jobs[i].weight for i, _ in todo))
        keys = dict(todo)
        outcomes += [Outcome(d.index, keys[d.index], d.blob, d.lookups, None, runner._quick.get(d.index, ""))
                     for d in run(runner, [i for i, _ in todo], workers, before_fork)]
    stats = Stats(workers=workers)
    entries: dict[str, Entry] = {}
    for outcome in sorted(outcomes, key=lambda o: o.index):
        path = jobs[outcome.index].path
        # a reused page keeps its loaded entry (the manifest saves it again by its positions), with this quick key
        if outcome.kept is None:
            entries[path] = Entry(outcome.key, outcome.blob, outcome.lookups, outcome.quick)
        elif previous[path].quick != outcome.quick:
            entries[path] = replace(previous[path], quick=outcome.quick)
        else:
            entries[path] = previous[path]
        if outcome.kept is None:
            stats.rendered.append(path)
        else:
            stats.reused.append(path)
            stats.kept[path] = outcome.kept
    if cache is not None:
        cache.save(code, entries)
    stats.rendered.sort()
    log.info("rendered %d files, reused %d, %d process(es)", len(stats.rendered), len(stats.reused), stats.workers)
    return stats
