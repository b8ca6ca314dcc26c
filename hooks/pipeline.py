"""The build pipeline: the one module MkDocs runs as a hook (mkdocs.yml, `hooks:`).

Each MkDocs event below calls small named steps, in the order they run; the steps live in the
modules beside this one (plain functions, no MkDocs events of their own). Read it top to bottom:

  on_startup       remember whether this is `mkdocs serve` (no Content-Security-Policy there)
  on_config        forget the last build's link-preview cards; give pages `whole_guide_page`
  on_files         add the whole guide's page
  on_nav           write the whole guide's Markdown, now that the navigation is known
  on_env           give templates `whole_guide_url` and `derived` (the tel: link, the number shown);
                   keep compiled templates in .cache/templates/ (Jinja's bytecode cache)
  on_pre_page      check the page's front matter: its dates and description, and the page
                   assets it declares (before any placeholder is filled)
  on_page_content  check the help lines' date; label the checklist's boxes; print addresses
  on_page_context  the whole guide's contents and chapters; the page's review line and card
  on_template_context  the 404 page's card
  on_post_page     minify the page's HTML (cached)
  on_post_template minify the 404 page's HTML (cached)
  on_post_build    draw the cards; give Material's bundle V8's compile hint (compile_hint:
                   compiled while it downloads); finish the built site (finish_built_site: mend the HTML,
                   trim Material's CSS, relink it, then the Content-Security-Policy, last);
                   log a sign-off more than a year old
  on_serve         say which address to open

Hooks run after the plugins in mkdocs.yml for each event, so the macros plugin has filled the
placeholders before on_page_content. The minify plugin minifies the site's scripts and
stylesheets; the pages' HTML is minified here (minify_pages), so that an unchanged page is not
minified again. Nothing is written into MkDocs' config: what follows from the settings
(practice_settings.derived) reaches templates through the Jinja environment and pages through
the macros plugin's variables. Under Zensical (no hooks) none of this runs: MAINTAINING.md,
"Build hooks", says what each step's absence means there.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import checklist_labels
import compile_hint
import content_security_policy
import minify_pages
import page_assets
import print_links
import review_dates
import social_cards
import unused_css
import valid_html
import whole_guide
from practice_settings import derived
from shared import t

log = logging.getLogger("mkdocs.hooks.pipeline")

# Elements (by class) that belong to their own page and are left out of the whole guide:
# the "Print this page" button (docs/snippets/print-button.md).
PAGE_ONLY = ("print-page",)
CSS_CACHE = Path(".cache") / "unused-css"  # beside mkdocs.yml; git-ignored
HTML_CACHE = Path(".cache") / "minified-pages"
JINJA_CACHE = Path(".cache") / "templates"

_serving = False  # the one thing kept between events: which command is running


# --- The events, in the order MkDocs calls them ----------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    social_cards.forget_cards()
    # Pages link to the whole guide with `whole_guide_page` (docs/sources.md), given to the macros
    # plugin through its register_variables, the way it documents for other plugins.
    config.plugins["macros"].register_variables({"whole_guide_page": whole_guide.SRC})
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return whole_guide.add_page(files, config)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    whole_guide.set_page_source(nav, files, strings(config))
    return nav


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.globals["whole_guide_url"] = whole_guide.URL  # overrides/partials/copyright.html
    env.globals["derived"] = practice_phone(config)  # overrides/partials/phone.html, copyright.html
    # Jinja's own cache of compiled templates (keyed by each template's name and source, so an
    # edited template is compiled again): a rebuild does not compile Material's ~100 templates anew.
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(ensure_folder(cache_folder(config, JINJA_CACHE))))
    return env


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    meta = review_dates.check_front_matter(page.file.src_uri, page_source(page))
    page_assets.check_declared(page.file.src_uri, meta, config.extra["page_assets"])
    return page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    review_dates.check_help_lines(page.file.src_uri, html, page.meta)
    html = checklist_labels.label_checkboxes(html)
    return print_links.annotate(html, page.url, config.site_url, practice_phone(config))


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    if whole_guide.is_whole_guide(page):
        fill_whole_guide(page, nav, config)
    review = review_dates.review(page.meta, config.extra["practice"], strings(config))
    if review is not None:
        context["review"] = review  # overrides/partials/review-dates.html, print-footer.html
    context["social_card"] = social_cards.page_card(page, config)  # overrides/partials/social-meta.html
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == "404.html":
        context["social_card"] = social_cards.not_found_card(config)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return minify_pages.cached_minify(output, cache_folder(config, HTML_CACHE))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):  # 404.html; not sitemap.xml or robots.txt
        return output_content
    return minify_pages.cached_minify(output_content, cache_folder(config, HTML_CACHE))


def on_post_build(config: MkDocsConfig) -> None:
    minify_pages.prune(cache_folder(config, HTML_CACHE))
    social_cards.draw_cards(config)
    compile_hint.add_hint(Path(config.site_dir))
    finish_built_site(Path(config.site_dir), strings(config), write_policy=not _serving,
                      cache=cache_folder(config, CSS_CACHE))
    review_dates.check_sign_off(config.extra["practice"])


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """A site published at a project address (https://name.github.io/repo/) is served at
    http://127.0.0.1:8000/repo/, not at the root: say so just before MkDocs' "Serving on"."""
    log.info("Open %s in your browser to see the site. Ctrl+C stops the server.", server.url)
    return server


# --- What the events share ----------------------------------------------------------------------


def page_source(page: Page) -> str:
    """The page's Markdown file as written (the whole guide's: as on_nav set it)."""
    try:
        return page.file.content_string
    except (OSError, TypeError):
        return ""


def cache_folder(config: MkDocsConfig, name: Path) -> Path:
    """A cache folder beside mkdocs.yml (.cache/ is git-ignored)."""
    return Path(config.config_file_path).resolve().parent / name


def ensure_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def practice_phone(config: MkDocsConfig) -> dict[str, str]:
    """The practice's tel: link and its number as readers see it (practice_settings.derived, a pure
    function of the settings the macros plugin has checked)."""
    return derived(config.extra["practice"], strings(config))


def strings(config: MkDocsConfig) -> dict[str, Any]:
    """The words readers see, in the site's language (extra.strings: overrides/strings/en.yml,
    which mkdocs.yml inherits). The steps take them as an argument and fill them with t()."""
    found = config.extra.get("strings")
    if not isinstance(found, dict) or not found:
        raise PluginError("extra.strings is missing: mkdocs.yml must start with INHERIT: overrides/strings/en.yml")
    return found


def fill_whole_guide(page: Page, nav: Navigation, config: MkDocsConfig) -> None:
    """The whole guide's own page: its contents list (with the addresses to print), then every
    chapter into whole-guide/chapters.json, checked for doubled ids and links without a target."""
    pages = whole_guide.chapter_pages(nav)
    contents = print_links.annotate(whole_guide.contents(page, pages, strings(config)), page.url,
                                    config.site_url, practice_phone(config))
    page.content = whole_guide.with_contents(page.content or "", contents)
    chapters = whole_guide.chapters(page, pages, strings(config), leave_out=PAGE_ONLY)
    whole_guide.check(page.content + chapters)
    whole_guide.write_chapters(page, config.site_dir, chapters)


def finish_page(html: str, renamed: dict[str, str], write_policy: bool, name: str) -> str:
    """One built page's last steps, in order: link the trimmed stylesheets, then the
    Content-Security-Policy, from the page exactly as it is written."""
    html = unused_css.relink(html, renamed)
    if write_policy:
        html = content_security_policy.with_policy(html, name)
    return html


def finish_built_site(site: Path, words: dict[str, Any], write_policy: bool, cache: Path) -> None:
    """Everything that rewrites the built site, in this order, each step on the text the one
    before left: mend Material's HTML in every page (valid_html; `words`: extra.strings, for
    the names of the safety bar's landmark and the search dialog); trim Material's stylesheets to
    what those pages use and give them new names (unused_css); then in every page, link the new
    names and write the Content-Security-Policy (finish_page), which is last, so its hashes are
    of the page as it is served. Each page is read and written once."""
    written = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}
    banner, search = t(words, "quick_exit_landmark", plain=True), t(words, "search_label", plain=True)
    mended = {path: valid_html.mend(html, banner, search) for path, html in written.items()}
    renamed = unused_css.replace_stylesheets(site, mended.values(), cache)
    for path, html in mended.items():
        html = finish_page(html, renamed, write_policy, path.relative_to(site).as_posix())
        if html != written[path]:
            path.write_text(html, encoding="utf-8")
