"""The practice's settings, checked by parsing: one place, pure functions, no state.

Not a hook (mkdocs.yml does not list it). hooks/macros.py calls `check_settings` when the
macros plugin starts (under MkDocs and Zensical alike), before any page is read. A bad
value stops the build with one line that names the key and says what is expected.

Run as a script, it is the publish guard (`make publish-check`): it fails while the
reserved example values (example.com, 555-01xx numbers, the example name) remain.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from collections.abc import Mapping
from typing import Any, Callable
from urllib.parse import urlsplit

MAX_TEXT = 200  # free text: a sentence, not a page
MAX_NAME = 80

# A host name: labels of letters, digits and hyphens (any script), split by dots, at least one dot.
HOST_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$", re.UNICODE)
# An email address: one local part (letters, digits and . _ % + -) and one domain: nothing
# that means something else in Markdown, HTML or a mailto: link, and no second @.
EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9._%+-]+$")
URL_FORBIDDEN = re.compile(r"[\s<>\"'`(){}\[\]\\^|]")
PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-]+$")
EXTENSION = re.compile(r"^[0-9]{1,6}$")


class SettingError(ValueError):
    """One bad setting: `key` (as written in mkdocs.yml) and what is expected."""

    def __init__(self, key: str, value: Any, expected: str):
        self.key = key
        shown = "missing" if value is MISSING else f"{value!r}"
        super().__init__(f"Settings: {key} is {shown}; expected {expected}.")


MISSING = object()


# --- Parsers: each returns the value if good, or raises ValueError with what is expected ---


def text(limit: int = MAX_TEXT) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError("some text")
        if len(value) > limit:
            raise ValueError(f"at most {limit} characters (it has {len(value)})")
        if any(ord(c) < 32 for c in value):
            raise ValueError("one line of text")
        return value
    return parse


def yes_no(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def host_ok(host: str | None) -> bool:
    if not host or "." not in host:
        return False
    labels = host.rstrip(".").split(".")
    return all(HOST_LABEL.match(label) and "_" not in label for label in labels) and not labels[-1].isdigit()


def https_url(value: Any, *, folder: bool = False) -> str:
    """An https:// address with a real host: no spaces, no login, nothing Markdown or HTML reads."""
    expected = ("an https:// address of a folder, ending in '/', such as 'https://www.example.com/' "
                "or 'https://name.github.io/repo/'" if folder else
                "an https:// address with a host name, such as 'https://www.example.com/page'")
    if not isinstance(value, str) or URL_FORBIDDEN.search(value) or any(ord(c) < 32 for c in value):
        raise ValueError(expected + " (no spaces, quotes or brackets: percent-encode them)")
    if len(value) > 2000:
        raise ValueError(expected + " (at most 2000 characters)")
    try:
        parts = urlsplit(value)
        port = parts.port  # a bad port raises ValueError
    except ValueError:
        raise ValueError(expected) from None
    if parts.scheme != "https" or not value.startswith("https://"):
        raise ValueError(expected)
    if "@" in parts.netloc or not host_ok(parts.hostname) or port == 0:
        raise ValueError(expected + " (a real host, no user name or password)")
    if folder and (not parts.path.endswith("/") or parts.query or parts.fragment):
        raise ValueError(expected)
    return value


def folder_url(value: Any) -> str:
    return https_url(value, folder=True)


def email(value: Any) -> str:
    expected = "one email address such as 'hello@example.com' (letters, digits and . _ % + - before the @)"
    if not isinstance(value, str) or value.count("@") != 1 or len(value) > 254:
        raise ValueError(expected)
    local, domain = value.split("@")
    if (not EMAIL_LOCAL.match(local) or local.startswith(".") or local.endswith(".") or ".." in local
            or not host_ok(domain)):
        raise ValueError(expected)
    return value


def phone_digits(phone: str) -> str:
    """What a phone dials: '+44 (0)20 7946 0958' -> '+442079460958'; '(020) 7946 0958' -> '02079460958'.

    A '(0)' after a country code is the trunk prefix, dialled only from inside the country."""
    plus = phone.strip().startswith("+")
    if plus:
        phone = re.sub(r"\(\s*0\s*\)", "", phone)
    return ("+" if plus else "") + re.sub(r"\D", "", phone)


def phone(value: Any) -> str:
    expected = ("a phone number in quotes, of digits, spaces, +, -, . and brackets, such as "
                "'+1 201-555-0123' or '+44 (0)20 7946 0958' (an extension goes in phone_extension)")
    if not isinstance(value, str) or not PHONE_CHARS.match(value.strip()):
        raise ValueError(expected)
    stripped = value.strip()
    # Brackets: balanced, around digits only, never the last group (that would be an extension).
    if re.search(r"\([^()]*[^0-9 ()][^()]*\)|\(\s*\)", stripped) or stripped.count("(") != stripped.count(")"):
        raise ValueError(expected)
    if re.sub(r"\([0-9 ]+\)", "", stripped).count("(") or stripped.endswith(")"):
        raise ValueError(expected)
    if "+" in stripped[1:]:
        raise ValueError(expected)
    digits = phone_digits(stripped).lstrip("+")
    if not 5 <= len(digits) <= 15:
        raise ValueError(expected + f" (it dials {len(digits)} digits; a number has 5 to 15)")
    return value


def extension(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not EXTENSION.match(value):
        raise ValueError("an extension of 1 to 6 digits, such as '123'")
    return value


def text_list(what: str) -> Callable[[Any], list[str]]:
    """One name or a list of short names (`what` says which, with an example)."""
    def parse(value: Any) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or len(value) > 60:
            raise ValueError(f"a list of {what}")
        return [text(60)(item) for item in value]
    return parse


languages = text_list("languages, such as [English, Spanish]")
places = text_list("places, such as [New Jersey, New York]")


@dataclass(frozen=True)
class Setting:
    parse: Callable[[Any], Any]
    required: bool
    about: str  # one line, for README and the unknown-key message


PRACTICE: dict[str, Setting] = {
    "name": Setting(text(MAX_NAME), True, "the practice's name"),
    "phone": Setting(phone, True, "the phone number, as readers should see it"),
    "phone_extension": Setting(extension, False, "an extension to dial after the number"),
    "email": Setting(email, True, "one email address"),
    "booking_url": Setting(https_url, True, "the https:// address of the booking page"),
    "address": Setting(text(), True, "a street address or city"),
    "online_sessions": Setting(yes_no, True, "true if sessions are also offered by video"),
    "review_owner": Setting(text(), True, "who reviews the pages"),
    "reply_time": Setting(text(), False, "how soon the practice replies, such as 'within two working days'"),
    "fees": Setting(text(), False, "what a session costs, or 'Please ask us about fees.'"),
    "session_length": Setting(text(), False, "how long a session is, such as '50 minutes'"),
    "payment": Setting(text(), False, "insurance and other ways to pay"),
    "languages": Setting(languages, False, "the languages sessions are offered in"),
    "reviewer_credentials": Setting(text(), False,
                                    "the reviewers' credentials, such as 'licensed marriage and family therapists'"),
    "licensed_in": Setting(places, False,
                           "where the clinicians are licensed (and so where online sessions can be offered)"),
    "first_appointment": Setting(text(), False,
                                 "how the practice's first appointments go, in its own words"),
    "offers_checkup": Setting(yes_no, False, "true if the practice offers a relationship check-up"),
}


def check_practice(practice: Any) -> dict[str, Any]:
    """The checked extra.practice block, or SettingError for the first bad key."""
    where = "extra.practice"
    if not isinstance(practice, Mapping):
        raise SettingError(where, practice if practice is not None else MISSING,
                           "a block of settings (name, phone, email, ...)")
    for key in practice:
        if key not in PRACTICE:
            raise SettingError(f"{where}.{key}", practice[key],
                               f"one of the known settings ({', '.join(PRACTICE)})")
    checked: dict[str, Any] = {}
    for key, setting in PRACTICE.items():
        value = practice.get(key, MISSING)
        if value is MISSING or value is None:
            if setting.required:
                raise SettingError(f"{where}.{key}", MISSING, setting.about)
            continue
        try:
            checked[key] = setting.parse(value)
        except ValueError as problem:
            raise SettingError(f"{where}.{key}", value, str(problem)) from None
    return checked


def dev_server_url(site_url: Any, dev_addr: str) -> bool:
    """True for the address `mkdocs serve` gives site_url while it serves: http:// on its own
    dev_addr ('127.0.0.1:8000'), under the published address's path (ends in '/')."""
    if not isinstance(site_url, str):
        return False
    parts = urlsplit(site_url)
    return (parts.scheme == "http" and parts.netloc == dev_addr and parts.path.endswith("/")
            and not parts.query and not parts.fragment and site_url == f"http://{dev_addr}{parts.path}")


def check_settings(site_url: Any, extra: Any, serving_at: str | None = None) -> dict[str, Any]:
    """Check site_url, extra.quick_exit_url and extra.practice; return the checked practice.

    `serving_at` is the dev server's host:port while `mkdocs serve` runs (None otherwise): then,
    and only then, site_url may be the server's own address, which MkDocs puts there in place of
    the published one (the published one was checked as it was read: see hooks/macros.py)."""
    if not (serving_at and dev_server_url(site_url, serving_at)):
        try:
            folder_url(site_url)
        except ValueError as problem:
            raise SettingError("site_url", MISSING if site_url is None else site_url, str(problem)) from None
    extra = extra if isinstance(extra, Mapping) else {}
    quick_exit = extra.get("quick_exit_url", MISSING)
    try:
        if quick_exit is MISSING or quick_exit is None:
            raise ValueError("x")
        https_url(quick_exit)
    except ValueError:
        raise SettingError("extra.quick_exit_url", quick_exit,
                           "the https:// address of a neutral page that opens in place of the site, "
                           "such as 'https://www.bbc.com/weather'") from None
    return check_practice(extra.get("practice", MISSING))


def tel_href(phone_text: str, ext: str | None = None) -> str:
    """'+44 (0)20 7946 0958', '12' -> 'tel:+442079460958;ext=12'."""
    return "tel:" + phone_digits(phone_text) + (f";ext={ext}" if ext else "")


def derived(practice: Mapping[str, Any]) -> dict[str, str]:
    """What the site works out from the checked settings, in one place. Never a setting, never
    written into extra.practice: hooks/macros.py gives it to pages (`practice.tel`, and
    `practice.phone` as `phone_text`) and puts it beside the settings, as `extra.derived`, for
    the templates (overrides/partials/phone.html, copyright.html) and hooks/print_links.py.

    - `tel`: the tap-to-call link, 'tel:+442079460958;ext=12';
    - `phone_text`: the number as readers see it, with its extension, '+44 (0)20 7946 0958 ext. 12'.
    """
    ext = practice.get("phone_extension")
    return {
        "tel": tel_href(practice["phone"], ext),
        "phone_text": practice["phone"] + (f" ext. {ext}" if ext else ""),
    }


# --- The publish guard ---------------------------------------------------------------------

RESERVED = [
    (re.compile(r"(^|[.@/])example\.(com|org|net)\b", re.I), "an example.com/.org/.net address"),
    (re.compile(r"\b555[-. ]?01[0-9]{2}\b"), "a 555-01xx phone number (reserved for fiction)"),
    (re.compile(r"\b7946[-. ]?0[0-9]{3}\b"), "a 020 7946 0xxx number (reserved for drama)"),
    (re.compile(r"\bExample Counseling\b"), "the example practice name"),
    (re.compile(r"\bExample Street\b"), "the example street address"),
]


def reserved_values(site_url: Any, extra: dict[str, Any]) -> list[str]:
    """Each setting that still holds a reserved example value, as 'key: value (why)'."""
    found = []
    values = [("site_url", site_url), ("extra.quick_exit_url", extra.get("quick_exit_url"))]
    practice = extra.get("practice") or {}
    values += [(f"extra.practice.{key}", value) for key, value in practice.items()]
    for key, value in values:
        for pattern, why in RESERVED:
            if isinstance(value, str) and pattern.search(value):
                found.append(f"{key}: {value!r} is {why}")
    return found


def main(argv: list[str]) -> int:
    """`python hooks/practice_settings.py mkdocs.yml [name]`: the publish guard. `name` is the
    file to name in its message (the settings the owner edits, where mkdocs.yml inherits them)."""
    import logging

    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config_file = argv[1] if len(argv) > 1 else "mkdocs.yml"
    shown = argv[2] if len(argv) > 2 else config_file
    with open(config_file, "rb") as handle:
        config = load_config(config_file=handle)
    found = reserved_values(config.site_url, dict(config.extra))
    if found:
        print(f"Not ready to publish ({shown}): these settings still hold example values.")
        for line in found:
            print(f"  {line}")
        print(f"Put the practice's own details in {shown} (README, 'Make it yours').")
        return 1
    print(f"Ready to publish ({shown}): no example values in the settings.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
