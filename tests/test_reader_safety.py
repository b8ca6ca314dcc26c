"""Reader safety in the built pages: the safety page's help lines (each tap-to-call or text link
dials the number it shows, and the numbers are the checked ones), the "only if you feel safe"
note wherever the guide suggests what to say or do with a partner, the crisis lines where low
mood is discussed, the contact page's emergency note, discernment counseling's "not for" note,
and neutral words about time alone on the page for the hesitant partner.

Issue 19 (a clinical editor's read): safety means fear OR control, in one wording wherever the
guide asks; the safety page's signs of serious danger, leaving and safety planning, emergency
numbers apart from the help lines, the UK nations' lines, keeping therapy private; a partner
page that protects the partner too; no promise of a joint session; no arguing a hopeless partner
into hope; inclusion; and looking after yourself with a note of its own.
"""
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from support import FEAR_OR_CONTROL, practice, safety_questions

# Every help line the safety page gives, as checked in facts.md (sections 3, 6, 7 and 8):
# (number as dialed, words that must name the service in the same list item).
EMERGENCY = {"tel:911": "United States and Canada", "tel:999": "United Kingdom", "tel:000": "Australia"}
HELP_LINES = {
    "tel:+18007997233": "National Domestic Violence Hotline", "tel:+18007873224": "TTY",
    "sms:88788": "START", "tel:+18663319474": "Love Is Respect", "sms:22522": "LOVEIS",
    "tel:988": "988", "sms:988": "988", "sms:741741": "HOME",
    "tel:08082000247": "England", "tel:08088010327": "Men's Advice Line (UK)",
    "tel:08000271234": "Scotland", "tel:08088010800": "Wales", "sms:07860077333": "Live Fear Free",
    "tel:08088021414": "Northern Ireland", "tel:08009995428": "Galop (UK)",
    "tel:116123": "Samaritans", "sms:85258": "Shout",
    "tel:1800737732": "1800RESPECT", "tel:131114": "Lifeline",
    # Issue 25 (facts §8.1-8.4); per country in tests/test_help_lines.py.
    "tel:+18447628483": "StrongHearts", "sms:+18447628483": "StrongHearts", "tel:+18006564673": "RAINN",
    "tel:+18005630808": "VictimLinkBC", "tel:3101818": "Alberta", "sms:3101818": "Alberta",
    "tel:+18552423310": "Hope for Wellness", "sms:0458737732": "1800RESPECT", "tel:131450": "TIS National",
}
# The longer safety text (issue 25: the safety page stays short enough to scan).
MORE = "more-about-safety/"
NOTE_PAGES = ["conversation-scripts/", "what-backfires/", "smaller-steps/", "ask-your-partner/",
              # Issue 12: new pages that suggest what to say or do with the partner.
              "harder-moments/", "changing-your-side/"]
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
    section = page.select_one("#help-lines")
    found = {}
    for a in dial_links(page):
        if a.find_previous("h2") is not section:  # only the help lines, not the emergency numbers
            continue
        scheme, number = number_of(a["href"])
        item = a.find_parent("li") or a.find_parent("p")
        found.setdefault(f"{scheme}:{number}", []).append(words(item))
    assert set(found) == set(HELP_LINES), set(found) ^ set(HELP_LINES)
    for href, name in HELP_LINES.items():
        assert any(name in context for context in found[href]), (href, name, found[href])


def test_emergency_numbers_are_apart_from_the_help_lines_and_not_called_confidential(built_site):
    page = article(built_site, "safety/")
    emergency, help_lines = page.select_one("#emergency"), page.select_one("#help-lines")
    assert emergency is not None and help_lines is not None
    in_emergency = {a["href"]: words(a.find_parent("li")) for a in dial_links(page)
                    if a.find_previous("h2") is emergency and a.find_parent("li")}
    for href, name in EMERGENCY.items():
        assert name in in_emergency.get(href, ""), (href, in_emergency)
    lines_section = [a["href"] for a in dial_links(page) if a.find_previous("h2") is help_lines]
    assert not set(EMERGENCY) & set(lines_section), "an emergency number among the help lines"
    text = words(page)
    assert "not a private help line" in text
    assert "free and confidential" not in text and "confidential" not in words(help_lines.find_next("p"))


def test_the_safety_page_says_what_the_clinical_editor_asked(built_site):
    text = words(article(built_site, "safety/"))
    # UK silent 999: whisper, cough or tap, press 55 on a mobile, and 55 gives no location.
    for phrase in ("even in a whisper", "cough or tap", "press 55",
                   "Pressing 55 does not tell the police where you are"):
        assert phrase in text, phrase
    assert "ShelterSafe.ca" in text and "24-hour crisis line" in text
    assert "could not confirm" not in text
    assert "Worried about your own behavior?" in text
    assert "can come first" not in text and "safer step" in text
    more = words(article(built_site, MORE))
    assert "Researchers urge great caution" in more
    assert "Research on couples therapy agrees" not in text + more
    for sign in ("pressure you into sex", "your pets", "control your money", "track where you go",
                 "read your messages"):
        assert sign in more, sign
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
        first_h2 = page.find("h2")  # before any section of the page
        assert first_h2 is None or note.find_next("h2") is first_h2, path
    assert len(set(notes)) == 1, notes
    assert FEAR_OR_CONTROL in notes[0] and "not sure" in notes[0]


def test_safety_means_fear_or_control_in_one_wording_everywhere(built_site, open_page):
    for path in ("", "safety/", "ask-your-partner/", "looking-after-yourself/"):
        assert FEAR_OR_CONTROL in words(article(built_site, path)), path
    # The checklist's safety group asks the same questions, one box each.
    group = article(built_site, "readiness-checklist/").select_one(".readiness-checklist [data-group=safety]")
    assert [words(label) for label in group.select("label")] == safety_questions()
    # And the builder asks the same question first (checked in the browser in test_ask_your_partner).
    page = open_page("ask-your-partner/")
    assert " ".join(page.locator(".ask-builder legend").first.inner_text().split()) == FEAR_OR_CONTROL


# Words that ask a reader to put a name on what happens (issue 25): the questions ask what happens.
LABELS = re.compile(r"\b(?:control\w*|abus\w*|violen\w*|coerc\w*|domestic|victim\w*)\b", re.IGNORECASE)


@pytest.mark.parametrize("about", [None, "sender"])
def test_the_safety_questions_ask_what_happens_not_what_to_call_it(about):
    """5-6 short yes/no questions, from the behaviors clinicians ask about (HARK; the statutory
    list of controlling behaviors: facts §8.5-8.6). None asks the reader to apply a label."""
    questions = safety_questions(**({"about": about} if about else {}))
    assert 5 <= len(questions) <= 6, questions
    for question in questions:
        assert question.endswith("?") and question.count("?") == 1, question
        assert re.match(r"(?:Do|Does|Have|Has|Are|Is)\b", question), f"not a yes/no question: {question}"
        assert len(question.split()) <= 22, question
        assert not LABELS.search(question), question
    text = " ".join(questions).lower()
    for behavior in ("phone", "messages", "track where you go", "their ok", "money", "friends or family",
                     "avoid how they will react", "hurt", "choked", "sex", "threatened", "children", "pets",
                     "themselves", '"out" you', "report you", "afraid"):
        assert behavior in text, behavior
    if about == "sender":
        assert "the person who sent you this" in text and "your partner" not in text
    else:
        assert "your partner" in text


def test_no_page_presents_the_questions_as_a_score_or_a_test(built_site):
    """Never a self-test or a score (facts §8.10): any yes, or not sure, is a reason to get help."""
    for path in ("", "ask-your-partner/", "looking-after-yourself/", "for-your-partner/", "smaller-steps/",
                 "readiness-checklist/"):
        page = article(built_site, path)
        for questions in page.select("[data-fear-or-control]"):
            around = words(questions.parent)
            assert re.search(r"any answer (?:below )?is yes, or you're not sure", around), (path, around)
            assert not re.search(r"\b(?:score|points?|quiz|self-test)\b", around, re.I), (path, around)
    checklist = article(built_site, "readiness-checklist/")
    assert "not a score" in words(checklist.select_one("#reading-guide"))


def test_the_safety_page_lists_signs_of_serious_danger_with_sources(built_site):
    page = article(built_site, "safety/")
    section = page.select_one("#serious-danger")
    assert section is not None
    items = " ".join(words(li) for li in section.find_next("ul").select("li"))
    for sign in ("choked or strangled", "threatened to kill you", "gun", "weapon", "follow you",
                 "getting worse", "kill themselves to control", "force you to have sex", "pregnant"):
        assert sign in items, sign
    intro = words(section.find_next("p"))
    assert "call a help line today" in intro
    # Why they matter, with the research, on the longer page it links to.
    assert section.find_next("ul").find_next("p").select_one("a[href$='more-about-safety/#why-these-signs-matter']")
    more = article(built_site, MORE)
    why = more.select_one("#why-these-signs-matter")
    cited = {a["href"].split("#")[-1] for p in why.find_next_siblings("p")[:2] for a in p.select("a[href*='sources/']")}
    assert {"glass-2008", "campbell-2003"} <= cited
    assert "about seven times the odds" in words(more)
    signs = words(more.select_one("#signs-of-abuse").find_next("ul"))
    assert '"out" you' in signs
    assert "Abuse happens in every kind of relationship" in words(page)
    assert page.select_one("#signs-of-abuse a[href$='more-about-safety/#signs-of-abuse']")


def test_the_safety_page_says_leaving_can_be_dangerous_and_a_help_line_can_plan_with_you(built_site):
    page = article(built_site, "safety/")
    paragraph = words(page.select_one("#leaving-safely").find_next("p"))
    for phrase in ("Leaving a partner who hurts or controls you can be the most dangerous time",
                   "big changes", "safety plan", "while you get ready to leave"):
        assert phrase in paragraph, phrase
    cited = {a["href"].split("#")[-1] for a in page.select_one("#leaving-safely").find_next("p").select("a")}
    assert {"hotline-2013", "campbell-2003"} <= cited
    # Pages that suggest changing things link to this paragraph.
    for path in ("help-for-yourself/", "looking-after-yourself/", "ask-your-partner/"):
        assert article(built_site, path).select_one("a[href$='safety/#leaving-safely']"), path


def test_the_safety_page_names_each_uk_nation_and_keeps_therapy_private(built_site):
    text = words(article(built_site, "safety/"))
    assert "The National Domestic Violence Hotline also talks with people who worry" in text
    assert article(built_site, "safety/").select_one("a[href$='more-about-safety/#keeping-therapy-private']")
    more = words(article(built_site, MORE))
    for phrase in ("Keeping therapy private", "Appointment texts, voicemails, emails and insurance statements",
                   "video session at home can be overheard", "phone number or address you choose"):
        assert phrase in more, phrase
    assert article(built_site, MORE).select_one("a[href$='sources/#hipaa-164-522']")


def test_the_partner_page_protects_the_partner_too(built_site):
    page = article(built_site, "for-your-partner/")
    text = words(page)
    assert page.select_one(".share-partner") is None, "the send-to-partner block is on the partner's own page"
    assert page.select_one(".admonition.script") is None and "Send this page" not in text
    assert "Someone sent you this link." in text and "cares about you" not in text
    note = page.select_one(".admonition.partner-choice")
    assert note is not None and note.select_one("a[href$='safety/']")
    # The same safety questions as everywhere, asked about the person who sent the link.
    for phrase in ["No one should push you into therapy", " ".join(safety_questions(about="sender")),
                   "couples therapy is not the right step"]:
        assert phrase in words(note), phrase
    assert "works for both of you, and does not decide whether you stay together" in text
    assert "works for the relationship" not in text
    # The block now sits on a page of the reader who sends, and says "if it feels safe".
    block = article(built_site, "smaller-steps/").select_one(".admonition.share-partner")
    assert block is not None and "If it feels safe" in words(block)
    assert block.select_one("a[href$='for-your-partner/']")


def test_no_page_promises_a_joint_session_or_argues_anyone_into_hope(built_site):
    for path in ("ask-your-partner/", "for-your-partner/", "conversation-scripts/", "harder-moments/"):
        text = words(article(built_site, path)).lower()
        for promise in ("you'd be welcome", "you would be welcome", "join me", "welcome any time",
                        "welcome to join"):
            assert promise not in text, (path, promise)
    for path in ("ask-your-partner/", "for-your-partner/"):
        assert "choose a couples therapist together" in words(article(built_site, path)), path
    resist = article(built_site, "why-partners-resist/")
    hopeless = resist.select_one("#hopelessness")
    section = []
    for el in hopeless.find_all_next():
        if el.name == "h2":
            break
        section.append(el)
    hopeless_text = " ".join(words(el) for el in section if el.name in ("p", "li"))
    assert not re.search(r"\d+\s*(?:%|studies)", hopeless_text), hopeless_text
    assert "Who it is not for" in words(article(built_site, "help-for-yourself/"))
    assert "danger of violence" in hopeless_text
    scripts = article(built_site, "conversation-scripts/").select_one("#hopelessness")
    opener = words(scripts.find_next(class_="script"))
    assert "a few sessions" not in opener and "discernment counseling" in words(
        article(built_site, "conversation-scripts/")).lower()


def test_the_guide_says_who_it_is_for_and_who_the_research_studied(built_site):
    assert "any gender or orientation, married or not, and of any culture or faith" in words(article(built_site, ""))
    for path in ("", "what-to-expect/", "kinds-of-couples-therapy/"):
        text = words(article(built_site, path))
        assert "married man-woman couples" in text, path
    for path in ("help-for-yourself/", "kinds-of-couples-therapy/"):
        assert "Have you worked with couples like us?" in words(article(built_site, path)), path


def test_looking_after_yourself_has_its_own_note_and_changing_your_side_says_it_is_not_your_fault(built_site):
    page = article(built_site, "looking-after-yourself/")
    assert page.select_one(".only-if-safe") is None
    note = page.select_one(".admonition.yours-too")
    assert note is not None and "This support is for you too" in words(note)
    assert "help line first" in words(note) and "don't use these ideas" not in words(page)
    changing = words(article(built_site, "changing-your-side/"))
    assert "no way of talking is the answer, and it is not your fault" in changing


def test_every_suggestion_to_share_the_partner_page_says_if_it_feels_safe(built_site):
    for path in ("", "why-partners-resist/", "what-backfires/", "harder-moments/", "what-to-expect/",
                 "smaller-steps/"):
        page = article(built_site, path)
        for link in page.select("a[href$='for-your-partner/']"):
            item = link.find_parent(["li", "p"])
            text = words(item).lower()
            if re.search(r"\b(share|send|offer)\b", text):
                assert "if it feels safe" in text or "only if it feels safe" in text, (path, text)


def test_the_contact_page_says_not_the_right_step_and_asks_about_messages(built_site):
    text = words(article(built_site, "contact/"))
    assert "couples therapy is not the right step" in text and "may not be the right step" not in text
    assert "whether we may leave a message" in text


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
