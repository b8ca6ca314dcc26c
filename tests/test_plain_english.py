"""Plain English on every built page, no claim the fact sheet rules out, and sound source links.

For every content page of the built site (each docs/*.md page, built to <slug>/index.html,
and 404.html), one test per page checks:

- the Flesch-Kincaid grade of the article text is 8 or lower;
- no sentence is longer than 30 words;
- none of the claims listed under "Claims the site should NOT make" in the fact sheet
  (shared/content/facts.md) appears, in the article or in the page's link-preview description.

Both are measured with tests/plain_english.py, the same tool writers run by hand.
The site is built once per run by the `built_site` fixture in conftest.py.
"""
import re

import pytest
from bs4 import BeautifulSoup

from support import ROOT
from plain_english import hard_passages, measure, sentences, word_count

DOCS = ROOT / "docs"
MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 30


def built_name(markdown_file):
    """docs/index.md -> 'index.html'; docs/why-partners-resist.md -> 'why-partners-resist/index.html'."""
    return "index.html" if markdown_file.stem == "index" else f"{markdown_file.stem}/index.html"


# Every page from docs/, the 404 page, and the printable whole guide that hooks/whole_guide.py makes.
PAGES = sorted(built_name(p) for p in DOCS.glob("*.md")) + ["404.html", "whole-guide/index.html"]


def read(site, page):
    path = site / page
    assert path.exists(), f"{page} was not built"
    return path.read_text(encoding="utf-8")


def test_every_built_page_is_checked(built_site):
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    built.add("404.html")
    assert built <= set(PAGES), f"built pages with no plain-English test: {sorted(built - set(PAGES))}"


# --- Reading level ---------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_page_is_plain_english(built_site, page):
    result = measure(read(built_site, page))
    assert result["words"] > 0, f"{page}: no article text found to measure"
    assert result["grade"] <= MAX_GRADE, (
        f"{page}: Flesch-Kincaid grade {result['grade']:.1f} is above {MAX_GRADE:g}. "
        f"Run: .venv/bin/python tests/plain_english.py site/{page}")
    long_ones = [f"({word_count(s)} words) {s}" for s in result["long_sentences"]]
    assert not long_ones, f"{page}: sentences over {MAX_SENTENCE_WORDS} words:\n" + "\n".join(long_ones)


# --- Sentence by sentence (issue 19) --------------------------------------------------------------
#
# A page's average grade can hide one hard sentence. Each sentence and each paragraph is also
# measured on its own (tests/plain_english.py, hard_passages): names, web addresses and citations
# in brackets count as short words, so only the words a reader must work through are measured.
# The sources page is exempt: its plain notes are measured, but its entries quote published titles.

SENTENCE_PAGES = [p for p in PAGES if p != "sources/index.html"]


@pytest.mark.parametrize("page", SENTENCE_PAGES)
def test_no_sentence_or_paragraph_is_hard_on_its_own(built_site, page):
    found = hard_passages(read(built_site, page))
    assert not found, f"{page}: hard on its own:\n" + "\n".join(found)


def article(*blocks):
    return '<article class="md-content__inner">' + "".join(blocks) + "</article>"


def test_the_sentence_check_catches_a_hard_sentence_in_an_easy_page():
    jargon = ("Empirical evaluations of dyadic interventions indicate substantial heterogeneity "
              "in therapeutic responsiveness.")
    easy = "<p>You are not alone. Many couples feel this way. It is fine to take your time.</p>"
    page = article(easy * 6, f"<p>{jargon}</p>", easy * 6)
    assert measure(page)["grade"] <= MAX_GRADE  # the page's average hides it...
    found = hard_passages(page)
    assert len(found) == 1 and found[0].startswith("sentence at grade") and found[0].endswith(jargon), found
    # ...and a sentence that is short but dense with long words is caught too.
    dense = "Practitioners frequently recommend individualized consultation."
    assert hard_passages(article(f"<p>{dense}</p>")) == [
        "sentence dense with long words (5 of 5: Practitioners, frequently, recommend, individualized, "
        f"consultation): {dense}"]
    # A paragraph whose sentences each pass can still be too hard as a whole.
    heavy = ("Some partners notice changes earlier, especially when both of them practice the suggested "
             "exercises at home. Other couples discover that regular sessions gradually reduce the tension "
             "around money and household chores.")
    found = hard_passages(article(f"<p>{heavy}</p>"))
    assert len(found) == 1 and found[0].startswith("paragraph at grade") and found[0].endswith(heavy), found


def test_names_addresses_and_citations_are_not_counted_as_hard_words():
    plain = article(
        "<p>Call the National Domestic Violence Hotline at thehotline.org, day or night.</p>",
        "<p>The International Centre for Excellence in Emotionally Focused Therapy trains therapists.</p>",
        "<p>Most couples in studies were helped (Lebow, Chambers, Christensen and Johnson, 2012). "
        "See https://doi.org/10.1111/j.1752-0606.2011.00249.x for the review.</p>")
    assert hard_passages(plain) == []


# --- Claims the site must never make -----------------------------------------------------------
#
# Each claim is (what it is, patterns that must ALL match within one sentence, pattern that
# clears the sentence when it matches). Matching is case-insensitive. Some figures are allowed
# in one context and ruled out in another (40-50% is a real result for couples therapy overall,
# but not for "how many start with one willing partner"), so most checks look at a whole
# sentence rather than at a figure alone.

DASH = r"\s*(?:–|—|-|to)\s*"
PCT = r"\s*(?:%|per\s?cent)"
NEGATION = r"\b(?:not|no|never|n't|none|nor|rather than|instead of)\b"
# A sentence that reports how accuracy claims fell apart on new data (Heyman and Slep, 2001).
DEBUNKED = r"shrink|shrank|drop|fell|fall|cross-?validat|new (?:data|couples|sample)|hold up|overstat|weaker"

CLAIMS = [
    # 1. "40-50% start with only one willing partner (Doss et al., 2009)": not in any real paper.
    ("40-50% of couples start with one willing partner",
     [r"\b40" + DASH + r"50" + PCT, r"\b(?:willing|only one|one partner|one of (?:you|them)|reluctant|start)\b"], None),
    ("the 40-50% figure credited to Doss 2009", [r"\b40" + DASH + r"50\b", r"\bDoss\b"], None),
    ("a paper that does not exist (Who seeks couples therapy? A naturalistic study)",
     [r"who seeks couples therapy"], None),
    ("'Gottman Institute data' as a source", [r"gottman institute data"], None),
    # 2. "Couples wait six years on average": the best data say under three years.
    ("couples wait six years", [r"\b(?:six|6)[- ]years?\b"],
     r"\bmyth\b|little evidence|no (?:good )?evidence|poorly supported"),
    # 3. "Gottman predicts divorce with over 90% accuracy."
    ("divorce predicted with over 90% accuracy", [r"\b9\d(?:\.\d+)?" + PCT + r"\s*(?:of the time\s*)?accura"], DEBUNKED),
    ("divorce predicted with over 90% accuracy", [r"accura\w*\s+(?:of\s+|rate of\s+)?(?:over\s+|above\s+|more than\s+)?9\d" + PCT], DEBUNKED),
    ("divorce predicted with over 90% accuracy", [r"predict\w*\s+(?:\w+\s+){0,4}divorce", r"\b9\d" + PCT], DEBUNKED),
    # 4. "Couples therapy works 70-80% of the time" with no word that results shrink in practice.
    ("couples therapy works 70-80% of the time", [r"\b70" + DASH + r"80" + PCT], None),
    # (the same claim made with 70% or 60-80% but no caveat is checked per page, below)
    # 5. Any success rate for going alone; "each undermining statement raises divorce odds by 18%".
    ("the untraceable 18% figure", [r"\b18" + PCT], None),
    ("undermining statements raise divorce odds", [r"undermin\w*\s+(?:statement|comment|remark)"], None),
    ("a success rate for going alone",
     [r"\d" + PCT + r"|\b(?:half|most|two[- ]thirds|majority)\b",
      r"\b(?:alone|on your own|by yourself|without (?:your|their) partner|only one partner)\b",
      r"\b(?:success|succeed|work(?:s|ed)?|sav(?:e|ed|es)|fix(?:ed|es)?|improv\w*)\b"],
     r"wellbeing|well-being|\bno study\b|\bno research\b"),
    # 6. "The same fight 5-10 times" as a research threshold: it is a rule of thumb.
    ("the same fight 5-10 times as a research threshold",
     [r"\b(?:5|five)" + DASH + r"(?:10|ten)\s+times"], r"rule of thumb"),
    # 7. "Lasting or Paired is clinically proven."
    ("an app is clinically proven", [r"clinically[- ]proven"], None),
    ("Lasting or Paired is proven to work",
     [r"\b(?:Lasting|Paired)\b", r"\b(?:proven|shown to work|evidence[- ]based|scientifically)\b"], NEGATION),
    # 8. "Half of all marriages end in divorce."
    ("half of all marriages end in divorce", [r"half of (?:all )?(?:first )?marriages"], None),
    ("half of all marriages end in divorce", [r"\b(?:40|50)" + PCT + r"\s+of (?:all )?(?:first )?marriages"], None),
    # 9. That couples therapy suits relationships with abuse, coercive control or fear.
    ("couples therapy suits abuse or fear",
     [r"\bcouples?(?:'s)? (?:therapy|counsel+ing)\b",
      r"\b(?:abuse|abusive|violen\w*|coercive|controlling|afraid|fear of (?:your|their) partner)\b",
      r"\b(?:can help|helps|will help|is (?:the )?right|suits|is safe|works|is recommended|is a good)\b"],
     NEGATION),
    # 10. "Online therapy is just as good for everyone."
    ("online therapy is as good for everyone",
     [r"\b(?:just )?as (?:good|effective|helpful)\b[^.]*\bfor (?:everyone|everybody|all couples|every couple|all)\b"], None),
    ("online therapy is as good for everyone",
     [r"\bequally (?:good|effective|helpful) for (?:everyone|everybody|all couples|every couple)\b"], None),
    # 11. Any percentage of marriages "saved" by discernment counselling.
    ("a share of marriages saved",
     [r"\bsav(?:ed|es|ing)\b", r"\b(?:marriage|relationship)s?\b",
      r"\d" + PCT + r"|\b(?:half|most|majority|two[- ]thirds)\b"], None),
    ("marriages saved", [r"\b(?:marriage|relationship)s?\s+(?:were\s+|are\s+|was\s+)?saved\b"], None),
    ("a percentage outcome for discernment counselling", [r"discernment", r"\d" + PCT], None),
]

# Claim 4 made with a figure the sources do support (about 70%, or 60-80%): the same page must
# also say that results are smaller in everyday practice or can fade.
THERAPY_WORKS = [r"\b(?:60" + DASH + r"80|70)" + PCT,
                 r"\b(?:couples?|therapy|benefit|help|work|improv\w*)\b"]
CAVEAT = (r"everyday practice|everyday care|routine care|real[- ]world|in practice|\bfade|"
          r"smaller|weaker|wear off|do not last|don't last")


def page_sentences(html):
    """Every sentence a reader can see in the article (references included), plus the description."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    description = soup.find("meta", attrs={"name": "description"})
    if description and description.get("content"):
        found.append(description["content"])
    article = soup.select_one("article")
    if article is not None:
        for hidden in article.select("script, style"):
            hidden.decompose()
        blocks = [" ".join(b.get_text(" ").split()) for b in article.select(
            "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, figcaption, summary, .admonition-title")]
        found.extend(sentences(b for b in blocks if b))
    return found


def matches(sentence, patterns, unless):
    if not all(re.search(p, sentence, re.IGNORECASE) for p in patterns):
        return False
    return not (unless and re.search(unless, sentence, re.IGNORECASE))


@pytest.mark.parametrize("page", PAGES)
def test_page_makes_no_ruled_out_claim(built_site, page):
    html = read(built_site, page)
    found = []
    for sentence in page_sentences(html):
        for name, patterns, unless in CLAIMS:
            if matches(sentence, patterns, unless):
                found.append(f"{name}: {sentence}")
    text = " ".join(page_sentences(html))
    for sentence in page_sentences(html):
        if matches(sentence, THERAPY_WORKS, None) and not re.search(CAVEAT, text, re.IGNORECASE):
            found.append(f"a success figure for couples therapy with no word that results shrink "
                         f"in practice or fade: {sentence}")
    assert not found, f"{page} makes a claim the fact sheet rules out:\n" + "\n".join(found)


def test_the_claim_patterns_catch_the_claims():
    """Each ruled-out claim, in a plain wording, is caught; the true statements next to it are not."""
    caught = [
        "About 40–50% of couples start therapy with only one willing partner.",
        "Couples wait six years on average before getting help.",
        "Gottman can predict divorce with over 90% accuracy.",
        "Couples therapy works 70–80% of the time.",
        "Each undermining statement raises divorce odds by 18%.",
        "If you go alone, 60% of relationships improve.",
        "Having the same fight 5–10 times means it is time to get help.",
        "The Lasting app is clinically proven.",
        "Half of all marriages end in divorce.",
        "Couples therapy can help when there is abuse.",
        "Online therapy is just as good for everyone.",
        "Discernment counselling saved 40% of marriages.",
    ]
    cleared = [
        "Results were clinically significant for 40–50% of couples treated.",
        "The average wait was 2.68 years, and most couples started within two years.",
        "You may have read that couples wait six years, but that figure has little evidence behind it.",
        "Accuracy claims of 83–94% shrink sharply when tested on new couples.",
        "Studies said they could predict divorce with 93% accuracy, but that fell on new data.",
        "Most couples in studies benefit, but results are smaller in everyday practice.",
        "In an online programme for one partner alone, wellbeing improved.",
        "Some therapists use a rule of thumb: the same fight 5–10 times.",
        "There is no clinical proof that couples apps work.",
        "Couples therapy is not the right step if you are afraid of your partner.",
        "Online sessions suit many couples, but they are not right for everyone.",
        "About half chose to start couples therapy. Most of the others chose divorce.",
        "Nothing you type is saved or sent anywhere.",
    ]
    for sentence in caught:
        assert any(matches(sentence, p, u) for _, p, u in CLAIMS) or matches(sentence, THERAPY_WORKS, None), sentence
    for sentence in cleared:
        assert not any(matches(sentence, p, u) for _, p, u in CLAIMS), sentence


# --- Links to the sources page ------------------------------------------------------------------

SOURCE_LINK = re.compile(r"sources\.md#([A-Za-z0-9_.:-]+)")

# Every work the conventions let the site cite (CONVENTIONS.md), plus allen-2015 (the second
# PREP for Strong Bonds report, cited beside stanley-2010). The 2023 teletherapy study is left out
# on purpose: its authors could not be confirmed, and the site cites no work it can't list in full.
EXPECTED_SOURCE_IDS = {
    "doss-2003", "doss-2009", "owen-2012", "williamson-2019", "eubanks-fleming-2012",
    "christensen-2010", "christensen-2004", "doherty-2016", "doherty-2021", "jarnecke-2020",
    "nowlan-2017", "gurman-2014", "lebow-2012", "shadish-2003", "roddy-2020", "bradbury-2020",
    "doss-2012", "doss-2016", "kysely-2022", "paired-2025", "hawkins-2008",
    "stanley-2010", "allen-2015", "gottman-2015", "gottman-2000", "heyman-2001", "hotline-2014",
    "bograd-1999", "mccollum-2008", "stith-2011",
}


@pytest.fixture(scope="module")
def source_ids(built_site):
    soup = BeautifulSoup(read(built_site, "sources/index.html"), "html.parser")
    return {tag["id"] for tag in soup.find_all(id=True)}


def test_the_sources_page_lists_every_citable_work(source_ids):
    missing = EXPECTED_SOURCE_IDS - source_ids
    assert not missing, f"sources page has no entry for: {sorted(missing)}"


def test_every_source_link_points_to_an_entry(source_ids):
    files = sorted(DOCS.glob("*.md")) + sorted((DOCS / "snippets").glob("**/*.md"))
    broken = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            for anchor in SOURCE_LINK.findall(line):
                if anchor not in source_ids:
                    broken.append(f"{file.relative_to(ROOT)}:{number}: sources.md#{anchor}")
    assert not broken, "links to sources that do not exist:\n" + "\n".join(broken)
