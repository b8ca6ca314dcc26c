"""Draw each page's link-preview image: a calm 1200x630 PNG with the page's title (steps of
hooks/pipeline.py: forget_cards, page_card / not_found_card, then draw_cards after the build).

When a link to the guide lands in a chat app, the app shows this picture. It has
the page's title in the site's colours and the site's name, small, with the logo.
The page for a hesitant partner also has a softer line that reads as an invitation.

- Offline: Pillow draws with the Open Sans font shipped in hooks/fonts/ (with its
  licence). Nothing is downloaded and no system library is needed.
- Out of git: images are written into the built site, at
  assets/images/social/<page>.png (overrides/partials/social-meta.html points to them).
- Never overflowing: a long title wraps to at most three lines and ends with an ellipsis; a
  word too long for a line is broken. A title in a script the shipped font cannot draw (for
  example Chinese or Arabic) is not drawn as empty boxes: the card shows the site's name in
  its place (or no title, if that cannot be drawn either), and the build that draws it says so
  in one line.
- Fast: each image is kept in a cache (.cache/social-cards/, git-ignored; the
  SOCIAL_CARDS_CACHE environment variable can move it), named by a hash of
  everything drawn on it (title, line under it, description, site name, colours,
  fonts and this file). A rebuild with nothing changed redraws nothing.

The templates read `social_card` (title, url, alt, width, height, type) from the page's context.
"""
import functools
import hashlib
import json
import logging
import os
import re
import shutil
import time
from pathlib import Path

import tinycss2
from mkdocs.exceptions import PluginError

from shared import page_heading, t

log = logging.getLogger("mkdocs.hooks.social_cards")

WIDTH, HEIGHT = 1200, 630
TEXT_WIDTH = 880  # the title and the line under it stay clear of the shapes at the right
CARDS_DIR = "assets/images/social"
HERE = Path(__file__).resolve().parent
FONT_TITLE = HERE / "fonts" / "OpenSans-Semibold.ttf"
FONT_TEXT = HERE / "fonts" / "OpenSans-Regular.ttf"

# The card's colours: the light scheme's uses, read from the site's palette (section 1 of
# docs/assets/stylesheets/site.css, the one place colours are written): COLOURS, below.
# Text on the soft background passes WCAG AA: ink 14.1:1, teal 6.8:1, soft ink 6.9:1.
SITE_CSS = "assets/stylesheets/site.css"  # in docs/
CARD_COLOURS = {
    "background": "--site-soft-bg",
    "accent": "--md-primary-fg-color",
    "title": "--md-default-fg-color",
    "line": "--md-default-fg-color--light",
    "shape": "--site-card-shape",
}
LIGHT_SCHEME = (":root", ':root,[data-md-color-scheme="default"]')  # selectors, without spaces
VAR = re.compile(r"var\(\s*(--[\w-]+)\s*\)")

# The page for a hesitant partner, whose card has a softer line under the title. The cards'
# words are extra.strings (overrides/strings/en.yml, card_*; the 404 card's title is the 404
# page's heading, not_found_heading).
PARTNER_PAGE = "for-your-partner.md"

_cards = {}  # output path -> what to draw on it
_fonts = {}


def card_path(src_uri):
    """'for-your-partner.md' -> 'assets/images/social/for-your-partner.png'."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    return f"{CARDS_DIR}/{stem}.png"


def add_card(config, path, title, description, subtitle=""):
    site_name = config.site_name
    _cards[path] = {"title": title, "subtitle": subtitle, "description": description, "site_name": site_name}
    strings = config.extra["strings"]
    values = {"title": title, "subtitle": subtitle, "site_name": site_name}
    alt = (t(strings, "card_alt_with_subtitle", values, plain=True) if subtitle
           else t(strings, "card_alt", values, plain=True))
    return {
        "title": title,
        "url": (config.site_url or "/") + path,
        "alt": alt,
        "width": WIDTH,
        "height": HEIGHT,
        "type": "image/png",
    }


def light_scheme(css):
    """The custom properties a stylesheet sets for the light scheme, as written (later rules
    win, as in the browser): {'--md-primary-fg-color': 'var(--site-teal)', ...}."""
    declared = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule" and "".join(tinycss2.serialize(rule.prelude).split()) in LIGHT_SCHEME:
            for item in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
                if item.type == "declaration" and item.name.startswith("--"):
                    declared[item.name] = tinycss2.serialize(item.value).strip()
    return declared


def card_colours(css):
    """The card's colours (CARD_COLOURS) from the site's stylesheet, var() references followed."""
    declared = light_scheme(css)

    def colour(name, seen=()):
        if name not in declared or name in seen:
            raise PluginError(f"hooks/social_cards.py: {SITE_CSS} gives {name} no colour in the light scheme")
        found = VAR.fullmatch(declared[name])
        return colour(found.group(1), seen + (name,)) if found else declared[name]

    return {use: colour(name) for use, name in CARD_COLOURS.items()}


# card use -> colour, read when MkDocs loads this hook (at every build, `mkdocs serve` too).
COLOURS = card_colours((HERE.parent / "docs" / SITE_CSS).read_text(encoding="utf-8"))


def forget_cards():
    """At the start of each build (`mkdocs serve` builds again in the same process)."""
    _cards.clear()


def not_found_card(config):
    """The 404 page's card (the page served for any address that is not found)."""
    strings = config.extra["strings"]
    return add_card(config, f"{CARDS_DIR}/404.png", t(strings, "not_found_heading", plain=True),
                    config.site_description or "", t(strings, "card_not_found_subtitle", plain=True))


def page_card(page, config):
    """A page's card: the template's `social_card` (title, url, alt, width, height, type)."""
    title = page_heading(page.content, page.title) or config.site_name
    description = page.meta.get("description") or config.site_description or ""
    subtitle = (t(config.extra["strings"], "card_partner_subtitle", plain=True)
                if page.file.src_uri == PARTNER_PAGE else "")
    return add_card(config, card_path(page.file.src_uri), title, description, subtitle)


# --- Drawing ---------------------------------------------------------------


def font(path, size):
    from PIL import ImageFont

    key = (path, size)
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(str(path), size)
    return _fonts[key]


ELLIPSIS = "\u2026"
MAX_TITLE_LINES = 3


def pieces(word, face, width):
    """A word too long for one line, broken into pieces that fit."""
    out, piece = [], ""
    for char in word:
        if piece and face.getlength(piece + char) > width:
            out.append(piece)
            piece = char
        else:
            piece += char
    return out + [piece] if piece else out


def wrap(text, face, width):
    """Greedy word wrap: the lines of `text` that fit `width` pixels in `face`."""
    lines, line = [], ""
    for long_word in text.split():
        for word in pieces(long_word, face, width):
            trial = f"{line} {word}".strip()
            if not line or face.getlength(trial) <= width:
                line = trial
            else:
                lines.append(line)
                line = word
    if line:
        lines.append(line)
    return lines


def clip(lines, face, width, most):
    """At most `most` lines; if text was cut, the last line ends with an ellipsis that fits."""
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    while last and face.getlength(last.rstrip() + ELLIPSIS) > width:
        last = last[:-1]
    return lines[: most - 1] + [last.rstrip() + ELLIPSIS]


def fit_title(title, width):
    """The largest size (and its lines) that sets the title in at most 3 lines; at the
    smallest size, a longer title is cut after 3 lines with an ellipsis."""
    for size in (76, 68, 60, 54, 48):
        lines = wrap(title, font(FONT_TITLE, size), width)
        if len(lines) <= MAX_TITLE_LINES:
            return size, lines
    face = font(FONT_TITLE, 44)
    return 44, clip(wrap(title, face, width), face, width, MAX_TITLE_LINES)


@functools.lru_cache(maxsize=4096)
def can_draw(path, char):
    """Does the font have a glyph for `char`? A missing one is drawn as the font's
    'missing' box, the same for every such character."""
    if char.isspace() or char == ELLIPSIS:
        return True
    face = font(path, 40)
    missing = face.getmask("\U0010fffd")
    mask = face.getmask(char)
    return not (mask.size == missing.size and bytes(mask) == bytes(missing))


def drawable(text, path=None):
    return all(can_draw(str(path or FONT_TITLE), char) for char in text)


def shown_title(card):
    """The title to draw: the page's own, or the site's name when the font cannot draw it."""
    if drawable(card["title"]):
        return card["title"]
    return card["site_name"] if drawable(card["site_name"]) else ""


def arc_points(cx, cy, r, start, end, steps=8):
    import math

    return [(cx + r * math.cos(math.radians(a)), cy + r * math.sin(math.radians(a)))
            for a in (start + (end - start) * i / steps for i in range(steps + 1))]


def logo(size):
    """The site's logo (docs/assets/images/favicon.svg): two speech bubbles on a
    teal rounded square. Drawn 4x larger and scaled down for smooth edges."""
    from PIL import Image, ImageDraw

    s = size * 4 / 32  # svg units -> pixels at 4x
    image = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size * 4 - 1, size * 4 - 1), radius=7 * s, fill=COLOURS["accent"])
    width = round(2.2 * s)

    def stroke(points):
        points = [(x * s, y * s) for x, y in points]
        draw.line(points, fill="white", width=width, joint="curve")
        for x, y in (points[0], points[-1]):
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill="white")

    # M6 10a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v4a3 3 0 0 1-3 3h-5l-3.5 3v-3H9a3 3 0 0 1-3-3z
    stroke(arc_points(9, 10, 3, 180, 270) + arc_points(17, 10, 3, 270, 360)
           + arc_points(17, 14, 3, 0, 90) + [(12, 17), (8.5, 20), (8.5, 17)]
           + arc_points(9, 14, 3, 90, 180) + [(6, 10)])
    # M23 13h.5a2.5 2.5 0 0 1 2.5 2.5v4a2.5 2.5 0 0 1-2.5 2.5v3L20 22h-4.5
    stroke([(23, 13)] + arc_points(23.5, 15.5, 2.5, 270, 360) + arc_points(23.5, 19.5, 2.5, 0, 90)
           + [(23.5, 25), (20, 22), (15.5, 22)])
    return image.resize((size, size), Image.LANCZOS)


def draw_card(card):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), COLOURS["background"])
    draw = ImageDraw.Draw(image)
    margin = 96

    # Two soft overlapping circles at the right: quiet, with no meaning to read.
    draw.ellipse((900, 300, 1420, 820), fill=COLOURS["shape"])
    draw.ellipse((980, -40, 1280, 260), outline=COLOURS["shape"], width=16)

    # The site's name, small, beside the logo.
    mark = logo(64)
    image.paste(mark, (margin, 72), mark)
    name_face = font(FONT_TITLE, 30)
    if drawable(card["site_name"]):
        name = clip(wrap(card["site_name"], name_face, TEXT_WIDTH - 84), name_face, TEXT_WIDTH - 84, 1)
        draw.text((margin + 84, 104), name[0] if name else "", font=name_face, fill=COLOURS["accent"], anchor="lm")

    # The title, and the softer line under it, in the middle of the space left.
    size, lines = fit_title(shown_title(card).replace("'", "\u2019"), TEXT_WIDTH)
    leading = round(size * 1.22)
    sub_face = font(FONT_TEXT, 34)
    sub_lines = (clip(wrap(card["subtitle"], sub_face, TEXT_WIDTH), sub_face, TEXT_WIDTH, 2)
                 if card["subtitle"] and drawable(card["subtitle"], FONT_TEXT) else [])
    block = leading * len(lines) + (28 + 46 * len(sub_lines) if sub_lines else 0)
    top = 170 + (HEIGHT - 170 - 70 - block) // 2
    for i, line in enumerate(lines):
        draw.text((margin, top + i * leading), line, font=font(FONT_TITLE, size), fill=COLOURS["title"])
    y = top + leading * len(lines) + 28
    for line in sub_lines:
        draw.text((margin, y), line, font=font(FONT_TEXT, 34), fill=COLOURS["line"])
        y += 46

    # A calm teal rule along the foot.
    draw.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=COLOURS["accent"])
    return image


# --- Cache and output --------------------------------------------------------


def settings_hash():
    """What every card depends on besides its own words: size, colours, fonts, this code."""
    digest = hashlib.sha256()
    digest.update(json.dumps([WIDTH, HEIGHT, COLOURS], sort_keys=True).encode())
    for path in (FONT_TITLE, FONT_TEXT, Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_dir(config):
    configured = os.environ.get("SOCIAL_CARDS_CACHE")
    if configured:
        return Path(configured)
    return Path(config.config_file_path).resolve().parent / ".cache" / "social-cards"


def draw_cards(config):
    """After the build: each card from the cache, or drawn and kept there."""
    try:
        import PIL  # noqa: F401
    except ImportError:
        raise PluginError("hooks/social_cards.py needs Pillow: run `make build` "
                          "(or `.venv/bin/pip install -r requirements.txt`).") from None
    cache = cache_dir(config)
    cache.mkdir(parents=True, exist_ok=True)
    settings = settings_hash()
    drawn, used, undrawable = 0, set(), []
    for path, card in sorted(_cards.items()):
        key = hashlib.sha256((settings + json.dumps(card, sort_keys=True)).encode()).hexdigest()[:32]
        cached = cache / f"{key}.png"
        used.add(cached.name)
        if not cached.exists():
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            draw_card(card).save(partial, "PNG")
            partial.replace(cached)  # atomic: a parallel build never sees half a file
            drawn += 1
            if not drawable(card["title"]):  # said when the card is drawn (a cached one was, before)
                undrawable.append(path.rsplit("/", 1)[-1])
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    prune(cache, used)
    log.info(f"Social cards: {drawn} drawn, {len(_cards) - drawn} from the cache ({cache})")
    if undrawable:
        log.info(f"Social cards: the card font (Open Sans) cannot draw every character of {len(undrawable)} "
                 f"title(s) ({', '.join(undrawable)}): those cards show the site's name instead")


def prune(cache, used, max_age=7 * 24 * 3600):
    """Forget cached cards that no page has used for a week (old titles, old designs)."""
    now = time.time()
    for path in cache.glob("*.png"):
        try:
            if path.name not in used and now - path.stat().st_mtime > max_age:
                path.unlink()
        except OSError:
            pass  # another build got there first
