"""The readiness checklist: real, labelled checkboxes; a gentle reading that updates at
once in a live region; nothing kept or sent; usable by keyboard, without JavaScript,
and with 0 axe violations.

Two groups, each a fieldset named by its legend (issue 25): first the safety questions, asked
as "ever" (the one snippet, docs/snippets/fear-or-control.md: what happens, not what to call
it), any one of which always leads to the safety reading alone, never to a count or a step with
the partner, whatever else is ticked, on screen and on the printed sheet; then the other signs,
"most of the time", counted into a reading that says it is a rough guide, not a score. One of
those is "lonely or low" (data-sign="low-mood"), which adds the crisis lines to the reading.
"""
import re

import pytest

from axe import axe_violations, describe
from support import safety_questions, wait_for_held, wait_for_scripts

PATH = "readiness-checklist/"
QUESTIONS = safety_questions()
SAFETY = len(QUESTIONS)  # the safety group's boxes, one per question
SIGNS = 6  # the other signs: the ones counted into a reading
BOXES = SAFETY + SIGNS
# Readings by the number of ordinary signs ticked (no safety, control or low-mood sign).
READINGS = {0: "reading-0-1", 1: "reading-0-1", 2: "reading-2-3", 3: "reading-2-3",
            4: "reading-4-plus", 5: "reading-4-plus"}
NEXT_STEP = {"reading-0-1": ("smaller-steps/",), "reading-2-3": ("help-for-yourself/",),
             "reading-4-plus": ("help-for-yourself/", "contact/")}
STEPS_WITH_THE_PARTNER = ("smaller-steps/", "conversation-scripts/", "harder-moments/", "changing-your-side/",
                          "for-your-partner/", "contact/")
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


def ordinary(page):
    """The signs that are counted into a reading, but the low-mood one (not a safety question)."""
    return page.locator(".readiness-checklist fieldset:not([data-group=safety]) li:not(:has([data-sign]))"
                        " input[type=checkbox]")


def safety(page, index):
    """The box of one safety question."""
    return page.locator(".readiness-checklist fieldset[data-group=safety] input[type=checkbox]").nth(index)


def sign(page, name):
    return page.locator(f".readiness-checklist li:has([data-sign='{name}']) input[type=checkbox]")


def summary_links(page):
    return summary(page).evaluate("s => [...s.querySelectorAll('a')].map(a => a.href)")


def ticked(page):
    return [box.is_checked() for box in boxes(page).all()]


def storage(page):
    return page.evaluate("""() => ({local: localStorage.length, session: sessionStorage.length,
                                    cookie: document.cookie})""")


def test_every_sign_is_a_checkbox_named_by_its_words(open_page):
    page = open_page(PATH)
    assert boxes(page).count() == BOXES
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
    ordinary(page).nth(1).check()  # before the checklist script has arrived
    wait_for_held(page).continue_()  # asked for (after the first paint) and held until now
    wait_for_scripts(page)
    assert ticked(page).count(True) == 1 and ordinary(page).nth(1).is_checked()
    assert f"You ticked 1 of {SIGNS} signs." in summary(page).inner_text()


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("count", sorted(READINGS))
def test_ticking_shows_the_matching_reading_at_once(open_page, view, count):
    page = open_page(PATH, **VIEWS[view])
    for index in range(count):
        ordinary(page).nth(index).check()
    if count == 0:  # tick and untick: the reading for none is shown too
        ordinary(page).first.check()
        ordinary(page).first.uncheck()
    reading = READINGS[count]
    text = " ".join(summary(page).inner_text().split())  # read at once, no waiting
    assert f"You ticked {count} of {SIGNS} signs." in text
    assert reading_text(page, reading) in text
    for other in set(READINGS.values()) - {reading}:
        assert reading_text(page, other) not in text
    links = summary_links(page)
    assert len(links) == len(NEXT_STEP[reading])
    assert all(href.endswith(step) for href, step in zip(links, NEXT_STEP[reading])), links
    assert summary(page).is_visible()


def test_three_ticks_give_the_middle_reading_in_a_live_region_and_keep_nothing(open_page):
    page = open_page(PATH)
    page.add_init_script(SPY)
    page.reload(wait_until="networkidle")  # the page's own loads (the favicon too) are done
    wait_for_scripts(page, idle=True)  # and its scripts, which start after the first paint, have run
    url = page.url
    before = storage(page)
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    for index in (0, 2, 4):
        ordinary(page).nth(index).check()

    live = summary(page).evaluate("el => el.closest('[aria-live]')?.getAttribute('aria-live')")
    assert live == "polite"
    assert f"You ticked 3 of {SIGNS} signs." in summary(page).inner_text()
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
    assert ticked(page) == [False] * BOXES
    assert "You ticked" not in summary(page).inner_text()


def test_clear_my_answers_clears_them_at_once(open_page):
    page = open_page(PATH)
    for index in (1, 3, 5):
        boxes(page).nth(index).check()
    page.get_by_role("button", name="Clear my answers").click()
    assert ticked(page) == [False] * BOXES
    text = summary(page).inner_text()
    assert "You ticked" not in text and "cleared" in text
    ordinary(page).first.check()  # and it keeps working afterwards
    assert f"You ticked 1 of {SIGNS} signs." in summary(page).inner_text()


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
    for index in range(BOXES):
        assert boxes(page).nth(index).evaluate("el => el === document.activeElement")
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert ticked(page) == [True] * BOXES
    assert safety_reading_shown(page)
    # The reading's links, then "Clear my answers", are next in the tab order.
    for _ in range(20):
        if page.evaluate("document.activeElement.textContent.trim()") == "Clear my answers":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert ticked(page) == [False] * BOXES


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
    assert len(sizes) >= 2 * BOXES + 2 and small == [], small


def test_without_javascript_every_sign_and_reading_is_there(open_page):
    page = open_page(PATH, javascript=False)
    assert boxes(page).count() == BOXES
    for box in boxes(page).all():
        assert box.is_visible()
        label = box.evaluate("b => b.labels[0].textContent.trim()")
        assert page.get_by_text(label, exact=True).is_visible()
    for reading, targets in dict(NEXT_STEP, **{"reading-safety": ("safety/",)}).items():
        assert page.locator(f"#{reading}").is_visible()
        assert reading_text(page, reading)
        for target in targets:
            link = page.locator(f"#{reading} ~ p a[href$='{target}']").first
            assert link.is_visible()
    assert page.locator("#crisis-lines").is_visible()
    assert page.locator("#reading-guide").is_visible()
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
    assert ticked(page) == [False] * BOXES
    assert not page.get_by_role("button", name="Clear my answers").is_visible()
    assert not page.locator("a.quick-exit").is_visible()


def safety_reading_shown(page):
    text = " ".join(summary(page).inner_text().split())
    return reading_text(page, "reading-safety") in text


def test_each_group_is_a_fieldset_named_by_its_legend_safety_first(open_page):
    """A screen reader announces which group a box is in: each group is a fieldset whose legend
    names it (the accessibility tree shows a named group around each group's boxes)."""
    page = open_page(PATH)
    groups = page.locator(".readiness-checklist fieldset")
    assert groups.count() == 2
    legends = []
    for index, count in enumerate((SAFETY, SIGNS)):
        group = groups.nth(index)
        legend = group.evaluate("g => g.firstElementChild.tagName === 'LEGEND' && g.firstElementChild.textContent.trim()")
        assert legend, f"group {index} has no legend first"
        legends.append(legend)
        named = page.get_by_role("group", name=legend, exact=True)
        assert named.count() == 1 and named.get_by_role("checkbox").count() == count
        tree = named.aria_snapshot()
        assert tree.startswith(f'- group "{legend}"'), tree
        assert tree.count("- checkbox ") == count, tree
    assert groups.first.get_attribute("data-group") == "safety"
    assert "ever" in legends[0].split() and "most of the time" in legends[1]
    # Each safety box is named by its question, as the snippet words it everywhere.
    named = [b.evaluate("b => b.labels[0].textContent.replace(/\\s+/g, ' ').trim()")
             for b in groups.first.locator("input").all()]
    assert named == QUESTIONS
    # "Most of the time" is for the other signs only, never said of the safety questions.
    assert "most of the time" not in groups.first.inner_text()
    assert "even once" in groups.first.inner_text()


@pytest.mark.parametrize("index", range(SAFETY))
def test_any_one_safety_question_ticked_alone_gives_the_safety_reading(open_page, index):
    page = open_page(PATH)
    safety(page, index).check()
    assert ticked(page).count(True) == 1
    text = " ".join(summary(page).inner_text().split())
    assert safety_reading_shown(page)
    assert "You ticked" not in text, "the safety questions are never a count or a score"
    links = summary_links(page)
    assert links and links[0].endswith("/safety/"), links
    assert summary(page).get_attribute("data-safety") is not None


@pytest.mark.parametrize("others", [0, 1, 3, 5])
def test_a_safety_question_always_leads_to_safety_and_never_to_a_step_with_the_partner(open_page, others):
    page = open_page(PATH)
    for index in range(others):
        ordinary(page).nth(index).check()
    safety(page, others % SAFETY).check()
    text = " ".join(summary(page).inner_text().split())
    assert safety_reading_shown(page)
    assert "couples therapy is not the right step" in text.lower()
    links = summary_links(page)
    assert links and links[0].endswith("/safety/"), links
    assert not [href for href in links if href.endswith(STEPS_WITH_THE_PARTNER) or "smaller-steps" in href]
    for reading in NEXT_STEP:  # no count-based reading, whatever the count
        assert reading_text(page, reading) not in text
    assert summary(page).get_attribute("data-safety") is not None
    # Untick it: the ordinary reading comes back, with its count of the other signs.
    safety(page, others % SAFETY).uncheck()
    assert not safety_reading_shown(page)
    text = " ".join(summary(page).inner_text().split())
    assert reading_text(page, READINGS[others]) in text
    assert f"You ticked {others} of {SIGNS} signs." in text


def test_ticking_a_safety_question_first_then_others_keeps_the_safety_reading(open_page):
    page = open_page(PATH)
    safety(page, SAFETY - 1).check()
    for index in range(5):
        ordinary(page).nth(index).check()
        assert safety_reading_shown(page)
    assert summary(page).get_attribute("data-safety") is not None


def test_every_safety_question_alone_shows_the_same_reading(open_page, base_url):
    shown = set()
    page = open_page(PATH)
    for index in range(SAFETY):
        if index:  # the page opened afresh in the same tab: nothing ticked (the checklist keeps nothing)
            page.goto(base_url + PATH, wait_until="load")
            wait_for_scripts(page)
        assert page.locator(".readiness-checklist input[type=checkbox]:checked").count() == 0
        safety(page, index).check()
        shown.add((" ".join(summary(page).inner_text().split()), tuple(summary_links(page))))
    assert len(shown) == 1
    # All ticked: still the one safety reading, once.
    page = open_page(PATH)
    for index in range(SAFETY):
        safety(page, index).check()
    text = " ".join(summary(page).inner_text().split())
    assert text.count(reading_text(page, "reading-safety")) == 1


def test_the_readings_say_they_are_a_rough_guide_not_a_score(open_page):
    page = open_page(PATH)
    guide = " ".join(page.locator("#reading-guide").inner_text().split())
    assert "rough guide" in guide and "not a score" in guide
    ordinary(page).first.check()
    assert guide in " ".join(summary(page).inner_text().split())


def test_the_page_says_the_ticks_print(built_site):
    from bs4 import BeautifulSoup

    html = (built_site / PATH / "index.html").read_text(encoding="utf-8")
    intro = BeautifulSoup(html, "html.parser").select_one("article h1").find_next("p", class_=False)
    words = " ".join(intro.get_text(" ").split())
    assert "print" in words and "ticks print" in words, words


@pytest.mark.parametrize("with_safety", [False, True])
def test_the_low_mood_sign_adds_the_crisis_lines(open_page, with_safety):
    page = open_page(PATH)
    crisis = page.locator("#crisis-lines")
    assert crisis.is_visible()  # beside the list, ticked or not
    if with_safety:
        safety(page, 0).check()
    assert summary(page).locator(".crisis-lines").count() == 0
    sign(page, "low-mood").check()
    lines = summary(page).locator(".crisis-lines")
    assert lines.count() == 1 and lines.is_visible()
    assert lines.inner_text() == crisis.inner_text()
    hrefs = summary_links(page)
    for number in ("tel:988", "sms:988", "tel:116123", "tel:131114"):
        assert number in hrefs, hrefs
    assert safety_reading_shown(page) == with_safety
    assert page.evaluate("document.querySelectorAll('[id=\"crisis-lines\"]').length") == 1  # no copied id
    sign(page, "low-mood").uncheck()
    assert summary(page).locator(".crisis-lines").count() == 0


def printed_text(page, paper):
    from pypdf import PdfReader
    import io

    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    return len(reader.pages), " ".join(" ".join(sheet.extract_text() for sheet in reader.pages).split())


@pytest.mark.parametrize("ticks", [("safety-0", "low-mood"), (f"safety-{SAFETY - 1}",),
                                   ("safety-3", "low-mood", 0, 2)],
                         ids=["first-and-low-mood", "last-alone", "one-with-others"])
def test_the_printed_sheet_with_a_safety_question_ticked_leads_to_safety(open_page, ticks):
    page = open_page(PATH)
    for tick in ticks:
        if isinstance(tick, int):
            ordinary(page).nth(tick).check()
        elif tick.startswith("safety-"):
            safety(page, int(tick.split("-")[1])).check()
        else:
            sign(page, tick).check()
    heading = " ".join(page.locator("#reading-safety").inner_text().split())
    reading = reading_text(page, "reading-safety")
    legends = [" ".join(t.split()) for t in page.locator(".readiness-checklist legend").all_inner_texts()]
    page.emulate_media(media="print")
    # Each ticked box prints with its tick, the safety questions and the other signs alike.
    marks = page.eval_on_selector_all(".readiness-checklist input[type=checkbox]",
                                      "els => els.map(e => [e.checked, getComputedStyle(e).backgroundImage !== 'none'])")
    assert [ticked for ticked, _ in marks].count(True) == len(ticks)
    assert all(ticked == drawn for ticked, drawn in marks), marks
    for paper in ("Letter", "A4"):
        sheets, text = printed_text(page, paper)
        assert sheets == 1, (paper, sheets)
        squashed = text.replace(" ", "")
        # The two groups print under their legends, safety first; the safety reading leads to the
        # safety page (its address prints).
        where = [squashed.find(legend.replace(" ", "")) for legend in legends]
        assert -1 not in where and where == sorted(where), (legends, text)
        assert heading.replace(" ", "") in squashed, text
        assert reading.replace(" ", "")[:60] in squashed, text
        assert "safety/" in squashed
