"""Give every link that leaves the page the address to print after it.

On paper a link is just words, so print.css prints its address in brackets after
it. CSS can only print an attribute as written, and our internal links are
relative (`../safety/`), so this hook works the address out at build time and
puts it on the link as `data-print-href`:

- a link to another page of this site: its full address, site_url and path
  (`https://www.example.com/sources/#doss-2003`), which a reader can type in;
- a link to another website: the full URL;
- a tap-to-call link: the phone number (the practice's own number as readers see it, with
  its extension); an email link: the address.

Nothing is added where the address would repeat what the link already says
(`Call +1 201-555-0123`, a URL written out as the link text), nor to links
within the same page. A link that already has a `data-print-href` (markup another
hook or template builds, such as the whole guide's contents list) is left as it is.
Runs on the HTML of every page; adds a few bytes per link.
"""
from __future__ import annotations

import html as html_lib
import re
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from shared import plain_text

LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a>", re.DOTALL)
HREF = re.compile(r'\shref="(?P<href>[^"]*)"')
BASE = "https://site.invalid"


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def print_address(href: str, text: str, page_url: str, config: MkDocsConfig) -> str | None:
    """The address to print after a link, or None when there is nothing to add."""
    href = html_lib.unescape(href).strip()
    if not href or href.startswith("#"):
        return None
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    words = plain_text(text)
    site = (config.site_url or "").rstrip("/")

    if scheme == "tel":
        derived = config.extra.get("derived") or {}  # hooks/practice_settings.py, `derived`
        number = derived["phone_text"] if href == derived.get("tel") else unquote(href[4:])
        return None if digits(number) and digits(number) in digits(words) else number
    if scheme == "mailto":
        address = unquote(href[7:].split("?", 1)[0])
        return None if address.lower() in words.lower() else address
    if scheme in ("http", "https"):
        if not (site and (href == site or href.startswith(site + "/"))):
            shown = href.rstrip("/").split("://", 1)[1]
            return None if shown.lower() in words.lower() else href
        href = href[len(site):] or "/"
    elif scheme or parts.netloc:
        return None  # javascript:, data:, protocol-relative: nothing useful to print

    # An address inside this site, resolved against the page it is on.
    here = "/" + page_url.lstrip("/")
    target = urlsplit(urljoin(BASE + here, href))
    if target.path == urlsplit(BASE + here).path and not target.query:
        return None  # the same page
    address = site + target.path  # site_url holds the site's own path: https://name.github.io/repo
    if target.query:
        address += "?" + target.query
    if target.fragment:
        address += "#" + target.fragment
    if address.split("://", 1)[-1].lower() in words.lower():
        return None  # the link's words are its full address already
    return address


def annotate(html: str, page_url: str, config: MkDocsConfig) -> str:
    def add(match: re.Match) -> str:
        attrs = match.group("attrs")
        href = HREF.search(attrs)
        if not href or "data-print-href" in attrs:
            return match.group(0)
        address = print_address(href.group("href"), match.group("text"), page_url, config)
        if address is None:
            return match.group(0)
        value = html_lib.escape(address, quote=True)
        return f'<a{attrs} data-print-href="{value}">{match.group("text")}</a>'

    return LINK.sub(add, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "<a" not in html:
        return html
    return annotate(html, page.url, config)
