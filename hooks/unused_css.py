"""Drop the parts of Material's stylesheets that nothing on this site can use.

Material ships one stylesheet for every feature it has (code blocks, diagrams, blog, tags,
versions, a dozen admonition types ...), about 23 KiB compressed, and it blocks the first paint of
every page. After the build this hook rewrites Material's own main.*.min.css and palette.*.min.css
in the built site (never the site's own stylesheets), keeping every rule that could apply:

- a selector is kept unless it names a class, id, element, attribute or attribute value that
  appears neither in any built page nor anywhere in the site's JavaScript (Material's bundle and
  ours: whatever a script could add later counts as present);
- anything inside :not(), :is(), :where(), :has() (or any other functional pseudo-class) is never
  a reason to drop a selector;
- at-rules other than @media / @supports / @layer / @container are kept whole; grouping rules
  left empty go;
- then custom properties (--md-...) that no remaining rule, page or script refers to go, and
  @keyframes that no remaining rule, script or site stylesheet names.

The trimmed file gets a name of its own, from a hash of what is left in it (main.<hash>.min.css,
as Material names its files): a host or proxy that keeps a hashed file for long can never serve
the untrimmed copy, or an older trimming, in its place. Every built page is changed to link the
new name, and the file under Material's name goes.

The CSS is read and written with tinycss2 (a maintained CSS Syntax Level 3 parser, pinned in
requirements.txt): strings, escapes, comments and nested blocks are its job, not ours. The
rewritten file no longer fits Material's source map, so its sourceMappingURL comment goes with
the other comments and the .map file beside it is deleted.

It runs last, after every page is written (on_post_build), so it sees what the site really uses;
a new page or component that needs a rule keeps it at the next build.
"""
from __future__ import annotations

import gzip
import hashlib
import logging
import re
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


@dataclass
class Use:
    """What the built site has, or its scripts could add."""
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    elements: set[str] = field(default_factory=set)
    attributes: dict[str, set[str]] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)  # every name in the scripts
    references: set[str] = field(default_factory=set)  # custom properties read outside Material's CSS
    names: set[str] = field(default_factory=set)  # every name in the site's own CSS and inline styles

    def has(self, kind: set[str], name: str) -> bool:
        return name in kind or name in self.words


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


def page_use(pages: Iterable[str], scripts: Iterable[str] = (), stylesheets: Iterable[str] = ()) -> Use:
    """What the pages (HTML), the scripts and the site's own stylesheets use."""
    use, styles = Use(), []
    parser = _PageUse(use, styles)
    for html in pages:
        parser.feed(html)
        parser.close()
        parser.reset()
    scripts = list(scripts)
    use.words = set(WORD.findall("\n".join(scripts)))
    # A custom property set in a page (style="--x: ..") or read by a script or stylesheet counts.
    use.references = set(CUSTOM_PROPERTY.findall("\n".join([*scripts, *stylesheets, *styles])))
    use.names = set(WORD.findall("\n".join([*stylesheets, *styles])))
    return use


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
            if not use.has(use.classes, token.value):
                return False
        elif isinstance(token, IdentToken) and not after_colon:
            if not use.has(use.elements, token.value.lower()):
                return False
        elif isinstance(token, HashToken) and token.is_identifier:
            if not use.has(use.ids, token.value):
                return False
        elif isinstance(token, SquareBracketsBlock):
            name, operator, value = attribute_selector(token)
            if name not in use.attributes and name not in use.words and name not in REFLECTED:
                return False
            if operator == "=" and value not in use.attributes.get(name, ()) and value not in use.words:
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
    """Without the @keyframes that no remaining rule (nor a script or the site's own CSS) names."""
    named = words | set(names_in(t for rule in rules if not is_keyframes(rule) for t in all_tokens([rule])))
    return [rule for rule in rules if not (is_keyframes(rule) and keyframes_name(rule) not in named)]


def serialize(rules: list[Node]) -> str:
    return "".join(rule.serialize() for rule in rules)


def trim_stylesheet(css: str, use: Use) -> str:
    """Material's stylesheet with what the site cannot use taken out, comments too."""
    rules = drop_unused_properties(trim_rules(parse(css), use), use.references)
    return serialize(drop_unused_keyframes(rules, use.words | use.names))


# -- The build ----------------------------------------------------------------------------------

def site_use(site: Path) -> Use:
    """What the built site's pages, scripts (not the search index's lunr or its worker) and own
    stylesheets use."""
    pages = (p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    scripts = [p.read_text(encoding="utf-8") for p in site.rglob("*.js")
               if "lunr" not in p.parts and "workers" not in p.parts]
    stylesheets = [p.read_text(encoding="utf-8") for p in (site / "assets" / "stylesheets").glob("*.css")
                   if not MATERIAL_CSS.match(p.name)]
    return page_use(pages, scripts, stylesheets)


def hashed_name(name: str, css: str) -> str:
    """'main.8608ea7d.min.css' and its new content -> 'main.<first 8 hex of its SHA-256>.min.css'."""
    stem = MATERIAL_CSS.match(name)["stem"]
    return f"{stem}.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:8]}.min.css"


def relink(site: Path, renamed: dict[str, str]) -> None:
    """Every built page links the stylesheets' new names (Material's <link> in each page's head)."""
    old = re.compile("|".join(re.escape(f"assets/stylesheets/{name}") for name in renamed))
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        linked = old.sub(lambda m: "assets/stylesheets/" + renamed[m.group(0).rsplit("/", 1)[1]], html)
        if linked != html:
            page.write_text(linked, encoding="utf-8")


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    folder = site / "assets" / "stylesheets"
    targets = [p for p in folder.glob("*.css") if MATERIAL_CSS.match(p.name)] if folder.is_dir() else []
    if not targets:
        return
    use = site_use(site)
    renamed: dict[str, str] = {}
    for path in targets:
        css = path.read_text(encoding="utf-8")
        slim = trim_stylesheet(css, use)
        renamed[path.name] = hashed_name(path.name, slim)
        path.with_name(renamed[path.name]).write_text(slim, encoding="utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)  # it described the file before
        if renamed[path.name] != path.name:
            path.unlink()
        log.debug("%s -> %s: %d -> %d bytes gzipped", path.name, renamed[path.name],
                  len(gzip.compress(css.encode())), len(gzip.compress(slim.encode())))
    relink(site, renamed)
