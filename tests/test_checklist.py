"""The readiness checklist: real, labelled checkboxes; a gentle reading that updates at
once in a live region; nothing kept or sent; usable by keyboard, without JavaScript,
and with 0 axe violations.
"""
import re

import pytest

from axe import axe_violations, describe
from conftest import wait_for_scripts

PATH = "readiness-checklist/"
SIGNS = 6
READINGS = {0: "reading-0-1", 1: "reading-0-1", 2: "reading-2-3", 3: "reading-2-3",
            4: "reading-4-plus", 6: "reading-4-plus"}
NEXT_STEP = {"reading-0-1": "smaller-steps/", "reading-2-3": "help-for-yourself/",
             "reading-4-plus": "contact/"}
VIEWS = {"phone": dict(width=390, height=844), "desktop": dict(width=1280, height=800)}

# Installed before any page script: counts every write to storage or cookies and
# every request a page script could send.
SPY = """
window.__writes = [];
const note = (what) => window.__writes.push(what);
for (const name of ["setItem", "removeItem", "clear"]) {
  const original = Storage.prototype[name];
  Storage.prototype[name] = function (...args) { note("storage." + name); return original.apply(this, args); };
}
const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
Object.defineProperty(document, "cookie", {
  get() { return cookie.get.call(document); },
  set(value) { note("cookie"); cookie.set.call(document, value); },
});
const beacon = navigator.sendBeacon && navigator.sendBeacon.bind(navigator);
navigator.sendBeacon = (...args) => { note("beacon"); return beacon ? beacon(...args) : true; };
"""


def boxes(page):
    return page.locator(".readiness-checklist input[type=checkbox]")


def summary(page):
    return page.locator(".checklist-summary")


def reading_text(page, reading):
    """The words of a reading on the page: the paragraphs under its heading."""
    return page.evaluate("""(id) => {
        const words = [];
        for (let el = document.getElementById(id).nextElementSibling;
             el && el.tagName === "P"; el = el.nextElementSibling) {
            words.push(el.textContent.replace(/\\s+/g, " ").trim());
        }
        return words.join(" ");
    }""", reading)


def ticked(page):
    return [box.is_checked() for box in boxes(page).all()]


def storage(page):
    return page.evaluate("""() => ({local: localStorage.length, session: sessionStorage.length,
                                    cookie: document.cookie})""")


def test_every_sign_is_a_checkbox_named_by_its_words(open_page):
    page = open_page(PATH)
    assert boxes(page).count() == SIGNS
    for box in boxes(page).all():
        name = box.evaluate("b => b.labels.length ? b.labels[0].textContent.trim() : ''")
        assert len(name.split()) >= 5, name
        assert page.get_by_role("checkbox", name=name, exact=True).count() == 1
        assert box.is_enabled()
        # No browser brings back old ticks: the list is a form that turns form restore off.
        assert box.evaluate("b => b.form && b.form.getAttribute('autocomplete')") == "off"
    assert page.console_errors == []


def test_a_tick_made_before_the_scripts_run_is_kept_and_counted(open_page):
    """The scripts start after the first paint (and later still on a slow line): a reader may
    tick a sign before then. The tick stays, and the reading counts it once the script runs."""
    page = open_page(PATH, hold="**/assets/javascripts/checklist.min.js")
    boxes(page).nth(1).check()  # before the checklist script has arrived
    page.wait_for_timeout(300)
    assert page.held, "checklist.min.js was never requested"
    page.held[0].continue_()
    wait_for_scripts(page)
    assert ticked(page) == [False, True, False, False, False, False]
    assert "You ticked 1 of 6 signs." in summary(page).inner_text()


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("count", sorted(READINGS))
def test_ticking_shows_the_matching_reading_at_once(open_page, view, count):
    page = open_page(PATH, **VIEWS[view])
    for index in range(count):
        boxes(page).nth(index).check()
    if count == 0:  # tick and untick: the reading for none is shown too
        boxes(page).first.check()
        boxes(page).first.uncheck()
    reading = READINGS[count]
    text = " ".join(summary(page).inner_text().split())  # read at once, no waiting
    assert f"You ticked {count} of {SIGNS} signs." in text
    assert reading_text(page, reading) in text
    for other in set(READINGS.values()) - {reading}:
        assert reading_text(page, other) not in text
    link = summary(page).get_by_role("link")
    assert link.count() == 1 and link.evaluate("a => a.href").endswith(NEXT_STEP[reading])
    assert summary(page).is_visible()


def test_three_ticks_give_the_middle_reading_in_a_live_region_and_keep_nothing(open_page):
    page = open_page(PATH)
    page.add_init_script(SPY)
    page.reload(wait_until="networkidle")  # the page's own loads (the favicon too) are done
    url = page.url
    before = storage(page)
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    for index in (0, 2, 4):
        boxes(page).nth(index).check()

    live = summary(page).evaluate("el => el.closest('[aria-live]')?.getAttribute('aria-live')")
    assert live == "polite"
    assert "You ticked 3 of 6 signs." in summary(page).inner_text()
    assert reading_text(page, "reading-2-3") in " ".join(summary(page).inner_text().split())
    assert page.url == url and page.evaluate("location.search + location.hash") == ""
    assert storage(page) == before == {"local": 0, "session": 0, "cookie": ""}
    assert page.context.cookies() == []
    assert page.evaluate("window.__writes") == []
    assert requests == []  # nothing was sent anywhere
    assert page.console_errors == []


def test_reloading_clears_every_answer(open_page):
    page = open_page(PATH)
    for index in (0, 1, 2):
        boxes(page).nth(index).check()
    assert ticked(page).count(True) == 3
    page.reload()
    assert ticked(page) == [False] * SIGNS
    assert "You ticked" not in summary(page).inner_text()


def test_clear_my_answers_clears_them_at_once(open_page):
    page = open_page(PATH)
    for index in (1, 3, 5):
        boxes(page).nth(index).check()
    page.get_by_role("button", name="Clear my answers").click()
    assert ticked(page) == [False] * SIGNS
    text = summary(page).inner_text()
    assert "You ticked" not in text and "cleared" in text
    boxes(page).first.check()  # and it keeps working afterwards
    assert "You ticked 1 of 6 signs." in summary(page).inner_text()


def test_the_whole_checklist_works_with_the_keyboard_alone(open_page):
    page = open_page(PATH, width=1280, height=800)
    page.locator("body").focus()
    first = boxes(page).first
    for _ in range(60):  # Tab from the top of the page to the first sign
        page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first checkbox")
    for index in range(SIGNS):
        assert boxes(page).nth(index).evaluate("el => el === document.activeElement")
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert ticked(page) == [True] * SIGNS
    assert "You ticked 6 of 6 signs." in summary(page).inner_text()
    # The reading's link, then "Clear my answers", are next in the tab order.
    for _ in range(5):
        if page.evaluate("document.activeElement.textContent.trim()") == "Clear my answers":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert ticked(page) == [False] * SIGNS


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_before_or_after_ticking(open_page, scheme):
    page = open_page(PATH, color_scheme=scheme)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    for index in range(4):
        boxes(page).nth(index).check()
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_targets_are_at_least_24px(open_page):
    page = open_page(PATH)
    sizes = page.evaluate("""() => [...document.querySelectorAll(
        '.readiness-checklist input, .readiness-checklist label, .checklist-clear, a.quick-exit')]
        .map(el => { const r = el.getBoundingClientRect(); return [el.className || el.tagName, r.width, r.height]; })""")
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert len(sizes) >= 2 * SIGNS + 2 and small == [], small


def test_without_javascript_every_sign_and_reading_is_there(open_page):
    page = open_page(PATH, javascript=False)
    assert boxes(page).count() == SIGNS
    for box in boxes(page).all():
        assert box.is_visible()
        label = box.evaluate("b => b.labels[0].textContent.trim()")
        assert page.get_by_text(label, exact=True).is_visible()
    for reading, target in NEXT_STEP.items():
        assert page.locator(f"#{reading}").is_visible()
        assert reading_text(page, reading)
        link = page.locator(f"#{reading} ~ p a[href$='{target}']").first
        assert link.is_visible()
    assert page.get_by_role("link", name=re.compile("afraid")).first.is_visible()
    assert summary(page).count() == 0  # nothing claims to count without JavaScript


def test_without_the_site_scripts_axe_finds_nothing(open_page):
    """axe needs JavaScript itself, so here only the site's script files are blocked."""
    page = open_page(PATH)
    page.route("**/*.js", lambda route: route.abort())
    page.reload()
    assert summary(page).count() == 0
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_on_paper_the_boxes_are_empty_and_the_controls_are_gone(open_page):
    page = open_page(PATH)
    boxes(page).first.check()
    page.get_by_role("button", name="Clear my answers").click()
    page.emulate_media(media="print")
    assert all(box.is_visible() for box in boxes(page).all())
    assert ticked(page) == [False] * SIGNS
    assert not page.get_by_role("button", name="Clear my answers").is_visible()
    assert not page.locator("a.quick-exit").is_visible()
