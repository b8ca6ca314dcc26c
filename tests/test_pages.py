"""Every built page has what a page needs, and links and loads stay inside the site."""
import re
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from support import built_pages, page_path, practice, site_url

SITE_URL = site_url()  # from the settings (mkdocs.yml, or SITE_SETTINGS)


def dialled(settings):
    """The tel: link for the phone as typed: its digits ('(0)' after a country code is not
    dialled from abroad) and the extension, if any."""
    phone = settings["phone"]
    if phone.startswith("+"):
        phone = "+" + phone[1:].replace("(0)", "")
    ext = settings.get("phone_extension")
    return "tel:" + re.sub(r"[^\d+]", "", phone) + (f";ext={ext}" if ext else "")


def soup_of(site, name):
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def pages(site):
    return built_pages(site)


@pytest.fixture(scope="module")
def html_pages(built_site):
    return {name: soup_of(built_site, name) for name in pages(built_site)}


def test_the_site_has_every_page(html_pages):
    expected = {"index.html", "404.html"} | {f"{slug}/index.html" for slug in (
        "why-partners-resist", "what-backfires", "conversation-scripts", "smaller-steps",
        "readiness-checklist", "help-for-yourself", "for-your-partner", "safety",
        "what-to-expect", "sources", "contact", "privacy")}
    assert expected <= set(html_pages), sorted(expected - set(html_pages))


def test_every_page_has_one_h1_lang_description_and_canonical(html_pages):
    for name, soup in html_pages.items():
        assert len(soup.find_all("h1")) == 1, f"{name}: {len(soup.find_all('h1'))} h1"
        assert soup.html.get("lang") == "en", name
        description = soup.find("meta", attrs={"name": "description"})
        assert description and len(description["content"]) > 20, name
        if name != "404.html":
            canonical = soup.find("link", rel="canonical")
            assert canonical and canonical["href"] == SITE_URL + page_path(name), name


def test_every_page_has_the_practice_footer_and_the_safety_link(html_pages):
    settings = practice()
    for name, soup in html_pages.items():
        footer = soup.select_one("footer.md-footer")
        text = " ".join(footer.get_text(" ").split())
        assert settings["name"] in text and settings["phone"] in text, name
        assert footer.select_one('a[href^="tel:"]')["href"] == dialled(settings), name
        if name != "404.html":  # the 404 page is served at any depth: checked in the browser
            for link in (soup.select_one(".safety-link a"), footer.find("a", string=re.compile("safety"))):
                assert link and urljoin(SITE_URL + page_path(name), link["href"]) == SITE_URL + "safety/", name


def test_every_content_page_shows_its_review_dates(html_pages):
    for name, soup in html_pages.items():
        if name == "404.html":
            continue
        dates = soup.select_one(".review-dates")
        assert dates is not None, name
        text = dates.get_text(" ")
        assert "Page last updated:" in text, name
        assert ("Reviewed by" in text and "Next review due:" in text) or "Clinical review pending" in text, name


def ids_of(soup):
    return {tag["id"] for tag in soup.find_all(id=True)}


def test_every_internal_link_and_anchor_resolves(built_site, html_pages):
    broken = []
    for name, soup in html_pages.items():
        if name == "404.html":  # served at any depth; its links are checked in the browser test
            continue
        here = SITE_URL + page_path(name)
        for a in soup.find_all("a", href=True):
            target = urljoin(here, a["href"])
            if not target.startswith(SITE_URL):
                continue
            path, _, anchor = target[len(SITE_URL):].partition("#")
            path = unquote(path.split("?")[0])
            file = built_site / path / "index.html" if path == "" or path.endswith("/") else built_site / path
            if not file.exists():
                broken.append(f"{name}: {a['href']}")
            elif anchor and file.suffix == ".html" and anchor not in ids_of(html_pages.get(
                    file.relative_to(built_site).as_posix()) or soup_of(built_site, file.relative_to(built_site))):
                broken.append(f"{name}: {a['href']} (no #{anchor})")
    assert not broken, "\n".join(broken)


# Everything a page, stylesheet or script could load from a server.
LOADS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
         "video": "src", "audio": "src", "embed": "src", "object": "data", "form": "action"}
OFFSITE_IN_CODE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"]?|fetch\(\s*['"]|Worker\(\s*['"]|importScripts\(\s*['"])(?:https?:)?//""")


def test_no_page_loads_anything_from_another_origin(html_pages):
    offsite = []
    for name, soup in html_pages.items():
        for tag, attribute in LOADS.items():
            for element in soup.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and not set(element.get("rel", [])) & {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest"}:
                    continue
                if urlparse(value).netloc:
                    offsite.append(f"{name}: <{tag} {attribute}={value}>")
        for style in soup.find_all(["style", "script"]):
            if OFFSITE_IN_CODE.search(style.get_text()):
                offsite.append(f"{name}: inline {style.name} loads from another origin")
    assert not offsite, "\n".join(offsite)


def test_no_stylesheet_or_script_loads_from_another_origin(built_site):
    offsite = []
    for file in list(built_site.rglob("*.css")) + list(built_site.rglob("*.js")):
        text = file.read_text(encoding="utf-8", errors="replace")
        for match in OFFSITE_IN_CODE.finditer(text):
            offsite.append(f"{file.relative_to(built_site)}: {text[match.start():match.end() + 40]!r}")
    assert not offsite, "\n".join(offsite)


def test_no_page_names_a_repository_or_analytics(html_pages):
    for name, soup in html_pages.items():
        assert soup.select_one(".md-source") is None, name
        assert "googletagmanager" not in str(soup) and "gtag(" not in str(soup), name
        assert soup.find("meta", attrs={"name": "referrer", "content": "no-referrer"}), name
