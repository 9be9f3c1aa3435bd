"""A small JSON-Schema subset checker, and where each YAML key sits, so data errors name their place.

Supported keywords: type (one or a list of: object, array, string, integer, number, boolean, null),
properties, required, additionalProperties (true/false), items, enum, const, pattern, minimum, minItems,
$defs and local $ref ("#/$defs/<name>"). That is all the topic schema needs, with no new dependency.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from extract import safeyaml
from extract.errors import Problem

SCHEMA_DIR = Path(__file__).parent / "schema"
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


@cache
def schema(name: str) -> dict[str, Any]:
    """A schema of extract/schema/, read once (e.g. "topic")."""
    return safeyaml.read(str(SCHEMA_DIR / f"{name}.schema.yaml"), f"extract/schema/{name}.schema.yaml")


def _is(value: Any, kind: str) -> bool:
    if kind in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[kind])


def _where(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def errors(value: Any, rules: dict[str, Any], root: dict[str, Any] | None = None,
           path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Every way `value` breaks `rules`, as (key path, message), in document order."""
    root = root if root is not None else rules
    if "$ref" in rules:
        name = rules["$ref"].removeprefix("#/$defs/")
        return errors(value, root["$defs"][name], root, path)
    found: list[tuple[tuple[Any, ...], str]] = []
    kinds = rules.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, k) for k in kinds):
            return [(path, f"is {type(value).__name__} {value!r:.60} (expected {' or '.join(kinds)})")]
    if "const" in rules and value != rules["const"]:
        found.append((path, f"is {value!r} (expected {rules['const']!r})"))
    if "enum" in rules and value not in rules["enum"]:
        found.append((path, f"is {value!r} (expected one of: {', '.join(map(str, rules['enum']))})"))
    if isinstance(value, str) and "pattern" in rules and not re.search(rules["pattern"], value):
        found.append((path, f"is {value!r} (expected text matching {rules['pattern']})"))
    if _is(value, "number") and "minimum" in rules and value < rules["minimum"]:
        found.append((path, f"is {value} (expected at least {rules['minimum']})"))
    if isinstance(value, dict):
        props = rules.get("properties", {})
        for key in rules.get("required", []):
            if key not in value:
                found.append((path, f"misses '{key}'"))
        for key, item in value.items():
            if key in props:
                found += errors(item, props[key], root, (*path, key))
            elif rules.get("additionalProperties", True) is False:
                found.append(((*path, key), f"is not allowed (expected one of: {', '.join(props)})"))
    if isinstance(value, list):
        if len(value) < rules.get("minItems", 0):
            found.append((path, f"has {len(value)} items (expected at least {rules['minItems']})"))
        if "items" in rules:
            for index, item in enumerate(value):
                found += errors(item, rules["items"], root, (*path, index))
    return found


def validate(value: Any, name: str, shown_path: str) -> list[Problem]:
    """Problems of `value` against extract/schema/<name>.schema.yaml, each naming its key path."""
    return [Problem(shown_path, f"{_where(p)} {message}") for p, message in errors(value, schema(name))]


def positions(text: str) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Line and column (1-based, within `text`) of every key and list item, to point errors at them."""
    found: dict[tuple[Any, ...], tuple[int, int]] = {}

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        found.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = (*path, key.value)
                found[sub] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, sub)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # only after safeyaml.load accepted the text
    except yaml.YAMLError:
        return found
    if root is not None:
        walk(root, ())
    return found


def locate(where: tuple[Any, ...], found: dict[tuple[Any, ...], tuple[int, int]]) -> tuple[int, int]:
    """The position of a key path, or of its nearest parent that has one."""
    while where and where not in found:
        where = where[:-1]
    return found.get(where, (1, 1))
