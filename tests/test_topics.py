"""Topic files: the editor's front matter read into TopicDef, every mistake located at path:line:col."""

from __future__ import annotations

import pytest

from extract import topics
from extract.errors import InputError

GOOD = """---
title: Les sanctions
question: Quelles sanctions ont été annoncées ?
match:
  lemmas: [sanction, embargo]
  phrases: [gel des avoirs]
figures:
- id: frozen-assets
  label: Avoirs gelés
  counted: avoirs gelés par l'Union européenne
  unit: euros
  scope: frozen
  match:
    units: [euros]
    clause: ['gel[ée]s?', 'bloqu']
    qualifiers: [null, approx]
---
Ce que l'on sait des **sanctions**.
"""


def _problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        topics.parse(text, "content/topics/sanctions.md")
    return [str(p) for p in caught.value.problems]


def test_a_topic_file_is_read_with_its_rules_and_introduction():
    topic = topics.parse(GOOD, "content/topics/sanctions.md")
    assert (topic.slug, topic.title, topic.question) == ("sanctions", "Les sanctions",
                                                         "Quelles sanctions ont été annoncées ?")
    assert topic.match.lemmas == ("sanction", "embargo") and topic.match.min_lemmas == 1
    (figure,) = topic.figures
    assert (figure.id, figure.unit, figure.scope) == ("frozen-assets", "euros", "frozen")
    (rules,) = figure.match
    assert rules.clause == ("gel[ee]s?", "bloqu")  # accents folded, like the text they are matched on
    assert rules.qualifiers == (None, "approx")
    assert topic.intro_markdown == "Ce que l'on sait des **sanctions**.\n"


def test_every_mistake_is_reported_at_its_line_and_column():
    bad = GOOD.replace("title: Les sanctions\n", "").replace("  unit: euros\n", "  unit: euros\n  colour: red\n")
    bad = bad.replace("'bloqu'", "'bloqu('")
    problems = _problems(bad)
    assert problems[0] == "content/topics/sanctions.md:2:1: missing 'title' (expected text)"
    assert any(p.startswith("content/topics/sanctions.md:11:3: unknown key 'colour'") for p in problems)
    assert any(p.startswith("content/topics/sanctions.md:15:27:") and "regular expression" in p for p in problems)
    assert len(problems) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: x\n", ":1:1: missing front matter"),
        ("---\ntitle: x\n", ":1:1: front matter is not closed"),
        ("---\ntitle: [x\n---\n", "invalid YAML"),
        ("---\n- a\n---\n", "front matter must be a mapping"),
    ],
)
def test_broken_front_matter(text, expected):
    (problem,) = _problems(text)
    assert expected in problem


def test_figure_ids_must_be_unique_and_slugs():
    bad = GOOD.replace("figures:\n", "figures:\n- {id: Frozen_Assets, label: a, counted: b, scope: c, "
                       "match: {units: [euros]}}\n- {id: frozen-assets, label: a, counted: b, scope: c, "
                       "match: {units: [euros]}}\n")
    problems = _problems(bad)
    assert any("Frozen_Assets" in p and "lower-case" in p for p in problems)
    assert any("used twice" in p for p in problems)


def test_a_figure_may_list_alternative_rule_sets():
    text = GOOD.replace("""  match:
    units: [euros]
    clause: ['gel[ée]s?', 'bloqu']
    qualifiers: [null, approx]
""", """  match:
  - {units: [euros], clause: [gel]}
  - {units: [euros], after: ['^ d.avoirs'], not_before: [russe]}
  - {units: [euros], before: ['(']}
""")
    with pytest.raises(InputError) as caught:
        topics.parse(text, "content/topics/sanctions.md")
    (problem,) = caught.value.problems
    assert str(problem).startswith("content/topics/sanctions.md:16:31: 'before' pattern '('")
    topic = topics.parse(text.replace("  - {units: [euros], before: ['(']}\n", ""), "content/topics/sanctions.md")
    assert [m.after for m in topic.figures[0].match] == [(), ("^ d.avoirs",)]


def test_a_lemma_is_one_word():
    (problem,) = _problems(GOOD.replace("[sanction, embargo]", "[sanction, gel des avoirs]"))
    assert problem.startswith("content/topics/sanctions.md:5:22: lemma 'gel des avoirs' has several words")


def test_a_figure_needs_to_say_what_it_counts():
    bad = GOOD.replace("    units: [euros]\n", "").replace("    clause: ['gel[ée]s?', 'bloqu']\n",
                                                            "    clause: [gel]\n")
    assert any("needs 'units' or 'counted'" in p for p in _problems(bad))


def test_problems_of_every_file_are_reported_together(tmp_path):
    folder = tmp_path / "content" / "topics"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text("no front matter\n", encoding="utf-8")
    (folder / "b.md").write_text(GOOD.replace("question:", "questionn:"), encoding="utf-8")
    (folder / "c.md").write_text(GOOD, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        topics.load(tmp_path / "content")
    paths = sorted({p.path for p in caught.value.problems})
    assert paths == ["content/topics/a.md", "content/topics/b.md"]


def test_no_topics_folder_means_no_topics(tmp_path):
    assert topics.load(tmp_path) == []


def test_the_editorial_topics_load(root):
    found = {t.slug: t for t in topics.load(root / "content")}
    assert {"soldats-nord-coreens", "contreparties", "traite-de-defense", "reactions"} <= set(found)
    troops = found["soldats-nord-coreens"]
    assert [f.id for f in troops.figures][-2:] == ["troops-expected", "troops-sent"]  # narrow scopes first
    for topic in found.values():
        assert topic.question.endswith("?") and topic.intro_markdown.strip()


def test_patterns_fold_like_the_text_but_keep_their_escapes():
    assert topics.fold_pattern(r"\WKoursk\b\S+Épée’s") == r"\Wkoursk\b\S+epee's"
    assert topics.fold("  Région   de KOURSK’s ") == "region de koursk's"


def test_kept_topics_equal_parsed_ones_and_an_edit_is_parsed_again(root, tmp_path, monkeypatch):
    memo = tmp_path / "topics.bin"
    plain = topics.load(root / "content")
    assert topics.load(root / "content", memo) == plain
    monkeypatch.setattr(topics, "parse", lambda text, path: pytest.fail(f"parsed {path} again"))
    assert topics.load(root / "content", memo) == plain
    monkeypatch.undo()
    folder = tmp_path / "content" / "topics"
    folder.mkdir(parents=True)
    (folder / "sanctions.md").write_text(GOOD, encoding="utf-8")
    first = topics.load(tmp_path / "content", memo)
    (folder / "sanctions.md").write_text(GOOD.replace("[sanction, embargo]", "[sanction, blocus]"), encoding="utf-8")
    edited = topics.load(tmp_path / "content", memo)
    assert edited != first and edited == topics.load(tmp_path / "content")
    assert "blocus" in edited[0].match.lemmas
    (folder / "sanctions.md").write_text(GOOD.replace("question:", "questionn:"), encoding="utf-8")
    with pytest.raises(InputError):  # a mistake is found again, never kept
        topics.load(tmp_path / "content", memo)
