"""The seed briefing in Chromium at phone width, read as a reader on a phone would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_helpers import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="module")
def site(seed_build) -> Path:
    require_chromium()
    return seed_build[0] / "site"


@pytest.fixture(scope="module")
def base(site) -> Iterator[str]:
    with serve(site, site / "404.html") as url:
        yield url


@pytest.fixture(scope="module")
def phone(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, locale="fr-FR")
        yield context
        context.close()
        browser.close()


CELLS = """() => [...document.querySelectorAll("table.compare td")].map((td) => {
  const r = td.getBoundingClientRect();
  const wrap = td.closest(".table-wrap");
  return {right: r.right, width: r.width, label: getComputedStyle(td, "::before").content,
          cut: wrap ? wrap.scrollWidth > wrap.clientWidth + 1 : false};
})"""


@pytest.mark.parametrize("kind", ["compare", "sources"])
def test_phone_shows_every_cell_of_source_and_pair_tables_whole_and_named_by_its_column(phone, base, site, kind):
    folder = sorted(p for p in (site / kind).iterdir() if p.is_dir())[0]
    page = phone.new_page()
    page.goto(f"{base}{kind}/{folder.name}/")
    cells = page.evaluate(CELLS)
    page.close()
    assert cells, f"no comparison table on {kind}/{folder.name}/"
    for cell in cells:
        assert not cell["cut"], f"{kind}/{folder.name}/: a table scrolls sideways on a phone"
        assert cell["right"] <= PHONE["width"] and cell["width"] > PHONE["width"] / 2, cell
        assert cell["label"] not in ("none", "normal", '""'), f"{kind}/{folder.name}/: a cell without its column name"
