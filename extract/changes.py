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
