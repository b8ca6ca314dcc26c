"""The publish guard (`make publish-check`, run by the deploy job) fails while reserved example
values remain in the settings and names each one, and while the clinical sign-off is not true
(issue 26), naming each cause: no sign-off; a sign-off dated in the future; pages changed after
it (named); a sign-off more than a year old; online sessions offered with no licensed_in. With a
practice's own details and a current sign-off it passes.

The ordinary build and test run do not use it: the shipped settings are examples on purpose.
Dates are worked out from today, never written in.
"""
import copy
import datetime
import re
import subprocess
import sys

import pytest

from support import ROOT, make_project

pytestmark = pytest.mark.any_settings  # its own settings over mkdocs.yml, not SITE_SETTINGS

TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def guard(tmp_path, settings, page_dates=None):
    config = make_project(tmp_path / "project", settings)
    for name, day in (page_dates or {}).items():  # a page's last_updated changed
        page = tmp_path / "project" / "docs" / name
        page.write_text(re.sub(r"(?m)^last_updated: .*$", f"last_updated: {day}", page.read_text(encoding="utf-8"),
                               count=1), encoding="utf-8")
    return subprocess.run([sys.executable, str(tmp_path / "project/hooks/practice_settings.py"), str(config)],
                          cwd=config.parent, capture_output=True, text=True, timeout=120)


def latest_page_update():
    return max(datetime.date.fromisoformat(m) for page in (ROOT / "docs").glob("*.md")
               for m in re.findall(r"(?m)^last_updated: (\S+)$", page.read_text(encoding="utf-8"))[:1])


OWN = {  # not reserved by the guard (.test and Australia's fiction range are unknown to it)
    "site_url": "https://guide.harbor.test/",
    "extra": {"quick_exit_url": "https://weather.harbor.test/", "practice": {
        "name": "Harbor Practice", "phone": "+61 491 570 006", "email": "hello@harbor.test",
        "booking_url": "https://book.harbor.test/", "address": "1 Quay Row, Hobart",
        "online_sessions": True, "licensed_in": ["Tasmania"],
        "review_owner": "The clinical team at Harbor Practice", "reviewer_credentials": "licensed psychologist",
        "reviewed_on": TODAY}},
}


def own(**practice):
    settings = copy.deepcopy(OWN)
    settings["extra"]["practice"].update(practice)
    return settings
RESERVED = {
    "site_url": "https://www.example.com/",
    "extra.practice.name": "Example Counseling",
    "extra.practice.phone": "+1 201-555-0123",
    "extra.practice.email": "hello@example.org",
    "extra.practice.booking_url": "https://booking.example.net/x",
    "extra.practice.address": "100 Example Street, Springfield",
}


def test_the_guard_passes_a_practices_own_details(tmp_path):
    result = guard(tmp_path, OWN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ready to publish" in result.stdout


def test_the_guard_names_each_reserved_value(tmp_path):
    settings = {"site_url": RESERVED["site_url"], "extra": {"quick_exit_url": OWN["extra"]["quick_exit_url"],
                "practice": dict(OWN["extra"]["practice"])}}
    for key, value in RESERVED.items():
        if key.startswith("extra.practice."):
            settings["extra"]["practice"][key.rsplit(".", 1)[1]] = value
    result = guard(tmp_path, settings)
    assert result.returncode == 1, result.stdout + result.stderr
    for key, value in RESERVED.items():
        assert any(line.strip().startswith(f"{key}: {value!r}") for line in result.stdout.splitlines()), (key, result.stdout)
    assert "Traceback" not in result.stderr


def test_one_reserved_value_is_enough_to_stop_publishing(tmp_path):
    settings = {"site_url": OWN["site_url"], "extra": {"quick_exit_url": OWN["extra"]["quick_exit_url"],
                "practice": dict(OWN["extra"]["practice"], phone="+44 (0)20 7946 0958")}}
    result = guard(tmp_path, settings)
    assert result.returncode == 1 and "extra.practice.phone" in result.stdout, result.stdout


def refusal(result):
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Not ready to publish" in result.stdout and "Traceback" not in result.stderr
    return result.stdout


def test_the_guard_refuses_a_guide_with_no_sign_off_naming_what_is_missing(tmp_path):
    output = refusal(guard(tmp_path, own(reviewer_credentials=None, reviewed_on=None)))
    line = next(line for line in output.splitlines() if "no clinical sign-off" in line)
    assert "extra.practice.reviewer_credentials" in line and "extra.practice.reviewed_on" in line
    assert "extra.practice.review_owner" not in line.split("missing:")[1]


def test_the_guard_refuses_a_sign_off_dated_in_the_future(tmp_path):
    ahead = TODAY + datetime.timedelta(days=3)
    output = refusal(guard(tmp_path, own(reviewed_on=ahead)))
    assert f"extra.practice.reviewed_on: {ahead} is in the future" in output


def test_the_guard_names_each_page_changed_after_the_sign_off(tmp_path):
    signed = latest_page_update()
    later = signed + datetime.timedelta(days=1)
    output = refusal(guard(tmp_path, own(reviewed_on=signed), {"contact.md": later, "safety.md": later}))
    line = next(line for line in output.splitlines() if "need a new sign-off" in line)
    assert line.endswith(f"so they need a new sign-off: contact.md ({later}), safety.md ({later})"), line


def test_the_guard_refuses_a_sign_off_more_than_a_year_old(tmp_path):
    old = TODAY - datetime.timedelta(days=368)
    pages = {page.name: old - datetime.timedelta(days=1) for page in (ROOT / "docs").glob("*.md")}
    output = refusal(guard(tmp_path, own(reviewed_on=old), pages))
    assert f"extra.practice.reviewed_on: {old} is more than a year ago" in output
    assert "need a new sign-off" not in output


def test_the_guard_passes_a_sign_off_made_within_the_year(tmp_path):
    recent = TODAY - datetime.timedelta(days=300)
    pages = {page.name: recent for page in (ROOT / "docs").glob("*.md")}
    result = guard(tmp_path, own(reviewed_on=recent), pages)
    assert result.returncode == 0, result.stdout


def test_online_sessions_need_licensed_in_to_publish(tmp_path):
    output = refusal(guard(tmp_path, own(licensed_in=None)))
    assert any(line.strip().startswith("extra.practice.licensed_in: missing; online sessions are offered")
               for line in output.splitlines()), output
    offline = guard(tmp_path / "offline", own(licensed_in=None, online_sessions=False))
    assert offline.returncode == 0, offline.stdout


def test_the_guard_names_every_cause_at_once(tmp_path):
    output = refusal(guard(tmp_path, own(name="Example Counseling", reviewed_on=None, licensed_in=None)))
    for words in ("extra.practice.name: 'Example Counseling'", "no clinical sign-off", "extra.practice.licensed_in"):
        assert words in output, (words, output)
