"""Ask your partner for one small step (/ask-your-partner/) and the partner page's answer to it.

In the real Chromium against the built site:
- the safety question comes first, and asks about fear OR control in the same words as the
  "Only if you feel safe" note: "Yes, one or more" and "I'm not sure" show the safety help and
  build no message and no link (and clear one already built); only "No, none of these" goes on;
- each ask in each form builds the page's own example message (as the page shows it without
  JavaScript) and the partner's link, which carries the ask's key and nothing else;
- what is copied or shared is the message as the reader edited it, with the link;
- the partner page shows the one note for a known key, and nothing, with nothing added to the
  page, for an unknown or hostile fragment; without JavaScript it reads as it always did;
- nothing is stored, nothing leaves the site; axe finds nothing, light at 390px and dark at
  1280px; the message prints alone on one sheet of US Letter and of A4, with the print footer;
- without JavaScript the page lists every ask with its messages and link, readable by hand.
Expected words and addresses come from the built page and mkdocs.yml, never from examples.
"""
import io
import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from axe import axe_violations, describe
from support import (FEAR_OR_CONTROL, load_hook, practice as settings_practice, sender_note, site_config,
                     wait_for_scripts)
from plain_english import measure, word_count

ASK = "ask-your-partner/"
PARTNER = "for-your-partner/"
FORMS = ("text", "letter", "talk")
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
STUB_WEB_SHARE = """
window.__shared = [];
Navigator.prototype.share = function (data) {
  window.__shared.push(JSON.parse(JSON.stringify(data)));
  return Promise.resolve();
};
"""
UNSAFE_ANSWERS = ["Yes, one or more", "I'm not sure"]
HOSTILE = [
    "#ask=",
    "#ask=unknown-step",
    "#ask=first-conversation-and-more",
    "#ask=FIRST-CONVERSATION",
    "#ask=first-conversation&ask=check-up",
    "#ask=<img src=x onerror=alert(1)>",
    "#ask=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    '#ask="><svg onload=alert(2)>',
    "#ask=javascript:alert(3)",
    "#first-conversation",
]


def squash(text):
    return " ".join(text.split())


def message_text(block):
    """An example message as a reader copies it by hand: paragraphs apart, one line a point."""
    parts = []
    for child in block.find_all(recursive=False):
        if child.name == "summary" or "admonition-title" in (child.get("class") or []):
            continue
        if child.name in ("ul", "ol"):
            parts.append("\n".join("- " + squash(li.get_text()) for li in child.find_all("li", recursive=False)))
        elif squash(child.get_text()):
            parts.append(squash(child.get_text()))
    return "\n\n".join(parts)


def read_asks(built_site):
    """{key: {title, messages: {form: text}, link, href}} from the built page (what no-JS readers see)."""
    soup = BeautifulSoup((built_site / ASK / "index.html").read_text(encoding="utf-8"), "html.parser")
    asks = {}
    for section in soup.select(".ask[data-ask-key]"):
        link = section.select_one('a[href*="#ask="]')
        asks[section["data-ask-key"]] = {
            "title": squash(section.find(["h2", "h3"]).get_text()),
            "messages": {form: message_text(section.select_one(f".ask-{form}")) for form in FORMS},
            "link": squash(link.get_text()),
            "href": link["href"],
        }
    return asks


@pytest.fixture(scope="module")
def asks(built_site):
    found = read_asks(built_site)
    # The check-up is offered only where the practice says it offers one (offers_checkup).
    assert ("check-up" in found) == bool(settings_practice().get("offers_checkup"))
    assert len(found) >= 5, f"the page lists {len(found)} asks"
    return found


def canonical(page):
    return page.locator('link[rel="canonical"]').get_attribute("href")


def build(page, title, form_label):
    """Answer yes, choose the ask and the form; return the message box."""
    page.get_by_label("No, none of these").check()
    page.get_by_role("radio", name=title, exact=True).check()
    page.get_by_role("radio", name=form_label, exact=True).check()
    area = page.get_by_label("Your message", exact=False)
    area.wait_for(state="visible")
    return area


def form_labels(built_site):
    soup = BeautifulSoup((built_site / ASK / "index.html").read_text(encoding="utf-8"), "html.parser")
    first = soup.select_one(".ask[data-ask-key]")
    return {form: squash(first.select_one(f".ask-{form} > summary, .ask-{form} > .admonition-title").get_text())
            for form in FORMS}


def visible_ask_links(page):
    return page.evaluate("""() => [...document.querySelectorAll('a[href*="#ask="]')]
        .filter(a => a.checkVisibility()).map(a => a.href)""")


# -- The page without JavaScript ---------------------------------------------------------------

def test_without_javascript_every_ask_shows_its_messages_and_link(open_page, asks):
    page = open_page(ASK, javascript=False)
    assert page.locator(".ask-unsafe").is_visible(), "the safety help is not shown without JavaScript"
    assert page.locator(".ask-unsafe a[href$='safety/']").count() >= 1
    assert page.locator(".ask-builder").evaluate("e => e.getBoundingClientRect().height") == 0
    assert page.locator(".ask-builder *").count() == 0
    page_url = canonical(page)
    for key, ask in asks.items():
        section = page.locator(f'.ask[data-ask-key="{key}"]')
        assert section.locator("h3").is_visible(), key
        for form in FORMS:
            block = section.locator(f".ask-{form}")
            assert block.is_visible(), (key, form)
            if block.evaluate("e => e.tagName") == "DETAILS":
                if not block.evaluate("e => e.open"):
                    block.locator("summary").click()  # a plain <details>: opens without JavaScript
            words = block.locator("p:not(.admonition-title), li").first
            assert words.is_visible(), (key, form)
            assert ask["messages"][form] and squash(ask["messages"][form].split("\n")[0].lstrip("- ")) in squash(
                block.inner_text()), (key, form)
        link = section.locator('a[href*="#ask="]')
        assert link.is_visible(), key
        # The link's words are the full address to copy by hand: this site's partner page and the key.
        assert link.get_attribute("href") == ask["href"]
        assert ask["link"] == urljoin(page_url, ask["href"]), key
        assert ask["link"].endswith(f"/{PARTNER}#ask={key}"), ask["link"]


# Every text block a reader with JavaScript sees is there without it, on these pages as on every
# page: test_scripts_after_paint.py::test_without_javascript_every_page_reads_the_same.


def test_without_javascript_the_partner_page_reads_as_it_always_did(open_page, asks):
    plain = open_page(PARTNER, javascript=False)
    before = plain.locator("article").inner_text()
    for key in asks:
        page = open_page(PARTNER + "#ask=" + key, javascript=False)
        assert page.locator("article").inner_text() == before, key
        assert page.locator("[data-ask-answer]:visible").count() == 0, key


# -- The safety question -----------------------------------------------------------------------

def test_with_javascript_the_safety_question_comes_first(open_page):
    page = open_page(ASK)
    gate = page.get_by_role("group", name=FEAR_OR_CONTROL)
    assert gate.is_visible()
    assert page.locator(".ask-builder").get_by_role("radio").count() == 3, "only the safety question at first"
    assert not page.locator(".ask-list").is_visible(), "the examples wait until the reader feels safe"
    assert not page.locator("textarea").is_visible()
    assert visible_ask_links(page) == []


def test_the_question_asks_about_fear_or_control_in_the_notes_words(open_page, built_site):
    page = open_page(ASK)
    legend = " ".join(page.locator(".ask-builder legend").first.inner_text().split())
    assert legend == FEAR_OR_CONTROL
    note = BeautifulSoup((built_site / ASK / "index.html").read_text(encoding="utf-8"),
                         "html.parser").select_one(".admonition.only-if-safe")
    assert FEAR_OR_CONTROL in " ".join(note.get_text(" ").split())
    options = page.locator(".ask-builder fieldset").first.get_by_role("radio")
    assert [o.evaluate("r => r.labels[0].textContent") for o in options.all()] == ["No, none of these"] + UNSAFE_ANSWERS


def test_only_no_none_of_these_goes_on(open_page):
    page = open_page(ASK)
    for answer in UNSAFE_ANSWERS + ["No, none of these"] + UNSAFE_ANSWERS[::-1]:
        page.get_by_role("radio", name=answer, exact=True).check()
        goes_on = answer == "No, none of these"
        assert page.get_by_role("group", name="Which step would you like to ask for?").is_visible() == goes_on, answer
        assert page.locator(".ask-unsafe").is_visible() == (not goes_on), answer
        if not goes_on:  # the safety help points to the leaving-and-safety-planning paragraph too
            assert page.locator(".ask-unsafe a[href$='safety/#leaving-safely']").is_visible()


@pytest.mark.parametrize("answer", UNSAFE_ANSWERS)
def test_yes_and_not_sure_show_safety_help_and_build_nothing(open_page, answer):
    page = open_page(ASK)
    assert not page.locator(".ask-unsafe").is_visible()
    page.get_by_role("radio", name=answer, exact=True).check()
    help_box = page.locator(".ask-unsafe")
    assert help_box.is_visible()
    assert help_box.locator("a[href$='safety/']").first.is_visible()
    assert help_box.locator("a[href^='tel:']").count() >= 2
    assert page.locator(".ask-builder").get_by_role("radio").count() == 3, "no step or form can be chosen"
    assert page.locator("textarea:visible").count() == 0
    assert visible_ask_links(page) == []
    assert page.locator(".ask-result").evaluate("e => e.hidden")
    assert page.console_errors == []


# The countries the guide serves, and the UK's nations: each gets its first help line in the box.
COUNTRIES = ("United States", "England", "Scotland", "Wales", "Northern Ireland", "Canada", "Australia")


@pytest.mark.parametrize("answer", UNSAFE_ANSWERS)
def test_the_not_safe_box_gives_a_help_line_for_each_country(open_page, answer):
    page = open_page(ASK)
    page.get_by_role("radio", name=answer, exact=True).check()
    box = page.locator(".ask-unsafe")
    assert box.is_visible()
    for country in COUNTRIES:
        # The words that name the country, and after them (before the next country) a number to call.
        lines = box.evaluate("""(box, country) => {
            const text = box.innerText.replace(/\\s+/g, ' ');
            const at = text.indexOf(country + ':') >= 0 ? text.indexOf(country + ':') : text.indexOf(country + ' (');
            return at < 0 ? null : text.slice(at, at + 400);
        }""", country)
        assert lines and re.search(r"call [\d-]{3}", lines), (country, lines)
    # Each number dials what it shows, and every one is shown (tap to call).
    for link in box.locator("a[href^='tel:']").all():
        assert link.is_visible()
        shown = re.sub(r"\D", "", link.inner_text())
        dialled = re.sub(r"\D", "", link.get_attribute("href"))
        assert dialled in (shown, "1" + shown), (link.inner_text(), link.get_attribute("href"))


@pytest.mark.parametrize("answer", UNSAFE_ANSWERS)
def test_changing_the_answer_to_yes_or_not_sure_clears_a_built_message(open_page, built_site, asks, answer):
    page = open_page(ASK)
    key, ask = next(iter(asks.items()))
    area = build(page, ask["title"], form_labels(built_site)["letter"])
    area.fill("Words I typed myself")
    page.get_by_role("radio", name=answer, exact=True).check()
    assert page.locator(".ask-unsafe").is_visible()
    assert page.locator("textarea").input_value() == ""
    assert page.locator("textarea:visible").count() == 0 and visible_ask_links(page) == []
    assert "Words I typed myself" not in page.locator("body").inner_text()
    # Saying yes again starts from nothing.
    page.get_by_label("No, none of these").check()
    assert not page.locator(".ask-unsafe").is_visible()
    assert page.locator("textarea:visible").count() == 0
    assert page.evaluate("[...document.querySelectorAll('.ask-steps input:checked')].length") == 0


# -- Building the message ----------------------------------------------------------------------

def test_the_sender_sentence_comes_before_the_copy_share_and_print_buttons(open_page, built_site, asks):
    """Every page, the partner's too, has a safety link at the top: the builder says so just above
    its buttons, in the page's own words (docs/snippets/sender-note.md), as the page does
    without JavaScript too."""
    note = sender_note()
    html = BeautifulSoup((built_site / ASK / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert note in " ".join(html.select_one("article").get_text(" ").split())
    page = open_page(ASK, init_script=STUB_WEB_SHARE)
    key, ask = next(iter(asks.items()))
    build(page, ask["title"], form_labels(built_site)["text"])
    buttons = page.locator(".ask-result .ask-actions button")
    assert buttons.count() >= 2  # Copy and Share (the stub), and Print
    said = page.locator(".ask-result p", has_text=note)
    assert said.count() == 1 and said.is_visible()
    for button in buttons.all():
        assert said.evaluate("(p, b) => !!(p.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
                             button.element_handle()), button.inner_text()


def test_each_ask_in_each_form_builds_the_page_message_and_link(open_page, built_site, asks):
    page = open_page(ASK)
    labels = form_labels(built_site)
    page_url = canonical(page)
    page.get_by_label("No, none of these").check()
    assert [squash(t) for t in page.locator(".ask-steps fieldset").first.locator("label").all_inner_texts()] == [
        ask["title"] for ask in asks.values()], "the builder offers the page's asks, in order"
    for key, ask in asks.items():
        page.get_by_role("radio", name=ask["title"], exact=True).check()
        for form in FORMS:
            page.get_by_role("radio", name=labels[form], exact=True).check()
            area = page.locator("textarea")
            assert area.is_visible()
            assert area.input_value() == ask["messages"][form], (key, form)
            link = page.locator(".ask-result a.ask-link")
            assert link.inner_text().strip() == link.get_attribute("href") == ask["link"], (key, form)
            assert link.get_attribute("href") == urljoin(page_url, ask["href"]), "not from the canonical address"
            assert link.get_attribute("href").split("#", 1)[1] == f"ask={key}"
        # The step's own note (what it asks, and any caution) is shown with it.
        about = squash(page.locator(".ask-about").inner_text())
        assert about and about in squash(page.locator(f'.ask[data-ask-key="{key}"]').evaluate("e => e.textContent"))
    assert page.console_errors == [] and page.offsite_requests == []


def test_an_edited_message_is_what_gets_copied(open_page, built_site, asks):
    page = open_page(ASK, **CLIPBOARD)
    key, ask = list(asks.items())[1]
    area = build(page, ask["title"], form_labels(built_site)["text"])
    assert area.input_value() == ask["messages"]["text"]
    area.fill("Could we talk on Sunday?\nI have a small idea for us.")
    page.get_by_role("button", name="Copy message and link").click()
    status = page.locator(".ask-status")
    page.wait_for_function("() => document.querySelector('.ask-status').textContent.length > 0")
    assert "copied" in status.inner_text().lower() and status.is_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "Could we talk on Sunday?\nI have a small idea for us.\n\n" + ask["link"]
    assert ask["messages"]["text"] not in copied


def test_without_the_clipboard_the_message_is_selected_with_a_hint(open_page, built_site, asks):
    page = open_page(ASK)
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})")
    key, ask = list(asks.items())[2]
    area = build(page, ask["title"], form_labels(built_site)["talk"])
    area.fill("My own points")
    page.get_by_role("button", name="Copy message and link").click()
    page.wait_for_function("() => document.querySelector('.ask-status').textContent.length > 0")
    assert re.search(r"(Ctrl|⌘)\+?C", page.locator(".ask-status").inner_text())
    selected = area.evaluate("a => a.value.slice(a.selectionStart, a.selectionEnd)")
    assert selected == "My own points"
    assert area.evaluate("a => a === document.activeElement")


def test_share_sends_the_edited_text_and_the_link(open_page, built_site, asks):
    page = open_page(ASK)
    page.context.add_init_script(STUB_WEB_SHARE)
    page.reload(wait_until="load")
    wait_for_scripts(page)
    key, ask = list(asks.items())[3]
    area = build(page, ask["title"], form_labels(built_site)["letter"])
    area.fill("A letter in my own words.")
    page.get_by_role("button", name="Share message and link").click()
    page.wait_for_function("() => window.__shared.length === 1")
    assert page.evaluate("window.__shared") == [{"text": "A letter in my own words.", "url": ask["link"]}]


def test_without_web_share_there_is_no_share_button(open_page, built_site, asks):
    page = open_page(ASK)
    page.context.add_init_script("delete Navigator.prototype.share; delete Navigator.prototype.canShare;")
    page.reload(wait_until="load")
    wait_for_scripts(page)
    ask = next(iter(asks.values()))
    build(page, ask["title"], form_labels(built_site)["text"])
    assert page.get_by_role("button", name="Share message and link").count() == 0
    assert page.get_by_role("button", name="Copy message and link").is_visible()


# -- Privacy -----------------------------------------------------------------------------------

def test_nothing_is_stored_or_sent(open_page, built_site, asks):
    page = open_page(ASK, **CLIPBOARD)
    requests = []
    page.on("request", lambda request: requests.append(request))
    key, ask = list(asks.items())[0]
    area = build(page, ask["title"], form_labels(built_site)["letter"])
    area.fill("Private words 7f3a")
    page.get_by_role("button", name="Copy message and link").click()
    page.wait_for_function("() => document.querySelector('.ask-status').textContent.length > 0")
    # The browser asks for the favicon on its own, at a time of its own choosing after the load.
    favicon = site_config().theme["favicon"]
    sent = [r.url for r in requests if not r.url.endswith("/" + favicon)]
    assert sent == [], sent
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""] and page.context.cookies() == []
    assert "7f3a" not in page.locator("a.ask-link").get_attribute("href")

    # The partner's link: the fragment never reaches the server, and the page sends nothing more.
    page.goto(page.url.split(ASK)[0] + PARTNER + "#ask=" + key, wait_until="load")
    wait_for_scripts(page)
    assert page.locator(f'[data-ask-answer="{key}"]').is_visible()
    assert all("ask=" not in r.url and r.method == "GET" for r in requests), [r.url for r in requests]
    assert page.offsite_requests == []
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""] and page.context.cookies() == []


# -- The partner page --------------------------------------------------------------------------

def test_partner_page_shows_the_note_for_each_ask(open_page, asks):
    page = open_page(PARTNER)
    assert page.locator("[data-ask-answer]:visible").count() == 0
    for key in asks:
        page = open_page(PARTNER + "#ask=" + key)
        shown = page.locator("[data-ask-answer]:visible")
        assert shown.count() == 1, key
        assert shown.get_attribute("data-ask-answer") == key
        assert shown.locator(".admonition-title").inner_text().strip()
        # What it costs to find out: a cost line, and for a session, the way to ask the practice.
        cost = shown.locator("li", has_text=re.compile(r"^\s*Cost:"))
        assert cost.count() == 1, f"{key}: no cost line"
        if "session" in shown.inner_text():
            assert shown.locator("a[href$='contact/']").count() >= 1, f"{key}: no way to ask the practice"
        # It opens at the top, with the page's own heading in view, then the partner's choice
        # note (its safety questions come before anything else, issue 25), then this note:
        # nothing but the print button between them.
        assert page.evaluate("scrollY") == 0, key
        heading, note = page.locator("article h1").bounding_box(), shown.bounding_box()
        choice = page.locator(".admonition.partner-choice").bounding_box()
        assert 0 <= heading["y"] < choice["y"] < page.viewport_size["height"], key
        gap = note["y"] - (choice["y"] + choice["height"])
        assert 0 <= gap < 100, (key, gap)
        assert page.console_errors == []
    # Following another ask's link on the open page changes the note with it.
    page.evaluate(f"location.hash = 'ask={list(asks)[0]}'")
    page.wait_for_function(f"() => document.querySelector('[data-ask-answer=\"{list(asks)[0]}\"]').checkVisibility()")
    assert page.locator("[data-ask-answer]:visible").count() == 1


@pytest.mark.parametrize("fragment", HOSTILE)
def test_partner_page_ignores_unknown_and_hostile_fragments(open_page, base_url, fragment):
    plain = open_page(PARTNER)
    before = plain.evaluate("() => [document.querySelector('article').innerHTML, document.querySelectorAll('*').length]")
    page = open_page(PARTNER)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + PARTNER + fragment, wait_until="load")
    wait_for_scripts(page)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.locator("[data-ask-answer]:visible").count() == 0
    after = page.evaluate("() => [document.querySelector('article').innerHTML, document.querySelectorAll('*').length]")
    assert after == before, "the fragment changed the page"
    assert dialogs == []
    assert page.evaluate("window.scrollY") == 0
    assert page.console_errors == [] and page.offsite_requests == []


def test_answers_are_plain_and_short(built_site, asks):
    soup = BeautifulSoup((built_site / PARTNER / "index.html").read_text(encoding="utf-8"), "html.parser")
    notes = soup.select("[data-ask-answer]")
    assert sorted(n["data-ask-answer"] for n in notes) == sorted(asks), "one note for each ask, no other"
    assert all(n.has_attr("hidden") and n.get("id") == "ask=" + n["data-ask-answer"] for n in notes)
    html = '<article class="md-content__inner">' + "".join(
        str(n).replace(' hidden="hidden"', "").replace(" hidden", "") for n in notes) + "</article>"
    result = measure(html)
    assert result["words"] > 150
    assert result["grade"] <= 8.0, result["grade"]
    assert not result["long_sentences"], result["long_sentences"]


def test_messages_are_short_kind_and_keep_no_promise_they_cannot(asks):
    for key, ask in asks.items():
        for form, text in ask["messages"].items():
            assert text, (key, form)
            for sentence in re.split(r"(?<=[.?!])\s+", text.replace("\n", " ")):
                assert word_count(sentence) <= 30, (key, form, sentence)
            lower = text.lower()
            for unkind in ("you never", "you always", "your fault", "you should", "you need to", "you have to",
                           "or else", "if you loved", "must", "i promise", "will fix", "will save", "guarantee"):
                assert unkind not in lower, (key, form, unkind)
        # A text only asks for a time to talk: short, and no argument for therapy in it.
        assert word_count(ask["messages"]["text"]) <= 45, key
        assert "therapist" not in ask["messages"]["text"].lower(), key


# -- Accessibility -----------------------------------------------------------------------------

VIEWS = {
    "light-390": dict(width=390, height=844, color_scheme="light"),
    "dark-1280": dict(width=1280, height=800, color_scheme="dark"),
}


@pytest.mark.parametrize("view", VIEWS)
def test_no_axe_violations(open_page, built_site, asks, view):
    page = open_page(ASK, **VIEWS[view])
    page.get_by_role("radio", name="I'm not sure", exact=True).check()
    violations = axe_violations(page)
    assert violations == [], "after 'not sure': " + describe(violations)
    key, ask = list(asks.items())[-1]
    build(page, ask["title"], form_labels(built_site)["letter"])
    page.get_by_role("button", name="Copy message and link").click()
    page.wait_for_function("() => document.querySelector('.ask-status').textContent.length > 0")
    violations = axe_violations(page)
    assert violations == [], "with a message built: " + describe(violations)
    for control in page.locator(".ask-builder input, .ask-builder button").all():
        box = control.bounding_box()
        assert box["width"] >= 16 and box["height"] >= 16, box
    partner = open_page(PARTNER + "#ask=" + key, **VIEWS[view])
    assert partner.locator("[data-ask-answer]:visible").count() == 1
    violations = axe_violations(partner)
    assert violations == [], "partner page: " + describe(violations)


# -- Printing ----------------------------------------------------------------------------------

def print_letter(page, paper):
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="Print on one sheet").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format=paper)))


@pytest.mark.parametrize("paper, scheme", [("Letter", "light"), ("A4", "dark")])
def test_each_letter_prints_alone_on_one_sheet(open_page, built_site, asks, paper, scheme):
    practice = settings_practice()
    labels = form_labels(built_site)
    page = open_page(ASK, width=1280, height=800, color_scheme=scheme)
    heading = page.locator("article h1").inner_text().strip()
    for key, ask in asks.items():
        page.emulate_media(media="screen")
        build(page, ask["title"], labels["letter"])
        pdf = print_letter(page, paper)
        assert len(pdf.pages) == 1, f"{key}: the letter prints on {len(pdf.pages)} {paper} sheets"
        text = pdf.pages[0].extract_text()
        flat = re.sub(r"\s+", "", text)
        for paragraph in ask["messages"]["letter"].split("\n\n"):
            assert re.sub(r"\s+", "", paragraph) in flat, (key, paragraph[:40])
        assert re.sub(r"\s+", "", ask["link"]) in flat, key
        assert practice["name"] in text and practice["phone"] in text, "no print footer"
        for not_printed in (heading, FEAR_OR_CONTROL[:40], "Copy message", "Print on one sheet", "Your message"):
            assert not_printed not in text, (key, not_printed)
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert not page.evaluate("document.documentElement.hasAttribute('data-ask-print')")


def test_printing_without_a_message_prints_the_list_not_the_controls(open_page):
    page = open_page(ASK, width=1280, height=800)
    page.get_by_label("No, none of these").check()
    page.emulate_media(media="print")
    assert page.locator(".ask-list").is_visible()
    assert page.locator(".ask-unsafe").is_visible()
    assert not page.locator(".ask-builder").is_visible()


def test_a_built_message_prints_from_the_browsers_own_print(open_page, built_site, asks):
    page = open_page(ASK, width=1280, height=800)
    ask = next(iter(asks.values()))
    build(page, ask["title"], form_labels(built_site)["talk"])
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator(".ask-printout").is_visible()
    assert not page.locator(".ask-list").is_visible() and not page.locator("article h1").is_visible()
    assert page.locator(".ask-printout").inner_text().startswith(ask["messages"]["talk"].split("\n")[0])


# -- Where the page is found -------------------------------------------------------------------

def test_page_is_linked_previewed_and_loads_its_script_alone(built_site):
    soup = BeautifulSoup((built_site / ASK / "index.html").read_text(encoding="utf-8"), "html.parser")
    home = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('.md-nav a[href="ask-your-partner/"]'), "the page is not in the navigation"
    image = soup.find("meta", property="og:image")["content"]
    assert image.endswith("/assets/images/social/ask-your-partner.png")
    assert (built_site / "assets/images/social/ask-your-partner.png").is_file()
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert soup.find("meta", property="og:description")["content"] == description and len(description) > 40
    for source in ("conversation-scripts", "smaller-steps"):  # the sender's pages, not the partner's
        other = BeautifulSoup((built_site / source / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert other.select_one("article a[href='../ask-your-partner/']"), f"/{source}/ does not link to the page"
    for asset in ("ask-your-partner.min.js", "ask-your-partner.min.css"):
        found = {p.parent.name: asset in p.read_text(encoding="utf-8") for p in built_site.rglob("index.html")}
        assert found.pop("ask-your-partner") and not any(found.values()), [k for k, v in found.items() if v]
        assert (built_site / "assets" / ("javascripts" if asset.endswith("js") else "stylesheets") / asset).is_file()


LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput)
  window.__shifts.push([e.value, e.sources.map(s => s.node && (s.node.className || s.node.nodeName))]); })
  .observe({type: "layout-shift", buffered: true});"""


TALL_VIEWS = dict(VIEWS, **{"dark-1280-tall": dict(width=1280, height=1600, color_scheme="dark")})


@pytest.mark.parametrize("view", TALL_VIEWS)
def test_nothing_moves_while_the_builder_and_the_note_appear(browser, base_url, asks, view):
    """The builder's room is kept from the first paint, and the partner's note is shown as the
    page is read: no layout shift on either page as it loads (the tall window has the builder
    and what follows it in view)."""
    size = TALL_VIEWS[view]
    context = browser.new_context(viewport={"width": size["width"], "height": size["height"]},
                                  color_scheme=size["color_scheme"], service_workers="block")
    context.add_init_script(LAYOUT_SHIFTS)
    try:
        for path in (ASK, PARTNER + "#ask=" + list(asks)[1]):
            page = context.new_page()
            page.goto(base_url + path, wait_until="load")
            wait_for_scripts(page)
            page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            if path == ASK:
                assert page.locator(".ask-builder fieldset").first.is_visible()
            assert page.evaluate("window.__shifts") == [], path
            page.close()
    finally:
        context.close()


def test_whole_guide_shows_every_ask_as_the_page_does_without_javascript(open_page, asks):
    page = open_page("whole-guide/", width=1280, height=800)
    page.get_by_role("button", name="Show the whole guide here").click()
    chapter = page.locator("section#ask-your-partner")
    chapter.wait_for()
    assert chapter.locator(".ask-unsafe").is_visible()
    for key, ask in asks.items():
        section = chapter.locator(f'.ask[data-ask-key="{key}"]')
        assert section.locator("h4, h3").first.is_visible(), key
        assert ask["link"] in section.inner_text(), key


def test_a_link_that_shows_its_full_address_prints_no_second_one():
    """hooks/print_links.py: the partner's link on this page is written out in full, so print
    adds nothing after it; a link with other words still gets its address."""
    hook = load_hook("print_links")
    site = "https://name.example.org/guide/"
    href = "../for-your-partner/#ask=online"
    assert hook.print_address(href, "https://name.example.org/guide/for-your-partner/#ask=online",
                              ASK, site) is None
    assert hook.print_address(href, "the page for your partner", ASK, site) == "https://name.example.org/guide/for-your-partner/#ask=online"
