"""Every reader journey in Firefox (Gecko) and in Safari's engine (WebKit), beside Chromium.

The behaviours readers rely on are scripts that engines run differently: the quick exit, the
checklist's reading, copying, sharing, the message builder and the partner's note, search, the
whole guide and printing. Here each is used as a reader uses it (what is shown, real clicks and
keys) in one tab of each engine (tests/engines.py), against the site the suite built once,
served on 127.0.0.1 with an error listener put first in every page.

Chromium's page-level checks (axe, the requests a page may make, the page without JavaScript)
are not repeated here: one engine is enough for those.

The words a reader sees that these tests expect are in TEXTS, in one place.
"""
import io
import re

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from engines import engines_wanted
from support import neutral_url, site_config, url_paths

TEXTS = {
    "quick exit": "Leave this site quickly",
    "copied": "Copied",
    "copy hint": re.compile(r"Press (Ctrl\+C|⌘C) to copy"),
    "share": "Share this page",
    "copy link": "Copy link",
    "link copied": re.compile(r"copied", re.I),
    "copy message": "Copy message and link",
    "show the whole guide": "Show the whole guide here",
}
PHONE = dict(width=320, height=568)
DESKTOP = dict(width=1280, height=800)
CHECKLIST = "readiness-checklist/"
SCRIPTS = "conversation-scripts/"
ASK = "ask-your-partner/"
PARTNER = "for-your-partner/"
# Fragments a stranger could put in a link to the partner page: none may show a note or run.
HOSTILE = ["#ask=unknown-step", "#ask=<img src=x onerror=alert(1)>", '#ask="><svg onload=alert(2)>',
           "#ask=javascript:alert(3)"]
SHOWN = "(css) => [...document.querySelectorAll(css)].filter(e => e.checkVisibility()).length"


def focused(tab):
    return tab.js("() => { const el = document.activeElement;"
                  " return el ? [el.tagName, el.className, el.textContent.trim()] : null; }")


# -- Every page ----------------------------------------------------------------------------------

def test_every_page_loads_without_errors_and_quick_exit_replaces_it(tab, built_site, neutral):
    """On each page, at 320 px: no script error; "Leave this site quickly" in view, a good target
    and the first or second stop of the Tab key (after the skip link); Esc twice swaps the page
    for the neutral page in place (the history is no longer)."""
    url, problems = neutral_url(), []
    pages = url_paths(built_site)
    assert len(pages) >= 15 and "404.html" in pages and "whole-guide/" in pages
    for path in pages:
        name = f"{tab.name} /{path}"
        tab.open(path, **PHONE)
        errors, box, before = tab.js("(css) => [window.__errors, (({x, y, width, height}) => ({x, y, width, height,"
                                     " viewport: [innerWidth, innerHeight]}))(document.querySelector(css)"
                                     ".getBoundingClientRect()), history.length]", "a.quick-exit")
        if errors:
            problems.append(f"{name}: script errors {errors}")
        if not (box and box["x"] >= 0 and box["x"] + box["width"] <= box["viewport"][0]
                and box["y"] >= 0 and box["y"] + box["height"] <= box["viewport"][1]):
            problems.append(f"{name}: the quick exit is not in view at 320 px: {box}")
        elif box["width"] < 24 or box["height"] < 24:
            problems.append(f"{name}: the quick exit is a small target: {box}")
        stops = []
        for _ in range(2):
            tab.press("Tab")
            stops.append(focused(tab))
            if stops[-1] and stops[-1][2] == TEXTS["quick exit"]:
                break
        else:
            problems.append(f"{name}: Tab reaches {stops}, not the quick exit, first")
        assert before < 50, "the browser keeps at most 50 entries: this check could not fail"
        visits = len(neutral.visits)
        tab.presses("Escape", "Escape")
        landed = tab.wait_for_url(url)
        length, words = tab.js("() => [history.length, document.body.textContent]")
        if length != before:
            problems.append(f"{name}: leaving added to the history instead of replacing the page")
        if words != "Elsewhere" or url not in neutral.visits[visits:]:
            problems.append(f"{name}: Esc twice did not open the neutral page ({landed})")
    assert problems == [], "\n".join(problems)


# -- The checklist -------------------------------------------------------------------------------

# Marks one box of the checklist's safety group (the first, or the last: [index]) with an id to
# click, and gives that id.
SAFETY_BOX = """(index) => { const boxes = [...document.querySelectorAll(
    '.readiness-checklist fieldset[data-group=safety] input[type=checkbox]')];
    const box = boxes.at(index); if (box) box.id = box.id || 'safety-box'; return box && box.id; }"""


@pytest.mark.parametrize("index", [0, -1], ids=["first-question", "last-question"])
def test_checklist_safety_item_alone_shows_the_safety_reading_and_stores_nothing(tab, index):
    tab.open(CHECKLIST, **PHONE)
    before = tab.js("() => location.href")
    safety = tab.js(SAFETY_BOX, index)
    assert safety, "no box in the safety group (fieldset[data-group=safety])"
    tab.click(f"#{safety}")
    assert tab.js("(id) => document.getElementById(id).checked", safety)
    assert tab.js("() => [...document.querySelectorAll('.readiness-checklist input:checked')].length") == 1
    reading = tab.js("""() => { const words = [];
        for (let el = document.getElementById('reading-safety').nextElementSibling; el && el.tagName === 'P';
             el = el.nextElementSibling) words.push(el.textContent.replace(/\\s+/g, ' ').trim());
        return words.join(' '); }""")
    assert reading
    summary = tab.wait("() => { const s = document.querySelector('.checklist-summary');"
                       " return s && s.checkVisibility() && s.innerText.replace(/\\s+/g, ' ').trim(); }")
    assert reading in summary, summary
    assert tab.js("() => [...document.querySelectorAll('.checklist-summary a')].map(a => a.href)")[0].endswith("/safety/")
    assert "You ticked" not in summary, "the safety questions are never a count"
    assert tab.js("() => [localStorage.length, sessionStorage.length, document.cookie, location.href]") \
        == [0, 0, "", before]
    assert tab.errors() == []


# -- Copying and sharing -------------------------------------------------------------------------

def pasted(tab):
    """What the clipboard holds, as a reader finds it: pasted with the keyboard into a new box."""
    tab.js("""() => { const area = document.createElement('textarea'); area.id = 'paste-here';
        area.style.cssText = 'position: fixed; top: 0; left: 0; width: 200px; height: 100px; z-index: 9';
        document.body.append(area); }""")
    tab.click("#paste-here")
    tab.press("Meta" if tab.js("() => /Mac/.test(navigator.platform)") else "Control", "v")
    text = tab.wait("() => document.getElementById('paste-here').value")
    tab.js("() => document.getElementById('paste-here').remove()")
    return text


def test_a_copy_button_copies_its_script_or_shows_how_to(tab):
    tab.open(SCRIPTS, **PHONE)
    box = ".admonition.script"
    words = tab.js("""(css) => { const box = document.querySelector(css);
        return [...box.children].filter(el => !el.matches('.admonition-title, .script-actions'))
          .map(el => el.innerText.replace(/\\s+/g, ' ').trim()).filter(Boolean).join('\\n\\n'); }""", box)
    assert words
    tab.click(role="button", scope=box)  # the first script's own button
    status = tab.wait(f"() => document.querySelector('{box} [role=status]').textContent.trim()")
    if status == TEXTS["copied"]:
        assert " ".join(pasted(tab).split()) == " ".join(words.split())
    else:
        assert TEXTS["copy hint"].search(status), status
        assert " ".join(tab.js("() => getSelection().toString()").split()) == " ".join(words.split())
    assert tab.errors() == []


def test_share_falls_back_to_copy_link_without_a_share_sheet(tab, base_url):
    tab.open(PARTNER, **PHONE)
    has_sheet = tab.js("() => typeof navigator.share === 'function'")
    button = tab.text("[data-share] button")
    if has_sheet:
        assert button.startswith(TEXTS["share"]), button
        return
    assert button.startswith(TEXTS["copy link"]), button
    tab.click("[data-share] button")
    status = tab.wait("() => document.querySelector('[data-share] [role=status]').textContent.trim()")
    canonical = tab.js("() => document.querySelector('link[rel=canonical]').href")
    assert TEXTS["link copied"].search(status), status
    assert pasted(tab) == canonical
    assert tab.errors() == []


# -- The message builder and the partner's note ---------------------------------------------------

def test_the_builder_gives_a_message_and_a_link_that_shows_the_partner_its_note(tab):
    tab.open(ASK, **PHONE)
    # The ask and the form as the page lists them (what a reader without JavaScript reads).
    key, step, form, first_line = tab.js("""() => { const ask = document.querySelector('.ask[data-ask-key]');
        const squash = s => s.replace(/\\s+/g, ' ').trim();
        const text = ask.querySelector('.ask-text');
        const words = text.querySelector('p:not(.admonition-title), li');
        return [ask.dataset.askKey, squash(ask.querySelector('h2, h3').textContent),
                squash(text.querySelector(':scope > summary, :scope > .admonition-title').textContent),
                squash(words.textContent)]; }""")
    # The safety question is the builder's first question; its first answer is yes.
    tab.click("[data-ask-builder] fieldset input[type=radio]")
    tab.click(role="radio", name=step)
    tab.click(role="radio", name=form)
    message = tab.wait("() => { const area = document.querySelector('[data-ask-builder] textarea');"
                       " return area && area.checkVisibility() && area.value; }")
    assert " ".join(message.split()).startswith(first_line.lstrip("- ")), message
    link = tab.js("() => { const a = document.querySelector('[data-ask-builder] a[href*=\"#ask=\"]');"
                  " return a && a.checkVisibility() ? [a.href, a.textContent.trim()] : null; }")
    assert link and link[0] == link[1] and link[0].endswith(f"/{PARTNER}#ask={key}"), link
    assert tab.has(role="button", name=TEXTS["copy message"])
    assert tab.errors() == []

    tab.goto(tab.base_url + PARTNER + "#ask=" + key)
    tab.wait_for_scripts()
    notes = tab.wait("() => [...document.querySelectorAll('[data-ask-answer]')]"
                     ".filter(e => e.checkVisibility()).map(e => e.dataset.askAnswer)")
    assert notes == [key]
    assert tab.errors() == []


@pytest.mark.parametrize("answer", ["Yes, one or more", "I'm not sure"])
def test_yes_or_not_sure_to_the_builders_safety_question_shows_the_safety_help(tab, answer):
    tab.open(ASK, **PHONE)
    assert tab.js(SHOWN, ".ask-unsafe") == 0
    tab.click(role="radio", name=answer)
    shown = tab.wait("(css) => [...document.querySelectorAll(css)].filter(e => e.checkVisibility()).length",
                     ".ask-unsafe")
    assert shown == 1
    links = tab.js("() => [...document.querySelectorAll('.ask-unsafe a')].filter(a => a.checkVisibility())"
                   ".map(a => a.getAttribute('href'))")
    assert any(href.endswith("safety/") for href in links), links
    assert sum(href.startswith("tel:") for href in links) >= 5, links  # a line for each country
    assert tab.js(SHOWN, "[data-ask-builder] textarea") == 0, "no message is built"
    assert tab.errors() == []


def test_the_partner_page_ignores_a_hostile_fragment(tab):
    tab.open(PARTNER, **PHONE)
    plain = tab.js("() => document.querySelector('article').innerHTML")
    for fragment in HOSTILE:
        tab.goto(tab.base_url + PARTNER + fragment)  # an open alert would stop the next command
        tab.wait_for_scripts()
        tab.js("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert tab.js(SHOWN, "[data-ask-answer]") == 0, fragment
        assert tab.js("() => document.querySelector('article').innerHTML") == plain, fragment
        assert tab.js("() => scrollY") == 0, fragment
        assert tab.errors() == [], fragment


# -- Search and the whole guide -------------------------------------------------------------------

def test_search_finds_a_page(tab, built_site):
    soup = BeautifulSoup((built_site / "safety" / "index.html").read_text(encoding="utf-8"), "html.parser")
    word = max(re.findall(r"[A-Za-z]{5,}", soup.select_one("article h1").get_text()), key=len).lower()
    tab.open("", **PHONE)
    # The search button in the header, as on a phone. (The desktop's search field opens search
    # on focus, and headless Firefox fires no focus events: Chromium covers that way in.)
    # Material replaces its first line under the field once the index has arrived and answered:
    # read before the click, which starts loading it.
    first = tab.js("() => document.querySelector('.md-search-result__meta').textContent.trim()")
    assert first
    tab.click("label.md-header__button[for=__search]")
    tab.wait("(first) => document.querySelector('.md-search-result__meta').textContent.trim() !== first", first)
    tab.type(word)  # key by key, as a reader types
    tab.click(".md-search-result__list a[href*='safety/']")
    assert tab.wait_for_url(tab.base_url + "safety/")
    assert tab.errors() == []


def test_whole_guide_shows_its_chapters(tab, built_site):
    nav = tab.open("whole-guide/", **DESKTOP).js(
        "() => [...document.querySelectorAll('.whole-guide__contents li a')].map(a => a.textContent.replace(/\\s+/g, ' ').trim())")
    assert len(nav) >= 13
    tab.click(role="button", name=TEXTS["show the whole guide"])
    titles = tab.wait("(n) => { const t = [...document.querySelectorAll('.whole-guide__chapter > h2:first-child')]"
                      ".map(e => e.textContent.replace(/\\s+/g, ' ').trim()); return t.length >= n && t; }", len(nav))
    assert titles == nav
    assert tab.errors() == []


# -- Printing (Firefox's own print to PDF) --------------------------------------------------------

PAPER = {"Letter": (21.59, 27.94), "A4": (21.0, 29.7)}
# The engines whose driver prints to PDF: WebKitWebDriver has no Print Page command.
PRINTS_TO_PDF = ("firefox",)


@pytest.mark.parametrize("tab", [e for e in PRINTS_TO_PDF if e in engines_wanted()], indirect=True)
@pytest.mark.parametrize("paper", PAPER)
def test_the_checklist_prints_on_one_sheet(tab, paper):
    """With one safety question ticked, the sheet prints whole, the safety reading on it."""
    tab.open(CHECKLIST, **DESKTOP)
    tab.click("#" + tab.js(SAFETY_BOX, 0))
    heading = tab.js("() => document.getElementById('reading-safety').textContent.replace(/\\s+/g, '')")
    pdf = PdfReader(io.BytesIO(tab.pdf(*PAPER[paper])))
    text = " ".join(" ".join(sheet.extract_text() for sheet in pdf.pages).split())
    assert len(pdf.pages) == 1, f"{tab.name}: the checklist prints on {len(pdf.pages)} {paper} sheets"
    assert site_config().extra["practice"]["phone"] in text, "no print footer"
    assert TEXTS["quick exit"] not in text
    assert heading and heading in text.replace(" ", ""), "the safety reading is not on the sheet"


def test_a_page_opened_at_one_of_its_sections_on_a_phone_runs_its_scripts(tab):
    """Pages link to each other's sections (safety/#leaving-safely, the checklist's readings). A
    page opened at a section on a small phone is painted scrolled down, and Firefox may then
    report no first paint: the scripts that wait for it must still start (site.js: at the
    latest a moment after the page has loaded)."""
    tab.open(CHECKLIST + "#reading-safety", **PHONE)  # waits until the page's scripts have run
    assert tab.js("() => location.hash") == "#reading-safety"
    assert tab.errors() == []
