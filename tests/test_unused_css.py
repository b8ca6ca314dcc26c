"""Trimming Material's stylesheet (hooks/unused_css.py): what goes, what stays, and the result
in the built site (smaller, no stale source map).

The pure functions are checked on small stylesheets written here; the built site's Material
stylesheet is checked against the copy Material ships.
"""
import gzip
import importlib.util
import re
import sys
from pathlib import Path

from support import ROOT

# Material's main stylesheet after trimming, gzip level 6 (as served): 13,179 bytes when the
# hand-written tokenizer was replaced; never let it grow back past that.
TRIMMED_BUDGET = 13_179


def load_hook():
    spec = importlib.util.spec_from_file_location("unused_css", ROOT / "hooks" / "unused_css.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as MkDocs loads a hook (its dataclass needs it)
    spec.loader.exec_module(module)
    return module


unused_css = load_hook()


def use(html="", scripts=(), stylesheets=(), added=()):
    return unused_css.page_use([html], scripts, stylesheets, added)


def trim(css, html="", scripts=(), stylesheets=(), added=()):
    return unused_css.trim_stylesheet(css, use(html, scripts, stylesheets, added))


# -- Selectors ----------------------------------------------------------------------------------

def test_a_rule_for_a_class_no_page_has_goes():
    html = '<p class="kept">x</p>'
    assert trim(".kept{color:red}.gone{color:blue}", html) == ".kept{color:red}"


def test_only_the_selectors_that_cannot_match_leave_a_list():
    html = '<div id="here"><p class="a">x</p></div>'
    assert trim(".a,.b,#here,#there,p,table{margin:0}", html) == ".a,#here,p{margin:0}"


def test_what_a_script_adds_is_kept_only_when_declared():
    """SCRIPTS_ADD, not the words of the scripts: renaming a variable never changes the CSS."""
    css = ".md-dialog--active{opacity:1}[role=tooltip]>.x{x:1}mark{x:2}[data-md-highlight]{x:3}"
    assert trim(css, '<p class="x">x</p>', scripts=['el.classList.add("md-dialog--active"); var mark, tooltip']) == ""
    assert trim(css, '<p class="x">x</p>', added=[".md-dialog--active", "[role=tooltip]", "mark",
                                                    "[data-md-highlight]"]) == css


def test_every_declared_addition_is_written_as_css_writes_it_and_says_why():
    assert unused_css.SCRIPTS_ADD
    for written, why in unused_css.SCRIPTS_ADD.items():
        unused_css.add(unused_css.Use(), written)  # raises on anything but .class, [attr], [attr=v], element
        assert why.strip(), written


def test_the_palettes_switching_rule_goes():
    """Material's palette script sets data-md-color-switching on <body> at every page load; the rule
    for it makes the browser restyle every element twice (Total Blocking Time on a phone): it is
    not declared, so it goes, and the colours fade instead of snapping when the scheme changes."""
    assert not any("data-md-color-switching" in key for key in unused_css.SCRIPTS_ADD)
    css = ("@media screen{[data-md-color-switching] *,[data-md-color-switching] :after"
           "{transition-duration:0s!important}}[data-md-color-scheme=slate]{x:1}")
    html = '<body data-md-color-scheme="default"><input data-md-color-scheme="slate"></body>'
    assert trim(css, html, added=unused_css.SCRIPTS_ADD) == "[data-md-color-scheme=slate]{x:1}"


def test_a_trimmed_stylesheet_comes_from_the_cache_when_nothing_it_reads_changed(tmp_path, monkeypatch):
    css = ".a{x:1}.b{x:2}"
    first = unused_css.TrimCache(tmp_path, ['<p class="a">x</p>'], [], [])
    assert first.trimmed(css) == ".a{x:1}"
    assert len(list(tmp_path.glob("*.css"))) == 2  # under the texts' hash and under the use's hash

    def no_parsing(*_):
        raise AssertionError("parsed again")

    monkeypatch.setattr(unused_css, "trim_stylesheet", no_parsing)
    assert unused_css.TrimCache(tmp_path, ['<p class="a">x</p>'], [], []).trimmed(css) == ".a{x:1}"
    # Other words, the same names: found by what the page uses, without parsing the CSS.
    assert unused_css.TrimCache(tmp_path, ['<p class="a">other words</p>'], [], []).trimmed(css) == ".a{x:1}"
    monkeypatch.undo()
    assert unused_css.TrimCache(tmp_path, ['<p class="b">x</p>'], [], []).trimmed(css) == ".b{x:2}"


def test_what_is_inside_not_is_where_and_has_never_drops_a_selector():
    html = '<p class="a">x</p>'
    css = ".a:not(.never){x:1}:is(.never,.a) p{x:2}.a:has(> .never){x:3}.a:nth-child(odd){x:4}"
    assert trim(css, html) == css


def test_pseudo_classes_and_elements_are_not_taken_for_elements():
    html = '<a class="a">x</a>'
    assert trim(".a:hover{x:1}.a::before{x:2}a:focus-visible{x:3}", html) == ".a:hover{x:1}.a::before{x:2}a:focus-visible{x:3}"


def test_attribute_selectors_need_the_attribute_and_for_equals_the_value():
    html = '<body data-md-color-scheme="slate"><p dir="ltr">x</p></body>'
    css = ('[data-md-color-scheme=slate]{x:1}[data-md-color-scheme=default]{x:2}[dir=ltr] p{x:3}'
           '[dir=rtl] p{x:4}[data-nothing]{x:5}[hidden]{x:6}[data-md-color-scheme^=sl]{x:7}')
    assert trim(css, html) == ('[data-md-color-scheme=slate]{x:1}[dir=ltr] p{x:3}[hidden]{x:6}'
                               '[data-md-color-scheme^=sl]{x:7}')


def test_strings_and_escapes_are_the_parsers_business():
    html = '<p class="a" title="{,}">x</p>'
    css = '.a[title="{,}"]{content:"}{;,"}.a::after{content:"\\"}"}.b{content:"{"}'
    assert trim(css, html) == '.a[title="{,}"]{content:"}{;,"}.a::after{content:"\\"}"}'


# -- Rules and properties -----------------------------------------------------------------------

def test_grouping_rules_keep_what_may_match_and_go_when_empty():
    html = '<p class="a">x</p>'
    css = ("@media screen{.a{x:1}.b{x:2}}@media print{.b{x:3}}"
           "@supports (display:grid){@media (min-width:10em){.a{x:4}}}")
    assert trim(css, html) == "@media screen{.a{x:1}}@supports (display:grid){@media (min-width:10em){.a{x:4}}}"


def test_other_at_rules_stay_whole():
    css = '@charset "UTF-8";@page{margin:0}@font-face{font-family:x;src:url(x.woff2)}'
    assert trim(css) == css


def test_unused_custom_properties_go_also_when_only_another_unused_one_read_them():
    html = '<p class="a">x</p>'
    css = ":root{--used:red;--chain:blue;--only-by-chain:green;--by-script:0}.a{color:var(--used)}"
    css += ".gone{color:var(--chain)}:root{--unread:var(--only-by-chain)}"
    assert trim(css, html, scripts=["x.style.setProperty('--by-script', 1)"]) == \
        ":root{--used:red;--by-script:0}.a{color:var(--used)}"


def test_a_property_read_by_the_sites_own_stylesheet_or_an_inline_style_stays():
    css = ":root{--md-a:1;--md-b:2;--md-c:3}"
    html = '<p style="width:var(--md-b)">x</p>'
    assert trim(css, html, stylesheets=[".x{margin:var(--md-a)}"]) == ":root{--md-a:1;--md-b:2}"


def test_keyframes_stay_only_while_something_names_them():
    html = '<p class="a">x</p>'
    css = "@keyframes spin{to{x:1}}@keyframes fade{to{x:1}}@keyframes ours{to{x:1}}.a{animation:spin 1s}.b{animation:fade 1s}"
    assert trim(css, html, stylesheets=[".x{animation:ours 2s}"]) == \
        "@keyframes spin{to{x:1}}@keyframes ours{to{x:1}}.a{animation:spin 1s}"


def test_comments_and_the_source_map_link_go():
    html = '<p class="a">x</p>'
    css = "/* note */.a{x:1}/*# sourceMappingURL=main.min.css.map*/"
    assert trim(css, html) == ".a{x:1}"


# -- The built site -----------------------------------------------------------------------------

def material_stylesheets(site):
    return sorted(p for p in (site / "assets" / "stylesheets").glob("*.css") if unused_css.MATERIAL_CSS.match(p.name))


def test_materials_stylesheets_are_trimmed_within_budget(built_site):
    import material

    shipped = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    found = material_stylesheets(built_site)
    assert [p.name for p in found if p.name.startswith("main.")], "no Material main stylesheet in the site"
    for path in found:
        original = next(shipped.glob(path.name.split(".")[0] + ".*.min.css")).read_bytes()
        trimmed = path.read_bytes()
        assert len(trimmed) < len(original), f"{path.name} was not trimmed"
        if path.name.startswith("main."):
            size = len(gzip.compress(trimmed, 6))
            assert size <= TRIMMED_BUDGET, f"{path.name}: {size} bytes gzipped, budget {TRIMMED_BUDGET}"
    main = next(p for p in found if p.name.startswith("main.")).read_text(encoding="utf-8")
    assert ".md-typeset .admonition" in main and ".md-header" in main  # what every page uses
    assert "highlighttable" not in main  # code blocks with line numbers: none on this site
    assert ".md-search-result__item" in main and ".md-tooltip2" in main  # declared: the bundle adds them
    palette = next(p for p in found if p.name.startswith("palette.")).read_text(encoding="utf-8")
    assert "data-md-color-switching" not in palette and "[data-md-color-scheme=slate]" in palette


def test_no_stale_source_map_is_left(built_site):
    """A rewritten stylesheet has no sourceMappingURL and no .map beside it; every remaining
    sourceMappingURL (Material's untouched bundle) names a map that is there."""
    for path in material_stylesheets(built_site):
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path.name
        assert not path.with_name(path.name + ".map").exists(), f"{path.name}.map describes the untrimmed file"
    for path in list(built_site.rglob("*.css")) + list(built_site.rglob("*.js")):
        for target in re.findall(r"sourceMappingURL=(\S+?)(?:\s*\*/|\s*$)", path.read_text(encoding="utf-8"), re.M):
            assert (path.parent / target).exists(), f"{path.relative_to(built_site)} names a missing {target}"
    for map_file in built_site.rglob("*.map"):
        assert map_file.with_suffix("").exists(), f"{map_file.relative_to(built_site)} maps nothing"


def test_each_trimmed_stylesheet_has_its_own_hashed_name_and_every_page_links_it(built_site):
    """A cache that keeps hashed files for long cannot serve an untrimmed (or older) copy: the
    trimmed file is named by a hash of its own content, it is the one every page links, and
    neither Material's shipped name nor any other copy is left linked or in the site."""
    import hashlib

    import material
    from bs4 import BeautifulSoup

    from support import built_pages

    shipped = {p.name for p in (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.min.css")}
    found = material_stylesheets(built_site)
    assert sorted(p.name.split(".")[0] for p in found) == ["main", "palette"], [p.name for p in found]
    for path in found:
        assert path.name.split(".")[1] == hashlib.sha256(path.read_bytes()).hexdigest()[:8], path.name
        assert path.name not in shipped, f"{path.name}: Material's own name, not the trimmed file's"
    names = {p.name for p in found}
    for html_file in built_pages(built_site):
        page = BeautifulSoup((built_site / html_file).read_text(encoding="utf-8"), "html.parser")
        linked = {MATERIAL_LINK.search(link["href"]).group(0) for link in page.select('link[rel="stylesheet"]')
                  if MATERIAL_LINK.search(link["href"])}
        assert linked == names, (html_file, linked)


MATERIAL_LINK = re.compile(r"(main|palette)\.[0-9a-f]{8}\.min\.css$")
