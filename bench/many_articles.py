#!/usr/bin/env python3
"""Many small articles: one cold build and one no-change rebuild, with peak memory, against a stated budget.

Usage: python bench/many_articles.py [--articles 10000] [--words 80] [--budget-mb 2048] [--keep]
The build runs in a throw-away folder (code copied, corpus generated), never in the repository. Exits 1 when
a build fails or its peak resident memory exceeds the budget, so it can gate a release.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import generate
import tree

log = logging.getLogger("bench.many_articles")


def make(parent: Path, articles: int, words: int, seed: int) -> Path:
    """A build folder with the project's code, topics and pages, and `articles` generated short articles."""
    folder = parent / f"many{articles}"
    folder.mkdir(parents=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in tree.CODE:
        source = tree.ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=skip)
        elif source.is_file():
            shutil.copy2(source, folder / name)
    for name in tree.CONTENT:
        shutil.copytree(tree.ROOT / "content" / name, folder / "content" / name, ignore=skip)
    generate.write(folder, articles, seed, target_words=words)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True, capture_output=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--articles", type=int, default=10_000)
    top.add_argument("--words", type=int, default=80, help="words per generated article")
    top.add_argument("--budget-mb", type=float, default=2048, help="peak resident memory allowed per build")
    top.add_argument("--seed", type=int, default=1)
    top.add_argument("--keep", action="store_true", help="keep the build folder (its path is logged)")
    args = top.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    parent = Path(tempfile.mkdtemp(prefix="recoupe-many-"))
    try:
        folder = make(parent, args.articles, args.words, args.seed)
        failed = False
        for label in ("cold build", "no-change rebuild"):
            run = tree.run([sys.executable, "build.py", "build"], folder)
            pages = sum(1 for _ in (folder / "site").rglob("*.html")) if (folder / "site").is_dir() else 0
            over = run.max_rss_mb > args.budget_mb
            failed |= run.code != 0 or over
            print(f"{label}: exit {run.code}, {run.wall:.0f}s wall, {run.cpu:.0f}s cpu, peak {run.max_rss_mb:.0f} MB"
                  f" (budget {args.budget_mb:.0f} MB{', EXCEEDED' if over else ''}), {pages} pages; "
                  + " ".join(f"{k} {v:.1f}s" for k, v in tree.stage_times(run.stdout).items()))
            if run.code != 0:
                print(run.stderr[-3000:], file=sys.stderr)
                break
        return 1 if failed else 0
    finally:
        if args.keep:
            log.info("kept %s", parent)
        else:
            shutil.rmtree(parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
