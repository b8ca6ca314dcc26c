"""Link previews: every built page (the 404 page too) carries Open Graph and Twitter
card tags, and its og:image is its own 1200x630 PNG in the built site.

Also: the cards are cached (a rebuild with nothing changed draws nothing; a changed
title redraws only that page's card: on a project of three pages, support.small_project, built
in-process) and never carry the practice's contact details.
"""

import pytest
from bs4 import BeautifulSoup

from support import ROOT, build_in_process, built_pages, png_size, site_config, small_project, with_changes

REQUIRED = [
    ("property", "og:type"), ("property", "og:site_name"), ("property", "og:title"),
    ("property", "og:description"), ("property", "og:url"), ("property", "og:image"),
    ("property", "og:image:width"), ("property", "og:image:height"), ("property", "og:image:alt"),
    ("name", "twitter:card"),
]


CONFIG = site_config()
SITE_URL = CONFIG["site_url"]


def meta(soup, attr, key):
    tag = soup.find("meta", attrs={attr: key})
    return tag["content"] if tag and tag.has_attr("content") else None


def parse(site, html_file):
    return BeautifulSoup((site / html_file).read_text(encoding="utf-8"), "html.parser")


def image_file(site, url):
    assert url.startswith(SITE_URL), f"og:image {url} is not an absolute address under {SITE_URL}"
    return site / url[len(SITE_URL):]


def test_every_page_has_all_preview_tags(built_site):
    pages = built_pages(built_site)
    assert "404.html" in pages and "for-your-partner/index.html" in pages
    for html_file in pages:
        soup = parse(built_site, html_file)
        for attr, key in REQUIRED:
            value = meta(soup, attr, key)
            assert value and value.strip(), f"{html_file}: no {key}"
        assert meta(soup, "name", "twitter:card") == "summary_large_image", html_file
        assert meta(soup, "property", "og:image:width") == "1200", html_file
        assert meta(soup, "property", "og:image:height") == "630", html_file
        assert meta(soup, "property", "og:site_name") == CONFIG["site_name"], html_file
        assert meta(soup, "property", "og:type") in ("website", "article"), html_file
        # The description shown in a preview is the page's own (front matter) description.
        assert meta(soup, "property", "og:description") == meta(soup, "name", "description"), html_file


def test_og_url_is_the_canonical_address(built_site):
    for html_file in built_pages(built_site):
        soup = parse(built_site, html_file)
        og_url = meta(soup, "property", "og:url")
        canonical = soup.find("link", rel="canonical")
        if html_file == "404.html":
            # Served for any address that does not exist: it points at the guide's start.
            assert canonical is None
            assert og_url == SITE_URL
            continue
        assert canonical is not None, f"{html_file}: no canonical link"
        assert og_url == canonical["href"], html_file
        assert og_url == SITE_URL + html_file[: -len("index.html")], html_file
        assert "?" not in og_url and "#" not in og_url, html_file


def test_og_title_is_the_page_heading(built_site):
    for html_file in built_pages(built_site):
        if html_file == "404.html":
            continue
        soup = parse(built_site, html_file)
        heading = soup.find("article").find("h1").get_text(" ", strip=True)
        assert meta(soup, "property", "og:title") == heading, html_file
        assert meta(soup, "name", "twitter:title") == heading, html_file


def test_each_page_has_its_own_1200x630_png(built_site):
    seen = {}
    for html_file in built_pages(built_site):
        soup = parse(built_site, html_file)
        url = meta(soup, "property", "og:image")
        assert meta(soup, "name", "twitter:image") == url, html_file
        path = image_file(built_site, url)
        assert path.is_file(), f"{html_file}: {url} is not in the built site"
        assert png_size(path) == (1200, 630), f"{html_file}: {path.name} is {png_size(path)}"
        assert url not in seen, f"{html_file} and {seen.get(url)} share {url}"
        seen[url] = html_file
    contents = {image_file(built_site, url).read_bytes() for url in seen}
    assert len(contents) == len(seen), "two pages have the same picture"


def test_partner_page_card_reads_as_an_invitation(built_site):
    soup = parse(built_site, "for-your-partner/index.html")
    alt = meta(soup, "property", "og:image:alt")
    assert alt.startswith(meta(soup, "property", "og:title"))
    assert "written for you" in alt.lower()


def test_cards_carry_no_practice_details_or_alarming_words(built_site):
    practice = CONFIG["extra"]["practice"]
    private = [practice["phone"], practice["email"], practice["address"], practice["review_owner"],
               practice["booking_url"]]
    alarming = ["abuse", "violence", "danger", "emergency", "crisis", "urgent", "warning", "divorce"]
    for html_file in built_pages(built_site):
        alt = meta(parse(built_site, html_file), "property", "og:image:alt")
        for detail in private:
            assert detail not in alt, f"{html_file}: the card shows {detail!r}"
        for word in alarming:
            assert word not in alt.lower(), f"{html_file}: the card says {word!r}"


def test_card_font_ships_with_its_licence():
    fonts = ROOT / "hooks" / "fonts"
    assert sorted(p.name for p in fonts.glob("*.ttf")) == ["OpenSans-Regular.ttf", "OpenSans-Semibold.ttf"]
    licence = (fonts / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence


def test_generated_cards_stay_out_of_git():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "site/" in ignored and ".cache/" in ignored
    assert not list((ROOT / "docs").rglob("assets/images/social/*.png"))


@pytest.fixture
def project_copy(tmp_path):
    """A project of three pages to build and change, with the suite's settings."""
    project = tmp_path / "project"
    small_project(project, ("index.md", "privacy.md", "for-your-partner.md"), with_changes())
    return project


def cached_build(project, site, cache):
    result = build_in_process(project / "settings.yml", site, env={"SOCIAL_CARDS_CACHE": str(cache)})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_rebuild_with_nothing_changed_draws_nothing(project_copy, tmp_path):
    cache = tmp_path / "cache"
    first = cached_build(project_copy, tmp_path / "site1", cache)
    pages = len(built_pages(tmp_path / "site1"))  # one card a page, the 404 page too
    assert f"Social cards: {pages} drawn, 0 from the cache" in first
    stamps = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")}
    assert len(stamps) == pages

    second = cached_build(project_copy, tmp_path / "site2", cache)
    assert f"Social cards: 0 drawn, {pages} from the cache" in second
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.png")} == stamps
    assert png_size(tmp_path / "site2" / "assets/images/social/for-your-partner.png") == (1200, 630)

    # A new title redraws that page's card only.
    page = project_copy / "docs" / "privacy.md"
    text = page.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("# "))
    page.write_text(text.replace(heading, heading + " (new)", 1), encoding="utf-8")
    third = cached_build(project_copy, tmp_path / "site3", cache)
    assert f"Social cards: 1 drawn, {pages - 1} from the cache" in third
