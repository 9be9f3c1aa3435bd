"""How words and phrases are compared with the lexicons, and how the lexicons are read, in one place for every
extractor."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract import safeyaml

SPACES = re.compile(r"[\s\u00a0\u202f]+")
LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


def norm(text: str) -> str:
    """Lower case, one apostrophe, single ordinary spaces: how lexicon phrases are compared."""
    text = text.replace("\u2019", "'").replace("\u02bc", "'").lower()
    return SPACES.sub(" ", text)


@dataclass(frozen=True)
class LexiconFile:
    """One lexicon file as read, with its lists and tables handed out normalised the way they are compared."""

    data: dict[str, Any]

    def words(self, key: str) -> frozenset[str]:
        """A list of words or phrases, for membership tests."""
        return frozenset(self.phrases(key))

    def phrases(self, key: str) -> tuple[str, ...]:
        """A list of words or phrases in file order (an empty entry is an empty list; a missing key is an error)."""
        return tuple(norm(str(w)) for w in self.data[key] or ())

    def table(self, key: str) -> dict[str, Any]:
        """A mapping whose keys are words or phrases."""
        return {norm(str(k)): v for k, v in (self.data[key] or {}).items()}


def read_lexicon(name: str, folder: Path = LEXICON_DIR) -> LexiconFile:
    """A lexicon file read with the project's safe YAML reader, so a bad edit names its line and column."""
    path = folder / name
    shown = f"extract/lexicon/{name}" if folder == LEXICON_DIR else str(path)
    data = safeyaml.read(str(path), shown) or {}
    return LexiconFile(data)
