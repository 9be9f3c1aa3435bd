"""What a rebuild tells the editor: claims added, and whether they confirm or contradict other sources."""

from __future__ import annotations

from extract.changes import describe


def topic(*claims):
    return {"figures": [{"id": "f", "claims": [
        {"claim": cid, "source": source, "interval": interval} for cid, source, interval in claims]}],
        "changes": {"added": ["new"], "removed": ["gone"]}}


def test_first_build_reports_nothing_new():
    assert describe(topic(("new", "a", [1, 2])), had_previous=False)["added"] == []


def test_overlapping_value_from_another_source_confirms():
    result = describe(topic(("old", "a", [10000, 12000]), ("new", "b", [9900, 12100])), had_previous=True)
    assert result == {"added": ["new"], "removed": ["gone"], "confirms": ["new"], "contradicts": []}


def test_disjoint_value_contradicts_and_open_bounds_overlap():
    result = describe(topic(("old", "a", [1350, 1650]), ("new", "b", [5000, 5000])), had_previous=True)
    assert result["contradicts"] == ["new"]
    result = describe(topic(("old", "a", [13000, None]), ("new", "b", [20000, 20000])), had_previous=True)
    assert result["confirms"] == ["new"]


def test_same_source_or_rejected_claims_do_not_count():
    data = topic(("old", "b", [1, 1]), ("new", "b", [5, 5]))
    assert describe(data, had_previous=True)["contradicts"] == []
    data["figures"][0]["claims"].append({"claim": "x", "source": "c", "interval": [5, 5],
                                         "review": {"action": "reject"}})
    assert describe(data, had_previous=True)["confirms"] == []
