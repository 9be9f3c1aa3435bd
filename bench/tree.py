"""Throw-away build folders for benchmarks: the project's code plus a generated corpus, never the repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import generate

ROOT = generate.ROOT
CODE = ("build.py", "config.yaml", "extract", "render", "templates", "locale")
CONTENT = ("topics", "pages")
OUTPUTS = (".cache", "data", "site")


@dataclass(frozen=True)
class Run:
    """One finished child process: wall and CPU seconds (its children included), peak memory, output."""

    wall: float
    cpu: float
    max_rss_mb: float
    stdout: str
    stderr: str
    code: int


def make(parent: Path, articles: int, seed: int = 1) -> Path:
    """A build folder under `parent`: code and editorial content copied, articles generated, bytecode compiled."""
    folder = parent / f"n{articles}"
    folder.mkdir(parents=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in CODE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=skip)
        elif source.is_file():
            shutil.copy2(source, folder / name)
    for name in CONTENT:
        if (ROOT / "content" / name).is_dir():
            shutil.copytree(ROOT / "content" / name, folder / "content" / name, ignore=skip)
    generate.write(folder, articles, seed)
    # Compile once so that every cold build pays the same (no first-run bytecode compilation).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True, capture_output=True)
    return folder


def clean(folder: Path) -> None:
    """Back to cold: no extraction cache, no data/, no site/, no leftover staging folder."""
    for name in OUTPUTS:
        shutil.rmtree(folder / name, ignore_errors=True)
    for staging in folder.glob(".site-staging-*"):
        shutil.rmtree(staging, ignore_errors=True)


def environment() -> dict[str, str]:
    """The caller's environment without anything pointing Python at the repository."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(command: list[str], cwd: Path) -> Run:
    """Run a child to the end; os.wait4 gives its own rusage (peak RSS, CPU including its waited children)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        clock = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=environment(), stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - clock
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout, stderr, child.returncode)


def build(folder: Path) -> Run:
    """`build.py build` in the folder; a failed build stops the benchmark with its errors."""
    result = run([sys.executable, "build.py", "build"], folder)
    if result.code != 0:
        raise SystemExit(f"build failed in {folder} (exit {result.code}):\n{result.stderr[-3000:]}")
    return result


def stage_times(stdout: str) -> dict[str, float]:
    """The 'time: read 0.10s, extract 2.00s, ...' line of the build summary."""
    for line in stdout.splitlines():
        if line.startswith("time:"):
            return {name: float(value) for name, value in re.findall(r"([\w-]+) ([\d.]+)s", line)}
    return {}


def parsed_count(stdout: str) -> int | None:
    """How many articles the build parsed, from 'articles: N (P parsed, C from cache)'."""
    match = re.search(r"\((\d+) parsed", stdout)
    return int(match.group(1)) if match else None
