"""Interface language: the English catalog covers every template string and the site renders in English."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from extract.config import Config, SiteConfig
from render import site as site_module
from render.i18n import load_translations

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
METHODS = [("render/**.py", "python"), ("templates/**.html", "jinja2")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _fixture_module():
    """The hand-made Briefing of test_render.py, loaded by path so no package layout is assumed."""
    spec = importlib.util.spec_from_file_location("render_fixture", Path(__file__).with_name("test_render.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _source_messages() -> set[str]:
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), METHODS, OPTIONS, KEYWORDS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _catalog():
    with PO.open("rb") as handle:
        return read_po(handle, locale="en")


def test_every_interface_string_has_an_english_translation():
    catalog = _catalog()
    translated = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id and m.string
                  and all(m.string if isinstance(m.string, tuple) else (m.string,))}
    missing = sorted(_source_messages() - translated)
    assert not missing, f"add to {PO.relative_to(ROOT)}: {missing}"


def test_translations_keep_their_placeholders():
    for message in _catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == expected, message.id


def test_no_compiled_catalog_is_committed():
    assert not list((ROOT / "locale").rglob("*.mo"))


def test_unknown_language_falls_back_to_french(tmp_path):
    translations = load_translations(tmp_path, "en")
    assert translations.gettext("Chronologie") == "Chronologie"
    assert load_translations(ROOT / "locale", "en").gettext("Chronologie") == "Timeline"


@pytest.fixture(scope="module")
def english_site(tmp_path_factory) -> Path:
    fixture = _fixture_module()
    out = tmp_path_factory.mktemp("en")
    config = Config(root=ROOT, site=SiteConfig(title="Recoupe — Floods", language="en"))
    site_module.render(fixture.make_briefing(), config, out)
    return out


def test_english_interface_dates_and_numbers(english_site):
    topic = (english_site / "topics/evacuations/index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in topic
    assert "Who says what" in topic and "Qui dit quoi" not in topic
    assert "about 1,200" in topic and "at least 3,000" in topic
    assert "conditional / unconfirmed" in topic and "Evolving" in topic
    article = (english_site / "articles/alpha-crue/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-06-19">June 19, 2024</time>' in article
    home = (english_site / "index.html").read_text(encoding="utf-8")
    assert "Updated on July 2, 2024" in home and "2 sources" in home
    timeline = (english_site / "timeline/index.html").read_text(encoding="utf-8")
    assert "<h3>June 2024</h3>" in timeline


def test_english_pages_keep_article_text_in_french(english_site):
    article = (english_site / "articles/alpha-crue/index.html").read_text(encoding="utf-8")
    assert "ont été évacuées" in article  # content is never translated, only the interface
    for french in ("Accueil", "Chronologie", "Affirmations relevées", "Lire l’article original"):
        assert french not in article, french
