"""Conversation scripts, on both scripts pages (conversation-scripts and harder-moments):
every `!!! script` block gets a Copy button that puts exactly its words (never the label) on
the clipboard and shows an announced "Copied"; without the Clipboard API the words are selected
and the reader is told which keys to press.

The expected words come from the Markdown source, not from the page.
"""
import re

import pytest
from bs4 import BeautifulSoup

from axe import axe_violations, describe
from support import ROOT, wait_for_scripts

PATH = "conversation-scripts/"
# Each scripts page and its Markdown source.
SCRIPT_PAGES = {PATH: "conversation-scripts.md", "harder-moments/": "harder-moments.md"}
# The hard answers on the second page (issue 12), each a section with a script and a jump link.
HARD_ANSWERS = ["are-you-leaving", "you-go", "faith-and-family", "leaning-out", "after-a-yes"]
REASONS = ["fear-of-blame", "fix-it-ourselves", "no-problem", "vulnerability",
           "bad-experience", "hopelessness", "cost-and-time"]
CLIPBOARD = dict(permissions=["clipboard-read", "clipboard-write"])


def scripts_in_source(source="conversation-scripts.md"):
    """[(label, words)] of every `!!! script "Label"` block in the page's Markdown."""
    lines = (ROOT / "docs" / source).read_text(encoding="utf-8").splitlines()
    found = []
    for number, line in enumerate(lines):
        match = re.match(r'^!!! script "(.+)"\s*$', line)
        if not match:
            continue
        body = []
        for following in lines[number + 1:]:
            if following.strip() and not following.startswith("    "):
                break
            body.append(following.strip())
        paragraphs = "\n".join(body).strip().split("\n\n")
        found.append((match.group(1), "\n\n".join(" ".join(p.split()) for p in paragraphs)))
    return found


SCRIPTS = scripts_in_source()
PAGE_SCRIPTS = {path: scripts_in_source(source) for path, source in SCRIPT_PAGES.items()}


def test_the_source_has_the_scripts_the_page_needs():
    labels = [label for label, _ in SCRIPTS]
    assert labels.count("Opener") == len(REASONS)
    assert labels.count("Text message") == len(REASONS)
    assert sum(label.startswith("In place of:") for label in labels) >= 3
    assert len(SCRIPTS) >= 2 * len(REASONS) + 6


def test_every_reason_has_a_group_a_jump_link_and_a_link_to_its_explanation(open_page):
    page = open_page(PATH, javascript=False)
    for reason in REASONS:
        group = page.locator(f"h3#{reason}")
        assert group.count() == 1, reason
        assert page.locator(f"article a[href='#{reason}']").count() == 1, reason
        assert page.locator(f"article a[href$='why-partners-resist/#{reason}']").count() >= 1, reason
    assert page.locator("article a[href='#after-a-no']").count() == 1
    assert page.locator("article a[href$='harder-moments/']").count() >= 1


def test_the_second_page_has_a_script_and_a_jump_link_for_each_hard_answer(open_page):
    page = open_page("harder-moments/", javascript=False)
    for answer in HARD_ANSWERS:
        section = page.locator(f"h2#{answer}")
        assert section.count() == 1, answer
        assert page.locator(f"article a[href='#{answer}']").count() == 1, answer
        scripts_in_section = section.evaluate("""h => {
            let n = 0;
            for (let el = h.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
                if (el.matches('.admonition.script')) n++;
            }
            return n;
        }""")
        assert scripts_in_section >= 1, answer
    assert len(PAGE_SCRIPTS["harder-moments/"]) >= len(HARD_ANSWERS)


@pytest.mark.parametrize("path", SCRIPT_PAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_each_copy_button_copies_exactly_its_script(open_page, width, path):
    page = open_page(path, width=width, height=844, **CLIPBOARD)
    boxes = page.locator(".admonition.script")
    scripts = PAGE_SCRIPTS[path]
    assert boxes.count() == len(scripts)
    for index, (label, words) in enumerate(scripts):
        box = boxes.nth(index)
        assert " ".join(box.locator(".admonition-title").inner_text().split()) == label
        button = box.get_by_role("button", name=re.compile(r"^Copy"))
        assert button.count() == 1 and button.inner_text().strip() == "Copy"
        page.evaluate("navigator.clipboard.writeText('')")
        button.click()
        status = box.locator(".script-status")
        status.filter(has_text="Copied").wait_for()
        assert status.is_visible()
        assert status.get_attribute("aria-live") == "polite" or status.get_attribute("role") == "status"
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == words, (label, copied)
        assert label not in copied
    assert page.console_errors == []


def test_without_the_clipboard_api_the_words_are_selected_with_a_hint(open_page):
    page = open_page(PATH)
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});")
    page.reload()
    wait_for_scripts(page)
    assert page.evaluate("navigator.clipboard") is None
    label, words = SCRIPTS[3]
    box = page.locator(".admonition.script").nth(3)
    box.get_by_role("button", name=re.compile(r"^Copy")).click()
    status = box.locator(".script-status")
    status.filter(has_text=re.compile(r"Press (Ctrl\+C|⌘C) to copy")).wait_for()
    selected = page.evaluate("getSelection().toString()")
    assert " ".join(selected.split()) == " ".join(words.split())
    assert label not in selected
    assert page.console_errors == []


@pytest.mark.parametrize("path", SCRIPT_PAGES)
def test_the_page_as_built_has_no_copy_button(built_site, path):
    """The Copy buttons are made by copy.js, so a reader without JavaScript never meets a
    button that does nothing: the built page has none in its scripts (with JavaScript,
    test_each_copy_button_copies_exactly_its_script finds one in each)."""
    article = BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    boxes = article.select(".admonition.script")
    assert len(boxes) == len(PAGE_SCRIPTS[path])
    assert [box for box in boxes if box.find(["button", "input"]) or box.select(".script-actions")] == []


@pytest.mark.parametrize("path", SCRIPT_PAGES)
def test_without_javascript_the_scripts_show(open_page, path):
    page = open_page(path, javascript=False)
    boxes = page.locator(".admonition.script")
    scripts = PAGE_SCRIPTS[path]
    assert boxes.count() == len(scripts)
    for index, (_, words) in enumerate(scripts):
        assert boxes.nth(index).is_visible()
        assert words.split("\n\n")[0] in " ".join(boxes.nth(index).inner_text().split())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_after_copying(open_page, scheme):
    page = open_page(PATH, color_scheme=scheme, **CLIPBOARD)
    page.locator(".admonition.script").first.get_by_role("button").click()
    page.locator(".script-status", has_text="Copied").wait_for()
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_copy_buttons_are_big_enough_and_hidden_on_paper(open_page):
    page = open_page(PATH)
    for button in page.locator(".script-copy").all():
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
    page.emulate_media(media="print")
    assert not page.locator(".script-copy").first.is_visible()
