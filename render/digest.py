"""A stable digest of template inputs, so a page is rendered again exactly when something it reads changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import marshal
import operator
import struct
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from markupsafe import Markup

_NESTED: set[type] = set()  # dataclasses seen holding more than plain data (their digest is unchanged)
_SMALL = 8  # containers at least this long are digested once per build and shared between pages


class Digester:
    """Digests values of known types (fails loudly on any other), remembering big shared objects by identity
    for as long as the digester lives (one build: the objects stay alive, so their ids are not reused)."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, bytes]] = {}

    def alias(self, value: object, made_from: object) -> bytes:
        """Stand `value` for `made_from` (what a pure function built it from, the function's name included):
        digesting the few inputs is cheaper than the big result. Only for frozen objects, just made."""
        found = self._memo[id(value)] = (value, self.digest(made_from))
        return found[1]

    def remember(self, value: object, digest: bytes) -> None:
        """Give `value` the digest an earlier digester gave it (an immutable view kept between renders)."""
        self._memo[id(value)] = (value, digest)

    def stand(self, value: object, made_from: bytes) -> None:
        """alias() for a caller that already holds the digest of what `value` was made from (16 bytes from
        this digester, with whatever else made it joined in): no second walk through it."""
        self._memo[id(value)] = (value, hashlib.blake2b(b"stand\0" + made_from, digest_size=16).digest())

    def digest(self, value: object) -> bytes:
        """16 bytes that change whenever the value's content, types or order change."""
        hasher = hashlib.blake2b(digest_size=16)
        self._feed(value, hasher.update)
        return hasher.digest()

    def hexdigest(self, value: object) -> str:
        """The digest as text, for the render manifest."""
        return self.digest(value).hex()

    def _shared(self, value: object, feed: Callable[[bytes], object]) -> None:
        """A big container or a dataclass: its own digest, computed once, stands for it."""
        found = self._memo.get(id(value))
        if found is None or found[0] is not value:
            hasher = hashlib.blake2b(digest_size=16)
            kind = type(value)
            if _is_record(kind) and kind not in _NESTED:
                # The bytes _feed_inner writes for a record of plain fields, in two C calls; a class whose
                # fields hold other records (or dates, Markup) goes item by item from then on.
                try:
                    hasher.update(b"c" + _qualified(kind) + b"X" + marshal.dumps(_fields_of(kind)(value), 2))
                except ValueError:
                    _NESTED.add(kind)
                    hasher = hashlib.blake2b(digest_size=16)
                    self._feed_inner(value, hasher.update)
            else:
                self._feed_inner(value, hasher.update)
            found = self._memo[id(value)] = (value, hasher.digest())
        feed(b"@" + found[1])

    def _feed(self, value: object, feed: Callable[[bytes], object]) -> None:
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")  # type: ignore[attr-defined]
            feed(b"s" + struct.pack("<Q", len(data)) + data)
        elif kind is Markup:
            data = str(value).encode("utf-8", "surrogatepass")
            feed(b"m" + struct.pack("<Q", len(data)) + data)
        elif value is None or kind is bool or kind is int or kind is float:
            text = repr(value).encode("ascii")
            feed(kind.__name__[:1].encode("ascii") + struct.pack("<B", len(text)) + text)
        elif (kind is tuple or kind is list or kind is dict) and len(value) < _SMALL:  # type: ignore[arg-type]
            self._feed_inner(value, feed)
        else:
            self._shared(value, feed)

    def _feed_inner(self, value: Any, feed: Callable[[bytes], object]) -> None:
        kind = type(value)
        if (kind is tuple or kind is list) and value and self._records(value, feed):
            return
        if kind is tuple or kind is list or kind is dict:
            try:
                # marshal format 2 writes exact builtin types only (no subclass, no object; no shared
                # references or interning flags), so equal plain data gives equal bytes, at C speed.
                feed(b"X" + marshal.dumps(value, 2))
                return
            except ValueError:  # holds something else (Markup, a dataclass, a date): item by item.
                # (A set inside is written in hash order: at worst a needless render, never a wrong reuse.)
                pass
        if kind is tuple or kind is list:
            feed((b"t" if kind is tuple else b"l") + struct.pack("<Q", len(value)))
            for item in value:
                self._feed(item, feed)
        elif kind is dict:
            feed(b"d" + struct.pack("<Q", len(value)))
            for key, item in value.items():  # insertion order: templates iterate in it
                self._feed(key, feed)
                self._feed(item, feed)
        elif kind is set or kind is frozenset:
            parts = sorted(self.digest(item) for item in value)
            feed(b"e" + struct.pack("<Q", len(parts)) + b"".join(parts))
        elif _is_record(kind):
            feed(b"c" + _qualified(kind))
            self._feed_inner(_fields_of(kind)(value), feed)
        elif kind is dt.date or kind is dt.datetime:
            feed(b"D" + value.isoformat().encode("ascii"))
        elif kind is bytes:
            feed(b"b" + struct.pack("<Q", len(value)) + value)
        elif isinstance(value, PurePath):
            self._feed(value.as_posix(), feed)
        else:
            raise TypeError(f"render cache: cannot digest a {kind.__module__}.{kind.__qualname__}; "
                            "teach render/digest.py this type or pass the page plain data")


    @staticmethod
    def _records(value: tuple[Any, ...] | list[Any], feed: Callable[[bytes], object]) -> bool:
        """A sequence of records of one class with plain fields (an article's claims) in one marshal call, not
        record by record; False (nothing fed) for any other sequence."""
        kind = type(value[0])
        if not _is_record(kind) or kind in _NESTED or not all(type(item) is kind for item in value):
            return False
        fields = _fields_of(kind)
        try:
            data = marshal.dumps([fields(item) for item in value], 2)
        except ValueError:
            _NESTED.add(kind)
            return False
        feed(b"R" + (b"t" if type(value) is tuple else b"l") + _qualified(kind) + struct.pack("<Q", len(data)) + data)
        return True


@functools.cache
def _is_record(kind: type) -> bool:
    """Whether instances of `kind` are dataclass records (digested by class name and fields)."""
    return dataclasses.is_dataclass(kind)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names, in declaration order."""
    return tuple(item.name for item in dataclasses.fields(kind))


@functools.cache
def _fields_of(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    """A record's field values as a tuple, in declaration order (one C call, not a generator per record)."""
    names = _field_names(kind)
    if len(names) == 1:
        return lambda value: (getattr(value, names[0]),)
    if not names:
        return lambda value: ()
    return operator.attrgetter(*names)


@functools.cache
def _qualified(kind: type) -> bytes:
    """The class's full name, length-prefixed, so two records with equal fields but different types differ."""
    name = f"{kind.__module__}.{kind.__qualname__}".encode()
    return struct.pack("<H", len(name)) + name
