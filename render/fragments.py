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
STORE_VERSION = 4
TABLES = ("source_table", "pair_table")  # macros of macros.html templates may keep whole through table()
# macros of macros.html kept through row(): rows and sections of topic and timeline pages (a comparison
# table's row is not: digesting its cells costs about what rendering them from kept cells does)
ROWS = ("matrix_row", "figure_section", "statement_wordings", "timeline_entry")
KEEP_BUILDS = 30  # a kept fragment no build has used for this many builds is dropped
BIG = 16_384  # a fragment longer than this (a whole table) is kept in its own file, read only when used
_IN_FILE = "\0"  # what a kept fragment's text starts with when it is the name of that file

Lookups = tuple[tuple[str, str, str], ...]  # (question, key, digest of the answer), as in the render manifest


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
            if type(raw) is not tuple or len(raw) != 5 or raw[0] != STORE_VERSION or raw[1] != self.code:
                return
            _, _, generation, items, slots = raw
            if type(slots) is not dict or not all(type(k) is str and type(v) is str for k, v in slots.items()):
                return
            if type(generation) is not int or type(items) is not dict or not all(
                    type(k) is str and type(v) is tuple and len(v) == 3 and type(v[0]) is str and type(v[1]) is tuple
                    and type(v[2]) is int for k, v in items.items()):
                return
            self.generation, self.kept, self.slots = generation + 1, items, {**slots, **self.slots}
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
        data = marshal.dumps((STORE_VERSION, self.code, self.generation, dict(sorted(items.items())), slots), 4)
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
    _modules: dict[int, Any] = field(default_factory=dict)
    _cache: dict[tuple[Hashable, ...], tuple[Markup, dict[tuple[str, str], object]]] = field(default_factory=dict)
    _record: dict[tuple[str, str], object] = field(default_factory=dict)
    _checked: dict[tuple[str, str, str], bool] = field(default_factory=dict)

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
        for lookup in lookups:
            ok = self._checked.get(lookup)
            if ok is None:
                ok = self._checked[lookup] = self.digester.hexdigest(self.answer(lookup[0], lookup[1])) == lookup[2]
            if not ok:
                return None
        html = self.store.text(stored)
        if html is None:
            return None
        self.store.fresh[name] = (stored, lookups)  # a big one stays in its file
        return Markup(html), {(q, k): self.answer(q, k) for q, k, _ in lookups}

    def _make(self, key: tuple[Hashable, ...]) -> tuple[Markup, dict[tuple[str, str], object]]:
        depth, macro, *args = key
        assert isinstance(depth, int) and isinstance(macro, str)
        module = self._modules.get(depth)
        if module is None:
            site = self.site_at(nowhere(max(depth, 0)), depth < 0, self._record)
            module = self._modules[depth] = self.env.get_template(self.template).make_module(
                {"site": site, "fragments": FragmentView(self, depth, self._record)})
        # A fragment made inside another (a table's cells): the outer one's look-ups so far are set aside and
        # given back, with this one's, which the outer fragment then depends on too (FragmentView adds them).
        outer = dict(self._record)
        self._record.clear()
        try:
            html = Markup(getattr(module, macro)(*args))
            record = dict(self._record)
        finally:
            self._record.clear()
            self._record.update(outer)
        if self.store is not None:
            lookups = tuple(sorted((q, k, self.digester.hexdigest(v)) for (q, k), v in record.items()))
            self.store.fresh[self.digester.hexdigest(key)] = (str(html), lookups)
        return html, record

    def shared(self) -> tuple[dict[str, tuple[str, Lookups]], dict[str, str], set[str]]:
        """What this process made or used for the store, and the tables it placed (sent back by a worker)."""
        if self.store is None:
            return {}, {}, set()
        return self.store.fresh, self.store.slots, self.store.superseded

    def absorb(self, shared: tuple[dict[str, tuple[str, Lookups]], dict[str, str], set[str]]) -> None:
        """Fragments a render worker made or used, kept for the next build, and the tables it placed."""
        if self.store is not None:
            fresh, slots, superseded = shared
            self.store.fresh.update(fresh)
            for slot, key in slots.items():
                self.store.place(slot, key)
            self.store.superseded |= superseded


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
        html, lookups = self.fragments.render(self.depth, macro, *args)
        self.record.update(lookups)
        store = self.fragments.store
        if store is not None and store.path is not None:
            # its place: the page and topic it is for (the arguments named by text), not the rows it shows
            slot = "\x1f".join([str(self.depth), macro, *(a if isinstance(a, str) else getattr(a, "slug", "")
                                                          for a in args if isinstance(a, str) or hasattr(a, "slug"))])
            store.place(slot, self.fragments.digester.hexdigest((self.depth, macro, *args)))
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
