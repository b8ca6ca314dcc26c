"""Drop the parts of Material's stylesheets that nothing on this site can use (steps of
hooks/pipeline.py's finish_built_site: site_use, replace_stylesheets, then relink on each page).

Material ships one stylesheet for every feature it has (code blocks, diagrams, blog, tags,
versions, a dozen admonition types ...), about 23 KiB compressed, and it blocks the first paint of
every page. After the build this rewrites Material's own main.*.min.css and palette.*.min.css in
the built site (never the site's own stylesheets), keeping every rule that could apply:

- a selector is kept unless it names a class, id, element, attribute or attribute value that
  appears neither in any built page nor in SCRIPTS_ADD, the declared list of what Material's
  bundle and our scripts add to a page after it loads (each with its reason). Nothing else in
  the scripts counts: renaming a variable in a script never changes the stylesheet. A new
  script that adds one of Material's classes adds a line to SCRIPTS_ADD;
- anything inside :not(), :is(), :where(), :has() (or any other functional pseudo-class) is never
  a reason to drop a selector;
- at-rules other than @media / @supports / @layer / @container are kept whole; grouping rules
  left empty go;
- then custom properties (--md-...) that no remaining rule, page, script or site stylesheet
  refers to go, and @keyframes that no remaining rule or site stylesheet names.

Left out on purpose: `[data-md-color-switching] *{transition-duration:0s!important}` (palette).
Material's palette script sets that attribute on <body> at every page load, and the rule makes
the browser restyle every element twice (about 25 ms of main-thread time per page on a phone,
enough to fail Lighthouse's Total Blocking Time budget). Without it the colours fade instead of
snapping when a reader switches the scheme.

The trimmed file gets a name of its own, from a hash of what is left in it (main.<hash>.min.css,
as Material names its files): a host or proxy that keeps a hashed file for long can never serve
the untrimmed copy, or an older trimming, in its place. Every built page is changed to link the
new name (relink), and the file under Material's name goes.

The CSS is read and written with tinycss2 (a maintained CSS Syntax Level 3 parser, pinned in
requirements.txt): strings, escapes, comments and nested blocks are its job, not ours. The
rewritten file no longer fits Material's source map, so its sourceMappingURL comment goes with
the other comments and the .map file beside it is deleted. Parsing takes about a second, so
each result is kept in a cache (.cache/unused-css/, git-ignored; TrimCache), named by a hash of
everything it depends on (Material's file, what the pages use, SCRIPTS_ADD and this file): a
rebuild with nothing changed parses neither the pages nor any CSS.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import tinycss2
from tinycss2.ast import (AtRule, Declaration, FunctionBlock, HashToken, IdentToken, LiteralToken, Node,
                          QualifiedRule, SquareBracketsBlock, StringToken, WhitespaceToken)

log = logging.getLogger("mkdocs.hooks.unused_css")

MATERIAL_CSS = re.compile(r"^(?P<stem>main|palette)\.[0-9a-f]{8}\.min\.css$")
GROUPING = {"media", "supports", "layer", "container"}
# Attributes that scripts set through properties (el.hidden = true), not by name.
REFLECTED = {"hidden", "open", "checked", "disabled", "selected", "readonly", "required", "tabindex", "value"}
WORD = re.compile(r"[A-Za-z_][\w-]*")
CUSTOM_PROPERTY = re.compile(r"--[\w-]+")

# What Material's bundle (its features this site turns on: search, search.highlight,
# content.tooltips, the palette toggle, the navigation) and our own scripts add to a page after it
# loads, that no built page has as written. Written as CSS writes it: .class, [attribute],
# [attribute=value], element.
SCRIPTS_ADD = {
    ".focus-visible": "Material's focus-visible polyfill marks the control a keyboard reached (focus rings)",
    ".md-dialog--active": "Material's dialog ('Copied to clipboard') while it shows",
    ".md-header__title--active": "the header shows the page's title once its h1 has scrolled away",
    ".md-nav__link--passed": "the table of contents marks the sections already read",
    ".md-search-result__item": "search: each result (Material's bundle writes the results list)",
    ".md-search-result__link": "search: each result's link",
    ".md-search-result__article": "search: each result's text",
    ".md-search-result__icon": "search: each result's icon",
    ".md-search-result__more": "search: 'N more on this page'",
    ".md-search-result__terms": "search: 'Missing: ...'",
    "details": "search: 'N more on this page' is a <details> (pages may have none)",
    "summary": "search: its <summary>",
    "mark": "search and search.highlight mark the words searched for",
    "[data-md-highlight]": "search.highlight: the marks in the page",
    ".md-tooltip": "content.tooltips: Material's tooltip",
    ".md-tooltip--active": "content.tooltips: a tooltip while it shows",
    ".md-tooltip--inline": "content.tooltips: an inline tooltip",
    ".md-tooltip__inner": "content.tooltips: its text",
    ".md-tooltip2": "content.tooltips: Material's newer tooltip (links and buttons with a title)",
    ".md-tooltip2--active": "content.tooltips: while it shows",
    ".md-tooltip2--top": "content.tooltips: placed above",
    ".md-tooltip2--bottom": "content.tooltips: placed below",
    ".md-tooltip2__inner": "content.tooltips: its text",
    "[role=tooltip]": "content.tooltips: the tooltip's role",
    ".md-typeset__scrollwrap": "Material wraps each table in these two, so a wide table scrolls",
    ".md-typeset__table": "(the inner one of the two)",
    ".md-button": "checklist.js and site.js make buttons with Material's button look",
    "[data-md-scrolllock]": "search open on a phone or tablet: the page behind it is held still",
}


@dataclass
class Use:
    """What the built site has, or its scripts could add."""
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    elements: set[str] = field(default_factory=set)
    attributes: dict[str, set[str]] = field(default_factory=dict)
    references: set[str] = field(default_factory=set)  # custom properties read outside Material's CSS
    names: set[str] = field(default_factory=set)  # every name in the site's own CSS and inline styles

    def fingerprint(self) -> str:
        """Everything in it, as one stable text (for the cache key)."""
        return json.dumps([sorted(self.classes), sorted(self.ids), sorted(self.elements),
                           sorted((k, sorted(v)) for k, v in self.attributes.items()),
                           sorted(self.references), sorted(self.names)], separators=(",", ":"))


class _PageUse(HTMLParser):
    """Collects the classes, ids, elements, attribute values and inline styles of a page."""

    def __init__(self, use: Use, styles: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.use, self.styles = use, styles

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.use.elements.add(tag)
        for name, value in attrs:
            self.use.attributes.setdefault(name, set()).add(value or "")
            if name == "class" and value:
                self.use.classes.update(value.split())
            elif name == "id" and value:
                self.use.ids.add(value)
            elif name == "style" and value:
                self.styles.append(value)

    handle_startendtag = handle_starttag


def page_use(pages: Iterable[str], scripts: Iterable[str] = (), stylesheets: Iterable[str] = (),
             added: Iterable[str] = ()) -> Use:
    """What the pages (HTML) and the site's own stylesheets use, the custom properties the scripts
    read or set, and what the scripts add (`added`: SCRIPTS_ADD's keys, as CSS writes them)."""
    use, styles = Use(), []
    parser = _PageUse(use, styles)
    for html in pages:
        parser.feed(html)
        parser.close()
        parser.reset()
    for name in added:
        add(use, name)
    scripts = list(scripts)
    # A custom property set in a page (style="--x: ..") or read by a script or stylesheet counts.
    use.references = set(CUSTOM_PROPERTY.findall("\n".join([*scripts, *stylesheets, *styles])))
    use.names = set(WORD.findall("\n".join([*stylesheets, *styles])))
    return use


ADDED = re.compile(r"^(?:\.(?P<cls>[\w-]+)|\[(?P<attr>[\w-]+)(?:=(?P<value>[\w-]+))?\]|(?P<element>[a-z][a-z0-9]*))$")


def add(use: Use, written: str) -> None:
    """One SCRIPTS_ADD entry (.class, [attribute], [attribute=value] or element) into `use`."""
    found = ADDED.match(written)
    if found is None:
        raise ValueError(f"hooks/unused_css.py SCRIPTS_ADD: {written!r} is not .class, [attribute], "
                         "[attribute=value] or an element")
    if found["cls"]:
        use.classes.add(found["cls"])
    elif found["attr"]:
        use.attributes.setdefault(found["attr"], set()).add(found["value"] or "")
    else:
        use.elements.add(found["element"])


# -- Selectors ----------------------------------------------------------------------------------

def split_selectors(prelude: list[Node]) -> list[list[Node]]:
    """A rule's selector list, split at its top-level commas (tinycss2 keeps brackets and
    parentheses as blocks, so a comma inside :is(a, b) is not at the top level)."""
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [strip(s) for s in selectors]


def strip(tokens: list[Node]) -> list[Node]:
    """Without white space at either end."""
    start, end = 0, len(tokens)
    while start < end and isinstance(tokens[start], WhitespaceToken):
        start += 1
    while end > start and isinstance(tokens[end - 1], WhitespaceToken):
        end -= 1
    return tokens[start:end]


def attribute_selector(block: SquareBracketsBlock) -> tuple[str, str | None, str | None]:
    """[name], [name=value], [name^="value" i] -> (name, operator or None, value or None)."""
    tokens = [t for t in block.content if not isinstance(t, WhitespaceToken)]
    name = tokens[0].value if tokens and isinstance(tokens[0], IdentToken) else ""
    operator = "".join(t.value for t in tokens[1:3] if isinstance(t, LiteralToken)) or None
    value = next((t.value for t in tokens[1:] if isinstance(t, (IdentToken, StringToken))), None)
    return name, operator, value


def may_match(selector: list[Node], use: Use) -> bool:
    """False only when the selector names something that neither the pages nor the scripts have."""
    previous: Node | None = None
    for token in selector:
        after_colon = isinstance(previous, LiteralToken) and previous.value == ":"
        after_dot = isinstance(previous, LiteralToken) and previous.value == "."
        if isinstance(token, IdentToken) and after_dot:
            if token.value not in use.classes:
                return False
        elif isinstance(token, IdentToken) and not after_colon:
            if token.value.lower() not in use.elements:
                return False
        elif isinstance(token, HashToken) and token.is_identifier:
            if token.value not in use.ids:
                return False
        elif isinstance(token, SquareBracketsBlock):
            name, operator, value = attribute_selector(token)
            if name not in use.attributes and name not in REFLECTED:
                return False
            if operator == "=" and value not in use.attributes.get(name, ()):
                return False
        # Pseudo-classes and -elements (after ":"), their arguments (FunctionBlock), combinators
        # and "*" are never a reason to drop a selector.
        previous = token
    return True


# -- Rules --------------------------------------------------------------------------------------

def parse(css: str) -> list[Node]:
    """The stylesheet's rules, without comments (the sourceMappingURL comment among them)."""
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


def inner_rules(rule: AtRule) -> list[Node]:
    return tinycss2.parse_rule_list(rule.content or [], skip_comments=True, skip_whitespace=True)


def declarations(rule: QualifiedRule) -> list[Node]:
    return tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)


def is_grouping(rule: Node) -> bool:
    return isinstance(rule, AtRule) and rule.lower_at_keyword in GROUPING and rule.content is not None


def trim_rules(rules: list[Node], use: Use) -> list[Node]:
    """The rules with each selector that cannot match dropped, and rules left with none."""
    kept: list[Node] = []
    for rule in rules:
        if is_grouping(rule):
            inner = trim_rules(inner_rules(rule), use)
            if inner:
                kept.append(regroup(rule, inner))
        elif isinstance(rule, QualifiedRule):
            selectors = [s for s in split_selectors(rule.prelude) if may_match(s, use)]
            if selectors:
                prelude = join([tinycss2.serialize(s) for s in selectors], ",")
                kept.append(QualifiedRule(rule.source_line, rule.source_column, prelude, rule.content))
        elif isinstance(rule, AtRule):
            kept.append(rule)  # @charset, @font-face, @keyframes, @page ...: whole
    return kept


def join(parts: list[str], separator: str) -> list[Node]:
    return tinycss2.parse_component_value_list(separator.join(parts))


def regroup(rule: AtRule, inner: list[Node]) -> AtRule:
    content = tinycss2.parse_component_value_list(serialize(inner))
    return AtRule(rule.source_line, rule.source_column, rule.at_keyword, rule.lower_at_keyword, rule.prelude, content)


def custom_properties_read(tokens: Iterable[Node]) -> Iterator[str]:
    """The custom properties that var() reads, at any depth (var(--a, var(--b)) reads both)."""
    for token in tokens:
        if isinstance(token, FunctionBlock):
            if token.lower_name == "var":
                first = next((t for t in token.arguments if not isinstance(t, WhitespaceToken)), None)
                if isinstance(first, IdentToken) and first.value.startswith("--"):
                    yield first.value
            yield from custom_properties_read(token.arguments)
        elif isinstance(getattr(token, "content", None), list):  # (), [] and {} blocks
            yield from custom_properties_read(token.content)


def drop_unused_properties(rules: list[Node], referenced: set[str]) -> list[Node]:
    """Remove custom property declarations nothing refers to, until nothing changes (a property
    may be read only by another one that goes)."""
    while True:
        used = referenced | set(custom_properties_read(all_tokens(rules)))
        pruned, changed = _prune(rules, used)
        rules = pruned
        if not changed:
            return rules


def all_tokens(rules: list[Node]) -> Iterator[Node]:
    for rule in rules:
        yield from rule.prelude
        if is_grouping(rule):
            yield from all_tokens(inner_rules(rule))
        elif rule.content:
            yield from rule.content


def _prune(rules: list[Node], used: set[str]) -> tuple[list[Node], bool]:
    kept: list[Node] = []
    changed = False
    for rule in rules:
        if is_grouping(rule):
            inner, inner_changed = _prune(inner_rules(rule), used)
            changed |= inner_changed or not inner
            if inner:
                kept.append(regroup(rule, inner))
        elif isinstance(rule, QualifiedRule):
            items = [d for d in declarations(rule) if isinstance(d, Declaration)]
            remaining = [d for d in items if not (d.name.startswith("--") and d.name not in used)]
            changed |= len(remaining) != len(items)
            if remaining:
                content = tinycss2.parse_component_value_list(";".join(d.serialize() for d in remaining))
                kept.append(QualifiedRule(rule.source_line, rule.source_column, rule.prelude, content))
            else:
                changed = True
        else:
            kept.append(rule)
    return kept, changed


def is_keyframes(rule: Node) -> bool:
    return isinstance(rule, AtRule) and rule.lower_at_keyword.endswith("keyframes")


def keyframes_name(rule: AtRule) -> str:
    return "".join(t.value for t in rule.prelude if isinstance(t, (IdentToken, StringToken)))


def names_in(tokens: Iterable[Node]) -> Iterator[str]:
    """Every identifier at any depth: an animation names its @keyframes with one."""
    for token in tokens:
        if isinstance(token, IdentToken):
            yield token.value
        elif isinstance(token, FunctionBlock):
            yield from names_in(token.arguments)
        elif isinstance(getattr(token, "content", None), list):
            yield from names_in(token.content)


def drop_unused_keyframes(rules: list[Node], words: set[str]) -> list[Node]:
    """Without the @keyframes that no remaining rule (nor the site's own CSS: `words`) names."""
    named = words | set(names_in(t for rule in rules if not is_keyframes(rule) for t in all_tokens([rule])))
    return [rule for rule in rules if not (is_keyframes(rule) and keyframes_name(rule) not in named)]


def serialize(rules: list[Node]) -> str:
    return "".join(rule.serialize() for rule in rules)


def trim_stylesheet(css: str, use: Use) -> str:
    """Material's stylesheet with what the site cannot use taken out, comments too."""
    rules = drop_unused_properties(trim_rules(parse(css), use), use.references)
    return serialize(drop_unused_keyframes(rules, use.names))


# -- The build ----------------------------------------------------------------------------------

def site_texts(site: Path) -> tuple[list[str], list[str]]:
    """The built site's scripts (not the search index's lunr or its worker) and own stylesheets."""
    scripts = [p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.js"))
               if "lunr" not in p.parts and "workers" not in p.parts]
    stylesheets = [p.read_text(encoding="utf-8") for p in sorted((site / "assets" / "stylesheets").glob("*.css"))
                   if not MATERIAL_CSS.match(p.name)]
    return scripts, stylesheets


def site_use(pages: Iterable[str], scripts: Iterable[str], stylesheets: Iterable[str]) -> Use:
    """What the built pages (their HTML) and the site's own stylesheets use, the custom properties
    its scripts name, and SCRIPTS_ADD."""
    return page_use(pages, scripts, stylesheets, SCRIPTS_ADD)


def hashed_name(name: str, css: str) -> str:
    """'main.8608ea7d.min.css' and its new content -> 'main.<first 8 hex of its SHA-256>.min.css'."""
    stem = MATERIAL_CSS.match(name)["stem"]
    return f"{stem}.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:8]}.min.css"


def relink(html: str, renamed: dict[str, str]) -> str:
    """A built page linking the stylesheets' new names (Material's <link> in its head)."""
    if not renamed:
        return html
    old = re.compile("|".join(re.escape(f"assets/stylesheets/{name}") for name in renamed))
    return old.sub(lambda m: "assets/stylesheets/" + renamed[m.group(0).rsplit("/", 1)[1]], html)


def digest(*texts: str) -> str:
    hashed = hashlib.sha256()
    for text in texts:
        hashed.update(text.encode("utf-8"))
        hashed.update(b"\0")
    return hashed.hexdigest()[:32]


class TrimCache:
    """Trimmed stylesheets kept in a folder, each under two names: a hash of every text the trim
    read (Material's file, the pages, scripts and site stylesheets, this module), found without
    parsing anything; and a hash of Material's file and what the pages use (Use), found after
    reading the pages only (a page whose words changed uses the same names)."""

    def __init__(self, folder: Path, pages: Iterable[str], scripts: list[str], stylesheets: list[str]) -> None:
        self.folder, self.pages, self.scripts, self.stylesheets = folder, list(pages), scripts, stylesheets
        self.code = Path(__file__).read_text(encoding="utf-8")
        self.inputs = digest(self.code, *self.pages, "", *self.scripts, "", *self.stylesheets)
        self._use: Use | None = None
        self.used: set[str] = set()

    def use(self) -> Use:
        if self._use is None:
            self._use = site_use(self.pages, self.scripts, self.stylesheets)
        return self._use

    def read(self, key: str) -> str | None:
        path = self.folder / f"{key}.css"
        try:
            text = path.read_text(encoding="utf-8")
            path.touch()  # in use: kept by prune
        except OSError:
            return None
        self.used.add(path.name)
        return text

    def write(self, key: str, css: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{key}.css"
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(css, encoding="utf-8")
        partial.replace(path)  # atomic: a parallel build never reads half a file
        self.used.add(path.name)

    def trimmed(self, css: str) -> str:
        """trim_stylesheet(css, what the site uses), from the cache when nothing it reads changed."""
        quick = digest(self.inputs, css)
        slim = self.read(quick)
        if slim is None:
            full = digest(self.code, css, self.use().fingerprint())
            slim = self.read(full)
            if slim is None:
                slim = trim_stylesheet(css, self.use())
                self.write(full, slim)
            self.write(quick, slim)
        return slim

    def prune(self, max_age: float = 7 * 24 * 3600) -> None:
        """Forget what no build has used for a week."""
        now = time.time()
        for path in self.folder.glob("*.css"):
            try:
                if path.name not in self.used and now - path.stat().st_mtime > max_age:
                    path.unlink()
            except OSError:
                pass  # another build got there first


def replace_stylesheets(site: Path, pages: Iterable[str], cache: Path) -> dict[str, str]:
    """Material's stylesheets in the built site, trimmed to what `pages` (the built pages' HTML)
    and the site's scripts and stylesheets use, and renamed; returns {old name: new name} for
    relink. Their source maps go."""
    folder = site / "assets" / "stylesheets"
    targets = sorted(p for p in folder.glob("*.css") if MATERIAL_CSS.match(p.name)) if folder.is_dir() else []
    if not targets:
        return {}
    trims = TrimCache(cache, pages, *site_texts(site))
    renamed: dict[str, str] = {}
    for path in targets:
        css = path.read_text(encoding="utf-8")
        slim = trims.trimmed(css)
        renamed[path.name] = hashed_name(path.name, slim)
        path.with_name(renamed[path.name]).write_text(slim, encoding="utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)  # it described the file before
        if renamed[path.name] != path.name:
            path.unlink()
        log.debug("%s -> %s: %d -> %d bytes gzipped", path.name, renamed[path.name],
                  len(gzip.compress(css.encode())), len(gzip.compress(slim.encode())))
    trims.prune()
    return renamed
