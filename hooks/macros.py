"""Placeholders in pages and snippets, through mkdocs-macros-plugin (mkdocs.yml: `macros`,
`module_name: hooks/macros`). MkDocs and Zensical both run the macros plugin, so the
settings checks and the placeholders work under either.

- When the plugin starts, `define_env` checks the settings (hooks/practice_settings.py): a bad
  value stops the build with one line naming the key.
- A page or snippet writes `{{ practice.name }}`, `[Call {{ practice.phone }}]({{ practice.tel }})`
  or `{% if practice.fees %}…{% endif %}`. Every value arrives escaped for Markdown and HTML,
  so it shows exactly as typed (`Couples *Together* Care`, `#200 - 1234 Main Street`, `<b>`).
  `quick_exit_url` is the neutral page of the quick exit.
- Snippets (`--8<-- "file.md"` on a line of its own) are put in before the page is rendered,
  so their placeholders are filled too; a missing snippet stops the build naming the page.
  Zensical does not call `on_pre_page_macros`: there pymdownx.snippets puts them in after the
  placeholders are filled. So a snippet that holds placeholders is included with the plugin's
  own `{% include "file.md" %}` (from include_dir, docs/snippets), which both fill.
- `whole_guide_page` names the whole guide's page where it is built (MkDocs running
  hooks/whole_guide.py), else is empty: `{% if whole_guide_page %}…({{ whole_guide_page }}){% endif %}`
  (Zensical checks links in the Markdown before placeholders are filled).
- An unknown name (`{{ practice.phnoe }}`) stops the build with one line naming the page.
"""
from __future__ import annotations

import re
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
from practice_settings import PRACTICE, SettingError, check_settings, tel_href  # noqa: E402

# Characters Markdown (and its extensions: emoji, attr_list, tables, tasklist) reads as
# syntax become numeric character references: Markdown leaves those alone and the browser
# shows the character. (A backslash escape would survive into MkDocs' page titles.)
MARKDOWN_SYNTAX = set("\\`*_{}[]()#+-.!:|~=^<>&\"'")
SNIPPET = re.compile(r'^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+"(?P<name>[^"\n]+)"[ \t]*$', re.M)


def markdown_text(value: str) -> Markup:
    """Text that Markdown and HTML both show as typed, in running text and in link text."""
    return Markup("".join(f"&#{ord(c)};" if c in MARKDOWN_SYNTAX else c for c in value))


def markdown_url(value: str) -> Markup:
    """A checked address (no spaces, quotes or brackets) for a link target: only `&` needs care."""
    return Markup(value.replace("&", "&amp;"))


def placeholders(practice: dict[str, Any], quick_exit_url: str) -> dict[str, Any]:
    """The names pages can use, each value escaped for where it goes."""
    shown: dict[str, Any] = {key: None for key in PRACTICE}  # an optional setting left out: None
    for key, value in practice.items():
        if isinstance(value, bool):
            shown[key] = value
        elif isinstance(value, list):
            shown[key] = [markdown_text(item) for item in value]
        elif key in ("booking_url", "email"):  # checked: nothing in them that Markdown reads
            shown[key] = markdown_url(value)
        else:
            shown[key] = markdown_text(value)
    phone_text = practice["phone"] + (f" ext. {practice['phone_extension']}" if "phone_extension" in practice else "")
    shown["phone"] = markdown_text(phone_text)
    shown["tel"] = Markup(tel_href(practice["phone"], practice.get("phone_extension")))
    return {"practice": shown, "quick_exit_url": markdown_url(quick_exit_url)}


def expand_snippets(markdown: str, base: Path, page: str, seen: tuple[str, ...] = ()) -> str:
    """Put each `--8<-- "name.md"` line's file in its place (indented like the line)."""
    def insert(match: re.Match) -> str:
        name, indent = match.group("name"), match.group("indent")
        path = base / name
        if not path.is_file():
            raise PluginError(f"{page}: the snippet '{name}' is missing (looked for {path.as_posix()})")
        if name in seen:
            raise PluginError(f"{page}: the snippet '{name}' includes itself")
        body = expand_snippets(path.read_text(encoding="utf-8"), base, page, seen + (name,))
        return "\n".join(indent + line if line.strip() else line for line in body.rstrip("\n").split("\n"))
    return SNIPPET.sub(insert, markdown)


def snippet_base(config: Any, project_dir: str) -> Path:
    """pymdownx.snippets' first base_path (docs/snippets), relative to the project's folder
    (the folder of the config file; the macros plugin's `env.project_dir`, under Zensical too)."""
    options = (config.get("mdx_configs") or {}).get("pymdownx.snippets") or {}
    bases = options.get("base_path") or ["docs/snippets"]
    base = Path(bases[0] if isinstance(bases, list) else bases)
    return base if base.is_absolute() else Path(project_dir).resolve() / base


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
    """Called once when the macros plugin starts: check the settings, then offer the names."""
    config = env.conf
    extra = config.get("extra") or {}
    try:
        practice = check_settings(config.get("site_url"), extra, serving_at(config))
    except SettingError as problem:
        raise PluginError(str(problem)) from None
    # The hooks (print addresses) and templates read the checked settings and the tel: link here.
    extra["practice"]["tel"] = tel_href(practice["phone"], practice.get("phone_extension"))
    env.variables.update(placeholders(practice, extra["quick_exit_url"]))
    env.variables["snippet_base"] = str(snippet_base(config, env.project_dir))
    # The whole guide (hooks/whole_guide.py) is built only where MkDocs runs the hooks:
    # on_pre_page_macros below, which only mkdocs-macros-plugin calls, names its page.
    env.variables["whole_guide_page"] = ""


def on_pre_page_macros(env: Any) -> None:
    """Before a page is rendered: its snippets in place, then a trial render that turns an
    unknown name or a syntax slip into one line naming the page (the plugin's own report is
    a page of text)."""
    page = env.page.file.src_uri
    if "hooks/whole_guide.py" in (env.conf.get("hooks") or {}):
        env.variables["whole_guide_page"] = "whole-guide.md"  # the page that hook makes
    markdown = expand_snippets(env.markdown, Path(env.variables["snippet_base"]), page)
    env.markdown = markdown
    if env.page.meta.get("render_macros") is False:
        return
    try:
        env.env.from_string(markdown).render(**dict(env.variables, **env.page.meta))
    except jinja2.TemplateSyntaxError as error:
        raise PluginError(f"{page}: line {error.lineno}: a placeholder is not written right: {error.message}") from None
    except jinja2.UndefinedError as error:
        raise PluginError(f"{page}: a placeholder could not be filled: {error.message}") from None
