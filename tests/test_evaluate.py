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
