"""Editors' decisions: content/reviews.yaml read with located errors, then applied on the topic data."""

from __future__ import annotations

import copy

import pytest

from extract import reviews, validation
from extract.errors import InputError
from tests.crossref_helpers import Corpus, figure


def _corpus() -> Corpus:
    corpus = Corpus()
    corpus.article("a", "alpha", "2024-11-04", "La Corée du Nord a envoyé 2 000 soldats en Russie, selon Séoul.",
                   "Le 30 octobre, le ministre a signé un traité au sommet de Moscou.",
                   "Mark Rutte a parlé d'« une escalade grave ».")
    corpus.article("b", "beta", "2024-11-05", "Quelque 2 100 soldats venus de Corée du Nord se trouvent en Russie.",
                   "Le 31 octobre, le ministre a signé un traité au sommet de Moscou.",
                   "Jens Stoltenberg juge que l'envoi de troupes serait une escalade majeure.")
    corpus.article("c", "gamma", "2024-11-05", "La Corée du Nord a envoyé 20 000 soldats en Russie.")
    corpus.soldiers("a", "2 000 soldats", 2000, asserted_by="Séoul")
    corpus.soldiers("b", "2 100 soldats", 2100, qualifier="approx")
    corpus.soldiers("c", "20 000 soldats", 20000)
    lemmas = ("ministre", "signer", "traité", "sommet", "moscou")
    corpus.claim("a", "Le 30 octobre", "date", date="2024-10-30", lemmas=lemmas)
    corpus.claim("b", "Le 31 octobre", "date", date="2024-10-31", lemmas=lemmas)
    corpus.claim("a", "une escalade grave", "quote", speaker="Mark Rutte", direct=True)
    corpus.claim("b", "l'envoi de troupes serait une escalade majeure", "quote", speaker="Jens Stoltenberg",
                 direct=False)
    return corpus


def _ids(corpus: Corpus) -> dict[str, str]:
    """Claim ids by their text."""
    return {c.text: c.id for claims in corpus.claims.values() for c in claims}


def _apply(text: str, corpus: Corpus | None = None) -> tuple[dict, list, dict]:
    corpus = corpus or _corpus()
    data = corpus.build()
    ids = _ids(corpus)
    decisions = reviews.parse(text.format(**{k.replace(" ", "_").replace("'", ""): v for k, v in ids.items()}))
    out, problems = reviews.apply(data, decisions)
    return out["troupes"], problems, data["troupes"]


# ------------------------------------------------------------------ reading the file


def test_every_action_is_read():
    found = reviews.parse(
        "'aaaaaaaaaaaa': {action: confirm, by: MC}\n"
        "'bbbbbbbbbbbb': {action: reject, reason: Soldats russes.}\n"
        "'cccccccccccc': {action: correct, value: 1500, qualifier: approx, note: Le texte dit 1 500.}\n"
        "'dddddddddddd': {action: correct, date: 2024-10-18, note: Vendredi 18.}\n"
        "'eeeeeeeeeeee': {action: note, note: Source unique.}\n"
        "'ffffffffffff': {action: merge, with: 'aaaaaaaaaaaa'}\n"
        "'000000000000': {action: split}\n"
    )
    assert [r.action for r in found.values()] == ["split", "confirm", "reject", "correct", "correct", "note", "merge"]
    assert found["cccccccccccc"].changes == (("value", 1500), ("qualifier", "approx"))
    assert found["dddddddddddd"].changes == (("date", "2024-10-18"),)  # an unquoted YAML date is read as text
    assert found["ffffffffffff"].with_claim == "aaaaaaaaaaaa"
    assert found["bbbbbbbbbbbb"].line == 2


def test_every_mistake_is_reported_with_its_line():
    text = (
        "aaaaaaaaaaaa:\n  action: approve\n"
        "bbbbbbbbbbbb:\n  action: reject\n"
        "cccccccccccc:\n  action: correct\n  value: beaucoup\n"
        "dddddddddddd:\n  action: merge\n"
        "eeeeeeeeeeee:\n  action: note\n  note: x\n  colour: red\n"
        "123456789012:\n  action: confirm\n"
        "ffffffffffff:\n  action: correct\n  date: 2024-13\n  note: x\n"
        "'000000000001': {action: confirm, value: 3}\n"
    )
    with pytest.raises(InputError) as caught:
        reviews.parse(text)
    problems = [str(p) for p in caught.value.problems]
    expected = [
        (1, "action is 'approve'"), (3, "needs a 'reason'"), (5, "'value' is 'beaucoup'"), (5, "needs a 'note'"),
        (8, "needs 'with'"), (10, "unknown key 'colour'"), (14, "must be quoted"), (16, "'date' is '2024-13'"),
        (20, "only goes with action: correct"),
    ]
    for line, words in expected:
        assert any(p.startswith(f"content/reviews.yaml:{line}:1:") and words in p for p in problems), (line, words)


def test_no_file_or_an_empty_one_means_no_decisions(tmp_path):
    assert reviews.load(tmp_path / "reviews.yaml") == {}
    (tmp_path / "reviews.yaml").write_text("# rien encore\n", encoding="utf-8")
    assert reviews.load(tmp_path / "reviews.yaml") == {}


# ------------------------------------------------------------------ applying


def test_reject_keeps_the_claim_marked_and_the_status_ignores_it():
    out, problems, before = _apply("'{20_000_soldats}': {{action: reject, reason: Chiffre erroné.}}")
    assert problems == []
    assert figure(before, "sent")["status"] == "divergent"
    sent = figure(out, "sent")
    rejected = next(c for c in sent["claims"] if c["value"] == 20000)
    assert rejected["review"] == {"action": "reject", "reason": "Chiffre erroné."}
    assert sent["status"] == "consistent" and sent["range"] == {"low": 2000, "high": 2100}
    assert "gamma" not in out["coverage"]["sources"]
    assert validation.validate(out, "topic", "data/topics/troupes.yaml") == []


def test_a_review_changes_only_what_it_says():
    out, _, before = _apply("'{2_000_soldats}': {{action: confirm, note: Vérifié.}}")
    row = next(c for c in figure(out, "sent")["claims"] if c["value"] == 2000)
    assert row.pop("review") == {"action": "confirm", "note": "Vérifié."}
    assert out == before
    out, _, before = _apply("'{20_000_soldats}': {{action: note, note: Source unique.}}")
    next(c for c in figure(out, "sent")["claims"] if c["value"] == 20000).pop("review")
    assert out == before


def test_applying_is_pure_and_repeatable():
    corpus = _corpus()
    data = corpus.build()
    kept = copy.deepcopy(data)
    decisions = reviews.parse(f"'{_ids(corpus)['20 000 soldats']}': {{action: reject, reason: x}}")
    first, _ = reviews.apply(data, decisions)
    assert data == kept
    assert reviews.apply(corpus.build(), decisions)[0] == first


def test_correct_a_value_keeps_the_original_and_recomputes():
    out, _, _ = _apply("'{20_000_soldats}': {{action: correct, value: 2000, note: 'Coquille : 2 000.'}}")
    sent = figure(out, "sent")
    row = next(c for c in sent["claims"] if c["source"] == "gamma")
    assert (row["value"], row["interval"]) == (2000, [2000, 2000])
    assert row["review"] == {"action": "correct", "note": "Coquille : 2 000.", "original": {"value": 20000}}
    assert sent["status"] == "consistent"


def test_correct_a_date_moves_the_report_to_its_event():
    out, _, before = _apply("'{Le_31_octobre}': {{action: correct, date: 2024-10-30, note: C'était le 30.}}")
    assert len(before["events"]) == 2
    (event,) = out["events"]
    assert event["date"] == "2024-10-30" and [r["source"] for r in event["reports"]] == ["alpha", "beta"]
    assert event["reports"][1]["review"]["original"] == {"date": "2024-10-31"}


def test_correct_a_speaker_moves_the_quote():
    out, _, _ = _apply("'{lenvoi_de_troupes_serait_une_escalade_majeure}': "
                       "{{action: correct, speaker: Mark Rutte, note: C'est Rutte qui parle.}}")
    assert [g["speaker"] for g in out["statements"]] == ["Mark Rutte"]
    (statement,) = out["statements"][0]["statements"]  # same words: joins Rutte's statement
    assert len(statement["reports"]) == 2


def test_merge_and_split_events():
    out, _, _ = _apply("'{Le_31_octobre}': {{action: merge, with: '{Le_30_octobre}'}}")
    (event,) = out["events"]
    assert len(event["reports"]) == 2 and event["date"] in ("2024-10-30", "2024-10-31")
    corrected, _, _ = _apply("'{Le_31_octobre}': {{action: correct, date: 2024-10-30, note: x}}\n"
                             "'{Le_30_octobre}': {{action: split, note: Deux réunions.}}")
    assert sorted(len(e["reports"]) for e in corrected["events"]) == [1, 1]


def test_merging_a_quote_into_an_event_is_refused_with_a_warning():
    _, problems, _ = _apply("'{une_escalade_grave}': {{action: merge, with: '{Le_30_octobre}'}}")
    assert len(problems) == 1 and "could not merge" in problems[0].message
    assert problems[0].severity == "warning"


def test_a_review_of_a_vanished_claim_is_a_warning():
    _, problems, _ = _apply("'0123456789ab': {{action: confirm}}\n'{2_000_soldats}': {{action: confirm}}")
    (problem,) = problems
    assert problem.severity == "warning" and problem.line == 1 and "no such claim" in problem.message
    assert str(problem).startswith("content/reviews.yaml:1: warning:")
    corpus = _corpus()
    decisions = reviews.parse("'0123456789ab': {action: confirm}")
    _, problems = reviews.apply(corpus.build(), decisions, claims=["0123456789ab"])
    assert "in no topic" in problems[0].message


def test_one_topic_at_a_time_reports_only_its_own_claims():
    corpus = _corpus()
    data = corpus.build()["troupes"]
    ids = _ids(corpus)
    decisions = reviews.parse(f"'0123456789ab': {{action: confirm}}\n'{ids['20 000 soldats']}': "
                              f"{{action: reject, reason: x}}\n'{ids['une escalade grave']}': "
                              f"{{action: merge, with: '{ids['Le 30 octobre']}'}}")
    out, problems = reviews.apply(data, decisions)
    assert figure(out, "sent")["claims"][-1]["review"]["action"] == "reject"
    assert [p.message.split(": ", 1)[1][:15] for p in problems] == ["could not merge"]
