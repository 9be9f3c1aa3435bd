"""The rendered files, held until every path is known unique (case-insensitively), then written."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import InputError, Problem

log = logging.getLogger(__name__)


@dataclass
class Output:
    """Files to write into one staging folder, each remembered with the input it came from."""

    # lower-cased path → (path, bytes, origin)
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add(self, rel: str, content: str | bytes, origin: str) -> None:
        """Queue one file; a second file at the same path (ignoring case) is a problem naming both inputs."""
        key = rel.lower()
        if key in self.files:
            first_rel, _, first_origin = self.files[key]
            self.problems.append(Problem(
                origin, f"would write {rel}, which is already written for {first_origin} ({first_rel}); "
                        "rename one of them (paths that differ only in case collide on many hosts)"))
            return
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.files[key] = (rel, data, origin)

    def write(self, out: Path) -> list[str]:
        """Write every file under `out` (refusing to if any path collided) and return the sorted paths."""
        if self.problems:
            raise InputError(self.problems)
        root = out.resolve()
        written = []
        for rel, data, _ in sorted(self.files.values()):
            target = (out / rel).resolve()
            if not target.is_relative_to(root):
                raise InputError([Problem(self.files[rel.lower()][2], f"output path {rel} leaves the site")])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append(rel)
        log.info("rendered %d files", len(written))
        return sorted(written)
