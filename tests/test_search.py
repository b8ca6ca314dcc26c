"""Search works, and costs nothing until the reader opens it.

Material would fetch the whole search index and start its search worker on every page load;
docs/assets/javascripts/site.js (section 2, search on demand) holds both until search is opened.
"""
import re

import pytest
from bs4 import BeautifulSoup

from support import wait_for_scripts

SEARCH_FILES = re.compile(r"/search/search_index\.json$|/workers/search\.[^/]*\.js$")


def page_word(built_site, page):
    """A long, distinctive word from the page's h1."""
    soup = BeautifulSoup((built_site / page / "index.html").read_text(), "html.parser")
    words = re.findall(r"[A-Za-z]{5,}", soup.select_one("article h1").get_text())
    return max(words, key=len).lower()


# Installed before any script of the page: notes, in the page itself and at the moment it
# happens, every request for the search index that is really sent and every search worker that
# is really started (site.js wraps these same two, so it calls through them).
SPY = """(() => {
window.__search = [];
const send = XMLHttpRequest.prototype.send, open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url) { this.__url = String(url); return open.apply(this, arguments); };
XMLHttpRequest.prototype.send = function () {
  if (/search_index\\.json/.test(this.__url)) window.__search.push(this.__url);
  return send.apply(this, arguments);
};
const RealWorker = window.Worker;
window.Worker = function (url, options) { window.__search.push(String(url)); return new RealWorker(url, options); };
})()"""
META = ".md-search-result__meta"
# Material writes its first line under the search field ("Initializing search") into the page,
# and replaces it once its worker has read the index and answered a first query.
CHANGED = "([selector, before]) => document.querySelector(selector).textContent.trim() !== before"


@pytest.fixture
def watched_page(open_page):
    """Open a page (phone size) with SPY installed; page.requests has every request from the first."""

    def open_(path, width=390, height=844):
        page = open_page(path, width=width, height=height, init_script=SPY)
        wait_for_scripts(page, idle=True)  # Material has started and the page has nothing left to do
        page.search_meta = page.locator(META).text_content().strip()
        return page

    return open_


def wait_until_search_is_ready(page):
    """Wait for the event, not a time: the index has arrived and the worker has answered."""
    assert page.search_meta, "Material's search shows no first line"
    page.wait_for_function(CHANGED, arg=[META, page.search_meta])


def search_requests(page):
    """What the page has sent or started for search so far: in the page (at once) and on the wire."""
    return page.evaluate("window.__search") + [url for url in page.requests if SEARCH_FILES.search(url)]


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_search_loads_nothing_until_opened_then_finds_a_page(watched_page, built_site, width):
    page = watched_page("", width=width)
    assert search_requests(page) == [], "search files were fetched before search was opened"

    target = "safety"
    word = page_word(built_site, target)
    if width < 1220:
        page.locator("label.md-header__button[for=__search]").click()
    else:
        page.locator("input.md-search__input").click()
    wait_until_search_is_ready(page)
    # Typed key by key, as a reader does: Material reads the field on keyup (fill() sends none,
    # so a query filled in after the index is ready was never run).
    page.locator("input.md-search__input").press_sequentially(word)
    result = page.locator(f".md-search-result__list a[href*='{target}/']").first
    result.wait_for(state="visible")
    assert any(url.endswith("/search/search_index.json") for url in page.requests)

    result.click()
    page.wait_for_load_state("load")
    assert f"/{target}/" in page.url


def test_keyboard_shortcut_opens_search_and_finds_a_page(watched_page, built_site):
    page = watched_page("why-partners-resist/", width=1280)
    assert search_requests(page) == []
    page.keyboard.press("/")
    wait_until_search_is_ready(page)
    word = page_word(built_site, "sources")
    page.keyboard.type(word)
    page.locator(".md-search-result__list a[href*='sources/']").first.wait_for(state="visible")


def test_search_link_with_query_works_at_once(watched_page, built_site):
    word = page_word(built_site, "safety")
    page = watched_page(f"?q={word}", width=390)
    page.locator(".md-search-result__list a[href*='safety/']").first.wait_for(state="visible")
