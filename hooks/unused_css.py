"""Drop the parts of Material's stylesheets that nothing on this site can use.

Material ships one stylesheet for every feature it has (code blocks, diagrams, blog, tags,
versions, a dozen admonition types ...), about 23 KiB compressed, and it blocks the first paint of
every page. After the build this hook rewrites Material's own main.*.min.css and palette.*.min.css
in the built site (never the site's own stylesheets), keeping every rule that could apply:

- a selector is kept unless it names a class, id, element, attribute or attribute value that
  appears neither in any built page nor anywhere in the site's JavaScript (Material's bundle and
  ours: whatever a script could add later counts as present);
- anything inside :not(), :is(), :where(), :has() is never a reason to drop a selector;
- at-rules other than @media / @supports are kept whole; empty @media blocks go;
- then custom properties (--md-...) that no remaining rule, page or script refers to go.

It runs last, after every page is written (on_post_build), so it sees what the site really uses;
a new page or component that needs a rule keeps it at the next build.
"""
import gzip
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.unused_css")

MATERIAL_CSS = re.compile(r"^(main|palette)\.[0-9a-f]{8}\.min\.css$")
GROUPING = ("@media", "@supports", "@layer", "@container")
FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
PSEUDO = re.compile(r"::?[\w-]+(?:\([^)]*\))?")
ATTRIBUTE = re.compile(r"\[\s*([\w:-]+)\s*(?:([~|^$*]?=)\s*(?:\"([^\"]*)\"|'([^']*)'|([^\]\s]*))\s*[iIsS]?\s*)?\]")
CLASS = re.compile(r"\.((?:[\w-]|\\.)+)")
ID = re.compile(r"#((?:[\w-]|\\.)+)")
ELEMENT = re.compile(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)")
# Attributes that scripts set through properties (el.hidden = true), not by name.
REFLECTED = {"hidden", "open", "checked", "disabled", "selected", "readonly", "required", "tabindex", "value"}


class PageUse(HTMLParser):
    """Classes, ids, elements and attribute values used in a page."""

    def __init__(self, use):
        super().__init__(convert_charrefs=True)
        self.use = use

    def handle_starttag(self, tag, attrs):
        self.use["elements"].add(tag)
        for name, value in attrs:
            self.use["attributes"].setdefault(name, set()).add(value or "")
            if name == "class" and value:
                self.use["classes"].update(value.split())
            elif name == "id" and value:
                self.use["ids"].add(value)
            elif name == "style" and value:
                self.use["text"].append(value)

    handle_startendtag = handle_starttag


def parse(css, start=0, end=None):
    """[(prelude, body)] where body is the declarations (str), a nested list, or None (`@x ...;`)."""
    rules, end = [], len(css) if end is None else end
    i = begin = start
    while i < end:
        c = css[i]
        if c in "\"'":
            i = skip_string(css, i)
        elif c == ";":
            rules.append((css[begin:i].strip(), None))
            i = begin = i + 1
        elif c == "{":
            close = matching_brace(css, i)
            prelude = css[begin:i].strip()
            if prelude.split(" ", 1)[0].split("(", 1)[0].lower() in GROUPING:
                rules.append((prelude, parse(css, i + 1, close)))
            else:
                rules.append((prelude, css[i + 1:close]))
            i = begin = close + 1
        elif c == "}":
            i = begin = i + 1
        else:
            i += 1
    return rules


def without_comments(css):
    out, i = [], 0
    while i < len(css):
        if css[i] in "\"'":
            j = skip_string(css, i)
            out.append(css[i:j])
            i = j
        elif css.startswith("/*", i):
            i = css.index("*/", i + 2) + 2
        else:
            out.append(css[i])
            i += 1
    return "".join(out)


def skip_string(css, i):
    quote, i = css[i], i + 1
    while css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def matching_brace(css, i):
    depth, i = 0, i
    while True:
        c = css[i]
        if c in "\"'":
            i = skip_string(css, i)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1


def split_top(text, separator):
    parts, depth, current = [], 0, []
    i = 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            j = skip_string(text, i)
            current.append(text[i:j])
            i = j
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    parts.append("".join(current))
    return parts


def without_functional(selector):
    out, i = [], 0
    while i < len(selector):
        match = FUNCTIONAL.match(selector, i)
        if not match:
            out.append(selector[i])
            i += 1
            continue
        depth, i = 1, match.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(selector[i], 0)
            i += 1
    return "".join(out)


def may_match(selector, use):
    """False only when the selector names something that neither the pages nor the scripts have."""
    words = use["words"]
    selector = without_functional(selector)
    for name, op, v1, v2, v3 in ATTRIBUTE.findall(selector):
        value = v1 or v2 or v3
        if name not in use["attributes"] and name not in words and name not in REFLECTED:
            return False
        if op == "=" and value not in use["attributes"].get(name, ()) and value not in words:
            return False
    selector = PSEUDO.sub("", ATTRIBUTE.sub("", selector))
    for name in CLASS.findall(selector):
        if name.replace("\\", "") not in use["classes"] and name.replace("\\", "") not in words:
            return False
    for name in ID.findall(selector):
        if name.replace("\\", "") not in use["ids"] and name.replace("\\", "") not in words:
            return False
    for name in ELEMENT.findall(selector):
        if name.lower() not in use["elements"] and name.lower() not in words:
            return False
    return True


def purge_rules(rules, use):
    kept = []
    for prelude, body in rules:
        if isinstance(body, list):
            inner = purge_rules(body, use)
            if inner:
                kept.append((prelude, inner))
        elif body is None or prelude.startswith("@"):
            kept.append((prelude, body))
        else:
            selectors = [s for s in split_top(prelude, ",") if may_match(s.strip(), use)]
            if selectors:
                kept.append((",".join(selectors), body))
    return kept


def drop_unused_properties(rules, referenced):
    """Remove custom property declarations nothing refers to, until nothing changes."""
    while True:
        used = referenced | set(re.findall(r"var\(\s*(--[\w-]+)", serialise(rules)))
        changed = False

        def prune(rules):
            nonlocal changed
            kept = []
            for prelude, body in rules:
                if isinstance(body, list):
                    inner = prune(body)
                    if inner:
                        kept.append((prelude, inner))
                    continue
                if body is None or prelude.startswith("@"):
                    kept.append((prelude, body))
                    continue
                declarations = split_top(body, ";")
                remaining = [d for d in declarations
                             if not (d.strip().startswith("--") and d.split(":", 1)[0].strip() not in used)]
                changed |= len(remaining) != len(declarations)
                if any(d.strip() for d in remaining):
                    kept.append((prelude, ";".join(remaining)))
            return kept

        rules = prune(rules)
        if not changed:
            return rules


def serialise(rules):
    out = []
    for prelude, body in rules:
        if body is None:
            out.append(prelude + ";")
        elif isinstance(body, list):
            out.append(prelude + "{" + serialise(body) + "}")
        else:
            out.append(prelude + "{" + body + "}")
    return "".join(out)


def site_use(site):
    use = {"classes": set(), "ids": set(), "elements": set(), "attributes": {}, "text": []}
    parser = PageUse(use)
    for page in site.rglob("*.html"):
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        parser.reset()
    scripts = [p.read_text(encoding="utf-8") for p in site.rglob("*.js")
               if "lunr" not in p.parts and "workers" not in p.parts]
    use["words"] = set(re.findall(r"[A-Za-z_][\w-]*", "\n".join(scripts)))
    stylesheets = [p.read_text(encoding="utf-8") for p in (site / "assets" / "stylesheets").glob("*.css")
                   if not MATERIAL_CSS.match(p.name)]
    use["references"] = set(re.findall(r"--[\w-]+", "\n".join(scripts + stylesheets + use["text"])))
    # A custom property set in a page (style="--x: ..") or read by a script also counts.
    return use


def on_post_build(config):
    site = Path(config["site_dir"])
    folder = site / "assets" / "stylesheets"
    targets = [p for p in folder.glob("*.css") if MATERIAL_CSS.match(p.name)] if folder.is_dir() else []
    if not targets:
        return
    use = site_use(site)
    for path in targets:
        css = path.read_text(encoding="utf-8")
        css = without_comments(css)  # with the source map link: the map no longer fits
        rules = drop_unused_properties(purge_rules(parse(css), use), use["references"])
        slim = serialise(rules)
        path.write_text(slim, encoding="utf-8")
        log.debug("%s: %d -> %d bytes gzipped", path.name, len(gzip.compress(css.encode())),
                  len(gzip.compress(slim.encode())))
