"""Every page reads in about five minutes; a longer reference page opens with a jump list,
and no page passes 1,600 words (issue 12, "Form").

Words are counted in the built article, the way a reader meets them: every visible word,
reference entries and notes included (a web address counts as one word). Left out: scripts,
styles, hidden elements and the review dates. Every content page is checked, the sources
page and the whole guide's own page too: nothing is exempt.

- No page passes MAX_WORDS. A page that would is split into two pages instead.
- A page over FIVE_MINUTES words (about 1,100, "about five minutes" at a calm reading speed)
  is a reference page: before its first section it has a jump list, a list of at least three
  links to sections of the same page, each of which exists.
"""
import re

import pytest
from bs4 import BeautifulSoup

from support import ROOT

MAX_WORDS = 1600
FIVE_MINUTES = 1200
WORD = re.compile(r"[A-Za-z0-9]")


def built_name(markdown_file):
    return "index.html" if markdown_file.stem == "index" else f"{markdown_file.stem}/index.html"


PAGES = sorted(built_name(p) for p in (ROOT / "docs").glob("*.md")) + ["404.html", "whole-guide/index.html"]


def article_of(html):
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None, "no article"
    for tag in article.select("script, style, [hidden], .review-dates, .md-source-file"):
        tag.decompose()
    return article


def words(article):
    return sum(1 for token in article.get_text(" ").split() if WORD.search(token))


def jump_list(article):
    """The in-page links of the first list, before the page's first h2, that has three or more."""
    first_h2 = article.find("h2")
    for ul in article.find_all("ul"):
        if first_h2 is not None and first_h2 in ul.find_all_previous("h2"):
            break
        links = [a["href"] for a in ul.select("a[href]") if a["href"].startswith("#")]
        if len(links) >= 3:
            return links
    return []


@pytest.mark.parametrize("page", PAGES)
def test_no_page_passes_the_word_limit(built_site, page):
    count = words(article_of((built_site / page).read_text(encoding="utf-8")))
    assert 0 < count <= MAX_WORDS, f"{page}: {count} words; no page passes {MAX_WORDS}: split it into two pages"


@pytest.mark.parametrize("page", PAGES)
def test_a_long_page_opens_with_a_jump_list(built_site, page):
    article = article_of((built_site / page).read_text(encoding="utf-8"))
    count = words(article)
    if count <= FIVE_MINUTES:
        return
    links = jump_list(article)
    assert links, f"{page}: {count} words (over {FIVE_MINUTES}) and no jump list before its first section"
    ids = {tag["id"] for tag in article.find_all(id=True)}
    missing = [h for h in links if h[1:] not in ids]
    assert not missing, f"{page}: jump links to sections that are not on the page: {missing}"


def test_the_count_and_the_jump_list_check_can_fail():
    long_page = ('<article class="md-content__inner"><h1>T</h1><p>' + "word " * (MAX_WORDS + 1)
                 + '</p><h2 id="a">A</h2></article>')
    assert words(article_of(long_page)) == MAX_WORDS + 3  # the headings count too
    hidden = '<article class="md-content__inner"><p>one two</p><p hidden>three</p><div class="review-dates">x y</div></article>'
    assert words(article_of(hidden)) == 2
    assert jump_list(article_of(long_page)) == []
    listed = ('<article class="md-content__inner"><ul><li><a href="#a">A</a></li><li><a href="#b">B</a></li>'
              '<li><a href="#c">C</a></li></ul><h2 id="a">A</h2><ul><li><a href="#x">x</a></li></ul></article>')
    assert jump_list(article_of(listed)) == ["#a", "#b", "#c"]
    late = '<article class="md-content__inner"><h2 id="a">A</h2><ul><li><a href="#a">A</a></li>' * 1 + \
        '<li><a href="#a">A</a></li><li><a href="#a">A</a></li></ul></article>'
    assert jump_list(article_of(late)) == []
