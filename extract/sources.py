"""content/sources.yaml read into Source objects; articles naming an unknown outlet still get a column."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from extract import safeyaml
from extract.errors import InputError, Problem
from extract.ingest import slug_of
from extract.models import Article, Source

FIELDS = ("id", "name", "url", "country", "kind")


def load(content: Path) -> tuple[Source, ...]:
    """The editor's list of outlets; every problem is reported with the entry's position."""
    path = content / "sources.yaml"
    if not path.exists():
        return ()
    raw = safeyaml.read(str(path), "content/sources.yaml") or []
    shown = "content/sources.yaml"
    if not isinstance(raw, list):
        raise InputError([Problem(shown, "must be a list of outlets (expected '- id: ...' entries)", 1)])
    problems: list[Problem] = []
    found: list[Source] = []
    seen: set[str] = set()
    for number, entry in enumerate(raw, 1):
        if not isinstance(entry, dict):
            problems.append(Problem(shown, f"entry {number} is not a mapping (expected id, name, ...)"))
            continue
        unknown = sorted(set(entry) - set(FIELDS))
        if unknown:
            expected = ", ".join(FIELDS)
            problems.append(Problem(shown, f"entry {number}: unknown key '{unknown[0]}' (expected {expected})"))
        values = {k: entry.get(k) for k in FIELDS}
        for key, value in values.items():
            if value is not None and not isinstance(value, str):
                problems.append(Problem(shown, f"entry {number}: '{key}' is {value!r} (expected text in quotes)"))
                values[key] = str(value)
        if not values["id"] or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", values["id"]):
            problems.append(Problem(shown, f"entry {number}: id {values['id']!r} (expected lower-case letters, "
                                           "digits and dashes)"))
            continue
        if values["id"] in seen:
            problems.append(Problem(shown, f"entry {number}: id '{values['id']}' used twice (expected unique ids)"))
            continue
        if values["country"] and not re.fullmatch(r"[A-Z]{2}", values["country"]):
            problems.append(Problem(shown, f"entry {number}: country {values['country']!r} (expected ISO 3166 "
                                           "alpha-2 like FR)"))
        seen.add(values["id"])
        found.append(Source(id=values["id"], name=values["name"] or values["id"], url=values["url"],
                            country=values["country"], kind=values["kind"]))
    if problems:
        raise InputError(problems)
    return tuple(found)


def resolve(articles: list[Article], known: tuple[Source, ...]
            ) -> tuple[list[Article], tuple[Source, ...], list[Problem]]:
    """Give every article its column: a known id or name, else the name as given (warned), else unknown."""
    by_id = {s.id: s for s in known}
    by_name = {s.name.casefold(): s for s in known}
    columns: dict[str, Source] = {}
    warnings: list[Problem] = []
    resolved: list[Article] = []
    for article in articles:
        given = article.source_id
        if given is None:
            source = Source(id=article.source_key, name="Source inconnue", known=False)
        elif given in by_id:
            source = by_id[given]
        elif given.casefold() in by_name:
            source = by_name[given.casefold()]
        else:
            warnings.append(Problem(article.path, f"source {given!r} is not in content/sources.yaml "
                                                  "(shown under that name)", 3, 1, "warning"))
            source = Source(id=slug_of(given), name=given, known=False)
        if given is not None:
            article = dataclasses.replace(article, source_id=source.id)
        columns[source.id] = source
        resolved.append(article)
    return resolved, tuple(columns[k] for k in sorted(columns)), warnings
