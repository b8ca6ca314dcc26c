"""The one list of the site's own scripts and stylesheets (extra.page_assets in mkdocs.yml):
every file in it exists and is built minified where extra.page_asset_urls says, every file of
ours is in it, and Material's ready-minified files are left alone. What each built page loads
(its <script src> and stylesheet links, a script waiting in the <template> until after the
first paint included) is read from the page itself: each behaviour's files load together, the
entries without `name` on every page, a named one on exactly the pages that declare it in their
front matter (`assets: [checklist]`); nothing outside the list. A page that has the markup a
named script works on but does not declare it fails here (NEEDS), and so does a declared name
that the list does not have. Whether a behaviour works on the pages that need it is shown by its
own tests (test_checklist.py, test_copy_scripts.py, ...); the browser's requests on every page
are held to the same list in test_browser_pages.py.
"""
import re

import pytest
import yaml

from support import ROOT, built_pages, page_asset_files, page_assets, site_path

ASSETS = ROOT / "docs" / "assets"
SOURCES = {"script": ("javascripts", ".js"), "stylesheet": ("stylesheets", ".css")}
TAG = re.compile(r"""<(?:script\b[^>]*?\ssrc|link\b[^>]*?rel="?stylesheet"?[^>]*?\shref)=["']?([^"'\s>]+)""")
OURS = re.compile(r"^assets/(javascripts|stylesheets)/(?!bundle\.|main\.|palette\.|workers/)")


def sources(asset):
    return [ASSETS / SOURCES[kind][0] / (asset[kind] + SOURCES[kind][1]) for kind in SOURCES if kind in asset]


def loaded(site, html_file):
    """The site-relative paths of the scripts and stylesheets a built page loads."""
    html = (site / html_file).read_text(encoding="utf-8")
    # Relative ("../assets/...") or, on the 404 page, absolute under site_url's path ("/repo/assets/...").
    return [re.sub(r"^(\.\./)+|^" + re.escape(site_path()), "", url) for url in TAG.findall(html)]


@pytest.fixture(scope="module")
def pages(built_site):
    return {f: loaded(built_site, f) for f in built_pages(built_site)}


def test_every_listed_asset_exists_and_is_built_minified(built_site):
    assert page_assets(), "extra.page_assets is empty"
    for asset in page_assets():
        assert set(asset) <= {"script", "stylesheet", "media", "name", "at_once"}, asset
        assert sources(asset), f"{asset}: names neither a script nor a stylesheet"
        for source, built in zip(sources(asset), page_asset_files(asset)):
            assert source.is_file(), f"{asset}: no such file {source.relative_to(ROOT)}"
            assert (built_site / built).is_file(), f"{asset}: {built} was not built"
            unminified = built_site / source.relative_to(ROOT / "docs")
            assert not unminified.exists(), f"{unminified.name} was left unminified"


def test_every_script_and_stylesheet_of_ours_is_listed():
    listed = {source for asset in page_assets() for source in sources(asset)}
    ours = set(ASSETS.glob("javascripts/*.js")) | set(ASSETS.glob("stylesheets/*.css"))
    assert sorted(p.name for p in ours - listed) == [], "add these to extra.page_assets in mkdocs.yml"


def test_no_name_is_typed_twice():
    names = [asset["name"] for asset in page_assets() if asset.get("name")]
    assert len(names) == len(set(names)), names


# The markup each named entry's script works on (a CSS selector): a page that has it must declare
# the name in its front matter, and a page that declares it must have it.
NEEDS = {
    "send-to-partner": ".admonition.share-partner",
    "checklist": ".readiness-checklist, .task-list",
    "copy": ".admonition.script",
    "print-button": ".print-page",
    "whole-guide": "[data-whole-guide]",
    "ask-your-partner": "[data-ask-builder]",
}


def declared_assets():
    """{page source: the names its front matter declares under `assets`}, every page in docs/."""
    found = {}
    for source in sorted((ROOT / "docs").rglob("*.md")):
        if "snippets" in source.relative_to(ROOT / "docs").parts:
            continue
        match = re.match(r"\A---\n(.*?\n)---\n", source.read_text(encoding="utf-8"), re.S)
        meta = (yaml.safe_load(match.group(1)) if match else None) or {}
        found[source.relative_to(ROOT / "docs").as_posix()] = meta.get("assets") or []
    return found


def test_every_declared_name_is_in_the_list():
    names = {asset["name"] for asset in page_assets() if asset.get("name")}
    declared = declared_assets()
    assert any(declared.values()), "no page declares an asset: is the front matter key still `assets`?"
    for source, wanted in declared.items():
        assert isinstance(wanted, list), (source, wanted)
        assert sorted(set(wanted) - names) == [], (source, "declares names extra.page_assets does not have")


def test_every_named_entry_says_what_markup_it_needs():
    assert sorted(NEEDS) == sorted(asset["name"] for asset in page_assets() if asset.get("name"))


def test_a_page_with_the_markup_a_script_needs_declares_it(built_site, pages):
    """A forgotten declaration is caught: the page has the markup, but not the script."""
    from bs4 import BeautifulSoup

    assets = {asset["name"]: asset for asset in page_assets() if asset.get("name")}
    for html_file in built_pages(built_site):
        page = BeautifulSoup((built_site / html_file).read_text(encoding="utf-8"), "html.parser")
        for name, selector in NEEDS.items():
            has_markup = bool(page.select(selector))
            loads = all(file in pages[html_file] for file in page_asset_files(assets[name]))
            assert has_markup == loads, (html_file, name, "has the markup but does not declare it" if has_markup
                                         else "declares it (assets:) but has no markup for it")


def test_materials_own_minified_files_are_left_as_they_are(built_site):
    for folder, pattern in (("javascripts", "bundle.*.min.js"), ("stylesheets", "main.*.min.css")):
        found = list((built_site / "assets" / folder).glob(pattern))
        assert found and not [p for p in found if ".min.min." in p.name], found
    assert not list(built_site.rglob("*.min.min.*"))


def test_pages_load_only_listed_files_each_behaviours_together(pages):
    listed = {file for asset in page_assets() for file in page_asset_files(asset)}
    for html_file, urls in pages.items():
        ours = [url for url in urls if OURS.match(url)]
        assert sorted(set(ours) - listed) == [], (html_file, "loads files that are not in extra.page_assets")
        assert len(ours) == len(set(ours)), (html_file, "loads a file twice", ours)
        for asset in page_assets():
            files = page_asset_files(asset)
            count = sum(file in ours for file in files)
            assert count in (0, len(files)), (html_file, asset, "loads part of one behaviour's files", ours)


def test_assets_without_name_load_everywhere_the_others_only_somewhere(pages):
    for asset in page_assets():
        first = page_asset_files(asset)[0]
        where = [html_file for html_file, urls in pages.items() if first in urls]
        if not asset.get("name"):
            assert len(where) == len(pages), (asset, sorted(set(pages) - set(where)))
        else:
            assert 0 < len(where) < len(pages), (asset, "loads on no page, or on every page", where)


def test_media_is_kept_and_at_once_scripts_load_from_the_head(built_site, pages):
    """`media` reaches the link; an `at_once` script is deferred in the head, the others wait
    in the <template> until after the first paint."""
    for html_file in ("readiness-checklist/index.html", "whole-guide/index.html"):
        html = (built_site / html_file).read_text(encoding="utf-8")
        head, template = html[: html.find("</head>")], html[html.find("<template id=__scripts"):]
        template = template[: template.find("</template>")]
        for asset in page_assets():
            for file in page_asset_files(asset):
                if file not in pages[html_file]:
                    continue
                name = re.escape(file.split("/")[-1])
                if asset.get("media"):
                    assert re.search(rf"<link rel=stylesheet href=\S*{name} media={asset['media']}>", head), file
                elif file.endswith(".css"):
                    assert re.search(rf"<link rel=stylesheet href=\S*{name}>", head), file
                elif asset.get("at_once"):
                    assert re.search(rf"<script src=\S*{name} defer>", head), file
                else:
                    assert name.replace("\\", "") not in head and re.search(rf"<script src=\S*{name}>", template), file


def test_site_js_comes_before_every_other_script_of_ours(pages):
    site_js = page_asset_files(page_assets()[0])
    assert any(file.endswith("/site.min.js") for file in site_js), "site.js is not the first entry"
    for html_file, urls in pages.items():
        scripts = [url for url in urls if OURS.match(url) and url.endswith(".js")]
        assert scripts and scripts[0] in site_js, (html_file, scripts)
