"""Bad settings stop the build with one clear line naming the key; good ones pass.

Each build case builds a one-page project (support.small_project: this checkout's mkdocs.yml,
hooks and templates) in-process with one setting changed (over the settings the suite runs with:
mkdocs.yml, or SITE_SETTINGS); one case runs MkDocs' own command, as `make build` does. The
parsers themselves (hooks/practice_settings.py) are also checked directly, without a build.
"""

import pytest

from support import build_in_process, build_site, load_hook, reader_strings, small_project, with_changes


settings_module = load_hook("practice_settings")


def build_with(tmp_path, settings, build=build_in_process):
    site = tmp_path / "site"
    result = build(small_project(tmp_path / "project", settings=settings), site)
    return result, result.stdout + result.stderr, site


BAD_SETTINGS = {
    "missing name": ({"name": None}, {}, "extra.practice.name"),
    "empty name": ({"name": "  "}, {}, "extra.practice.name"),
    "name too long": ({"name": "A" * 81}, {}, "extra.practice.name"),
    "address over the length cap": ({"address": "Street " * 40}, {}, "extra.practice.address"),
    "phone with letters": ({"phone": "555-CALL-NOW"}, {}, "extra.practice.phone"),
    "phone with the extension glued on": ({"phone": "+1 201-555-0123 (123)"}, {}, "extra.practice.phone"),
    "phone as a number": ({"phone": 2015550123}, {}, "extra.practice.phone"),
    "extension with letters": ({"phone_extension": "12a"}, {}, "extra.practice.phone_extension"),
    "email without @": ({"email": "hello.example.com"}, {}, "extra.practice.email"),
    "email with a bracket": ({"email": "hello)x@example.com"}, {}, "extra.practice.email"),
    "two email addresses": ({"email": "a@example.com, b@example.com"}, {}, "extra.practice.email"),
    "booking url not https": ({"booking_url": "http://booking.example.com/"}, {}, "extra.practice.booking_url"),
    "booking url with no host": ({"booking_url": "https:///evil"}, {}, "extra.practice.booking_url"),
    "booking url with a space": ({"booking_url": "https://booking.example.com/a b"}, {}, "extra.practice.booking_url"),
    "booking url with a bracket": ({"booking_url": "https://booking.example.com/a)b"}, {}, "extra.practice.booking_url"),
    "booking url with a login": ({"booking_url": "https://user:pw@booking.example.com/"}, {},
                                 "extra.practice.booking_url"),
    "unknown key (typo)": ({"phnoe": "+1 201-555-0123"}, {}, "extra.practice.phnoe"),
    "online_sessions as text": ({"online_sessions": "yes"}, {}, "extra.practice.online_sessions"),
    "languages empty": ({"languages": []}, {}, "extra.practice.languages"),
    "credentials as a list": ({"reviewer_credentials": ["LMFT", "PhD"]}, {}, "extra.practice.reviewer_credentials"),
    "licensed_in with an empty place": ({"licensed_in": ["New Jersey", " "]}, {}, "extra.practice.licensed_in"),
    "reviewed_on a day that does not exist": ({"reviewed_on": "2026-02-30"}, {}, "extra.practice.reviewed_on"),
    "reviewed_on with the time": ({"reviewed_on": "2026-12-07 10:00"}, {}, "extra.practice.reviewed_on"),
    "reviewed_on not a date": ({"reviewed_on": "last week"}, {}, "extra.practice.reviewed_on"),
    "quick exit to a script": ({}, {"quick_exit_url": "javascript:alert(1)"}, "extra.quick_exit_url"),
    "quick exit not https": ({}, {"quick_exit_url": "http://www.example.com/weather"}, "extra.quick_exit_url"),
    "quick exit missing": ({}, {"quick_exit_url": None}, "extra.quick_exit_url"),
    "site_url missing": ({}, {"site_url": None}, "site_url"),
    "site_url not https": ({}, {"site_url": "http://www.example.com/"}, "site_url"),
    "site_url with no real host": ({}, {"site_url": "https://localhost/"}, "site_url"),
    "site_url with a login": ({}, {"site_url": "https://user:pw@name.github.io/repo/"}, "site_url"),
}


def check_stopped(result, output, site, key):
    assert result.returncode != 0, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and f" {key} is " in errors[0] and "expected" in errors[0], output
    assert "Traceback" not in output, output
    assert not site.exists() or not any(site.iterdir()), "a half-built site was left behind"


@pytest.mark.parametrize("case", BAD_SETTINGS, ids=list(BAD_SETTINGS))
def test_bad_setting_stops_the_build_naming_the_key(tmp_path, case):
    practice, top, key = BAD_SETTINGS[case]
    check_stopped(*build_with(tmp_path, with_changes(practice, **top)), key)


def test_mkdocs_own_command_stops_on_a_bad_setting_with_one_line_naming_the_key(tmp_path):
    """The same as the in-process builds above, through `mkdocs build --strict` in a process of its own."""
    check_stopped(*build_with(tmp_path, with_changes({"phone": "555-CALL-NOW"}), build=build_site),
                  "extra.practice.phone")


# --- The parsers, without a build --------------------------------------------------------

TEL = {
    ("+1 201-555-0123", None): "tel:+12015550123",
    ("+44 (0)20 7946 0958", None): "tel:+442079460958",
    ("+44 (0) 20 7946 0958", "12"): "tel:+442079460958;ext=12",
    ("(020) 7946 0958", None): "tel:02079460958",
    ("201.555.0123", "4567"): "tel:2015550123;ext=4567",
}


@pytest.mark.parametrize("phone,ext", TEL, ids=[f"{p} {e}" for p, e in TEL])
def test_the_tel_link_dials_the_number_shown(phone, ext):
    assert settings_module.phone(phone) == phone
    assert settings_module.tel_href(phone, ext) == TEL[(phone, ext)]


def test_derived_values_are_worked_out_once_and_kept_apart_from_the_settings():
    """`derived` (one pure function) gives the tel: link and the number as readers see it; the
    macros module gives pages exactly those and writes nothing into the config (templates and
    hooks get them from hooks/pipeline.py)."""
    import copy
    import types

    settings = {"name": "Harbor", "phone": "+44 (0)20 7946 0958", "phone_extension": "12",
                "email": "a@example.org", "booking_url": "https://example.org/book", "address": "London",
                "online_sessions": False, "review_owner": "The team"}
    expected = {"tel": "tel:+442079460958;ext=12", "phone_text": "+44 (0)20 7946 0958 ext. 12"}
    assert settings_module.derived(settings, reader_strings()) == expected
    assert settings_module.derived({**settings, "phone_extension": None}, reader_strings())["phone_text"] == settings["phone"]
    extra = {"quick_exit_url": "https://www.example.org/weather", "practice": copy.deepcopy(settings),
             "strings": reader_strings()}
    env = types.SimpleNamespace(conf={"site_url": "https://example.org/", "extra": extra}, variables={})
    load_hook("macros").define_env(env)
    assert extra == {"quick_exit_url": "https://www.example.org/weather", "practice": settings,
                     "strings": reader_strings()}
    assert (env.variables["practice"]["tel"], str(env.variables["practice"]["phone"])) == (
        expected["tel"], "&#43;44 &#40;0&#41;20 7946 0958 ext&#46; 12")


def test_a_derived_value_written_into_the_settings_is_refused():
    """`tel` is worked out, not set: written into extra.practice, it is an unknown setting."""
    with pytest.raises(settings_module.SettingError, match=r"extra\.practice\.tel is"):
        settings_module.check_practice({"name": "Harbor", "tel": "tel:+12015550123"})


@pytest.mark.parametrize("value", [
    "+1 201-555-0123 (123)", "+1 201-555-0123 ext 12", "12", "+1 (20a) 555", "+1 201+555", "()", "+" + "1" * 16,
])
def test_a_phone_that_would_not_dial_what_is_shown_is_refused(value):
    with pytest.raises(ValueError):
        settings_module.phone(value)


@pytest.mark.parametrize("value", [
    "https://www.example.com/", "https://booking.example.com/book?who=a&when=b", "https://bücher.example/x",
    "https://www.example.com:8443/a/b",
])
def test_good_addresses_pass(value):
    assert settings_module.https_url(value) == value


@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "https:///evil", "https://exa mple.com/", "https://a@example.com/",
    "https://example.com/a)b", "https://localhost/", "//example.com/", "https://example.com/\n",
    'https://example.com/"onmouseover="x', "https://-bad-.example.com/", "https://1.2.3.4/",
])
def test_bad_addresses_are_refused(value):
    with pytest.raises(ValueError):
        settings_module.https_url(value)


def test_a_folder_address_ends_in_a_slash():
    assert settings_module.folder_url("https://name.github.io/repo/") == "https://name.github.io/repo/"
    for value in ("https://name.github.io/repo", "https://www.example.com/?a=1"):
        with pytest.raises(ValueError):
            settings_module.folder_url(value)


def test_the_credentials_settings_are_optional_and_checked_like_the_others():
    base = {"name": "A practice", "phone": "+1 201-555-0123", "email": "a@example.com",
            "booking_url": "https://www.example.com/book", "address": "1 Street", "online_sessions": True,
            "review_owner": "The team"}
    checked = settings_module.check_practice(base)
    assert "reviewer_credentials" not in checked and "licensed_in" not in checked  # absent when unset
    checked = settings_module.check_practice(dict(base, reviewer_credentials="licensed marriage and family therapists",
                                                  licensed_in="New Jersey"))
    assert checked["reviewer_credentials"] == "licensed marriage and family therapists"
    assert checked["licensed_in"] == ["New Jersey"]
    assert settings_module.check_practice(dict(base, licensed_in=["New Jersey", "New York"]))["licensed_in"] == [
        "New Jersey", "New York"]
    for key, value in (("reviewer_credentials", "x" * 201), ("reviewer_credentials", "two\nlines"),
                       ("reviewer_credentials", 12), ("licensed_in", []), ("licensed_in", [["nested"]]),
                       ("licensed_in", {"state": "NJ"})):
        with pytest.raises(settings_module.SettingError, match=f"extra.practice.{key} is"):
            settings_module.check_practice(dict(base, **{key: value}))
