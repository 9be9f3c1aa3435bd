"""A figure's chart as a screen reader meets it: its text alternative says what the sources reported."""

from __future__ import annotations

import re

from render import charts
from render.topics import Figure, Report

NNBSP = "\u202f"


def _figure(*reports: Report) -> Figure:
    return Figure("evacues", "Habitants évacués", None, None, None, "evolving", None, None, tuple(reports))


def _report(number: int, published: str, value: int | None = None, low: int | None = None,
            high: int | None = None, hedged: bool = False) -> Report:
    interval = (low, high) if value is None else (value, value)
    return Report(claim_id=f"c{number}", article_id=f"a{number}", source=f"s{number}", published=published,
                  text="", sentence="", hedged=hedged, value=value, low=low, high=high, interval=interval)


def _description(figure: Figure) -> str:
    svg = str(charts.build(figure, lambda key: key, lambda text: text, "fr").svg)
    found = re.search(r"<desc id=[^>]*>(.*?)</desc>", svg)
    assert found, svg
    return found.group(1)


def test_a_reported_range_is_described_by_its_ends_not_by_the_midpoint_its_marker_sits_at():
    text = _description(_figure(_report(1, "2023-05-02", value=300), _report(2, "2023-06-20", low=800, high=1200)))
    assert f"de 300 à 1{NNBSP}200" in text
    assert f"1{NNBSP}000" not in text  # the midpoint of 800–1 200, which no source gave


def test_values_of_one_month_are_said_to_be_published_in_that_month():
    text = _description(_figure(_report(1, "2023-05", value=300), _report(2, "2023-05-09", value=350),
                                _report(3, "2023-05-21", value=400)))
    assert "publiées en mai 2023" in text
    assert "entre" not in text  # not "entre mai 2023 et 21 mai 2023"


def test_values_over_several_months_run_from_the_first_to_the_last():
    text = _description(_figure(_report(1, "2023-05-09", value=300), _report(2, "2023-07", value=400)))
    assert "publiées entre 9 mai 2023 et juillet 2023" in text


def test_the_description_counts_the_hedged_values():
    text = _description(_figure(_report(1, "2023-05-09", value=300, hedged=True), _report(2, "2023-07", value=400)))
    assert "conditionnel ou non confirmées (marqueurs creux) : 1." in text
    plain = _description(_figure(_report(1, "2023-05-09", value=300), _report(2, "2023-07", value=400)))
    assert "conditionnel" not in plain


def test_a_chart_with_a_reported_range_says_what_its_vertical_bar_means():
    ranged = charts.build(_figure(_report(1, "2023-05-02", value=300), _report(2, "2023-06-20", low=800, high=1200)),
                          lambda key: key, lambda text: text, "fr")
    plain = charts.build(_figure(_report(1, "2023-05-02", value=300), _report(2, "2023-06-20", value=900)),
                         lambda key: key, lambda text: text, "fr")
    assert ranged.ranges and not plain.ranges
