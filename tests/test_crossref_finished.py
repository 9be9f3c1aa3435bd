"""A topic built again takes the figures, events and statements of its previous data made of the same claims
(crossref.build's `finished`): the data must equal the full computation after any edit sequence."""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import random
from pathlib import Path
from typing import Any

import pytest

from extract import crossref
from tests.crossref_helpers import Corpus, troops_topic

SOURCES = ("alpha", "beta", "gamma", None)
DAYS = ("2024-10-03", "2024-10-04", "2024-10", "2024-11-02", None)
QUOTES = ("nous suivons la situation de près", "la sécurité de l'Europe est en jeu",
          "ces soldats seront une cible légitime", "nous ne laisserons pas faire")


def _article(corpus: Corpus, rng: random.Random, aid: str, value_shift: int = 0) -> None:
    """A made-up article: a troop figure, a dated summit report and a quote by a known speaker."""
    count = rng.choice((1500, 3000, 8000, 12000)) + value_shift
    day = rng.choice(("3 octobre", "4 octobre"))
    quote = rng.choice(QUOTES)
    corpus.article(aid, rng.choice(SOURCES), rng.choice(DAYS),
                   f"La Corée du Nord a envoyé {count} soldats en Russie.",
                   f"Le sommet du traité a été signé le {day} à Pyongyang.",
                   f"« {quote} », a déclaré Mark Rutte.")
    corpus.soldiers(aid, f"{count} soldats", count, hedged=rng.random() < 0.3)
    corpus.claim(aid, f"le {day}", "date", date="2024-10-03" if day.startswith("3") else "2024-10-04",
                 lemmas=("sommet", "traité", "signer", "pyongyang"))
    corpus.claim(aid, quote, "quote", speaker="Mark Rutte", direct=True)


def _rebuilt(corpus: Corpus, previous: dict[str, Any] | None, finished: dict[str, Any] | None, folder: Path
             ) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """Every topic's data, and what each entry of each topic is made of (crossref.build's `made`)."""
    keys = {aid: hashlib.sha1(repr(corpus.claims[aid]).encode()).hexdigest() for aid in corpus.articles}
    made: dict[str, dict[str, str]] = {}
    data = crossref.build([troops_topic()], list(corpus.articles.values()), dict(corpus.claims), (), previous,
                          crossref.MatchMemo(folder, keys), finished=finished.get if finished is not None else None,
                          made=made)
    return data, made


def _shared(new: dict[str, Any], old: dict[str, Any]) -> int:
    """Entries of `new` taken from `old` (their report lists are the very same objects)."""
    before = {id(f["claims"]) for f in old["figures"]} | {id(e["reports"]) for e in old["events"]}
    before |= {id(s["reports"]) for g in old["statements"] for s in g["statements"]}
    found = [f["claims"] for f in new["figures"]] + [e["reports"] for e in new["events"]]
    found += [s["reports"] for g in new["statements"] for s in g["statements"]]
    return sum(id(items) in before for items in found)


@pytest.mark.parametrize("seed", range(5))
def test_finished_entries_taken_again_equal_the_full_computation(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    corpus = Corpus()
    for number in range(12):
        _article(corpus, rng, f"a{number:02d}")
    made = 12
    previous, names = _rebuilt(corpus, None, None, tmp_path / "full")
    shared = 0
    for _ in range(20):
        step = rng.random()
        if step < 0.3 and len(corpus.articles) > 3:  # an article removed
            gone = rng.choice(sorted(corpus.articles))
            del corpus.articles[gone]
            del corpus.claims[gone]
        elif step < 0.6:  # one added
            _article(corpus, rng, f"a{made:02d}")
            made += 1
        elif step < 0.8:  # one rewritten: other figure, date, quote, hedge or outlet
            aid = rng.choice(sorted(corpus.articles))
            del corpus.claims[aid]
            _article(corpus, rng, aid, value_shift=rng.choice((0, 0, 1)))
        else:  # a claim re-extracted with its id but another field (its hedge, its speaker's spelling)
            aid = rng.choice(sorted(corpus.articles))
            corpus.claims[aid] = [dataclasses.replace(c, hedged=not c.hedged) if c.kind == "quantity"
                                  else dataclasses.replace(c, speaker="Mark RUTTE") if c.kind == "quote" else c
                                  for c in corpus.claims[aid]]
        expected, _ = _rebuilt(corpus, previous, None, tmp_path / "full")
        again, made_of = _rebuilt(corpus, previous, {slug: (previous[slug], names[slug]) for slug in previous},
                                  tmp_path / "kept")
        assert marshal.dumps(again, 2) == marshal.dumps(expected, 2)  # same values, types and key order
        shared += _shared(again["troupes"], previous["troupes"])
        previous, names = expected, made_of
    assert shared > 0  # the kept path was exercised, not only the full one


def test_entries_are_taken_again_only_by_their_names(tmp_path: Path) -> None:
    corpus = Corpus()
    rng = random.Random(7)
    for number in range(4):
        _article(corpus, rng, f"a{number}")
    data, names = _rebuilt(corpus, None, None, tmp_path)
    changed = marshal.loads(marshal.dumps(data))
    changed["troupes"]["events"][0]["label"] = "Un libellé d'une autre version"
    again, _ = _rebuilt(corpus, data, {"troupes": (changed["troupes"], names["troupes"])}, tmp_path)
    assert again["troupes"]["events"][0]["label"] == "Un libellé d'une autre version"  # named the same: taken
    again, _ = _rebuilt(corpus, data, {"troupes": (changed["troupes"], {})}, tmp_path)  # names dropped (a review)
    assert marshal.dumps(again, 2) == marshal.dumps(_rebuilt(corpus, data, None, tmp_path)[0], 2)


def test_the_copy_is_taken_only_when_made_by_the_same_code_and_untouched(tmp_path: Path) -> None:
    from extract import datafiles

    corpus = Corpus()
    rng = random.Random(3)
    for number in range(3):
        _article(corpus, rng, f"a{number}")
    data, names = _rebuilt(corpus, None, None, tmp_path)
    folder = tmp_path / "data"
    datafiles.write(folder, (), {}, data, maker="code-1", names=names)
    found = datafiles.copy_made_by(folder, "troupes", "code-1")
    assert found is not None and found[1] == names["troupes"]
    assert marshal.dumps(found[0], 2) == marshal.dumps(data["troupes"], 2)
    assert datafiles.copy_made_by(folder, "troupes", "code-2") is None  # other code finished it
    path = folder / "topics" / "troupes.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# édité à la main\n", encoding="utf-8")
    assert datafiles.copy_made_by(folder, "troupes", "code-1") is None  # the file is not what was written
