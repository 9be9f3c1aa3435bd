"""YAML read safely: size cap, no aliases, no duplicate keys, bounded nesting, errors with line:col."""

from __future__ import annotations

from typing import Any

import yaml

from extract.errors import InputError, Problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 32


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and duplicate keys (both hide mistakes or attacks)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "aliases are not allowed (expected plain values)", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r} (expected each key once)", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _depth_ok(text: str) -> tuple[bool, int]:
    """Reject deep nesting before the parser recurses into it."""
    depth = 0
    for line_no, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" -")
        indent = len(line) - len(stripped)
        opened = line.count("[") + line.count("{")
        depth = max(depth, indent // 2 + opened)
        if depth > MAX_DEPTH:
            return False, line_no
    return True, 0


def load(text: str, path: str, line_offset: int = 0) -> Any:
    """Parse YAML text from `path`; any problem raises InputError located at path:line:col."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError([Problem(path, f"YAML larger than {MAX_BYTES} bytes (expected a small file)", 1)])
    ok, bad_line = _depth_ok(text)
    if not ok:
        raise InputError(
            [Problem(path, f"YAML nested deeper than {MAX_DEPTH} levels (expected flat data)", bad_line + line_offset)]
        )
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        col = mark.column + 1 if mark else None
        what = exc.problem or str(exc)
        raise InputError([Problem(path, f"invalid YAML: {what} (expected valid YAML)", line, col)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(path, f"invalid YAML: {exc}", 1 + line_offset)]) from None


def read(path_on_disk: str, display_path: str) -> Any:
    """Read and parse a YAML file, reporting encoding problems like any other."""
    with open(path_on_disk, "rb") as fh:
        raw = fh.read(MAX_BYTES + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(display_path, "not valid UTF-8 (expected UTF-8 text)", line)]) from None
    return load(text, display_path)


def dump(data: Any, header: str = "") -> str:
    """Deterministic YAML: keys in the given order, unicode kept, no aliases, wide lines."""

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return header + body
