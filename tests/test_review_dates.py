"""Content faults in a page's front matter each stop the build with one clear line naming the
page (no traceback); dates allow for time zones. No date ever stops an ordinary build (an urgent
fix still ships), but the weekly check (REVIEWS_OVERDUE=fail, `make review-check`) fails while the
safety page's help lines were last checked more than three months ago (naming the lines) or the
clinical sign-off is more than a year old; readers then see a calm "due for review" notice.

Dates are worked out from today, never written in (issue 26). Each case builds the two pages it
changes (support.small_project) in-process."""
import datetime
import re

import pytest
from bs4 import BeautifulSoup

from support import ROOT, build_in_process, small_project, with_changes


PAGE = "privacy.md"
PAGES = ("index.md", PAGE, "safety.md")
TODAY = datetime.datetime.now(datetime.timezone.utc).date()
SIGN_OFF = {"review_owner": "The clinical team at Harbor Practice", "reviewer_credentials": "licensed psychologist"}


def front_matter(updated, description="How this guide treats your privacy.", extra=""):
    return f"---\ndescription: {description}\nlast_updated: {updated}\n{extra}---\n"


def build(tmp_path, settings=None, heads=None, env=None, all_updated=None):
    """A copy of the project built: `heads` replaces pages' front matter, `all_updated` sets
    every page's last_updated."""
    config = small_project(tmp_path / "project", PAGES, with_changes(settings))
    docs = tmp_path / "project" / "docs"
    if all_updated:
        for page in docs.glob("*.md"):
            page.write_text(re.sub(r"(?m)^last_updated: .*$", f"last_updated: {all_updated}",
                                   page.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    for name, head in (heads or {}).items():
        page = docs / name
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        page.write_text(head + body, encoding="utf-8")
    result = build_in_process(config, tmp_path / "site", env=env)
    return result, result.stdout + result.stderr


def build_with_front_matter(tmp_path, head, env=None):
    return build(tmp_path, heads={PAGE: head}, env=env)


def safety_checked_on(day):
    """The safety page's front matter with its help lines last checked on `day`."""
    return ("---\ndescription: Where to find support now if you are afraid of your partner.\n"
            f"last_updated: {TODAY - datetime.timedelta(days=400)}\nlines_checked: {day}\n---\n")


FAULTS = {
    "yaml slip": ('---\ndescription: "How this guide\nlast_updated: 2026-01-05\n---\n', ["line ", "not valid YAML"]),
    "impossible date": (front_matter("2026-02-30"), ["line 3", "last_updated 2026-02-30", "not a real date"]),
    "quoted date": (front_matter('"2026-01-05"'), ["line 3", "last_updated", "remove the quotes"]),
    "date days ahead": (front_matter(TODAY + datetime.timedelta(days=3)), ["last_updated", "in the future"]),
    "no last_updated": ("---\ndescription: How this guide treats your privacy.\n---\n", ["no 'last_updated'"]),
    "a review date left from before": (front_matter("2026-01-05", extra="last_reviewed: 2026-01-05\n"),
                                       ["last_reviewed", "no longer used", "reviewed_on"]),
    "lines_checked quoted": (front_matter("2026-01-05", extra="lines_checked: '2026-01-05'\n"),
                             ["line 4", "lines_checked", "remove the quotes"]),
    "missing snippet": (front_matter("2026-01-05") + '\n{% include "no-such-snippet.md" %}\n',
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


def test_a_page_updated_tomorrow_somewhere_builds(tmp_path):
    result, output = build_with_front_matter(tmp_path, front_matter(TODAY + datetime.timedelta(days=1)))
    assert result.returncode == 0, output


def test_help_lines_checked_over_three_months_ago_fail_only_the_weekly_check(tmp_path):
    stale = TODAY - datetime.timedelta(days=100)
    result, output = build(tmp_path / "build", heads={"safety.md": safety_checked_on(stale)})
    assert result.returncode == 0, output  # an ordinary build (and so a deploy) still ships
    assert f"safety.md: the help lines were last checked on {stale}" in output
    weekly, output = build(tmp_path / "weekly", heads={"safety.md": safety_checked_on(stale)},
                           env={"REVIEWS_OVERDUE": "fail"})
    assert weekly.returncode != 0, output
    line = next(line for line in output.splitlines() if line.startswith("ERROR") and "help lines" in line)
    # It names what to check: each call and text link on the page.
    links = re.findall(r"\[([^\]]+)\]\((?:tel|sms):", (ROOT / "docs/safety.md").read_text(encoding="utf-8"))
    assert links and all(text in line for text in links), (links, line)


def test_help_lines_checked_within_three_months_pass_the_weekly_check(tmp_path):
    recent = TODAY - datetime.timedelta(days=80)
    result, output = build(tmp_path, heads={"safety.md": safety_checked_on(recent)}, env={"REVIEWS_OVERDUE": "fail"})
    assert result.returncode == 0, output


def test_a_sign_off_over_a_year_old_builds_tells_readers_and_fails_the_weekly_check(tmp_path):
    old = TODAY - datetime.timedelta(days=370)
    settings = dict(SIGN_OFF, reviewed_on=old)
    pages_updated = old - datetime.timedelta(days=1)
    result, output = build(tmp_path / "build", settings, all_updated=pages_updated)
    assert result.returncode == 0, output
    assert "the clinical sign-off (extra.practice.reviewed_on" in output
    page = BeautifulSoup((tmp_path / "build/site/privacy/index.html").read_text(encoding="utf-8"), "html.parser")
    notice = page.select_one(".review-dates__due")
    assert notice and "due for review" in notice.get_text()
    weekly, output = build(tmp_path / "weekly", settings, env={"REVIEWS_OVERDUE": "fail"}, all_updated=pages_updated)
    assert weekly.returncode != 0, output
    assert any("clinical sign-off" in line and "more than a year old" in line
               for line in output.splitlines() if line.startswith("ERROR")), output


def test_a_current_sign_off_shows_no_notice(tmp_path):
    settings = dict(SIGN_OFF, reviewed_on=TODAY - datetime.timedelta(days=30))
    result, output = build(tmp_path, settings, all_updated=TODAY - datetime.timedelta(days=31))
    assert result.returncode == 0, output
    page = BeautifulSoup((tmp_path / "site/privacy/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".review-dates__due") is None and page.select_one(".review-dates__owner")
