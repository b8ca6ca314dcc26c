"""Every setting is shown as the text the practice typed, wherever it appears.

The site (every page) is built once, in-process, with hostile and awkward values (markup, Markdown, template syntax,
quotes, ampersands, non-Latin scripts). Each must appear literally in HTML text and
attributes, the page title, JSON-LD, the print footer, the whole guide's chapters.json and
the link-preview text; no element, attribute or handler may be injected; and in Chromium no
script they carry may run, the whole guide's chapters (put in with innerHTML) too.
"""
import datetime
import json

import pytest
from bs4 import BeautifulSoup

from support import build_in_process, built_pages, serve, site_path, small_project, wait_for_scripts, with_changes


NAME = 'Couples *Together* Care & Bridge] </script><img src=x onerror=alert(1)> "Co"'
HOSTILE = {
    "name": NAME,
    "address": "#200 - 1234 Main Street",
    "reply_time": "{{ config.site_name }} </title><script>alert(2)</script>",
    "session_length": ":smile: |a| ~~b~~ _c_ `d` 1. <b>x</b> [l](https://x.example.com/)",
    "payment": "Ω & ö 'single' \"double\" \\ back &amp; <!-- c -->",
    "fees": "</script><script>alert(3)</script>",
    "languages": ["中文", "العربية", "Ελληνικά"],
    "phone": "+44 (0)20 7946 0958",
    "phone_extension": "12",
    "reviewer_credentials": "<i>LMFT</i> & *PhD* {{ x }}",
    "reviewed_on": datetime.date.today(),  # with review_owner: the sign-off, so the credentials show
    "licensed_in": ["New <b>Jersey</b>", "Québec & [Ontario](https://x.example.com/)"],
    "first_appointment": "<b>Early</b> & *alone* {{ x }} </p><script>alert(4)</script>",
}
OFFER = {  # label on the page -> the value as typed
    "How long a session is:": HOSTILE["session_length"],
    "What it costs:": HOSTILE["fees"],
    "Ways to pay:": HOSTILE["payment"],
    "Languages:": ", ".join(HOSTILE["languages"]),
    "When you will hear back:": f"we reply {HOSTILE['reply_time']}.",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    result = build_in_process(small_project(folder / "project", None, with_changes(HOSTILE)), folder / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


def soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def injected(page):
    """What a value could have injected: event handlers, scripts that alert, its <img> or <b>."""
    found = [f"<{el.name} {attr}>" for el in page.find_all(True) for attr in el.attrs if attr.lower().startswith("on")]
    found += [str(el)[:80] for el in page.find_all("script")
              if "alert(" in el.get_text() and el.get("type") != "application/ld+json"]
    found += [str(el) for el in page.select('img[src="x"], b')]
    found += [str(el) for el in page.find_all(["em", "del", "code"]) if el.get_text() in ("Together", "c", "b", "d")]
    return found


def test_no_page_gets_an_injected_element_or_handler(hostile_site):
    for path in built_pages(hostile_site):
        assert injected(soup(hostile_site, path)) == [], path


def test_the_name_is_shown_as_typed_everywhere(hostile_site):
    contact = soup(hostile_site, "contact/index.html")
    assert contact.h1.get_text(" ", strip=True) == f"Contact {NAME}"
    assert contact.title.get_text().startswith(f"Contact {NAME} - ")
    for path in built_pages(hostile_site):
        page = soup(hostile_site, path)
        footer = page.select_one(".practice-footer__contact strong")
        assert footer and footer.get_text() == NAME, path
        print_footer = page.select_one(".print-footer__practice")
        if print_footer:
            assert print_footer.get_text() == f"{NAME} · {HOSTILE['phone']} ext. {HOSTILE['phone_extension']}", path
        data = json.loads(page.find("script", type="application/ld+json").string)
        assert data["name"] == NAME and data["telephone"] == HOSTILE["phone"], path
    alt = contact.find("meta", property="og:image:alt")["content"]
    assert alt.startswith(f"Contact {NAME}."), alt
    help_page = soup(hostile_site, "help-for-yourself/index.html")
    assert any(a.get_text() == f"contact {NAME}" for a in help_page.find_all("a")), "link text changed"


def test_the_address_and_the_offer_are_shown_as_typed(hostile_site):
    contact = soup(hostile_site, "contact/index.html")
    assert len(contact.find_all("h1")) == 1
    assert any(p.get_text() == HOSTILE["address"] for p in contact.find_all("p"))
    for path in ("contact/index.html", "what-to-expect/index.html"):
        items = {li.strong.get_text(): li.get_text()[len(li.strong.get_text()):].strip()
                 for li in soup(hostile_site, path).select("li") if li.strong}
        for label, value in OFFER.items():
            assert items.get(label) == value, (path, label, items.get(label))


def test_the_phone_link_dials_the_number_shown(hostile_site):
    contact = soup(hostile_site, "contact/index.html")
    links = {a["href"]: a.get_text() for a in contact.select('a[href^="tel:+"]')}  # help lines aside
    assert links == {"tel:+442079460958;ext=12": f"Call {HOSTILE['phone']} ext. {HOSTILE['phone_extension']}"}


def test_the_whole_guides_chapters_carry_the_values_as_text(hostile_site):
    chapters = json.loads((hostile_site / "whole-guide/chapters.json").read_text(encoding="utf-8"))
    html = json.dumps(chapters)  # every string in it, whatever its shape
    strings = []

    def walk(node):
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(chapters)
    fragments = [BeautifulSoup(s, "html.parser") for s in strings if "<" in s]
    assert fragments, html[:200]
    for fragment in fragments:
        assert injected(fragment) == []
    assert any(f"Contact {NAME}" in f.get_text(" ") for f in fragments)


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    server = serve(hostile_site, prefix=site_path())
    yield server.url
    server.shutdown()


@pytest.mark.parametrize("path", ["", "contact/", "what-to-expect/", "help-for-yourself/", "whole-guide/"])
def test_no_script_from_a_setting_runs_in_the_browser(browser, hostile_url, path):
    context = browser.new_context(service_workers="block")
    try:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(hostile_url)
                      else route.abort())
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(hostile_url + path, wait_until="load")
        wait_for_scripts(page)
        if path == "whole-guide/":  # the chapters go in with innerHTML
            page.get_by_role("button", name="Show the whole guide here").click()
            page.wait_for_selector(".whole-guide__chapter")
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
        # A dialog opened by an injected script would have been recorded by now: alert() blocks
        # the page's script until dismissed, and the checks above ran after it.
        assert dialogs == [], dialogs
    finally:
        context.close()


def test_the_credentials_are_shown_as_typed(hostile_site):
    contact = soup(hostile_site, "contact/index.html")
    text = " ".join(contact.select_one("article").get_text(" ").split())
    assert f"Our clinicians are licensed in: {', '.join(HOSTILE['licensed_in'])}." in text
    assert f", {HOSTILE['reviewer_credentials']}, on " in text
    for path in built_pages(hostile_site):
        owner = soup(hostile_site, path).select_one(".review-dates__owner")
        if owner:
            assert f", {HOSTILE['reviewer_credentials']}, on " in owner.get_text(), path


def test_the_first_appointment_words_are_shown_as_typed(hostile_site):
    for path in ("what-to-expect/index.html", "for-your-partner/index.html"):
        text = " ".join(soup(hostile_site, path).select_one("article").get_text(" ").split())
        assert HOSTILE["first_appointment"] in text, path
