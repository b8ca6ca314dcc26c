"""Check each page's front matter: a description and its review dates.

Every page says when it was last reviewed and when the next review is due
(`last_reviewed`, `next_review`, as YYYY-MM-DD, no quotes), and has a one-sentence
`description`. A fault stops the build with one line naming the page and saying what to
fix: a YAML slip (with its line), an impossible date, a quoted date, a missing key, a
review date more than a day ahead (a page reviewed "today" in Australia is still
"tomorrow" on a UTC build machine), a next review before the last one.

An overdue next review does not stop the build (an urgent fix to a help line must still
ship): the page shows readers a calm "due for review" notice and the build says which
pages are due. With REVIEWS_OVERDUE=fail (`make review-check`, the weekly workflow run)
an overdue page stops the build, so the practice is told.

The page's template gets `review`: the dates written out ("November 22, 2026") and
`overdue` (overrides/partials/review-dates.html, print-footer.html).
"""
from __future__ import annotations

import datetime
import logging
import os
import re
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from shared import long_date

log = logging.getLogger("mkdocs.hooks.review_dates")

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
DATE_LINE = re.compile(r"^(?P<key>last_reviewed|next_review):[ \t]*(?P<value>.*?)[ \t]*$", re.M)
DATE_TEXT = re.compile(r"^[\"']?(\d{4})-(\d{1,2})-(\d{1,2})[\"']?$")
DATE_KEYS = ("last_reviewed", "next_review")
EXAMPLE = "a date such as 2026-11-22"


def page_error(page: Page, message: str) -> PluginError:
    return PluginError(f"{page.file.src_uri}: {message}")


def check_front_matter_text(page: Page, source: str) -> None:
    """The faults MkDocs passes over in silence (it drops front matter it cannot read)."""
    match = FRONT_MATTER.match(source.replace("\r\n", "\n"))
    if not match:
        return  # no front matter block (or one written by a hook): the checks below name what is missing
    block = match.group(1)
    for found in DATE_LINE.finditer(block):
        key, value = found.group("key"), found.group("value")
        line = block.count("\n", 0, found.start()) + 2  # the file's first line is '---'
        date = DATE_TEXT.match(value)
        if not date:
            continue  # a missing or odd value: reported below with the parsed front matter
        if value[0] in "\"'":
            raise page_error(page, f"line {line}: {key} is in quotes ({value}): remove the quotes, "
                                   f"so it reads {key}: {value[1:-1]}")
        try:
            datetime.date(*(int(part) for part in date.groups()))
        except ValueError:
            raise page_error(page, f"line {line}: {key} {value} is not a real date (expected {EXAMPLE})") from None
    try:
        yaml.safe_load(block)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise page_error(page, f"{where}the front matter is not valid YAML ({problem})") from None


def front_matter_date(page: Page, key: str) -> datetime.date:
    value = page.meta.get(key)
    if value is None:
        raise page_error(page, f"front matter has no '{key}' (expected {EXAMPLE})")
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise page_error(page, f"front matter '{key}' is {value!r}, expected {EXAMPLE}")
    return value


def review_dates(page: Page, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    last = front_matter_date(page, "last_reviewed")
    due = front_matter_date(page, "next_review")
    if last > today + datetime.timedelta(days=1):
        raise page_error(page, f"last_reviewed {last} is in the future (today is {today})")
    if due <= last:
        raise page_error(page, f"next_review {due} is not after last_reviewed {last}")
    return last, due


def check_description(page: Page) -> None:
    description = page.meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise page_error(page, "front matter has no 'description' (one calm sentence for previews)")


def today() -> datetime.date:
    return datetime.datetime.now(datetime.timezone.utc).date()


@event_priority(100)  # before the placeholders are filled: a front matter fault is named first
def on_page_markdown(markdown: str, page: Page, config: Any, files: Any) -> str:
    try:
        source = page.file.content_string
    except (OSError, TypeError):
        source = ""
    check_front_matter_text(page, source)
    check_description(page)
    _, due = review_dates(page, today())
    if due < today():
        message = f"{page.file.src_uri}: the next review was due on {due}: please review the page"
        if os.environ.get("REVIEWS_OVERDUE") == "fail":
            raise PluginError(message)
        log.info(message + " (readers see a 'due for review' notice)")
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: Any, nav: Any) -> dict[str, Any]:
    last, due = page.meta.get("last_reviewed"), page.meta.get("next_review")
    if isinstance(last, datetime.date) and isinstance(due, datetime.date):
        context["review"] = {"last_reviewed": long_date(last), "next_review": long_date(due),
                             "overdue": due < today()}
    return context
