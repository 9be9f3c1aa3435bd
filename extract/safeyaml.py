"""YAML read safely: size cap, no aliases, no duplicate keys, bounded nesting, errors with line:col."""

from __future__ import annotations

import re
from typing import Any

import yaml

from extract.encoding import decode
from extract.errors import InputError, Problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 32


# Tags that build bytes, sets or lists of pairs: no schema of ours expects them, so they are refused by name.
REFUSED_TAGS = ("binary", "set", "omap", "pairs")


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, duplicate or non-text keys, odd tags and deep nesting (mistakes or attacks)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "aliases are not allowed (expected plain values)", event.start_mark
            )
        # The composer recurses once per level whatever the style (block, flow over many lines, '? ' keys):
        # counting here bounds the recursion itself, so no text shape reaches RecursionError.
        depth = getattr(self, "_depth", 0) + 1
        if depth > MAX_DEPTH:
            raise yaml.constructor.ConstructorError(
                None, None, f"nested deeper than {MAX_DEPTH} levels (expected flat data)", self.peek_event().start_mark
            )
        self._depth = depth
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth - 1

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.constructor.ConstructorError(
                        None, None, "a key must be a plain value (expected 'key: value')", key_node.start_mark
                    )
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r} (expected each key once)", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _refuse_tag(loader: _Loader, node: Any) -> Any:
    raise yaml.constructor.ConstructorError(
        None, None, f"tag {node.tag.rsplit(':', 1)[-1]!r} is not allowed (expected plain text, numbers or lists)",
        node.start_mark,
    )


def _plain_number(loader: _Loader, node: Any) -> Any:
    """Numbers as written: YAML 1.1 would silently read 01234 as octal 668 and 1:30 as 90, so those are refused."""
    written = str(node.value)
    if re.fullmatch(r"[-+]?0[0-7_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?", written):
        raise yaml.constructor.ConstructorError(
            None, None, f"{written!r} would be read as the number {_YAML11[node.tag](loader, node)!r}, not as "
            "written (expected quotes around it if it is text, or no leading zero)", node.start_mark,
        )
    return _YAML11[node.tag](loader, node)


def _date(loader: _Loader, node: Any) -> Any:
    """A date or time as YAML reads it; one that matches the pattern but does not exist (2025-13-45, February
    30) is located, not a crash."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a real date: {exc} (expected YYYY-MM-DD)", node.start_mark,
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date)

_YAML11 = {
    "tag:yaml.org,2002:int": yaml.SafeLoader.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.SafeLoader.construct_yaml_float,
}
for _tag in REFUSED_TAGS:
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
for _tag in _YAML11:
    _Loader.add_constructor(_tag, _plain_number)


def load(text: str, path: str, line_offset: int = 0, max_bytes: int = MAX_BYTES) -> Any:
    """Parse YAML text from `path`; any problem raises InputError located at path:line:col. `max_bytes`: the
    size cap (MAX_BYTES for what people write; the build's own data files have theirs)."""
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise InputError([Problem(path, f"YAML larger than {max_bytes} bytes (expected a small file)", 1)])
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        col = mark.column + 1 if mark else None
        what = exc.problem or str(exc)
        expected = "" if "(expected" in what else " (expected valid YAML)"
        raise InputError([Problem(path, f"invalid YAML: {what}{expected}", line, col)]) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1 + line_offset, len(before) - before.rfind("\n")
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise InputError([Problem(path, f"invalid YAML: character {char} is not allowed (expected printable "
                                        "text)", line, col)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(path, f"invalid YAML: {exc}", 1 + line_offset)]) from None


def read(path_on_disk: str, display_path: str, max_bytes: int = MAX_BYTES) -> Any:
    """Read and parse a YAML file, reporting encoding problems like any other (size cap as in load)."""
    with open(path_on_disk, "rb") as fh:
        raw = fh.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputError([Problem(display_path, f"YAML larger than {max_bytes} bytes (expected a small file)", 1)])
    return load(decode(raw, display_path).replace("\r\n", "\n"), display_path, max_bytes=max_bytes)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: same text, ~6x faster
    """Safe dumper that never writes anchors or aliases (a reader of data/ sees every value in place)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any, header: str = "") -> str:
    """Deterministic YAML: keys in the given order, unicode kept, no aliases, wide lines."""

    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return header + body
