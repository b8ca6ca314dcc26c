"""The site built with Zensical, Material for MkDocs' successor, still gives every reader what
they need: every page of the guide, no placeholder left unfilled, the practice's details, the
quick exit and the safety link on every page, nothing that points nowhere, and working scripts
and search. What needs a hook (the review dates, the footer's number, link-preview titles and
images, the sitemap's entries: MAINTAINING.md, "Zensical") is MkDocs-only and not looked for.

`make zensical` builds the site with Zensical (strict) into site-zensical/ and runs this file
with ZENSICAL_SITE set to that folder; `make test` (the MkDocs build) leaves this file out.
Everything expected is read from the settings (mkdocs.yml, or SITE_SETTINGS over it), through
MkDocs' own loader (conftest.site_config), never typed here. The `built_site` fixture below
stands in for conftest's MkDocs build, so conftest's server and browser serve the Zensical one.
"""
import html
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from support import ROOT, built_pages, canonical, page_path, practice, site_config, site_path

QUICK_EXIT_TEXT = "Leave this site quickly"
LOCAL = "https://site.invalid"  # a stand-in origin to resolve each page's relative links on


@pytest.fixture(scope="session")
def built_site():
    """The folder `make zensical` built, checked to be Zensical's work (its generator tag)."""
    folder = os.environ.get("ZENSICAL_SITE")
    assert folder, "ZENSICAL_SITE is not set: run `make zensical`, which builds the site with Zensical first"
    site = (ROOT / folder).resolve()
    home = site / "index.html"
    assert home.is_file(), f"{site}: no site built here (run `make zensical`)"
    generator = soup(home).find("meta", attrs={"name": "generator"})
    assert generator and generator["content"].startswith("zensical-"), f"{site} was not built by Zensical"
    return site


def soup(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def text(element):
    return " ".join(element.get_text(" ").split())


def nav_sources(items):
    """The Markdown files of the navigation, in its order."""
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from nav_sources(value)
        elif isinstance(value, str) and value.endswith(".md"):
            yield value


def page_file(source):
    """'contact.md' -> 'contact/index.html'; 'index.md' -> 'index.html' (directory URLs)."""
    stem = source[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def front_matter(source):
    from mkdocs.utils.meta import get_data

    docs = Path(site_config().docs_dir)
    return get_data((docs / source).read_text(encoding="utf-8"))[1]


SOURCES = list(nav_sources(site_config().nav))


def pages(site):
    """Every HTML page Zensical wrote (the 404 page too)."""
    return built_pages(site)


def target_file(site, html_file, href):
    """The built file a link on `html_file` leads to, or None when it leaves the site."""
    base = f"{LOCAL}{site_path()}{page_path(html_file)}"
    url = urlsplit(urljoin(base, href))
    public = urlsplit(site_config().site_url)
    if (url.scheme, url.netloc) == (public.scheme, public.netloc):  # the published address
        url = urlsplit(LOCAL + url.path)
    if f"{url.scheme}://{url.netloc}" != LOCAL:
        return None
    path = unquote(url.path)
    if path + "/" == site_path():  # '/repo': the host sends it on to '/repo/'
        path += "/"
    assert path.startswith(site_path()), f"{html_file}: {href} leads outside the site's path"
    path = path[len(site_path()):]
    if path == "" or path.endswith("/"):
        path += "index.html"
    return site / path


def test_every_page_of_the_guide_is_built(built_site):
    """Each page of the navigation, and the 404 page, and nothing else (no snippet as a page)."""
    expected = sorted([page_file(source) for source in SOURCES] + ["404.html"])
    assert SOURCES and pages(built_site) == expected


def test_no_placeholder_is_left_unfilled(built_site):
    """No `{{`, `{%` or `{#` anywhere in a page or the sitemap: every placeholder, snippet and
    template was rendered."""
    files = pages(built_site) + ["sitemap.xml"]
    left = {name: re.findall(r".{0,40}\{[{%#].{0,40}", (built_site / name).read_text(encoding="utf-8"))
            for name in files}
    assert not {name: found for name, found in left.items() if found}


def test_the_practices_details_are_on_every_page(built_site):
    """The footer names the practice, the structured data holds name, phone and email, on every
    page; the contact page links the email address and dials the number. (The footer's number
    and its tel: link come from a value the macros module works out for MkDocs' templates only.)"""
    settings = practice()
    for name in pages(built_site):
        page = soup(built_site / name)
        footer = page.select_one(".practice-footer__contact")
        assert footer is not None, name
        assert settings["name"] in text(footer), (name, text(footer))
        data = json.loads(page.find("script", type="application/ld+json").string)
        assert (data["name"], data["telephone"], data["email"]) == (
            settings["name"], settings["phone"], settings["email"]), name
    contact = soup(built_site / "contact" / "index.html")
    article = contact.select_one("article")
    assert settings["name"] in text(contact.find("h1"))
    mail = [a for a in article.select('a[href^="mailto:"]') if a["href"] == f"mailto:{settings['email']}"]
    assert mail and text(mail[0]) == settings["email"]
    tel = tel_link(settings["phone"], settings.get("phone_extension"))
    assert any(a["href"] == tel and settings["phone"] in text(a) for a in article.select('a[href^="tel:"]')), tel


def tel_link(phone, extension):
    """The tel: link the site makes of the settings (hooks/practice_settings.py)."""
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import practice_settings
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    return practice_settings.tel_href(phone, extension)


def test_quick_exit_and_safety_link_on_every_page(built_site):
    """The safety bar, first thing after the skip link: "Leave this site quickly" to the neutral
    page in the settings, and a link to the safety page that the build has."""
    quick_exit_url = site_config().extra["quick_exit_url"]
    for name in pages(built_site):
        page = soup(built_site / name)
        bar = page.select_one("[data-md-component=announce] .safety-bar")
        assert bar is not None, name
        exit_link = bar.select_one("a.quick-exit")
        assert exit_link is not None and text(exit_link) == QUICK_EXIT_TEXT, name
        assert html.unescape(exit_link["href"]) == quick_exit_url, name
        assert page.find("a", href=True, class_=lambda c: c != "md-skip") is exit_link, (
            f"{name}: the quick exit is not the first link after the skip link")
        safety = bar.select_one(".safety-link a")
        assert safety is not None, name
        target = target_file(built_site, name, safety["href"])
        assert target == built_site / "safety" / "index.html" and target.is_file(), (name, safety["href"])


def test_every_link_and_asset_on_a_page_is_there(built_site):
    """Every link, stylesheet, script and image on every page that stays on the site finds its
    file in the build (so no link to a page only MkDocs makes), and the page assets in
    extra.page_assets load as they should, chosen from the front matter alone (no hook): each
    entry's files together, those without `name` on every page, a named one on exactly the pages
    that declare it (`assets:`)."""
    missing = []
    loaded = set()
    for name in pages(built_site):
        page = soup(built_site / name)
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in page.find_all(tag, **{attribute: True}):
                reference = element[attribute]
                if reference.startswith(("#", "mailto:", "tel:", "sms:", "data:")):
                    continue
                target = target_file(built_site, name, reference.split("#")[0])
                if target is None:
                    continue
                if not target.is_file():
                    missing.append((name, reference))
                if tag in ("link", "script"):
                    loaded.add((name, target.name))
    assert not missing
    urls = site_config().extra["page_asset_urls"]
    names = set(pages(built_site))
    for asset in site_config().extra["page_assets"]:
        files = [urls[kind].replace("NAME", asset[kind]).split("/")[-1] for kind in ("script", "stylesheet") if kind in asset]
        where = [{name for name, file in loaded if file == built} for built in files]
        assert all(found == where[0] for found in where), (asset, "its files load on different pages")
        declaring = {page_file(source) for source in SOURCES if asset.get("name") in (front_matter(source).get("assets") or [])}
        assert where[0] == (declaring if asset.get("name") else names), (asset, where[0])


def test_a_shared_link_previews_its_own_page(built_site):
    """Each page's link preview names that page's address and description, not the home page's."""
    for source in SOURCES:
        page = soup(built_site / page_file(source))
        url = page.find("meta", property="og:url")["content"]
        description = page.find("meta", property="og:description")["content"]
        assert url == canonical(page_path(page_file(source))), source
        assert description == front_matter(source)["description"], source


def search_word():
    """A word the guide surely holds: the first long word of the safety page's heading."""
    heading = re.search(r"^#\s+(.+)$", (Path(site_config().docs_dir) / "safety.md").read_text(encoding="utf-8"), re.M)
    return next(word for word in re.findall(r"[A-Za-z]+", heading.group(1)) if len(word) > 4)


@pytest.mark.parametrize("path", [page_path(page_file(source)) for source in SOURCES] + ["404.html"])
def test_pages_work_in_a_browser(open_page, path):
    """The scripts all run with no error and nothing leaves the site; the quick exit opens
    the neutral page."""
    page = open_page(path)
    assert page.console_errors == [] and page.offsite_requests == []
    quick_exit_url = site_config().extra["quick_exit_url"]
    # The guard notes an offsite request and then aborts it: its failure comes after the note.
    with page.expect_event("requestfailed", lambda request: request.url == quick_exit_url):
        page.get_by_role("link", name=QUICK_EXIT_TEXT).click()
    assert page.offsite_requests == [quick_exit_url]


def test_search_finds_a_page(open_page, base_url):
    """Zensical's own search (its index is search.json): the site's search on demand (site.js)
    must not stand in its way. Opening it and typing a word of the guide lists pages of the
    site."""
    page = open_page("", width=1280, height=800)
    page.locator(".md-search__button").first.click()
    page.get_by_role("combobox", name="Search").fill(search_word())
    results = page.get_by_role("option")
    results.first.wait_for()
    assert results.first.get_attribute("href").startswith(base_url)
    assert page.console_errors == [] and page.offsite_requests == []
