"""Bytes from an editor's file to text: UTF-8 (BOM allowed), else an error at the first bad byte's line and column."""

from __future__ import annotations

from extract.errors import InputError, Problem


def decode(raw: bytes, path: str) -> str:
    """UTF-8 with or without BOM; anything else is an error located at its line and column, with a hint."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        hint = ""
        try:
            raw.decode("cp1252")
            hint = " — it looks like Windows-1252: re-save the file as UTF-8"
        except UnicodeDecodeError:
            pass
        raise InputError([Problem(path, f"not valid UTF-8 (expected UTF-8 text){hint}", line, col)]) from None
