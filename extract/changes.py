"""What a build changed in a topic, as an editor asks it: claims added or removed, what they confirm or contradict."""

from __future__ import annotations

from typing import Any


def _overlap(a: list[Any] | None, b: list[Any] | None) -> bool:
    """Intervals [low, high] (None = unbounded) share at least one value."""
    if not a or not b:
        return False
    low = max(x for x in (a[0], b[0]) if x is not None) if a[0] is not None or b[0] is not None else None
    highs = [x for x in (a[1], b[1]) if x is not None]
    high = min(highs) if highs else None
    return low is None or high is None or low <= high


def describe(data: dict[str, Any], had_previous: bool) -> dict[str, Any]:
    """The topic's `changes`: nothing on a first build; else added/removed plus confirms/contradicts for figures."""
    if not had_previous:
        return {"added": [], "removed": [], "confirms": [], "contradicts": []}
    changes = data.get("changes") or {}
    added = set(changes.get("added") or [])
    confirms: list[str] = []
    contradicts: list[str] = []
    for figure in data.get("figures") or []:
        claims = [c for c in figure.get("claims") or [] if (c.get("review") or {}).get("action") != "reject"]
        for claim in claims:
            if claim.get("claim") not in added:
                continue
            others = [o for o in claims if o.get("source") != claim.get("source") and o.get("claim") not in added]
            if not others:
                continue
            if any(_overlap(claim.get("interval"), o.get("interval")) for o in others):
                confirms.append(claim["claim"])
            else:
                contradicts.append(claim["claim"])
    return {"added": sorted(added), "removed": sorted(changes.get("removed") or []),
            "confirms": sorted(set(confirms)), "contradicts": sorted(set(contradicts))}


NAMED = 4  # new claims named per topic and verdict in a build's summary; the others are counted


def _sources(claims: list[dict[str, Any]], claim: dict[str, Any], agreeing: bool) -> list[str]:
    """The other sources with a value (not new in this build) sharing a value with `claim`, or none of theirs."""
    shared: dict[str, bool] = {}
    for other in claims:
        source = str(other.get("source") or "")
        if source and source != claim.get("source"):
            shared[source] = shared.get(source, False) or _overlap(claim.get("interval"), other.get("interval"))
    return sorted(s for s, yes in shared.items() if yes == agreeing)


def summary_lines(slug: str, data: dict[str, Any]) -> list[str]:
    """What a build changed in one topic, for the editor: the counts, then which new figures confirm or
    contradict which sources (the first NAMED of each; the topic page and `git diff data/` give them all)."""
    changes = data.get("changes") or {}
    parts = [f"{len(changes.get(k) or [])} {k}" for k in ("added", "removed", "changed") if changes.get(k)]
    parts += [f"{len(changes[k])} {k}" for k in ("confirms", "contradicts") if changes.get(k)]
    if not parts:
        return []
    lines = [f"{slug}: {', '.join(parts)}"]
    # outlets by name; one not in content/sources.yaml by the key its articles give (its page name is long)
    names = {s.get("key"): str(s.get("name") or s.get("key")) for s in data.get("sources") or []
             if isinstance(s, dict) and s.get("known") is not False}
    for verdict, agreeing, word in (("confirms", True, "like"), ("contradicts", False, "against")):
        wanted = set(changes.get(verdict) or [])
        named = 0
        for figure in data.get("figures") or []:
            claims = [c for c in figure.get("claims") or [] if (c.get("review") or {}).get("action") != "reject"]
            for claim in claims:
                if claim.get("claim") not in wanted:
                    continue
                wanted.discard(claim.get("claim"))
                if named == NAMED:
                    continue
                named += 1
                settled = [c for c in claims if c.get("claim") not in (changes.get("added") or ())]
                text = " ".join(str(claim.get("text") or "").split())
                others = ", ".join(names.get(s, s) for s in _sources(settled, claim, agreeing))
                lines.append(f"  {verdict} {figure.get('label') or figure.get('id')}: «\u202f{text}\u202f» "
                             f"({names.get(claim.get('source'), claim.get('source'))}) {word} {others}")
        more = len(changes.get(verdict) or []) - named
        if more > 0:
            lines.append(f"  … and {more} more that {verdict[:-1]}")
    return lines
