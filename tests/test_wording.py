"""Wording that keeps everyone's options open (issue 25, points 5, 6, 7, 10 and 11), read from
the built pages (the `built_site` fixture), with expectations taken from the settings in use.

- "Why partners resist" opens, before its first reason, with a note for the asker: it names
  behaviors (hurting, threatening, checking, tracking), no labels, and links to the lines for
  people worried about their own behavior. The partner page's choice note comes first and tells
  a partner who feels unsafe with the sender that this is reason enough to say no.
- No page advises talking away from phones or other people; the scripts say where instead.
- No page promises "just one" joint session, "one talk", or a session "from home" together.
- The first-appointment text (docs/snippets/first-appointment.md) is on "What to expect", the
  partner page and the invitation notes; the practice's own words replace its first part.
- The check-up ask and its note show only where extra.practice.offers_checkup is true: the
  suite's build shows one state, a second small build with the setting flipped the other.
- Jargon is explained in the sentence where a page first uses it; bold text does not stand in
  for a heading; smaller points of point 11 hold.
"""
import re

import pytest
from bs4 import BeautifulSoup

from support import build_in_process, built_pages, load_hook, practice, small_project, with_changes

settings_module = load_hook("practice_settings")

OWN_BEHAVIOR = "safety/#own-behavior"
FIRST_APPOINTMENT_DEFAULT = "meets each of you alone"
FIRST_APPOINTMENT_ALWAYS = ("on your own device", "joint sessions are not the right step")
ASKS_WITH_A_FIRST_APPOINTMENT = ("first-conversation", "online", "check-up")
# Pages other helpers own for this issue, or whose text is quoted titles (sources).
NOT_THESE = {"safety/index.html", "privacy/index.html", "sources/index.html", "whole-guide/index.html",
             "readiness-checklist/index.html"}


def squash(text):
    return " ".join(text.split())


def article(site, page, hidden=False):
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    found = soup.select_one("article")
    assert found is not None, f"{page}: no article"
    for tag in found.select("script, style" + ("" if hidden else ", [hidden]")):
        tag.decompose()
    return found


def text_of(site, page, hidden=False):
    return squash(article(site, page, hidden).get_text(" "))


def pages(site):
    return [p for p in built_pages(site) if p.endswith("index.html")]


# -- Point 5: the asker may be the reason ----------------------------------------------------------

def test_why_partners_resist_opens_with_a_note_for_the_asker_before_any_reason(built_site):
    page = article(built_site, "why-partners-resist/index.html")
    note = page.select_one(".admonition.own-behavior")
    assert note is not None, "no note for the asker"
    html = str(page)
    first_reason = page.find("h2")
    first_jump = page.select_one('a[href^="#"]')
    assert html.index(str(note)) < html.index(str(first_reason)), "the note comes after the first reason"
    assert html.index(str(note)) < html.index(str(first_jump)), "the note comes after the jump list"
    words = squash(note.get_text(" ")).lower()
    for behavior in ("hurt", "threatened", "checked their phone", "tracked"):
        assert behavior in words, f"the note does not name {behavior!r}"
    assert not re.search(r"\babus|\bcontrol", words), "the note asks the reader to apply a label"
    assert "couples therapy is not the next step" in words
    hrefs = [a["href"] for a in note.select("a[href]")]
    assert any(h.endswith(OWN_BEHAVIOR) for h in hrefs), hrefs
    assert "tel:+18007997233" in hrefs and "tel:08088024040" in hrefs, "the US and UK lines are not there"


def test_the_partner_page_opens_with_its_choice_note_and_a_line_for_a_partner_who_feels_unsafe(built_site):
    page = article(built_site, "for-your-partner/index.html")
    first = page.find("h1").find_next(lambda tag: tag.name in ("p", "div", "ul", "ol", "h2")
                                      and not tag.find_parent(class_="admonition"))
    assert "partner-choice" in (first.get("class") or []), f"first after the title: {squash(first.get_text(' '))[:80]}"
    assert "reason enough to say no" in squash(first.get_text(" "))
    say_no = next(li for li in page.select("li") if squash(li.get_text(" ")).startswith("Say no."))
    words = squash(say_no.get_text(" "))
    assert "If you like" in words and words.index("If you like") < words.index("tell your partner")


# -- Point 6: where to talk ------------------------------------------------------------------------

AWAY_FROM_OTHERS = re.compile(r"away from (?:the )?(?:children|kids|family|phones?|other people|everyone)"
                              r"|somewhere (?:calm and )?private|calm and private|just the two of us", re.I)


def test_no_page_advises_talking_away_from_phones_or_other_people(built_site):
    found = [f"{page}: {m.group(0)!r}" for page in pages(built_site)
             for m in AWAY_FROM_OTHERS.finditer(text_of(built_site, page, hidden=True))]
    assert not found, found


def test_the_scripts_say_where_to_talk_in_a_way_that_keeps_everyones_options(built_site):
    words = text_of(built_site, "conversation-scripts/index.html")
    assert "take a break or step out" in words and "Keep your phone with you" in words


# -- Point 7: promises that fit screening ----------------------------------------------------------

PROMISES = re.compile(r"\bjust one\b|\bone talk\b|\bfrom home\b", re.I)


def test_no_page_promises_just_one_joint_session_or_one_from_home(built_site):
    found = [f"{page}: {m.group(0)!r}" for page in pages(built_site)
             for m in PROMISES.finditer(text_of(built_site, page, hidden=True))]
    assert not found, found


def first_appointment_shown(words, settings):
    own = settings.get("first_appointment")
    shown = (own in words and FIRST_APPOINTMENT_DEFAULT not in words) if own else FIRST_APPOINTMENT_DEFAULT in words
    return shown and all(part in words for part in FIRST_APPOINTMENT_ALWAYS)


def check_first_appointment(site, settings):
    for page in ("what-to-expect/index.html", "for-your-partner/index.html"):
        assert first_appointment_shown(text_of(site, page), settings), f"{page}: no first-appointment text"
    partner = article(site, "for-your-partner/index.html", hidden=True)
    for key in ASKS_WITH_A_FIRST_APPOINTMENT:
        note = partner.select_one(f'[data-ask-answer="{key}"]')
        if note is None and key == "check-up":
            continue
        assert note is not None and first_appointment_shown(squash(note.get_text(" ")), settings), \
            f"the invitation note for {key!r} has no first-appointment text"


def check_checkup(site, offered):
    ask = article(site, "ask-your-partner/index.html")
    partner = article(site, "for-your-partner/index.html", hidden=True)
    assert bool(ask.select('[data-ask-key="check-up"]')) == offered, "the check-up ask"
    assert bool(ask.select('a[href="#check-up"]')) == offered, "the check-up jump link"
    assert bool(partner.select('[data-ask-answer="check-up"]')) == offered, "the check-up note"
    if not offered:
        assert "check-up" not in squash(ask.get_text(" ")).lower()


def test_the_first_appointment_is_stated_on_what_to_expect_the_partner_page_and_its_notes(built_site):
    check_first_appointment(built_site, practice())


def test_the_check_up_ask_shows_only_where_the_practice_offers_one(built_site):
    check_checkup(built_site, bool(practice().get("offers_checkup")))


def test_with_both_settings_flipped_the_other_state_shows(tmp_path):
    settings = practice()
    flipped = {
        "offers_checkup": None if settings.get("offers_checkup") else True,
        "first_appointment": None if settings.get("first_appointment")
        else "In the first weeks, each of you has one session on your own.",
    }
    site = tmp_path / "site"  # the three pages that show them (support.small_project), built in-process
    config = small_project(tmp_path / "project", ("ask-your-partner.md", "for-your-partner.md", "what-to-expect.md"),
                           with_changes(flipped))
    result = build_in_process(config, site)
    assert result.returncode == 0, result.stdout
    now = {**settings, **{k: v for k, v in flipped.items() if v is not None}}
    for key, value in flipped.items():
        if value is None:
            now.pop(key, None)
    check_checkup(site, bool(now.get("offers_checkup")))
    check_first_appointment(site, now)


@pytest.mark.parametrize("key, value", [("offers_checkup", "yes"), ("offers_checkup", 1),
                                        ("first_appointment", "Line one\nline two"),
                                        ("first_appointment", "x" * 201)])
def test_a_bad_first_appointment_or_checkup_setting_names_its_key(key, value):
    base = {k: v for k, v in practice().items() if k not in ("offers_checkup", "first_appointment")}
    with pytest.raises(settings_module.SettingError, match=f"extra.practice.{key} "):
        settings_module.check_practice({**base, key: value})
    checked = settings_module.check_practice(base)
    assert "offers_checkup" not in checked and "first_appointment" not in checked  # both optional


# -- Points 10 and 11 --------------------------------------------------------------------------------

JARGON = {
    "randomized": r"\bchance\b",
    "sliding-scale fee": r"lower fee",
    "employee assistance program": r"employer",
    "stonewalling": r"shutting down",
    "odds": r"\bchance|\blikely",
}


def sentence_around(words, start, end):
    before = max(words.rfind(". ", 0, start), words.rfind("? ", 0, start), words.rfind(": ", 0, start))
    after = min([i for i in (words.find(". ", end), words.find("? ", end)) if i >= 0] or [len(words)])
    return words[before + 2 if before >= 0 else 0:after + 1]


def test_jargon_is_explained_where_a_page_first_uses_it(built_site):
    unexplained = []
    for page in pages(built_site):
        if page in NOT_THESE:
            continue
        words = text_of(built_site, page)
        for term, explained in JARGON.items():
            match = re.search(rf"\b{re.escape(term)}\b", words, re.I)
            # In that sentence, or the one right after it ("... seven times the odds (Glass,
            # 2008). Odds are a way to compare how likely ...").
            here = sentence_around(words, match.start(), match.end()) if match else ""
            after = words.find(here) + len(here) + 1 if match else 0
            following = sentence_around(words, after, after) if match else ""
            if match and not re.search(explained, here + " " + following, re.I):
                unexplained.append(f"{page}: {sentence_around(words, match.start(), match.end())!r}")
    assert not unexplained, unexplained


def test_bold_text_does_not_stand_in_for_a_heading(built_site):
    found = []
    for page in pages(built_site):
        if page in NOT_THESE or page == "ask-your-partner/index.html":
            continue
        for p in article(built_site, page).select("p"):
            children = [c for c in p.contents if squash(str(c))]
            if len(children) == 1 and getattr(children[0], "name", None) == "strong" \
                    and not squash(p.get_text()).endswith(":"):
                found.append(f"{page}: {squash(p.get_text())!r}")
    assert not found, found


def test_harder_moments_makes_no_second_ask_after_a_no(built_site):
    page = article(built_site, "harder-moments/index.html")
    for section in ("you-go", "faith-and-family", "leaning-out"):
        heading = page.select_one(f"#{section}")
        for script in heading.find_all_next(class_="script"):
            if script.find_previous("h2") is not heading:
                break
            body = squash(" ".join(p.get_text(" ") for p in script.select("p:not(.admonition-title)")))
            assert "?" not in body, f"#{section}: the script asks again: {body!r}"


def test_the_contact_page_says_what_contacting_is_not_and_how_to_book_privately(built_site):
    words = text_of(built_site, "contact/index.html")
    assert "Reading this site or contacting us does not make you our client." in words
    assert re.search(r"email address or phone number that your partner can't see", words)


def test_figures_are_marked_as_research_not_the_practices_results(built_site):
    for page in ("index.html", "what-to-expect/index.html", "kinds-of-couples-therapy/index.html",
                 "help-for-yourself/index.html"):
        assert "come from research studies, not from our own results" in text_of(built_site, page), page


def test_the_therapist_directories_say_they_are_us_focused(built_site):
    page = article(built_site, "help-for-yourself/index.html")
    directories = page.select_one("#directories").find_next("p")
    assert "focused on the US" in squash(directories.get_text(" "))


def test_research_wording_matches_the_sources(built_site):
    for page in ("what-to-expect/index.html", "help-for-yourself/index.html", "smaller-steps/index.html",
                 "changing-your-side/index.html"):
        words = text_of(built_site, page)
        assert "small pilot trial" in words and "quality of life" in words.lower(), page
        assert "felt better" not in words and "well-being" not in words, page
    kinds = text_of(built_site, "kinds-of-couples-therapy/index.html")
    assert kinds.count('"especially promising"') >= 3 and "best-supported" not in kinds
    for page in ("what-to-expect/index.html", "index.html"):
        assert re.search(r"All the studies in the Roddy review followed man-woman|every study followed man-woman",
                         text_of(built_site, page)), page
