"""The one list of the site's own scripts and stylesheets (extra.page_assets in mkdocs.yml):
every file in it exists and is built minified, every file of ours is in it, each loads only
on the pages that hold its marker, and Material's ready-minified files are left alone.
"""
import re

import pytest

from support import ROOT, built_pages, page_asset_file, page_assets, site_path, wants_asset

ASSETS = ROOT / "docs" / "assets"
TAG = re.compile(r"""<(?:script\b[^>]*?\ssrc|link\b[^>]*?rel="?stylesheet"?[^>]*?\shref)=["']?([^"'\s>]+)""")


def source(asset):
    if "script" in asset:
        return ASSETS / "javascripts" / asset["script"]
    return ASSETS / "stylesheets" / asset["stylesheet"]


def loaded(site, html_file):
    """The site-relative paths of the scripts and stylesheets a built page loads (a script may
    wait in a <template> until after the first paint: it counts)."""
    html = (site / html_file).read_text(encoding="utf-8")
    # Relative ("../assets/...") or, on the 404 page, absolute under site_url's path ("/repo/assets/...").
    return [re.sub(r"^(\.\./)+|^" + re.escape(site_path()), "", url) for url in TAG.findall(html)]


def test_every_listed_asset_exists_and_is_built_minified(built_site):
    assert page_assets(), "extra.page_assets is empty"
    for asset in page_assets():
        assert set(asset) <= {"script", "stylesheet", "when", "at_once"}, asset
        assert ("script" in asset) != ("stylesheet" in asset), asset
        assert source(asset).is_file(), f"{asset}: no such file in docs/assets/"
        assert (built_site / page_asset_file(asset)).is_file(), f"{asset}: {page_asset_file(asset)} was not built"
        unminified = f"assets/{source(asset).parent.name}/{source(asset).name}"
        assert not (built_site / unminified).exists(), f"{unminified} was left unminified"


def test_every_script_and_stylesheet_of_ours_is_listed():
    listed = {source(asset) for asset in page_assets()}
    ours = set(ASSETS.glob("javascripts/*.js")) | set(ASSETS.glob("stylesheets/*.css"))
    ours.discard(ASSETS / "stylesheets" / "print.css")  # media="print", every page: overrides/main.html
    assert sorted(p.name for p in ours - listed) == [], "add these to extra.page_assets in mkdocs.yml"


def test_materials_own_minified_files_are_left_as_they_are(built_site):
    for folder, pattern in (("javascripts", "bundle.*.min.js"), ("stylesheets", "main.*.min.css")):
        found = list((built_site / "assets" / folder).glob(pattern))
        assert found and not [p for p in found if ".min.min." in p.name], found
    assert not list(built_site.rglob("*.min.min.*"))


@pytest.fixture(scope="module")
def pages(built_site):
    return {f: (built_site / f).read_text(encoding="utf-8") for f in built_pages(built_site)}


def test_each_asset_loads_exactly_on_the_pages_with_its_marker(built_site, pages):
    """Checked against the built HTML: a page with the marker loads the file once; a page
    without it never does; an asset with no `when` loads everywhere."""
    some_page_lacks_some_asset = False
    for html_file, html in pages.items():
        urls = loaded(built_site, html_file)
        for asset in page_assets():
            wanted = wants_asset(asset, html)
            assert urls.count(page_asset_file(asset)) == (1 if wanted else 0), (html_file, asset, urls)
            some_page_lacks_some_asset |= not wanted
    assert some_page_lacks_some_asset, "every page loads every asset: the markers select nothing"


def test_at_once_scripts_load_from_the_head_and_the_others_after_the_first_paint(built_site, pages):
    html = pages["readiness-checklist/index.html"]
    head, template = html[: html.find("</head>")], html[html.find("<template id=__scripts"):]
    for asset in page_assets():
        if "script" not in asset or page_asset_file(asset) not in loaded(built_site, "readiness-checklist/index.html"):
            continue
        name = page_asset_file(asset).split("/")[-1]
        if asset.get("at_once"):
            assert re.search(rf"<script src=[^>]*{re.escape(name)}[^>]* defer>", head), name
        else:
            assert name not in head and name in template[: template.find("</template>")], name
