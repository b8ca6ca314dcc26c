"""Check the practice's settings (`extra.practice` in mkdocs.yml) before anything is built.

A bad value stops the build with one line that names the key, the value and what
was expected. Runs in `on_config`, before the site directory is touched, so a bad
setting never leaves a half-built site behind.
"""
import re

from mkdocs.exceptions import PluginError

PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]{5,}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# key: (type, required, check, what is expected)
SETTINGS = {
    "name": (str, True, lambda v: bool(v.strip()), "the practice's name"),
    "phone": (str, True, lambda v: bool(PHONE.match(v)) and len(re.sub(r"\D", "", v)) >= 7,
              "a phone number of digits, spaces, +, -, . and brackets, such as '+1 201-555-0123'"),
    "email": (str, True, lambda v: bool(EMAIL.match(v)), "an email address such as 'hello@example.com'"),
    "booking_url": (str, True, lambda v: v.startswith("https://") and len(v) > len("https://"),
                    "an https:// address"),
    "address": (str, True, lambda v: bool(v.strip()), "a street address or city"),
    "online_sessions": (bool, True, lambda v: True, "true or false"),
    "review_owner": (str, True, lambda v: bool(v.strip()), "who reviews the pages, such as 'The clinical team'"),
}


def settings_error(key, value, expected):
    where = f"extra.practice.{key}" if key else "extra.practice"
    return PluginError(f"Practice settings: {where} is {value!r}, expected {expected}.")


def check_practice(practice):
    """Return the practice settings if they are good; raise one clear error if not."""
    if not isinstance(practice, dict):
        raise settings_error(None, practice, "a block of settings (name, phone, email, ...)")
    for key in practice:
        if key not in SETTINGS:
            known = ", ".join(SETTINGS)
            raise settings_error(key, practice[key], f"no such setting (known settings: {known})")
    for key, (kind, required, check, expected) in SETTINGS.items():
        if key not in practice:
            if required:
                raise settings_error(key, None, expected + " (this setting is missing)")
            continue
        value = practice[key]
        if not isinstance(value, kind) or not check(value):
            raise settings_error(key, value, expected)
    return practice


def tel_href(phone):
    """'+1 201-555-0123' -> 'tel:+12015550123'."""
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + re.sub(r"\D", "", phone)


def on_config(config):
    practice = check_practice(config.extra.get("practice"))
    practice.setdefault("tel", tel_href(practice["phone"]))
    return config
