"""The safety page's help lines and what it says about traces, read on the built pages (issue 25,
points 8-11; facts.md §3, §6, §7 and §8).

- The help lines come right after the emergency line: the first section of the safety page is
  the help lines, and its first call or text link is within the first 450 words of the page
  (words counted as tests/test_page_length.py counts them: what a reader meets, in order).
- Each country the guide serves has its lines, each dialing the checked number: Canada by
  province and for Indigenous peoples, Australia's text line and interpreters, the US Native
  and sexual-assault lines; England's line is marked as open around the clock. The help lines
  are fixed facts, not practice settings: nothing here reads the example settings.
- Nothing facts.md marks doubtful ([D], §8.10) is printed on any page, and the lines seen only
  in secondary sources (§8.1: Ontario, Québec; §8.2: the Men's Referral Service's number) are
  not printed until checked on the service's own page.
- People worried about their own behavior have a section of their own, with a stable id that
  other pages link to (OWN_BEHAVIOR).
- The device section says what this guide's own Copy, Share and Print leave behind.
- The safety page stays under 1,600 words; the longer text (signs of abuse, the danger research,
  safety planning, keeping therapy private, why joint sessions are not advised) has a page of
  its own, linked before the first section.
- Jargon is explained where it first appears (TTY, odds); the research says what its sources
  say (Glass 2008 among abused women; Campbell 2003's controlling partner, with no figure); the
  privacy page names no hosting company; no bold line stands in for a heading.
"""
import re

import pytest
from bs4 import BeautifulSoup

from support import built_pages

SAFETY, MORE, PRIVACY = "safety/", "more-about-safety/", "privacy/"
OWN_BEHAVIOR = "own-behavior"  # other pages link to safety/#own-behavior
FIRST_HELP_LINE_WITHIN = 450
MAX_WORDS = 1600
WORD = re.compile(r"[A-Za-z0-9]")

# Per country (the h3 under "Help lines"): {number as dialed: words in the same list item}.
COUNTRY_LINES = {
    "United States": {
        "tel:+18007997233": "National Domestic Violence Hotline",
        "tel:+18447628483": "StrongHearts Native Helpline", "sms:+18447628483": "StrongHearts Native Helpline",
        "tel:+18006564673": "RAINN",
    },
    "United Kingdom": {
        "tel:08082000247": "England", "tel:08000271234": "Scotland", "tel:08088010800": "Wales",
        "tel:08088021414": "Northern Ireland",
    },
    "Canada": {
        "tel:+18005630808": "VictimLinkBC", "tel:3101818": "Alberta", "sms:3101818": "Alberta",
        "tel:+18552423310": "Hope for Wellness", "tel:988": "9-8-8",
    },
    "Australia": {
        "tel:1800737732": "1800RESPECT", "sms:0458737732": "1800RESPECT", "tel:131450": "TIS National",
    },
}
# Printed exactly so (facts §8.1, §8.2): never "403 310-1818", never "13 14 50".
EXACT = {"tel:3101818": "310-1818", "tel:131450": "131 450", "sms:0458737732": "0458 737 732"}
# facts §8.10 and §8.3: never printed.
DOUBTFUL = [r"\bHOLA\b", r"#SAFE\b", r"#7233", r"438-601-1211", r"13 14 50", r"\b200 languages",
            r"over 200\b"]
# Seen only in secondary sources (facts §8.1, §8.2): not printed until checked on the service's page.
UNCONFIRMED = ["1-866-863-0511", "1-800-363-9010", "1300 766 491"]


def article(site, path):
    html = (site / path / "index.html").read_text(encoding="utf-8")
    node = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    for tag in node.select("script, style, [hidden], .review-dates, .md-source-file"):
        tag.decompose()
    return node


def words(node):
    return " ".join(node.get_text(" ").split())


def word_count(text):
    return sum(1 for token in text.split() if WORD.search(token))


def words_before(root, element):
    """How many words a reader meets in `root` before `element` begins."""
    count = 0
    for text in root.find_all(string=True):
        if text is element or element in text.parents:
            return count
        count += word_count(text)
    raise AssertionError("the element is not in the page")


def section(root, heading):
    """The elements after `heading` up to the next heading of the same or a higher level."""
    level = int(heading.name[1])
    found = []
    for sibling in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name or "") and int(sibling.name[1]) <= level:
            break
        found.append(sibling)
    return found


def dial_links(elements):
    return [a for el in elements for a in el.select("a[href]") if a["href"].startswith(("tel:", "sms:"))]


def href_number(a):
    return a["href"].split("?")[0]


def test_the_help_lines_come_right_after_the_emergency_line(built_site):
    page = article(built_site, SAFETY)
    emergency = page.select_one("a[href='tel:911']")
    first_h2 = page.find("h2")
    assert emergency is not None and first_h2 is not None
    assert first_h2.get("id") == "help-lines", f"the first section is {first_h2.get('id')!r}, not the help lines"
    assert first_h2 in emergency.find_all_next("h2"), "the emergency line comes after the help lines"
    first_line = dial_links(section(page, first_h2))[0]
    position = words_before(page, first_line)
    assert position <= FIRST_HELP_LINE_WITHIN, f"the first help line comes after {position} words"


def test_the_position_count_can_fail():
    page = BeautifulSoup("<article><p>" + "word " * 500 + '</p><a href="tel:1">call 1</a></article>',
                         "html.parser")
    assert words_before(page, page.select_one("a")) == 500 > FIRST_HELP_LINE_WITHIN


@pytest.mark.parametrize("country", COUNTRY_LINES)
def test_each_country_has_its_help_lines(built_site, country):
    page = article(built_site, SAFETY)
    help_lines = page.select_one("h2#help-lines")
    headings = [h for h in section(page, help_lines) if h.name == "h3"]
    heading = next((h for h in headings if words(h) == country), None)
    assert heading is not None, f"no {country} heading under the help lines: {[words(h) for h in headings]}"
    found = {}
    for a in dial_links(section(page, heading)):
        found.setdefault(href_number(a), []).append((words(a), words(a.find_parent("li"))))
    for href, name in COUNTRY_LINES[country].items():
        assert href in found, f"{country}: no link dials {href} ({name})"
        assert any(name in item for _, item in found[href]), (country, href, name, found[href])
        if href in EXACT:
            assert all(EXACT[href] in shown for shown, _ in found[href]), (href, found[href])


def test_englands_line_is_marked_open_around_the_clock_and_canada_keeps_sheltersafe(built_site):
    page = article(built_site, SAFETY)
    england = page.select_one("a[href='tel:08082000247']")
    item = words(england.find_parent("li"))
    assert re.search(r"24/7|24 hours|24-hour", item), item
    assert page.select_one("a[href^='https://sheltersafe.ca']") is not None


def test_nothing_doubtful_or_unconfirmed_is_printed(built_site):
    printed = []
    for name in built_pages(built_site):
        text = " ".join(BeautifulSoup((built_site / name).read_text(encoding="utf-8"),
                                      "html.parser").get_text(" ").split())
        printed += [f"{name}: {p}" for p in DOUBTFUL if re.search(p, text)]
        printed += [f"{name}: {n}" for n in UNCONFIRMED if n in text or re.sub(r"\D", "", n) in text]
    assert not printed, "\n".join(printed)


def test_people_worried_about_their_own_behavior_have_a_section_of_their_own(built_site):
    page = article(built_site, SAFETY)
    heading = page.select_one(f"h2#{OWN_BEHAVIOR}")
    assert heading is not None and "your own behavior" in words(heading)
    part = section(page, heading)
    lines = {href_number(a): words(a.find_parent("li")) for a in dial_links(part)}
    assert "National Domestic Violence Hotline" in lines.get("tel:+18007997233", "")
    assert "Respect Phoneline" in lines.get("tel:08088024040", "")
    text = " ".join(words(el) for el in part)
    assert "No to Violence" in text and any(a["href"].startswith("https://ntv.org.au") for el in part
                                            for a in el.select("a[href]"))
    assert "Couples therapy is not the place to start" in text
    # In the jump list at the top, so a reader who looks for it finds it.
    assert page.select_one(f"a[href='#{OWN_BEHAVIOR}']") is not None


def test_the_device_section_says_what_this_guides_buttons_leave_behind(built_site):
    page = article(built_site, SAFETY)
    device = page.select_one("h2#your-phone-and-computer")
    traces = page.select_one("#this-guides-traces")
    assert traces is not None and traces in device.find_all_next()
    text = " ".join(words(el) for el in section(page, traces)).lower()
    for thing in ("copy", "clipboard history", "share", "recent shares", "print", "ticks print"):
        assert thing in text, thing
    # The privacy page says the same in short and links to it.
    assert article(built_site, PRIVACY).select_one("a[href$='safety/#this-guides-traces']") is not None


def test_the_safety_page_is_short_enough_to_scan_and_links_the_longer_text_near_the_top(built_site):
    page = article(built_site, SAFETY)
    count = word_count(page.get_text(" "))
    assert count < MAX_WORDS, f"the safety page has {count} words"
    first_h2 = page.find("h2")
    before = [a["href"] for a in first_h2.find_all_previous("a", href=True)]
    assert any(href.endswith("more-about-safety/") for href in before), before
    more = words(article(built_site, MORE))
    for part in ("Signs of abuse", "Why the signs of serious danger matter", "Making a safety plan",
                 "Keeping therapy private", "Why joint sessions are not advised"):
        assert part in more, part


def test_jargon_is_explained_where_it_first_appears(built_site):
    tty = article(built_site, SAFETY).find(string=re.compile(r"\bTTY\b"))
    assert "deaf or hard of hearing" in words(tty.find_parent("li"))
    more = words(article(built_site, MORE))
    assert "Odds are a way to compare" in more[more.index("odds"):]


def test_the_research_says_what_its_sources_say(built_site):
    page = article(built_site, MORE)
    glass = page.select_one("a[href$='sources/#glass-2008']").find_parent("p")
    assert "women abused by a partner" in words(glass) and "seven times the odds" in words(glass)
    assert "who were not strangled" not in words(page)
    campbell = page.select_one("a[href$='sources/#campbell-2003']").find_parent("p")
    text = words(campbell)
    assert "highly controlling" in text and "left" in text
    assert not re.search(r"\d", text.replace("2003", "")), "a figure for Campbell 2003"
    # On the safety page, the controlling partner after leaving is among the danger signs.
    danger = section(article(built_site, SAFETY), article(built_site, SAFETY).select_one("h2#serious-danger"))
    signs = " ".join(words(li) for el in danger for li in el.select("li"))
    assert "control much of your life, and you have left or plan to leave" in signs


def test_the_signs_of_abuse_name_behaviors_beyond_hitting(built_site):
    page = article(built_site, MORE)
    signs = " ".join(words(li) for el in section(page, page.select_one("h2#signs-of-abuse")) for li in el.select("li"))
    for sign in ("immigration", "working or studying", "break or throw things", "take the children",
                 "accuse you of cheating", "jealous", "read your messages", '"out" you'):
        assert sign in signs, sign
    assert page.select_one("a[href$='sources/#home-office-2023']") is not None


def test_keeping_therapy_private_gives_both_hipaa_rules_and_paying_yourself(built_site):
    page = article(built_site, MORE)
    text = " ".join(words(el) for el in section(page, page.select_one("h2#keeping-therapy-private")))
    for phrase in ("therapist's office", "cannot ask you why", "A health plan must agree too",
                   "could put you in danger", "in writing", "pay for therapy yourself"):
        assert phrase in text, phrase
    assert page.select_one("a[href$='sources/#hipaa-164-522']") is not None


def test_the_privacy_page_names_no_hosting_company(built_site):
    text = words(article(built_site, PRIVACY))
    assert "web host" in text
    for company in ("GitHub", "Netlify", "Cloudflare", "Vercel", "Amazon"):
        assert company not in text, company


@pytest.mark.parametrize("path", [SAFETY, MORE, PRIVACY])
def test_no_bold_line_stands_in_for_a_heading(built_site, path):
    page = article(built_site, path)
    fake = [words(p) for p in page.select("p")
            if p.find("strong") and words(p) == words(p.find("strong")) and not p.find_parent("li")]
    assert not fake, f"{path}: bold lines in place of headings: {fake}"
