"""American English on every built page (facts.md §6, "Spelling"): no British spelling in the
text a reader sees or hears.

Checked on each built HTML page and in the whole guide's chapters (whole-guide/chapters.json):
the visible text, plus the words read out or shown on hover (title, aria-label, alt, the
description and link-preview tags). Scripts and styles are left out.

Names keep their own spelling (Relate, Galop, "Couples on the Brink", the International Centre
for Excellence in Emotionally Focused Therapy): each name in NAMES is removed before the check.
"""
import json
import re

from bs4 import BeautifulSoup

# British spelling -> what the site writes. Word starts, so every ending is caught
# ("counselling", "counsellors", "programmes", "recognised", "colours"...).
BRITISH = {
    "counsell": "counsel", "programme": "program", "randomis": "randomiz", "behaviour": "behavior",
    "recognis": "recogniz", "criticis(?!m)": "criticiz", "colour": "color", "neighbour": "neighbor",
    "apologis": "apologiz", "labell": "label", "licence": "license", "wellbeing": "well-being",
    "organis": "organiz", "realis(?!t|m)": "realiz", "emphasis(?:e|ing)": "emphasiz",
    "prioritis": "prioritiz", "minimis": "minimiz", "summaris": "summariz", "specialis": "specializ",
    "centre": "center", "favour": "favor", "honour": "honor", "humour": "humor",
    "judgement": "judgment", "defence": "defense", "travell": "travel", "cancell": "cancel",
    "fulfil(?!l)": "fulfill", "enrol(?!l)": "enroll", "whilst": "while", "amongst": "among",
    "learnt": "learned", "practise": "practice", "analys(?:e|ing)": "analyz",
    "catalogue": "catalog", "grey": "gray", "mum(?:s)?\\b": "mom", "paediatric": "pediatric",
}
PATTERN = re.compile(r"\b(?:" + "|".join(BRITISH) + r")\w*", re.IGNORECASE)

# Names that keep their own spelling.
NAMES = ["International Centre for Excellence in Emotionally Focused Therapy",
         # The Home Office's title, cited on the sources page (facts.md §8.6).
         "Controlling or coercive behaviour: statutory guidance framework",
         "controlling-or-coercive-behaviour-statutory-guidance-framework"]
SPOKEN = ("title", "aria-label", "alt", "content", "placeholder")


def without_names(text):
    for name in NAMES:
        text = text.replace(name, " ")
    return text


def reader_text(html):
    """The text a reader sees, hears or gets on hover on one page."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select("script, style"):
        tag.decompose()
    spoken = [str(value) for tag in soup.find_all(True)
              for key, value in tag.attrs.items() if key in SPOKEN]
    return without_names(" ".join(soup.get_text(" ").split() + spoken))


def british_spellings(text):
    return sorted({match.group(0) for match in PATTERN.finditer(text)})


def built_texts(site):
    texts = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    chapters = site / "whole-guide" / "chapters.json"
    if chapters.exists():
        data = json.loads(chapters.read_text(encoding="utf-8"))
        texts["whole-guide/chapters.json"] = json.dumps(data) if not isinstance(data, dict) else data.get("html", "")
    return texts


def test_every_built_page_is_in_american_english(built_site):
    texts = built_texts(built_site)
    assert "index.html" in texts and "whole-guide/chapters.json" in texts
    found = {name: british_spellings(reader_text(html)) for name, html in texts.items()}
    found = {name: words for name, words in found.items() if words}
    assert not found, "British spellings in the built site (the site writes American English):\n" + "\n".join(
        f"{name}: {', '.join(words)}" for name, words in sorted(found.items()))


def test_the_check_catches_british_and_clears_american_spellings():
    caught = ["Discernment counselling helps.", "an online programme", "a randomised trial",
              "their behaviour", "If you recognise yourself", "quick to criticise", "Use the dark colour scheme",
              "our neighbours", "I apologise", "Shaming or labelling", "a therapist's licence", "your wellbeing",
              '<a title="Change the colour">x</a>', "counsellors near you", "a community centre"]
    cleared = ["Discernment counseling helps.", "an online program", "a randomized trial", "their behavior",
               "If you recognize yourself", "quick to criticize", "criticism and contempt", "color scheme",
               "our neighbors", "I apologize", "labeling", "a therapist's license", "your well-being",
               "Galop and Relate", "Couples on the Brink", "a realistic plan",
               "The International Centre for Excellence in Emotionally Focused Therapy trains therapists."]
    for text in caught:
        assert british_spellings(reader_text(text)), text
    for text in cleared:
        assert not british_spellings(reader_text(text)), text

