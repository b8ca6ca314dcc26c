""""Leave this site quickly", on every page (the content pages, the whole guide and the 404 page):
in the safety bar at the top, the first control after the skip link, in view without scrolling
on a 320 px phone and on a desktop. A click, or Esc pressed twice within a second, swaps the page
for the neutral page with location.replace; Esc works before Material's bundle has arrived and
from inside search. Without JavaScript it is a plain link to the same page. The site's own help
text (the safety page, #leave-quickly) says what happens to the browser's history, and a test
checks that against what the browser really does.

The test server is offline, so the neutral page is answered by a tiny local page.
"""
import re
from urllib.parse import urljoin

import pytest

from support import NEUTRAL_PAGE, neutral_url, site_path, url_paths, wait_for_scripts

LABEL = "Leave this site quickly"
VIEWS = {"phone-320": dict(width=320, height=568), "desktop": dict(width=1280, height=800)}


def answer_neutral(page, url):
    page.route(url + "*", lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE))


def walk(open_page, base_url, paths):
    """Open the first path, then follow to each next one in the same tab (so there is history)."""
    page = open_page(paths[0])
    url = neutral_url()
    answer_neutral(page, url)
    for path in paths[1:]:
        page.goto(base_url + path, wait_until="load")
        wait_for_scripts(page)
    return page, url


def leave_started(page):
    """quick-exit.js hides the page the moment it leaves (before the browser navigates)."""
    return page.evaluate("document.body.hidden")


def test_every_page_is_checked(built_site):
    pages = url_paths(built_site)
    assert "404.html" in pages and "whole-guide/" in pages and "" in pages
    assert len(pages) >= 15


def each_page(open_page, base_url, built_site, **options):
    """Every page of the site in turn, in one tab (a fresh document each time, as a reader opens it)."""
    paths = url_paths(built_site)
    page = open_page(paths[0], **options)
    for number, path in enumerate(paths):
        if number:
            page.goto(base_url + path, wait_until="load")
            if options.get("javascript", True):
                wait_for_scripts(page)
        yield path, page


@pytest.mark.parametrize("view", VIEWS)
def test_every_page_has_the_control_first_in_view_and_as_a_plain_link(open_page, base_url, built_site, view):
    url = neutral_url()
    for path, page in each_page(open_page, base_url, built_site, javascript=False, **VIEWS[view]):
        link = page.get_by_role("link", name=LABEL, exact=True)
        assert link.count() == 1, path
        assert link.get_attribute("href") == url, path
        assert "noreferrer" in link.get_attribute("rel"), path
        box = link.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= VIEWS[view]["height"], (path, box)
        assert box["height"] >= 24 and box["width"] >= 24, (path, box)  # an easy target
        # Keyboard order: the skip link first (pages with headings have one), then this control.
        if page.locator("a.md-skip").count():
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.className") == "md-skip", path
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == LABEL, path


def test_escape_twice_leaves_every_page(open_page, base_url, built_site):
    """From the home page, then from the neutral page, to each page in turn, in one tab: Esc
    twice replaces that page (there is always a page before it in the history)."""
    page, url = walk(open_page, base_url, [""])
    for path in url_paths(built_site):
        page.goto(base_url + path, wait_until="load")
        wait_for_scripts(page)
        before = page.evaluate("history.length")
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
        page.wait_for_url(url)
        assert page.evaluate("history.length") == before, path  # replaced, not added


def test_a_click_replaces_the_page_and_back_shows_the_page_before(open_page, base_url):
    """Home, then two more pages, then quick exit: Back shows the page before the one that was
    left (it is still in the history), and then the home page."""
    page, url = walk(open_page, base_url, ["", "why-partners-resist/", "conversation-scripts/"])
    before = page.evaluate("history.length")
    page.get_by_role("link", name=LABEL, exact=True).click()
    page.wait_for_url(url)
    assert page.evaluate("history.length") == before
    page.go_back(wait_until="load")
    assert page.url == base_url + "why-partners-resist/"  # an earlier page of the guide is still there
    page.go_back(wait_until="load")
    assert page.url == base_url
    assert page.console_errors == []


def test_the_help_text_says_what_the_browser_really_does(open_page):
    """What the test above saw, the site's own words must say: this page is replaced, so Back
    does not return to it; earlier pages can still be there; the history is not erased."""
    page = open_page("safety/")
    section = page.locator("#leave-quickly")
    text = " ".join(page.evaluate("""() => { const words = []; let el = document.getElementById("leave-quickly");
        for (el = el.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) words.push(el.innerText);
        return words.join(" "); }""").split())
    assert section.is_visible()
    assert re.search(r"replaces that one page in your browser's history, so the Back button does not bring that page back", text)
    assert re.search(r"Other pages of this guide that you opened before can still be there, and Back can still show them", text)
    assert "does not erase your history" in text
    assert "Esc key twice" in text
    # How to cover your tracks, on a phone and on a computer.
    for words in ("On a phone", "tab switcher", "close this site's tab", "On a computer",
                  "delete this site's pages", "private window", "syncs with other devices"):
        assert words in text, words
    # The control's "How quick exit works" link, on every page, leads here.
    how = page.get_by_role("link", name="How quick exit works")
    assert how.count() == 1 and how.get_attribute("href").endswith("#leave-quickly")


def test_escape_twice_works_from_inside_search(open_page, base_url):
    page, url = walk(open_page, base_url, ["", "what-backfires/"])
    page.locator("label.md-header__button[for='__search']").click()
    search = page.locator("input.md-search__input")
    search.wait_for(state="visible")
    search.fill("scripts")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(url)


@pytest.mark.parametrize("path", ["", "conversation-scripts/", "404.html"])
def test_escape_twice_works_before_materials_bundle_arrives(open_page, base_url, path):
    page = open_page("", hold="**/assets/javascripts/bundle.*.js")  # a page to go Back to
    url = neutral_url()
    answer_neutral(page, url)
    with page.expect_request(lambda request: "/assets/javascripts/bundle." in request.url):
        page.goto(base_url + path, wait_until="domcontentloaded")  # "load" would wait for the held bundle
    assert page.evaluate("document.documentElement.dataset.scripts") is None  # Material has not run
    assert page.evaluate("typeof window.document$") == "undefined"
    scripts = page.evaluate("[...document.querySelectorAll('head > script[src]')].map(s => s.src)")
    assert any(s.endswith("/assets/javascripts/quick-exit.min.js") for s in scripts)
    before = page.evaluate("history.length")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(url)
    assert page.evaluate("history.length") == before


def test_escape_once_or_twice_slowly_does_nothing(open_page, base_url):
    page = open_page("", javascript=True)
    page.clock.install()
    page.goto(base_url + "smaller-steps/", wait_until="load")
    wait_for_scripts(page)
    page.route(neutral_url() + "*", lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE))
    # The page's time stands still from here: only fast_forward moves it, however slow the machine.
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.keyboard.press("Escape")
    assert not leave_started(page)
    page.clock.fast_forward(1200)  # more than a second later
    page.keyboard.press("Escape")
    assert not leave_started(page)
    page.clock.fast_forward(500)  # within a second of the last press: now it leaves
    page.keyboard.press("Escape")
    page.wait_for_url(neutral_url())


def test_a_held_escape_key_does_not_count_twice(open_page):
    page = open_page("smaller-steps/")
    page.keyboard.down("Escape")
    page.evaluate("""() => window.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", repeat: true}))""")
    assert not leave_started(page)
    page.keyboard.up("Escape")


# -- The bar's words and landmark, and the first screen on a small phone (issue 25) ---------------

# Words the bar must not show: the partner's page carries it too, and it is readable from across
# a room. The explicit words stay in the page bodies.
NAMED_DANGER = re.compile(r"\b(?:afraid|fear\w*|control\w*|abus\w*|violen\w*|danger\w*|unsafe|hurt\w*|threat\w*)\b",
                          re.IGNORECASE)
FIRST_SCREEN = dict(width=320, height=640)

# The bar's rows (its controls' distinct tops), the title's bottom, and the first sentence after
# the title that a reader sees (not the page's controls, nor a note's title) and its bottom edge.
MEASURE_FIRST_SCREEN = r"""() => {
  const bar = document.querySelector('.safety-bar');
  const rows = new Set([...bar.querySelectorAll('a')].flatMap(a => [...a.getClientRects()])
    .map(r => Math.round(r.top)));
  const article = document.querySelector('article');
  const h1 = article.querySelector('h1');
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let start = null, text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!(h1.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) || h1.contains(node)) continue;
    if (!node.textContent.trim() || !parent.checkVisibility()) continue;
    if (parent.closest('button, [role=status], .share, .print-page, .admonition-title, summary, .headerlink')) continue;
    if (!start) start = node;
    const match = /[.?!]["')]?(?=\s|$)/.exec(node.textContent);
    if (match) {
      text += node.textContent.slice(0, match.index + match[0].length);
      const range = document.createRange();
      range.setStart(start, 0);
      range.setEnd(node, match.index + match[0].length);
      return {rows: rows.size, title: h1.getBoundingClientRect().bottom,
              sentence: text.replace(/\s+/g, ' ').trim(), bottom: range.getBoundingClientRect().bottom};
    }
    text += node.textContent;
  }
  return {rows: rows.size, title: h1.getBoundingClientRect().bottom, sentence: null, bottom: Infinity};
}"""


def test_the_bar_is_a_named_landmark_whose_words_name_no_fear_control_or_abuse(open_page, built_site):
    from bs4 import BeautifulSoup

    names = set()
    for path in url_paths(built_site):
        html = (built_site / (path or "index.html") if path.endswith(".html") or not path
                else built_site / path / "index.html").read_text(encoding="utf-8")
        banner = BeautifulSoup(html, "html.parser").select_one("aside.md-banner")
        assert banner is not None and banner.select_one(".safety-bar a.quick-exit"), path
        name = banner.get("aria-label", "").strip()
        assert name, f"/{path}: the safety bar's landmark has no name"
        names.add(name)
        words = " ".join([name] + banner.get_text(" ").split())
        assert not NAMED_DANGER.search(words), (path, words)
        # Where each link leads, as the browser reads it on that page of the site (under its path).
        help_links = [urljoin(site_path() + path, a["href"]) for a in banner.select(".safety-link a")]
        assert site_path() + "safety/" in help_links, (path, help_links)  # its two links: leave, and help
        assert not banner.select("[data-landmark]"), path  # the name moved onto the landmark
    assert len(names) == 1, names
    # A screen reader lists it by that name, with the quick exit in it.
    page = open_page("contact/")
    landmark = page.get_by_role("complementary", name=names.pop(), exact=True)
    assert landmark.count() == 1
    assert landmark.get_by_role("link", name=LABEL, exact=True).count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_320px_phone_the_title_and_first_sentence_are_on_the_first_screen(open_page, base_url, built_site, scheme):
    """At 320 x 640 the bar takes at most two lines, and each page's title and the first sentence
    under it are in view before any scrolling."""
    problems = []
    for path, page in each_page(open_page, base_url, built_site, color_scheme=scheme, **FIRST_SCREEN):
        found = page.evaluate(MEASURE_FIRST_SCREEN)
        if found["rows"] > 2:
            problems.append(f"/{path}: the bar takes {found['rows']} lines")
        if found["title"] > FIRST_SCREEN["height"]:
            problems.append(f"/{path}: the title ends at {found['title']:.0f} px")
        if not found["sentence"] or found["bottom"] > FIRST_SCREEN["height"]:
            problems.append(f"/{path}: the first sentence ends at {found['bottom']:.0f} px: {found['sentence']}")
    assert problems == [], "\n".join(problems)
