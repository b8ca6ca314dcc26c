"""Content faults in a page's front matter each stop the build with one clear line naming the
page (no traceback); review dates allow for time zones; an overdue review does not stop the
build but tells readers calmly, and the weekly check (REVIEWS_OVERDUE=fail) fails on it."""
import datetime
import os

import pytest
from bs4 import BeautifulSoup

from support import build_site, make_project, with_changes


PAGE = "privacy.md"
TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def front_matter(last, due, description="How this guide treats your privacy."):
    return f"---\ndescription: {description}\nlast_reviewed: {last}\nnext_review: {due}\n---\n"


def build_with_front_matter(tmp_path, head, env=None):
    config = make_project(tmp_path / "project", with_changes())
    page = tmp_path / "project" / "docs" / PAGE
    body = page.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    page.write_text(head + body, encoding="utf-8")
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        result = build_site(config, tmp_path / "site")
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return result, result.stdout + result.stderr


FAULTS = {
    "yaml slip": ('---\ndescription: "How this guide\nlast_reviewed: 2026-01-05\nnext_review: 2027-01-05\n---\n',
                  ["line ", "not valid YAML"]),
    "impossible date": (front_matter("2026-02-30", "2029-02-28"), ["line 3", "last_reviewed 2026-02-30", "not a real date"]),
    "quoted date": (front_matter('"2026-01-05"', "2029-01-05"), ["line 3", "last_reviewed", "remove the quotes"]),
    "review date days ahead": (front_matter(TODAY + datetime.timedelta(days=3), TODAY + datetime.timedelta(days=400)),
                               ["last_reviewed", "in the future"]),
    "next review before the last": (front_matter("2026-01-05", "2025-01-05"), ["next_review", "not after"]),
    "missing snippet": (front_matter("2026-01-05", "2029-01-05") + '\n{% include "no-such-snippet.md" %}\n',
                        ["no-such-snippet.md", "missing"]),
}


@pytest.mark.parametrize("case", FAULTS, ids=list(FAULTS))
def test_a_content_fault_stops_the_build_with_one_clear_line(tmp_path, case):
    head, words = FAULTS[case]
    result, output = build_with_front_matter(tmp_path, head)
    assert result.returncode != 0, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR") and PAGE in line]
    assert any(all(word in line for word in words) for line in errors), output
    assert "Traceback" not in output and "description" not in " ".join(errors), output


def test_a_page_reviewed_tomorrow_somewhere_builds(tmp_path):
    tomorrow = TODAY + datetime.timedelta(days=1)
    result, output = build_with_front_matter(tmp_path, front_matter(tomorrow, tomorrow + datetime.timedelta(days=365)))
    assert result.returncode == 0, output


def test_an_overdue_review_builds_and_tells_readers(tmp_path):
    last, due = TODAY - datetime.timedelta(days=400), TODAY - datetime.timedelta(days=2)
    result, output = build_with_front_matter(tmp_path, front_matter(last, due))
    assert result.returncode == 0, output
    assert f"{PAGE}: the next review was due on {due}" in output
    page = BeautifulSoup((tmp_path / "site/privacy/index.html").read_text(encoding="utf-8"), "html.parser")
    notice = page.select_one(".review-dates__due")
    assert notice and "due for review" in notice.get_text()
    other = BeautifulSoup((tmp_path / "site/contact/index.html").read_text(encoding="utf-8"), "html.parser")
    assert other.select_one(".review-dates__due") is None


def test_the_weekly_check_fails_while_a_page_is_overdue(tmp_path):
    last, due = TODAY - datetime.timedelta(days=400), TODAY - datetime.timedelta(days=2)
    result, output = build_with_front_matter(tmp_path, front_matter(last, due), env={"REVIEWS_OVERDUE": "fail"})
    assert result.returncode != 0, output
    assert any(PAGE in line and "next review was due" in line for line in output.splitlines() if line.startswith("ERROR"))
