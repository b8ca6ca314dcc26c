"""Every word a reader sees outside the pages (docs/) comes from one file per language,
overrides/strings/en.yml (`extra.strings`, pulled into mkdocs.yml with INHERIT): no template and
no script carries reader-facing English of its own, every key they use is in the file, and every
key in the file is used. A second language is then a second file.

What counts as words of its own:
- in a template (overrides/, *.html and *.xml): any letter in the text between tags, or in an
  attribute a reader meets (aria-label, title, alt, placeholder, ...), once the Jinja in it is
  taken out; and a Jinja string literal that reads like words (a capitalised word, a phrase);
- in a script (docs/assets/javascripts/*.js, read with espree, ESLint's own parser): a string
  literal that reads like words: a character beyond ASCII (⌘, …), a capitalised word that is not
  a name the browser gives (CODE_WORDS), a letter before sentence punctuation, an apostrophe
  between letters, or three plain words in a row.
- in a build hook (hooks/*.py, read with Python's ast): a string literal that reads like words,
  as in a script, and has a letter; not a docstring, not a message for the maintainer (an
  error, a log line: the calls in MESSAGES) nor a regular expression, and not in the parts of
  a module FOR_MAINTAINERS names (the settings' questions, the publish guard's report, ...).
Templates use a key as t("key") (partials/strings.html) or config.extra.strings.key; scripts as
site.t("key") (t("key") inside site.js), and partials/strings.html puts exactly the keys the
scripts use in the page (SCRIPT_KEYS); hooks as t(strings, "key") (hooks/shared.py) or
strings["key"].
"""
import ast
import datetime
import functools
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from support import ROOT, load_hook

STRINGS_FILE = ROOT / "overrides" / "strings" / "en.yml"
TEMPLATE_ATTRIBUTES = {"aria-label", "aria-description", "aria-roledescription", "aria-placeholder",
                       "aria-valuetext", "title", "alt", "placeholder", "label"}
# Capitalised words a script may hold that are names, not words: key names, error names, events.
CODE_WORDS = {"Escape", "AbortError", "DOMContentLoaded"}
KEY = r"([a-z][a-z0-9_]*)"


def strings():
    """extra.strings of en.yml (a config fragment: extra: {strings: {...}})."""
    data = yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))
    assert set(data) == {"extra"} and set(data["extra"]) == {"strings"}, (
        f"{STRINGS_FILE} must hold extra.strings alone (mkdocs.yml inherits it)")
    return data["extra"]["strings"]


# --------------------------------------------------------------------------- templates

JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
JINJA_LITERAL = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'")


def reads_like_words(text):
    """A string that reads as words to a reader rather than code (see the module's docstring)."""
    text = re.sub(r"<[^>]*>?", " ", text)  # HTML in a literal: its tags are not words
    return bool(re.search(r"[^\x00-\x7f]", text)
                or any(word not in CODE_WORDS for word in re.findall(r"\b[A-Z][a-z]+\b", text))
                or re.search(r"[A-Za-z][.!?:](\s|$)", text)
                or re.search(r"[A-Za-z]['’][A-Za-z]", text)
                or re.search(r"\b[a-z]{2,}(?: [a-z]{2,}){2,}\b", text))


class Words(HTMLParser):
    """Text between tags and the attributes readers meet, with their line numbers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        kind = dict(attrs).get("type") or ""
        self.in_script = tag == "script" and kind in ("", "text/javascript", "module")
        for name, value in attrs:
            if name in TEMPLATE_ATTRIBUTES and value and re.search(r"[^\W\d_]", value):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script:  # an inline script's code: its string literals are read as a script's
            line = self.getpos()[0]
            self.found += [(line + at - 1, words) for at, words in script_english(data)]
        elif re.search(r"[^\W\d_]", data):
            self.found.append((self.getpos()[0], data.strip()))


def template_english(text, name=""):
    """[(line, words)] a template shows readers of its own."""
    text = JINJA_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    found = []
    for block in JINJA.finditer(text):
        line = text.count("\n", 0, block.start()) + 1
        for literal in JINJA_LITERAL.finditer(block.group()):
            words = literal.group(1) if literal.group(1) is not None else literal.group(2)
            if reads_like_words(words):
                found.append((line, words))
    # Jinja out (a placeholder keeps each attribute's value non-empty), then the HTML.
    parser = Words()
    parser.feed(JINJA.sub(lambda m: "\n" * m.group().count("\n"), text))
    parser.close()
    return found + parser.found


def template_keys(text):
    text = JINJA_COMMENT.sub("", text)
    return set(re.findall(r"\bt\(\s*[\"']" + KEY + r"[\"']", text)
               + re.findall(r"config\.extra\.strings\." + KEY, text)
               + re.findall(r"config\.extra\.strings\[[\"']" + KEY + r"[\"']\]", text))


def script_keys_in_page():
    """SCRIPT_KEYS of partials/strings.html: the keys the page gives the scripts."""
    text = (ROOT / "overrides" / "partials" / "strings.html").read_text(encoding="utf-8")
    listed = re.search(r"SCRIPT_KEYS\s*=\s*\[(.*?)\]", text, re.S)
    assert listed, "partials/strings.html: no SCRIPT_KEYS list"
    return re.findall(r"\"" + KEY + r"\"", listed.group(1))


# --------------------------------------------------------------------------- scripts

# Every string literal (and template-literal part) of a script, with its line, and the string
# literals in the first argument of each call to t() or site.t() (both branches of a ?: too).
ESPREE = r"""
const espree = require("espree");
const code = require("fs").readFileSync(0, "utf8");
const tree = espree.parse(code, { ecmaVersion: "latest", sourceType: "script", loc: true });
const literals = [], keys = [];
function strings(node, into) {
  if (!node || typeof node.type !== "string") return;
  if (node.type === "Literal" && typeof node.value === "string") into.push(node.value);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (key === "loc" || key === "range") continue;
    (Array.isArray(value) ? value : [value]).forEach((child) => strings(child, into));
  }
}
(function walk(node) {
  if (!node || typeof node.type !== "string") return;
  if (node.type === "Literal" && typeof node.value === "string") literals.push([node.loc.start.line, node.value]);
  if (node.type === "TemplateElement") literals.push([node.loc.start.line, node.value.cooked]);
  if (node.type === "CallExpression" && node.arguments.length) {
    const callee = node.callee;
    const name = callee.type === "Identifier" ? callee.name
      : callee.type === "MemberExpression" && !callee.computed ? callee.property.name : "";
    if (name === "t") strings(node.arguments[0], keys);
  }
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (key === "loc" || key === "range") continue;
    (Array.isArray(value) ? value : [value]).forEach(walk);
  }
})(tree);
process.stdout.write(JSON.stringify({ literals, keys }));
"""


@functools.lru_cache(maxsize=None)
def read_script(text):
    """{"literals": [[line, text]], "keys": [key]} of a script (espree, run by Node)."""
    result = subprocess.run(["node", "-e", ESPREE], input=text, cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def script_english(text, name=""):
    """[(line, words)] a script shows readers of its own."""
    return [(line, words) for line, words in read_script(text)["literals"] if reads_like_words(words)]


def script_keys(text):
    return set(read_script(text)["keys"])


# --------------------------------------------------------------------------- hooks

# Calls whose words are for the maintainer, not readers (errors, log lines, the weekly check),
# and re.compile (a pattern is not words).
MESSAGES = {"PluginError", "ValueError", "SettingError", "RuntimeError", "LookupError", "KeyError",
            "warning", "info", "error", "debug", "weekly_check", "page_error", "compile"}

# The parts of a hook module (top-level names) whose words are for the practice's maintainer,
# not for readers: name -> why. Everything else in hooks/ is checked.
FOR_MAINTAINERS = {
    "practice_settings.py": {
        "SettingError": "the build's one line about a bad setting",
        "email": "what a bad setting should be (a build error)",
        "phone": "what a bad setting should be (a build error)",
        "languages": "what a bad setting should be (a build error)",
        "places": "what a bad setting should be (a build error)",
        "TOP": "each setting's line and `make setup`'s question and example answer",
        "PRACTICE": "each setting's line and `make setup`'s question and example answer",
        "setting_path": "where a setting sits in mkdocs.yml, for messages",
        "tel_href": "a tel: address, not words",
        "RESERVED": "the publish guard's reasons",
        "reserved_values": "the publish guard's report",
        "sign_off_problems": "the publish guard's report",
        "publish_report": "the publish guard's report",
    },
    "review_dates.py": {"EXAMPLE": "what a bad front matter date should be (a build error)"},
    "social_cards.py": {"FONT_TITLE": "a font's file name", "FONT_TEXT": "a font's file name"},
    "unused_css.py": {"SCRIPTS_ADD": "why each class a script adds is kept"},
}


def python_english(text, name=""):
    """[(line, words)] of a Python module's string literals that read like words and have a
    letter (`…` or `’` alone is a mark, not words). Left out: docstrings, the arguments of
    MESSAGES calls, and the top-level definitions FOR_MAINTAINERS names for the module `name`."""
    tree = ast.parse(text)
    skipped = set()
    for node in tree.body:
        names = [node.name] if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else [
            target.id for target in getattr(node, "targets", [getattr(node, "target", None)])
            if isinstance(target, ast.Name)]
        if any(found in FOR_MAINTAINERS.get(name, {}) for found in names):
            skipped.update(id(child) for child in ast.walk(node))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            skipped.add(id(body[0].value))
        if isinstance(node, ast.Call):
            called = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if called in MESSAGES:
                skipped.update(id(child) for argument in node.args for child in ast.walk(argument))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped
            and re.search(r"[^\W\d_]", node.value) and reads_like_words(node.value)]


def python_keys(text):
    """The keys a hook uses: the key (second argument) of each t(strings, "key", ...) call, and
    each strings["key"]."""
    keys = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "t" \
                and len(node.args) > 1:
            keys.update(child.value for child in ast.walk(node.args[1])
                        if isinstance(child, ast.Constant) and isinstance(child.value, str))
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "strings" \
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            keys.add(node.slice.value)
    return keys


# --------------------------------------------------------------------------- what is checked

# (folder, file patterns, finder of words of its own, finder of the keys used)
SOURCES = [
    ("overrides", ("*.html", "*.xml"), template_english, template_keys),
    ("docs/assets/javascripts", ("*.js",), script_english, script_keys),
    ("hooks", ("*.py",), python_english, python_keys),
]


def files(folder, patterns):
    return sorted(path for pattern in patterns for path in (ROOT / folder).rglob(pattern))


def words_of_their_own(root=ROOT):
    found = {}
    for folder, patterns, english, _ in SOURCES:
        for path in sorted(p for pattern in patterns for p in (root / folder).rglob(pattern)):
            for line, words in english(path.read_text(encoding="utf-8"), path.name):
                found.setdefault(path.relative_to(root).as_posix(), []).append((line, words))
    return found


def keys_used():
    """{key: [files that use it]}, templates, scripts and hooks."""
    used = {}
    for folder, patterns, _, keys in SOURCES:
        for path in files(folder, patterns):
            for key in keys(path.read_text(encoding="utf-8")):
                used.setdefault(key, []).append(path.relative_to(ROOT).as_posix())
    return used


def test_no_template_script_or_hook_has_words_of_its_own():
    """Every word a template, a script or a build hook shows readers is in overrides/strings/en.yml."""
    checked = [path for folder, patterns, _, _ in SOURCES for path in files(folder, patterns)]
    assert len(checked) >= 30, checked  # the templates, the eight scripts and the hooks are all read
    assert {path.name for path in checked} >= {"pipeline.py", "social_cards.py", "whole_guide.py"}
    assert words_of_their_own() == {}


def test_every_key_used_is_in_the_strings_file_and_every_key_there_is_used():
    known = set(strings())
    used = keys_used()
    assert len(used) >= 40, sorted(used)
    assert {key: where for key, where in used.items() if key not in known} == {}, "keys missing from en.yml"
    assert sorted(known - set(used)) == [], "keys in en.yml that nothing uses"


def test_the_page_gives_the_scripts_exactly_the_keys_they_use():
    """partials/strings.html puts SCRIPT_KEYS in the page (one JSON block, read by site.t): each
    once, every key a script uses and no other."""
    listed = script_keys_in_page()
    from_scripts = set().union(*(script_keys(path.read_text(encoding="utf-8"))
                                 for path in files("docs/assets/javascripts", ("*.js",))))
    assert len(listed) == len(set(listed)), "a key listed twice in SCRIPT_KEYS"
    assert set(listed) == from_scripts


def test_placeholders_are_simple_names():
    """{name} only: lower-case names, every brace part of one (a Python or JavaScript fill
    never trips on a stray brace). Each string is text; date_months is a list of twelve."""
    for key, value in strings().items():
        texts = value if key == "date_months" else [value]
        assert key != "date_months" or (isinstance(value, list) and len(value) == 12), key
        for text in texts:
            assert isinstance(text, str) and text.strip() == text and text, key
            assert re.sub(r"\{[a-z_]+\}", "", text).count("{") == 0, key
            assert re.sub(r"\{[a-z_]+\}", "", text).count("}") == 0, key


# --------------------------------------------------------------------------- the hooks' fill and dates

SPANISH_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                  "septiembre", "octubre", "noviembre", "diciembre"]


@pytest.mark.parametrize("day, date_format, months, written", [
    (datetime.date(2026, 11, 22), "{month} {day}, {year}", "en", "November 22, 2026"),
    (datetime.date(2027, 1, 5), "{month} {day}, {year}", "en", "January 5, 2027"),
    (datetime.date(2026, 12, 7), "{day} de {month} de {year}", SPANISH_MONTHS, "7 de diciembre de 2026"),
    (datetime.date(2026, 2, 1), "{day}. {month} {year}", [f"M{n}" for n in range(1, 13)], "1. M2 2026"),
])
def test_a_date_is_written_the_way_its_language_writes_it(day, date_format, months, written):
    """shared.written_date: the strings' format and month names, not the machine's locale."""
    shared = load_hook("shared")
    months = strings()["date_months"] if months == "en" else months
    assert shared.written_date(day, date_format, months) == written


def test_the_hooks_write_dates_and_fill_words_from_the_strings_file():
    shared = load_hook("shared")
    english = strings()
    assert shared.long_date(datetime.date(2026, 11, 22), english) == "November 22, 2026"
    spanish = {"date_format": "{day} de {month} de {year}", "date_months": SPANISH_MONTHS}
    assert shared.long_date(datetime.date(2026, 12, 7), spanish) == "7 de diciembre de 2026"
    with pytest.raises(LookupError, match=r"extra\.strings\.date_months is missing"):
        shared.long_date(datetime.date(2026, 12, 7), {"date_format": "{day}"})
    with pytest.raises(ValueError):
        shared.written_date(datetime.date(2026, 12, 7), "{month}", SPANISH_MONTHS[:11])
    # t() as the templates' t(): escaped, then filled (values are HTML); plain: not escaped.
    words = {"a": "Call {phone} & {who}", "b": "{x}{y}"}
    assert shared.t(words, "a", {"phone": "<b>1</b>"}) == "Call <b>1</b> &amp; {who}"
    assert shared.t(words, "a", {"phone": "1", "who": "us"}, plain=True) == "Call 1 & us"
    assert shared.t(words, "b", {"x": "{y}", "y": "2"}, plain=True) == "{y}2"  # one pass
    with pytest.raises(LookupError, match=r"extra\.strings\.c is missing"):
        shared.t(words, "c")


# --------------------------------------------------------------------------- the checks can fail

PLANTED = {
    "overrides/404.html": ("{% endblock %}", "<p>Try the home page.</p>{% endblock %}"),
    "overrides/partials/share.html": ("<button type=\"button\"", "<button type=\"button\" aria-label=\"Share it\""),
    "overrides/partials/copyright.html": ("{{ t(\"footer_privacy\") }}", "{{ \"Privacy\" }}"),
    "docs/assets/javascripts/site.js": ("t(\"share_done\")", "\"Shared.\""),
    "docs/assets/javascripts/copy.js": ("site.t(\"copy_done\")", "\"copied to your clipboard\""),
    "docs/assets/javascripts/checklist.js": ("site.t(\"checklist_clear\")", "\"Clear my answers\""),
    "hooks/practice_settings.py": ('t(strings, "phone_with_extension", {"phone": shown, "extension": ext}, plain=True)',
                                   'shown + " ext. " + ext'),
    "hooks/social_cards.py": ('t(strings, "card_not_found_subtitle", plain=True)', '"The link may have a typo."'),
    "hooks/whole_guide.py": ('t(strings, "whole_guide_intro", plain=True)', '"This is the whole guide, in reading order."'),
}


def test_a_planted_word_of_its_own_is_caught(tmp_path):
    """The same check on a copy with English put back in: each planted string is named, in its file."""
    for folder, _, _, _ in SOURCES:
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name, (old, new) in PLANTED.items():
        path = tmp_path / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = words_of_their_own(tmp_path)
    assert set(found) == set(PLANTED), found
    for name, (_, new) in PLANTED.items():
        assert any(words.strip('"') in new or words in new for _, words in found[name]), (name, found[name])


@pytest.mark.parametrize("text, english", [
    ('x = "Reviewed by"\n', True),
    ('def f():\n    """Reviewed by the hook."""\n    return "review-dates"\n', False),
    ('raise PluginError("Something went wrong here.")\n', False),
    ('NOT_FOUND = ("We couldn\'t find that page", "The link may have a small typo.")\n', True),
])
def test_python_english_finds_a_hooks_words(text, english):
    """Ready for the hooks (SOURCES): reader words caught, docstrings and build messages not."""
    assert bool(python_english(text)) is english

