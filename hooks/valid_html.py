"""Mend four spots where Material 9.8's templates write invalid or unnamed HTML (a step of
hooks/pipeline.py, run on every built page after the build).

- `autocomplete="off"` on checkboxes (the drawer, search and navigation toggles): the
  attribute is not allowed on a checkbox. Dropping it changes nothing a reader sees:
  Material's script sets these toggles itself on every page load.
- `tabindex=""` on navigation section labels: an empty tabindex is not a number. Material
  means "no tabindex", so the empty attribute is removed.
- The search dialog (`role="dialog"`) has no name (axe: aria-dialog-name): it gets
  a name (`search_name`: the pipeline passes extra.strings.search_label, "Search", the name
  Material's own search button uses). (This replaces a forked copy of Material's search
  partial, which would have shadowed Zensical's different one.)
- The announce banner (`<aside class="md-banner">`, where overrides/partials/quick-exit.html
  puts the safety bar) is an unnamed "complementary" landmark: it gets the name it is given
  (`banner_name`: the pipeline passes extra.strings.quick_exit_landmark), so a screen reader
  lists it by name. Material's announce block offers no way to name its banner.

All are plain text fixes on the finished page, so they last until Material fixes its
templates (then this step finds nothing to change and can be deleted).
"""
from __future__ import annotations

import html as html_lib
import re

# Both forms: as Material writes it, and as the minify plugin (which runs first) leaves it.
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="?checkbox"?[^>]*?)\s+autocomplete=(?:"off"|off)(?=[\s/>])')
EMPTY_TABINDEX = re.compile(r'\s+tabindex(?:="")?(?=[\s/>])')
UNNAMED_SEARCH = re.compile(r'(<div\b(?=[^>]*\bdata-md-component="?search"?[\s>])(?![^>]*\baria-label=)[^>]*?\brole="?dialog"?)(?=[\s>])')
UNNAMED_BANNER = re.compile(r'<aside class="?md-banner"?>')


def mend(html: str, banner_name: str, search_name: str) -> str:
    """The page with Material's four spots mended; the banner named `banner_name`, the search
    dialog `search_name`."""
    html = EMPTY_TABINDEX.sub("", CHECKBOX_AUTOCOMPLETE.sub(r"\1", html))
    named = f'<aside class="md-banner" aria-label="{html_lib.escape(banner_name, quote=True)}">'
    html = UNNAMED_BANNER.sub(lambda _: named, html, count=1)
    search = f' aria-label="{html_lib.escape(search_name, quote=True)}"'
    return UNNAMED_SEARCH.sub(lambda m: m.group(1) + search, html, count=1)
