"""Which of the site's own scripts and stylesheets a page loads (a step of hooks/pipeline.py).

extra.page_assets in mkdocs.yml lists them, one entry per behaviour. An entry without a `name`
loads on every page; an entry with one loads only on the pages that declare it in their front
matter (`assets: [checklist, print-button]`; the whole guide's page declares its own).
overrides/partials/page-assets.html does the choosing from the front matter alone, so Zensical,
which runs no hooks, loads the same files. This step checks, before a page is read, that every
name a page declares is in the list, and stops the build naming the page if not.
(tests/test_page_assets.py checks the other way round: a page whose markup a script needs
declares that script.)
"""
from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError


def asset_names(page_assets: list[dict[str, Any]]) -> list[str]:
    """The names a page can declare, in the list's order."""
    return [asset["name"] for asset in page_assets if asset.get("name")]


def declared(meta: dict[str, Any]) -> list[str]:
    """The names a page's front matter declares (`assets: [checklist]`; none: [])."""
    value = meta.get("assets") or []
    return [value] if isinstance(value, str) else list(value)


def check_declared(page: str, meta: dict[str, Any], page_assets: list[dict[str, Any]]) -> None:
    """Every name the page declares is an entry of extra.page_assets."""
    value = meta.get("assets")
    if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise PluginError(f"{page}: front matter 'assets' is {value!r}: write a list of names, "
                          f"such as assets: [checklist]")
    known = asset_names(page_assets)
    unknown = [name for name in declared(meta) if name not in known]
    if unknown:
        raise PluginError(f"{page}: front matter 'assets' names {', '.join(unknown)}, which extra.page_assets "
                          f"in mkdocs.yml does not have (it has: {', '.join(known)})")
