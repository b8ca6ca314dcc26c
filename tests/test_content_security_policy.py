"""The Content-Security-Policy on every page (hooks/content_security_policy.py).

In the built files: every page, the 404 page and the whole guide too, carries one policy,
first in its head, that allows no inline script by 'unsafe-inline' and no eval, and keeps
the no-referrer policy. In Chromium, every page under its own policy: nothing is refused
(securitypolicyviolation events, noted from before the page's first script, and console
errors), while the reader uses what the site offers: search, the whole guide, the checklist,
the Copy and Share buttons, the message builder, printing and the quick exit. And the policy
is really in force: an inline script added to a page is refused.
"""
import re

import pytest
from bs4 import BeautifulSoup

from support import built_pages, url_paths

PAGES = url_paths()
# Every refusal, noted in the page from before its first script.
VIOLATIONS = """(() => {
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
  `${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile || ""}:${event.lineNumber})`));
})();"""
IDLE = "() => new Promise(done => requestIdleCallback(() => done(), {timeout: 5000}))"


def directives(content):
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in content.split(";")) if part}


def test_every_page_has_one_strict_policy_first_in_its_head(built_site):
    pages = built_pages(built_site)
    assert "404.html" in pages and "whole-guide/index.html" in pages
    for html_file in pages:
        soup = BeautifulSoup((built_site / html_file).read_text(encoding="utf-8"), "html.parser")
        found = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(found) == 1, (html_file, len(found))
        first = soup.head.find_all(True, recursive=False)[:2]
        assert first[0].name == "meta" and first[0].get("charset") and first[1] is found[0], html_file
        policy = directives(found[0]["content"])
        assert policy["default-src"] == ["'self'"], html_file
        assert policy["script-src"][0] == "'self'", html_file
        assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", source) for source in policy["script-src"][1:]), html_file
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], html_file
        assert "'unsafe-inline'" not in " ".join(policy.get("style-src-elem", []) + policy.get("style-src", [])), html_file
        assert soup.find("meta", attrs={"name": "referrer", "content": "no-referrer"}), html_file


def test_the_policy_hashes_every_inline_script_of_the_page_as_served(built_site):
    """Written last (hooks/pipeline.py, finish_built_site): each inline script that runs, exactly as
    the served page holds it, has its hash in the policy, and the policy names no other."""
    import base64
    import hashlib

    script = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
    for html_file in built_pages(built_site):
        html = (built_site / html_file).read_text(encoding="utf-8")
        content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html).group(1)
        hashes = set(directives(content)["script-src"][1:])
        inline = {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
                  for attributes, body in script.findall(html)
                  if "src=" not in attributes and "application/" not in attributes}
        assert inline and hashes == inline, (html_file, sorted(hashes ^ inline))


def check(page, where):
    page.evaluate(IDLE)
    violations = page.evaluate("window.__violations")
    assert violations == [], f"{where}: {violations}"
    assert page.console_errors == [], f"{where}: {page.console_errors}"


@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_nothing_is_refused_on_any_page(open_page, path):
    page = open_page(path, init_script=VIOLATIONS)
    check(page, "/" + path)
    page.pdf(format="A4")  # printing runs each page's print handlers
    check(page, f"/{path}, printed")


def test_an_inline_script_added_to_a_page_is_refused(open_page):
    page = open_page("", init_script=VIOLATIONS)
    page.evaluate("""() => {
        window.__ran = false;
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.append(script);
    }""")
    page.wait_for_function("() => window.__violations.length > 0")
    assert page.evaluate("window.__ran") is False
    assert "script-src" in page.evaluate("window.__violations")[0]


def test_what_the_reader_uses_works_under_the_policy(open_page, browser):
    clipboard = {"permissions": ["clipboard-read", "clipboard-write"]}

    # Search: the index and the worker load when search opens.
    page = open_page("", width=1280, height=800, init_script=VIOLATIONS)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("therapy")
    page.locator(".md-search-result__list a").first.wait_for()
    check(page, "search")

    # The whole guide: the chapters arrive and go on the page.
    page = open_page("whole-guide/", init_script=VIOLATIONS)
    page.get_by_role("button", name="Show the whole guide here").click()
    page.locator(".whole-guide__chapter").first.wait_for()
    page.pdf(format="A4")
    check(page, "whole guide")

    # The checklist: a tick gives a reading.
    page = open_page("readiness-checklist/", init_script=VIOLATIONS)
    page.locator(".readiness-checklist fieldset:not([data-group=safety]) input[type=checkbox]").first.check()
    page.locator(".checklist-summary").get_by_text("You ticked 1").wait_for()
    check(page, "checklist")

    # Copy and Share (the share control copies the link where there is no share sheet).
    page = open_page("conversation-scripts/", init_script=VIOLATIONS, **clipboard)
    page.locator(".script-copy").first.click()
    page.locator(".script-status").first.get_by_text("Copied").wait_for()
    page.locator("[data-share] button").click()
    page.wait_for_function("() => document.querySelector('[data-share] [role=status]').textContent.length > 0")
    check(page, "copy and share")

    # The message builder: the answer that goes on (the first), an ask, a form, then Copy.
    page = open_page("ask-your-partner/", init_script=VIOLATIONS, **clipboard)
    builder = page.locator("[data-ask-builder]")
    builder.locator("input[name=ask-safe]").first.check()
    builder.locator("input[name=ask-key]").first.check()
    builder.locator("input[name=ask-form]").first.check()
    page.get_by_role("button", name="Copy message and link").click()
    page.wait_for_function("() => document.querySelector('.ask-status').textContent.length > 0")
    page.pdf(format="A4")
    check(page, "message builder")

    # Quick exit: Esc twice leaves for the neutral page (stopped at the edge of the site).
    page = open_page("safety/", init_script=VIOLATIONS)
    check(page, "quick exit, before")
    # The guard notes an offsite request and then aborts it: its failure comes after the note.
    with page.expect_event("requestfailed", lambda request: "127.0.0.1" not in request.url):
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    assert page.offsite_requests, "the quick exit did not leave"
