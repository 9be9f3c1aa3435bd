"""The search index: which pages Pagefind reads, and reuse of the last index only when those pages are the same."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from render import publish

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main data-pagefind-body><h1>{title}</h1><p>{body}</p></main></body></html>"""


def _site(folder: Path, article_body: str = "Les soldats sont arrivés à Vladivostok.") -> Path:
    pages = {
        "index.html": ("Accueil", "Le dossier."),
        "articles/a1/index.html": ("Article un", article_body),
        "topics/t1/index.html": ("Sujet", "Combien de soldats ?"),
        "sources/s1/index.html": ("Source", "Regroupe Tchoukotka."),
        "compare/s1--s2/index.html": ("Paire", "Regroupe Tchoukotka."),
        "a-propos/index.html": ("À propos", "Une rédaction."),
    }
    for rel, (title, body) in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    return folder


def _indexed_pages(folder: Path) -> int:
    return json.loads((folder / "pagefind" / "pagefind-entry.json").read_text())["languages"]["fr"]["page_count"]


def test_only_reader_pages_are_searched(tmp_path: Path) -> None:
    site = _site(tmp_path / "s")
    assert publish.searched_pages(site) == ["a-propos/index.html", "articles/a1/index.html", "index.html",
                                           "topics/t1/index.html"]
    assert publish.index_search(site, "fr")
    assert _indexed_pages(site) == 4  # the source and pair pages were not read


def test_index_reused_only_for_the_same_pages(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _site(tmp_path / "one")
    run = publish.start_index(first, "fr", cache)
    assert run.process is not None and run.wait()
    built = publish.start_index(_site(tmp_path / "first-again"), "fr", cache)
    assert built.process is None and built.wait()  # same pages: linked from the cache, Pagefind not run
    again = tmp_path / "first-again" / "pagefind" / "pagefind-entry.json"
    assert again.read_bytes() == (first / "pagefind" / "pagefind-entry.json").read_bytes()

    # A page outside the searched set changes: still reused.
    other = _site(tmp_path / "two")
    (other / "sources" / "s1" / "index.html").write_text(PAGE.format(title="Source", body="Autre."))
    assert publish.start_index(other, "fr", cache).process is None

    # An article changes: Pagefind runs again and finds the new word.
    changed = _site(tmp_path / "three", "Un convoi a quitté Khabarovsk.")
    run = publish.start_index(changed, "fr", cache)
    assert run.process is not None and run.wait()
    assert publish.start_index(_site(tmp_path / "four", "Un convoi a quitté Khabarovsk."), "fr",
                               cache).process is None


def test_a_damaged_cache_is_not_trusted(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert publish.index_search(_site(tmp_path / "one"), "fr", cache)
    (cache / "digest").write_text("0" * 40 + "\n")
    assert publish.start_index(_site(tmp_path / "two"), "fr", cache).process is not None
    shutil.rmtree(cache / "pagefind")
    (cache / "digest").unlink()
    run = publish.start_index(_site(tmp_path / "three"), "fr", cache)
    assert run.process is not None and run.wait() and _indexed_pages(tmp_path / "three") == 4
