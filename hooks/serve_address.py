"""`make serve` says where to look: the address to open, with the site's own path.

A site published at a GitHub Pages project address (https://name.github.io/repo/) is served
at http://127.0.0.1:8000/repo/, not at the root, so the owner is told the address in words
just before MkDocs' own "Serving on" line. MkDocs only (Zensical's server prints its own).
"""
import logging
from typing import Any

log = logging.getLogger("mkdocs.hooks.serve_address")


def on_serve(server: Any, **_: Any) -> Any:
    log.info("Open %s in your browser to see the site. Ctrl+C stops the server.", server.url)
    return server
