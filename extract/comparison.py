"""How reports compare: dates at their precision, figures as intervals, a figure's status, who was first.

Plain functions over the entry dicts of docs/data-schema.md, so reviews can change entries and recompute.
"""

from __future__ import annotations

import calendar
import math
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from extract import entities
from extract.topics import fold

APPROX = 0.10  # "environ 1 500" reads as 1 500 ± 10 %
PERIOD_DAYS = 7  # reports further apart than this describe different moments, not one disagreement


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> str | None:
    """How two names are compared: their canonical form, folded."""
    if not name or not name.strip():
        return None
    return fold(entities.canonical(name))


@lru_cache(maxsize=65536)
def date_span(iso: str | None) -> tuple[date, date] | None:
    """The days an ISO date at its precision may mean: a month is all of its days, never just the 1st."""
    if not iso:
        return None
    if "/" in iso:
        first, _, last = iso.partition("/")
        a, b = date_span(first), date_span(last)
        return (a[0], b[1]) if a and b else None
    iso = iso.split("T", 1)[0]
    try:
        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            last_day = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last_day)
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


def certainly_before(a: str | None, b: str | None) -> bool:
    """True only when every day `a` may mean comes before every day `b` may mean."""
    sa, sb = date_span(a), date_span(b)
    return bool(sa and sb and sa[1] < sb[0])


def days_apart(a: str | None, b: str | None) -> int | None:
    """Smallest number of days between two dates at their precision (0 when they may be the same day)."""
    sa, sb = date_span(a), date_span(b)
    if not (sa and sb):
        return None
    if sa[1] < sb[0]:
        return (sb[0] - sa[1]).days
    if sb[1] < sa[0]:
        return (sa[0] - sb[1]).days
    return 0


def precision(iso: str) -> int:
    """Day 3, month 2, year 1; an interval 0 (it only ever matches itself)."""
    if "/" in iso:
        return 0
    return len(iso.split("T", 1)[0].split("-"))


def within(inner: str, outer: str) -> bool:
    """Whether a date at its precision falls inside another, coarser or equal one."""
    if "/" in inner or "/" in outer:
        return inner == outer
    return inner.split("T", 1)[0].startswith(outer.split("T", 1)[0])


def _tidy(number: float | int | None) -> float | int | None:
    """Whole numbers as int, others rounded, so YAML stays readable and stable."""
    if number is None:
        return None
    if isinstance(number, float):
        number = round(number, 6)
        return int(number) if number.is_integer() else number
    return number


def interval(value: Any, low: Any, high: Any, qualifier: str | None) -> list[Any] | None:
    """A figure and its qualifier as [low, high] (high None = no upper bound): what it allows to be true."""
    lo = low if low is not None else value
    hi = high if high is not None else value
    if lo is None and hi is None:
        return None
    lo = lo if lo is not None else hi
    hi = hi if hi is not None else lo
    if qualifier == "approx":
        return [_tidy(lo * (1 - APPROX)), _tidy(hi * (1 + APPROX))]
    if qualifier == "at_most":
        return [0, _tidy(hi)]
    if qualifier == "at_least":
        return [_tidy(lo), None]
    return [_tidy(lo), _tidy(hi)]


def overlaps(a: list[Any] | None, b: list[Any] | None) -> bool:
    """Whether two intervals can both be true."""
    if not a or not b:
        return True
    a_high = math.inf if a[1] is None else a[1]
    b_high = math.inf if b[1] is None else b[1]
    return a[0] <= b_high and b[0] <= a_high


def rejected(entry: Mapping[str, Any]) -> bool:
    """An editor rejected this claim: it stays in the data, marked, and counts for nothing."""
    review = entry.get("review")
    return isinstance(review, Mapping) and review.get("action") == "reject"


def report_key(entry: Mapping[str, Any]) -> tuple[Any, ...]:
    """Reports in order of publication (a month sorts after its days, undated last), then article and position."""
    span = date_span(entry.get("published"))
    when = (0, span[1].isoformat(), span[0].isoformat()) if span else (1, "", "")
    return (*when, entry.get("article") or "", entry.get("start") or 0)


def first_reporters(entries: list[Mapping[str, Any]]) -> set[str]:
    """Articles that may have been first: none of the others is certainly earlier (month vs day = tie)."""
    spans = [date_span(e.get("published")) for e in entries]
    ends = sorted((span[1], i) for i, span in enumerate(spans) if span)
    found = set()
    for i, entry in enumerate(entries):
        span = spans[i]
        # the earliest possible end among the other entries decides whether one of them is certainly earlier
        other_end = next((end for end, j in ends[:2] if j != i), None)
        if span is None or other_end is None or not other_end < span[0]:
            found.add(entry["article"])
    return found


def first_flags(entries: list[dict[str, Any]]) -> list[str]:
    """For each claim, whether its source reported this value first: yes, tie or no."""
    groups: dict[Any, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        if rejected(entry):
            continue
        value = entry.get("value")
        key = ("v", value) if value is not None else ("r", entry.get("low"), entry.get("high"))
        groups[key].append(index)
    flags = ["no"] * len(entries)
    for members in groups.values():
        group = [entries[i] for i in members]
        first = first_reporters(group)
        sources = {e["source"] for e in group if e["article"] in first}
        for i in members:
            if entries[i]["article"] in first:
                flags[i] = "yes" if len(sources) == 1 else "tie"
    return flags


def _stated(entry: Mapping[str, Any]) -> tuple[Any, Any]:
    lo = entry.get("low") if entry.get("low") is not None else entry.get("value")
    hi = entry.get("high") if entry.get("high") is not None else entry.get("value")
    return lo, hi


def stated_on(entry: Mapping[str, Any]) -> str | None:
    """When a figure was stated: the earlier date its sentence opens with ("Le 18 octobre, …"), else its
    article's publication."""
    return entry.get("as_of") or entry.get("published")


def grew(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether, of two figures that cannot both be true, the one certainly published later is the higher: for
    a count that only grows (sent so far, killed so far) that is an update, not a contradiction."""
    if certainly_before(stated_on(b), stated_on(a)):
        a, b = b, a
    elif not certainly_before(stated_on(a), stated_on(b)):
        return False
    earlier, later = a.get("interval"), b.get("interval")
    if not earlier or not later or earlier[1] is None:
        return False
    return later[0] > earlier[1]


def figure_status(entries: list[Mapping[str, Any]], cumulative: bool = False
                  ) -> tuple[str, dict[str, Any] | None]:
    """How the sources' figures relate, and the smallest and largest figure they state.

    empty: no claim; unconfirmed: only hedged claims; single: firm claims from one source only; divergent:
    two figures from the same period cannot both be true; evolving: they differ, but a later figure replaces
    an earlier one (same claimant, reports more than PERIOD_DAYS apart, or, for a `cumulative` count, a
    later and higher figure); consistent: all can be true.
    """
    live = [e for e in entries if not rejected(e)]
    if not live:
        return "empty", None
    firm = [e for e in live if not e.get("hedged")]
    considered = firm or live
    lows = [s for e in considered for s in _stated(e)[:1] if s is not None]
    highs = [s for e in considered for s in _stated(e)[1:] if s is not None]
    span = {"low": _tidy(min(lows)) if lows else None, "high": _tidy(max(highs)) if highs else None}
    if not firm:
        return "unconfirmed", span
    if len({e["source"] for e in firm}) == 1:
        return "single", span
    evolving = False
    for i, a in enumerate(considered):
        for b in considered[i + 1 :]:
            if overlaps(a.get("interval"), b.get("interval")):
                continue
            claimant = name_key(a.get("claimant"))
            same_claimant = claimant is not None and claimant == name_key(b.get("claimant"))
            apart = days_apart(stated_on(a), stated_on(b))
            if (same_claimant and apart) or (apart is not None and apart > PERIOD_DAYS) or (cumulative and grew(a, b)):
                evolving = True
            else:
                return "divergent", span
    return ("evolving" if evolving else "consistent"), span
