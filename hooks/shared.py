"""Small helpers the hooks share. Not a hook itself (mkdocs.yml does not list it): the hooks
import it (MkDocs puts a hook's own folder on the import path while it loads the hook).
Pure functions, no state."""
from __future__ import annotations

import datetime
import html
import re

TAG = re.compile(r"<[^>]+>")
# A page's front matter: the block between the first two '---' lines (the second may be '...').
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)


def long_date(day: datetime.date) -> str:
    """2026-11-22 -> 'November 22, 2026', the way the pages write dates (American English)."""
    return f"{day.strftime('%B')} {day.day}, {day.year}"


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
