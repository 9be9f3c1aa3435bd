"""What a rebuild tells the editor: claims added, and whether they confirm or contradict other sources."""

from __future__ import annotations

from extract.changes import NAMED, describe, summary_lines


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


def test_the_summary_names_what_new_figures_confirm_or_contradict():
    data = {"sources": [{"key": "a", "name": "Agence A"}, {"key": "b", "name": "Quotidien B"},
                        {"key": "c", "name": "Source inconnue — Un titre", "known": False}],
            "figures": [{"id": "f", "label": "Soldats envoyés", "claims": [
                {"claim": "old", "source": "a", "interval": [10000, 12000], "text": "10 000 à 12 000 soldats"},
                {"claim": "far", "source": "c", "interval": [3000, 3000], "text": "3 000 soldats"},
                {"claim": "new", "source": "b", "interval": [11000, 11000], "text": "11 000  soldats"}]}],
            "changes": {"added": ["new"], "removed": [], "confirms": ["new"], "contradicts": []}}
    assert summary_lines("t", data) == [
        "t: 1 added, 1 confirms",
        "  confirms Soldats envoyés: «\u202f11 000 soldats\u202f» (Quotidien B) like Agence A"]
    data["changes"] = {"added": ["new"], "confirms": [], "contradicts": ["new"]}
    data["figures"][0]["claims"][2]["interval"] = [50000, 50000]
    assert summary_lines("t", data)[1] == "  contradicts Soldats envoyés: «\u202f11 000 soldats\u202f» (Quotidien B) " \
                                          "against Agence A, c"
    assert summary_lines("t", {"changes": {"added": []}}) == []


def test_the_summary_names_a_few_and_counts_the_rest():
    claims = [{"claim": "old", "source": "a", "interval": [1, 100], "text": "cent"}]
    claims += [{"claim": f"n{i}", "source": "b", "interval": [i, i], "text": f"{i} personnes"} for i in range(9)]
    data = {"figures": [{"id": "f", "claims": claims}],
            "changes": {"added": [f"n{i}" for i in range(9)], "confirms": [f"n{i}" for i in range(9)]}}
    lines = summary_lines("t", data)
    assert lines[0] == "t: 9 added, 9 confirms"
    assert len(lines) == 1 + NAMED + 1 and lines[-1] == f"  … and {9 - NAMED} more that confirm"
