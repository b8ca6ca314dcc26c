"""`make setup`: make the guide the practice's own without editing YAML.

It asks for each setting in turn (hooks/practice_settings.py: TOP, then PRACTICE, in that
order, each with its plain-words question and example answer), with the current value as the
default, so Enter keeps it. Each answer is checked while it is typed by the parser the build
uses, and a bad one is refused with the line the build would stop with. Then it writes only the
settings that changed, ends with the publish guard (what is left to do) and the steps to publish.

`make setup ANSWERS=answers.yml` does the same without questions, from a file shaped like the
settings (`site_url`, `quick_exit_url`, `practice:` with the keys of extra.practice): any bad
value or unknown key stops it with one line naming the key, and nothing is written.

How it writes: ruamel.yaml reads the file round-trip and finds each setting's own line (a
whole-file round-trip would re-indent mkdocs.yml's lists); only that line's value is replaced,
written by ruamel.yaml's representer (so a value that needs quotes gets them, and a quoted one
stays quoted), and a setting not in the file yet gets a line of its own at the end of its block.
Every other byte (each comment, the commented-out examples, quotes, blank lines) stays as it was,
and no key is ever removed. The new text is read back and checked, written to a temporary file
beside the settings and put in place with one os.replace: Ctrl+C or a crash leaves the file as
it was. With every answer unchanged nothing is written at all.
"""
from __future__ import annotations

import argparse
import datetime
import io
import os
import re
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from practice_settings import (  # noqa: E402
    MISSING, PRACTICE, TOP, Setting, SettingError, check_value, publish_report, setting_path,
)

# Where each setting lives in the settings file: (parents..., key).
WHERE = {"site_url": ("site_url",), "quick_exit_url": ("extra", "quick_exit_url")}


def where(key: str) -> tuple[str, ...]:
    return WHERE.get(key, ("extra", "practice", key))


def kind(setting: Setting) -> str:
    return getattr(setting.parse, "kind", "text")


def setting_of(key: str) -> Setting:
    return TOP.get(key) or PRACTICE[key]


KEYS = [*TOP, *PRACTICE]


# --- Typed answers <-> values ---------------------------------------------------------------

def from_text(key: str, typed: str) -> Any:
    """What a typed answer means, for the setting's parser to check: 'yes' -> True,
    'New Jersey, New York' -> a list; '' -> None (nothing given). A date stays as typed
    ('2026-12-07'): its parser reads it."""
    typed = typed.strip()
    if not typed:
        return None
    how = kind(setting_of(key))
    if how == "yes/no":
        return {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}.get(typed.lower(), typed)
    if how == "list":
        return [part.strip() for part in typed.split(",")]
    return typed


def to_text(value: Any) -> str:
    """A current value as it is typed at the question (the default)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def checked(key: str, value: Any) -> Any:
    """The value as the build would take it, or SettingError (its one line)."""
    return check_value(key, MISSING if value is None else value)


def current_values(config_file: Path) -> dict[str, Any]:
    """The settings as MkDocs reads them (with INHERIT), by key."""
    import logging

    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with open(config_file, "rb") as handle:
        config = load_config(config_file=handle)
    extra = dict(config.extra)
    practice = dict(extra.get("practice") or {})
    values = {"site_url": config.site_url, "quick_exit_url": extra.get("quick_exit_url")}
    values.update({key: practice.get(key) for key in PRACTICE})
    return values


# --- Writing only the settings --------------------------------------------------------------

def yaml_rt():
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments, quotes and positions kept
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def scalar_text(key: str, value: Any, old: Any) -> str:
    """The value as YAML text for one line, written by ruamel.yaml: quoted the way the old value
    was (the phone and extension always in double quotes); a list in flow style, [a, b]."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(value, datetime.date):  # in quotes, as text: Zensical refuses YAML's dates in extra
        value = DoubleQuotedScalarString(value.isoformat())
    elif isinstance(value, str):
        if isinstance(old, SingleQuotedScalarString):
            value = SingleQuotedScalarString(value)
        elif isinstance(old, DoubleQuotedScalarString) or key in ("phone", "phone_extension"):
            value = DoubleQuotedScalarString(value)
    elif isinstance(value, list):
        value = CommentedSeq(value)
        value.fa.set_flow_style()
    out = io.StringIO()
    yaml_rt().dump({"k": value}, out)
    text = out.getvalue()
    if "\n" in text.rstrip("\n") or not text.startswith("k: "):
        raise SettingError(setting_path(key), value, "one line of text")
    return text[3:].rstrip("\n")


VALUE_END = re.compile(r"""
    (?P<value> "(?:[^"\\]|\\.)*" | '(?:[^']|'')*' | \[[^\]\#]*\] | (?:[^\s#]|[ \t]+(?!\#|\s*$))* )
    (?P<rest>[ \t]*(?:\#.*)?)$""", re.X)


def replace_value(line: str, key: str, new: str) -> str:
    """`    key: old  # note` -> `    key: new  # note` (the comment and spacing kept)."""
    match = re.match(rf"^(?P<head>\s*{re.escape(key)}:)(?P<gap>[ \t]*)(?P<tail>.*?)(?P<eol>\r?\n?)$", line, re.S)
    if not match:
        raise ValueError(f"{key}: its line could not be read; edit it by hand")
    tail = match.group("tail")
    if tail.startswith(("|", ">", "&", "*", "!")):
        raise ValueError(f"{key}: its value is written in a form `make setup` does not change; edit it by hand")
    found = VALUE_END.match(tail)
    if not found:
        raise ValueError(f"{key}: its line could not be read; edit it by hand")
    gap = match.group("gap") or " "
    return match.group("head") + gap + new + found.group("rest") + match.group("eol")


def block_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the last line (comments included) of the block that starts after line
    `start`, whose lines are indented more than `indent`."""
    end = start + 1
    last = start
    while end < len(lines):
        text = lines[end]
        stripped = text.strip()
        if stripped and (len(text) - len(text.lstrip(" "))) <= indent and not stripped.startswith("#"):
            break
        if stripped and (len(text) - len(text.lstrip(" "))) > indent:
            last = end
        end += 1
    return last + 1


def write_settings(settings_file: Path, changes: dict[str, Any]) -> bool:
    """Write `changes` (key -> checked value) into the settings file, touching only their lines;
    False when there was nothing to change."""
    if not changes:
        return False
    source = settings_file.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for key, value in changes.items():
        data = yaml_rt().load("".join(lines))
        path = where(key)
        node, depth = data, 0
        for part in path[:-1]:
            if not isinstance(node, dict) or part not in node or not isinstance(node[part], dict):
                break
            node, depth = node[part], depth + 1
        if depth == len(path) - 1 and path[-1] in node:
            row = node.lc.key(path[-1])[0]
            lines[row] = replace_value(lines[row], path[-1], scalar_text(key, value, node[path[-1]]))
            continue
        # Not in the file yet: a line of its own at the end of its block (parents made as needed).
        new_lines = []
        for level in range(depth, len(path)):
            text = scalar_text(key, value, None) if level == len(path) - 1 else ""
            new_lines.append("  " * level + path[level] + ":" + (f" {text}" if text else "") + "\n")
        if depth == 0:
            at = len(lines)
        else:
            parent = data
            for part in path[:depth - 1]:
                parent = parent[part]
            row, column = parent.lc.key(path[depth - 1])
            at = block_end(lines, row, column)
        lines[at:at] = new_lines
    text = "".join(lines)
    verify(text, changes)
    replace_atomically(settings_file, text)
    return True


def verify(text: str, changes: dict[str, Any]) -> None:
    """The new text, read back, holds each new value, parsed as the build parses it."""
    import yaml  # MkDocs' own reader (PyYAML): the build reads the file with it

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name: and !ENV tags
    data = yaml.load(text, Loader=Loader)
    for key, value in changes.items():
        node = data
        for part in where(key):
            node = node[part]
        if checked(key, node) != value:
            raise RuntimeError(f"{setting_path(key)} reads back as {node!r}, not {value!r}: nothing was written")


def replace_atomically(path: Path, text: str) -> None:
    """Write beside the file, then one os.replace: the file is the old one or the new one, never half."""
    mode = path.stat().st_mode & 0o777
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


# --- The two ways to answer -----------------------------------------------------------------

class Stop(Exception):
    """A bad answers file: one line naming the key."""


def answers_from_file(path: Path) -> dict[str, Any]:
    """The answers file's settings, each checked (key -> value), or Stop naming the first fault."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise Stop(f"Answers: {path} could not be read ({' '.join(str(error).split())})") from None
    if not isinstance(data, dict):
        raise Stop(f"Answers: {path} must hold settings: site_url, quick_exit_url and practice: (its keys)")
    answers: dict[str, Any] = {}
    for top, value in data.items():
        if top == "practice":
            if not isinstance(value, dict):
                raise Stop(f"Answers: practice is {value!r}; expected a block of settings (name, phone, email, ...)")
            for key, item in value.items():
                if key not in PRACTICE:
                    raise Stop(f"Answers: practice.{key} is not a setting; the settings are: {', '.join(PRACTICE)}")
                answers[key] = item
        elif top in TOP:
            answers[top] = value
        else:
            raise Stop(f"Answers: {top} is not a setting; expected site_url, quick_exit_url or practice")
    for key, value in answers.items():
        try:
            answers[key] = checked(key, value)
        except SettingError as problem:
            raise Stop(str(problem)) from None
    return answers


def explain(key: str, current: Any) -> str:
    setting = setting_of(key)
    words = [setting.question or setting.about[:1].upper() + setting.about[1:] + "."]
    if setting.example:
        words.append(f"For example: {setting.example}")
    if current is None and not setting.required:
        words.append("Press Enter to leave it out.")
    elif current is not None:
        words.append("Press Enter to keep the answer shown.")
    return "\n".join(words)


def validator(key: str, current: Any) -> Callable[[str], Any]:
    def validate(typed: str) -> bool | str:
        if not typed.strip() and current is None and not setting_of(key).required:
            return True  # left out
        try:
            checked(key, from_text(key, typed))
        except SettingError as problem:
            return str(problem)
        return True
    return validate


def ask_each(current: dict[str, Any], ask: Callable[..., str | None], say: Callable[[str], None]) -> dict[str, Any]:
    """Every setting asked in turn; the answers (key -> value). `ask(key, message, default,
    validate)` asks one question and returns the text, raising KeyboardInterrupt on Ctrl+C."""
    answers = {}
    for number, key in enumerate(KEYS, 1):
        say(f"\n({number} of {len(KEYS)}) {explain(key, current[key])}")
        typed = ask(key, f"{setting_path(key)}:", to_text(current[key]), validator(key, current[key]))
        value = from_text(key, typed or "")
        answers[key] = current[key] if value is None else checked(key, value)
    return answers


def questionary_ask(key: str, message: str, default: str, validate: Callable[[str], Any], **options: Any) -> str:
    """One question (questionary on prompt_toolkit), checked as it is typed. The reason an answer
    is refused shows below it in full, wrapped (prompt_toolkit's toolbar shows one line of it)."""
    import questionary
    from prompt_toolkit.filters import to_filter
    from prompt_toolkit.layout.dimension import Dimension

    question = questionary.text(message, default=default, validate=validate, validate_while_typing=True, **options)
    for window in question.application.layout.find_all_windows():
        text = getattr(window.content, "text", None)
        if callable(text) and getattr(text, "__qualname__", "").startswith("ValidationToolbar."):
            window.height = Dimension(min=1, max=8)
            window.wrap_lines = to_filter(True)
    return question.unsafe_ask()


def changes_from(answers: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The answers that differ from the file's values as the build reads them (so "2026-12-07"
    in quotes and a YAML date of the same day are the same answer)."""
    def as_built(key: str, value: Any) -> Any:
        try:
            return checked(key, value)
        except SettingError:
            return MISSING  # the file's value is refused by the build: any answer changes it
    return {key: value for key, value in answers.items()
            if value is not None and (value != as_built(key, current.get(key))
                                      or type(value) is not type(as_built(key, current.get(key))))}


PUBLISH_STEPS = """\
To publish on GitHub Pages:
  1. Put this folder in a GitHub repository (git push to its branch main).
  2. In the repository: Settings, then Pages, then under "Build and deployment" set Source to "GitHub Actions".
  3. Push to main. The workflow tests the site, runs make publish-check, builds it and publishes it at {site_url}
     (with a custom domain, also set it under Settings, then Pages).
Or publish on any web host: run `make build`, then upload everything in the folder site/ so it is served at {site_url}"""


def finish(settings_file: Path, check_file: Path, shown: str, wrote: bool, say: Callable[[str], None]) -> None:
    say(f"\nSaved your answers in {shown}." if wrote else f"\nNothing changed: {shown} is as it was.")
    ready, lines = publish_report(str(check_file), shown)
    say("\nWhat is left before publishing (make publish-check):" if not ready else "")
    say("\n".join(lines))
    say("\n" + PUBLISH_STEPS.format(site_url=current_values(check_file)["site_url"]))


def wrapped(text: str) -> None:
    """Print `text` wrapped at word boundaries to the terminal's width (at most 100 columns)."""
    width = min(shutil.get_terminal_size((100, 24)).columns, 100) - 1
    print("\n".join(textwrap.fill(line, width, subsequent_indent="     " if line.startswith("  ") else "")
                    if line.strip() else line for line in text.split("\n")))


def main(argv: list[str] | None = None, ask: Callable[..., str] = questionary_ask,
         say: Callable[[str], None] = wrapped) -> int:
    parser = argparse.ArgumentParser(description="Make the guide the practice's own.")
    parser.add_argument("settings", nargs="?", default="mkdocs.yml", help="the settings file to write")
    parser.add_argument("--check", help="the config the publish guard reads (default: the settings file)")
    parser.add_argument("--answers", help="a YAML file of answers: no questions asked")
    options = parser.parse_args(argv)
    settings_file = Path(options.settings)
    check_file = Path(options.check or options.settings)
    shown = options.settings
    current = current_values(check_file)
    try:
        if options.answers:
            answers = answers_from_file(Path(options.answers))
        else:
            say(f"Make this guide your own: {len(KEYS)} questions, saved in {shown} at the end.\n"
                "Each shows the current answer: press Enter to keep it, or type a new one.\n"
                "A wrong answer is explained at the bottom of the screen. Ctrl+C stops with nothing saved.")
            answers = ask_each(current, ask, say)
        wrote = write_settings(settings_file, changes_from(answers, current))
    except Stop as problem:
        print(problem, file=sys.stderr)  # one line, naming the key; nothing was written
        return 1
    except KeyboardInterrupt:
        print(f"\nStopped: nothing was written to {shown}.", file=sys.stderr)
        return 130
    finish(settings_file, check_file, shown, wrote, say)
    return 0


if __name__ == "__main__":
    sys.exit(main())
