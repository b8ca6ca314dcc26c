"""The build pipeline (hooks/pipeline.py) and its steps, each a plain function checked on short
strings, without a build: what each step does to its text, and that the steps that finish the
built site run in their order (the Content-Security-Policy last). The built site's side of it is
in test_content_security_policy.py, test_unused_css.py, test_page_assets.py and the feature tests.
"""
import base64
import datetime
import hashlib
import re

import pytest
import yaml

from support import ROOT, load_hook, reader_strings

pipeline = load_hook("pipeline")
checklist_labels = load_hook("checklist_labels")
compile_hint = load_hook("compile_hint")
content_security_policy = load_hook("content_security_policy")
minify_pages = load_hook("minify_pages")
page_assets = load_hook("page_assets")
print_links = load_hook("print_links")
review_dates = load_hook("review_dates")
unused_css = load_hook("unused_css")
valid_html = load_hook("valid_html")
whole_guide = load_hook("whole_guide")

STRINGS = reader_strings()
SITE = "https://name.example.org/guide/"
PHONE = {"tel": "tel:+12015550123;ext=7", "phone_text": "+1 201-555-0123 ext. 7"}


def sha256(script):
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


# -- One pipeline, in one module --------------------------------------------------------------------

def test_mkdocs_runs_one_hook_module_and_the_steps_register_no_events():
    hooks = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["hooks"]
    assert hooks == ["hooks/pipeline.py"]
    for module in sorted((ROOT / "hooks").glob("*.py")):
        source = module.read_text(encoding="utf-8")
        assert "event_priority" not in source, module.name
        if module.name not in ("pipeline.py", "macros.py"):  # macros.py: the macros plugin's module
            assert not re.search(r"^def on_", source, re.M), f"{module.name} registers an event: call it from pipeline.py"


def test_no_hook_leaves_instructions_for_another_in_the_markup_or_the_config():
    for folder in ("hooks", "overrides", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".html", ".md", ".js", ".css"):
                text = path.read_text(encoding="utf-8")
                for mark in ("data-page-only", "data-landmark", 'extra["derived"]', "extra.derived"):
                    assert mark not in text, (path.relative_to(ROOT), mark)


# -- Page steps ---------------------------------------------------------------------------------------

def test_a_checklist_box_gets_its_words_as_its_label():
    html = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
            '<span class="task-list-indicator"></span></label> We argue <em>often</em></li>')
    assert checklist_labels.label_checkboxes(html) == (
        '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled>'
        '<span class="task-list-indicator"></span><span class="task-list-text">We argue <em>often</em></span>'
        '</label></li>')
    assert checklist_labels.label_checkboxes("<p>No list</p>") == "<p>No list</p>"


def test_links_get_the_address_to_print_after_them():
    html = ('<a href="../safety/">Safety</a> <a href="#here">Here</a> <a href="tel:+12015550123;ext=7">Call us</a>'
            ' <a href="https://www.thehotline.org">https://www.thehotline.org</a>')
    assert print_links.annotate(html, "contact/", SITE, PHONE) == (
        f'<a href="../safety/" data-print-href="{SITE}safety/">Safety</a> <a href="#here">Here</a> '
        '<a href="tel:+12015550123;ext=7" data-print-href="+1 201-555-0123 ext. 7">Call us</a>'
        ' <a href="https://www.thehotline.org">https://www.thehotline.org</a>')


def test_the_whole_guide_leaves_out_what_belongs_to_its_own_page():
    content = ('<p>Before</p>\n<div class="print-page" hidden><button type="button">Print this page</button></div>\n'
               '<p class="print-pages">Kept: another class</p>')
    assert whole_guide.without(content, ("print-page",)) == '<p>Before</p>\n<p class="print-pages">Kept: another class</p>'
    assert whole_guide.without(content, ()) == content
    assert pipeline.PAGE_ONLY == ("print-page",)
    assert 'class="print-page"' in (ROOT / "docs" / "snippets" / "print-button.md").read_text(encoding="utf-8")


def test_the_whole_guides_page_declares_its_script():
    source = whole_guide.page_source(datetime.date(2026, 12, 7), STRINGS)
    assert "assets: [whole-guide]" in source.split("---")[1]


def test_a_page_may_declare_only_listed_assets():
    listed = [{"script": "site"}, {"name": "checklist", "script": "checklist"}]
    page_assets.check_declared("a.md", {"assets": ["checklist"]}, listed)
    page_assets.check_declared("a.md", {}, listed)
    with pytest.raises(Exception, match=r"a\.md: front matter 'assets' names chekclist"):
        page_assets.check_declared("a.md", {"assets": ["chekclist"]}, listed)
    with pytest.raises(Exception, match=r"a\.md: front matter 'assets' is 'checklist'"):
        page_assets.check_declared("a.md", {"assets": "checklist"}, listed)


def test_front_matter_is_checked_before_the_page_is_read():
    good = "---\ndescription: One calm sentence.\nlast_updated: 2026-11-22\n---\n# Title\n"
    assert review_dates.check_front_matter("a.md", good)["last_updated"] == datetime.date(2026, 11, 22)
    with pytest.raises(Exception, match=r"a\.md: line 3: last_updated is in quotes"):
        review_dates.check_front_matter("a.md", good.replace("2026-11-22", '"2026-11-22"'))
    with pytest.raises(Exception, match=r"a\.md: front matter has no 'description'"):
        review_dates.check_front_matter("a.md", good.replace("description: One calm sentence.\n", ""))


def test_the_review_line_says_pending_until_the_sign_off_covers_the_page():
    meta = {"last_updated": datetime.date(2026, 11, 22)}
    assert review_dates.review({}, {}, STRINGS) is None
    assert review_dates.review(meta, {}, STRINGS) == {"last_updated": "November 22, 2026", "signed": False, "overdue": False}
    practice = {"review_owner": "The team", "reviewer_credentials": "LMFTs", "reviewed_on": datetime.date(2026, 12, 1)}
    signed = review_dates.review(meta, practice, STRINGS)
    assert signed["signed"] and signed["reviewed_on"] == "December 1, 2026" and signed["next_review"] == "December 1, 2027"


def test_a_page_is_minified_as_the_minify_plugin_would_and_only_once(tmp_path, monkeypatch):
    from mkdocs_minify_plugin.plugin import MinifyPlugin

    html = '<!doctype html>\n<html>\n  <head>\n    <title>A  page</title>\n  </head>\n  <body class="a">\n    <p hidden="">Text</p>\n  </body>\n</html>\n'
    plugin = MinifyPlugin()
    plugin.config = {"minify_html": True, "htmlmin_opts": None}
    assert minify_pages.minify(html) == plugin._minify_html_page(html)
    assert minify_pages.cached_minify(html, tmp_path) == minify_pages.minify(html)
    monkeypatch.setattr(minify_pages, "minify", lambda _: "minified again")
    assert minify_pages.cached_minify(html, tmp_path) != "minified again"
    assert minify_pages.cached_minify(html + " ", tmp_path) == "minified again"


# -- Finishing the built site --------------------------------------------------------------------------

BUILT = ('<!doctype html><html><head><meta charset=utf-8><link rel=stylesheet href=../assets/stylesheets/main.57a0d79d.min.css>'
         '<script>var a=1</script><script type=application/json>{"b":2}</script></head><body>'
         '<input type=checkbox autocomplete=off id=__drawer><label tabindex for=__drawer></label>'
         '<div data-md-component=announce><aside class=md-banner><div class=safety-bar></div></aside></div>'
         '<div class=md-search data-md-component=search role=dialog></div></body></html>')


def test_mending_names_the_banner_and_the_search_dialog_and_drops_invalid_attributes():
    mended = valid_html.mend(BUILT, "Quick exit & help", "Search")
    assert '<aside class="md-banner" aria-label="Quick exit &amp; help">' in mended
    assert '<div class=md-search data-md-component=search role=dialog aria-label="Search">' in mended
    assert "autocomplete" not in mended and "tabindex" not in mended
    assert valid_html.mend(mended, "Quick exit & help", "Search") == mended  # twice is once


def test_relinking_points_pages_at_the_trimmed_stylesheet():
    renamed = {"main.57a0d79d.min.css": "main.0123abcd.min.css"}
    assert "href=../assets/stylesheets/main.0123abcd.min.css>" in unused_css.relink(BUILT, renamed)
    assert unused_css.relink(BUILT, {}) == BUILT


def test_the_policy_hashes_the_inline_scripts_that_run_and_is_first_after_charset():
    page = content_security_policy.with_policy(BUILT, "index.html")
    meta = re.search(r'<meta charset=utf-8>(<meta http-equiv="Content-Security-Policy" content="([^"]*)">)', page)
    assert meta, page[:200]
    assert f"script-src 'self' {sha256('var a=1')};" in meta.group(2)
    assert "unsafe-inline" not in meta.group(2) and meta.group(2).count("sha256-") == 1  # not the JSON block
    assert content_security_policy.with_policy(page, "index.html") == page  # a second run replaces it


def test_the_policy_is_the_last_step_so_its_hashes_are_of_the_page_as_served():
    renamed = {"main.57a0d79d.min.css": "main.0123abcd.min.css"}
    finished = pipeline.finish_page(valid_html.mend(BUILT, "Help", "Search"), renamed, True, "index.html")
    without_policy = content_security_policy.WRITTEN.sub("", finished)
    assert content_security_policy.with_policy(without_policy, "index.html") == finished
    assert "main.0123abcd.min.css" in finished and 'aria-label="Help"' in finished
    assert "Content-Security-Policy" not in pipeline.finish_page(BUILT, renamed, False, "index.html")


def test_finishing_a_built_site_mends_trims_relinks_then_writes_the_policy(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "stylesheets" / "main.57a0d79d.min.css").write_text(
        ".md-banner{x:1}.md-tag{x:2}[aria-label]{x:3}", encoding="utf-8")
    (site / "assets" / "stylesheets" / "main.57a0d79d.min.css.map").write_text("{}", encoding="utf-8")
    (site / "index.html").write_text(BUILT, encoding="utf-8")
    pipeline.finish_built_site(site, {**STRINGS, "quick_exit_landmark": "Help"}, write_policy=True, cache=tmp_path / "cache")
    css = list((site / "assets" / "stylesheets").iterdir())
    assert len(css) == 1 and css[0].read_text(encoding="utf-8") == ".md-banner{x:1}[aria-label]{x:3}"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert f"assets/stylesheets/{css[0].name}" in page and 'aria-label="Help"' in page
    assert content_security_policy.with_policy(content_security_policy.WRITTEN.sub("", page), "index.html") == page


# -- Material's bundle compiled while it downloads -----------------------------------------------

def test_the_bundle_gets_the_compile_hint_once_and_its_map_stays_true(tmp_path):
    script = '"use strict";(()=>{var a=1;})();\n//# sourceMappingURL=bundle.0123abcd.min.js.map\n'
    hinted = compile_hint.with_hint(script)
    assert hinted.splitlines()[0] == "//# allFunctionsCalledOnLoad"
    assert hinted.splitlines()[1:] == script.splitlines()
    assert compile_hint.with_hint(hinted) == hinted
    # One line more at the top of the file: one more (empty) line at the top of the mappings.
    assert compile_hint.map_with_hint('{"version":3,"mappings":"AAAA,CAAC;AACA"}') == \
        '{"version":3,"mappings":";AAAA,CAAC;AACA"}'
    folder = tmp_path / "assets" / "javascripts"
    folder.mkdir(parents=True)
    (folder / "bundle.0123abcd.min.js").write_text(script)
    (folder / "bundle.0123abcd.min.js.map").write_text('{"version":3,"mappings":"AAAA"}')
    (folder / "site.min.js").write_text("var b=2;")
    assert compile_hint.add_hint(tmp_path) == 1
    assert compile_hint.add_hint(tmp_path) == 0  # a second pass changes nothing
    assert (folder / "bundle.0123abcd.min.js").read_text() == hinted
    assert (folder / "bundle.0123abcd.min.js.map").read_text() == '{"version":3,"mappings":";AAAA"}'
    assert (folder / "site.min.js").read_text() == "var b=2;"
