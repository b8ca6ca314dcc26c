"""Measure how plain a built page's text is: reading grade and sentence length.

Text is taken from the rendered page (the article only, not menus), one block
element at a time, so a list item or a heading is never glued onto the next
sentence.

Left out: scripts and styles, the review dates, anything hidden, and reference
entries (elements with the class `reference`, as on the sources page). A
reference quotes a published title and journal name as they were printed; it
cannot be rewritten in plain words, so it is not measured as prose. The plain
note written under each reference is measured.
"""
import re

import textstat
from bs4 import BeautifulSoup

BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, figcaption, summary, .admonition-title"
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")


def article_blocks(html):
    """Return the text of each innermost block element of the page's article."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    if article is None:
        return []
    for hidden in article.select("script, style, .md-source-file, .review-dates, [hidden], .reference"):
        hidden.decompose()
    texts = []
    for block in article.select(BLOCKS):
        if block.select_one(BLOCKS):  # a block holding blocks: take the inner ones
            own = "".join(t for t in block.find_all(string=True, recursive=False)).strip()
            if own:
                texts.append(own)
            continue
        text = " ".join(block.get_text(" ").split())
        if text:
            texts.append(text)
    return texts


def sentences(blocks):
    for block in blocks:
        for sentence in SENTENCE_END.split(block):
            if WORD.search(sentence):
                yield sentence.strip()


def word_count(sentence):
    return len(WORD.findall(sentence))


# One sentence or paragraph on its own (issue 19): a page's average can hide a hard passage.
# Measured on the words a reader has to read, not on names and references: a web address, a
# citation in brackets and a capitalized name (any capitalized word after the first) count as
# one short word each, so "National Domestic Violence Hotline" or "(Lebow and others, 2012)" is
# not mistaken for jargon, while "heterogeneity" and "responsiveness" are measured as they are.
MAX_SENTENCE_GRADE = 14.0  # a sentence of at least SENTENCE_MIN_WORDS words
SENTENCE_MIN_WORDS = 6
MAX_PARAGRAPH_GRADE = 10.0  # a block of at least PARAGRAPH_MIN_WORDS words
PARAGRAPH_MIN_WORDS = 25
MAX_LONG_WORD_SHARE = 0.4  # words of three or more syllables, in a sentence...
MIN_LONG_WORDS = 4  # ...of which it has at least this many
URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\S+")
BRACKETS = re.compile(r"\([^()]*\)")


def plain_words(text):
    """The text with addresses, bracketed asides and names each made one short word ("it")."""
    text = BRACKETS.sub(" it ", URL.sub(" it ", text))
    words = WORD.findall(text)
    return [w if i == 0 or not w[0].isupper() else "it" for i, w in enumerate(words)]


def grade_of(words):
    """Flesch-Kincaid grade of one sentence's words."""
    return textstat.flesch_kincaid_grade(" ".join(words) + ".") if words else 0.0


def paragraph_grade(parts):
    """Flesch-Kincaid grade of a paragraph: its sentences' plain words, each sentence ended."""
    text = " ".join(" ".join(words) + "." for words in parts if words)
    return textstat.flesch_kincaid_grade(text) if text else 0.0


def long_words(words):
    return [w for w in words if textstat.syllable_count(w) >= 3]


def hard_passages(html):
    """Each sentence or paragraph that is hard on its own, as a message naming it and why."""
    found = []
    blocks = article_blocks(html)
    for block in blocks:
        parts = [plain_words(sentence) for sentence in sentences([block])]
        grade = paragraph_grade(parts)
        if sum(map(len, parts)) >= PARAGRAPH_MIN_WORDS and grade > MAX_PARAGRAPH_GRADE:
            found.append(f"paragraph at grade {grade:.1f} (over {MAX_PARAGRAPH_GRADE:g}): {block}")
    for sentence in sentences(blocks):
        words = plain_words(sentence)
        hard = long_words(words)
        if len(words) >= SENTENCE_MIN_WORDS and grade_of(words) > MAX_SENTENCE_GRADE:
            found.append(f"sentence at grade {grade_of(words):.1f} (over {MAX_SENTENCE_GRADE:g}): {sentence}")
        elif len(hard) >= MIN_LONG_WORDS and len(hard) / len(words) > MAX_LONG_WORD_SHARE:
            found.append(f"sentence dense with long words ({len(hard)} of {len(words)}: "
                         f"{', '.join(hard)}): {sentence}")
    return found


def measure(html):
    """Grade, word count and over-long sentences (more than 30 words) of a page."""
    parts = list(sentences(article_blocks(html)))
    # Each block ends a sentence, so a heading or list item counts as one.
    text = " ".join(p if p[-1] in ".!?" else p + "." for p in parts)
    return {
        "grade": textstat.flesch_kincaid_grade(text) if text else 0.0,
        "words": sum(word_count(p) for p in parts),
        "long_sentences": [p for p in parts if word_count(p) > 30],
    }


if __name__ == "__main__":  # python tests/plain_english.py site/*/index.html
    import sys
    from pathlib import Path

    for name in sys.argv[1:]:
        m = measure(Path(name).read_text(encoding="utf-8"))
        print(f"{m['grade']:5.1f}  {m['words']:5d} words  {name}")
        for s in m["long_sentences"]:
            print(f"      long ({word_count(s)} words): {s}")
        for passage in hard_passages(Path(name).read_text(encoding="utf-8")):
            print(f"      hard {passage}")
