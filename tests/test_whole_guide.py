"""The whole guide (/whole-guide/): every page of the navigation on one page, in nav order.

Made by hooks/whole_guide.py at build time. Checked here: each page's title in nav order
(nav read from mkdocs.yml), a contents list, unique ids, links that stay within the page,
no extra weight on the other pages, links to it from the home page and /sources/, and that
it prints with a new sheet for each chapter.
"""
import io
import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from axe import axe_violations, describe
from test_print import canonical, mkdocs_config, practice, squash

PATH = "whole-guide/"
SITE_URL = "https://www.example.com/"


def nav_files(items):
    """The Markdown files of a MkDocs nav, in order."""
    for item in items:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from nav_files([value] if isinstance(value, str) else value)


def built_path(md):
    return "" if md == "index.md" else md[: -len(".md")] + "/"


def soup_of(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text_of(tag):
    return " ".join(tag.get_text(" ").split())


@pytest.fixture(scope="module")
def nav_pages():
    return [built_path(md) for md in nav_files(mkdocs_config()["nav"])]


@pytest.fixture(scope="module")
def guide(built_site):
    assert (built_site / PATH / "index.html").exists(), "the site has no /whole-guide/ page"
    return soup_of(built_site, PATH)


def test_whole_guide_holds_every_page_title_in_nav_order(built_site, guide, nav_pages):
    titles = [text_of(soup_of(built_site, path).select_one("article h1")) for path in nav_pages]
    assert len(nav_pages) >= 13
    chapters = guide.select("article .whole-guide__chapter")
    assert [text_of(c.find(["h1", "h2"])) for c in chapters] == titles
    contents = guide.select("article .whole-guide__contents li a")
    assert [text_of(a) for a in contents] == titles
    assert [a["href"] for a in contents] == ["#" + c["id"] for c in chapters]
    # The titles appear in this order in the page's text as a whole, too.
    text, at = text_of(guide.select_one("article .whole-guide")), 0
    for title in titles:
        found = text.find(title, at)
        assert found >= 0, f"{title!r} is missing or out of order"
        at = found + len(title)


def test_whole_guide_holds_each_page_article(built_site, guide, nav_pages):
    chapters = {c["id"]: c for c in guide.select("article .whole-guide__chapter")}
    for path in nav_pages:
        article = soup_of(built_site, path).select_one("article")
        chapter = chapters[path.strip("/") or "home"]
        for paragraph in article.select(":scope > p")[:3] + article.select(":scope > p")[-1:]:
            words = text_of(paragraph)
            if words and not paragraph.find_parent(class_="review-dates"):
                assert words in text_of(chapter), f"/{path}: {words[:60]!r} is not in the whole guide"


def test_whole_guide_has_one_h1_unique_ids_and_working_anchors(guide):
    assert len(guide.find_all("h1")) == 1
    ids = [tag["id"] for tag in guide.find_all(id=True)]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    assert not doubles, f"ids used more than once: {doubles}"
    missing = sorted({a["href"] for a in guide.select('a[href^="#"]') if a["href"] != "#" and a["href"][1:] not in ids})
    assert not missing, f"links with no target on the page: {missing}"
    for label in guide.select("label[for]"):
        assert label["for"] in ids, label


def test_links_to_pages_of_the_guide_stay_on_the_page(guide, nav_pages):
    here = SITE_URL + PATH
    guide_pages = {SITE_URL + p for p in nav_pages}
    for a in guide.select("article .whole-guide a[href]"):
        target = urljoin(here, a["href"]).split("#")[0]
        assert target not in guide_pages, f"{a['href']} leaves the whole guide for a page it holds"
        if a["href"].startswith("#"):
            assert not a.has_attr("data-print-href"), f"{a['href']} would print an address"


def test_citations_point_at_the_sources_chapter(guide):
    citations = guide.select('article .whole-guide a[href^="#sources--"]')
    assert citations, "no citation links to the sources chapter"
    for a in citations:
        assert guide.find(id=a["href"][1:]).find_parent(id="sources"), a["href"]


def test_whole_guide_adds_no_weight_to_other_pages(built_site, guide):
    """The other pages load what they loaded before: no stylesheet, script or markup of the guide."""
    def assets(soup):
        return sorted([l["href"].split("/")[-1] for l in soup.select('link[rel="stylesheet"]')]
                      + [s["src"].split("/")[-1] for s in soup.select("script[src]")])
    home = soup_of(built_site, "")
    # The guide may load the scripts of the pages it gathers (checklist, copy, print); the other
    # pages load nothing of the guide's.
    assert set(assets(home)) <= set(assets(guide))
    assert not any("whole" in name or "print-site" in name for name in assets(home))
    for file in built_site.rglob("*.html"):
        if file.parent.name != "whole-guide":
            assert "whole-guide__" not in file.read_text(encoding="utf-8"), file


def test_whole_guide_is_out_of_search_and_indexing(built_site, guide):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"whole-guide/' not in index.replace(" ", "")
    assert guide.find("meta", attrs={"name": "robots", "content": "noindex"})
    assert guide.find("link", rel="canonical")["href"] == SITE_URL + PATH


def test_whole_guide_is_linked_from_home_and_sources(built_site):
    for path in ("", "sources/"):
        soup = soup_of(built_site, path)
        targets = {urljoin(SITE_URL + path, a["href"]) for a in soup.find_all("a", href=True)}
        assert SITE_URL + PATH in targets, f"/{path} has no link to /{PATH}"
    home_footer = soup_of(built_site, "").select_one("footer")
    assert any(urljoin(SITE_URL, a["href"]) == SITE_URL + PATH for a in home_footer.find_all("a", href=True))
    sources_article = soup_of(built_site, "sources/").select_one("article")
    assert any(urljoin(SITE_URL + "sources/", a["href"]) == SITE_URL + PATH
               for a in sources_article.find_all("a", href=True))


def test_whole_guide_is_clean_and_accessible(open_page):
    page = open_page(PATH, width=1280, height=800)
    page.wait_for_timeout(150)
    assert page.console_errors == [], page.console_errors
    assert page.offsite_requests == [], page.offsite_requests
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_whole_guide_prints_each_chapter_from_a_new_sheet(open_page, nav_pages):
    page = open_page(PATH, width=1280, height=800, color_scheme="dark")
    page.emulate_media(media="print")
    titles = page.eval_on_selector_all(".whole-guide__chapter > h2:first-child", "els => els.map(e => e.textContent)")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    sheets = [sheet.extract_text() for sheet in reader.pages]
    assert len(sheets) >= len(nav_pages) + 1
    firsts = [" ".join(s.split()) for s in sheets]
    for title in titles:
        assert any(s.startswith(" ".join(title.split())) for s in firsts), f"{title!r} does not start a sheet"
    for sheet in sheets:
        assert practice()["phone"] in sheet and canonical(PATH) in squash(sheet)
