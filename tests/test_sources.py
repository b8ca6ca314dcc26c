"""The sources page and the citations on every other page agree, and every source can be found.

On the built site (the `built_site` fixture in conftest.py):

- every citation (a link to `sources/#<id>` from any page) points to an entry that exists on the
  sources page;
- every entry on the sources page (an element with the class `reference` and an id) is cited
  from at least one other page;
- every entry carries a way to find the work: a DOI link, another web address (http or https),
  or, for a book, an ISBN.

The printable whole guide is left out of the citation count: it loads the same chapters on
demand, so it adds no citation of its own.
"""
import re
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from support import built_pages, page_path

SOURCES = "sources/index.html"
SKIP = {SOURCES, "whole-guide/index.html"}
ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*(?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dX]\b")
YEAR = re.compile(r"\((?:\d{4}|n\.d\.)[a-z]?(?:, [A-Z][a-z]+(?: \d{1,2})?)?\)")


def entries(sources_html):
    """{id: element} for every reference entry of the sources page."""
    soup = BeautifulSoup(sources_html, "html.parser")
    found = {}
    for element in soup.select(".reference"):
        key = element.get("id")
        assert key, f"a reference entry has no id: {element.get_text(' ', strip=True)[:80]}"
        assert key not in found, f"two reference entries share the id {key!r}"
        found[key] = element
    return found


def citations(page, html):
    """[(id, link text)] for every link from this page to an entry on the sources page."""
    soup = BeautifulSoup(html, "html.parser")
    base = "http://site.invalid/" + page_path(page)
    found = []
    for link in soup.select("article a[href]"):
        url = urlparse(urljoin(base, link["href"]))
        if url.netloc == "site.invalid" and url.path.rstrip("/").endswith("/sources") and url.fragment:
            found.append((url.fragment, link.get_text(" ", strip=True)))
    return found


def how_to_find(element):
    """The DOI, web address or ISBN an entry gives, or None."""
    for link in element.select("a[href]"):
        href = link["href"]
        if re.match(r"https?://[^/\s]+\.[^/\s]+", href):
            return href
    match = ISBN.search(element.get_text(" "))
    return match.group(0) if match else None


def problems(sources_html, pages):
    """Every mismatch between the sources page and the citations in `pages` ({name: html})."""
    listed = entries(sources_html)
    cited = {}
    found = []
    for name, html in pages.items():
        for key, text in citations(name, html):
            cited.setdefault(key, []).append(name)
            if key not in listed:
                found.append(f"{name}: the citation '{text}' points to #{key}, which has no entry")
    for key, element in listed.items():
        if key not in cited:
            found.append(f"#{key} is listed on the sources page but cited on no page")
        if not how_to_find(element):
            found.append(f"#{key} has no DOI, web address or ISBN")
        if not YEAR.search(element.get_text(" ")):
            found.append(f"#{key} has no year in brackets")
    return found


@pytest.fixture(scope="module")
def site_pages(built_site):
    return {name: (built_site / name).read_text(encoding="utf-8")
            for name in built_pages(built_site) if name not in SKIP}


@pytest.fixture(scope="module")
def sources_html(built_site):
    path = built_site / SOURCES
    assert path.exists(), "the sources page was not built"
    return path.read_text(encoding="utf-8")


def test_the_sources_page_lists_entries(sources_html):
    assert len(entries(sources_html)) >= 10, "the sources page lists almost no entries"


def test_pages_cite_sources(site_pages):
    assert sum(len(citations(name, html)) for name, html in site_pages.items()) >= 10, (
        "almost no citations found: has the link form to the sources page changed?")


def test_every_citation_has_an_entry_and_every_entry_is_cited_and_findable(sources_html, site_pages):
    found = problems(sources_html, site_pages)
    assert not found, "sources and citations disagree:\n" + "\n".join(found)


# --- The checks themselves can fail ------------------------------------------------------------

SOURCES_PAGE = """<article>
<p class=reference id=a-2020>A, B. (2020). Title. <em>Journal, 1</em>(2), 3–4.
  <a href=https://doi.org/10.1000/x>https://doi.org/10.1000/x</a></p>
<p class=reference id=b-2021>B, C. (2021). <em>A book</em>. Publisher. ISBN 978-0-553-44771-2.</p>
<p class=reference id=c-2022>C, D. (2022). Title. <em>Journal</em>.</p>
</article>"""


def test_the_checks_catch_each_kind_of_mistake():
    page = ('<article><p>One (<a href="../sources/#a-2020">A, 2020</a>) and '
            '<a href="../sources/#b-2021">B, 2021</a>, '
            '<a href="../sources/#c-2022">C, 2022</a>.</p></article>')
    assert problems(SOURCES_PAGE, {"x/index.html": page}) == [
        "#c-2022 has no DOI, web address or ISBN"]

    uncited = page.replace('<a href="../sources/#b-2021">B, 2021</a>', "B, 2021")
    assert "#b-2021 is listed on the sources page but cited on no page" in problems(
        SOURCES_PAGE, {"x/index.html": uncited})

    dangling = page + '<article><a href="../sources/#z-1999">Z, 1999</a></article>'
    assert ("x/index.html: the citation 'Z, 1999' points to #z-1999, which has no entry"
            in problems(SOURCES_PAGE, {"x/index.html": dangling}))

    # A link from the home page (no folder) and from the site published under a sub-path.
    assert citations("index.html", '<article><a href="sources/#a-2020">A</a></article>') == [
        ("a-2020", "A")]
    assert citations("x/index.html", '<article><a href="/repo/sources/#a-2020">A</a></article>') == [
        ("a-2020", "A")]
    assert citations("x/index.html", '<article><a href="../safety/#a-2020">A</a></article>') == []
