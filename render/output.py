"""The rendered files, held until every path is known unique (case-insensitively), then written."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import InputError, Problem

log = logging.getLogger(__name__)


@dataclass
class Output:
    """Files to write into one staging folder, each remembered with the input it came from; a reserved
    path (bytes None) is written by a render job, but collides like any other."""

    # lower-cased path → (path, bytes or None when a job writes it, origin)
    files: dict[str, tuple[str, bytes | None, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add(self, rel: str, content: str | bytes, origin: str) -> None:
        """Queue one file; a second file at the same path (ignoring case) is a problem naming both inputs."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        self._claim(rel, data, origin)

    def reserve(self, rel: str, origin: str) -> None:
        """Claim a path that a render job will write, so collisions are found before anything renders."""
        self._claim(rel, None, origin)

    def _claim(self, rel: str, data: bytes | None, origin: str) -> None:
        key = rel.lower()
        if key in self.files:
            first_rel, _, first_origin = self.files[key]
            self.problems.append(Problem(
                origin, f"would write {rel}, which is already written for {first_origin} ({first_rel}); "
                        "rename one of them (paths that differ only in case collide on many hosts)"))
            return
        self.files[key] = (rel, data, origin)

    def paths(self) -> list[str]:
        """Every path claimed so far, in claiming order."""
        return [rel for rel, _, _ in self.files.values()]

    def targets(self, out: Path, rels: Iterable[str]) -> list[Path]:
        """Where each path goes under `out`, refusing (with every problem found) collisions and escapes."""
        if self.problems:
            raise InputError(self.problems)
        root = out.resolve()
        found = []
        for rel in rels:
            target = (out / rel).resolve()
            if not target.is_relative_to(root):
                raise InputError([Problem(self.files[rel.lower()][2], f"output path {rel} leaves the site")])
            found.append(target)
        return found

    def write(self, out: Path) -> list[str]:
        """Write every file still held under `out` (refusing to if any path collided) and return the sorted
        paths of all files, those the jobs wrote included."""
        held = sorted((rel, data) for rel, data, _ in self.files.values() if data is not None)
        for (_, data), target in zip(held, self.targets(out, [rel for rel, _ in held]), strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        log.info("wrote %d files", len(self.files))
        return sorted(self.paths())
