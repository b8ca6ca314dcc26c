"""A Content-Security-Policy on every page, written at build time (the last step of
hooks/pipeline.py's finish_built_site).

A static host such as GitHub Pages sends no security headers, so the one defense in depth
against injected script is a `<meta http-equiv="Content-Security-Policy">` in each page. This
step adds it to every built page (the whole guide and the 404 page too), first in <head>
after <meta charset> (a policy in a <meta> covers only what comes after it).

Scripts: `script-src 'self'` plus the SHA-256 hash of each inline script left in the page,
computed from the finished page exactly as it is written (after minification and after every
other step: this runs last), so a script changed anywhere, in a template, in Material or in
a page, runs only once a build has hashed it. Never 'unsafe-inline' or 'unsafe-eval'. Data
blocks (`type="application/json"`, `application/ld+json`) are not run, so they need no hash.
The inline scripts that remain must run before the first paint: Material's own (its storage
helpers, the colour scheme, the open tab) and the partner page's note for a link's #ask=
(docs/snippets/ask-answers.md).

The other directives, each as strict as the site allows; every exception is here:
- default-src 'self': anything not named below comes from this site only;
- img-src 'self' data: Material's icons are data: images in its stylesheet;
- style-src 'self': stylesheets from this site only, no <style> element and no style
  attribute in any page. Material's markup here has none, and its bundle sets the styles it
  changes (the sidebars' height, the tooltips' place) through the DOM, which a policy allows;
  a style belongs in a stylesheet (the partner page's notes once had one: site.css now);
- worker-src 'self': search runs in a Web Worker, Material's own file on this site;
- connect-src 'self': the search index and the whole guide's chapters, from this site;
- font-src, media-src, frame-src, manifest-src 'none': the site has none of them;
- object-src 'none', base-uri 'none'; form-action 'none': no form on the site is ever sent
  (search and the readiness checklist are answered in the page);
- frame-ancestors, report-uri and sandbox are ignored in a <meta>, so they are left out.

The existing no-referrer policy stays (overrides/partials/meta.html). Under `mkdocs serve`
no policy is written: its live reload adds an inline script that changes on every load.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import re

log = logging.getLogger("mkdocs.hooks.content_security_policy")

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self';"
    " img-src 'self' data:; worker-src 'self'; connect-src 'self'; font-src 'none'; media-src 'none';"
    " frame-src 'none'; manifest-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
SOURCE = re.compile(r"""\ssrc\s*=""", re.IGNORECASE)
TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
RUNNABLE = {"", "text/javascript", "application/javascript", "module"}
CHARSET = re.compile(r"<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
# A policy written by an earlier build into a page that `mkdocs build --dirty` left as it was.
WRITTEN = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script a browser would run, as the page holds it."""
    found = []
    for match in SCRIPT.finditer(html):
        attributes = match.group("attributes")
        kind = TYPE.search(attributes)
        if SOURCE.search(attributes) or (kind and kind.group(1).lower() not in RUNNABLE):
            continue
        found.append(match.group("body").replace("\r\n", "\n").replace("\r", "\n"))
    return found


def policy(html: str) -> str:
    """The policy for a finished page: its inline scripts' hashes, each once, in page order."""
    hashes = dict.fromkeys(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in inline_scripts(html))
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def with_policy(html: str, name: str) -> str:
    """The page with its policy first in <head>, right after <meta charset> (a policy written
    there before is replaced, so the step can run twice)."""
    html = WRITTEN.sub("", html, count=1)
    charset = CHARSET.search(html)
    if charset is None:
        log.warning(f"{name}: no <meta charset>, so no Content-Security-Policy was added")
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[: charset.end()] + meta + html[charset.end():]
