"""Link-preview images never overflow: a long title wraps and ends with an ellipsis, a long word
is broken, and a title in a script the shipped font cannot draw falls back to the site's name
(no empty boxes), which the build reports in one line."""
import importlib.util
import sys

from support import ROOT, build_in_process, small_project, with_changes


def load_cards():
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        spec = importlib.util.spec_from_file_location("social_cards_under_test", ROOT / "hooks" / "social_cards.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "hooks"))


cards = load_cards()
WIDTH = cards.TEXT_WIDTH


def test_a_long_title_wraps_to_three_lines_and_ends_with_an_ellipsis():
    title = "Contact " + "Couples Together Care and Bridge Counseling of the Greater Springfield Area " * 4
    size, lines = cards.fit_title(title, WIDTH)
    face = cards.font(cards.FONT_TITLE, size)
    assert len(lines) == 3 and lines[-1].endswith("\u2026"), lines
    assert all(face.getlength(line) <= WIDTH for line in lines), lines


def test_a_word_too_long_for_a_line_is_broken():
    size, lines = cards.fit_title("Supercalifragilistic" * 6, WIDTH)
    face = cards.font(cards.FONT_TITLE, size)
    assert all(face.getlength(line) <= WIDTH for line in lines), lines


def test_the_font_knows_which_characters_it_can_draw():
    assert cards.drawable("Contact Ωμέγα Привет Ünïcødé \u201cquotes\u201d")
    assert not cards.drawable("心理咨询")
    assert not cards.drawable("العربية")


def test_a_title_the_font_cannot_draw_shows_the_site_name_instead():
    site = "When one of you wants therapy"
    fallback = cards.draw_card({"title": "联系 心理咨询", "subtitle": "", "description": "", "site_name": site})
    named = cards.draw_card({"title": site, "subtitle": "", "description": "", "site_name": site})
    other = cards.draw_card({"title": "Contact", "subtitle": "", "description": "", "site_name": site})
    assert fallback.tobytes() == named.tobytes()
    assert fallback.tobytes() != other.tobytes()


def test_the_build_says_so_in_one_line(tmp_path):
    """On the page whose title holds the practice's name (support.small_project, in-process)."""
    config = small_project(tmp_path / "project", ("index.md", "contact.md"), with_changes({"name": "心理咨询中心"}))
    result = build_in_process(config, tmp_path / "site", env={"SOCIAL_CARDS_CACHE": str(tmp_path / "cache")})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    lines = [line for line in output.splitlines() if "cannot draw" in line]
    assert len(lines) == 1 and "contact.png" in lines[0], output
