"""Bad practice settings stop the build with one clear line naming the key; good ones pass.

Each case builds from a temporary copy of mkdocs.yml with one setting changed.
"""
import shutil

import pytest
import yaml

from conftest import ROOT, build_site


def practice_line(key, value):
    return f"    {key}: {value}\n"


def config_with(tmp_path, change):
    """Copy the project into tmp_path with `change(lines)` applied to the lines of the
    extra.practice block of mkdocs.yml; return the copied config's path."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    head, block = text.split("\n  practice:\n", 1)
    lines = block.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines) if not line.startswith("    ")), len(lines))
    settings, rest = lines[:end], lines[end:]
    settings = change(settings) or settings
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "mkdocs.yml").write_text(head + "\n  practice:\n" + "".join(settings + rest), encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def set_(key, value):
    """Replace the setting `key` (or add it) with a YAML value written as text."""
    def change(lines):
        kept = [line for line in lines if not line.startswith(f"    {key}:")]
        return kept + [practice_line(key, value)]
    return change


def drop(key):
    return lambda lines: [line for line in lines if not line.startswith(f"    {key}:")]


BAD_SETTINGS = {
    "missing name": (drop("name"), "extra.practice.name"),
    "empty name": (set_("name", '"  "'), "extra.practice.name"),
    "phone with letters": (set_("phone", "555-CALL-NOW"), "extra.practice.phone"),
    "email without @": (set_("email", "hello.example.com"), "extra.practice.email"),
    "booking url not https": (set_("booking_url", "http://booking.example.com/"), "extra.practice.booking_url"),
    "unknown key (typo)": (set_("phnoe", "+1 201-555-0123"), "extra.practice.phnoe"),
    "wrong type: online_sessions as text": (set_("online_sessions", '"yes"'), "extra.practice.online_sessions"),
    "wrong type: phone as a number": (set_("phone", "2015550123"), "extra.practice.phone"),
}


@pytest.mark.parametrize("case", BAD_SETTINGS, ids=list(BAD_SETTINGS))
def test_bad_setting_stops_the_build_naming_the_key(tmp_path, case):
    change, key = BAD_SETTINGS[case]
    site = tmp_path / "site"
    result = build_site(config_with(tmp_path / "project", change), site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and key in errors[0], output
    assert "Traceback" not in output, output
    assert not site.exists() or not any(site.iterdir()), "a half-built site was left behind"


def test_example_settings_build(tmp_path):
    result = build_site(config_with(tmp_path / "project", lambda lines: lines), tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr


def test_example_settings_use_reserved_values():
    practice = {}
    config_with_lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n  practice:\n", 1)[1]
    for line in config_with_lines.splitlines():
        if not line.startswith("    "):
            break
        key, _, value = line.strip().partition(": ")
        practice[key] = yaml.safe_load(value)
    assert "555-01" in practice["phone"]
    assert practice["email"].endswith(("example.com", "example.org"))
    assert "example." in practice["booking_url"]
    assert "Example" in practice["name"]
