"""The built briefing in a real Chromium, served at a domain root and under /briefing/, read as a reader would."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from tests.browser_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SUB_PATH,
    html_pages,
    mounted_under_sub_path,
    node_tool,
    require_chromium,
    serve,
)

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
MOUNTS = ("root", "sub-path")
PAGE_TYPES = {  # page type -> how its path (relative to the site) looks
    "home": r"(index\.html)?",
    "topic": r"topics/[^/]+/(index\.html)?",
    "timeline": r"timeline/(index\.html)?",
    "sources": r"sources/(index\.html)?",
    "source": r"sources/[^/]+/(index\.html)?",
    "compare": r"compare/[^/]+/(index\.html)?",
    "article": r"articles/[^/]+/(index\.html)?",
    "people": r"people/(index\.html)?",
    "person": r"people/[^/]+/(index\.html)?",
    "search": r"search/(index\.html)?",
    "free page": r"(?!topics/|timeline/|sources/|compare/|articles/|people/|search/)[^/]+/(index\.html)?",
}
SEARCH = """async (word) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
  const found = await pagefind.search(word);
  const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  return data.map((d) => ({url: new URL(d.url, document.baseURI).href, excerpt: d.excerpt}));
}"""
IN_VIEWPORT = """(e) => { const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }"""


def page_key(url: str) -> str:
    """One name per page whatever the link's form: fragment dropped, 'index.html' folded into its folder."""
    url = urldefrag(url).url
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def is_favicon(url: str) -> bool:
    """Chromium asks the host root for /favicon.ico once per browser, whenever it likes: a race, not a page's doing.
    test_html_quality checks every page names its icon instead."""
    return urlsplit(url).path == "/favicon.ico"


def page_type(relative: str) -> str | None:
    return next((name for name, pattern in PAGE_TYPES.items() if re.fullmatch(pattern, relative)), None)


@dataclass
class Crawl:
    """What following every internal link from the home page found."""

    base: str
    pages: dict[str, set[str]] = field(default_factory=dict)  # page key -> ids on that page
    broken: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def relative(self, key: str) -> str:
        return key[len(self.base):]

    def first(self, kind: str) -> str:
        """The first page of a type, in sorted order, so every run looks at the same page."""
        found = sorted(k for k in self.pages if page_type(self.relative(k)) == kind)
        assert found, f"the crawl reached no {kind} page"
        return found[0]


@pytest.fixture(scope="module")
def site(seed_build) -> Path:
    require_chromium()
    return seed_build[0] / "site"


@pytest.fixture(scope="module")
def bases(site, tmp_path_factory) -> Iterator[dict[str, str]]:
    """The same site served twice on loopback: at the root of a host and as a project page under /briefing/."""
    parent = mounted_under_sub_path(site, tmp_path_factory.mktemp("mount"))
    with ExitStack() as stack:
        at_root = stack.enter_context(serve(site, site / "404.html"))
        under = stack.enter_context(serve(parent, parent / SUB_PATH / "404.html"))
        yield {"root": at_root, "sub-path": f"{under}{SUB_PATH}/"}


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def context(browser):
    """One desktop tab reused by the tests that do not need their own viewport or settings."""
    ctx = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    yield ctx
    ctx.close()


def crawl_site(context, base: str) -> Crawl:
    """Open the home page and every page it leads to; record broken links, escaped links and console errors."""
    result = Crawl(base)
    page = context.new_page()
    current = [base]
    page.on("console", lambda m: m.type == "error" and not is_favicon(m.location.get("url", "")) and
            result.errors.append(f"{current[0]}: console: {m.text} ({m.location.get('url') or 'page'})"))
    page.on("pageerror", lambda exc: result.errors.append(f"{current[0]}: page error: {exc}"))
    page.on("requestfailed", lambda r: result.errors.append(f"{current[0]}: request failed: {r.url}"))
    links: list[tuple[str, str]] = []  # (page it is on, absolute href)
    queue, queued, checked = [base], {page_key(base)}, set()
    while queue:
        url = queue.pop(0)
        current[0] = url
        response = page.goto(url, wait_until="load")
        if response is None or response.status >= 400:
            result.broken.append(f"{url}: HTTP {response.status if response else 'no response'}")
            continue
        result.pages[page_key(url)] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            links.append((url, href))
            target = urldefrag(href).url
            if urlsplit(target).netloc != urlsplit(base).netloc:
                continue  # another site (the original articles): not ours to check
            if not target.startswith(base):
                result.broken.append(f"{url} -> {href}: leaves the site's folder")
            elif target.endswith(("/", ".html")):
                if page_key(target) not in queued:
                    queued.add(page_key(target))
                    queue.append(target)
            elif target not in checked:  # downloads and feeds: fetched, not rendered
                checked.add(target)
                status = context.request.get(target).status
                if status >= 400:
                    result.broken.append(f"{url} -> {href}: HTTP {status}")
    page.close()
    for origin, href in links:
        target, fragment = urldefrag(href)
        ids = result.pages.get(page_key(target))
        if fragment and ids is not None and unquote(fragment) not in ids:
            result.broken.append(f"{origin} -> {href}: no element with that id")
    return result


@pytest.fixture(scope="module")
def crawls(context, bases):
    """Each mount crawled at most once per module, whichever test asks first."""
    done: dict[str, Crawl] = {}

    def get(mount: str) -> Crawl:
        if mount not in done:
            done[mount] = crawl_site(context, bases[mount])
        return done[mount]

    return get


@pytest.fixture(scope="module", params=MOUNTS)
def crawl(request, crawls) -> Crawl:
    return crawls(request.param)


@pytest.fixture(scope="module")
def root_crawl(crawls) -> Crawl:
    return crawls("root")


def topic_with_sentences(site: Path) -> str:
    """The first topic (sorted) whose matrix has a cell linking to its highlighted sentence."""
    for path in sorted((site / "topics").glob("*/index.html")):
        if re.search(r'<details class="sentence">.*?href="[^"]*#c-', path.read_text(encoding="utf-8"), re.DOTALL):
            return path.parent.relative_to(site).as_posix() + "/"
    pytest.fail("no topic page has a matrix cell linking to its sentence")


def test_every_internal_link_resolves(crawl):
    assert crawl.broken == []


def test_no_console_error_on_any_page(crawl):
    assert crawl.errors == []


def test_crawl_reaches_every_page_of_the_site(crawl, site):
    built = {p.relative_to(site).as_posix() for p in html_pages(site)} - {"404.html"}
    reached = {crawl.relative(key) + ("index.html" if key.endswith("/") else "") for key in crawl.pages}
    assert sorted(built - reached) == []
    for kind in PAGE_TYPES:
        crawl.first(kind)


def test_missing_page_gets_the_styled_not_found_page(context, bases):
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and "404" not in m.text and errors.append(m.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(bases["root"] + "no-such-page/", wait_until="load")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text().strip()
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "", "404.html lost its style"
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(a => a.href)")
    assert hrefs and all(context.request.get(h).status == 200 for h in hrefs)
    assert errors == []
    page.close()


def search_in_ui(page, word: str):
    """Type a word in the search page's Pagefind box; the result links once they are shown."""
    from playwright.sync_api import expect

    page.locator("#search input").first.fill(word)
    results = page.locator("#search .pagefind-ui__result-link")
    expect(results.first).to_be_visible(timeout=15000)
    return results


def _axe_violations(page, axe: Path) -> list[str]:
    page.add_script_tag(path=str(axe))
    page.eval_on_selector_all("details", "els => els.forEach(d => { d.open = true; })")  # check hidden text too
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in found if v.get("impact") in ("serious", "critical")]


def test_axe_finds_no_serious_violation_on_any_page_type(root, context, root_crawl, bases):
    axe = node_tool(root, "axe-core/axe.min.js")
    urls = {kind: root_crawl.first(kind) for kind in PAGE_TYPES}
    urls["404"] = bases["root"] + "no-such-page/"
    page = context.new_page()
    problems = []
    for kind, url in urls.items():
        page.goto(url, wait_until="load")
        if kind == "search":  # the interface is drawn by script: check it with results on screen
            search_in_ui(page, "Koursk")
        problems += [f"{kind} {root_crawl.relative(url) or '/'}: {v}" for v in _axe_violations(page, axe)]
    page.close()
    assert problems == []


@pytest.mark.parametrize("mount", MOUNTS)
def test_search_finds_koursk_and_leads_to_real_pages(context, bases, mount):
    base = bases[mount]
    page = context.new_page()
    page.goto(base, wait_until="load")
    results = page.evaluate(SEARCH, "Koursk")
    page.close()
    assert results, "the Pagefind index finds nothing for Koursk"
    assert any("koursk" in re.sub(r"<[^>]+>", "", r["excerpt"]).lower() for r in results)
    for result in results:
        assert result["url"].startswith(base), result["url"]
        assert context.request.get(result["url"]).status == 200, result["url"]


@pytest.mark.parametrize("mount", MOUNTS)
def test_search_page_finds_koursk_and_its_results_open(context, bases, mount):
    base = bases[mount]
    page = context.new_page()
    page.goto(base + "search/", wait_until="load")
    results = search_in_ui(page, "Koursk")
    assert "koursk" in page.locator("#search").inner_text().lower()
    hrefs = results.evaluate_all("els => els.map(a => a.href)")
    for href in hrefs:
        assert href.startswith(base), href
        assert context.request.get(urldefrag(href).url).status == 200, href
    with page.expect_navigation() as opened:
        results.first.click()
    assert opened.value is not None and opened.value.status == 200
    page.close()


def test_search_input_is_named_by_a_visible_label(context, bases):
    page = context.new_page()
    page.goto(bases["root"] + "search/", wait_until="load")
    search_in_ui(page, "Koursk")
    box = page.locator("#search input").first
    label_id = box.get_attribute("aria-labelledby")
    assert label_id, "the search input names no label"
    label = page.locator(f"[id='{label_id}']")
    assert label.is_visible() and label.inner_text().strip()
    assert box.evaluate("e => e.labels.length") == 1
    page.close()


def test_without_javascript_the_search_page_says_where_to_look(no_script, bases):
    page = no_script.new_page()
    page.goto(bases["root"] + "search/", wait_until="load")
    assert page.locator("#search noscript, #search p").first.is_visible()
    assert page.locator("#search input").count() == 0
    assert page.locator("#search-label").is_hidden(), "a label for a search box that is not there"
    page.close()


def test_search_index_finds_nothing_for_a_word_absent_from_the_site(context, bases):
    page = context.new_page()
    page.goto(bases["root"], wait_until="load")
    assert page.evaluate(SEARCH, "zzqxwv") == []
    page.close()


@pytest.mark.parametrize("mount", MOUNTS)
def test_matrix_cell_opens_its_sentence_and_links_to_the_highlighted_mark(context, bases, site, mount):
    from playwright.sync_api import expect

    page = context.new_page()
    page.goto(bases[mount] + topic_with_sentences(site), wait_until="load")
    cell = page.locator("table.matrix td details.sentence").filter(has=page.locator("a[href*='#c-']")).first
    sentence = cell.locator("blockquote")
    expect(sentence).to_be_hidden()
    cell.locator("summary").click()
    expect(sentence).to_be_visible()
    said = " ".join(sentence.inner_text().split())
    assert said
    cell.locator("a[href*='#c-']").click()
    page.wait_for_url(re.compile(r"/articles/[^/]+/(index\.html)?#c-"))
    mark = page.locator(f"mark[id='{unquote(urlsplit(page.url).fragment)}']")
    expect(mark).to_have_count(1)
    expect(mark).to_be_visible()
    assert mark.evaluate("e => e.matches(':target')")
    page.wait_for_function(IN_VIEWPORT, arg=mark.element_handle(), timeout=5000)
    assert " ".join(mark.inner_text().split()) in said, "the highlighted text is not in the cell's sentence"
    page.close()


def test_keyboard_opens_a_matrix_sentence(context, bases, site):
    from playwright.sync_api import expect

    page = context.new_page()
    page.goto(bases["root"] + topic_with_sentences(site), wait_until="load")
    cell = page.locator("table.matrix td details.sentence").first
    cell.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(cell.locator("blockquote")).to_be_visible()
    page.keyboard.press("Space")
    expect(cell.locator("blockquote")).to_be_hidden()
    page.close()


def test_printed_topic_shows_every_sentence_without_clicking(context, bases, site):
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(bases["root"] + topic_with_sentences(site), wait_until="load")
    hidden = page.eval_on_selector_all(
        "table.matrix details.sentence blockquote", "els => els.filter(e => !e.checkVisibility()).length")
    assert hidden == 0
    assert page.locator("table.matrix details.sentence").count() > 0
    page.close()


@pytest.fixture(scope="module")
def no_script(browser):
    ctx = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    yield ctx
    ctx.close()


def test_without_javascript_a_matrix_sentence_still_opens(no_script, bases, site):
    from playwright.sync_api import expect

    page = no_script.new_page()
    page.goto(bases["root"] + topic_with_sentences(site), wait_until="load")
    cell = page.locator("table.matrix td details.sentence").first
    expect(cell.locator("blockquote")).to_be_hidden()
    cell.locator("summary").click()
    expect(cell.locator("blockquote")).to_be_visible()
    page.close()


def test_without_javascript_timeline_topic_links_jump_to_their_section(no_script, bases):
    from playwright.sync_api import expect

    page = no_script.new_page()
    page.goto(bases["root"] + "timeline/", wait_until="load")
    links = page.locator(".topic-filter a[data-topic]")
    assert links.count() > 1
    for index in range(links.count()):
        link = links.nth(index)
        fragment = (link.get_attribute("href") or "").lstrip("#")
        link.click()
        page.wait_for_url(f"**#{fragment}")
        section = page.locator(f"[id='{fragment}']")
        expect(section).to_be_visible()
        assert section.locator(".event").count() > 0, f"#{fragment} lists no event"
        page.wait_for_function(
            "(e) => Math.abs(e.getBoundingClientRect().top) < 2 || "
            "window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2",
            arg=section.element_handle(), timeout=5000)
    page.close()


def test_with_javascript_timeline_topic_links_filter_the_list(context, bases):
    page = context.new_page()
    page.goto(bases["root"] + "timeline/", wait_until="load")
    events = page.locator("#all-events .event")
    total = events.count()
    links = page.locator(".topic-filter a[data-topic]")
    for index in range(links.count()):
        link = links.nth(index)
        topic = link.get_attribute("data-topic")
        link.click()
        assert link.get_attribute("aria-pressed") == "true"
        shown = page.eval_on_selector_all(
            "#all-events .event", "els => els.filter(e => !e.closest('[hidden]')).map(e => e.dataset.topics)")
        assert shown, f"filtering on {topic} hides every event"
        assert all(topic in topics.split() for topics in shown), topic
    page.locator(".topic-filter a:not([data-topic])").click()
    assert page.eval_on_selector_all("#all-events .event", "els => els.filter(e => !e.closest('[hidden]')).length") \
        == total
    page.close()


def test_phone_width_has_no_horizontal_page_scroll(browser, bases, root_crawl):
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    too_wide = []
    for key in sorted(root_crawl.pages):
        page.goto(key, wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"] + 1:
            culprits = page.evaluate(
                """(limit) => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit && !e.closest('.matrix-wrap, .table-wrap'))
                .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))""",
                PHONE["width"] + 1)
            too_wide.append(f"{root_crawl.relative(key) or '/'}: {width}px ({', '.join(culprits)})")
    phone.close()
    assert too_wide == []


def test_phone_matrix_keeps_row_names_in_view_and_says_it_scrolls(browser, bases, site):
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(bases["root"] + topic_with_sentences(site), wait_until="load")
    wrap = page.locator(".matrix-wrap").first
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth"), "the matrix fits a phone: nothing to check"
    assert page.locator(".scroll-hint").first.is_visible(), "no word says the table scrolls sideways"
    wrap.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    row = page.locator(".matrix tbody th[scope='row']").first
    row.scroll_into_view_if_needed()
    box, frame = row.bounding_box(), wrap.bounding_box()
    assert box is not None and frame is not None
    assert frame["x"] - 1 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('th')?.getAttribute('scope')",
                           [box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 20)])
    assert on_top == "row", "a scrolled cell covers the row name"
    phone.close()


def test_phone_menu_is_one_line_that_opens_without_javascript(browser, bases, root_crawl):
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    page = phone.new_page()
    for kind in ("home", "topic", "timeline", "article"):
        page.goto(root_crawl.first(kind), wait_until="load")
        top = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
        assert top < PHONE["height"] * 0.2, f"{kind}: the menu pushes the content {top:.0f}px down"
    nav = page.locator("header nav a")
    assert not nav.first.is_visible()
    page.locator("header summary").click()
    assert nav.count() > 5 and all(nav.nth(i).is_visible() for i in range(nav.count()))
    phone.close()


def test_desktop_menu_is_open_and_groups_the_questions(context, bases):
    page = context.new_page()
    page.goto(bases["root"], wait_until="load")
    assert not page.locator("header summary").is_visible()
    links = page.locator("header nav a")
    assert links.count() > 5 and all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator("header nav [aria-labelledby] a[href*='topics/']").count() >= 1
    page.close()


def test_phone_numbers_stay_whole_and_flags_stay_in_their_cell(browser, bases, site):
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.goto(bases["root"] + topic_with_sentences(site), wait_until="load")
    broken = page.eval_on_selector_all(
        ".report .value, .key-figures .range", "els => els.filter(e => e.getClientRects().length > 1)"
        ".map(e => e.textContent)")
    assert broken == []
    spilled = page.eval_on_selector_all(".matrix td .flag", """els => els.filter(e => {
        const cell = e.closest('td').getBoundingClientRect(), r = e.getBoundingClientRect();
        return r.right > cell.right + 1; }).map(e => e.textContent.trim())""")
    assert spilled == []
    phone.close()


def test_screenshots_for_review(browser, bases, root, site, root_crawl):
    """Full-page captures a person looks at (test-output/ is ignored by git); the test only checks they exist."""
    folder = root / "test-output" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    targets = {"home": bases["root"], "topic": bases["root"] + topic_with_sentences(site),
               "timeline": bases["root"] + "timeline/", "article": root_crawl.first("article")}
    written = []
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        ctx = browser.new_context(viewport=viewport, is_mobile=label == "phone")
        page = ctx.new_page()
        for name, url in targets.items():
            page.goto(url, wait_until="load")
            path = folder / f"{name}-{label}-{viewport['width']}.png"
            page.screenshot(path=str(path), full_page=True)
            written.append(path)
        ctx.close()
    assert all(p.stat().st_size > 10_000 for p in written)
