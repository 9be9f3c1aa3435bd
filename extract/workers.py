"""Parse and extract articles in forked processes that share the model the parent loaded once.

The parent loads the spaCy pipeline and the lexicons, then forks workers that inherit them (no second
load). Each worker parses and extracts a chunk of consecutive articles and sends back only their claims
(small frozen dataclasses), never Docs. Chunks shrink as the work runs out, so both cores finish together.
The parse does not depend on how texts are batched, so any number of workers gives the same claims.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from types import FrameType

from extract.models import Article, Claim

log = logging.getLogger(__name__)

ENV = "RECOUPE_WORKERS"  # number of extraction processes; 1 forces the one-process path, 0 or unset: one per CPU
MIN_ARTICLES = 4  # below this, forking and chunking cost more than the second core saves
MIN_CHUNK_CHARS = 6_000  # about two articles: smaller chunks only add round trips
CHUNKS_PER_WORKER = 3  # each chunk takes this fraction of what is left per worker
PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h): a signal sent to this process when its parent dies

Results = tuple[range, list[tuple[Claim, ...]]]


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worker_count(setting: int | None = None) -> int:
    """How many processes extract: the setting, else RECOUPE_WORKERS, else one per usable CPU."""
    if setting is None:
        raw = os.environ.get(ENV, "").strip()
        if raw:
            try:
                setting = int(raw)
            except ValueError:
                log.warning("%s=%r is not a number of processes (expected 1, 2, …); using one per CPU", ENV, raw)
    if setting is not None and setting < 0:
        log.warning("%d extraction processes asked for (expected 1 or more, 0 for one per CPU); using one per CPU",
                    setting)
    if setting is not None and setting > 0:
        return setting
    return usable_cpus()


def chunks(lengths: Sequence[int], workers: int, min_chars: int = MIN_CHUNK_CHARS) -> list[range]:
    """Consecutive index ranges, each about a 1/(3·workers) share of the text still left (guided scheduling)."""
    out: list[range] = []
    remaining = sum(lengths)
    start = size = 0
    target = max(remaining / (CHUNKS_PER_WORKER * workers), min_chars)
    for index, length in enumerate(lengths):
        size += length
        if size >= target:
            out.append(range(start, index + 1))
            remaining -= size
            start, size = index + 1, 0
            target = max(remaining / (CHUNKS_PER_WORKER * workers), min_chars)
    if start < len(lengths):
        out.append(range(start, len(lengths)))
    return out


# Work the build can do while one forked process loads the model and parses a few edited articles (a model
# load is seconds, most of them on one core): each is called once, in this process, and may only read.
_MEANWHILE: list[Callable[[], None]] = []


@contextlib.contextmanager
def meanwhile(task: Callable[[], None]) -> Iterator[None]:
    """Within the block, `task` runs in this process while a forked worker loads the model and parses the
    next few articles; when no worker is forked (the model already loaded here, one CPU, one process asked
    for, nothing to parse) it does not run. A failing task is logged and ignored: it may only prepare what a
    later stage would make anyway."""
    _MEANWHILE.append(task)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            _MEANWHILE.remove(task)


def extract(articles: Sequence[Article], model: str, workers: int = 1,
            min_articles: int = MIN_ARTICLES) -> Iterator[Results]:
    """Claims of every article, as (article indices, their claims) in the order they complete.

    One process when there is little to do, one usable CPU or no fork; else `workers` forked processes.
    A few articles with the model not loaded yet, two CPUs or more: one forked worker loads it and parses
    them while this process runs the `meanwhile` tasks.
    """
    forks = "fork" in multiprocessing.get_all_start_methods()
    parallel = workers > 1 and len(articles) >= min_articles and forks
    cuts = chunks([len(a.text) for a in articles], workers) if parallel else []
    if len(cuts) > 1:
        _MEANWHILE.clear()
        yield from _parallel(articles, model, min(workers, len(cuts)), cuts)
        return
    if (articles and _MEANWHILE and workers > 1 and forks and not _loaded()
            and threading.active_count() == 1):
        yield from _parallel(articles, model, 1, [range(len(articles))], warm=False)
        return
    _MEANWHILE.clear()
    for index, result in enumerate(_extract(articles, model)):
        yield range(index, index + 1), [result]


def _loaded() -> bool:
    """Whether this process holds a pipeline already (`serve`, a second build in one process): then it
    parses here. Asked without importing spaCy (seconds) when it was never imported."""
    module = sys.modules.get("extract.nlp")
    return module is not None and module.load.cache_info().currsize > 0


def _run_meanwhile() -> None:
    """The `meanwhile` tasks, once each, in the order given; a failure is logged, never raised."""
    tasks, _MEANWHILE[:] = list(_MEANWHILE), []
    for task in tasks:
        try:
            task()
        except Exception:  # a task only prepares: the stage that needs its result makes it again
            log.debug("a task run while parsing failed; its stage will do the work", exc_info=True)


def _extract(articles: Sequence[Article], model: str) -> Iterator[tuple[Claim, ...]]:
    """Parse articles in one nlp.pipe stream and extract each one's claims as its Doc arrives."""
    from extract import claims, nlp

    docs = nlp.parse((claims.masked_text(a) for a in articles), model=model)
    for article, doc in zip(articles, docs, strict=True):
        yield claims.extract(doc, article)


def _extract_chunk(articles: list[Article], model: str) -> list[tuple[Claim, ...]]:
    """A worker's task: claims of a chunk of articles (Docs stay in the worker)."""
    return list(_extract(articles, model))


def preload(model: str) -> None:
    """Load the pipeline and every lexicon in this process: before forking workers (they share them instead of
    loading each), or in the background of `serve` so that the first edit does not wait for them."""
    from extract import attribution, dates, entities, nlp, quantities, quotes

    nlp.load(model)
    for load in (attribution.lexicon, dates.lexicon, entities.names, quantities.lexicon, quotes.lexicon):
        load()


def _parallel(articles: Sequence[Article], model: str, workers: int, cuts: list[range],
              warm: bool = True) -> Iterator[Results]:
    """Run chunks in forked workers; on any error or interruption the workers are ended before it propagates.
    With `warm`, the model is loaded here first and shared; without, the worker loads it while this process
    runs the `meanwhile` tasks."""
    if warm:
        preload(model)
    before = set(multiprocessing.active_children())
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_init_worker, initargs=(os.getpid(),))  # forks at the first submit
    gc.freeze()  # objects the parent made so far are never scanned by a worker's collector: fewer copied pages
    try:
        with _sigterm_as_exit():
            pending: dict[Future[list[tuple[Claim, ...]]], range] = {
                executor.submit(_extract_chunk, [articles[i] for i in cut], model): cut for cut in cuts
            }
            log.info("extracting %d articles in %d processes (%d chunks)", len(articles), workers, len(cuts))
            if not warm:
                _run_meanwhile()
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=lambda f: pending[f].start):
                    cut = pending.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool as exc:
                        raise RuntimeError(f"an extraction process died ({exc}); {ENV}=1 extracts in one process "
                                           "and shows the error") from exc
                    yield cut, result
    except BaseException:
        for process in set(multiprocessing.active_children()) - before:
            process.terminate()  # do not wait for running chunks whose results nobody will read
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _init_worker(parent: int) -> None:
    """Worker setup: Ctrl-C is the parent's to handle, and the worker dies with its parent, however it ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a worker just stops
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """While workers run, SIGTERM exits through the normal unwinding (workers ended, temporary files removed)."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
