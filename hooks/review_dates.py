"""Check each page's front matter: a description and its review dates.

Every page says when it was last reviewed and when the next review is due
(`last_reviewed`, `next_review`, as YYYY-MM-DD), and has a one-sentence
`description`. A page without them, a review date in the future, or a next
review before the last one stops the build with a message naming the page.
The dates are shown at the foot of the page by overrides/partials/review-dates.html.
"""
import datetime

from mkdocs.exceptions import PluginError


def page_error(page, message):
    return PluginError(f"{page.file.src_uri}: {message}")


def front_matter_date(page, key):
    value = page.meta.get(key)
    if value is None:
        raise page_error(page, f"front matter has no '{key}' (expected a date such as 2026-11-22)")
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise page_error(page, f"front matter '{key}' is {value!r}, expected a date such as 2026-11-22")
    return value


def check_review_dates(page, today):
    last = front_matter_date(page, "last_reviewed")
    due = front_matter_date(page, "next_review")
    if last > today:
        raise page_error(page, f"last_reviewed {last} is in the future")
    if due <= last:
        raise page_error(page, f"next_review {due} is not after last_reviewed {last}")


def check_description(page):
    description = page.meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise page_error(page, "front matter has no 'description' (one calm sentence for previews)")


def on_page_markdown(markdown, page, config, files):
    check_description(page)
    check_review_dates(page, datetime.date.today())
    return markdown
