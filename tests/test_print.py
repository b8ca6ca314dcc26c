"""Printing: the checklist, scripts and partner pages print cleanly and within their sheet budgets.

Chromium renders each page to PDF with print media emulated, on US Letter and A4, in the
light and the dark colour scheme. The PDF is read back with pypdf: its sheet count, its text
(the practice's phone from the settings, the page's address, link addresses) and where the
print footer sits on each sheet. Computed styles in print media show that the site's controls
are not printed and that text is dark on white whatever the screen's scheme.
"""
import io
import re
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

from support import canonical, load_hook, practice, reader_strings, site_url, squash, wait_for_scripts

# The sheet budgets from issue 6.
BUDGETS = {"readiness-checklist/": 1, "for-your-partner/": 2, "conversation-scripts/": 4,
           # Issue 12: the second scripts page, split off so neither passes 1,600 words.
           "harder-moments/": 2}
FORMATS = ("Letter", "A4")
SCHEMES = ("light", "dark")
PRINT_BUTTON_PAGES = tuple(BUDGETS)

# Never on paper: (selector, must the page have it?)
NOT_PRINTED = [
    (".md-header", True),                 # header, with the palette toggle and search button
    ("[data-md-component='palette']", True),
    (".md-sidebar--primary", True),       # navigation
    (".md-sidebar--secondary", True),     # table of contents
    (".md-search", True),                 # search
    (".md-tabs", False),
    (".md-footer", True),                 # footer navigation
    (".md-banner", False),                # the safety link banner
    (".share", True),                     # share control
    (".print-page", True),                # "Print this page"
    (".quick-exit", False),
    (".script-actions", False),           # Copy buttons on scripts
    (".checklist-clear", False),          # "Clear my answers"
    (".checklist-summary", False),
]


# -- PDFs, rendered once per run ---------------------------------------------------------------

def _matrix(m, n):
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]


def sheet_fragments(sheet):
    """(baseline height from the foot of the sheet in pt, text) of each run of text on a sheet."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((_matrix(tm, cm)[5], text.strip()))

    sheet.extract_text(visitor_text=visit)
    return found


class Printed:
    def __init__(self, pdf, links):
        self.pdf = pdf
        self.reader = PdfReader(io.BytesIO(pdf))
        self.sheets = len(self.reader.pages)
        self.sheet_texts = [sheet.extract_text() for sheet in self.reader.pages]
        self.text = "\n".join(self.sheet_texts)
        self.links = links  # data-print-href of the links that print


VISIBLE_LINKS = """() => [...document.querySelectorAll('article a[data-print-href]')]
    .filter(a => a.checkVisibility()).map(a => ({href: a.href, print: a.dataset.printHref}))"""


@pytest.fixture(scope="module")
def printed(browser, base_url):
    """{(path, scheme, format): Printed} for the three pages with budgets."""
    results = {}
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme, service_workers="block")
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                      or route.request.url.startswith("data:") else route.abort())
        for path in BUDGETS:
            page = context.new_page()
            page.goto(base_url + path, wait_until="load")
            wait_for_scripts(page)
            page.emulate_media(media="print")
            links = page.evaluate(VISIBLE_LINKS)
            for paper in FORMATS:
                results[path, scheme, paper] = Printed(page.pdf(format=paper), links)
            page.close()
        context.close()
    return results


CASES = [(path, scheme, paper) for path in BUDGETS for scheme in SCHEMES for paper in FORMATS]
CASE_IDS = [f"{path.strip('/')}-{scheme}-{paper}" for path, scheme, paper in CASES]


@pytest.mark.parametrize("path, scheme, paper", CASES, ids=CASE_IDS)
def test_page_prints_within_its_sheet_budget(printed, path, scheme, paper):
    result = printed[path, scheme, paper]
    assert 1 <= result.sheets <= BUDGETS[path], (
        f"/{path} prints on {result.sheets} {paper} sheets ({scheme} scheme); the budget is {BUDGETS[path]}")


@pytest.mark.parametrize("path, scheme, paper", CASES, ids=CASE_IDS)
def test_every_sheet_has_the_print_footer(printed, path, scheme, paper):
    phone, name = practice()["phone"], practice()["name"]
    address = canonical(path)
    for number, text in enumerate(printed[path, scheme, paper].sheet_texts, 1):
        assert phone in text and name in text, f"sheet {number} of /{path} lacks the practice's name and phone"
        assert address in squash(text), f"sheet {number} of /{path} lacks the page's address {address}"
        assert "Page last updated" in text, f"sheet {number} of /{path} lacks 'Page last updated'"


@pytest.mark.parametrize("path, scheme, paper", CASES, ids=CASE_IDS)
def test_print_footer_does_not_overlap_the_content(printed, path, scheme, paper):
    """On each sheet the footer is the lowest text, with a clear gap above it. Its top line has
    the practice's phone; with a long name it may wrap onto a second line (the page's address,
    the review date), and nothing else may be printed that low."""
    phone = practice()["phone"]
    address = squash(canonical(path))
    for number, sheet in enumerate(printed[path, scheme, paper].reader.pages, 1):
        fragments = sheet_fragments(sheet)
        footer = min(y for y, text in fragments if phone in text)
        below = [text for y, text in fragments if y < footer - 0.5]
        for text in below:
            assert text.startswith("Page last updated") or squash(text) in address, (
                f"sheet {number} of /{path}: {text!r} is printed below the footer")
        above = [(y, text) for y, text in fragments if y > footer + 0.5]
        assert above, f"sheet {number} of /{path} has no content"
        lowest, text = min(above)
        assert lowest - footer >= 15, (
            f"sheet {number} of /{path}: {text!r} is {lowest - footer:.1f}pt above the footer's line: it overlaps")


@pytest.mark.parametrize("path, scheme, paper", CASES, ids=CASE_IDS)
def test_links_print_their_addresses(printed, path, scheme, paper):
    result = printed[path, scheme, paper]
    text = squash(result.text)
    for link in result.links:
        assert squash(f"({link['print']})") in text, f"/{path}: the address of {link['href']} is not printed"


def pages_with_external_links(site):
    """Paths of built pages whose article links to another site (quick exit aside)."""
    found = []
    for file in sorted(site.rglob("index.html")):
        html = file.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        article = html[html.index("<article"):html.index("</article>")]
        tags = re.findall(r'<a\b[^>]*data-print-href="?https?://[^>]*>', article)
        if any("quick-exit" not in tag and f"data-print-href={site_url()}" not in tag.replace('"', "")
               for tag in tags):
            found.append(file.parent.relative_to(site).as_posix() + "/")
    return found


@pytest.mark.parametrize("paper", FORMATS)
def test_an_external_link_prints_its_full_url(built_site, open_page, printed, paper):
    """The three pages have no link to another site today; if they gain one, it is checked here
    too. A page of the guide that has such links is printed as well."""
    paths = [p for p in BUDGETS if any(l["print"].startswith("http") and not l["print"].startswith(site_url())
                                       for l in printed[p, "light", paper].links)]
    others = [p for p in pages_with_external_links(built_site) if p not in BUDGETS]
    assert paths or others, "no page of the guide links to another site: nothing to check"
    checked = 0
    for path in paths + others[:1]:
        page = open_page(path, width=1280, height=800, color_scheme="dark")
        page.emulate_media(media="print")
        links = [l for l in page.evaluate(VISIBLE_LINKS)
                 if l["print"].startswith("http") and not l["print"].startswith(site_url())]
        text = squash("".join(s.extract_text() for s in PdfReader(io.BytesIO(page.pdf(format=paper))).pages))
        for link in links:
            assert link["print"] == link["href"], link
            assert squash(f"({link['href']})") in text, f"/{path}: {link['href']} is not printed after its link"
            checked += 1
    assert checked, "no visible link to another site was printed"


# -- Computed styles in print media ------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", BUDGETS)
def test_site_controls_are_not_printed(open_page, path, scheme):
    page = open_page(path, width=1280, height=800, color_scheme=scheme)
    page.emulate_media(media="print")
    for selector, required in NOT_PRINTED:
        displays = page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).display)")
        if required:
            assert displays, f"/{path} has no {selector} to check"
        assert all(d == "none" for d in displays), f"/{path}: {selector} is printed ({displays})"
    assert page.locator("article h1").is_visible()
    assert page.locator(".print-footer").is_visible()


def luminance(rgb):
    channels = []
    for value in rgb:
        c = value / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def rgb(css):
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    if len(numbers) == 4 and numbers[3] == 0:
        return None  # transparent
    return numbers[:3]


COLOURS = """() => {
  const out = [];
  const blocks = document.querySelectorAll('article p, article li, article h1, article h2, article .admonition-title');
  for (const el of blocks) {
    if (!el.checkVisibility()) continue;
    let bg = null;
    for (let node = el; node; node = node.parentElement) {
      const c = getComputedStyle(node).backgroundColor;
      if (!/rgba\\(.*,\\s*0\\)$/.test(c) && c !== 'transparent') { bg = c; break; }
    }
    out.push({tag: el.tagName, text: el.textContent.trim().slice(0, 40), color: getComputedStyle(el).color,
              background: bg || getComputedStyle(document.documentElement).backgroundColor});
  }
  out.push({tag: 'BODY', text: '', color: getComputedStyle(document.body).color,
            background: getComputedStyle(document.body).backgroundColor});
  return out;
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", BUDGETS)
def test_text_prints_dark_on_white(open_page, path, scheme):
    page = open_page(path, width=1280, height=800, color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    page.emulate_media(media="print")
    for block in page.evaluate(COLOURS):
        fg, bg = rgb(block["color"]), rgb(block["background"])
        assert fg is not None and luminance(fg) < 0.05, f"/{path} ({scheme}): {block} is not dark text"
        assert bg is not None and luminance(bg) > 0.9, f"/{path} ({scheme}): {block} is not on white"


def test_checkboxes_print_as_empty_squares(open_page):
    page = open_page("readiness-checklist/", width=1280, height=800, color_scheme="dark")
    page.emulate_media(media="print")
    boxes = page.eval_on_selector_all(".task-list-item input[type=checkbox]", """els => els.map(e => {
        const s = getComputedStyle(e), r = e.getBoundingClientRect();
        return {visible: e.checkVisibility(), width: r.width, height: r.height, checked: e.checked,
                border: s.borderTopStyle + ' ' + s.borderTopWidth + ' ' + s.borderTopColor,
                background: s.backgroundColor, image: s.backgroundImage};
    })""")
    assert boxes, "the checklist has no checkboxes"
    for box in boxes:
        assert box["visible"] and 8 <= box["width"] <= 24 and abs(box["width"] - box["height"]) < 1, box
        assert box["border"].startswith("solid") and box["border"].endswith("rgb(0, 0, 0)"), box
        assert not box["checked"] and box["image"] == "none", box
        assert luminance(rgb(box["background"])) > 0.9, box


def test_collapsed_blocks_print_opened_without_javascript(open_page):
    page = open_page("for-your-partner/", width=1280, height=800, javascript=False)
    page.evaluate("""() => document.querySelector('article').insertAdjacentHTML('beforeend',
        '<details class="note"><summary>Folded heading</summary><p id="folded">Quillwort folded words</p></details>')""")
    assert not page.evaluate("document.getElementById('folded').checkVisibility()"), "closed on screen"
    page.emulate_media(media="print")
    assert page.evaluate("document.getElementById('folded').checkVisibility()"), "still closed in print"
    text = "".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert "Quillwort folded words" in text


def test_collapsed_blocks_open_before_printing_and_close_after(open_page):
    page = open_page("for-your-partner/", width=1280, height=800)
    page.evaluate("""() => document.querySelector('article').insertAdjacentHTML('beforeend',
        '<details id="fold"><summary>Folded</summary><p>Words</p></details>')""")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.getElementById('fold').open")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate("document.getElementById('fold').open")


# -- The "Print this page" button --------------------------------------------------------------

@pytest.mark.parametrize("path", PRINT_BUTTON_PAGES)
def test_print_button_prints_the_page(open_page, path):
    page = open_page(path)
    button = page.get_by_role("button", name="Print this page")
    assert button.count() == 1 and button.is_visible(), f"/{path} has no visible 'Print this page' button"
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button.click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert not button.is_visible()


@pytest.mark.parametrize("path", PRINT_BUTTON_PAGES)
def test_print_button_is_hidden_without_javascript(open_page, path):
    page = open_page(path, javascript=False)
    assert page.locator(".print-page").count() == 1
    assert not page.locator(".print-page button").is_visible()


def test_print_footer_is_not_on_screen(open_page):
    page = open_page("readiness-checklist/")
    assert page.locator(".print-footer").count() == 1
    assert not page.locator(".print-footer").is_visible()


# -- Link addresses, worked out at build time --------------------------------------------------

@pytest.fixture(scope="module")
def print_links():
    return load_hook("print_links")


# {site} stands for site_url (read from mkdocs.yml): whatever the practice publishes at.
@pytest.mark.parametrize("href, text, page_url, expected", [
    ("../safety/", "Find help", "readiness-checklist/", "{site}safety/"),
    ("../sources/#doss-2003", "Doss, 2003", "what-backfires/", "{site}sources/#doss-2003"),
    ("sources/#doss-2003", "Doss, 2003", "", "{site}sources/#doss-2003"),
    ("../", "Home", "contact/", "{site}"),
    ("../search/?q=help", "Search", "contact/", "{site}search/?q=help"),
    ("#the-signs", "The signs", "readiness-checklist/", None),
    ("./#the-signs", "The signs", "readiness-checklist/", None),
    ("https://www.thehotline.org", "The Hotline", "safety/", "https://www.thehotline.org"),
    ("https://doi.org/10.1/x", "https://doi.org/10.1/x", "sources/", None),
    ("{site}contact/", "Contact", "safety/", "{site}contact/"),
    ("tel:+12015550123", "Call us", "contact/", "+1 201-555-0123"),
    ("tel:+12015550123", "Call +1 201-555-0123", "contact/", None),
    ("tel:+12015550123;ext=7", "Call us", "contact/", "+1 201-555-0123 ext. 7"),
    ("tel:+12015550123;ext=7", "Call +1 201-555-0123 ext. 7", "contact/", None),
    ("tel:988", "Call or text 988", "safety/", None),
    ("tel:18007997233", "The Hotline", "safety/", "18007997233"),
    ("mailto:hello@example.com", "Email us", "contact/", "hello@example.com"),
    ("mailto:hello@example.com", "hello@example.com", "contact/", None),
    ("javascript:void(0)", "Nothing", "contact/", None),
])
def test_print_address_of_a_link(print_links, href, text, page_url, expected):
    site = site_url()
    settings = {"phone": "+1 201-555-0123", **({"phone_extension": "7"} if ";ext=7" in href else {})}
    phone = load_hook("practice_settings").derived(settings, reader_strings())
    href = href.format(site=site)
    assert print_links.print_address(href, text, page_url, site, phone) == (expected and expected.format(site=site))


@pytest.mark.parametrize("site", ["https://name.github.io/repo/", "https://www.example.org/"])
def test_internal_links_print_the_full_address_at_any_site_url(print_links, site):
    """At a project address (a sub-path) or a domain's root, a reader can type what prints."""
    assert print_links.print_address("../safety/", "Safety", "contact/", site) == site + "safety/"
    assert print_links.print_address("../sources/#x", "X", "a/b/", site) == site + "a/sources/#x"
    assert print_links.print_address("../", "Home", "contact/", site) == site


def test_built_pages_carry_print_addresses(built_site):
    from bs4 import BeautifulSoup

    html = (built_site / "readiness-checklist" / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    internal = [(a["href"], a["data-print-href"]) for a in article.select("a[data-print-href]")
                if a["href"].startswith("../")]
    assert internal, "no internal link on the checklist carries its print address"
    for href, address in internal:
        assert address == urljoin(canonical("readiness-checklist/"), href), (href, address)
