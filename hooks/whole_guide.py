"""The whole guide, to read straight through, print or save as a PDF: /whole-guide/ (steps of
hooks/pipeline.py, which calls them in order: add_page, set_page_source, then on the page itself
contents, with_contents, chapters, check and write_chapters).

The page itself is small: its title, a short note, a "Show the whole guide here" and a
"Print the whole guide" button (hidden until docs/assets/javascripts/whole-guide.js
shows them), and a contents list whose links open each page of the guide, so it works
without JavaScript. The chapters themselves are written at build time (no plugin,
nothing fetched, nothing added to the other pages) to whole-guide/chapters.json,
`{"html": "<section class=whole-guide__chapter ...>..."}`; the script puts them on the
page when the reader asks, or when they print. Each chapter is a page of the
navigation, in the navigation's order: the page's own article, its title one heading
level down (the whole guide has one h1), and the date its words last changed.

So that the page with its chapters in stays valid and its links keep working:
- every id inside a chapter gets the chapter's prefix (`sources--doss-2003`), and so
  do the attributes that point at ids (`for`, `aria-*`) and tab-group names;
- a link to a page of the guide, or to a heading on it, becomes a link within this
  page (`#sources--doss-2003`); any other link is made relative to /whole-guide/;
- each contents link names its chapter (`data-chapter`); the script turns it into a
  link within the page once the chapters are in. The pipeline gives the list to
  hooks/print_links.py as it is made, so each link carries the page's full address to print
  after it (print.css section 8): a list printed without its chapters still says where each
  page is;
- a link that now points within the page prints no address: print.css prints
  `data-print-href` only after links that leave the page (`href` not starting with `#`);
- the elements whose class is one of `leave_out` (the pipeline passes the "Print this page"
  button's, docs/snippets/print-button.md) belong to their own page, not to the whole guide:
  they are left out of the chapter. Such an element has no element of the same name inside it;
- every id (page and chapters together) must be unique and every `#` link must find its
  target (`check`), or a strict build stops.

Nothing is kept between builds (`mkdocs serve` rebuilds in the same process): the page's
Markdown is set on its generated file when the navigation is known (on_nav), and the
chapters are built, and chapters.json written, when the page itself is rendered
(on_page_context, which has the navigation and every page's final HTML). The page declares its
script in its front matter (`assets: [whole-guide]`, extra.page_assets).

Its own last_updated is the latest of the chapters' (the guide as a whole last
changed then). It is left out of the site search (its words are
already there, page by page); search engines may index it, as its own text is short.
"""
from __future__ import annotations

import datetime
import html as html_lib
import json
import logging
import posixpath
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, meta

from shared import long_date, page_heading, t

log = logging.getLogger("mkdocs.hooks.whole_guide")

SRC = "whole-guide.md"
DATA = "chapters.json"  # next to the page: whole-guide/chapters.json
MARKER = "<!-- whole-guide:contents -->"
BASE = "https://site.invalid/"

ID_ATTR = re.compile(r'(\s(?:id|for))="([^"]+)"')
REF_ATTR = re.compile(r'(\saria-(?:labelledby|describedby|controls|owns|details|activedescendant))="([^"]+)"')
TAB_NAME = re.compile(r'(\sname)="(__tabbed_[^"]+)"')
URL_ATTR = re.compile(r'(\s(?:href|src))="([^"]*)"')
HEADING = re.compile(r"<(/?)h([1-6])\b")
ALL_IDS = re.compile(r'\sid="([^"]+)"')
FRAGMENT_LINKS = re.compile(r'\s(?:href="#|data-chapter=")([^"]*)"')


# Whether the whole guide exists is decided by the pipeline, once: where it runs (MkDocs; Zensical
# runs no hooks), it builds the page and tells the pages (`whole_guide_page`: SRC) and the
# templates (`whole_guide_url`: URL) where it is. Where it does not run, neither name is defined,
# so no page or template links to a page that is not there.
URL = SRC.removesuffix(".md") + "/"


def add_page(files: Files, config: MkDocsConfig) -> Files:
    """The files with the whole guide's page added (set_page_source writes its Markdown)."""
    if files.get_file_from_path(SRC) is not None:
        raise PluginError(f"docs/{SRC}: this address is made by hooks/whole_guide.py; rename the page.")
    files.append(File.generated(config, SRC, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def is_whole_guide(page: Page) -> bool:
    return page.file.src_uri == SRC


def chapter_pages(nav: Navigation) -> list[Page]:
    """The pages of the guide, in the navigation's order."""
    return [page for page in nav.pages if page.file.src_uri != SRC]


def set_page_source(nav: Navigation, files: Files, strings: Mapping[str, str]) -> None:
    """Once the navigation is known: the whole guide's Markdown, dated by its chapters."""
    file = files.get_file_from_path(SRC)
    if file is not None:
        file.content_string = page_source(*front_matter_dates(chapter_pages(nav)), strings)


def front_matter_dates(pages: list[Page]) -> tuple[datetime.date]:
    """The latest last_updated among the chapters' front matter (the guide changed then)."""
    updated = []
    for page in pages:
        _, data = meta.get_data(page.file.content_string)
        value = data.get("last_updated")
        if isinstance(value, datetime.date):
            updated.append(value)
    return (max(updated) if updated else datetime.date.today(),)


def page_source(updated: datetime.date, strings: Mapping[str, str]) -> str:
    """The whole guide's own Markdown: front matter, title, a note, and where the contents go
    (its words: extra.strings, whole_guide_*)."""
    front = {"description": t(strings, "whole_guide_description", plain=True), "last_updated": updated,
             "assets": ["whole-guide"], "search": {"exclude": True}, "hide": ["toc"]}
    return "\n".join([
        "---",
        yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000).strip(),
        "---",
        "",
        "# " + t(strings, "whole_guide_title", plain=True),
        "",
        t(strings, "whole_guide_intro", plain=True),
        "",
        MARKER,
        "",
    ])


def chapter_id(page: Page) -> str:
    return page.url.strip("/").replace("/", "-") or "home"


def without(content: str, leave_out: tuple[str, ...]) -> str:
    """The HTML without the elements whose class is one of `leave_out` (and the space after each)."""
    if not leave_out:
        return content
    names = "|".join(re.escape(name) for name in leave_out)
    element = re.compile(r'<(?P<tag>[a-z][a-z0-9]*)\b[^>]*\sclass="?(?:[^">]*\s)?(?:' + names +
                         r')(?=[\s">])[^>]*>.*?</(?P=tag)>\s*', re.DOTALL)
    return element.sub("", content)


def rewrite_chapter(page: Page, anchors: dict[str, str], base: str, leave_out: tuple[str, ...] = ()) -> str:
    """One page's article, ready to sit inside the whole guide (at the address `base`)."""
    prefix = chapter_id(page) + "--"
    content = without(page.content or "", leave_out)
    content = ID_ATTR.sub(lambda m: f'{m.group(1)}="{prefix}{m.group(2)}"', content)
    content = TAB_NAME.sub(lambda m: f'{m.group(1)}="{prefix}{m.group(2)}"', content)
    content = REF_ATTR.sub(
        lambda m: m.group(1) + '="' + " ".join(prefix + ref for ref in m.group(2).split()) + '"', content)

    here = BASE + page.url

    def url(match: re.Match) -> str:
        attr, value = match.group(1), html_lib.unescape(match.group(2))
        if value.startswith("#"):
            return f'{attr}="#{prefix}{value[1:]}"' if value[1:] else match.group(0)
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not value:
            return match.group(0)
        target = urlsplit(urljoin(here, value))
        path = target.path[len(urlsplit(BASE).path):]
        if path in anchors and not target.query:
            chapter = anchors[path]
            inside = f"{chapter}--{target.fragment}" if target.fragment and chapter != "contents" else chapter
            return f'{attr}="#{html_lib.escape(inside, quote=True)}"'
        relative = link(path, base)
        suffix = ("?" + target.query if target.query else "") + ("#" + target.fragment if target.fragment else "")
        return f'{attr}="{html_lib.escape(relative + suffix, quote=True)}"'

    content = URL_ATTR.sub(url, content)
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", content)


def controls(page: Page, strings: Mapping[str, str]) -> str:
    """The buttons, hidden until whole-guide.js shows them (their room is kept, so nothing
    moves), and a line that holds with or without JavaScript until the chapters are in:
    each page opens on its own."""
    return (
        f'<div class="whole-guide__controls" data-whole-guide="{get_relative_url(data_uri(page), page.url)}" hidden>'
        f'<button type="button" class="md-button" data-whole-guide-show>{t(strings, "whole_guide_show")}</button> '
        f'<button type="button" class="md-button" data-whole-guide-print>{t(strings, "whole_guide_print")}</button>'
        '<p class="whole-guide__status" role="status" aria-live="polite"></p></div>'
        f'<p data-whole-guide-one>{t(strings, "whole_guide_one_page")}</p>'
    )


def link(url: str, base: str) -> str:
    """A relative link from the page at `base` to `url`, keeping the slash of a page address."""
    relative = get_relative_url(url or ".", base)
    return relative + "/" if (not url or url.endswith("/")) and not relative.endswith("/") else relative


def contents_list(page: Page, pages: list[Page], strings: Mapping[str, str]) -> str:
    items = "".join(
        f'<li><a href="{link(p.url, page.url)}" data-chapter="{chapter_id(p)}">'
        f'{html_lib.escape(heading(p))}</a></li>' for p in pages)
    return (
        '<nav class="whole-guide__contents" id="contents" aria-labelledby="contents-title">'
        f'<h2 id="contents-title">{t(strings, "whole_guide_contents")}</h2><ol>{items}</ol></nav>'
    )


def data_uri(page: Page) -> str:
    """Where chapters.json is written: beside the page (whole-guide/chapters.json)."""
    return posixpath.join(posixpath.dirname(page.file.dest_uri), DATA)


def heading(page: Page) -> str:
    """The page's own h1 (its title as readers see it), else its navigation title."""
    return page_heading(page.content, page.title or "")


def chapter(page: Page, anchors: dict[str, str], base: str, strings: Mapping[str, str],
            leave_out: tuple[str, ...] = ()) -> str:
    body = rewrite_chapter(page, anchors, base, leave_out)
    updated = page.meta.get("last_updated")
    note = ""
    if isinstance(updated, datetime.date):
        written = html_lib.escape(long_date(updated, strings))
        date = f'<time datetime="{updated.isoformat()}">{written}</time>'
        note = f'<p class="whole-guide__reviewed">{t(strings, "review_last_updated", {"date": date})}</p>'
    return (f'<section class="whole-guide__chapter" id="{chapter_id(page)}" '
            f'aria-label="{html_lib.escape(heading(page), quote=True)}">{body}{note}</section>')


def check(content: str) -> None:
    """Every id once; every # link (and every contents link's chapter) finds its target."""
    ids = Counter(ALL_IDS.findall(content))
    doubles = sorted(i for i, n in ids.items() if n > 1)
    missing = sorted({ref for ref in FRAGMENT_LINKS.findall(content) if ref and ref not in ids})
    if doubles:
        log.warning(f"{SRC}: ids used more than once on the whole-guide page: {', '.join(doubles)}")
    if missing:
        log.warning(f"{SRC}: links on the whole-guide page with no target: #{', #'.join(missing)}")


def contents(page: Page, pages: list[Page], strings: Mapping[str, str]) -> str:
    """What goes where the page's Markdown marks it: the buttons and the contents list."""
    return controls(page, strings) + contents_list(page, pages, strings)


def with_contents(content: str, contents_html: str) -> str:
    """The page's HTML with `contents_html` in place of the marker."""
    return content.replace(f"<p>{MARKER}</p>", MARKER).replace(MARKER, contents_html)


def chapters(page: Page, pages: list[Page], strings: Mapping[str, str], leave_out: tuple[str, ...] = ()) -> str:
    """Every chapter, in order, ready for chapters.json (`page`: the whole guide's own page)."""
    anchors = {p.url: chapter_id(p) for p in pages}
    anchors[page.url] = "contents"
    return "".join(chapter(p, anchors, page.url, strings, leave_out) for p in pages)


def write_chapters(page: Page, site_dir: str, chapters_html: str) -> None:
    """whole-guide/chapters.json, beside the page."""
    path = Path(site_dir) / data_uri(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"html": chapters_html}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
