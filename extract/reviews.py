"""Editors' decisions from content/reviews.yaml, applied on top of the cross-referenced topic data.

The build reads this file and never writes it. It is a mapping keyed by claim id (the `claim:` value in
data/topics/*.yaml, or `id` in `build.py claims`); each entry is one decision:

    3f1c0a9e42b1:
      action: confirm              # checked and right; `note` (optional) is shown to readers
      note: Chiffre confirmé par le ministère sud-coréen de la Défense.
    a1b2c3d4e5f6:
      action: reject               # wrong: stays in the data, marked, hidden by the site, ignored by statuses
      reason: Le chiffre désigne des soldats russes.      # required (shown in the data and to editors)
    0a1b2c3d4e5f:
      action: correct              # fix what extraction got wrong; `note` is required and shown to readers
      value: 1500                  # a figure: value, low, high, qualifier (approx, at_most, at_least, null),
      note: Le texte dit « 1 500 », pas « 15 000 ».       # claimant; a date: date (YYYY-MM-DD, YYYY-MM, YYYY);
                                   # a quote: speaker
    0b1c2d3e4f50:
      action: note                 # a remark for readers, nothing else changes
      note: L'agence ne cite pas sa source.
    1c2d3e4f5061:
      action: merge                # these two reports are the same event (or statement)
      with: 0b1c2d3e4f50           # a claim of the event or statement to join
    2d3e4f506172:
      action: split                # this report is not the event (or statement) it was merged into
      note: Il s'agit d'une autre réunion.

Every entry may also say `by:` (who decided). A decision whose claim no longer exists is a warning (an
error under `build.py check --strict`), so reviews never silently stop applying.
"""

from __future__ import annotations

import copy
import datetime
import logging
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract import crossref, entities, safeyaml
from extract.comparison import date_span, interval, name_key
from extract.errors import InputError, Problem
from extract.grouping import quote_concepts
from extract.topics import QUALIFIERS, fold
from extract.validation import locate, positions

log = logging.getLogger(__name__)

ACTIONS = ("confirm", "reject", "correct", "note", "merge", "split")
CORRECT_FIELDS = ("value", "low", "high", "qualifier", "claimant", "date", "speaker")
FIELDS = ("action", "note", "reason", "by", "with", *CORRECT_FIELDS)
SHOWN = "content/reviews.yaml"
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Review:
    """One editor's decision about one claim."""

    claim: str
    action: str
    note: str | None = None
    reason: str | None = None
    by: str | None = None
    changes: tuple[tuple[str, Any], ...] = ()  # correct: (field, new value), in FIELDS order
    with_claim: str | None = None  # merge: a claim of the group to join
    line: int | None = None  # where it is written, for problems

    def block(self, original: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The `review:` mapping shown next to the claim in the topic data."""
        out: dict[str, Any] = {"action": self.action}
        for key, value in (("note", self.note), ("reason", self.reason), ("by", self.by)):
            if value:
                out[key] = value
        if original:
            out["original"] = dict(original)
        if self.with_claim:
            out["with"] = self.with_claim
        return out


def _number(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value))


def _entry(cid: str, raw: Any, where: tuple[int, int], problems: list[Problem]) -> Review | None:
    """One decision checked: every mistake is reported at the entry's line."""
    line, col = where

    def bad(message: str) -> None:
        problems.append(Problem(SHOWN, f"review of {cid}: {message}", line, col))

    if not isinstance(raw, dict):
        bad("must be a mapping (expected action: ... lines)")
        return None
    for key in raw:
        if key not in FIELDS:
            bad(f"unknown key '{key}' (expected one of: {', '.join(FIELDS)})")
    action = raw.get("action")
    if action not in ACTIONS:
        bad(f"action is {action!r} (expected one of: {', '.join(ACTIONS)})")
        return None
    texts: dict[str, str | None] = {}
    for key in ("note", "reason", "by", "with"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            bad(f"'{key}' is {value!r} (expected text)")
            value = None
        texts[key] = value.strip() if isinstance(value, str) else None
    changes: list[tuple[str, Any]] = []
    for key in CORRECT_FIELDS:
        if key not in raw:
            continue
        value = raw[key]
        if action != "correct":
            bad(f"'{key}' only goes with action: correct")
            continue
        if key in ("value", "low", "high") and not _number(value):
            bad(f"'{key}' is {value!r} (expected a number or null)")
            continue
        if key == "qualifier" and value not in QUALIFIERS:
            bad(f"'qualifier' is {value!r} (expected approx, at_most, at_least or null)")
            continue
        if key == "date":
            value = value.isoformat() if isinstance(value, datetime.date) else value
            if not (isinstance(value, str) and ISO_DATE.match(value) and date_span(value)):
                bad(f"'date' is {value!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
                continue
        if key in ("speaker", "claimant") and (not isinstance(value, str) or not value.strip()):
            bad(f"'{key}' is {value!r} (expected a name)")
            continue
        changes.append((key, value.strip() if isinstance(value, str) else value))
    if action == "reject" and not (texts["reason"] or texts["note"]):
        bad("a rejection needs a 'reason' (expected why the claim is wrong)")
    if action == "correct":
        if not texts["note"]:
            bad("a correction needs a 'note' (shown to readers next to the corrected claim)")
        if not changes:
            bad(f"nothing to correct (expected one of: {', '.join(CORRECT_FIELDS)})")
    if action == "merge" and not texts["with"]:
        bad("a merge needs 'with' (expected the id of a claim to merge with)")
    if texts["with"] and action != "merge":
        bad("'with' only goes with action: merge")
    if texts["with"] == cid:
        bad("a claim cannot be merged with itself")
    return Review(cid, action, texts["note"], texts["reason"], texts["by"], tuple(changes),
                  texts["with"] if action == "merge" else None, line)


def parse(text: str) -> dict[str, Review]:
    """The text of content/reviews.yaml into decisions by claim id; every problem raises InputError."""
    raw = safeyaml.load(text, SHOWN)
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError([Problem(SHOWN, "must be a mapping of claim ids (expected '<claim id>:' lines)", 1, 1)])
    where = positions(text)
    problems: list[Problem] = []
    found: dict[str, Review] = {}
    for key, entry in raw.items():
        place = locate((str(key),), where)
        if not isinstance(key, str) or not key.strip() or " " in key.strip():
            problems.append(Problem(SHOWN, f"claim id {key!r} must be quoted text (expected e.g. '0123abcd4567')",
                                    *place))
            continue
        review = _entry(key.strip(), entry, place, problems)
        if review is not None:
            found[review.claim] = review
    if problems:
        raise InputError(problems)
    return dict(sorted(found.items()))


def load(path: Path) -> dict[str, Review]:
    """content/reviews.yaml, or no decisions when the file does not exist."""
    if not path.exists():
        return {}
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(SHOWN, "not valid UTF-8 (expected UTF-8 text)", 1)]) from None
    return parse(text.replace("\r\n", "\n"))


# ---------------------------------------------------------------- applying decisions to topic data


def _groups(data: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]], dict[str, Any] | None]]:
    """Every event and statement with its kind and, for statements, the speaker group holding it."""
    found: list[tuple[str, list[dict[str, Any]], dict[str, Any] | None]] = [
        ("event", data["events"], None)
    ]
    found += [("statement", group["statements"], group) for group in data["statements"]]
    return found


def _holder(data: dict[str, Any], cid: str) -> tuple[str, list[dict[str, Any]], dict[str, Any]] | None:
    """The event or statement reporting a claim, with the list that holds it."""
    for kind, container, _ in _groups(data):
        for group in container:
            if any(r["claim"] == cid for r in group["reports"]):
                return kind, container, group
    return None


def _entries(data: dict[str, Any], cid: str) -> list[dict[str, Any]]:
    """Every place a claim is shown in one topic: figure rows, event and statement reports."""
    found = [c for f in data["figures"] for c in f["claims"] if c["claim"] == cid]
    for _, container, _ in _groups(data):
        found += [r for group in container for r in group["reports"] if r["claim"] == cid]
    return found


def _take(data: dict[str, Any], cid: str) -> dict[str, Any] | None:
    """Remove a claim's report from its event or statement and return it."""
    held = _holder(data, cid)
    if held is None:
        return None
    _, _, group = held
    report = next(r for r in group["reports"] if r["claim"] == cid)
    group["reports"].remove(report)
    return report


def _close(a: str, b: str) -> bool:
    """Two wordings close enough to be one statement (used when a correction moves a quote)."""
    x, y = quote_concepts(a), quote_concepts(b)
    return fold_equal(a, b) or (len(x & y) >= 2 and len(x & y) >= 0.5 * min(len(x), len(y)))


def fold_equal(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def _correct_figures(data: dict[str, Any], review: Review, changes: dict[str, Any]) -> bool:
    done = False
    for figure in data["figures"]:
        for row in figure["claims"]:
            fields = [k for k in ("value", "low", "high", "qualifier", "claimant") if k in changes]
            if row["claim"] != review.claim or not fields:
                continue
            original = {k: row[k] for k in fields}
            row.update({k: changes[k] for k in fields})
            row["interval"] = interval(row["value"], row["low"], row["high"], row["qualifier"])
            row["review"] = review.block(original)
            done = True
    return done


def _correct_date(data: dict[str, Any], review: Review, new: str) -> bool:
    """Move a report to the event of its corrected date (or an event of its own)."""
    held = _holder(data, review.claim)
    if held is None or held[0] != "event":
        return False
    report = _take(data, review.claim)
    assert report is not None
    report["review"] = review.block({"date": report["date"]})
    report["date"] = new
    target = next((e for e in data["events"] if e["date"] == new and e["reports"]), None)
    if target is None:
        data["events"].append({"reports": [report]})
    else:
        target["reports"].append(report)
    return True


def _correct_speaker(data: dict[str, Any], review: Review, new: str) -> bool:
    """Move a quote under its corrected speaker, into the same statement when the wording matches."""
    held = _holder(data, review.claim)
    if held is None or held[0] != "statement":
        return False
    old = next(g["speaker"] for g in data["statements"] if held[2] in g["statements"])
    report = _take(data, review.claim)
    assert report is not None
    report["review"] = review.block({"speaker": old})
    group = next((g for g in data["statements"] if name_key(g["speaker"]) == name_key(new)), None)
    if group is None:
        group = {"speaker": entities.canonical(new).strip() or new, "statements": []}
        data["statements"].append(group)
    target = next((s for s in group["statements"] if any(_close(r["quote"], report["quote"]) for r in s["reports"])),
                  None)
    if target is None:
        group["statements"].append({"reports": [report]})
    else:
        target["reports"].append(report)
    return True


def _correct(data: dict[str, Any], review: Review) -> bool:
    """Apply a correction wherever the claim shows; True when something took it."""
    changes = dict(review.changes)
    done = _correct_figures(data, review, changes)
    if "date" in changes:
        done = _correct_date(data, review, changes["date"]) or done
    if "speaker" in changes:
        done = _correct_speaker(data, review, changes["speaker"]) or done
    return done


def _merge(data: dict[str, Any], review: Review) -> bool:
    """Put the claim's whole event (or statement) together with the one holding `with`."""
    mine, theirs = _holder(data, review.claim), _holder(data, review.with_claim or "")
    if mine is None or theirs is None or mine[0] != theirs[0]:
        return False
    for report in _entries(data, review.claim):
        report["review"] = review.block()
    if mine[2] is not theirs[2]:
        theirs[2]["reports"].extend(mine[2]["reports"])
        mine[2]["reports"] = []
        if mine[0] == "statement":  # a merged statement moves under the speaker it joins
            for group in data["statements"]:
                if mine[2] in group["statements"]:
                    group["statements"].remove(mine[2])
    return True


def _split(data: dict[str, Any], review: Review) -> bool:
    """Take the claim's report out of its event (or statement) into one of its own."""
    held = _holder(data, review.claim)
    if held is None:
        return False
    _, container, group = held
    for report in _entries(data, review.claim):
        report["review"] = review.block()
    if len(group["reports"]) > 1:
        report = _take(data, review.claim)
        container.append({"reports": [report]})
    return True


def _mark(data: dict[str, Any], review: Review) -> bool:
    """Confirm, reject or note: the decision is shown next to every place the claim appears."""
    for entry in _entries(data, review.claim):
        entry["review"] = review.block()
    return True


HANDLERS = {"confirm": _mark, "reject": _mark, "note": _mark, "correct": _correct, "merge": _merge, "split": _split}


def _apply_topic(data: dict[str, Any], reviews: Iterable[Review]) -> tuple[dict[str, Any], set[str]]:
    """One topic's data with the decisions applied; also the claim ids they found."""
    shown = crossref.claim_ids(data)  # decisions only move reports, so a claim absent now stays absent
    mine = [r for r in reviews if r.claim in shown]
    if not mine:  # nothing to change: no copy of the whole topic
        return crossref.finish(data), set()
    out = copy.deepcopy(data)
    used: set[str] = set()
    ordered = sorted(mine, key=lambda r: (r.action in ("merge", "split"), r.action == "split", r.claim))
    for review in ordered:
        if not _entries(out, review.claim):
            continue
        if HANDLERS[review.action](out, review):
            used.add(review.claim)
    return crossref.finish(out), used


def _is_topic(data: Mapping[str, Any]) -> bool:
    return "topic" in data and "figures" in data


def apply(
    topic_data: Mapping[str, Any],
    reviews: Mapping[str, Review],
    claims: Iterable[str] | None = None,
) -> tuple[dict[str, Any], list[Problem]]:
    """Topic data with the decisions applied, and warnings for decisions that could not apply.

    `topic_data` is either every topic's data by slug (as crossref.build returns it) or one topic's data.
    With every topic, a decision whose claim shows in none is a warning: gone, or — when `claims` (all claim
    ids of the corpus) is given and holds it — in no topic. With one topic, only decisions about its own
    claims that could not apply are reported (the caller sees the whole corpus).
    """
    if _is_topic(topic_data):
        data, used = _apply_topic(dict(topic_data), reviews.values())
        shown = crossref.claim_ids(data)
        unused = [r for cid, r in sorted(reviews.items()) if cid not in used and cid in shown]
        return data, [_problem(r, f"could not {r.action} it (is 'with' a claim of the same kind of group?)")
                      for r in unused]
    out: dict[str, dict[str, Any]] = {}
    used: set[str] = set()
    for slug in sorted(topic_data):
        out[slug], found = _apply_topic(dict(topic_data[slug]), reviews.values())
        used |= found
    existing = set(claims) if claims is not None else None
    shown = {cid for data in out.values() for cid in crossref.claim_ids(data)}
    problems = []
    for cid, review in sorted(reviews.items()):
        if cid in used:
            continue
        if existing is not None and cid in existing:
            message = f"the claim is in no topic, so the {review.action} shows nowhere"
        elif cid in shown:
            message = f"could not {review.action} it (is 'with' a claim of the same kind of group?)"
        else:
            message = "no such claim any more (re-extraction changed it; update or remove this review)"
        problems.append(_problem(review, message))
    return out, problems


def _problem(review: Review, message: str) -> Problem:
    return Problem(SHOWN, f"review of {review.claim}: {message}", review.line, None, "warning")
