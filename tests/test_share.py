"""Sharing a page: the share control on every page and the "Send your partner the page written
for them" block, on a page of the reader who sends (/smaller-steps/), never on the partner's own
page (issue 19): it sends /for-your-partner/.

In the system Chromium there is no navigator.share, so the control copies the page's
clean canonical address and confirms it in a visible, announced status. With
navigator.share stubbed in, it calls it with the page's title and canonical URL.
Without JavaScript there is no control at all (never a dead button).
"""
import re

import pytest
from bs4 import BeautifulSoup

from axe import axe_violations, describe
from support import built_pages, page_path, sender_note, site_url, wait_for_scripts

PARTNER = "for-your-partner/"
SENDER = "smaller-steps/"  # the page that carries the send-to-partner block
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
NO_WEB_SHARE = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"
STUB_WEB_SHARE = """
window.__shared = [];
Navigator.prototype.share = function (data) {
  window.__shared.push(JSON.parse(JSON.stringify(data)));
  return window.__shareResult === "abort"
    ? Promise.reject(new DOMException("closed", "AbortError")) : Promise.resolve();
};
"""


def canonical(page):
    return page.locator('link[rel="canonical"]').get_attribute("href")


def clipboard(page):
    return page.evaluate("navigator.clipboard.readText()")


def open_without_web_share(open_page, path, **options):
    """Open a page the way the system Chromium is (no navigator.share) even if it had it."""
    page = open_page(path, **CLIPBOARD, **options)
    page.context.add_init_script(NO_WEB_SHARE)
    page.reload(wait_until="load")
    wait_for_scripts(page)
    assert page.evaluate("typeof navigator.share") == "undefined"
    return page


def test_every_page_renders_one_hidden_control_before_its_title(built_site):
    for html_file in built_pages(built_site):
        soup = BeautifulSoup((built_site / html_file).read_text(encoding="utf-8"), "html.parser")
        controls = soup.select("[data-share]")
        if html_file == "404.html":
            assert not controls, "the 404 page has nothing to share"
            continue
        assert len(controls) == 1, f"{html_file}: {len(controls)} share controls"
        control = controls[0]
        assert control.has_attr("hidden"), f"{html_file}: the control must start hidden (no JS, no button)"
        assert "share" in control["class"]
        article = soup.find("article")
        # Same place on every page: the article's first element, above the title.
        first = next(el for el in article.children if getattr(el, "name", None))
        assert first is control, f"{html_file}: the share control is not at the top of the article"
        assert control.find("button", attrs={"type": "button"}), html_file
        status = control.find(attrs={"role": "status"})
        assert status is not None and status.get("aria-live") == "polite", html_file


def test_without_javascript_there_is_no_share_button(open_page, built_site):
    page = open_page(SENDER, javascript=False)
    assert page.locator("[data-share]").count() == 1
    assert not page.locator("[data-share] button").is_visible()  # in the page, kept hidden
    # The partner block's button is made by send-to-partner.js: the built page has none.
    block = BeautifulSoup((built_site / SENDER / "index.html").read_text(encoding="utf-8"),
                          "html.parser").select_one(".admonition.share-partner")
    assert block is not None and not block.find("button") and not block.select(".share-partner__actions")
    # The suggested message is still there to read and copy by hand.
    assert page.locator(".share-partner .admonition.script").is_visible()


def test_copy_link_puts_the_canonical_address_on_the_clipboard(open_page):
    page = open_without_web_share(open_page, PARTNER)
    control = page.locator("[data-share]")
    button = control.locator("button")
    assert button.is_visible()
    assert re.search(r"copy link", button.inner_text(), re.I)
    assert "Copy link to this page" in button.evaluate("b => b.textContent.replace(/\\s+/g, ' ').trim()")
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    status = control.locator('[role="status"]')
    assert status.inner_text() == ""

    button.click()
    page.wait_for_function("() => document.querySelector('[data-share] [role=status]').textContent.length > 0")
    assert clipboard(page) == canonical(page) == site_url() + "for-your-partner/"
    assert status.is_visible()
    assert "copied" in status.inner_text().lower()
    assert page.console_errors == [] and page.offsite_requests == []


def test_shared_address_has_no_query_or_hash(open_page):
    page = open_without_web_share(open_page, PARTNER + "?utm_source=chat&ref=x#what-stays-private")
    page.locator("[data-share] button").click()
    page.wait_for_function("() => document.querySelector('[data-share] [role=status]').textContent.length > 0")
    assert clipboard(page) == site_url() + "for-your-partner/"


def test_the_partner_page_has_no_send_to_partner_block(built_site):
    soup = BeautifulSoup((built_site / PARTNER / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one(".share-partner") is None and soup.select_one("article .admonition.script") is None


def test_suggested_message_can_be_copied_with_the_link(open_page):
    page = open_without_web_share(open_page, SENDER)
    block = page.locator(".admonition.share-partner")
    assert block.locator(".admonition-title").first.inner_text().strip() == "Send your partner the page written for them"
    words = block.locator(".admonition.script > p:not(.admonition-title)").first.inner_text().strip()
    button = block.locator(".share-partner__button")
    assert button.inner_text().strip() == "Copy the message and the link"
    assert button.bounding_box()["height"] >= 24

    button.click()
    status = block.locator('.share-partner__actions [role="status"]')
    page.wait_for_function("() => document.querySelector('.share-partner__actions [role=status]').textContent.length > 0")
    copied = clipboard(page)
    assert copied == words + "\n\n" + site_url() + PARTNER  # the partner's page, not this one
    assert "copied" in status.inner_text().lower() and status.is_visible()
    assert page.console_errors == []


def before(page, first, then):
    """Whether the element `first` comes before the element `then` in the page."""
    return page.evaluate("([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
                         [first.element_handle(), then.element_handle()])


def test_the_send_box_says_every_page_has_a_safety_link_before_its_button(open_page):
    """Issue 25: before a control that sends the partner page, one sentence says every page here,
    the partner's too, has a safety link at the top, and not to send it if the partner might
    react badly to that (docs/snippets/sender-note.md)."""
    page = open_without_web_share(open_page, SENDER)
    block = page.locator(".admonition.share-partner")
    said = block.locator("p", has_text=sender_note())
    assert said.count() == 1 and said.is_visible()
    assert before(page, said, block.locator(".share-partner__button"))


def test_the_partner_pages_share_control_says_it_too_and_only_there(open_page, built_site):
    page = open_page(PARTNER)
    control = page.locator("[data-share]")
    note = control.locator(".share__note")
    assert note.count() == 1 and note.is_visible()
    words = " ".join(note.inner_text().split())
    assert "safety link at the top" in words and "don't send it" in words, words
    assert before(page, note, control.locator("button"))
    # Elsewhere the control shares the page it is on, not the partner page: no such line.
    for name in built_pages(built_site):
        if page_path(name) != PARTNER:
            html = (built_site / name).read_text(encoding="utf-8")
            assert "share__note" not in html, name


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_after_sharing(open_page, scheme):
    page = open_without_web_share(open_page, SENDER, color_scheme=scheme)
    page.locator("[data-share] button").click()
    page.locator(".share-partner__button").click()
    page.wait_for_function("() => document.querySelector('.share-partner__actions [role=status]').textContent.length > 0")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_web_share_gets_the_title_and_canonical_address(open_page):
    page = open_page(PARTNER)
    page.context.add_init_script(STUB_WEB_SHARE)
    page.goto(page.url + "?from=chat#your-choice", wait_until="load")
    wait_for_scripts(page)
    button = page.locator("[data-share] button")
    assert button.evaluate("b => b.textContent.replace(/\\s+/g, ' ').trim()") == "Share this page"
    assert button.locator(".share__more").bounding_box()["width"] <= 1  # "this page" is read, not shown
    button.click()
    page.wait_for_function("() => window.__shared.length === 1")
    shared = page.evaluate("window.__shared")
    assert shared == [{"title": "If someone sent you this page",
                       "url": site_url() + "for-your-partner/"}]
    assert shared[0]["title"] == page.locator('meta[property="og:title"]').get_attribute("content")
    assert shared[0]["url"] == canonical(page)

    assert page.locator(".share-partner__button").count() == 0  # no send block on the partner's page
    assert page.console_errors == []


def test_web_share_sends_the_partner_page_from_the_senders_page(open_page):
    page = open_page(SENDER)
    page.context.add_init_script(STUB_WEB_SHARE)
    page.reload(wait_until="load")
    wait_for_scripts(page)
    page.locator(".share-partner__button").click()
    page.wait_for_function("() => window.__shared.length === 1")
    partner = page.evaluate("window.__shared[0]")
    assert partner["url"] == site_url() + PARTNER and "title" not in partner
    assert partner["text"].startswith("I found a short page")
    assert page.console_errors == []


# Notes each attempt to copy, at the moment it is made (the Clipboard API or the old way).
COPY_SPY = """(() => {
window.__copies = 0;
const writeText = Clipboard.prototype.writeText;
Clipboard.prototype.writeText = function (text) { window.__copies += 1; return writeText.call(this, text); };
const execCommand = Document.prototype.execCommand;
Document.prototype.execCommand = function (name) {
  if (name === "copy") window.__copies += 1;
  return execCommand.apply(this, arguments);
};
})();"""
# The share sheet's answer has been handled: its promise settles in a microtask, before the
# next task of the page's event loop.
NEXT_TASK = "() => new Promise(done => setTimeout(done))"


def test_closing_the_share_sheet_copies_nothing(open_page):
    page = open_page(PARTNER, **CLIPBOARD)
    page.context.add_init_script(STUB_WEB_SHARE + "window.__shareResult = 'abort';" + COPY_SPY)
    page.reload(wait_until="load")
    wait_for_scripts(page)
    page.locator("[data-share] button").click()
    page.wait_for_function("() => window.__shared.length === 1")
    page.evaluate(NEXT_TASK)
    assert page.evaluate("window.__copies") == 0
    assert page.locator("[data-share] [role=status]").inner_text() == ""


def test_every_page_shares_its_own_address(open_page, built_site, base_url):
    """The control works the same way on each page."""
    page = open_without_web_share(open_page, PARTNER)
    for html_file in built_pages(built_site):
        if html_file == "404.html":
            continue
        path = page_path(html_file)
        page.goto(base_url + path, wait_until="load")
        wait_for_scripts(page)
        page.locator("[data-share] button").click()
        page.wait_for_function("() => document.querySelector('[data-share] [role=status]').textContent.length > 0")
        assert clipboard(page) == site_url() + path, html_file
    assert page.console_errors == []


def test_share_controls_are_not_printed(open_page):
    page = open_without_web_share(open_page, SENDER)
    page.emulate_media(media="print")
    assert not page.locator("[data-share]").is_visible()
    assert not page.locator(".share-partner__button").is_visible()


def test_partner_message_is_short_and_kind(built_site):
    """The suggested message, as the sender's page shows it (docs/snippets/send-to-partner.md);
    the partner's own page has none (tests/test_reader_safety.py)."""
    page = BeautifulSoup((built_site / SENDER / "index.html").read_text(encoding="utf-8"), "html.parser")
    box = page.select_one(".share-partner .admonition.script")
    assert box is not None, "the sender's page shows no suggested message"
    message = " ".join(p.get_text(" ") for p in box.select("p:not(.admonition-title)"))
    words = message.split()
    assert 15 <= len(words) <= 60, len(words)
    for blaming in ("you never", "you always", "your fault", "you should", "you need to", "you have to",
                    "or else", "if you loved", "must"):
        assert blaming not in message.lower(), blaming
