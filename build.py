#!/usr/bin/env python3
"""Recoupe's command line: build, serve, claims, check, new, evaluate. No logic of its own."""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _errors(exc: Exception) -> int:
    """Print every problem of an InputError to stderr and give the exit code."""
    for problem in getattr(exc, "problems", [exc]):
        print(problem, file=sys.stderr)
    return 1


def build(root: Path, strict: bool = False, base_url: str | None = None, oneshot: bool = True):
    """The stages in order: prepare (read, extract, cross-reference), render to staging, index while data is
    written and the pages are published, then the index. `oneshot`: the process ends with the build (the
    command line), so a model loaded to parse an edit would be thrown away: a forked worker loads it while
    this process prepares the render. `serve` keeps its process, and the model in it, between builds."""
    import gc
    import os
    import time

    from extract import buildstate
    from extract.summary import Summary

    clock = time.perf_counter()
    options = {"base_url": base_url, "epoch": os.environ.get("SOURCE_DATE_EPOCH")}
    seen: dict[str, str] = {}
    state = buildstate.unchanged(root, options, seen)
    if state is not None and not (strict and state.get("warnings")):
        summary = buildstate.summary_of(state, Summary())
        summary.timings["check"] = time.perf_counter() - clock
        return summary
    from extract import datafiles, workers
    from extract.pipeline import prepare, write_data  # the stages, imported only when there is work to do

    def meanwhile() -> None:  # while a forked worker loads the model for a few edited articles
        from extract import config, crossref, reviews  # noqa: F401  (imported for the stage after this one)
        from render import site

        data = config.load(root, base_url).data
        crossref.prefetch(root / ".cache")
        site.prefetch(data, root / ".cache" / "render")
        datafiles.prefetch(data)  # after the views: they read the copies too, each a reading of its own

    try:  # what each stage made lives to the end of the build: frozen, the collector does not scan it again
        with workers.meanwhile(meanwhile) if oneshot else contextlib.nullcontext():
            content, briefing, topic_data, summary = prepare(root, strict=strict, base_url=base_url, freeze=True)
        clock = time.perf_counter()
        from render import jobs, publish, site  # already, when imported while parsing

        datafiles.pieces_ahead(content.config.data, topic_data, summary.made_of)  # shared by download and file

        with publish.staging(root) as folder:
            stats = jobs.Stats()
            written = site.render(briefing, content.config, folder, cache=root / ".cache" / "render", stats=stats,
                                  claim_keys=summary.keys,
                                  topic_text=functools.partial(datafiles.topic_text, content.config.data))
            summary.rendered, summary.reused = len(stats.rendered), len(stats.reused)
            summary.timings["render"] = time.perf_counter() - clock
            gc.freeze()
            clock = time.perf_counter()
            search = publish.start_index(folder, content.config.site.language, root / ".cache" / "search")
            summary.written += write_data(content, briefing, topic_data, summary.keys, summary.made_of,  # meanwhile
                                          summary.entries)
            summary.timings["index+data"] = time.perf_counter() - clock
            clock = time.perf_counter()
            changed, summary.removed = publish.publish(folder, content.config.site_dir,  # Pagefind ends meanwhile
                                                       root / ".cache" / "published.json", index=search.wait)
        summary.timings["publish"] = time.perf_counter() - clock
    finally:
        gc.unfreeze()
    summary.pages = sum(1 for p in written if p.endswith(".html"))
    summary.written += changed
    buildstate.save(root, options, summary, seen.get("inputs"))
    return summary


def cmd_build(args: argparse.Namespace) -> int:
    from extract.errors import InputError

    try:
        summary = build(ROOT, strict=args.strict, base_url=args.base_url)
    except InputError as exc:
        return _errors(exc)
    print(summary.text())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from extract.errors import InputError
    from extract.pipeline import check

    try:
        problems, report = check(ROOT)
    except InputError as exc:
        return _errors(exc)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(report)
    failing = [p for p in problems if p.severity == "error" or args.strict]
    return 1 if failing else 0


def cmd_claims(args: argparse.Namespace) -> int:
    from extract.errors import InputError
    from extract.pipeline import claims_for_file

    try:
        claims = claims_for_file(ROOT, Path(args.file), published=args.published)
    except InputError as exc:
        return _errors(exc)
    payload = {"article": args.file, "claims": [c.to_json() for c in claims]}
    if args.format == "json":
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for claim in claims:
            print(f"{claim.kind:<9} {claim.start:>6}-{claim.end:<6} {claim.text}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from extract.errors import InputError
    from extract.evaluate import evaluate, report

    gold = Path(args.gold) if args.gold else ROOT / "tests" / "fixtures" / "gold-seeds.yaml"
    try:
        scores, problems = evaluate(gold, Path(args.corpus) if args.corpus else None)
    except InputError as exc:
        return _errors(exc)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(report(scores, verbose=args.verbose))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from render.serve import serve

    def warm() -> None:  # the model and lexicons, loaded while the editor reads the first page
        from extract import config, workers

        workers.preload(config.load(ROOT).extract.model)

    return serve(ROOT, functools.partial(build, oneshot=False), host=args.host, port=args.port, warm=warm)


def cmd_new(args: argparse.Namespace) -> int:
    from extract.errors import InputError
    from extract.newarticle import new_article

    try:
        path, report = new_article(ROOT, args.source)
    except InputError as exc:
        return _errors(exc)
    print(report)
    print(f"written: {path}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line, one sub-command per editor task."""
    top = argparse.ArgumentParser(prog="build.py", description=__doc__)
    top.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = top.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="extract, cross-reference and render the site into site/")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--base-url", help="public address of the site, overriding config.yaml's site.base_url")
    build.set_defaults(func=cmd_build)
    serve = sub.add_parser("serve", help="build, serve site/ with live reload, rebuild on change")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)
    claims = sub.add_parser("claims", help="print the claims of one article file")
    claims.add_argument("file")
    claims.add_argument("--published", help="publication date YYYY-MM-DD, YYYY-MM or YYYY")
    claims.add_argument("--format", choices=("json", "text"), default="text")
    claims.set_defaults(func=cmd_claims)
    check = sub.add_parser("check", help="validate content without writing anything")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(func=cmd_check)
    new = sub.add_parser("new", help="import an article (.txt, .md, saved .html, or - for stdin)")
    new.add_argument("source")
    new.set_defaults(func=cmd_new)
    evaluate = sub.add_parser("evaluate", help="score the extractor against gold claims")
    evaluate.add_argument("--gold", help="gold YAML (default: the tests' copy of the seed gold)")
    evaluate.add_argument("--corpus", help="folder holding the gold's article files")
    evaluate.add_argument("--verbose", action="store_true", help="list missed and extra claims")
    evaluate.set_defaults(func=cmd_evaluate)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    sys.path.insert(0, str(ROOT))
    try:
        return args.func(args)
    except KeyboardInterrupt:  # Ctrl-C before publishing: nothing was written, say so without a traceback
        print("interrupted: site/ and data/ are as they were", file=sys.stderr)
        return 130


def leave(code: int) -> None:
    """Exit at once once everything is written and flushed: tearing down the interpreter (the loaded model,
    every object of the build) would take most of a second more. Under a profiler or tracer (python -m
    cProfile, coverage), the normal exit, so that they write their results."""
    import os

    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    logging.shutdown()
    with contextlib.suppress(BrokenPipeError):  # "build.py claims … | head": the reader has what it wanted
        sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run() -> int:
    """main(), quiet when the program reading the output stops reading it ("build.py claims … | head")."""
    try:
        return main()
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        return 0


if __name__ == "__main__":
    leave(run())
