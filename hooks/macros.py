"""Placeholders in pages and snippets, through mkdocs-macros-plugin (mkdocs.yml: `macros`,
`module_name: hooks/macros`). MkDocs and Zensical both run the macros plugin, so the
settings checks and the placeholders work under either.

- When the plugin starts, `define_env` checks the settings (hooks/practice_settings.py): a bad
  value stops the build with one line naming the key.
- A page or snippet writes `{{ practice.name }}`, `[Call {{ practice.phone }}]({{ practice.tel }})`
  or `{% if practice.fees %}…{% endif %}`. Every value arrives escaped for Markdown and HTML,
  so it shows exactly as typed (`Couples *Together* Care`, `#200 - 1234 Main Street`, `<b>`).
  `quick_exit_url` is the neutral page of the quick exit; `signed_off` is true once the clinical
  sign-off is complete (`practice.reviewed_on` is written out: "December 7, 2026").
- A snippet (a Markdown file in docs/snippets/, the plugin's include_dir) goes in with
  `{% include "file.md" %}` on a line of its own: the plugin renders it with the page, so its
  placeholders are filled under MkDocs and Zensical alike. Jinja does not indent what it
  includes: inside a list or admonition, the line
  `    {% filter indent(4) %}{% include "file.md" %}{% endfilter %}` indents every line of it.
- `practice.tel` and `practice.phone` (the number with its extension) are the results of
  `derived` (hooks/practice_settings.py, a pure function of the settings). Nothing is written
  into the config: under MkDocs, hooks/pipeline.py gives templates the same values (`derived`)
  and hooks/print_links.py gets them as an argument.
- `whole_guide_page` is defined only where the whole guide is built: hooks/pipeline.py
  registers it (MkDocs runs hooks, Zensical does not), so a page writes
  `{% if whole_guide_page is defined %}…({{ whole_guide_page }}){% endif %}`
  (Zensical checks links in the Markdown before placeholders are filled).
- An unknown name (`{{ practice.phnoe }}`) or a missing snippet stops the build with one line
  naming the page.
"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
try:
    from mkdocs.exceptions import PluginError
except ImportError:  # Zensical runs this module too, where MkDocs may not be installed
    class PluginError(Exception):  # type: ignore[no-redef]
        """A build error: one line naming the problem."""

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:  # practice_settings.py sits beside this file
    sys.path.insert(0, HERE)
from practice_settings import PRACTICE, SettingError, check_settings, derived, sign_off  # noqa: E402
from shared import long_date  # noqa: E402

# Characters Markdown (and its extensions: emoji, attr_list, tables, tasklist) reads as
# syntax become numeric character references: Markdown leaves those alone and the browser
# shows the character. (A backslash escape would survive into MkDocs' page titles.)
MARKDOWN_SYNTAX = set("\\`*_{}[]()#+-.!:|~=^<>&\"'")


def markdown_text(value: str) -> Markup:
    """Text that Markdown and HTML both show as typed, in running text and in link text."""
    return Markup("".join(f"&#{ord(c)};" if c in MARKDOWN_SYNTAX else c for c in value))


def markdown_url(value: str) -> Markup:
    """A checked address (no spaces, quotes or brackets) for a link target: only `&` needs care."""
    return Markup(value.replace("&", "&amp;"))


def placeholders(practice: dict[str, Any], values: dict[str, str], quick_exit_url: str,
                 strings: dict[str, Any]) -> dict[str, Any]:
    """The names pages can use, each value escaped for where it goes: the settings, with the
    phone as readers see it (its extension too) and the tel: link from `derived` (`values`);
    a date written out in the language of `strings` (extra.strings)."""
    shown: dict[str, Any] = {key: None for key in PRACTICE}  # an optional setting left out: None
    for key, value in practice.items():
        if isinstance(value, bool):
            shown[key] = value
        elif isinstance(value, datetime.date):  # reviewed_on: written out, "December 7, 2026"
            shown[key] = long_date(value, strings)
        elif isinstance(value, list):
            shown[key] = [markdown_text(item) for item in value]
        elif key in ("booking_url", "email"):  # checked: nothing in them that Markdown reads
            shown[key] = markdown_url(value)
        else:
            shown[key] = markdown_text(value)
    shown["phone"] = markdown_text(values["phone_text"])
    shown["tel"] = Markup(values["tel"])
    # True once the clinical sign-off is complete (review_owner, reviewer_credentials, reviewed_on).
    return {"practice": shown, "quick_exit_url": markdown_url(quick_exit_url),
            "signed_off": sign_off(practice) is not None}


def serving_at(config: Any) -> str | None:
    """The dev server's host:port while `mkdocs serve` runs, else None. MkDocs' command line is
    click's, and click knows the command it is running; `serve` puts its own http:// address
    in site_url before the build starts (the published address is checked by every build)."""
    try:
        import click
    except ImportError:  # no MkDocs command line: Zensical, whose own server leaves site_url be
        return None
    context = click.get_current_context(silent=True)
    if context is None or context.info_name != "serve" or not config.get("dev_addr"):
        return None
    return str(config.get("dev_addr"))


def define_env(env: Any) -> None:
    """Called once when the macros plugin starts: check the settings, work out what follows
    from them, then offer the names."""
    config = env.conf
    extra = config.get("extra") or {}
    try:
        practice = check_settings(config.get("site_url"), extra, serving_at(config))
    except SettingError as problem:
        raise PluginError(str(problem)) from None
    strings = extra.get("strings") or {}  # overrides/strings/en.yml
    env.variables.update(placeholders(practice, derived(practice, strings), extra["quick_exit_url"], strings))


def on_pre_page_macros(env: Any) -> None:
    """Before a page is rendered (MkDocs only): a trial render that turns an unknown name, a
    missing snippet or a syntax slip into one line naming the page (the plugin's own report is
    a page of text)."""
    page = env.page.file.src_uri
    if env.page.meta.get("render_macros") is False:
        return
    try:
        env.env.from_string(env.markdown).render(**dict(env.variables, **env.page.meta))
    except jinja2.TemplateNotFound as error:
        raise PluginError(f"{page}: the snippet '{error.name}' is missing (looked in {env.config['include_dir']})") from None
    except jinja2.TemplateSyntaxError as error:
        raise PluginError(f"{page}: line {error.lineno}: a placeholder is not written right: {error.message}") from None
    except jinja2.UndefinedError as error:
        raise PluginError(f"{page}: a placeholder could not be filled: {error.message}") from None
