"""The practice's settings, checked by parsing: one place, pure functions, no state.

Not a hook (mkdocs.yml does not list it). hooks/macros.py calls `check_settings` when the
macros plugin starts (under MkDocs and Zensical alike), before any page is read. A bad
value stops the build with one line that names the key and says what is expected.

Each setting is one entry of a table (`PRACTICE`, and `TOP` for the two outside the block): its
parser, whether the build needs it, one line about it, and the plain-words question and example
answer that `make setup` (tools/setup.py) asks with. A new setting is one entry here.

The clinical sign-off is three settings (`SIGN_OFF`): who reviewed the guide, their credentials
and the day they approved it (`reviewed_on`). The build does not need them (the shipped settings
are a template, and pages then say that clinical review is pending); publishing does.

Run as a script, it is the publish guard (`make publish-check`): it fails while the reserved
example values (example.com, 555-01xx numbers, the example name) remain, while there is no
sign-off, or it is dated in the future, is more than a year old or is older than a page's
`last_updated`, and while online sessions are offered with no `licensed_in`; it names each cause.
"""
from __future__ import annotations

import calendar
import datetime
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


yes_no.kind = "yes/no"  # type: ignore[attr-defined]  # `make setup` takes yes or no


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
    parse.kind = "list"  # type: ignore[attr-defined]  # `make setup` takes it as "a, b, c"
    return parse


languages = text_list("languages, such as [English, Spanish]")
places = text_list("places, such as [New Jersey, New York]")


def day(value: Any) -> datetime.date:
    """A real day written YYYY-MM-DD. In quotes ("2026-12-07") it is text, which Zensical can
    read in `extra` (it refuses YAML's date values there); without quotes YAML reads it as a
    date, which MkDocs takes too."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError('a real date written as YYYY-MM-DD, in quotes, such as "2026-12-07"')


day.kind = "date"  # type: ignore[attr-defined]  # `make setup` takes YYYY-MM-DD


def neutral_page(value: Any) -> str:
    try:
        if value is MISSING or value is None:
            raise ValueError("missing")
        return https_url(value)
    except ValueError:
        raise ValueError("the https:// address of a neutral page that opens in place of the site, "
                         "such as 'https://www.bbc.com/weather'") from None


@dataclass(frozen=True)
class Setting:
    parse: Callable[[Any], Any]
    required: bool  # the build stops without it
    about: str  # one line, for README and the unknown-key message
    question: str = ""  # `make setup` asks this, in plain words (else it shows `about`)
    example: str = ""  # an example answer, as typed at the question


# site_url and extra.quick_exit_url: the two settings outside the practice block.
TOP: dict[str, Setting] = {
    "site_url": Setting(
        folder_url, True, "the address readers will use, ending in /",
        "The web address where the guide will live. It starts with https:// and ends with /. "
        "With your own domain it is that domain (https://www.yourpractice.com/); on GitHub Pages it is https://NAME.github.io/REPOSITORY/.",
        "https://www.example.com/"),
    "quick_exit_url": Setting(
        neutral_page, True, "the neutral page that 'Leave this site quickly' opens",
        "The neutral page that opens when a reader presses 'Leave this site quickly' (a weather or "
        "news page that looks ordinary on a shared screen). An https:// address.",
        "https://www.bbc.com/weather"),
}

PRACTICE: dict[str, Setting] = {
    "name": Setting(
        text(MAX_NAME), True, "the practice's name",
        "Your practice's name, as readers should see it on every page.",
        "Example Counseling"),
    "phone": Setting(
        phone, True, "the phone number, as readers should see it",
        "The phone number readers should call, written the way you want it shown. "
        "Tapping it on a phone dials it. Leave the extension out: the next question asks for it.",
        "+1 201-555-0123"),
    "phone_extension": Setting(
        extension, False, "an extension to dial after the number",
        "Optional. An extension to dial after the number (digits only).",
        "123"),
    "email": Setting(
        email, True, "one email address",
        "One email address where readers can reach you.",
        "hello@example.com"),
    "booking_url": Setting(
        https_url, True, "the https:// address of the booking page",
        "The web address of the page where people book a first appointment (https://).",
        "https://booking.example.com/"),
    "address": Setting(
        text(), True, "a street address or city",
        "Where the practice is: a street address, or just the city.",
        "100 Example Street, Springfield"),
    "online_sessions": Setting(
        yes_no, True, "true if sessions are also offered by video",
        "Do you also offer sessions by video? Answer yes or no.",
        "yes"),
    "licensed_in": Setting(
        places, False, "where the clinicians are licensed (and so where online sessions can be offered)",
        "Where your clinicians are licensed, separated by commas. Pages then say online sessions are "
        "for people who are in these places at the time of each session. Needed to publish if you offer online sessions.",
        "New Jersey, New York"),
    "reply_time": Setting(
        text(), False, "how soon the practice replies, such as 'within two working days'",
        "Optional. How soon you reply to a message, as it fits the sentence 'We reply ...'.",
        "within two business days"),
    "session_length": Setting(
        text(), False, "how long a session is, such as '50 minutes'",
        "Optional. How long one session lasts.",
        "50 minutes"),
    "fees": Setting(
        text(), False, "what a session costs, or 'Please ask us about fees.'",
        "Optional. What a session costs, in one line.",
        "Please ask us about fees."),
    "payment": Setting(
        text(), False, "insurance and other ways to pay",
        "Optional. Insurance and other ways to pay, in one line.",
        "Some health plans. Card or bank transfer."),
    "languages": Setting(
        languages, False, "the languages sessions are offered in",
        "Optional. The languages sessions are offered in, separated by commas.",
        "English, Spanish"),
    "first_appointment": Setting(
        text(), False, "how the practice's first appointments go, in its own words",
        "Optional. How your first appointments go, in one or two sentences of your own. Left out, the "
        "guide says: early on, a short time with each partner alone, and the same safety questions for every couple.",
        "We meet you together, then each of you alone for a few minutes."),
    "offers_checkup": Setting(
        yes_no, False, "true if the practice offers a relationship check-up",
        "Do you offer a relationship check-up (a short assessment, not ongoing therapy)? Answer yes or no. "
        "Only then does the guide suggest asking your partner to one.",
        "no"),
    "review_owner": Setting(
        text(), False, "who reviewed the guide (the clinical sign-off; needed to publish)",
        "Clinical sign-off, 1 of 3: the name of the clinician (or team) who read the whole guide "
        "and approved it. Pages show 'Reviewed by' this name. Needed to publish.",
        "The clinical team at Example Counseling"),
    "reviewer_credentials": Setting(
        text(), False, "the reviewer's credentials, such as 'licensed marriage and family therapist' "
                       "(the clinical sign-off; needed to publish)",
        "Clinical sign-off, 2 of 3: the reviewer's credentials, shown after the name.",
        "licensed marriage and family therapist"),
    "reviewed_on": Setting(
        day, False, "the day the reviewer read and approved the guide, YYYY-MM-DD "
                    "(the clinical sign-off; needed to publish)",
        "Clinical sign-off, 3 of 3: the day the reviewer read and approved the guide, as YYYY-MM-DD. "
        "Pages say the next review is due one year later. Set it only after they have read it.",
        "2026-12-07"),
}
# The three settings that make the clinical sign-off.
SIGN_OFF = ("review_owner", "reviewer_credentials", "reviewed_on")


def setting_path(key: str) -> str:
    """Where a setting sits in mkdocs.yml, as messages name it: 'site_url', 'extra.practice.name'."""
    if key == "site_url":
        return key
    return f"extra.{key}" if key in TOP else f"extra.practice.{key}"


def check_value(key: str, value: Any) -> Any:
    """One setting (a key of TOP or PRACTICE) checked by its parser: the value, or SettingError
    with the one line the build stops with. An optional practice setting left out gives None."""
    setting = TOP.get(key) or PRACTICE.get(key)
    if setting is None:
        raise SettingError(setting_path(key), value, f"one of the known settings ({', '.join(PRACTICE)})")
    if key in PRACTICE and (value is MISSING or value is None):
        if setting.required:
            raise SettingError(setting_path(key), MISSING, setting.about)
        return None
    try:
        return setting.parse(value)
    except ValueError as problem:
        shown = MISSING if value is None and key == "site_url" else value
        raise SettingError(setting_path(key), shown, str(problem)) from None


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
    for key in PRACTICE:
        value = check_value(key, practice.get(key, MISSING))
        if value is not None:
            checked[key] = value
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
        check_value("site_url", site_url)
    extra = extra if isinstance(extra, Mapping) else {}
    check_value("quick_exit_url", extra.get("quick_exit_url", MISSING))
    return check_practice(extra.get("practice", MISSING))


def tel_href(phone_text: str, ext: str | None = None) -> str:
    """'+44 (0)20 7946 0958', '12' -> 'tel:+442079460958;ext=12'."""
    return "tel:" + phone_digits(phone_text) + (f";ext={ext}" if ext else "")


def derived(practice: Mapping[str, Any], strings: Mapping[str, str]) -> dict[str, str]:
    """What the site works out from the checked settings, in one place. Never a setting, never
    written into the config: hooks/macros.py gives it to pages (`practice.tel`, and
    `practice.phone` as `phone_text`); hooks/pipeline.py to the templates (`derived`:
    overrides/partials/phone.html, copyright.html) and to hooks/print_links.py.

    - `tel`: the tap-to-call link, 'tel:+442079460958;ext=12';
    - `phone_text`: the number as readers see it, with its extension (`strings`: extra.strings,
      phone_with_extension), '+44 (0)20 7946 0958 ext. 12'.
    """
    from shared import t

    ext = practice.get("phone_extension")
    shown = practice["phone"]
    if ext:
        shown = t(strings, "phone_with_extension", {"phone": shown, "extension": ext}, plain=True)
    return {"tel": tel_href(practice["phone"], ext), "phone_text": shown}


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


# --- The clinical sign-off ------------------------------------------------------------------

SIGN_OFF_MONTHS = 12  # a sign-off holds for a year: "Next review due" one year after reviewed_on
GRACE = datetime.timedelta(days=1)  # a date "today" in Australia is still "tomorrow" on a UTC machine


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day where it is shorter: Feb 29 -> Feb 28)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return start.replace(year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1]))


def sign_off(practice: Mapping[str, Any]) -> dict[str, Any] | None:
    """The checked sign-off (owner, credentials, reviewed_on and next_review), or None until all
    three settings are set."""
    if not all(practice.get(key) for key in SIGN_OFF):
        return None
    reviewed_on = day(practice["reviewed_on"])  # as typed ("2026-12-07") or as YAML's date
    return {"owner": practice["review_owner"], "credentials": practice["reviewer_credentials"],
            "reviewed_on": reviewed_on, "next_review": add_months(reviewed_on, SIGN_OFF_MONTHS)}


def today() -> datetime.date:
    return datetime.datetime.now(datetime.timezone.utc).date()


def sign_off_problems(practice: Mapping[str, Any], pages: Mapping[str, datetime.date],
                      on: datetime.date) -> list[str]:
    """Why the checked settings may not be published yet as far as the sign-off and online
    sessions go, one line each: no sign-off; dated in the future; older than a page's
    last_updated (naming the pages); more than a year old; online sessions with no licensed_in.
    `pages`: each page's last_updated, by its name under docs/."""
    problems = []
    signed = sign_off(practice)
    if signed is None:
        missing = ", ".join(f"extra.practice.{key}" for key in SIGN_OFF if not practice.get(key))
        problems.append(f"no clinical sign-off: a clinician must read the guide and approve it, then set "
                        f"review_owner, reviewer_credentials and reviewed_on (missing: {missing})")
    else:
        reviewed_on = signed["reviewed_on"]
        if reviewed_on > on + GRACE:
            problems.append(f"extra.practice.reviewed_on: {reviewed_on} is in the future (today is {on}): "
                            f"set it to the day the guide was read and approved")
        changed = sorted(name for name, updated in pages.items() if updated > reviewed_on)
        if changed:
            problems.append(f"extra.practice.reviewed_on: {reviewed_on} is older than these pages' last_updated, "
                            f"so they need a new sign-off: "
                            + ", ".join(f"{name} ({pages[name]})" for name in changed))
        if signed["next_review"] < on:
            problems.append(f"extra.practice.reviewed_on: {reviewed_on} is more than a year ago (the next review "
                            f"was due on {signed['next_review']}): a clinician must review the guide again")
    if practice.get("online_sessions") and not practice.get("licensed_in"):
        problems.append("extra.practice.licensed_in: missing; online sessions are offered (online_sessions: true), "
                        "so say where the clinicians are licensed (a client must be in one of those places)")
    return problems


def page_dates(docs_dir: str, key: str = "last_updated") -> dict[str, datetime.date]:
    """Each page's front matter date `key` (pages under docs_dir; snippets have none)."""
    from pathlib import Path

    from shared import front_matter

    found = {}
    for path in sorted(Path(docs_dir).rglob("*.md")):
        value = front_matter(path.read_text(encoding="utf-8")).get(key)
        if isinstance(value, datetime.date):
            found[path.relative_to(docs_dir).as_posix()] = value
    return found


def publish_report(config_file: str, shown: str) -> tuple[bool, list[str]]:
    """The publish guard's verdict on a config file and the lines it prints."""
    import logging

    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with open(config_file, "rb") as handle:
        config = load_config(config_file=handle)
    extra = dict(config.extra)
    try:
        checked = check_settings(config.site_url, extra)
    except SettingError as problem:
        return False, [f"Not ready to publish ({shown}): a setting is not right.", f"  {problem}",
                       f"Mend it in {shown}, or run `make setup` (README, 'Make it yours')."]
    reserved = reserved_values(config.site_url, extra)
    problems = sign_off_problems(checked, page_dates(config.docs_dir), today())
    if not reserved and not problems:
        signed = sign_off(checked)
        return True, [f"Ready to publish ({shown}): no example values in the settings; signed off by "
                      f"{signed['owner']} on {signed['reviewed_on']} (next review due {signed['next_review']})."]
    lines = [f"Not ready to publish ({shown}):"]
    if reserved:
        lines.append("These settings still hold example values:")
        lines += [f"  {line}" for line in reserved]
    if problems:
        lines.append("The clinical sign-off and online sessions:")
        lines += [f"  {line}" for line in problems]
    lines.append(f"Put the practice's own details in {shown}: run `make setup` (README, 'Make it yours').")
    return False, lines


def main(argv: list[str]) -> int:
    """`python hooks/practice_settings.py mkdocs.yml [name]`: the publish guard. `name` is the
    file to name in its message (the settings the owner edits, where mkdocs.yml inherits them)."""
    config_file = argv[1] if len(argv) > 1 else "mkdocs.yml"
    ready, lines = publish_report(config_file, argv[2] if len(argv) > 2 else config_file)
    print("\n".join(lines))
    return 0 if ready else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
