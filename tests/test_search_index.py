"""The search index: which pages Pagefind reads, and reuse of the last index only when those pages are the same."""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
from pathlib import Path

import pytest

from render import paths, publish

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
    """Pages in the main bundle and every bundle merged into it."""
    index = folder / "pagefind"
    entries = [index / "pagefind-entry.json", *index.glob("*/pagefind-entry.json")]
    return sum(json.loads(e.read_text())["languages"]["fr"]["page_count"] for e in entries)


def test_only_reader_pages_are_searched(tmp_path: Path) -> None:
    site = _site(tmp_path / "s")
    assert publish.searched_pages(site) == ["a-propos/index.html", "articles/a1/index.html", "index.html",
                                           "topics/t1/index.html"]
    assert publish.index_search(site, "fr")
    assert _indexed_pages(site) == 4  # the source and pair pages were not read
    shard = paths.search_bundle("articles/a1/index.html")
    assert shard.startswith("articles-") and (site / "pagefind" / shard / "pagefind-entry.json").is_file()
    assert not (site / "pagefind" / shard / "pagefind-ui.js").exists()  # read through the main bundle's script


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
    (cache / "main" / "digest").write_text("0" * 40 + "\n")
    run = publish.start_index(_site(tmp_path / "two"), "fr", cache)
    assert run.built == [""] and run.wait()
    shard = paths.search_bundle("articles/a1/index.html")
    shutil.rmtree(cache / shard / "pagefind")
    (cache / "main" / "digest").unlink()
    run = publish.start_index(_site(tmp_path / "three"), "fr", cache)
    assert run.built == ["", shard] and run.wait() and _indexed_pages(tmp_path / "three") == 4


def _articles(folder: Path, count: int, changed: str = "") -> Path:
    """A site with many articles spread over the shards; `changed` names one whose text differs."""
    _site(folder)
    for number in range(count):
        name = f"a{number:03d}"
        body = f"Le convoi numéro {number} est arrivé."
        body += " Un pont a cédé près de Belgorod." if name == changed else ""
        (folder / "articles" / name).mkdir(parents=True, exist_ok=True)
        (folder / "articles" / name / "index.html").write_text(PAGE.format(title=name, body=body), encoding="utf-8")
    return folder


def test_an_edited_article_reindexes_its_shard_and_the_main_bundle_only(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _articles(tmp_path / "one", 40)
    run = publish.start_index(first, "fr", cache)
    shards = sorted({paths.search_bundle(f"articles/a{n:03d}/index.html") for n in range(40)} |
                    {paths.search_bundle("articles/a1/index.html")})
    assert run.built == sorted(["", "topic-t1", *shards]) and len(shards) > 4 and run.wait()
    assert _indexed_pages(first) == 44

    edited = _articles(tmp_path / "two", 40, changed="a007")
    (edited / "index.html").write_text(PAGE.format(title="Accueil", body="Le dossier, mis à jour."))
    run = publish.start_index(edited, "fr", cache)
    assert run.built == ["", paths.search_bundle("articles/a007/index.html")]
    assert run.wait() and _indexed_pages(edited) == 44
    for shard in shards:  # the untouched shards are the very same files
        if shard not in run.built:
            same = edited / "pagefind" / shard / "pagefind-entry.json"
            assert same.read_bytes() == (first / "pagefind" / shard / "pagefind-entry.json").read_bytes()


def test_a_failed_bundle_leaves_no_partial_index(tmp_path: Path, monkeypatch) -> None:
    site = _articles(tmp_path / "one", 10)
    monkeypatch.setattr(publish, "_pagefind_command", lambda: ("false",))
    assert not publish.index_search(site, "fr", tmp_path / "cache")
    assert not (site / "pagefind").exists()
    assert not list(site.glob(".index-*"))  # scratch folders gone


def test_a_reused_bundle_is_staged_as_one_link_and_published_as_copies(tmp_path: Path) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    assert publish.start_index(_articles(tmp_path / "one", 40), "fr", cache).wait()
    staged = _articles(tmp_path / "two", 40, changed="a007")
    run = publish.start_index(staged, "fr", cache)
    assert run.wait()
    kept = sorted(name for name in run.reused if name)
    assert kept and all((staged / "pagefind" / name).is_symlink() for name in kept)
    publish.publish(staged, site)
    for name in kept:
        entry = site / "pagefind" / name / "pagefind-entry.json"
        assert entry.is_file() and not entry.is_symlink() and not (site / "pagefind" / name).is_symlink()
        assert entry.read_bytes() == (cache / name / "pagefind" / "pagefind-entry.json").read_bytes()
    shutil.rmtree(staged)  # as the build removes its staging folder: the cache is left whole
    assert all((cache / name / "pagefind" / "pagefind-entry.json").is_file() for name in kept)


def _entries(folder: Path) -> dict[str, bytes]:
    """Every bundle's entry file by bundle folder."""
    index = folder / "pagefind"
    return {str(e.relative_to(index)): e.read_bytes() for e in [index / "pagefind-entry.json",
                                                                 *index.glob("*/pagefind-entry.json")]}


def test_the_biggest_stale_bundle_starts_first(tmp_path: Path, monkeypatch) -> None:
    site = _articles(tmp_path / "one", 12)
    (site / "topics" / "t1" / "index.html").write_text(PAGE.format(title="Sujet", body="Combien ? " * 5000))
    monkeypatch.setattr(publish, "_parallel", lambda: 1)
    monkeypatch.setattr(publish, "SMALL_BUNDLE", 0)
    run = publish.start_index(site, "fr", tmp_path / "cache")
    assert [r.name for r in run.running] == ["topic-t1"]  # one at a time, the biggest first
    assert all(isinstance(r.size, int) and r.size > 0 and r.process is None for r in run.waiting)
    assert run.wait()


_BREAKS = ("p", "div", "td", "li", "ul", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6")


def _section_words(page: bytes) -> list[set[str]]:
    """The words of each section of a page (split at every heading with an id) as Pagefind reads them: the
    tags it breaks words at are spaces, the others join the text on either side."""
    breaks = "|".join(_BREAKS)
    sections = re.split(r"<h[1-6]\b[^>]*\bid=", page.decode())
    return [set(re.findall(r"\w+", re.sub(r"<[^>]+>", "", re.sub(rf"</?(?:{breaks})\b[^>]*>", " ", s)).lower()))
            for s in sections]


POOL = ["Les troupes sont arrivées à Vladivostok mardi.", "Le ministre a démenti tout envoi d'armes.",
        "« Nous restons vigilants », a dit le porte-parole.", "Environ 3 000 réservistes", "Voir", "jeudi soir"]
TAGS = ["blockquote", "summary", "p", "td", "th", "li", "a", "span", "q", "em"]


def _page(rng: random.Random) -> bytes:
    """A page of sections, each of elements holding a text of POOL (often the same), glued to other text or not."""
    parts = ["<main data-pagefind-body><h1>Sujet</h1>"]
    for n in range(rng.randint(1, 4)):
        parts.append(f'<h2 id="s{n}">Partie {n}</h2><div>')
        for _ in range(rng.randint(0, 10)):
            tag = rng.choice(TAGS)
            glue = rng.choice(["", " ", "\n", "x", "<b>y</b>", "<p>z</p>", "</div><div>"])
            parts.append(f"{rng.choice(['', ' ', 'w'])}<{tag} class=\"c\">{rng.choice(POOL)}</{tag}>{glue}")
        parts.append("</div>")
    return "".join([*parts, "</main>"]).encode()


def test_repeated_texts_leave_every_word_of_every_section(tmp_path: Path) -> None:
    rng = random.Random(11)
    shrunk = 0
    for _ in range(400):
        page = _page(rng)
        reduced = publish.without_repeats(page)
        assert _section_words(reduced) == _section_words(page)
        assert re.sub(rb">[^<]*<", b"><", reduced) == re.sub(rb">[^<]*<", b"><", page)  # every element kept
        shrunk += len(reduced) < len(page)
    assert shrunk > 100
    glued = b'<div>x<span>Voir</span> <span>Voir</span>y <p>Voir</p><p>Voir</p><summary>Voir</summary>\n' \
            b'<summary>Voir</summary> <a href="#a">Voir</a> <a href="#b">Voir</a></div>'
    assert publish.without_repeats(glued) == b'<div>x<span>Voir</span> <span>Voir</span>y <p>Voir</p><p></p>' \
        b'<summary>Voir</summary>\n<summary></summary> <a href="#a">Voir</a> <a href="#b"></a></div>'


def _pagefind_sections(bundle: Path) -> list[tuple[str, set[str]]]:
    """Each heading's id and the words Pagefind indexed under it, from a one-page bundle's fragment."""
    fragment = next((bundle / "fragment").iterdir())
    data = json.loads(gzip.decompress(fragment.read_bytes()).decode().removeprefix("pagefind_dcd"))
    words = data["content"].lower().split()
    heads = [(a["id"], a["location"]) for a in data["anchors"] if re.fullmatch(r"h[1-6]", a["element"])]
    edges = [0, *(at for _, at in heads), len(words)]
    names = ["", *(name for name, _ in heads)]
    return [(name, set(re.findall(r"\w+", " ".join(words[a:b]))))
            for name, a, b in zip(names, edges, edges[1:], strict=False)]


def test_a_topic_page_is_indexed_from_a_copy_without_its_repeats_and_pagefind_reads_the_same_words(
        tmp_path: Path) -> None:
    rng = random.Random(5)
    cells = "".join(f'<tr id="e{n}"><td><span class="expression">{rng.choice(POOL[3:])}</span>\n<details>'
                    f'<summary>La phrase</summary>\n<blockquote>{rng.choice(POOL)} (cas {n % 40})</blockquote>\n'
                    f'<p><a href="../a{n}/">Voir</a> · {n % 28 + 1} octobre</p></details></td></tr>'
                    for n in range(1500))
    body = f'<h2 id="m">Matrice</h2><table>{cells}</table><h2 id="d">Dernière</h2><blockquote>{POOL[0]} (cas 3)' \
           f'</blockquote><p><a href="../a1/">Voir</a> · 2 octobre</p>'
    first, second = _articles(tmp_path / "one", 4), _articles(tmp_path / "two", 4)
    for site in (first, second):
        (site / "topics" / "t1" / "index.html").write_text(PAGE.format(title="Sujet", body=body), encoding="utf-8")
    topic = first / "topics" / "t1" / "index.html"
    run = publish.start_index(first, "fr", tmp_path / "cache")
    staged = {r.name: r.scratch / "site" for r in run.waiting + run.running}
    copy = staged["topic-t1"] / "topics" / "t1" / "index.html"
    assert not copy.is_symlink() and copy.stat().st_size < 0.85 * topic.stat().st_size
    article = next(p for name, folder in staged.items() if name.startswith("articles-")
                   for p in folder.rglob("index.html"))
    assert article.stat().st_ino in {p.stat().st_ino for p in first.rglob("index.html")}  # small pages: linked
    assert run.wait()

    monkey = pytest.MonkeyPatch()
    monkey.setattr(publish, "without_repeats", lambda page: page)
    try:  # the same page indexed whole
        assert publish.index_search(second, "fr")
    finally:
        monkey.undo()
    reduced, whole = (_pagefind_sections(site / "pagefind" / "topic-t1") for site in (first, second))
    assert reduced == whole and len(whole) == 3 and all(words for _, words in whole)


def test_a_new_rule_for_repeats_reindexes_the_bundles_read_from_a_copy_only(tmp_path: Path, monkeypatch) -> None:
    cache, sites = tmp_path / "cache", [_articles(tmp_path / name, 20) for name in ("one", "two")]
    for site in sites:  # a big topic page, read from a copy; the one-page shards of small articles are not
        (site / "topics" / "t1" / "index.html").write_text(PAGE.format(title="Sujet", body="<p>Combien ?</p>" * 9000))
    assert publish.start_index(sites[0], "fr", cache).wait()
    monkeypatch.setattr(publish, "REPEATS_VERSION", "\0repeats-next")
    run = publish.start_index(sites[1], "fr", cache)
    assert run.built == ["topic-t1"] and run.wait()


def test_drawings_are_emptied_only_when_nothing_is_drawn_inside_them() -> None:
    chart = b'<svg class="chart" viewBox="0 0 10 10"><title>Courbe</title><text x="1">Brumelande 40</text></svg>'
    nested = b'<svg><svg class="inner"><text>Ostrava</text></svg><text>Kelmora</text></svg>'
    page = b"<p>avant</p>" + chart + b"<p>entre</p>" + nested + b"<p>apr\xc3\xa8s</p>"
    assert publish.without_drawings(page) == (b'<p>avant</p><svg class="chart" viewBox="0 0 10 10"></svg><p>entre'
                                              b'</p><svg><svg class="inner"></svg><text>Kelmora</text></svg>'
                                              b'<p>apr\xc3\xa8s</p>')
    assert publish.without_drawings(b"<p>sans dessin</p>") == b"<p>sans dessin</p>"


def test_a_topic_page_indexed_without_its_drawings_gives_the_index_of_the_whole_page(tmp_path: Path) -> None:
    # A big topic page with charts whose labels hold words found nowhere else: Pagefind reads no text inside
    # an <svg>, so the copy without them must give the very same bundle, byte for byte.
    charts = "".join(f'<h2 id="f{n}">Chiffre {n}</h2><figure><svg class="chart" viewBox="0 0 600 200" role="img">'
                     f'<title>Valeurs de Brumelande {n}</title>'
                     + "".join(f'<circle cx="{x}" cy="{x % 90}" r="4"/><text x="{x}" y="9">Quorvanne {x}</text>'
                               for x in range(0, 600, 5))
                     + f'</svg><figcaption>Selon Kelmora, {n * 100} recrues</figcaption></figure><p>Voir</p>'
                     for n in range(12))
    sites = [_articles(tmp_path / name, 2) for name in ("copy", "whole")]
    for site in sites:
        (site / "topics" / "t1" / "index.html").write_text(PAGE.format(title="Sujet", body=charts), encoding="utf-8")
    assert len(charts) > 64 << 10  # read from a copy
    assert publish.index_search(sites[0], "fr", tmp_path / "cache-copy")
    monkey = pytest.MonkeyPatch()
    monkey.setattr(publish, "without_drawings", lambda page: page)
    try:
        assert publish.index_search(sites[1], "fr", tmp_path / "cache-whole")
    finally:
        monkey.undo()
    bundles = [site / "pagefind" / "topic-t1" for site in sites]
    files = [{p.relative_to(b).as_posix(): p.read_bytes() for p in sorted(b.rglob("*")) if p.is_file()}
             for b in bundles]
    assert files[0] and files[0] == files[1]
    assert "quorvanne" not in json.dumps(_pagefind_sections(bundles[0]), default=sorted)
    assert "kelmora" in json.dumps(_pagefind_sections(bundles[0]), default=sorted)


def test_a_speakers_page_is_indexed_with_a_few_others_and_an_edit_reindexes_their_shard_only(tmp_path: Path) -> None:
    names = [f"orateur-{n:02d}" for n in range(24)]
    shards = {name: paths.search_bundle(f"people/{name}/index.html") for name in names}
    assert set(shards.values()) == {f"people-{n:02d}" for n in range(paths.PEOPLE_SHARDS)}
    assert paths.search_bundle("people/index.html") == "people"
    cache = tmp_path / "cache"
    for name, edited in (("one", ""), ("two", names[5])):
        site = _site(tmp_path / name)
        for person in names:
            said = "« Nous partirons demain », a dit Velika Strand." if person == edited else "Rien de neuf."
            (site / "people" / person).mkdir(parents=True)
            (site / "people" / person / "index.html").write_text(PAGE.format(title=person, body=said),
                                                                 encoding="utf-8")
        (site / "people" / "index.html").write_text(PAGE.format(title="Personnes", body="Liste."), encoding="utf-8")
        run = publish.start_index(site, "fr", cache)
        assert run.wait()
    assert run.built == [shards[names[5]]]
    assert _indexed_pages(site) == 4 + len(names) + 1
