"""Reader safety in the built pages: the safety page's help lines (each tap-to-call or text link
dials the number it shows, and the numbers are the checked ones), the "only if you feel safe"
note wherever the guide suggests what to say or do with a partner, the crisis lines where low
mood is discussed, the contact page's emergency note, discernment counseling's "not for" note,
and neutral words about time alone on the page for the hesitant partner.
"""
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from support import practice

# Every help line the safety page gives, as checked in facts.md (sections 3 and 6):
# (number as dialed, words that must name the service in the same list item).
HELP_LINES = {
    "tel:911": "Emergency", "tel:999": "Emergency", "tel:000": "Emergency",
    "tel:+18007997233": "National Domestic Violence Hotline", "tel:+18007873224": "TTY",
    "sms:88788": "START", "tel:+18663319474": "Love Is Respect", "sms:22522": "LOVEIS",
    "tel:988": "988", "sms:988": "988", "sms:741741": "HOME",
    "tel:08082000247": "National Domestic Abuse Helpline", "tel:08088010327": "Men's Advice Line",
    "tel:08009995428": "Galop", "tel:116123": "Samaritans", "sms:85258": "Shout",
    "tel:08088024040": "Respect Phoneline",
    "tel:1800737732": "1800RESPECT", "tel:131114": "Lifeline",
}
NOTE_PAGES = ["conversation-scripts/", "what-backfires/", "smaller-steps/", "for-your-partner/",
              # Issue 12: new pages that suggest what to say or do with the partner.
              "harder-moments/", "changing-your-side/", "looking-after-yourself/"]
CRISIS_PAGES = ["help-for-yourself/", "readiness-checklist/", "contact/"]


def soup(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site, path):
    return soup(site, path).select_one("article")


def words(node):
    return " ".join(node.get_text(" ").split())


def digits(text):
    return re.sub(r"\D", "", text)


def dial_links(node):
    return [a for a in node.select("a[href]") if a["href"].startswith(("tel:", "sms:"))]


def number_of(href):
    parts = urlsplit(href)
    return parts.scheme, unquote(parts.path)


@pytest.mark.parametrize("path", ["safety/"] + CRISIS_PAGES)
def test_every_call_or_text_link_dials_the_number_it_shows(built_site, path):
    page = soup(built_site, path)
    # The practice's own number is checked against its settings elsewhere (test_pages): a "(0)"
    # after the country code is shown but not dialled. Here: the help lines.
    own = {a["href"] for a in page.select('.practice-footer a[href^="tel:"]')}
    links = [a for a in dial_links(page.select_one("article")) if a["href"] not in own]
    assert links, path
    for a in links:
        scheme, number = number_of(a["href"])
        shown = words(a)
        # "call 1-800-799-7233" dials +18007997233; "call 9-8-8" dials 988.
        assert digits(shown) and digits(number).endswith(digits(shown)), (path, a["href"], shown)
        assert len(digits(number)) - len(digits(shown)) in (0, 1), (path, a["href"], shown)  # a country code at most
        verb = "call" if scheme == "tel" else "text"
        assert shown.lower().startswith(verb) or re.fullmatch(r"[0-9 +().-]+", shown), (path, shown)
        body = parse_qs(urlsplit(a["href"]).query).get("body")
        if body:
            assert body[0] in shown, (path, a["href"], shown)  # "text START to 88788"


def test_the_safety_page_gives_each_checked_help_line(built_site):
    page = article(built_site, "safety/")
    found = {}
    for a in dial_links(page):
        scheme, number = number_of(a["href"])
        item = a.find_parent("li") or a.find_parent("p")
        found.setdefault(f"{scheme}:{number}", []).append(words(item))
    assert set(found) == set(HELP_LINES), set(found) ^ set(HELP_LINES)
    for href, name in HELP_LINES.items():
        assert any(name in context for context in found[href]), (href, name, found[href])


def test_the_safety_page_says_what_the_clinical_editor_asked(built_site):
    text = words(article(built_site, "safety/"))
    # UK silent 999: whisper, cough or tap, press 55 on a mobile, and 55 gives no location.
    for phrase in ("even in a whisper", "cough or tap", "press 55",
                   "Pressing 55 does not tell the police where you are"):
        assert phrase in text, phrase
    assert "ShelterSafe.ca" in text and "24-hour crisis line" in text
    assert "could not confirm" not in text
    assert "Worried about your own behavior?" in text
    assert "Researchers urge great caution" in text
    assert "Research on couples therapy agrees" not in text
    assert "can come first" not in text and "safer step" in text
    for sign in ("pressure you into sex", "your pets", "control your money", "track where you go",
                 "read your messages"):
        assert sign in text, sign
    for device_words in ("Shared phones", "Location sharing", "Browser history"):
        assert device_words in text, device_words


def test_the_only_if_safe_note_is_the_same_everywhere_and_comes_first(built_site):
    notes = []
    for path in NOTE_PAGES:
        page = article(built_site, path)
        note = page.select_one(".admonition.only-if-safe")
        assert note is not None, path
        notes.append(words(note))
        assert note.select_one("a[href$='safety/']"), path
        if path == "for-your-partner/":  # the note heads the send-to-partner block
            block = page.select_one(".admonition.share-partner")
            assert block is not None and note.find_next(class_="share-partner") is block
        else:  # before any section of the page
            first_h2 = page.find("h2")
            assert first_h2 is None or note.find_next("h2") is first_h2, path
    assert len(set(notes)) == 1, notes
    assert "afraid of how your partner will react" in notes[0]


def test_risky_lines_are_gone_or_guarded(built_site):
    scripts = words(article(built_site, "conversation-scripts/"))
    assert "I'm going to talk to someone on my own" not in scripts
    assert "you don't have to tell your partner about it" in scripts
    backfires = words(article(built_site, "what-backfires/"))
    assert "If you really are unsure about staying, say so" not in backfires
    assert "only if you feel safe" in backfires


@pytest.mark.parametrize("path", CRISIS_PAGES)
def test_the_crisis_lines_are_where_low_mood_is_discussed(built_site, path):
    block = article(built_site, path).select_one(".crisis-lines")
    assert block is not None, path
    hrefs = {a["href"] for a in block.select("a[href]")}
    assert {"tel:988", "sms:988", "tel:116123", "tel:131114", "tel:911", "tel:999", "tel:000"} <= hrefs


def test_the_contact_page_says_it_is_not_an_emergency_service(built_site):
    page = article(built_site, "contact/")
    text = words(page)
    assert "not an emergency service" in text
    first_h2 = page.find("h2")
    intro = " ".join(words(el) for el in first_h2.find_all_previous("p"))
    assert "not an emergency service" in intro  # said before anything else
    assert {"tel:911", "tel:999", "tel:000"} <= {a["href"] for a in page.select("a[href]")}
    reply_time = practice().get("reply_time")
    if reply_time:  # when to expect a reply, from the settings
        assert f"replies to you, {reply_time}." in text


def test_discernment_counseling_says_who_it_is_not_for(built_site):
    section = article(built_site, "help-for-yourself/")
    text = words(section)
    start = text.index("Who it is not for")
    part = text[start:start + 400]
    for phrase in ("danger of violence", "pressured", "already firmly decided"):
        assert phrase in part, phrase


def test_the_partner_page_describes_time_alone_in_neutral_words(built_site):
    text = words(article(built_site, "for-your-partner/")).lower()
    assert "routine questions" in text
    for word in (r"\bscreen(?:ing|ed|s)\b", "feel safe at home", "abuse", "violence"):
        assert not re.search(word, text), word
