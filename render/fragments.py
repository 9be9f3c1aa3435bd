"""Macro output shared between pages: a claim's cell is rendered once per folder depth, not once per page, and
kept between builds (.cache/render/fragments.bin), so a big page rendered again is mostly joined strings."""

from __future__ import annotations

import hashlib
import logging
import marshal
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from render.digest import Digester
from render.rendercache import read_marshal, write_atomic

log = logging.getLogger(__name__)

# A folder no page lives in: links from a fragment never depend on which page of that depth shows it.
_NOWHERE = "*"
STORE_VERSION = 5
TABLES = ("source_table", "pair_table")  # macros of macros.html templates may keep whole through table()
# macros of macros.html kept through row(): rows and sections of topic and timeline pages (a comparison
# table's row is not kept on its own: digesting its cells costs about what rendering them from kept cells does)
ROWS = ("matrix_row", "figure_section", "statement_wordings", "timeline_entry")
# A comparison table's rows, through table_row(): keyed by what the page key already digested, and taken back
# from the previous version of the same table (its place) when their key is unchanged, never kept on their own.
TABLE_ROWS = ("source_row", "pair_row")
KEEP_BUILDS = 30  # a kept fragment no build has used for this many builds is dropped
BIG = 16_384  # a fragment longer than this (a whole table) is kept in its own file, read only when used
_IN_FILE = "\0"  # what a kept fragment's text starts with when it is the name of that file

Lookups = tuple[tuple[str, str, str], ...]  # (question, key, digest of the answer), as in the render manifest
# A kept table's rows: (row key, start, end in the table's text, positions of its look-ups in the table's)
RowIndex = tuple[tuple[str, int, int, tuple[int, ...]], ...]
Shared = tuple[dict[str, tuple[str, Lookups]], dict[str, str], set[str], dict[str, RowIndex]]


def nowhere(depth: int) -> str:
    """A page path `depth` folders deep that no real page has, so a link from it is '../' * depth + target."""
    return "/".join([_NOWHERE] * depth + ["index.html"])


@dataclass
class Store:
    """Fragments kept between builds, by digest of (depth, macro, arguments); each valid for as long as the
    look-ups it made get the same answers and the render code (`code`) is the same."""

    path: Path | None
    code: str
    generation: int = 0
    kept: dict[str, tuple[str, Lookups, int]] = field(default_factory=dict)  # key -> (html, look-ups, last use)
    fresh: dict[str, tuple[str, Lookups]] = field(default_factory=dict)  # made or used in this build
    # A table's place (its page and topic) → the key of its current version: an older one is dropped at once,
    # not kept KEEP_BUILDS builds (each edit of a busy topic makes new tables, of hundreds of KB each).
    slots: dict[str, str] = field(default_factory=dict)
    superseded: set[str] = field(default_factory=set)
    rows: dict[str, RowIndex] = field(default_factory=dict)  # a kept table's key -> where its rows are
    loaded: bool = False

    def load(self) -> None:
        """Read the kept fragments once (before workers fork, so they share them); a bad file is no store."""
        if self.loaded:
            return
        self.loaded = True
        if self.path is None:
            return
        try:
            raw = read_marshal(self.path)
            if type(raw) is not tuple or len(raw) != 6 or raw[0] != STORE_VERSION or raw[1] != self.code:
                return
            _, _, generation, items, slots, rows = raw
            if type(slots) is not dict or not all(type(k) is str and type(v) is str for k, v in slots.items()):
                return
            if type(rows) is not dict or not all(type(k) is str and type(v) is tuple for k, v in rows.items()):
                return
            if type(generation) is not int or type(items) is not dict or not all(
                    type(k) is str and type(v) is tuple and len(v) == 3 and type(v[0]) is str and type(v[1]) is tuple
                    and type(v[2]) is int for k, v in items.items()):
                return
            self.generation, self.kept, self.slots = generation + 1, items, {**slots, **self.slots}
            self.rows = {**rows, **self.rows}
        except (OSError, ValueError, EOFError, TypeError):
            self.kept = {}

    def save(self) -> None:
        """Write the kept fragments back (atomically) when this build made or used any: those of this build
        and the older ones still recent enough. Marshal: read at every build, and a page's look-ups are
        tuples of strings it keeps shared."""
        if self.path is None or not self.fresh:
            return
        self.load()
        items: dict[str, tuple[str, Lookups, int]] = {
            key: entry for key, entry in self.kept.items() if entry[2] >= self.generation - KEEP_BUILDS}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for key, (html, lookups) in self.fresh.items():
            if len(html) > BIG:  # not read and written again with every build's store
                html = _IN_FILE + self._write_big(html)
            items[key] = (html, lookups, self.generation)
        current = set(self.slots.values())
        for key in self.superseded - current:  # a table of the same place made again since
            items.pop(key, None)
        slots = {slot: key for slot, key in sorted(self.slots.items()) if key in items}
        rows = {key: index for key, index in sorted(self.rows.items()) if key in items}
        data = marshal.dumps((STORE_VERSION, self.code, self.generation, dict(sorted(items.items())), slots, rows), 4)
        write_atomic(self.path, data, ".fragments-")
        named = {html[1:] for html, _, _ in items.values() if html.startswith(_IN_FILE)}
        for path in self.big_folder.glob("*.html") if self.big_folder.is_dir() else []:
            if path.stem not in named:
                path.unlink(missing_ok=True)

    def place(self, slot: str, key: str) -> None:
        """`key` is now the version of the table at `slot`: the one it replaces is dropped at the next save."""
        self.load()
        old = self.slots.get(slot)
        if old is not None and old != key:
            self.superseded.add(old)
        self.slots[slot] = key

    @property
    def big_folder(self) -> Path:
        """Where fragments longer than BIG are kept, one file each, named by the SHA-256 of their text."""
        assert self.path is not None
        return self.path.parent / "fragments"

    def _write_big(self, html: str) -> str:
        data = html.encode("utf-8")
        name = hashlib.sha256(data).hexdigest()
        target = self.big_folder / f"{name}.html"
        if not target.exists():
            write_atomic(target, data)
        return name

    def text(self, html: str) -> str | None:
        """A kept fragment's text: as kept, or read from its file (None when the file is missing or altered)."""
        if not html.startswith(_IN_FILE):
            return html
        try:
            data = (self.big_folder / f"{html[1:]}.html").read_bytes()
        except OSError:
            return None
        return data.decode("utf-8") if hashlib.sha256(data).hexdigest() == html[1:] else None


@dataclass
class Fragments:
    """Rendered macros by (depth, macro, arguments), each with the site look-ups it made;
    `site_at(path, absolute, record)` is the site seen from a path (depth -1: the 404 page, absolute links).
    With a `store`, fragments of earlier builds whose look-ups still get the same `answer` are reused."""

    env: Environment
    site_at: Callable[[str, bool, dict[tuple[str, str], object]], Any]
    template: str = "macros.html"
    store: Store | None = None
    answer: Callable[[str, str], object] | None = None
    digester: Digester = field(default_factory=Digester)
    answer_digest: Callable[[str, str], str] | None = None  # digest of answer(question, key), remembered
    _modules: dict[int, Any] = field(default_factory=dict)
    _cache: dict[tuple[Hashable, ...], tuple[Markup, dict[tuple[str, str], object]]] = field(default_factory=dict)
    _record: dict[tuple[str, str], object] = field(default_factory=dict)
    _checked: dict[tuple[str, str, str], bool] = field(default_factory=dict)
    # id(rows given to a table macro) -> what each row is made of and the sides it is cut for (site.render
    # digests them for the page keys anyway); keyed() makes a row's key from them
    row_keys: dict[int, tuple[tuple[bytes, ...], bytes]] = field(default_factory=dict)
    _tables: list[_TableMaking] = field(default_factory=list)

    def at(self, page: str, absolute: bool, record: dict[tuple[str, str], object]) -> FragmentView:
        """The fragments a page at `page` may use (those of its depth); their look-ups go to `record`."""
        return FragmentView(self, -1 if absolute else page.count("/"), record)

    def render(self, depth: int, macro: str, *args: Hashable) -> tuple[Markup, dict[tuple[str, str], object]]:
        """One macro's output for these arguments at this depth and what it looked up, made on first use."""
        key = (depth, macro, *args)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._kept(key) or self._make(key)
        return cached

    def _kept(self, key: tuple[Hashable, ...]) -> tuple[Markup, dict[tuple[str, str], object]] | None:
        """The fragment from an earlier build, when every look-up it made gets the same answer now."""
        if self.store is None or self.answer is None:
            return None
        self.store.load()
        name = self.digester.hexdigest(key)
        found = self.store.kept.get(name)
        if found is None:
            return None
        stored, lookups, _ = found
        if not self._still(lookups):
            return None
        html = self.store.text(stored)
        if html is None:
            return None
        self.store.fresh[name] = (stored, lookups)  # a big one stays in its file
        return Markup(html), {(q, k): self.answer(q, k) for q, k, _ in lookups}

    def _still(self, lookups: Lookups) -> bool:
        """Whether every look-up a kept fragment made gets the same answer now (each checked once a build)."""
        for lookup in lookups:
            ok = self._checked.get(lookup)
            if ok is None:
                ok = self._checked[lookup] = self._answered(lookup[0], lookup[1]) == lookup[2]
            if not ok:
                return False
        return True

    def _answered(self, question: str, key: str) -> str:
        """The digest of a look-up's answer now."""
        if self.answer_digest is not None:
            return self.answer_digest(question, key)
        assert self.answer is not None
        return self.digester.hexdigest(self.answer(question, key))

    def _module(self, depth: int) -> Any:
        """macros.html as a module for pages at this depth (made once)."""
        module = self._modules.get(depth)
        if module is None:
            site = self.site_at(nowhere(max(depth, 0)), depth < 0, self._record)
            module = self._modules[depth] = self.env.get_template(self.template).make_module(
                {"site": site, "fragments": FragmentView(self, depth, self._record)})
        return module

    def _call(self, depth: int, macro: str, args: tuple[Any, ...]) -> tuple[Markup, dict[tuple[str, str], object]]:
        """One macro's output and its own look-ups. A fragment made inside another (a table's cells): the outer
        one's look-ups so far are set aside and given back, with this one's, which the outer fragment then
        depends on too (FragmentView adds them)."""
        module = self._module(depth)
        outer = dict(self._record)
        self._record.clear()
        try:
            html = Markup(getattr(module, macro)(*args))
            record = dict(self._record)
        finally:
            self._record.clear()
            self._record.update(outer)
        return html, record

    def _make(self, key: tuple[Hashable, ...]) -> tuple[Markup, dict[tuple[str, str], object]]:
        depth, macro, *args = key
        assert isinstance(depth, int) and isinstance(macro, str)
        html, record = self._call(depth, macro, tuple(args))
        if self.store is not None:
            lookups = tuple(sorted((q, k, self._answered(q, k)) for q, k in record))  # the answers recorded
            self.store.fresh[self.digester.hexdigest(key)] = (str(html), lookups)
        return html, record

    def table_row(self, depth: int, key: str | None, macro: str, args: tuple[Any, ...]
                  ) -> tuple[Markup, dict[tuple[str, str], object]]:
        """A row of the table being made: the previous version's row of the same key when its look-ups still
        get the same answers (a row is a pure function of its key, depth and look-ups), else made."""
        making = self._tables[-1] if self._tables else None
        if making is not None and key is not None:
            found = making.previous(self).get(key)
            if found is not None and self._still(found[1]):
                assert self.answer is not None
                making.made.append((key, found[0], tuple((q, k) for q, k, _ in found[1])))
                return Markup(found[0]), {(q, k): self.answer(q, k) for q, k, _ in found[1]}
        html, record = self._call(depth, macro, args)
        if making is not None and key is not None:
            making.made.append((key, str(html), tuple(record)))
        return html, record

    def begin_table(self, slot: str) -> _TableMaking:
        """Start a table at its place: rows made for it may come from that place's previous version."""
        making = _TableMaking(slot, self.store.slots.get(slot) if self.store is not None else None)
        self._tables.append(making)
        return making

    def end_table(self, making: _TableMaking, key: str) -> None:
        """A table made now (not kept): where each of its rows is in its text, for the next version to reuse."""
        popped = self._tables.pop()
        assert popped is making
        if self.store is None or not making.made or key not in self.store.fresh:
            return
        html, lookups = self.store.fresh[key]
        position = {(q, k): n for n, (q, k, _) in enumerate(lookups)}
        index: list[tuple[str, int, int, tuple[int, ...]]] = []
        at = 0
        for row_key, row_html, row_lookups in making.made:
            start = html.find(row_html, at)
            places = [position.get(lookup) for lookup in row_lookups]
            if start < 0 or None in places:
                break  # not found as made (never expected): the rows after it are made again next time
            at = start + len(row_html)
            index.append((row_key, start, at, tuple(p for p in places if p is not None)))
        self.store.rows[key] = tuple(index)

    def shared(self) -> Shared:
        """What this process made or used for the store, and the tables it placed (sent back by a worker)."""
        if self.store is None:
            return {}, {}, set(), {}
        return self.store.fresh, self.store.slots, self.store.superseded, self.store.rows

    def absorb(self, shared: Shared) -> None:
        """Fragments a render worker made or used, kept for the next build, and the tables it placed."""
        if self.store is not None:
            fresh, slots, superseded, rows = shared
            self.store.fresh.update(fresh)
            for slot, key in slots.items():
                self.store.place(slot, key)
            self.store.superseded |= superseded
            self.store.rows.update(rows)


@dataclass
class _TableMaking:
    """A table being made: its place, the key of the place's previous version, and the rows made so far
    (key, text, what each looked up)."""

    slot: str
    old_key: str | None
    made: list[tuple[str, str, tuple[tuple[str, str], ...]]] = field(default_factory=list)
    _previous: dict[str, tuple[str, Lookups]] | None = None

    def previous(self, fragments: Fragments) -> dict[str, tuple[str, Lookups]]:
        """The previous version's rows by key, with their look-ups (read on first use)."""
        if self._previous is None:
            self._previous = {}
            store = fragments.store
            found = store.kept.get(self.old_key) if store is not None and self.old_key is not None else None
            index = store.rows.get(self.old_key) if store is not None and self.old_key is not None else None
            text = store.text(found[0]) if store is not None and found is not None and index else None
            if found is not None and index and text is not None:
                lookups = found[1]
                try:
                    self._previous = {key: (text[start:end], tuple(lookups[n] for n in places))
                                      for key, start, end, places in index}
                except (IndexError, TypeError, ValueError):
                    self._previous = {}
        return self._previous


@dataclass(frozen=True)
class FragmentView:
    """What templates call: `fragments.report(r, kind, new)` and `fragments.claim_brief(c)`, macros of
    macros.html, remembered."""

    fragments: Fragments
    depth: int
    record: dict[tuple[str, str], object]

    def report(self, report: Hashable, kind: str, new: bool = False) -> Markup:
        """A topic row's cell for one report (see the `report` macro)."""
        html, lookups = self.fragments.render(self.depth, "report", report, kind, bool(new))
        self.record.update(lookups)
        return html

    def table(self, macro: str, *args: Hashable) -> Markup:
        """A whole comparison table of a source or pair page (`source_table`, `pair_table`): kept between
        builds like a cell, so a page rendered again for its header (a claim count) joins kept tables."""
        if macro not in TABLES:
            raise ValueError(f"fragments.table: {macro!r} is not a table macro (expected one of {TABLES})")
        # its place: the page and topic it is for (the arguments named by text), not the rows it shows
        slot = "\x1f".join([str(self.depth), macro, *(a if isinstance(a, str) else getattr(a, "slug", "")
                                                      for a in args if isinstance(a, str) or hasattr(a, "slug"))])
        key = self.fragments.digester.hexdigest((self.depth, macro, *args))
        making = self.fragments.begin_table(slot)
        try:
            html, lookups = self.fragments.render(self.depth, macro, *args)
        finally:
            self.fragments.end_table(making, key)
        self.record.update(lookups)
        store = self.fragments.store
        if store is not None and store.path is not None:
            store.place(slot, key)
        return html

    def keyed(self, rows: Any) -> list[tuple[Any, str | None]]:
        """A table's rows, each with its key (None when the page's key did not digest them: made every time)."""
        found = self.fragments.row_keys.get(id(rows))
        shown = list(rows)
        if found is None or len(found[0]) != len(shown):
            return [(row, None) for row in shown]
        made_of, sides = found  # hashed here, for tables made now, not for every page key
        keys = [hashlib.blake2b(part + sides, digest_size=16).hexdigest() for part in made_of]
        return list(zip(shown, keys, strict=True))

    def table_row(self, key: str | None, macro: str, *args: Any) -> Markup:
        """One row of a comparison table (see TABLE_ROWS): taken back from the table's previous version when
        its key is unchanged, so a table made again for a few changed rows joins the others as they were."""
        if macro not in TABLE_ROWS:
            raise ValueError(f"fragments.table_row: {macro!r} is not a table row macro (expected one of {TABLE_ROWS})")
        html, lookups = self.fragments.table_row(self.depth, key, macro, args)
        self.record.update(lookups)
        return html

    def row(self, macro: str, *args: Hashable) -> Markup:
        """One row or section of a topic page or of the timeline (see ROWS), kept between builds like a cell:
        a page rendered again because a few of its rows changed joins the others as they were."""
        if macro not in ROWS:
            raise ValueError(f"fragments.row: {macro!r} is not a row macro (expected one of {ROWS})")
        html, lookups = self.fragments.render(self.depth, macro, *args)
        self.record.update(lookups)
        return html

    def claim_brief(self, claim: Hashable) -> Markup:
        """One claim in a source page's list of all its claims (see the `claim_brief` macro)."""
        html, lookups = self.fragments.render(self.depth, "claim_brief", claim)
        self.record.update(lookups)
        return html
