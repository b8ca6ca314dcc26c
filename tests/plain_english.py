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
