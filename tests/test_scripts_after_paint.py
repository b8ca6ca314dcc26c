"""Scripts wait for the first paint (docs/assets/javascripts/site.js starts them).

Material's bundle and the site's own scripts add behaviour, not words, so every page first
paints its text, then fetches and runs them. The exceptions load at once (deferred, from the
head: extra.page_assets' `at_once`): site.js, which starts the others, and quick exit, a safety
control that must work from the first moment (its own tests, before Material's bundle arrives
too, are in test_quick_exit.py). Checked here
in Chromium: no other script is requested before the first contentful paint; they run in their
order; Material's components still start
(the colour-scheme toggle, the sidebars) though the document was ready before the bundle ran;
and without JavaScript every page shows every block of text it shows with it.
"""
import pytest

from support import no_js_breaches, reading_tab, url_paths

PAGES = ["", "readiness-checklist/", "conversation-scripts/", "safety/"]
BUNDLE = "**/assets/javascripts/bundle.*.js"


TIMINGS = """() => ({
  fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime,
  scripts: performance.getEntriesByType("resource")
    .filter(e => e.initiatorType === "script" || /\\.js$/.test(new URL(e.name).pathname))
    .map(e => ({url: e.name, start: e.startTime})),
  waiting: [...document.getElementById("__scripts").content.querySelectorAll("script")]
    .map(s => new URL(s.getAttribute("src"), location.href).href),
  loaded: [...document.querySelectorAll("body > script[src]")].map(s => s.src),
  at_once: [...document.querySelectorAll("head > script[src]")].map(s => s.src),
})"""


@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_no_script_is_fetched_before_the_first_paint(open_page, path):
    page = open_page(path)
    timings = page.evaluate(TIMINGS)
    assert timings["fcp"], "Chromium reported no first contentful paint"
    assert any("/bundle." in url for url in timings["waiting"]), "Material's bundle is not among the waiting scripts"
    fetched = {s["url"] for s in timings["scripts"]}
    assert set(timings["waiting"]) <= fetched, set(timings["waiting"]) - fetched
    early = [s for s in timings["scripts"] if s["start"] < timings["fcp"] and s["url"] not in timings["at_once"]]
    assert early == [], f"fetched before the first paint at {timings['fcp']:.0f} ms: {early}"
    # Each waiting script was added once, in the order the template holds them.
    assert timings["loaded"] == timings["waiting"]
    assert page.console_errors == []


def test_material_starts_its_components_after_the_late_start(open_page):
    page = open_page("", width=1280, height=800)
    # The sidebars: Material's script sets their height once it has started (on its next frame).
    page.wait_for_function("() => document.querySelector('.md-sidebar__scrollwrap').style.height !== ''")
    # The colour-scheme toggle: Material's script switches the scheme on a click.
    before = page.evaluate("document.body.getAttribute('data-md-color-media')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-media') !== {before!r}")
    assert page.console_errors == []


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_first_paint_has_the_devices_colour_scheme(open_page, scheme):
    """Material's bundle, which switches the page to the reader's scheme, runs after the first
    paint; the scheme is in place before it (overrides/partials/kept-in-memory.html), so a phone
    in dark mode late at night never shows a light page that turns dark. Held here: the bundle
    never arrives, as on a slow line, and the page is already in the device's scheme, and stays
    so once the bundle has run."""
    expected = {"dark": "slate", "light": "default"}[scheme]
    page = open_page("why-partners-resist/", color_scheme=scheme, hold=BUNDLE)
    page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    painted = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for route in page.held:
        route.continue_()
    page.unroute(BUNDLE)
    page.reload()
    page.wait_for_selector("html[data-scripts=ready]", state="attached")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == painted
    assert page.console_errors == []


def test_without_javascript_every_page_reads_the_same(browser, base_url, built_site):
    """The scripts add behaviour, not words: on every built page, the h1 and every block of
    text a reader sees once the scripts have run are there and shown without JavaScript
    (support.no_js_breaches, the same check `make audit` holds the budgets to)."""
    paths = url_paths(built_site)
    assert len(paths) > 10 and "" in paths and "404.html" in paths, paths
    tabs = {javascript: reading_tab(browser, javascript) for javascript in (True, False)}
    try:
        breaches = [breach for path in paths for breach in no_js_breaches(browser, base_url, path, tabs)]
    finally:
        for tab in tabs.values():
            tab.context.close()
    assert breaches == [], "\n".join(breaches)
