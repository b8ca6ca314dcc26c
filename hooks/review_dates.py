"""Check each page's front matter (a description and when its words last changed), and give the
page its review line: the practice's clinical sign-off, or that clinical review is pending.
Steps of hooks/pipeline.py: check_front_matter (before a page is read, so a front matter fault
is named before any placeholder), check_help_lines, review (the template's `review`) and
check_sign_off (after the build).

Every page says when its words last changed (`last_updated`, YYYY-MM-DD, no quotes: the project
sets it whenever it edits the page; it is not a review date) and has a one-sentence
`description`. The safety page also says when its help lines were last checked against each
service's own page (`lines_checked`). A fault stops the build with one line naming the page and
saying what to fix: a YAML slip (with its line), an impossible date, a quoted date, a missing key,
a date more than a day ahead (a page changed "today" in Australia is still "tomorrow" on a UTC
build machine), a `last_reviewed` or `next_review` left from before (the review is now the
practice's sign-off, in the settings).

The sign-off is three settings (hooks/practice_settings.py, SIGN_OFF): who reviewed the guide,
their credentials and the day they approved it; the next review is due a year later. A page
whose words changed after that day, or a guide with no sign-off, says clinical review is pending.

No date ever stops an ordinary build (an urgent fix to a help line must still ship). A sign-off
more than a year old shows readers a calm "due for review" notice and the build log says so.
With REVIEWS_OVERDUE=fail (`make review-check`, the weekly workflow run) the build stops while
the sign-off is more than a year old or the help lines were last checked more than three months
ago, naming what to check.

The page's template gets `review` (overrides/partials/review-dates.html, print-footer.html):
the dates written out ("November 22, 2026": extra.strings, date_format and date_months) and whether the page is signed off or overdue.
"""
from __future__ import annotations

import datetime
import logging
import os
import re
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils import meta as front_matter_block

from practice_settings import SIGN_OFF, add_months, sign_off, today
from shared import FRONT_MATTER, long_date, plain_text

log = logging.getLogger("mkdocs.hooks.review_dates")

OLD_KEYS = ("last_reviewed", "next_review")
DATE_LINE = re.compile(r"^(?P<key>last_updated|lines_checked):[ \t]*(?P<value>.*?)[ \t]*$", re.M)
DATE_TEXT = re.compile(r"^[\"']?(\d{4})-(\d{1,2})-(\d{1,2})[\"']?$")
EXAMPLE = "a date such as 2026-11-22"
LINES_CHECK_MONTHS = 3  # the help lines are checked against each service's own page every three months
LINK = re.compile(r'<a\b[^>]*href="(?:tel|sms):[^"]*"[^>]*>(.*?)</a>', re.S)


def page_error(page: str, message: str) -> PluginError:
    """A build error naming the page (its source path, 'safety.md')."""
    return PluginError(f"{page}: {message}")


def check_front_matter_text(page: str, source: str) -> None:
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


def front_matter_date(page: str, meta: dict[str, Any], key: str, required: bool = True) -> datetime.date | None:
    value = meta.get(key)
    if value is None and not required:
        return None
    if value is None:
        raise page_error(page, f"front matter has no '{key}' (expected {EXAMPLE})")
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise page_error(page, f"front matter '{key}' is {value!r}, expected {EXAMPLE}")
    if value > today() + datetime.timedelta(days=1):
        raise page_error(page, f"{key} {value} is in the future (today is {today()})")
    return value


def check_keys(page: str, meta: dict[str, Any]) -> None:
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise page_error(page, "front matter has no 'description' (one calm sentence for previews)")
    for key in OLD_KEYS:
        if key in meta:
            raise page_error(page, f"front matter has '{key}', which is no longer used: write last_updated "
                                   f"(the day the words last changed); the clinical review is the practice's "
                                   f"sign-off ({', '.join(SIGN_OFF)} in the settings)")


def weekly_check(message: str) -> None:
    """A date that has passed: the weekly run (REVIEWS_OVERDUE=fail) stops on it; a build logs it."""
    if os.environ.get("REVIEWS_OVERDUE") == "fail":
        raise PluginError(message)
    log.info(message)


def check_front_matter(page: str, source: str) -> dict[str, Any]:
    """The page's front matter (`page`: its source path, `source`: its file's text), read as
    MkDocs reads it, after checking it; a fault stops the build with one line naming the page."""
    check_front_matter_text(page, source)
    _, meta = front_matter_block.get_data(source)
    check_keys(page, meta)
    front_matter_date(page, meta, "last_updated")
    front_matter_date(page, meta, "lines_checked", required=False)
    return meta


def check_help_lines(page: str, html: str, meta: dict[str, Any]) -> None:
    """The safety page's help lines: checked against each service's own page every three months."""
    checked = meta.get("lines_checked")
    if isinstance(checked, datetime.date) and add_months(checked, LINES_CHECK_MONTHS) < today():
        lines = list(dict.fromkeys(plain_text(text) for text in LINK.findall(html)))
        weekly_check(f"{page}: the help lines were last checked on {checked}, more than "
                     f"{LINES_CHECK_MONTHS} months ago: check each against its service's own page "
                     f"(MAINTAINING.md, 'Help lines to check'), then set lines_checked: " + "; ".join(lines))


def check_sign_off(practice: dict[str, Any]) -> None:
    """After the build: a sign-off more than a year old is logged (or stops the weekly run)."""
    signed = sign_off(practice)
    if signed and signed["next_review"] < today():
        weekly_check(f"the clinical sign-off (extra.practice.reviewed_on {signed['reviewed_on']}) is more than a "
                     f"year old: the next review was due on {signed['next_review']} (readers see a 'due for "
                     f"review' notice)")


def review(meta: dict[str, Any], practice: dict[str, Any], strings: dict[str, Any]) -> dict[str, Any] | None:
    """The template's `review`: the page's dates written out in the language of `strings`
    (extra.strings) and whether it is signed off or overdue (None for a page without
    last_updated). The words around them are the template's (review_*)."""
    updated = meta.get("last_updated")
    if not isinstance(updated, datetime.date):
        return None
    signed = sign_off(practice)
    result: dict[str, Any] = {"last_updated": long_date(updated, strings), "signed": False, "overdue": False}
    if signed and updated <= signed["reviewed_on"]:
        result.update(signed=True, reviewed_on=long_date(signed["reviewed_on"], strings),
                      reviewed_on_iso=signed["reviewed_on"].isoformat(),
                      next_review=long_date(signed["next_review"], strings),
                      next_review_iso=signed["next_review"].isoformat(),
                      overdue=signed["next_review"] < today())
    return result
