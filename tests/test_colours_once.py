"""The site's colours are written in one place: the palette in section 1 of
docs/assets/stylesheets/site.css. The other rules and stylesheets read them through var(), and
the link-preview images (hooks/social_cards.py) read the light scheme's from the same section.
(print.css is left out: a printed sheet is black on white, whatever the palette.)"""
import re

from PIL import Image

from support import ROOT, load_hook

STYLESHEETS = ROOT / "docs" / "assets" / "stylesheets"
HEX = re.compile(r"#[0-9a-fA-F]{3,8}\b")
PALETTE = re.compile(r"^:root \{\n(?P<body>.*?)^\}", re.M | re.S)  # the first rule of site.css


def test_each_colour_is_written_once_in_the_palette():
    css = (STYLESHEETS / "site.css").read_text(encoding="utf-8")
    palette = PALETTE.search(css)
    assert palette, "site.css: no palette (a `:root {` rule of its own) in section 1"
    colours = [c.lower() for c in HEX.findall(palette.group("body"))]
    assert colours and len(colours) == len(set(colours)), "a colour written twice in the palette"
    elsewhere = {name: HEX.findall(text) for name, text in (
        ("site.css", css[:palette.start()] + css[palette.end():]),
        *((p.name, p.read_text(encoding="utf-8")) for p in sorted(STYLESHEETS.glob("*.css"))
          if p.name not in ("site.css", "print.css")))}
    assert not {name: found for name, found in elsewhere.items() if found}, "colours outside the palette"


def test_the_link_preview_images_are_drawn_in_the_palettes_colours(built_site):
    """The cards' hook writes no colour of its own; a built card's background and its rule
    along the foot are the light scheme's soft background and primary colour in site.css."""
    social_cards = load_hook("social_cards")
    assert not HEX.findall((ROOT / "hooks" / "social_cards.py").read_text(encoding="utf-8"))
    light = social_cards.card_colours((STYLESHEETS / "site.css").read_text(encoding="utf-8"))
    card = Image.open(built_site / "assets" / "images" / "social" / "index.png").convert("RGB")
    rgb = {use: tuple(int(light[use][i:i + 2], 16) for i in (1, 3, 5)) for use in ("background", "accent")}
    assert card.getpixel((10, 10)) == rgb["background"]
    assert card.getpixel((600, card.height - 3)) == rgb["accent"]
