"""Give every link that leaves the page the address to print after it (a step of hooks/pipeline.py).

On paper a link is just words, so print.css prints its address in brackets after
it. CSS can only print an attribute as written, and our internal links are
relative (`../safety/`), so this step works the address out at build time and
puts it on the link as `data-print-href` (print.css reads it):

- a link to another page of this site: its full address, site_url and path
  (`https://www.example.com/sources/#doss-2003`), which a reader can type in;
- a link to another website: the full URL;
- a tap-to-call link: the phone number (the practice's own number as readers see it, with
  its extension); an email link: the address.

Nothing is added where the address would repeat what the link already says
(`Call +1 201-555-0123`, a URL written out as the link text), nor to links
within the same page. The pipeline runs it on each page's HTML, and on the whole guide's
contents list as that list is made; adds a few bytes per link.
"""
from __future__ import annotations

import html as html_lib
import re
from urllib.parse import unquote, urljoin, urlsplit

from shared import plain_text

LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a>", re.DOTALL)
HREF = re.compile(r'\shref="(?P<href>[^"]*)"')
BASE = "https://site.invalid"


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def print_address(href: str, text: str, page_url: str, site_url: str | None,
                  phone: dict[str, str] | None = None) -> str | None:
    """The address to print after a link on the page at `page_url`, or None when there is nothing
    to add. `phone`: the practice's `tel` link and `phone_text` (hooks/practice_settings.py
    `derived`), so its own number prints as readers see it, with its extension."""
    href = html_lib.unescape(href).strip()
    if not href or href.startswith("#"):
        return None
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    words = plain_text(text)
    site = (site_url or "").rstrip("/")

    if scheme == "tel":
        phone = phone or {}
        number = phone["phone_text"] if href == phone.get("tel") else unquote(href[4:])
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


def annotate(html: str, page_url: str, site_url: str | None, phone: dict[str, str] | None = None) -> str:
    """The HTML with each link's address to print (print_address) as its `data-print-href`."""
    if "<a" not in html:
        return html

    def add(match: re.Match) -> str:
        attrs = match.group("attrs")
        href = HREF.search(attrs)
        if not href:
            return match.group(0)
        address = print_address(href.group("href"), match.group("text"), page_url, site_url, phone)
        if address is None:
            return match.group(0)
        value = html_lib.escape(address, quote=True)
        return f'<a{attrs} data-print-href="{value}">{match.group("text")}</a>'

    return LINK.sub(add, html)

