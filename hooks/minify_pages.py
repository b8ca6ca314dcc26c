"""Minify each page's HTML, once per different page (a step of hooks/pipeline.py).

The minify plugin (mkdocs.yml) minifies the site's own scripts and stylesheets; the pages' HTML is
minified here instead (its `minify_html` is off), with the same library (htmlmin, which the plugin
installs) and the same options the plugin 0.8 uses, so the pages are byte for byte what the
plugin wrote. htmlmin is slow (about a fifth of a build), so each result is kept in a cache
(.cache/minified-pages/, git-ignored) under a hash of the page as rendered, the options and
htmlmin's version: a rebuild with nothing changed minifies nothing, and a page whose words
changed is minified again.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import htmlmin

# As mkdocs-minify-plugin 0.8.0 passes them (its _minify_html_page), no htmlmin_opts set.
OPTIONS = {
    "remove_comments": False,
    "remove_empty_space": False,
    "remove_all_empty_space": False,
    "reduce_empty_attributes": True,
    "reduce_boolean_attributes": False,
    "remove_optional_attribute_quotes": True,
    "convert_charrefs": True,
    "keep_pre": False,
    "pre_tags": ("pre", "textarea"),
    "pre_attr": "pre",
}
VERSION = json.dumps([getattr(htmlmin, "__version__", ""), OPTIONS], sort_keys=True)


def minify(html: str) -> str:
    """The page's HTML minified: white space and comments out, nothing else changed."""
    return htmlmin.minify(html, **OPTIONS)


def cached_minify(html: str, cache: Path) -> str:
    """minify(html), from the cache when this exact page was minified before."""
    path = cache / (hashlib.sha256((VERSION + "\0" + html).encode("utf-8")).hexdigest()[:32] + ".html")
    try:
        minified = path.read_text(encoding="utf-8")
        path.touch()  # in use: kept by prune
        return minified
    except OSError:
        pass
    minified = minify(html)
    cache.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(minified, encoding="utf-8")
    partial.replace(path)  # atomic: a parallel build never reads half a file
    return minified


def prune(cache: Path, max_age: float = 7 * 24 * 3600) -> None:
    """Forget pages no build has used for a week."""
    now = time.time()
    for path in cache.glob("*.html"):
        try:
            if now - path.stat().st_mtime > max_age:
                path.unlink()
        except OSError:
            pass  # another build got there first
