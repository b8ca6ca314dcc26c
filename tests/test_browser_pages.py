"""Every page in the real Chromium: loads cleanly, stays private, requests only the files on its
allow-list (tests/support.py: EVERY_PAGE and the page's extra.page_assets), and passes axe.

Light scheme at phone width (390x844) and dark scheme at desktop width (1280x800).
"""
import pytest

from axe import axe_violations, describe
from support import allowed_requests, unexpected_requests, url_paths

PAGES = url_paths()
IDLE = "() => new Promise(done => requestIdleCallback(() => done(), {timeout: 5000}))"
VIEWS = {
    "light-phone": dict(width=390, height=844, color_scheme="light"),
    "dark-desktop": dict(width=1280, height=800, color_scheme="dark"),
}


def storage_and_cookies(page):
    return page.evaluate("""() => ({
        local: Object.keys(localStorage), session: Object.keys(sessionStorage),
        cookies: document.cookie})""") | {"context_cookies": page.context.cookies()}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_page_is_clean_private_and_accessible(open_page, base_url, path, view):
    page = open_page(path, **VIEWS[view])
    page.evaluate(IDLE)  # Material has started and the page has nothing left to do
    assert page.console_errors == [], page.console_errors
    assert page.offsite_requests == [], page.offsite_requests
    html_file = path + "index.html" if not path or path.endswith("/") else path
    unexpected = unexpected_requests(page.requests, base_url, html_file)
    assert unexpected == [], (f"/{path} requested files that are not on its allow-list (support.EVERY_PAGE and"
                              f" extra.page_assets): {unexpected}; allowed: {sorted(allowed_requests(html_file))}")
    stored = storage_and_cookies(page)
    assert stored == {"local": [], "session": [], "cookies": "", "context_cookies": []}, stored
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == ("slate" if VIEWS[view]["color_scheme"] == "dark" else "default")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


SCHEME = "() => [document.body.getAttribute('data-md-color-media'), document.body.getAttribute('data-md-color-scheme')]"


@pytest.mark.parametrize("system", ["light", "dark"])
def test_palette_toggle_switches_the_scheme_and_stores_nothing(open_page, system):
    """The toggle goes round: the system's scheme, then light, then dark (mkdocs.yml's palette
    order); each click changes the page at once, and the choice is kept nowhere."""
    page = open_page("", width=1280, height=800, color_scheme=system)
    assert page.evaluate(SCHEME) == ["(prefers-color-scheme)", "slate" if system == "dark" else "default"]
    for media, scheme in [("(prefers-color-scheme: light)", "default"), ("(prefers-color-scheme: dark)", "slate"),
                          ("(prefers-color-scheme)", "slate" if system == "dark" else "default")]:
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        page.wait_for_function(f"() => document.body.getAttribute('data-md-color-media') === {media!r}")
        assert page.evaluate(SCHEME) == [media, scheme]
        assert storage_and_cookies(page) == {"local": [], "session": [], "cookies": "", "context_cookies": []}


def test_404_page_links_back_into_the_guide(open_page, base_url):
    page = open_page("no/such/page/", width=390, height=844)
    assert page.locator("h1").count() == 1
    for link in page.locator("article a").all():
        href = link.evaluate("a => a.href")
        if href.startswith(base_url):
            response = page.request.get(href)
            assert response.ok, href
