"""Interface language: Babel .po catalogs read at runtime (no compiled binaries) into a Jinja2 environment."""

from __future__ import annotations

import gettext as gettext_module
import io
import logging
import re
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "fr"  # templates are written in French; other languages come from locale/


def load_translations(locale_dir: Path, language: str) -> gettext_module.NullTranslations:
    """The catalog for `language`, compiled in memory from its .po; French (the source) needs none."""
    if language == SOURCE_LANGUAGE:
        return gettext_module.NullTranslations()
    po_path = locale_dir / language / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        log.warning("no catalog for language %r at %s; the interface stays in French", language, po_path.name)
        return gettext_module.NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)


_BEFORE_COLON = re.compile(r" :")
_BEFORE_MARK = re.compile(r" ([;?!»])")


def french_spacing(text: str) -> str:
    """French interface text with no-break spaces before « : ; ? ! » and after «, as French typography
    wants, so a phone never starts a line with a lone colon; placeholders are filled in afterwards."""
    text = _BEFORE_COLON.sub("\u00a0:", text)
    text = _BEFORE_MARK.sub("\u202f\\1", text)
    return text.replace("« ", "«\u202f")
