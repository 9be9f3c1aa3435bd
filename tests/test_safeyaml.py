"""The YAML loader refuses what hides mistakes or attacks, with a located message."""

from __future__ import annotations

import datetime as dt

import pytest

from extract import safeyaml
from extract.errors import InputError


def test_aliases_are_refused():
    bomb = "a: &a [x, x]\nb: [*a, *a]\n"
    with pytest.raises(InputError, match="aliases are not allowed"):
        safeyaml.load(bomb, "t.yaml")


def test_duplicate_keys_are_refused_with_line():
    with pytest.raises(InputError) as info:
        safeyaml.load("a: 1\nb: 2\na: 3\n", "t.yaml")
    assert str(info.value).startswith("t.yaml:3:1: invalid YAML: duplicate key 'a'")


def test_deep_nesting_is_refused_without_crashing():
    with pytest.raises(InputError, match="nested deeper"):
        safeyaml.load("[" * 5000 + "]" * 5000, "t.yaml")


def test_size_cap():
    with pytest.raises(InputError, match="larger than"):
        safeyaml.load("a: " + "x" * (safeyaml.MAX_BYTES + 1), "t.yaml")


def test_dump_is_deterministic_and_keeps_order():
    data = {"z": 1, "a": ["é", {"k": None}]}
    assert safeyaml.dump(data) == safeyaml.dump(dict(data))
    assert safeyaml.dump(data).startswith("z: 1\n")


@pytest.mark.parametrize("value, why", [("2025-13-04", "month must be in 1..12"),
                                        ("2024-02-30", "day is out of range for month"),
                                        ("2024-06-19 25:10:00", "hour must be in 0..23")])
def test_a_date_that_does_not_exist_is_located_not_a_crash(value, why):
    with pytest.raises(InputError) as info:
        safeyaml.load(f"title: Crue\npublished: {value}\n", "content/articles/crue.md", line_offset=1)
    assert str(info.value) == (f"content/articles/crue.md:3:12: invalid YAML: '{value}' is not a real date: {why} "
                               "(expected YYYY-MM-DD)")
    assert safeyaml.load("published: 2024-02-29\n", "t.yaml") == {"published": dt.date(2024, 2, 29)}
