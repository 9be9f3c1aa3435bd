"""Rebuilding after one edit: claim cells kept between builds are reused only while every look-up they made
gets the same answer, and a page made from kept cells is byte for byte the page a cold render makes."""

from __future__ import annotations

import json
import marshal
from dataclasses import replace

import pytest

from render import fragments as fragments_module
from render import rendercache
from tests.test_render import make_briefing, make_config
from tests.test_render_speed import render, retitled, tree


def _counting(monkeypatch, method: str, seen) -> list:
    """Calls of a Fragments method, each recorded as `seen(*arguments)` gives it (None: not recorded)."""
    calls: list = []
    original = getattr(fragments_module.Fragments, method)

    def counting(self, *args):
        if (entry := seen(*args)) is not None:
            calls.append(entry)
        return original(self, *args)

    monkeypatch.setattr(fragments_module.Fragments, method, counting)
    return calls


@pytest.fixture
def made(monkeypatch) -> list[tuple[object, ...]]:
    """Every claim cell rendered from the macro (not taken from memory or from the store)."""
    return _counting(monkeypatch, "_make", lambda key: key)


def test_cells_are_kept_between_builds(tmp_path, monkeypatch, made):
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    assert made and (cache / "fragments.bin").is_file()
    made.clear()
    topic = json.loads(json.dumps(briefing.topics[1]))  # one figure's value edited: one cell differs
    topic["figures"][0]["claims"][1]["value"] = 26_000_000
    edited = replace(briefing, topics=(briefing.topics[0], topic))
    stats = render(edited, config, tmp_path / "b", cache)
    assert "topics/degats/index.html" in stats.rendered
    # the edited report's cell alone, at each depth that shows it (and the comparison tables holding it)
    assert len({key[2] for key in made if key[1] == "report"}) == 1
    assert {key[1] for key in made} <= {"report", *fragments_module.TABLES, *fragments_module.ROWS}
    # of the topic page, only the edited figure's matrix row and section (the other rows are kept)
    rows = [key for key in made if key[1] in fragments_module.ROWS]
    assert rows and all((key[3] if key[1] == "matrix_row" else key[2]).id == "cost" for key in rows)
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")


def test_a_kept_cell_whose_lookup_changed_is_made_again(tmp_path, monkeypatch, made):
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    made.clear()
    # Cells name the claimant's article in links; a retitled article changes what the `article` look-up says.
    edited = retitled(briefing, "alpha-crue", "Crues : le bilan de la préfecture")
    render(edited, config, tmp_path / "b", cache)
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")
    assert made  # the cells asking about that article were made again


def test_a_damaged_or_foreign_store_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    store = cache / "fragments.bin"
    version, code, generation, items, slots, rows = marshal.loads(store.read_bytes())
    # every kept cell says something else, as after an edit by hand, under another code version
    items = {key: ("<p>altéré</p>", *rest) for key, (_, *rest) in items.items()}
    store.write_bytes(marshal.dumps((version, "another-version", generation, items, slots, rows)))
    (cache / rendercache.MANIFEST).unlink()  # every page rendered again
    render(briefing, config, tmp_path / "b", cache)
    assert tree(tmp_path / "b") == tree(tmp_path / "a")
    store.write_bytes(b"\x00not marshal")
    (cache / rendercache.MANIFEST).unlink()
    render(briefing, config, tmp_path / "c", cache)
    assert tree(tmp_path / "c") == tree(tmp_path / "a")
    # the right version and code, but cells of the wrong shape: no store either
    store.write_bytes(marshal.dumps((version, code, generation, {key: ("<p>altéré</p>",) for key in items}, slots,
                                     rows)))
    (cache / rendercache.MANIFEST).unlink()
    render(briefing, config, tmp_path / "d", cache)
    assert tree(tmp_path / "d") == tree(tmp_path / "a")


def test_cells_made_by_forked_workers_are_kept(tmp_path, monkeypatch, made):
    monkeypatch.setenv("RECOUPE_WORKERS", "2")
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    stats = render(briefing, config, tmp_path / "a", cache)
    assert stats.workers == 2
    kept = marshal.loads((cache / "fragments.bin").read_bytes())[3]
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    made.clear()
    (cache / rendercache.MANIFEST).unlink()
    render(briefing, config, tmp_path / "b", cache)
    assert made == [] and kept  # every cell came from the store, whichever process made it
    assert tree(tmp_path / "b") == tree(tmp_path / "a")


def test_unused_cells_age_out(tmp_path):
    store = fragments_module.Store(tmp_path / "fragments.bin", "code")
    store.fresh = {"old": ("<p>a</p>", ()), "kept": ("<p>b</p>", (("source", "x", "d"),))}
    store.save()
    for _ in range(fragments_module.KEEP_BUILDS + 1):
        store = fragments_module.Store(tmp_path / "fragments.bin", "code")
        store.load()
        store.fresh = {"kept": store.kept["kept"][:2]}
        store.save()
    store = fragments_module.Store(tmp_path / "fragments.bin", "code")
    store.load()
    assert set(store.kept) == {"kept"} and store.kept["kept"][1] == (("source", "x", "d"),)


def test_a_text_edit_renders_only_the_pages_showing_the_text(tmp_path, monkeypatch):
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    # A paragraph added at the end: same claims, same title; topic rows, source and pair pages link to the
    # article but never show its text.
    edited = replace(briefing, articles=tuple(
        replace(a, text=a.text + "\n\nLa préfecture publiera un nouveau point samedi.") if a.id == "alpha-crue" else a
        for a in briefing.articles))
    stats = render(edited, config, tmp_path / "b", cache)
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")
    assert [p for p in stats.rendered if p.endswith(".html")] == ["articles/alpha-crue/index.html"]


def test_pages_from_the_render_cache_are_published_as_links(tmp_path):
    import os

    from render.publish import publish

    blob = tmp_path / "blob"
    blob.write_text("<p>page</p>")
    for name in ("one", "two"):  # two builds staging the same cached page
        staged = tmp_path / name
        (staged / "pagefind").mkdir(parents=True)
        os.link(blob, staged / "index.html")
        os.link(blob, staged / "pagefind" / "index.json")
        (staged / "feed.xml").write_text("<feed/>")
        publish(staged, tmp_path / "site")
    site = tmp_path / "site"
    assert os.path.samefile(site / "index.html", blob)  # the next publish compares without reading
    assert not os.path.samefile(site / "pagefind" / "index.json", blob)  # the search index is copied
    assert (site / "feed.xml").stat().st_nlink == 1  # made in staging: copied


def test_divergent_values_are_those_no_other_source_can_share():
    import random

    from render.topics import Report, _mark_divergent, overlaps

    rng = random.Random(7)
    for _ in range(500):
        reports = []
        for number in range(rng.randint(0, 8)):
            low, high = sorted(rng.choice([0, 3, 5, 8, 12]) for _ in range(2))
            interval = None if rng.random() < 0.1 else (rng.choice([None, low]), rng.choice([None, high]))
            reports.append(Report(claim_id=f"c{number}", article_id="a", source=rng.choice("xyz"), published=None,
                                  text="12 000 soldats", sentence="", hedged=rng.random() < 0.3, interval=interval,
                                  review_action=rng.choice([None, None, "reject"])))
        firm = [r for r in reports if not r.rejected and not r.hedged] or [r for r in reports if not r.rejected]
        expected = [not r.rejected and any(not overlaps(r.interval, o.interval) for o in firm if o.source != r.source)
                    for r in reports]
        assert [r.divergent for r in _mark_divergent("divergent", tuple(reports))] == expected


def test_cumulative_values_diverge_when_no_other_source_can_share_them_nor_be_their_update():
    import random

    from render.formats import parse_partial, partial_period
    from render.topics import Report, _mark_divergent, bounds, overlaps

    def later_and_higher(a: Report, b: Report) -> bool:  # one certainly published after the other states more
        da, db = parse_partial(a.as_of or a.published), parse_partial(b.as_of or b.published)
        if da is None or db is None:
            return False
        (a_first, a_last), (b_first, b_last) = partial_period(da), partial_period(db)
        if b_last < a_first:
            return bounds(a.interval)[0] > bounds(b.interval)[1]
        if a_last < b_first:
            return bounds(b.interval)[0] > bounds(a.interval)[1]
        return False

    rng = random.Random(11)
    dates = [None, "2024", "2024-10", "2024-10-05", "2024-10-20", "2024-11", "2024-11-02", "2025-01-15", "bad"]
    for _ in range(600):
        reports = []
        for number in range(rng.randint(0, 9)):
            low, high = sorted(rng.choice([0, 3, 5, 8, 12, 20]) for _ in range(2))
            interval = None if rng.random() < 0.1 else (rng.choice([None, low, low]), rng.choice([None, high, high]))
            reports.append(Report(claim_id=f"c{number}", article_id="a", source=rng.choice("xyz"),
                                  published=rng.choice(dates), as_of=rng.choice([None, None, *dates]),
                                  text="12 000 soldats", sentence="", hedged=rng.random() < 0.3, interval=interval,
                                  review_action=rng.choice([None, None, "reject"]),
                                  divergent=rng.random() < 0.1))
        firm = [r for r in reports if not r.rejected and not r.hedged] or [r for r in reports if not r.rejected]
        expected = [r.divergent or (not r.rejected and r.interval is not None and any(
            not overlaps(r.interval, o.interval) and not later_and_higher(r, o)
            for o in firm if o.source != r.source and o.interval is not None)) for r in reports]
        marked = _mark_divergent("divergent", tuple(reports), cumulative=True)
        assert [r.divergent for r in marked] == expected
        assert all(m is r for m, r in zip(marked, reports, strict=True) if m.divergent == r.divergent)


def test_a_source_page_rendered_again_for_its_header_keeps_its_tables(tmp_path, monkeypatch, made):
    """A claim no topic shows changes its source page's claim count: the page is rendered again, its comparison
    tables are taken as kept (with the cells inside them), and the page is the one a cold render makes."""
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    made.clear()
    article = briefing.articles[0]
    extra = replace(briefing.claims[article.id][0], id="zz-unshown-claim")
    edited = replace(briefing, claims={**briefing.claims, article.id: briefing.claims[article.id] + (extra,)})
    stats = render(edited, config, tmp_path / "b", cache)
    assert f"sources/{article.source_id}/index.html" in stats.rendered
    assert not [key for key in made if key[1] in fragments_module.TABLES]
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")
    page = (tmp_path / "cold" / f"sources/{article.source_id}/index.html").read_text(encoding="utf-8")
    assert '<table class="compare">' in page


def test_a_big_fragment_is_kept_in_its_own_file_checked_when_read(tmp_path):
    big = "<table>" + "<tr><td>ligne</td></tr>" * 2000 + "</table>"
    store = fragments_module.Store(tmp_path / "fragments.bin", "code")
    store.fresh = {"table": (big, (("source", "x", "d"),)), "cell": ("<p>petit</p>", ())}
    store.save()
    files = list((tmp_path / "fragments").glob("*.html"))
    assert len(files) == 1 and files[0].read_text(encoding="utf-8") == big
    assert len((tmp_path / "fragments.bin").read_bytes()) < len(big) / 4  # the store names the file only
    again = fragments_module.Store(tmp_path / "fragments.bin", "code")
    again.load()
    stored = again.kept["table"][0]
    assert stored != big and again.text(stored) == big and again.text(again.kept["cell"][0]) == "<p>petit</p>"
    files[0].write_text(big.replace("ligne", "LIGNE"), encoding="utf-8")  # altered by hand: never used
    assert again.text(stored) is None
    for _ in range(fragments_module.KEEP_BUILDS + 1):  # no build uses the table any more: its file goes too
        store = fragments_module.Store(tmp_path / "fragments.bin", "code")
        store.load()
        store.fresh = {"cell": store.kept["cell"][:2]}
        store.save()
    assert not list((tmp_path / "fragments").glob("*.html"))


def test_a_table_made_again_replaces_the_version_it_supersedes(tmp_path):
    """Each edit of a busy topic makes new versions of its tables: the one a table replaces at its place (page
    and topic) is dropped at once, file and all, not kept for KEEP_BUILDS builds."""
    big = "<table>" + "<tr><td>v1</td></tr>" * 2000 + "</table>"
    store = fragments_module.Store(tmp_path / "fragments.bin", "code")
    store.fresh = {"k1": (big, ()), "other": (big.replace("v1", "o"), ())}
    store.place("2\x1fsource_table\x1ft\x1fs", "k1")
    store.place("2\x1fsource_table\x1ft\x1fz", "other")
    store.save()
    assert len(list((tmp_path / "fragments").glob("*.html"))) == 2
    store = fragments_module.Store(tmp_path / "fragments.bin", "code")
    store.load()
    store.fresh = {"k2": (big.replace("v1", "v2"), ())}
    store.place("2\x1fsource_table\x1ft\x1fs", "k2")
    store.save()
    again = fragments_module.Store(tmp_path / "fragments.bin", "code")
    again.load()
    assert set(again.kept) == {"k2", "other"}  # the other place's table stays, unused this build
    assert len(list((tmp_path / "fragments").glob("*.html"))) == 2


def test_a_third_source_joining_a_row_leaves_the_other_pair_page_alone(tmp_path, monkeypatch):
    """A pair page shows each row's two sides only: a statement a third outlet now reports too is the same row
    for the pair of the first two, whose page is reused, while the pages comparing the newcomer are made."""
    from tests.test_render import _claim

    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    text = "« Tout le monde est à l’abri ce soir », a assuré la préfète Claire Dumas.\n"
    quote = _claim("blog-note", text, "Tout le monde est à l’abri ce soir", "quote",
                   quote="Tout le monde est à l’abri ce soir", speaker="Claire Dumas", direct=True, verb="assurer")
    briefing = replace(briefing, articles=tuple(replace(a, text=text, published="2024-06-21")
                                                if a.id == "blog-note" else a for a in briefing.articles),
                       claims={**briefing.claims, "blog-note": (quote,)})
    render(briefing, config, tmp_path / "a", cache)
    topic = json.loads(json.dumps(briefing.topics[0]))
    topic["sources"].append({"key": "unknown-blog-note", "name": "Source inconnue — Note de blog", "known": False,
                             "articles": ["blog-note"]})
    topic["statements"][0]["statements"][0]["reports"].append(
        {"claim": quote.id, "article": "blog-note", "source": "unknown-blog-note", "published": "2024-06-21",
         "quote": quote.quote, "direct": True, "verb": "assurer", "sentence": quote.sentence,
         "start": quote.start, "end": quote.end})
    edited = replace(briefing, topics=(topic, briefing.topics[1]))
    stats = render(edited, config, tmp_path / "b", cache)
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")
    compared = sorted(p for p in stats.rendered + stats.reused if p.startswith("compare/"))
    assert compared == ["compare/agence-alpha--quotidien-beta/index.html",
                        "compare/agence-alpha--unknown-blog-note/index.html",
                        "compare/quotidien-beta--unknown-blog-note/index.html"]
    assert "compare/agence-alpha--quotidien-beta/index.html" in stats.reused
    assert {"compare/agence-alpha--unknown-blog-note/index.html",
            "compare/quotidien-beta--unknown-blog-note/index.html"} <= set(stats.rendered)
    page = (tmp_path / "cold" / "compare/agence-alpha--unknown-blog-note/index.html").read_text(encoding="utf-8")
    assert "Tout le monde est à l’abri ce soir" in page


def test_kept_topic_rows_follow_what_is_new(tmp_path, monkeypatch, made):
    """A topic row is kept by what it shows and which of its own claims are new: when the build's new claims
    move to another row, both rows are made again and the page is the one a cold render makes."""
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    topic = json.loads(json.dumps(briefing.topics[0]))
    figure_claim = topic["figures"][0]["claims"][0]["claim"]
    statement_claim = topic["statements"][0]["statements"][0]["reports"][0]["claim"]
    topic["changes"] = {"added": [figure_claim], "removed": []}
    render(replace(briefing, topics=(topic, briefing.topics[1])), config, tmp_path / "a", cache)
    made.clear()
    moved = dict(topic, changes={"added": [statement_claim], "removed": []})
    edited = replace(briefing, topics=(moved, briefing.topics[1]))
    render(edited, config, tmp_path / "b", cache)
    rows = {(key[1], (key[3] if key[1] == "matrix_row" else key[2]).id) for key in made
            if key[1] in fragments_module.ROWS}
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")
    assert ("matrix_row", "evacuated") in rows and ("figure_section", "evacuated") in rows
    assert ("matrix_row", "st1") in rows and ("statement_wordings", "st1") in rows
    assert ("matrix_row", "ev19") not in rows and ("matrix_row", "st2") not in rows
    assert ("statement_wordings", "st2") not in rows
    page = (tmp_path / "cold" / "topics/evacuations/index.html").read_text(encoding="utf-8")
    assert page.count('class="flag flag-new"') >= 1


@pytest.fixture
def rows_made(monkeypatch) -> list[tuple[str, object]]:
    """Every comparison-table row rendered from its macro (not taken back from the table's last version)."""
    return _counting(monkeypatch, "_call",
                     lambda depth, macro, args: (macro, args[0]) if macro in fragments_module.TABLE_ROWS else None)


def test_a_table_made_again_takes_its_unchanged_rows_back(tmp_path, monkeypatch, rows_made):
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    first = len(rows_made)
    assert first > 0
    rows_made.clear()
    topic = json.loads(json.dumps(briefing.topics[1]))  # one figure's value edited: its rows change, no other
    topic["figures"][0]["claims"][1]["value"] = 26_000_000
    edited = replace(briefing, topics=(briefing.topics[0], topic))
    render(edited, config, tmp_path / "b", cache)
    assert rows_made and len(rows_made) < first
    assert {row.label for _, row in rows_made} == {topic["figures"][0]["label"]}  # the edited figure's rows only
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")
    # an article retitled: rows whose cells link to it (a look-up) are made again, the page still as cold
    rows_made.clear()
    retitled_too = retitled(edited, "alpha-crue", "Crues : le bilan de la préfecture")
    render(retitled_too, config, tmp_path / "c", cache)
    render(retitled_too, config, tmp_path / "cold2", None)
    assert tree(tmp_path / "c") == tree(tmp_path / "cold2")


def test_a_table_whose_last_version_is_gone_makes_every_row(tmp_path, monkeypatch, rows_made):
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    store = cache / "fragments.bin"
    version, code, generation, items, slots, _ = marshal.loads(store.read_bytes())
    store.write_bytes(marshal.dumps((version, code, generation, items, slots, {})))  # no row places kept
    rows_made.clear()
    topic = json.loads(json.dumps(briefing.topics[1]))
    topic["figures"][0]["claims"][1]["value"] = 26_000_000
    edited = replace(briefing, topics=(briefing.topics[0], topic))
    render(edited, config, tmp_path / "b", cache)
    assert len({row.label for _, row in rows_made}) > 1  # the tables holding the figure were made whole
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")
