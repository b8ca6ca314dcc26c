"""The publish guard (`make publish-check`, run by the deploy job) fails while reserved example
values remain in the settings and names each one; with a practice's own details it passes.

The ordinary build and test run do not use it: the shipped settings are examples on purpose.
"""
import subprocess
import sys

from support import make_project


def guard(tmp_path, settings):
    config = make_project(tmp_path / "project", settings)
    return subprocess.run([sys.executable, str(tmp_path / "project/hooks/practice_settings.py"), str(config)],
                          cwd=config.parent, capture_output=True, text=True, timeout=120)


OWN = {  # not reserved by the guard (.test and Australia's fiction range are unknown to it)
    "site_url": "https://guide.harbor.test/",
    "extra": {"quick_exit_url": "https://weather.harbor.test/", "practice": {
        "name": "Harbor Practice", "phone": "+61 491 570 006", "email": "hello@harbor.test",
        "booking_url": "https://book.harbor.test/", "address": "1 Quay Row, Hobart",
        "review_owner": "The clinical team at Harbor Practice"}},
}
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
