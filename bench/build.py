#!/usr/bin/env python3
"""Whole-build figures on generated corpora: cold build against raw nlp.pipe, memory, and the rebuild paths.

Usage: python bench/build.py [--articles 100 [1000]] [--repeat 3] [--seed 1] [--keep]
Every build runs in a throw-away folder (code copied, corpus generated), never in the repository.
For each N: cold `build.py build` (no .cache/, data/, site/) alternating with a fresh process that runs raw
`nlp.pipe(texts, batch_size=8)` of the full fr_core_news_sm over the same texts; then a no-change rebuild, a
rebuild after editing one article, and rebuilds after a template-only and a CSS-only edit.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import tree

log = logging.getLogger("bench.build")

MODEL = "fr_core_news_sm"
LOAD_SCRIPT = (
    "import time; c = time.perf_counter(); p = time.process_time(); import spacy; spacy.load({model!r}); "
    "print(time.perf_counter() - c, time.process_time() - p)"
)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def model_load(repeat: int) -> tuple[float, float]:
    """Median seconds (wall, cpu) of `import spacy; spacy.load(model)` in a fresh interpreter."""
    walls, cpus = [], []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", LOAD_SCRIPT.format(model=MODEL)], capture_output=True,
                             text=True, check=True, env=tree.environment()).stdout.split()
        walls.append(float(out[0]))
        cpus.append(float(out[1]))
    return median(walls), median(cpus)


def raw_pipe(folder: Path) -> dict[str, float]:
    """Raw spaCy over the texts the build parses, timed in a fresh process after the model has loaded."""
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--raw-pipe", str(folder)],
                            capture_output=True, text=True, env=tree.environment(), check=False)
    if result.returncode != 0:
        raise SystemExit(f"raw pipe failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def raw_pipe_child(folder: Path) -> int:
    """Child side of raw_pipe: read articles with the build's own ingest, then time nlp.pipe alone."""
    sys.path.insert(0, str(folder))
    import spacy

    from extract import claims, ingest

    texts = [claims.masked_text(a) for a in ingest.read_articles(folder / "content", folder, "fr")]
    nlp = spacy.load(MODEL)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                      "words": sum(len(t.split()) for t in texts), "articles": len(texts)}))
    return 0


def rebuilds(folder: Path, repeat: int, edit: Callable[[Path, int], None]) -> list[tree.Run]:
    """`repeat` builds, each after one edit (a no-op edit measures the no-change rebuild)."""
    runs = []
    for number in range(repeat):
        edit(folder, number)
        os.sync()  # the earlier build's writes reach the disk first, not during the timed one
        runs.append(tree.build(folder))
        log.info("  %s %d: %.1fs wall %.1fs cpu, parsed %s", edit.__name__, number + 1, runs[-1].wall, runs[-1].cpu,
                 tree.parsed_count(runs[-1].stdout))
    return runs


def no_edit(folder: Path, number: int) -> None:
    """Nothing changes between builds."""


def edit_article(folder: Path, number: int) -> None:
    """Append one sentence with a new figure to the first article, as an editor correcting a text would."""
    path = sorted((folder / "content" / "articles").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\nSelon un nouveau bilan, {120 + number * 7} soldats auraient été blessés.\n",
                    encoding="utf-8")


def edit_quote(folder: Path, number: int) -> None:
    """Append a dated quote by a speaker the corpus knows to the first article: its topics change (a new
    statement, an event reported again), so their pages, downloads, the timeline and the pair pages do too."""
    path = sorted((folder / "content" / "articles").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\n« Nous suivons la situation de très près, point {number} », a déclaré Mark Rutte "
                    "le 18 octobre 2024.\n", encoding="utf-8")


def edit_troops(folder: Path, number: int) -> None:
    """Append a count of soldiers sent to the first article: it joins the troop topic's cumulative figure (its
    many values compared pairwise for divergence), the topic page, its downloads and its search bundle."""
    path = sorted((folder / "content" / "articles").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\nSelon le renseignement sud-coréen, {11000 + number * 130} soldats nord-coréens ont "
                    "été envoyés en Russie.\n", encoding="utf-8")


def edit_template(folder: Path, number: int) -> None:
    """Append a visible HTML comment to the base template: every page changes, no article does."""
    path = folder / "templates" / "base.html"
    path.write_text(path.read_text(encoding="utf-8") + f"<!-- bench edit {number} -->\n", encoding="utf-8")


def edit_css(folder: Path, number: int) -> None:
    """Append a rule to the first stylesheet (templates/static/*.css): no page text and no article change."""
    sheets = sorted((folder / "templates").rglob("*.css"))
    if sheets:
        with sheets[0].open("a", encoding="utf-8") as fh:
            fh.write(f"\n.bench-edit-{number} {{ color: inherit; }}\n")


def describe(label: str, runs: list[tree.Run]) -> dict[str, object]:
    """Median wall time of a set of rebuilds, their stage times, and how many articles they parsed."""
    stages = [tree.stage_times(r.stdout) for r in runs]
    names = stages[0].keys() if stages else ()
    return {
        "what": label,
        "wall": median([r.wall for r in runs]),
        "cpu": median([r.cpu for r in runs]),
        "stages": {n: median([s.get(n, 0.0) for s in stages]) for n in names},
        "parsed": [tree.parsed_count(r.stdout) for r in runs],
    }


def measure(parent: Path, articles: int, repeat: int, seed: int, load: tuple[float, float],
            profile: bool = False) -> dict[str, object]:
    """Every figure for one corpus size."""
    folder = tree.make(parent, articles, seed)
    colds: list[tree.Run] = []
    raws: list[dict[str, float]] = []
    for number in range(1, repeat + 1):
        tree.clean(folder)
        colds.append(tree.build(folder))
        raws.append(raw_pipe(folder))
        log.info("N=%d run %d: cold build %.1fs wall %.1fs cpu %.0f MB | raw pipe %.1fs wall %.1fs cpu",
                 articles, number, colds[-1].wall, colds[-1].cpu, colds[-1].max_rss_mb, raws[-1]["wall"],
                 raws[-1]["cpu"])
    words = int(raws[0]["words"])
    cold_wall, cold_cpu = median([r.wall for r in colds]), median([r.cpu for r in colds])
    raw_wall, raw_cpu = median([r["wall"] for r in raws]), median([r["cpu"] for r in raws])
    result: dict[str, object] = {
        "articles": articles,
        "words": words,
        "runs": repeat,
        "cold": describe("cold build", colds),
        "cold_minus_load_wall": cold_wall - load[0],
        "cold_minus_load_cpu": cold_cpu - load[1],
        "raw_wall": raw_wall,
        "raw_cpu": raw_cpu,
        "ratio_wall": raw_wall / (cold_wall - load[0]),
        "ratio_cpu": raw_cpu / (cold_cpu - load[1]),
        "peak_rss_mb": max(r.max_rss_mb for r in colds),
        **site_size(folder / "site"),
    }
    result["no_change"] = describe("no-change rebuild", rebuilds(folder, repeat, no_edit))
    result["one_article"] = describe("one article edited", rebuilds(folder, repeat, edit_article))
    result["one_quote"] = describe("one article edited, topics changed (a dated quote)",
                                   rebuilds(folder, repeat, edit_quote))
    result["one_troops"] = describe("one article edited, a cumulative figure changed (a troop count)",
                                    rebuilds(folder, repeat, edit_troops))
    result["template"] = describe("template edit (base.html)", rebuilds(folder, repeat, edit_template))
    if sorted((folder / "templates").rglob("*.css")):
        result["css"] = describe("stylesheet edit", rebuilds(folder, repeat, edit_css))
    result["pagefind"] = median([pagefind(folder).wall for _ in range(repeat)])
    if profile:
        result["profile"] = profiled_rebuild(folder)
    return result


def site_size(site: Path) -> dict[str, object]:
    """Size of the published site and of its largest page: what a reader downloads."""
    files = [p for p in site.rglob("*") if p.is_file()]
    largest = max(files, key=lambda p: p.stat().st_size)
    return {"site_mb": sum(p.stat().st_size for p in files) / 2**20,
            "html_pages": sum(p.suffix == ".html" for p in files), "largest_page": largest.relative_to(site).as_posix(),
            "largest_page_mb": largest.stat().st_size / 2**20}


def pagefind(folder: Path) -> tree.Run:
    """Pagefind alone over a copy of the built site, reading the pages the build has it read."""
    import shutil

    sys.path.insert(0, str(tree.ROOT))
    from render import publish

    with tempfile.TemporaryDirectory(prefix="recoupe-bench-pagefind-") as scratch:
        site = Path(scratch) / "site"
        shutil.copytree(folder / "site", site, ignore=shutil.ignore_patterns("pagefind"))
        tops = sorted({page if "/" not in page else page.split("/", 1)[0] + "/**/*.html"
                       for page in publish.searched_pages(site)})
        return tree.run([sys.executable, "-m", "pagefind", "--site", str(site), "--force-language", "fr",
                         "--silent", "--glob", "{" + ",".join(tops) + "}"], folder)


def profiled_rebuild(folder: Path, limit: int = 35) -> str:
    """cProfile of one no-change rebuild, by cumulative time: where a build spends when nothing is parsed."""
    result = tree.run([sys.executable, "-m", "cProfile", "-s", "cumulative", "build.py", "build"], folder)
    lines = result.stdout.splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(lines[start : start + limit + 1])


def report(load: tuple[float, float], results: list[dict[str, object]]) -> str:
    lines = [f"model load (import spacy + spacy.load): {load[0]:.2f}s wall, {load[1]:.2f}s cpu"]
    for res in results:
        cold = res["cold"]
        lines += [
            f"\nN={res['articles']} ({res['words']} words), medians of {res['runs']} runs",
            f"  cold build: {cold['wall']:.2f}s wall, {cold['cpu']:.2f}s cpu; stages "  # type: ignore[index]
            + ", ".join(f"{k} {v:.2f}s" for k, v in cold["stages"].items()),  # type: ignore[index]
            f"  cold build minus model load: {res['cold_minus_load_wall']:.2f}s wall, "
            f"{res['cold_minus_load_cpu']:.2f}s cpu",
            f"  raw nlp.pipe(batch_size=8): {res['raw_wall']:.2f}s wall, {res['raw_cpu']:.2f}s cpu",
            f"  ratio raw/(build - load): {res['ratio_wall']:.1%} wall, {res['ratio_cpu']:.1%} cpu (target >= 80%)",
            f"  peak memory of the cold build: {res['peak_rss_mb']:.0f} MB",
            f"  site: {res['site_mb']:.0f} MB, {res['html_pages']} pages; largest {res['largest_page']} "
            f"{res['largest_page_mb']:.1f} MB",
        ]
        for key in ("no_change", "one_article", "one_quote", "one_troops", "template", "css"):
            if key not in res:
                continue
            item = res[key]
            stages = ", ".join(f"{k} {v:.2f}s" for k, v in item["stages"].items())  # type: ignore[index]
            line = (f"  {item['what']}: {item['wall']:.2f}s wall, {item['cpu']:.2f}s cpu "  # type: ignore[index]
                    f"({stages}; parsed {item['parsed']})")  # type: ignore[index]
            if key in ("one_article", "one_quote", "one_troops"):
                rest = item["wall"] - item["stages"].get("extract", 0.0)  # type: ignore[index,operator]
                line += f"; minus the extract stage (model load + that article's parse): {rest:.2f}s"
            lines.append(line)
        lines.append(f"  pagefind alone over the pages the build indexes: {res['pagefind']:.2f}s wall")
        if "profile" in res:
            lines += ["  profile of a no-change rebuild (cumulative):", str(res["profile"])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--articles", type=int, nargs="+", default=[100],
                     help="corpus sizes (1000 is worth measuring but takes ~25 min of CPU today)")
    top.add_argument("--repeat", type=int, default=3)
    top.add_argument("--seed", type=int, default=1)
    top.add_argument("--keep", action="store_true", help="keep the build folders (their path is logged)")
    top.add_argument("--profile", action="store_true", help="also profile one no-change rebuild per size")
    top.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    top.add_argument("--raw-pipe", type=Path, help=argparse.SUPPRESS)
    args = top.parse_args(argv)
    if args.raw_pipe:
        return raw_pipe_child(args.raw_pipe)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that `finally` removes the build folders
    load = model_load(args.repeat)
    log.info("model load %.2fs wall", load[0])
    parent = Path(tempfile.mkdtemp(prefix="recoupe-bench-build-"))
    try:
        results = [measure(parent, n, args.repeat, args.seed, load, args.profile) for n in args.articles]
    finally:
        if args.keep:
            log.info("build folders kept in %s", parent)
        else:
            import shutil

            shutil.rmtree(parent, ignore_errors=True)
    print(report(load, results))
    if args.json:
        args.json.write_text(json.dumps({"model_load": load, "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
