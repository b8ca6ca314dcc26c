"""Small helpers the hooks share. Not a hook itself (mkdocs.yml does not list it): the hooks
import it (MkDocs puts a hook's own folder on the import path while it loads the hook).
Pure functions, no state."""
from __future__ import annotations

import datetime
import html
import re
from collections.abc import Mapping, Sequence

from markupsafe import escape

TAG = re.compile(r"<[^>]+>")
# A page's front matter: the block between the first two '---' lines (the second may be '...').
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(text: str, values: Mapping[str, object]) -> str:
    """Each {name} of `text` that `values` has, filled with it (in one pass: braces in a value
    are left as they are); any other {name} stays."""
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def t(strings: Mapping[str, str], key: str, values: Mapping[str, object] | None = None,
      plain: bool = False) -> str:
    """A reader-facing string of extra.strings (overrides/strings/en.yml), as the templates' t()
    (overrides/partials/strings.html) gives it: HTML-escaped, then each {name} filled with its
    value (HTML, so escape a setting first); with plain=True, not escaped (text that is not HTML:
    a card's words, an alt text, Markdown). The hooks' one way to their words."""
    if key not in strings:
        raise LookupError(f"extra.strings.{key} is missing: add it to overrides/strings/en.yml")
    return fill(str(strings[key]) if plain else str(escape(strings[key])), values or {})


def written_date(day: datetime.date, date_format: str, months: Sequence[str]) -> str:
    """A date written the way a language writes it, from its words: `date_format` with {day},
    {month} and {year}, `months` the twelve month names (January first). Not the machine's
    locale. ('{month} {day}, {year}', English months: 2026-11-22 -> 'November 22, 2026';
    '{day} de {month} de {year}', Spanish ones: 2026-12-07 -> '7 de diciembre de 2026'.)"""
    if len(months) != 12:
        raise ValueError(f"twelve month names are needed, not {len(months)}")
    return fill(date_format, {"day": day.day, "month": months[day.month - 1], "year": day.year})


def long_date(day: datetime.date, strings: Mapping[str, object]) -> str:
    """A date written out in the strings' language (extra.strings: date_format, date_months):
    'November 22, 2026' in English."""
    try:
        return written_date(day, str(strings["date_format"]), list(strings["date_months"]))
    except KeyError as missing:
        raise LookupError(f"extra.strings.{missing.args[0]} is missing: add it to overrides/strings/en.yml") from None


def front_matter(source: str) -> dict:
    """A page's front matter as YAML reads it ({} with none, or one YAML cannot read: the build
    names that fault, hooks/review_dates.py)."""
    import yaml

    match = FRONT_MATTER.match(source.replace("\r\n", "\n"))
    try:
        data = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def plain_text(markup: str) -> str:
    """Markup as the words a reader sees, on one line."""
    return " ".join(html.unescape(TAG.sub(" ", markup)).split())


def page_heading(content: str | None, fallback: str = "") -> str:
    """A page's own h1 as plain text (the navigation may give a shorter title, such as "Home")."""
    match = H1.search(content or "")
    return plain_text(match.group(1)) if match else " ".join((fallback or "").split())
