"""Macro output shared between pages: a claim's cell is rendered once per folder depth, not once per page."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

# A folder no page lives in: links from a fragment never depend on which page of that depth shows it.
_NOWHERE = "*"


def nowhere(depth: int) -> str:
    """A page path `depth` folders deep that no real page has, so a link from it is '../' * depth + target."""
    return "/".join([_NOWHERE] * depth + ["index.html"])


@dataclass
class Fragments:
    """Rendered macros by (depth, macro, arguments), each with the site look-ups it made;
    `site_at(path, absolute, record)` is the site seen from a path (depth -1: the 404 page, absolute links)."""

    env: Environment
    site_at: Callable[[str, bool, dict[tuple[str, str], object]], Any]
    template: str = "macros.html"
    _modules: dict[int, Any] = field(default_factory=dict)
    _cache: dict[tuple[Hashable, ...], tuple[Markup, dict[tuple[str, str], object]]] = field(default_factory=dict)
    _record: dict[tuple[str, str], object] = field(default_factory=dict)

    def at(self, page: str, absolute: bool, record: dict[tuple[str, str], object]) -> FragmentView:
        """The fragments a page at `page` may use (those of its depth); their look-ups go to `record`."""
        return FragmentView(self, -1 if absolute else page.count("/"), record)

    def render(self, depth: int, macro: str, *args: Hashable) -> tuple[Markup, dict[tuple[str, str], object]]:
        """One macro's output for these arguments at this depth and what it looked up, made on first use."""
        key = (depth, macro, *args)
        cached = self._cache.get(key)
        if cached is None:
            module = self._modules.get(depth)
            if module is None:
                site = self.site_at(nowhere(max(depth, 0)), depth < 0, self._record)
                module = self._modules[depth] = self.env.get_template(self.template).make_module({"site": site})
            self._record.clear()
            html = Markup(getattr(module, macro)(*args))
            cached = self._cache[key] = (html, dict(self._record))
        return cached


@dataclass(frozen=True)
class FragmentView:
    """What templates call: `fragments.report(r, kind, new)`, the macro of macros.html, remembered."""

    fragments: Fragments
    depth: int
    record: dict[tuple[str, str], object]

    def report(self, report: Hashable, kind: str, new: bool = False) -> Markup:
        """A topic row's cell for one report (see the `report` macro)."""
        html, lookups = self.fragments.render(self.depth, "report", report, kind, bool(new))
        self.record.update(lookups)
        return html
