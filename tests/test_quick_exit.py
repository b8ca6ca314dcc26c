""""Leave this site quickly": on the checklist and safety pages, a click or Esc pressed
twice swaps the page for a neutral site with location.replace (history does not grow,
Back does not return); without JavaScript it is a plain link to the same site.

The test server is offline, so the neutral site is answered by a tiny local page.
"""
import pytest

from conftest import site_config, wait_for_scripts

PAGES = ["readiness-checklist/", "safety/"]
NEUTRAL_PAGE = "<!doctype html><title>Weather</title><p>Weather</p>"


def neutral_url():
    return site_config().extra["quick_exit_url"]


def open_via_home(open_page, base_url, path):
    """Open the home page, then follow to `path`, so there is a page to go Back to."""
    page = open_page("")
    url = neutral_url()
    page.route(url + "*", lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE))
    page.goto(base_url + path, wait_until="load")
    wait_for_scripts(page)
    return page, url


def history_length(page):
    return page.evaluate("history.length")


@pytest.mark.parametrize("path", PAGES)
def test_the_control_is_near_the_top_and_is_a_plain_link_to_the_neutral_site(open_page, path):
    page = open_page(path, javascript=False)
    link = page.get_by_role("link", name="Leave this site quickly")
    assert link.count() == 1 and link.is_visible()
    assert link.get_attribute("href") == neutral_url()
    assert "noreferrer" in link.get_attribute("rel")
    h2 = page.locator("article h2").first
    assert link.bounding_box()["y"] < h2.bounding_box()["y"]  # before the first section


@pytest.mark.parametrize("path", PAGES)
def test_the_page_says_what_it_does_and_that_history_stays(open_page, path):
    page = open_page(path)
    help_ = page.locator("details.quick-exit-help")
    help_.locator("summary").click()
    text = " ".join(help_.inner_text().split())
    assert "Back button will not bring you here" in text
    assert "Esc key twice" in text
    assert "does not erase your browsing history" in text
    assert "private or incognito window" in text


@pytest.mark.parametrize("path", PAGES)
def test_a_click_replaces_the_page(open_page, base_url, path):
    page, url = open_via_home(open_page, base_url, path)
    before = history_length(page)
    assert before >= 2  # home, then this page
    page.get_by_role("link", name="Leave this site quickly").click()
    page.wait_for_url(url)
    assert page.evaluate("location.href") == url
    assert history_length(page) == before  # replaced, not added
    page.go_back(wait_until="load")
    assert page.url == base_url  # Back skips the page that was left
    assert page.console_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_escape_twice_replaces_the_page(open_page, base_url, path):
    page, url = open_via_home(open_page, base_url, path)
    before = history_length(page)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(url)
    assert history_length(page) == before
    page.go_back(wait_until="load")
    assert page.url == base_url


def test_escape_once_or_slowly_does_nothing(open_page, base_url):
    page, url = open_via_home(open_page, base_url, PAGES[0])
    page.keyboard.press("Escape")
    page.wait_for_timeout(1300)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == base_url + PAGES[0]


def test_escape_does_nothing_on_pages_without_the_control(open_page, base_url):
    page, url = open_via_home(open_page, base_url, "conversation-scripts/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == base_url + "conversation-scripts/"
