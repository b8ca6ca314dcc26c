"""The whole guide (/whole-guide/): every page of the navigation on one page, in nav order.

Made by hooks/whole_guide.py at build time: a small page (its title, a short note, two
buttons and a contents list of links to each page) and whole-guide/chapters.json, which
docs/assets/javascripts/whole-guide.js puts on the page when the reader asks or prints.

Checked here, in the built files: each page's title and article in nav order in
chapters.json, unique ids and working anchors for the page with its chapters in, links that
stay within the page, no extra weight on the other pages, indexing and search, links to it
from the home page and /sources/. In Chromium: the page on load, "Show the whole guide here",
"Print the whole guide", printing with the keyboard and with the browser's menu (no button
pressed), a failed load, and the page without JavaScript.
"""
import gzip
import io
import json
import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from axe import axe_violations, describe
from support import canonical, practice, site_config, site_url, squash

PATH = "whole-guide/"
DATA = PATH + "chapters.json"
SITE_URL = site_url()  # from the settings (mkdocs.yml, or SITE_SETTINGS)
SHOW = "Show the whole guide here"
PRINT = "Print the whole guide"
CHAPTER = ".whole-guide__chapter"

# The page with its chapters in: one h1, every id once, every # link finds its target.
DOM_CHECKS = """() => {
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const seen = new Set(), doubles = new Set();
  for (const id of ids) (seen.has(id) ? doubles : seen).add(id);
  const missing = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href'))
    .filter(h => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1))));
  return {h1: document.querySelectorAll('h1').length, doubles: [...doubles], missing};
}"""


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
    return [built_path(md) for md in nav_files(site_config().nav)]


@pytest.fixture(scope="module")
def titles(built_site, nav_pages):
    """Each nav page's h1, in nav order."""
    return [text_of(soup_of(built_site, path).select_one("article h1")) for path in nav_pages]


@pytest.fixture(scope="module")
def guide(built_site):
    assert (built_site / PATH / "index.html").exists(), "the site has no /whole-guide/ page"
    return soup_of(built_site, PATH)


@pytest.fixture(scope="module")
def chapters(built_site):
    """The chapters from whole-guide/chapters.json, parsed."""
    assert (built_site / DATA).exists(), f"the site has no {DATA}"
    data = json.loads((built_site / DATA).read_text(encoding="utf-8"))
    return BeautifulSoup(data["html"], "html.parser")


# -- The built files ----------------------------------------------------------------------------

def test_chapters_file_holds_every_page_title_in_nav_order(chapters, titles):
    assert len(titles) >= 13
    assert [text_of(c.find(["h1", "h2"])) for c in chapters.select(CHAPTER)] == titles
    # The titles appear in this order in the chapters' text as a whole, too.
    text, at = text_of(chapters), 0
    for title in titles:
        found = text.find(title, at)
        assert found >= 0, f"{title!r} is missing or out of order"
        at = found + len(title)


def test_chapters_file_holds_each_page_article(built_site, chapters, nav_pages):
    by_id = {c["id"]: c for c in chapters.select(CHAPTER)}
    for path in nav_pages:
        article = soup_of(built_site, path).select_one("article")
        chapter = by_id[path.strip("/") or "home"]
        for paragraph in article.select(":scope > p")[:3] + article.select(":scope > p")[-1:]:
            words = text_of(paragraph)
            if words and not paragraph.find_parent(class_="review-dates"):
                assert words in text_of(chapter), f"/{path}: {words[:60]!r} is not in the whole guide"


def test_page_lists_every_page_as_a_link_and_holds_no_chapter(guide, chapters, nav_pages, titles):
    links = guide.select("article nav.whole-guide__contents li a")
    assert [text_of(a) for a in links] == titles
    assert [urljoin(SITE_URL + PATH, a["href"]) for a in links] == [SITE_URL + p for p in nav_pages]
    assert [a["data-chapter"] for a in links] == [c["id"] for c in chapters.select(CHAPTER)]
    assert not guide.select(CHAPTER), "the page itself holds chapters"
    article = text_of(guide.select_one("article"))
    for chapter in chapters.select(CHAPTER):
        first = chapter.find("p")
        assert text_of(first) not in article, f"the page itself holds {text_of(first)[:60]!r}"


def test_page_is_small(built_site):
    """Its own HTML is far inside the repeat-view budget (15 KiB gzip); the chapters are not in it."""
    html = (built_site / PATH / "index.html").read_bytes()
    assert len(gzip.compress(html, 6)) < 10 * 1024


def test_page_with_its_chapters_has_one_h1_unique_ids_and_working_anchors(guide, chapters):
    assert len(guide.find_all("h1")) == 1 and not chapters.find_all("h1")
    ids = [tag["id"] for tag in guide.find_all(id=True) + chapters.find_all(id=True)]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    assert not doubles, f"ids used more than once: {doubles}"
    links = [a["href"][1:] for a in guide.select('a[href^="#"]') + chapters.select('a[href^="#"]') if a["href"] != "#"]
    links += [a["data-chapter"] for a in guide.select("a[data-chapter]")]
    missing = sorted({target for target in links if target not in ids})
    assert not missing, f"links with no target on the page: {missing}"
    for label in chapters.select("label[for]"):
        assert label["for"] in ids, label


def test_links_to_pages_of_the_guide_stay_on_the_page(chapters, nav_pages):
    here = SITE_URL + PATH
    guide_pages = {SITE_URL + p for p in nav_pages}
    for a in chapters.select("a[href]"):
        target = urljoin(here, a["href"]).split("#")[0]
        assert target not in guide_pages, f"{a['href']} leaves the whole guide for a page it holds"


def test_citations_point_at_the_sources_chapter(chapters):
    citations = chapters.select('a[href^="#sources--"]')
    assert citations, "no citation links to the sources chapter"
    for a in citations:
        assert chapters.find(id=a["href"][1:]).find_parent(id="sources"), a["href"]


ASSET = re.compile(r"""<(?:script\b[^>]*?\ssrc|link\b[^>]*?rel="?stylesheet"?[^>]*?\shref)=["']?([^"'\s>]+)""")


def assets(site, path):
    """The file names of the scripts and stylesheets a built page loads (read from its HTML as
    written: a script may wait in a <template> until after the first paint)."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return sorted(url.split("/")[-1] for url in ASSET.findall(html))


def test_whole_guide_adds_no_weight_to_other_pages(built_site):
    """The other pages load what they loaded before: no stylesheet, script or markup of the guide."""
    home, guide = assets(built_site, ""), assets(built_site, PATH)
    assert "bundle" in " ".join(home) and "site.min.css" in home, home
    assert set(home) <= set(guide)
    assert "whole-guide.min.js" in guide
    for file in built_site.rglob("*.html"):
        if file.parent.name != "whole-guide":
            html = file.read_text(encoding="utf-8")
            assert "whole-guide__" not in html and "whole-guide.min.js" not in html, file
            assert "chapters.json" not in html, file


def test_whole_guide_is_out_of_search_but_indexable(built_site, guide):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"whole-guide/' not in index.replace(" ", "")
    assert "chapters.json" not in index
    assert not guide.find("meta", attrs={"name": "robots"}), "the page asks search engines not to index it"
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


# -- In Chromium ----------------------------------------------------------------------------------

def contents_hrefs(page):
    return page.eval_on_selector_all(".whole-guide__contents li a", "els => els.map(a => a.href)")


def chapter_titles(page):
    return page.eval_on_selector_all(f"{CHAPTER} > h2:first-child", "els => els.map(e => e.textContent.trim())")


def status(page):
    return page.locator(".whole-guide__status").inner_text()


def stub_print(page):
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")


def test_page_on_load_lists_the_chapters_as_links(open_page, base_url, nav_pages):
    page = open_page(PATH, width=390, height=844)
    page.get_by_role("button", name=SHOW).wait_for()  # the script has run
    assert page.get_by_role("button", name=PRINT).is_visible()
    assert contents_hrefs(page) == [base_url + p for p in nav_pages]
    assert page.locator(CHAPTER).count() == 0
    assert page.console_errors == [], page.console_errors
    assert page.offsite_requests == [], page.offsite_requests
    violations = axe_violations(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_show_button_puts_every_chapter_on_the_page(open_page, titles, scheme):
    page = open_page(PATH, width=390, height=844, color_scheme=scheme)
    page.get_by_role("button", name=SHOW).click()
    page.wait_for_function(f"() => document.querySelectorAll('{CHAPTER}').length > 0")
    assert [" ".join(t.split()) for t in chapter_titles(page)] == titles
    checks = page.evaluate(DOM_CHECKS)
    assert checks == {"h1": 1, "doubles": [], "missing": []}, checks
    # The contents links now lead to the chapters on this page.
    ids = page.eval_on_selector_all(CHAPTER, "els => els.map(e => e.id)")
    assert page.eval_on_selector_all(".whole-guide__contents li a", "els => els.map(a => a.getAttribute('href'))") \
        == ["#" + i for i in ids]
    page.wait_for_function("() => document.querySelector('.whole-guide__status').textContent.includes('pages of the"
                           " guide are now on this page')")
    assert page.get_by_role("button", name=SHOW).count() == 0
    assert page.get_by_text("open it from the list below").count() == 0  # the links stay on this page now
    assert page.evaluate("document.activeElement.closest('.whole-guide__chapter').id") == ids[0]
    page.locator(".whole-guide__contents a").nth(3).click()
    assert page.evaluate("location.hash") == "#" + ids[3]
    assert page.console_errors == [], page.console_errors
    assert page.offsite_requests == [], page.offsite_requests
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_print_button_loads_the_chapters_then_prints_once(open_page, titles):
    page = open_page(PATH, width=390, height=844)
    stub_print(page)
    page.get_by_role("button", name=PRINT).click()
    page.wait_for_function("() => window.__printed > 0")
    assert page.evaluate("window.__printed") == 1
    assert len(chapter_titles(page)) == len(titles)
    page.get_by_role("button", name=PRINT).click()  # again: printed again, loaded once
    page.wait_for_function("() => window.__printed > 1")
    assert page.locator(CHAPTER).count() == len(titles)
    assert page.console_errors == [], page.console_errors


def sheets_of(pdf):
    return [sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages]


def assert_printed_guide(sheets, titles):
    """Each chapter starts a sheet; every sheet has the practice's phone and the page's address."""
    assert len(sheets) >= len(titles) + 1
    firsts = [" ".join(s.split()) for s in sheets]
    for title in titles:
        assert any(s.startswith(title) for s in firsts), f"{title!r} does not start a sheet"
    for number, sheet in enumerate(sheets, 1):
        assert practice()["phone"] in sheet, f"sheet {number} lacks the practice's phone"
        assert canonical(PATH) in squash(sheet), f"sheet {number} lacks {canonical(PATH)}"


def test_whole_guide_prints_each_chapter_from_a_new_sheet(open_page, titles):
    page = open_page(PATH, width=1280, height=800, color_scheme="dark")
    stub_print(page)
    page.get_by_role("button", name=PRINT).click()
    page.wait_for_function("() => window.__printed > 0")
    page.emulate_media(media="print")
    assert not page.locator(".whole-guide__controls").is_visible()
    # A link within the guide prints no address after it (print.css: only links that leave);
    # a link that leaves it prints its full address.
    printed = page.eval_on_selector_all("article a[data-print-href]", """els => els.map(a => ({
        href: a.getAttribute('href'), print: a.dataset.printHref,
        after: getComputedStyle(a, '::after').content}))""")
    inside = [a for a in printed if a["href"].startswith("#")]
    leaving = [a for a in printed if not a["href"].startswith("#")]
    assert inside and leaving, printed
    assert all(a["after"] in ("none", "normal") for a in inside), [a for a in inside if a["after"] != "none"][:3]
    assert all(a["after"] == f'" ({a["print"]})"' for a in leaving), leaving[:3]
    assert_printed_guide(sheets_of(page.pdf(format="A4")), titles)


def test_printing_with_the_keyboard_loads_the_chapters_first(open_page, titles):
    """Ctrl+P (⌘P on a Mac) before the chapters are in: they load, then the page prints."""
    page = open_page(PATH, width=1280, height=800)
    page.get_by_role("button", name=PRINT).wait_for()  # the script has run
    stub_print(page)
    assert page.locator(CHAPTER).count() == 0
    page.keyboard.press("Control+p")
    page.wait_for_function("() => window.__printed > 0")
    assert page.locator(CHAPTER).count() == len(titles)
    assert_printed_guide(sheets_of(page.pdf(format="A4")), titles)
    assert page.console_errors == [], page.console_errors


def test_printing_from_the_menu_prints_the_list_then_every_chapter(open_page, base_url, nav_pages, titles):
    """The browser's menu (Chromium fires `beforeprint` for page.pdf() too) gives the page no
    time to load: that copy is the list of pages, each with its address, and the chapters load
    then, so the next copy has them all."""
    page = open_page(PATH, width=1280, height=800)
    page.get_by_role("button", name=PRINT).wait_for()  # the script has run
    with page.expect_response("**/" + DATA):
        first = " ".join(" ".join(sheets_of(page.pdf(format="A4"))).split())
    for path in nav_pages:
        assert canonical(path) in squash(first), f"the printed list lacks {canonical(path)}"
    page.wait_for_function(f"() => document.querySelectorAll('{CHAPTER}').length === {len(titles)}")
    assert_printed_guide(sheets_of(page.pdf(format="A4")), titles)
    assert page.console_errors == [], page.console_errors


def test_printing_with_the_keyboard_works_before_the_other_scripts_arrive(open_page, titles):
    """whole-guide.js loads at once (deferred, from the head), not after the first paint like
    Material's bundle: printing in the first moments still prints every chapter."""
    bundle = "**/assets/javascripts/bundle.*.js"
    page = open_page(PATH, width=1280, height=800, hold=bundle)
    with page.expect_request(bundle):  # Material's bundle is asked for (after the first paint), held
        page.reload(wait_until="domcontentloaded")
    stub_print(page)
    page.keyboard.press("Control+p")
    page.wait_for_function("() => window.__printed > 0")
    assert page.evaluate("document.documentElement.dataset.scripts") is None  # still waiting
    assert_printed_guide(sheets_of(page.pdf(format="A4")), titles)


def test_without_javascript_the_page_lists_every_page(open_page, base_url, nav_pages, titles):
    page = open_page(PATH, javascript=False)
    assert page.locator("article h1").is_visible()
    intro = page.locator("article h1 + p")
    assert intro.is_visible() and "every page in reading order" in intro.inner_text()
    assert page.get_by_text("open it from the list below").is_visible()
    links = page.locator(".whole-guide__contents li a")
    assert [" ".join(t.split()) for t in links.all_inner_texts()] == titles
    assert all(link.is_visible() for link in links.all())
    assert contents_hrefs(page) == [base_url + p for p in nav_pages]
    assert page.locator(".whole-guide__controls button").count() == 2
    assert not page.locator(".whole-guide__controls button").first.is_visible()
    assert not page.locator(".whole-guide__controls button").last.is_visible()


def test_failed_load_says_so_and_keeps_the_contents(open_page, base_url, nav_pages):
    page = open_page(PATH, width=390, height=844)
    page.route("**/" + DATA, lambda route: route.fulfill(status=500, body="Server error"))
    stub_print(page)
    for name in (SHOW, PRINT):
        page.evaluate("document.querySelector('.whole-guide__status').textContent = ''")
        page.get_by_role("button", name=name).click()
        page.wait_for_function("() => document.querySelector('.whole-guide__status').textContent.includes('did not load')")
        assert "open each page from the list below" in status(page)
    assert page.evaluate("window.__printed") == 0
    assert page.locator(CHAPTER).count() == 0
    # Printing with the browser's menu tries again, says so too, and the list prints.
    page.evaluate("document.querySelector('.whole-guide__status').textContent = ''")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function("() => document.querySelector('.whole-guide__status').textContent.includes('did not load')")
    assert page.locator(CHAPTER).count() == 0
    assert page.get_by_role("button", name=SHOW).is_visible(), "the reader cannot try again"
    assert page.get_by_text("open it from the list below").is_visible()
    assert contents_hrefs(page) == [base_url + p for p in nav_pages]
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.locator(".whole-guide__contents li a").nth(1).click()
    page.wait_for_url(base_url + nav_pages[1])
