"""Small helpers the hooks share. Not a hook itself (mkdocs.yml does not list it): the hooks
import it (MkDocs puts a hook's own folder on the import path while it loads the hook).
Pure functions, no state."""
from __future__ import annotations

import datetime
import html
import re

TAG = re.compile(r"<[^>]+>")
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)


def long_date(day: datetime.date) -> str:
    """2026-11-22 -> 'November 22, 2026', the way the pages write dates (American English)."""
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def plain_text(markup: str) -> str:
    """Markup as the words a reader sees, on one line."""
    return " ".join(html.unescape(TAG.sub(" ", markup)).split())


def page_heading(content: str | None, fallback: str = "") -> str:
    """A page's own h1 as plain text (the navigation may give a shorter title, such as "Home")."""
    match = H1.search(content or "")
    return plain_text(match.group(1)) if match else " ".join((fallback or "").split())
