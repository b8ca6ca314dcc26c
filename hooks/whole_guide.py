"""The whole guide on one page, to read straight through, print or save as a PDF: /whole-guide/.

The page is made at build time (no plugin, nothing fetched, nothing added to the
other pages). It holds a short contents list, then every page of the navigation,
in the navigation's order, each as a chapter: the page's own article, its title
one heading level down (the whole guide has one h1), and the date it was last
reviewed.

So that the combined page stays valid and its links keep working:
- every id inside a chapter gets the chapter's prefix (`sources--doss-2003`), and so
  do the attributes that point at ids (`for`, `aria-*`) and tab-group names;
- a link to a page of the guide, or to a heading on it, becomes a link within this
  page (`#sources--doss-2003`); any other link is made relative to /whole-guide/;
- the hook checks that every id is unique and every `#` link finds its target, and
  stops a strict build if not.

Its own review dates are the earliest of the chapters' (the guide as a whole was
reviewed no later than that). It is left out of the site search (its words are
already there, page by page) and asks search engines not to index it.
"""
import datetime
import html as html_lib
import logging
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url, meta

log = logging.getLogger("mkdocs.hooks.whole_guide")

SRC = "whole-guide.md"
MARKER = "<!-- whole-guide:chapters -->"
TITLE = "The whole guide"
BASE = "https://site.invalid/"

ID_ATTR = re.compile(r'(\s(?:id|for))="([^"]+)"')
REF_ATTR = re.compile(r'(\saria-(?:labelledby|describedby|controls|owns|details|activedescendant))="([^"]+)"')
TAB_NAME = re.compile(r'(\sname)="(__tabbed_[^"]+)"')
URL_ATTR = re.compile(r'(\s(?:href|src))="([^"]*)"')
HEADING = re.compile(r"<(/?)h([1-6])\b")
A_TAG = re.compile(r"<a\b[^>]*>")
PRINT_HREF = re.compile(r'\sdata-print-href="[^"]*"')
PRINT_BUTTON = re.compile(r'<div class="print-page"[^>]*>.*?</div>\s*', re.DOTALL)
ALL_IDS = re.compile(r'\sid="([^"]+)"')
FRAGMENT_LINKS = re.compile(r'\shref="#([^"]*)"')

_state = {"pages": []}


def long_date(day):
    return f"{day.day} {day.strftime('%B %Y')}"


def on_files(files, config):
    if files.get_file_from_path(SRC) is not None:
        raise PluginError(f"docs/{SRC}: this address is made by hooks/whole_guide.py; rename the page.")
    files.append(File.generated(config, SRC, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_nav(nav, config, files):
    _state["pages"] = [page for page in nav.pages if page.file.src_uri != SRC]
    return nav


def front_matter_dates(pages):
    """The earliest last_reviewed and next_review among the chapters' front matter."""
    last, due = [], []
    for page in pages:
        _, data = meta.get_data(page.file.content_string)
        for key, found in (("last_reviewed", last), ("next_review", due)):
            value = data.get(key)
            if isinstance(value, datetime.date):
                found.append(value)
    today = datetime.date.today()
    return (min(last) if last else today), (min(due) if due else today + datetime.timedelta(days=365))


def on_page_read_source(page, config):
    if page.file.src_uri != SRC:
        return None
    last, due = front_matter_dates(_state["pages"])
    return "\n".join([
        "---",
        "description: Every page of this guide in one place, to read from start to end, print or save as a PDF.",
        f"last_reviewed: {last.isoformat()}",
        f"next_review: {due.isoformat()}",
        "search:",
        "  exclude: true",
        "hide:",
        "  - toc",
        "---",
        "",
        f"# {TITLE}",
        "",
        "This is every page of the guide on one page, in reading order. You can read it from start to end,",
        "or print it and keep it. To save it as a PDF, choose Print, then Save as PDF.",
        "",
        '--8<-- "print-button.md"',
        "",
        MARKER,
        "",
    ])


def chapter_id(page):
    return page.url.strip("/").replace("/", "-") or "home"


def rewrite_chapter(page, anchors):
    """One page's article, ready to sit inside the whole guide."""
    prefix = chapter_id(page) + "--"
    content = PRINT_BUTTON.sub("", page.content or "")
    content = ID_ATTR.sub(lambda m: f'{m.group(1)}="{prefix}{m.group(2)}"', content)
    content = TAB_NAME.sub(lambda m: f'{m.group(1)}="{prefix}{m.group(2)}"', content)
    content = REF_ATTR.sub(
        lambda m: m.group(1) + '="' + " ".join(prefix + ref for ref in m.group(2).split()) + '"', content)

    here = BASE + page.url

    def url(match):
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
        relative = get_relative_url(path or ".", "whole-guide/")
        if path.endswith("/") and not relative.endswith("/"):
            relative += "/"
        suffix = ("?" + target.query if target.query else "") + ("#" + target.fragment if target.fragment else "")
        return f'{attr}="{html_lib.escape(relative + suffix, quote=True)}"'

    content = URL_ATTR.sub(url, content)
    # A link that now points within this page prints no address after it.
    content = A_TAG.sub(lambda m: PRINT_HREF.sub("", m.group(0)) if ' href="#' in m.group(0) else m.group(0), content)
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", content)


def contents_list(pages):
    items = "".join(
        f'<li><a href="#{chapter_id(page)}">{html_lib.escape(page_heading(page))}</a></li>' for page in pages)
    return (
        '<nav class="whole-guide__contents" id="contents" aria-labelledby="contents-title">'
        f'<h2 id="contents-title">Contents</h2><ol>{items}</ol></nav>'
    )


def page_heading(page):
    """The page's own h1 (its title as readers see it), else its navigation title."""
    match = re.search(r"<h1\b[^>]*>(.*?)</h1>", page.content or "", re.DOTALL)
    text = re.sub(r"<[^>]+>", "", match.group(1)) if match else (page.title or "")
    return " ".join(html_lib.unescape(text).split())


def chapter(page, anchors):
    body = rewrite_chapter(page, anchors)
    reviewed = page.meta.get("last_reviewed")
    note = ""
    if isinstance(reviewed, datetime.date):
        note = (f'<p class="whole-guide__reviewed">Page last reviewed: '
                f'<time datetime="{reviewed.isoformat()}">{long_date(reviewed)}</time></p>')
    return (f'<section class="whole-guide__chapter" id="{chapter_id(page)}" '
            f'aria-label="{html_lib.escape(page_heading(page), quote=True)}">{body}{note}</section>')


def check(content):
    """Every id once; every # link finds its target."""
    ids = Counter(ALL_IDS.findall(content))
    doubles = sorted(i for i, n in ids.items() if n > 1)
    missing = sorted({ref for ref in FRAGMENT_LINKS.findall(content) if ref and ref not in ids})
    if doubles:
        log.warning(f"{SRC}: ids used more than once on the whole-guide page: {', '.join(doubles)}")
    if missing:
        log.warning(f"{SRC}: links on the whole-guide page with no target: #{', #'.join(missing)}")


def on_env(env, config, files):
    file = files.get_file_from_path(SRC)
    page = file.page if file else None
    if page is None or page.content is None:
        return env
    pages = _state["pages"]
    anchors = {p.url: chapter_id(p) for p in pages}
    anchors[page.url] = "contents"
    chapters = contents_list(pages) + "".join(chapter(p, anchors) for p in pages)
    page.content = page.content.replace(f"<p>{MARKER}</p>", MARKER).replace(
        MARKER, f'<div class="whole-guide">{chapters}</div>')
    check(page.content)
    return env


def on_post_page(output, page, config):
    if page.file.src_uri != SRC:
        return output
    return output.replace("<head>", '<head>\n<meta name="robots" content="noindex">', 1)
