"""Render cache and parallel rendering: reused pages are exactly what a fresh render makes, only the pages that
read an edited input are rendered again, a template edit renders everything, an altered cache entry is never
published, and forked workers write the same bytes as one process."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import marshal
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from extract import filestat
from extract.config import Config
from extract.models import Briefing
from render import jobs, publish, rendercache
from render import site as site_module
from render.digest import Digester
from tests.test_render import make_briefing, make_config

ROOT = Path(__file__).resolve().parent.parent


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a staged site by relative path, with its bytes (pages kept in the render cache too)."""
    return {rel: path.read_bytes() for rel, path in sorted(publish.staged_files(folder).items())}


def render(briefing: Briefing, config: Config, out: Path, cache: Path | None) -> jobs.Stats:
    """One render into a fresh folder, returning what was rendered and what reused."""
    out.mkdir(parents=True)
    stats = jobs.Stats()
    site_module.render(briefing, config, out, cache=cache, stats=stats)
    return stats


def retitled(briefing: Briefing, article_id: str, title: str) -> Briefing:
    """The briefing after an editor changed one article's title."""
    return replace(briefing, articles=tuple(replace(a, title=title) if a.id == article_id else a
                                            for a in briefing.articles))


@pytest.fixture
def one_worker(monkeypatch):
    monkeypatch.setenv("RECOUPE_WORKERS", "1")


def test_warm_cache_gives_the_same_site_as_no_cache(tmp_path, one_worker):
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    first = render(briefing, config, tmp_path / "a", cache)
    assert first.reused == [] and first.rendered
    warm = render(briefing, config, tmp_path / "b", cache)
    render(briefing, config, tmp_path / "c", None)
    assert warm.rendered == [] and len(warm.reused) == len(first.rendered)
    assert tree(tmp_path / "b") == tree(tmp_path / "c") == tree(tmp_path / "a")
    # Reused pages are not even staged: publish takes them from the cache.
    assert not (tmp_path / "b" / "index.html").exists()
    assert publish.staged_files(tmp_path / "b")["index.html"].parent.parent.name == "blobs"


def test_one_article_edit_renders_only_the_pages_reading_it(tmp_path, one_worker):
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "before", cache)
    edited = retitled(briefing, "blog-note", "Un billet de blog renommé")
    stats = render(edited, config, tmp_path / "after", cache)
    render(edited, config, tmp_path / "cold", None)
    before, after = tree(tmp_path / "before"), tree(tmp_path / "after")
    assert after == tree(tmp_path / "cold")
    changed = {path for path in after if before.get(path) != after[path] and path.endswith(".html")}
    assert "articles/blog-note/index.html" in changed
    assert changed <= set(stats.rendered)  # every page whose bytes changed was rendered again
    # …and nothing that cannot show the blog note's title: other articles, topics, people, unrelated pairs.
    assert not [p for p in stats.rendered if p.startswith(("articles/alpha", "articles/beta", "topics/", "people/",
                                                           "timeline/", "compare/agence-alpha--quotidien"))]
    assert 0 < len(stats.rendered) <= 8 and len(stats.reused) > 2 * len(stats.rendered)


def test_a_claim_edit_renders_the_pages_showing_the_claim(tmp_path, one_worker):
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "before", cache)
    topic = json.loads(json.dumps(briefing.topics[1]))  # the damage topic: one figure, two sources
    topic["figures"][0]["claims"][1]["value"] = 26_000_000
    edited = replace(briefing, topics=(briefing.topics[0], topic))
    stats = render(edited, config, tmp_path / "after", cache)
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "after") == tree(tmp_path / "cold")
    assert "topics/degats/index.html" in stats.rendered and "data/degats.json" in stats.rendered
    assert "topics/evacuations/index.html" in stats.reused and "data/evacuations.yaml" in stats.reused
    assert not [p for p in stats.rendered if p.startswith("articles/")]


def test_template_edit_renders_every_page_again_but_no_download(tmp_path, one_worker):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "templates", project / "templates")
    config = replace(make_config(), root=project)
    briefing, cache = make_briefing(), tmp_path / "cache"
    first = render(briefing, config, tmp_path / "a", cache)
    assert render(briefing, config, tmp_path / "b", cache).rendered == []
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>Édition test</p>\n</footer>"),
                    encoding="utf-8")
    stats = render(briefing, config, tmp_path / "c", cache)
    pages = [p for p in first.rendered if p.endswith(".html")]
    assert stats.rendered == pages and len(pages) > 10  # every page; the data downloads do not use templates
    assert sorted(stats.reused) == [p for p in first.rendered if p.startswith("data/")]
    assert all("Édition test" in (tmp_path / "c" / p).read_text(encoding="utf-8")
               for p in stats.rendered if p.endswith(".html"))


def test_a_stylesheet_edit_renders_no_page_but_the_one_inlining_it(tmp_path, one_worker):
    """Pages link to the stylesheet; only 404.html (no base_url: it cannot link from any depth) inlines it."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "templates", project / "templates")
    config = replace(make_config(), root=project)
    briefing, cache = make_briefing(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    css = project / "templates" / "static" / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.essai-test { color: #123456; }\n", encoding="utf-8")
    stats = render(briefing, config, tmp_path / "b", cache)
    assert stats.rendered == ["404.html"]
    assert ".essai-test" in (tmp_path / "b" / "static" / "style.css").read_text(encoding="utf-8")
    assert ".essai-test" in (tmp_path / "b" / "404.html").read_text(encoding="utf-8")
    render(briefing, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")


def test_kept_fragments_outlive_an_edit_of_a_page_template_not_of_the_macros(tmp_path, one_worker, monkeypatch):
    """Cells, rows and tables are macros of macros.html: a base.html edit renders every page again from the
    kept ones, a macros.html edit makes them again."""
    from render import fragments as fragments_module

    made: list[object] = []
    original = fragments_module.Fragments._make
    monkeypatch.setattr(fragments_module.Fragments, "_make", lambda self, key: made.append(key) or original(self, key))
    project = tmp_path / "project"
    shutil.copytree(ROOT / "templates", project / "templates")
    config = replace(make_config(), root=project)
    briefing, cache = make_briefing(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    assert made
    made.clear()
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>Édition test</p>\n</footer>"),
                    encoding="utf-8")
    stats = render(briefing, config, tmp_path / "b", cache)
    assert "topics/evacuations/index.html" in stats.rendered and made == []
    render(briefing, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")
    macros = project / "templates" / "macros.html"
    macros.write_text(macros.read_text(encoding="utf-8").replace("</ul>", "</ul>\n", 1), encoding="utf-8")
    render(briefing, config, tmp_path / "c", cache)
    assert made


def _blobs(cache: Path) -> dict[str, str]:
    """The render manifest's blob of each page."""
    _, _, _, pages, _ = marshal.loads((cache / rendercache.MANIFEST).read_bytes())
    return {path: blob for path, _, blob, *_ in pages}


def test_an_altered_cache_entry_is_never_published(tmp_path, one_worker):
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    # Altered in place through a published hard link, as an editor fixing site/ by hand would do.
    with (tmp_path / "a" / "topics" / "evacuations" / "index.html").open("r+b") as handle:
        handle.write(b"<!-- tampered -->")
    blob = _blobs(cache)["topics/evacuations/index.html"]
    assert (cache / "blobs" / blob[:2] / blob).read_bytes().startswith(b"<!-- tampered -->")
    stats = render(briefing, config, tmp_path / "b", cache)
    render(briefing, config, tmp_path / "c", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "c")
    assert stats.rendered == ["topics/evacuations/index.html"]


def test_cache_keeps_only_what_the_last_render_used(tmp_path, one_worker):
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "a", cache)
    render(retitled(briefing, "alpha-crue", "Crues : le bilan"), config, tmp_path / "b", cache)
    assert {p.name for p in (cache / "blobs").glob("*/*")} == set(_blobs(cache).values())


def test_forked_workers_write_the_same_site_as_one_process(tmp_path, monkeypatch):
    briefing, config = make_briefing(), make_config()
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    serial = render(briefing, config, tmp_path / "serial", None)
    monkeypatch.setenv("RECOUPE_WORKERS", "2")
    parallel = render(briefing, config, tmp_path / "parallel", tmp_path / "cache")
    assert serial.workers == 1 and parallel.workers == 2
    assert parallel.rendered == serial.rendered
    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")
    assert render(briefing, config, tmp_path / "again", tmp_path / "cache").rendered == []


def test_checking_shared_between_processes_reuses_and_renders_what_one_process_would(tmp_path, monkeypatch):
    briefing, config = make_briefing(), make_config()
    edited = retitled(briefing, "blog-note", "Un billet de blog renommé")
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    render(briefing, config, tmp_path / "s1", tmp_path / "serial")
    serial = render(edited, config, tmp_path / "s2", tmp_path / "serial")
    monkeypatch.setattr(jobs, "CHECK_PARALLEL_FROM", 1)  # every render checks its pages on two processes
    monkeypatch.setenv("RECOUPE_WORKERS", "2")
    render(briefing, config, tmp_path / "p1", tmp_path / "shared")
    shared = render(edited, config, tmp_path / "p2", tmp_path / "shared")
    assert shared.workers == 2 and serial.workers == 1
    assert shared.rendered == serial.rendered and sorted(shared.reused) == sorted(serial.reused)
    assert 0 < len(shared.rendered) < len(shared.reused)
    assert tree(tmp_path / "p2") == tree(tmp_path / "s2")
    # The blobs a worker found intact by hash are remembered: the next build does not read them again (the
    # blobs are seconds old: taken as settled here, as they are a build later).
    monkeypatch.setattr(filestat, "settled", lambda *_times: True)
    shared = render(edited, config, tmp_path / "p3", tmp_path / "shared")
    assert shared.rendered == []
    checked = marshal.loads((tmp_path / "shared" / rendercache.MANIFEST).read_bytes())[4]
    assert {name for name, _ in checked} >= {_blobs(tmp_path / "shared")[p] for p in shared.reused}


def test_a_failing_page_in_a_worker_fails_the_render(tmp_path, monkeypatch):
    monkeypatch.setenv("RECOUPE_WORKERS", "2")
    project = tmp_path / "project"
    shutil.copytree(ROOT / "templates", project / "templates")
    person = project / "templates" / "person.html"
    text = person.read_text(encoding="utf-8").replace("</h1>", "{{ no_such_value.title }}</h1>")
    person.write_text(text, encoding="utf-8")
    config = replace(make_config(), root=project)
    with pytest.raises(UndefinedError, match="no_such_value"):
        render(make_briefing(), config, tmp_path / "out", tmp_path / "cache")
    assert not (tmp_path / "cache" / rendercache.MANIFEST).exists()


def test_templates_cannot_read_the_lookup_tables_unrecorded():
    site = site_module.Site(title="t", description="", language="fr", base_url=None, full_text=True, updated=None)
    view = site_module.TemplateSite(site.at("index.html", record={}))
    assert view.title == "t" and view.url("timeline") == "timeline/index.html"
    for name in ("articles", "marked", "sources", "people", "notes", "at"):
        with pytest.raises(AttributeError):
            getattr(view, name)


def test_lookups_are_recorded_with_their_answers():
    record: dict[tuple[str, str], object] = {}
    site = site_module.Site(title="t", description="", language="fr", base_url=None, full_text=True, updated=None,
                            marked=frozenset({"c1"}), people=frozenset({"claire-dumas"})).at("index.html",
                                                                                              record=record)
    assert site.claim_url("gone", "c1") is None
    assert site.person_url("Claire Dumas") == "people/claire-dumas/index.html"
    assert site.is_marked("c1") and site.source_name("x") == "x"
    assert record == {("article", "gone"): None, ("person", "claire-dumas"): True, ("marked", "c1"): True,
                      ("source", "x"): None}


@dataclass(frozen=True)
class _Row:
    label: str
    values: tuple[int, ...]


def test_digest_sees_content_types_and_order_and_refuses_unknown_types():
    digest = Digester().digest
    assert digest(_Row("a", (1, 2))) == Digester().digest(_Row("a", (1, 2)))
    different = [_Row("a", (2, 1)), _Row("b", (1, 2)), ("a", (1, 2)), {"a": 1, "b": 2}, {"b": 2, "a": 1},
                 "<b>", Markup("<b>"), 1, 1.0, True, "1", None, dt.date(2024, 6, 19), "2024-06-19",
                 list(range(20)), tuple(range(20)), frozenset({"x", "y"})]
    digests = [digest(_Row("a", (1, 2)))] + [digest(value) for value in different]
    assert len(set(digests)) == len(digests)
    assert digest({"y", "x"}) == digest({"x", "y"})  # sets: no order to see
    with pytest.raises(TypeError, match="cannot digest"):
        digest({"page": object()})


def test_forked_workers_under_the_builds_signal_handler(tmp_path, monkeypatch):
    from render import publish

    monkeypatch.setenv("RECOUPE_WORKERS", "2")
    with publish.staging(tmp_path) as folder:  # installs the build's SIGTERM handler, as build.py does
        stats = jobs.Stats()
        site_module.render(make_briefing(), make_config(), folder, stats=stats)
        assert stats.workers == 2 and (folder / "index.html").is_file()


def test_a_lookup_made_inside_a_shared_cell_is_replayed(tmp_path, one_worker):
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    render(briefing, config, tmp_path / "before", cache)
    # The first claim's offsets stop matching its text: its article loses the mark, so every cell linking to
    # it must link to the article alone. Topic data is unchanged: only the recorded look-up can tell.
    claims = dict(briefing.claims)
    first = claims["alpha-crue"][0]
    claims["alpha-crue"] = (replace(first, start=first.start + 1, end=first.end + 1), *claims["alpha-crue"][1:])
    edited = replace(briefing, claims=claims)
    stats = render(edited, config, tmp_path / "after", cache)
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "after") == tree(tmp_path / "cold") != tree(tmp_path / "before")
    assert "topics/evacuations/index.html" in stats.rendered and "topics/degats/index.html" in stats.reused


def test_a_yaml_download_is_the_text_the_caller_gives_for_its_data(tmp_path, one_worker):
    from render import feeds

    briefing, config = make_briefing(), make_config()
    render(briefing, config, tmp_path / "made", None)
    assert (tmp_path / "made" / "data" / "evacuations.yaml").read_text(encoding="utf-8") == feeds.topic_yaml(
        briefing.topics[0])
    out = tmp_path / "given"
    out.mkdir()
    given: list[str] = []
    site_module.render(briefing, config, out, topic_text=lambda slug, data: given.append(slug) or
                       "# as written to data/topics/\n")
    assert (out / "data" / "evacuations.yaml").read_text(encoding="utf-8") == "# as written to data/topics/\n"
    assert sorted(given) == sorted(t["topic"]["slug"] for t in briefing.topics)


def test_a_record_of_plain_fields_digests_as_its_fields_would_item_by_item():
    from render import digest as digest_module

    @dataclass(frozen=True)
    class Holder:
        row: object
        when: object

    def item_by_item(value: object) -> bytes:  # the encoding without the one-call shortcut for plain records
        inner = hashlib.blake2b(digest_size=16)
        Digester()._feed_inner(value, inner.update)
        outer = hashlib.blake2b(digest_size=16)
        outer.update(b"@" + inner.digest())
        return outer.digest()

    plain, nested = _Row("a", (1, 2)), Holder(_Row("b", (3,)), dt.date(2024, 6, 19))
    assert Digester().digest(plain) == item_by_item(plain)
    assert Digester().digest(nested) == item_by_item(nested)
    assert Holder in digest_module._NESTED and _Row not in digest_module._NESTED
    assert Digester().digest(nested) == item_by_item(nested)  # the second time, straight item by item
    assert Digester().digest(Holder(_Row("b", (3,)), dt.date(2024, 6, 20))) != Digester().digest(nested)


def test_reports_read_in_one_pass_equal_those_read_defensively():
    """The one-pass reading of plain report data gives the very report the defensive reading gives, for
    well-formed data and for fields of every odd type (which it hands to the defensive reading)."""
    import random

    from render.topics import _report, _report_checked

    draw = random.Random(5)
    odd = [None, "", "x", "approx", "at_most", "at_least", "reject", 3, 2.5, True, False, [1, 2], (None, 7),
           {"action": "reject", "note": "doublon"}, {"action": 4}, "2024-06-19", "yes", "tie", "no"]
    keys = ["claim", "article", "source", "published", "text", "sentence", "hedged", "claimant", "value", "low",
            "high", "qualifier", "interval", "first", "expression", "quote", "direct", "verb", "review"]
    for _ in range(3000):
        raw = {key: draw.choice(odd) for key in keys if draw.random() < 0.6}
        if draw.random() < 0.7:
            raw["claim"] = f"c{draw.randint(1, 9)}"
        if isinstance(raw.get("first"), (list, dict)):
            del raw["first"]  # unhashable: both readings raise alike
        assert _report(raw) == _report_checked(raw), raw
    well_formed = {"claim": "c1", "article": "a1", "source": "alpha", "published": "2024-06-19", "value": 1500,
                   "qualifier": "approx", "sentence": "Environ 1 500 soldats.", "text": "1 500", "first": "yes",
                   "review": {"action": "correct", "note": "vu"}, "hedged": True, "direct": False}
    assert _report(well_formed) == _report_checked(well_formed)
    assert _report(well_formed).interval == pytest.approx((1350, 1650))


def test_a_sequence_of_plain_records_digests_by_content_order_and_kind():
    """Records of one class in a sequence are digested in one call: still every field, the order and the
    sequence's kind count, and a sequence mixing classes or holding nested records still digests."""
    from render import digest as digest_module

    @dataclass(frozen=True)
    class Holder:
        row: object

    digest = Digester().digest
    rows = (_Row("a", (1, 2)), _Row("b", (3,)))
    assert digest(rows) == Digester().digest((_Row("a", (1, 2)), _Row("b", (3,))))
    others = [(_Row("a", (1, 2)), _Row("b", (4,))), (_Row("b", (3,)), _Row("a", (1, 2))), list(rows),
              (_Row("a", (1, 2)),), (_Row("a", (1, 2)), Holder(_Row("b", (3,)))), (Holder(rows[0]), Holder(rows[1]))]
    digests = [digest(rows)] + [digest(value) for value in others]
    assert len(set(digests)) == len(digests)
    assert Holder in digest_module._NESTED and _Row not in digest_module._NESTED


def test_a_topic_whose_data_did_not_change_keeps_its_view_in_one_process(tmp_path, one_worker):
    """serve renders again in one process: a topic read from the same data is the same view (not read again),
    and a topic whose data changed is read again."""
    from render.digest import Digester

    briefing = make_briefing()
    render(briefing, make_config(), tmp_path / "a", tmp_path / "cache")
    kept = {topic.slug: topic for topic, _ in site_module._VIEWS.values()}
    made: dict = {}
    again = [site_module._read_topic(data, f"topic-{i}", Digester(), made) for i, data in enumerate(briefing.topics)]
    assert all(view is kept[view.slug] for view in again)
    changed = dict(briefing.topics[0], topic={**briefing.topics[0]["topic"], "title": "Autre titre"})
    assert site_module._read_topic(changed, "topic-0", Digester(), made) is not kept[again[0].slug]


def test_a_topic_read_again_keeps_the_rows_its_data_did_not_change(tmp_path, one_worker):
    """A topic whose data changed is read again, but a figure, event or statement made from the same data as
    one of the last views is that view (an edit changes a few rows, not every report of the topic); the site
    is the one a render from scratch makes."""
    briefing = make_briefing()
    render(briefing, make_config(), tmp_path / "a", tmp_path / "cache")
    before = next(t for t, _ in site_module._VIEWS.values() if t.slug == "evacuations")
    changed = json.loads(json.dumps(briefing.topics[0]))
    changed["statements"][0]["statements"][0]["reports"][0]["quote"] = "Nous avons tout évacué en une nuit"
    edited = replace(briefing, topics=(changed, *briefing.topics[1:]))
    render(edited, make_config(), tmp_path / "b", tmp_path / "cache")
    after = next(t for t, _ in site_module._VIEWS.values() if t.slug == "evacuations")
    assert after is not before
    assert after.figures[0] is before.figures[0] and after.events == before.events
    assert all(a is b for a, b in zip(after.events, before.events, strict=True))
    assert after.statements[0] is not before.statements[0] and after.statements[1] is before.statements[1]
    assert after.statements[0].reports[0].quote == "Nous avons tout évacué en une nuit"
    site_module._VIEWS.clear()
    render(edited, make_config(), tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")


def test_views_made_from_the_last_builds_data_while_parsing_are_taken_by_the_render(tmp_path, one_worker, monkeypatch):
    """A build that parses an edited article makes the views of the topics as data/ holds them meanwhile
    (site.prefetch): a topic whose data the edit left alone is not read again, one it changed is, and the site
    is the one a render from scratch makes."""
    from extract import datafiles, memofile
    from render import topics as topics_module

    briefing = make_briefing()
    briefing = replace(briefing, topics=tuple(sorted(briefing.topics, key=lambda t: t["topic"]["slug"])))  # as built
    data = tmp_path / "data"
    copies = tmp_path / ".cache" / datafiles.COPIES  # the build's copies of what it wrote in data/topics
    copies.mkdir(parents=True)
    for topic in briefing.topics:
        memofile.write(copies / f"{topic['topic']['slug']}.bin", {"data": topic}, ".copy-")
    memofile.write(copies / "aaa-gone.bin", {"data": {"topic": {"slug": "aaa-gone"}}}, ".copy-")  # a topic removed
    (copies / "damaged.bin").write_bytes(b"not a copy")
    changed = json.loads(json.dumps(briefing.topics[0]))
    changed["figures"][0]["claims"][0]["value"] = 424_242
    edited = replace(briefing, topics=(changed, *briefing.topics[1:]))
    site_module._VIEWS.clear()
    site_module.prefetch(data)
    assert len(site_module._VIEWS) == len(briefing.topics) + 1  # the removed topic too: made, never used
    read: list[str] = []
    original = topics_module.read_topic
    monkeypatch.setattr(site_module, "read_topic", lambda data, *a, **k: read.append(data["topic"]["slug"]) or
                        original(data, *a, **k))
    render(edited, make_config(), tmp_path / "a", None)
    assert read == [changed["topic"]["slug"]]
    site_module._VIEWS.clear()
    render(edited, make_config(), tmp_path / "cold", None)
    assert tree(tmp_path / "a") == tree(tmp_path / "cold")


def test_article_pages_keyed_on_their_claims_key(tmp_path, one_worker):
    """Given each article's claims key, an article page's key digests it (the claims are a pure function of
    it) with the ids of the claims it shows: a new key or a claim hidden renders the page again."""
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    article = next(a for a in briefing.articles if briefing.claims.get(a.id))
    first = briefing.claims[article.id][0]  # as many claims as a real article (short lists are digested whole)
    more = tuple(replace(first, id=f"{first.id[:-2]}{i:02d}") for i in range(10))
    briefing = replace(briefing, claims={**briefing.claims, article.id: briefing.claims[article.id] + more})
    keys = {a.id: f"key-{a.id}" for a in briefing.articles}

    def run(name: str, given: Briefing, claim_keys: dict[str, str]) -> jobs.Stats:
        (tmp_path / name).mkdir()
        stats = jobs.Stats()
        site_module.render(given, config, tmp_path / name, cache=cache, stats=stats, claim_keys=claim_keys)
        return stats

    run("a", briefing, keys)
    assert run("b", briefing, keys).rendered == []
    stats = run("c", briefing, {**keys, article.id: "another-key"})
    assert stats.rendered == [f"articles/{article.id}/index.html"]
    render(briefing, config, tmp_path / "cold", None)
    assert tree(tmp_path / "c") == tree(tmp_path / "cold")
    # A claim gone from the article's list (rejected by an editor: filtered before the pages see it).
    fewer = replace(briefing, claims={**briefing.claims, article.id: briefing.claims[article.id][1:]})
    stats = run("d", fewer, {**keys, article.id: "another-key"})
    assert f"articles/{article.id}/index.html" in stats.rendered
    render(fewer, config, tmp_path / "cold-fewer", None)
    assert tree(tmp_path / "d") == tree(tmp_path / "cold-fewer")


def test_a_few_big_pages_are_rendered_on_both_cores(monkeypatch):
    """An edit touching a topic re-renders a dozen pages, a few of them big (the topic, the timeline, a source):
    worth a fork; a handful of small ones are not."""
    monkeypatch.delenv("RECOUPE_WORKERS", raising=False)
    monkeypatch.setattr(jobs.os, "sched_getaffinity", lambda _pid: {0, 1})
    assert jobs.workers_wanted(3, 60) == 2
    assert jobs.workers_wanted(5, 5) == 1 and jobs.workers_wanted(1, 100) == 1
    assert jobs.workers_wanted(jobs.PARALLEL_FROM, 0) == 2
    monkeypatch.setenv("RECOUPE_WORKERS", "1")
    assert jobs.workers_wanted(3, 60) == 1


def test_an_article_page_showing_many_claims_renders_again_when_a_row_showing_them_changes(tmp_path, one_worker):
    """An article page's key holds the rows each of its claims is shown in (by their digests): renaming a
    figure renders again the article pages whose claims it shows, and only those."""
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    topic = json.loads(json.dumps(briefing.topics[1]))
    figure = topic["figures"][0]
    report = figure["claims"][0]
    article = report["article"]
    first = next(c for c in briefing.claims[article] if c.id == report["claim"])
    more = tuple(replace(first, id=f"{first.id}-{i}") for i in range(10))  # as many as a real article shows
    figure["claims"] += [{**report, "claim": c.id} for c in more]
    briefing = replace(briefing, topics=(briefing.topics[0], topic),
                       claims={**briefing.claims, article: briefing.claims[article] + more})
    render(briefing, config, tmp_path / "a", cache)
    renamed = json.loads(json.dumps(topic))
    renamed["figures"][0]["label"] = "Un autre nom de mesure"
    edited = replace(briefing, topics=(briefing.topics[0], renamed))
    stats = render(edited, config, tmp_path / "b", cache)
    assert f"articles/{article}/index.html" in stats.rendered
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")


def test_a_cache_file_read_ahead_is_taken_only_while_unchanged(tmp_path):
    """The build reads the kept fragments and the manifest while a worker loads the model (preread); the
    render takes that read only if the file is still the one read, else reads it again."""
    path = tmp_path / "fragments.bin"
    path.write_bytes(marshal.dumps(("v", [1, 2, 3])))
    rendercache.preread(path, tmp_path / "missing.bin")  # a missing file is left to the reader
    first = rendercache.read_marshal(path)
    assert first == ("v", [1, 2, 3])
    rendercache.preread(path)
    taken = rendercache._AHEAD._kept[path][1]
    assert rendercache.read_marshal(path) is taken  # the read-ahead value itself, once
    assert path not in rendercache._AHEAD
    rendercache.preread(path)
    rendercache.write_atomic(path, marshal.dumps(("v", [4])))  # rewritten since: read again
    assert rendercache.read_marshal(path) == ("v", [4])
    with pytest.raises(OSError):
        rendercache.read_marshal(tmp_path / "missing.bin")


def test_pages_named_by_their_quick_key_are_not_made_again_until_a_topic_changes(tmp_path, one_worker, monkeypatch):
    """Article and pair pages have a quick key (the article, its claims key and ids, the topics' digests): while
    it is the one kept, the page's inputs (the rows showing each claim, a pair's rows) are not made at all; a
    topic changed makes them again, and the pages are what a cold render makes."""
    briefing, config, cache = make_briefing(), make_config(), tmp_path / "cache"
    keys = {a.id: f"key-{a.id}" for a in briefing.articles}
    made: list[str] = []
    inputs = jobs.Runner.inputs

    def counted(self: jobs.Runner, index: int):
        if index not in self._inputs:
            made.append(self.jobs[index].path)
        return inputs(self, index)

    monkeypatch.setattr(jobs.Runner, "inputs", counted)

    def run(name: str, given: Briefing) -> jobs.Stats:
        (tmp_path / name).mkdir()
        stats = jobs.Stats()
        site_module.render(given, config, tmp_path / name, cache=cache, stats=stats, claim_keys=keys)
        return stats

    run("a", briefing)
    assert any(p.startswith("articles/") for p in made) and any(p.startswith("compare/") for p in made)
    made.clear()
    assert run("b", briefing).rendered == []
    assert not [p for p in made if p.startswith(("articles/", "compare/", "sources/")) and p != "sources/index.html"]
    # A figure renamed: the article pages showing it and the pair pages are checked again, rendered as cold.
    topic = json.loads(json.dumps(briefing.topics[1]))
    topic["figures"][0]["label"] = "Un autre nom de mesure"
    shown_in = topic["figures"][0]["claims"][0]["article"]
    edited = replace(briefing, topics=(briefing.topics[0], topic))
    made.clear()
    stats = run("c", edited)
    assert f"articles/{shown_in}/index.html" in made and f"articles/{shown_in}/index.html" in stats.rendered
    render(edited, config, tmp_path / "cold", None)
    assert tree(tmp_path / "c") == tree(tmp_path / "cold")
    # Another claims key for one article: its page and its source's are made again, the others keep theirs.
    made.clear()
    keys[shown_in] = "another-key"
    run("d", edited)
    assert [p for p in made if p.startswith("articles/")] == [f"articles/{shown_in}/index.html"]
    source = next(a.source_key for a in briefing.articles if a.id == shown_in)
    assert [p for p in made if p.startswith("sources/") and p != "sources/index.html"] == [
        f"sources/{source}/index.html"]
    assert tree(tmp_path / "d") == tree(tmp_path / "cold")


@pytest.mark.parametrize("count", [0, 1, 5, 40, 300])
def test_the_search_page_lists_the_shards_that_have_pages_without_hashing_every_article(count):
    """Listing the article shards stops once all are found: the same list as hashing every article's folder."""
    from render.paths import page_path, search_bundle

    pages = [("people", None), ("topic", "t1"), ("person", "jeanne-x")]
    articles = [f"2024-01-{n:04d}-article" for n in range(count)]
    every = sorted({search_bundle(page_path(kind, key)) for kind, key in pages + [("article", a) for a in articles]}
                   - {""})
    assert site_module._shards(pages, articles) == every
