"""How words and phrases are compared with the lexicons, in one place for every extractor."""

from __future__ import annotations

import re

SPACES = re.compile(r"[\s\u00a0\u202f]+")


def norm(text: str) -> str:
    """Lower case, one apostrophe, single ordinary spaces: how lexicon phrases are compared."""
    text = text.replace("\u2019", "'").replace("\u02bc", "'").lower()
    return SPACES.sub(" ", text)
