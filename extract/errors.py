"""Problems found in the input, reported all at once as `path:line:col: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One error or warning, located in a file so an editor can jump to it."""

    path: str
    message: str
    line: int | None = None
    col: int | None = None
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {prefix}{self.message}"


class InputError(Exception):
    """Raised with every problem found, so the build reports them all before exiting non-zero."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
