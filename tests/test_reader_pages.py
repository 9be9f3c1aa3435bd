"""Pages as a reader meets them, rendered from a hand-made Briefing (no spaCy): what each place says is
what the sources said, with who, when and how firmly, without opening anything."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest

from render import site as site_module
from tests.test_render import make_briefing, make_config

NNBSP = "\u202f"


def _relogements(briefing) -> dict:
    """A topic whose one figure every source words 'environ 1 200'."""
    alpha = next(a for a in briefing.articles if a.id == "alpha-crue")
    claim = next(c for c in briefing.claims["alpha-crue"] if c.kind == "quantity" and c.qualifier == "approx")
    return {
        "schema": 1,
        "topic": {"slug": "relogements", "title": "Qui est relogé ?", "question": "Combien de personnes relogées ?"},
        "sources": [{"key": "agence-alpha", "name": "Agence Alpha", "known": True, "articles": [alpha.id]}],
        "figures": [{
            "id": "rehoused", "label": "Personnes relogées", "status": "single",
            "range": {"low": claim.value, "high": claim.value},
            "claims": [{"claim": claim.id, "article": alpha.id, "source": "agence-alpha",
                        "published": alpha.published, "claimant": None, "value": claim.value, "low": None,
                        "high": None, "qualifier": claim.qualifier, "hedged": False, "text": claim.text,
                        "sentence": claim.sentence, "start": claim.start, "end": claim.end, "first": "yes"}],
        }, {"id": "destroyed", "label": "Logements détruits", "status": "empty", "claims": []}],
        "events": [], "statements": [],
        "coverage": {"sources": ["agence-alpha"], "only": []},
    }


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    briefing = make_briefing()
    briefing = replace(briefing, topics=(*briefing.topics, _relogements(briefing)))
    # the article names a speaker its topic merged under a shorter name (the topic's "Marc Lenoir")
    claims = {key: tuple(replace(c, speaker="l’élu Marc Lenoir") if c.speaker == "Marc Lenoir" else c for c in items)
              for key, items in briefing.claims.items()}
    briefing = replace(briefing, claims=claims)
    folder = tmp_path_factory.mktemp("reader-site")
    site_module.render(briefing, make_config(), folder)
    return folder


def _text(html: str) -> str:
    """Visible text, tags dropped and spaces folded, so assertions read like the page."""
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_home_card_keeps_the_qualifier_of_a_figure_every_source_words_alike(out):
    home = _text((out / "index.html").read_text(encoding="utf-8"))
    assert f"Personnes relogées environ 1{NNBSP}200" in home


def test_figure_section_keeps_the_qualifier_of_its_one_value(out):
    topic = _text((out / "topics/relogements/index.html").read_text(encoding="utf-8"))
    assert f"Valeur rapportée\u00a0: environ 1{NNBSP}200" in topic


def _outside_details(html: str) -> str:
    """What a reader sees before opening anything: every <details> body left out, its summary kept."""
    return re.sub(r"<details[^>]*>\s*<summary>(.*?)</summary>.*?</details>", r"\1", html, flags=re.DOTALL)


def test_every_report_in_a_comparison_cell_says_when_its_source_published_it(out):
    html = (out / "topics/evacuations/index.html").read_text(encoding="utf-8")
    matrix = html[html.index('<table class="matrix'):html.index("</table>", html.index('<table class="matrix'))]
    reports = re.split(r'<div class="report', _outside_details(matrix))[1:]
    assert reports
    for report in reports:
        assert re.search(r'class="published">publié (le|en) <time datetime="\d{4}-\d{2}(-\d{2})?">', report), report
    shown = _text(_outside_details(matrix))
    assert "publié le 20 juin 2024" in shown and "publié en juillet 2024" in shown


def test_source_page_cells_say_when_each_source_published(out):
    html = (out / "sources/quotidien-beta/index.html").read_text(encoding="utf-8")
    assert "publié le 19 juin 2024" in _text(_outside_details(html))


def test_each_timeline_source_is_one_click_from_its_sentence_marked_in_the_article(out):
    import posixpath

    html = (out / "timeline/index.html").read_text(encoding="utf-8")
    events = re.findall(r'<li class="event".*?</li>', html, flags=re.DOTALL)
    assert events
    for event in events:
        sources = re.search(r"Sources\u00a0:(.*?)</p>", event, flags=re.DOTALL)
        assert sources, event
        links = re.findall(r'class="to-sentence" href="([^"]+)"', sources.group(1))
        named = re.findall(r'<a href="\.\./sources/', sources.group(1))
        assert links and len(links) == len(named), event
        for link in links:
            path, _, anchor = link.partition("#")
            target = (out / posixpath.normpath(posixpath.join("timeline", path)))
            assert target.is_file(), link
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), link


def test_a_wording_says_its_date_once(out):
    shown = _text(_outside_details((out / "people/claire-dumas/index.html").read_text(encoding="utf-8")))
    assert shown.count("20 juin 2024") == 1 and "publié le 20 juin 2024" in shown


def test_no_speaker_page_is_empty(out):
    people = _text((out / "people/index.html").read_text(encoding="utf-8"))
    assert " 0 déclaration" not in people
    for page in (out / "people").glob("*/index.html"):
        main = page.read_text(encoding="utf-8").split('<main id="main"', 1)[1]
        assert 'class="wordings"' in main, page.parent.name
    assert (out / "people/marc-lenoir/index.html").is_file()


def test_a_figure_no_source_gives_is_named_once_not_shown_as_a_row_of_dashes(out):
    html = (out / "topics/relogements/index.html").read_text(encoding="utf-8")
    matrix = html[html.index('<table class="matrix'):html.index("</table>", html.index('<table class="matrix'))]
    assert "Logements détruits" not in matrix and "Aucune donnée" not in html
    shown = _text(html.split('id="figures"', 1)[1])
    assert shown.count("Logements détruits") == 1
    assert "Pas encore de chiffre dans les sources Logements détruits" in shown


def test_an_article_claim_names_its_topic_row_without_doubled_punctuation(out):
    shown = _text((out / "articles/alpha-crue/index.html").read_text(encoding="utf-8"))
    assert "Qui est relogé ? — Personnes relogées" in shown
    assert not re.search(r"[?!:;]\s*:", shown)


def test_sources_table_leaves_out_a_column_no_source_fills(tmp_path):
    briefing = make_briefing()
    bare = tuple(replace(s, kind=None) for s in briefing.sources)
    site_module.render(replace(briefing, sources=bare), make_config(), tmp_path)
    html = (tmp_path / "sources/index.html").read_text(encoding="utf-8")
    head = html[html.index("<thead>"):html.index("</thead>")]
    assert ">Type<" not in head and ">Pays<" in head
    assert len(re.findall(r"<td", html.split("<tbody>")[1].split("</tr>")[0])) == 4  # pays, articles, claims, topics


def test_sources_table_keeps_a_column_some_source_fills(out):
    head = (out / "sources/index.html").read_text(encoding="utf-8").split("<thead>")[1].split("</thead>")[0]
    assert ">Type<" in head and ">Pays<" in head


def test_source_page_event_rows_give_the_event_date(out):
    html = (out / "sources/agence-alpha/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<th scope="row">(.*?)</th>', html, flags=re.DOTALL)
    events = [r for r in rows if "mercredi 19 juin 2024" in r]
    assert events and all('<span class="row-date">19 juin 2024</span>' in r for r in events)


def test_a_shortened_sentence_never_ends_inside_a_number():
    from render.formats import headline

    sentence = ("Selon la préfecture de la Drôme, les pompiers ont mis à l’abri cette nuit environ 12 500 habitants "
                "du bas")
    limit = sentence.index("12 500") + len("12 50") + 1  # the cut would fall inside "500"
    shown = headline(sentence, limit)
    assert shown.endswith("environ…"), shown
    flood = "Le barrage a cédé et 2 000 000 m³ d’eau ont envahi la plaine du sud"
    assert headline(flood, 30) == "Le barrage a cédé et…"


def test_a_truncated_excerpt_keeps_its_numbers_whole(tmp_path):
    briefing = make_briefing()
    long_quote = ("Nous avons relogé depuis mardi dans les gymnases et les écoles de notre ville environ "
                  "1 800 familles sinistrées")
    assert long_quote.index("1 800") == 86  # Jinja's truncate(90) would cut at "environ 1"
    topic = dict(briefing.topics[0])
    speakers = [dict(s) for s in topic["statements"]]
    first = dict(speakers[0]["statements"][0])
    first["reports"] = [dict(first["reports"][0], quote=long_quote)]
    speakers[0] = dict(speakers[0], statements=[first])
    topic["statements"] = speakers
    site_module.render(replace(briefing, topics=(topic, *briefing.topics[1:])), make_config(), tmp_path)
    html = (tmp_path / "topics/evacuations/index.html").read_text(encoding="utf-8")
    excerpt = re.search(r'<span class="row-excerpt">(.*?)</span>', html, flags=re.DOTALL).group(1)
    assert not re.search(r"\b1…", excerpt), excerpt


def test_an_outlet_its_articles_name_is_not_called_unidentified(tmp_path):
    briefing = make_briefing()
    unlisted = tuple(s for s in briefing.sources if s.id != "quotidien-beta")  # named by its articles, not listed
    topics = tuple({**t, "sources": [{**c, "known": c["key"] != "quotidien-beta"} for c in t.get("sources", [])]}
                   for t in briefing.topics)
    site_module.render(replace(briefing, sources=unlisted, topics=topics), make_config(), tmp_path)
    named = _text((tmp_path / "sources/quotidien-beta/index.html").read_text(encoding="utf-8"))
    assert "non identifiée" not in named and "absent de la liste des sources" in named
    nameless = _text((tmp_path / "sources/unknown-blog-note/index.html").read_text(encoding="utf-8"))
    assert "Source non identifiée" in nameless
