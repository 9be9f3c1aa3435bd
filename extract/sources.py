"""content/sources.yaml read into Source objects; articles naming an unknown outlet still get a column."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from extract import safeyaml
from extract.errors import InputError, Problem
from extract.ingest import slug_of
from extract.models import Article, Source
from extract.validation import locate, positions

FIELDS = ("id", "name", "url", "country", "kind")


ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # no '--': it joins two ids in compare/<a>--<b>/


def load(content: Path) -> tuple[Source, ...]:
    """The editor's list of outlets; every problem is reported at the entry's line and column."""
    path = content / "sources.yaml"
    if not path.exists():
        return ()
    shown = "content/sources.yaml"
    raw = safeyaml.read(str(path), shown) or []
    if not isinstance(raw, list):
        raise InputError([Problem(shown, "must be a list of outlets (expected '- id: ...' entries)", 1)])
    where = positions(path.read_text(encoding="utf-8-sig"))
    problems: list[Problem] = []
    found: list[Source] = []
    seen: set[str] = set()
    for number, entry in enumerate(raw, 1):
        index = number - 1

        def bad(message: str, key: str | None = None, index: int = index, number: int = number) -> None:
            place = locate((index, key) if key else (index,), where)
            problems.append(Problem(shown, f"entry {number}: {message}", *place))

        if not isinstance(entry, dict):
            bad("not a mapping (expected id, name, url, country, kind)")
            continue
        for key in sorted(set(entry) - set(FIELDS), key=str):
            bad(f"unknown key {key!r} (expected one of: {', '.join(FIELDS)})", str(key))
        values: dict[str, str | None] = {}
        for key in FIELDS:
            value = entry.get(key)
            if value is not None and not isinstance(value, str):
                kind = type(value).__name__
                bad(f"'{key}' is {value!r}, read by YAML as a {kind} (expected text: put it in quotes)", key)
                value = None
            values[key] = value.strip() if isinstance(value, str) else None
        source_id = values["id"]
        if source_id is None and entry.get("id") is not None:
            continue  # its type was reported above
        if not source_id or not ID.fullmatch(source_id):
            bad(f"id {source_id!r} (expected lower-case letters and digits, single dashes between them)", "id")
            continue
        if source_id in seen:
            bad(f"id '{source_id}' used twice (expected unique ids)", "id")
            continue
        if values["country"] and not re.fullmatch(r"[A-Z]{2}", values["country"]):
            bad(f"country {values['country']!r} (expected ISO 3166 alpha-2 like FR)", "country")
        seen.add(source_id)
        found.append(Source(id=source_id, name=values["name"] or source_id, url=values["url"],
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
