#!/usr/bin/env python3
"""Throughput of the extraction stage (parse as the build does + claims.extract) against raw nlp.pipe.

Usage: python bench/extraction.py [--words 200000] [--repeat 3] [--batch-size 8] [--profile]
Both sides use the same loaded pipeline (every component) and the same texts; runs alternate so that load
from other processes falls on both. Reports wall and CPU time; the ratio target is >= 80 %.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import pstats
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import generate

ROOT = generate.ROOT
log = logging.getLogger("bench.extraction")


@dataclass(frozen=True)
class Timing:
    """One timed pass: wall and CPU seconds, and the part spent in claims.extract (0 for raw passes)."""

    wall: float
    cpu: float
    extract_wall: float = 0.0
    extract_cpu: float = 0.0


def articles_for(words: int, seed: int) -> list:
    """Generated articles read back through the build's own ingest, until `words` words are reached."""
    from extract import ingest

    per_article = 600
    count = words // per_article + 1
    while sum(g.words for g in generate.corpus(count, seed)) < words:
        count += 10
    with tempfile.TemporaryDirectory(prefix="recoupe-bench-") as folder:
        generate.write(Path(folder), count, seed)
        return ingest.read_articles(Path(folder) / "content", Path(folder), "fr")


def timed(run: Callable[[], tuple[float, float]]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    extract_wall, extract_cpu = run()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu, extract_wall, extract_cpu)


def raw_pass(nlp, texts: list[str], batch_size: int) -> tuple[float, float]:
    """Raw spaCy: every component, whole texts, nothing else."""
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return 0.0, 0.0


def build_pass(articles: list, texts: list[str], model: str) -> tuple[float, float]:
    """What extract_all does on a cache miss, minus the cache: nlp.parse, then claims.extract per article."""
    from extract import claims, nlp

    wall = cpu = 0.0
    for article, doc in zip(articles, nlp.parse(texts, model=model), strict=True):
        clock, tick = time.perf_counter(), time.process_time()
        claims.extract(doc, article)
        wall += time.perf_counter() - clock
        cpu += time.process_time() - tick
    return wall, cpu


def stage_pass(articles: list, model: str, processes: int) -> tuple[float, float]:
    """The extraction stage as `build` runs it on cache misses: extract.workers over `processes` forked workers."""
    from extract import workers

    for _ in workers.extract(articles, model, processes):
        pass
    return 0.0, 0.0


def timed_with_children(run: Callable[[], tuple[float, float]]) -> Timing:
    """Like timed, with the CPU of the worker processes the run forked and reaped."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    timing = timed(run)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(timing.wall, timing.cpu + children)


def profile(articles: list, texts: list[str], model: str, limit: int = 30) -> str:
    """cProfile of one build pass, by cumulative time: where extraction spends beyond raw parsing."""
    profiler = cProfile.Profile()
    profiler.runcall(build_pass, articles, texts, model)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit // 2)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--words", type=int, default=200_000)
    top.add_argument("--repeat", type=int, default=3)
    top.add_argument("--batch-size", type=int, default=8, help="raw nlp.pipe batch size (texts per batch)")
    top.add_argument("--seed", type=int, default=1)
    top.add_argument("--processes", type=int, default=0,
                     help="processes of the as-built stage pass (0: what build uses, one per usable CPU)")
    top.add_argument("--profile", action="store_true", help="also profile one build pass over a fifth of the corpus")
    args = top.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)

    from extract import claims, nlp, workers

    model = nlp.MODEL
    processes = workers.worker_count(args.processes or None)
    articles = articles_for(args.words, args.seed)
    texts = [claims.masked_text(a) for a in articles]
    words = sum(len(t.split()) for t in texts)
    clock = time.perf_counter()
    pipeline = nlp.load(model)
    log.info("model %s loaded in %.2fs; components: %s", model, time.perf_counter() - clock,
             ", ".join(pipeline.pipe_names))
    raw_pass(pipeline, texts[:4], args.batch_size)  # warm both paths: first calls allocate
    build_pass(articles[:4], texts[:4], model)

    raws: list[Timing] = []
    builds: list[Timing] = []
    stages: list[Timing] = []
    for number in range(1, args.repeat + 1):
        raws.append(timed(lambda: raw_pass(pipeline, texts, args.batch_size)))
        builds.append(timed(lambda: build_pass(articles, texts, model)))
        stages.append(timed_with_children(lambda: stage_pass(articles, model, processes)))
        log.info("run %d: raw %.1fs wall %.1fs cpu | build %.1fs wall %.1fs cpu (claims.extract %.1fs wall %.1fs cpu)"
                 " | as built, %d processes: %.1fs wall %.1fs cpu", number, raws[-1].wall, raws[-1].cpu,
                 builds[-1].wall, builds[-1].cpu, builds[-1].extract_wall, builds[-1].extract_cpu, processes,
                 stages[-1].wall, stages[-1].cpu)

    def med(items: list[Timing], attr: str) -> float:
        return statistics.median(getattr(t, attr) for t in items)

    raw_wall, build_wall = med(raws, "wall"), med(builds, "wall")
    raw_cpu, build_cpu = med(raws, "cpu"), med(builds, "cpu")
    extract_wall, extract_cpu = med(builds, "extract_wall"), med(builds, "extract_cpu")
    pair_ratios = [r.wall / b.wall for r, b in zip(raws, builds, strict=True)]
    print(f"corpus: {len(articles)} articles, {words} words (seed {args.seed}); medians of {args.repeat} runs")
    print(f"raw nlp.pipe (batch_size={args.batch_size}): {raw_wall:.2f}s wall, {words / raw_wall:,.0f} words/s; "
          f"{raw_cpu:.2f}s cpu, {words / raw_cpu:,.0f} words/s")
    print(f"extraction (nlp.parse + claims.extract): {build_wall:.2f}s wall, {words / build_wall:,.0f} words/s; "
          f"{build_cpu:.2f}s cpu, {words / build_cpu:,.0f} words/s")
    print(f"  of which nlp.parse {build_wall - extract_wall:.2f}s wall {build_cpu - extract_cpu:.2f}s cpu, "
          f"claims.extract {extract_wall:.2f}s wall {extract_cpu:.2f}s cpu ({extract_cpu / build_cpu:.0%} of cpu)")
    print(f"  parse alone against raw: {raw_cpu / (build_cpu - extract_cpu):.1%} cpu")
    print(f"ratio extraction/raw throughput: {raw_wall / build_wall:.1%} wall (median of per-run ratios "
          f"{statistics.median(pair_ratios):.1%}), {raw_cpu / build_cpu:.1%} cpu — target >= 80%")
    stage_wall, stage_cpu = med(stages, "wall"), med(stages, "cpu")
    print(f"extraction stage as built ({processes} processes, forked after the model loaded): {stage_wall:.2f}s wall, "
          f"{words / stage_wall:,.0f} words/s, {stage_cpu:.2f}s cpu of all processes; ratio to raw throughput "
          f"{raw_wall / stage_wall:.1%} wall, {raw_cpu / stage_cpu:.1%} cpu")
    if args.profile:
        part = max(1, len(articles) // 5)
        print(profile(articles[:part], texts[:part], model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
