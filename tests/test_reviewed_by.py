"""Who reviewed each page, and a way to report a mistake: beside the review dates on every content
page, "Reviewed by" the practice's review_owner (as typed), and "Report a mistake on this page",
an email to the practice whose subject carries the page's own address. Nothing third-party."""
from urllib.parse import parse_qs, unquote, urlsplit

from bs4 import BeautifulSoup

from support import built_pages, practice


def content_pages(site):
    return [p for p in built_pages(site) if p != "404.html"]


def test_every_content_page_says_who_reviewed_it_and_how_to_report_a_mistake(built_site):
    settings = practice()
    pages = content_pages(built_site)
    assert len(pages) >= 15
    for path in pages:
        soup = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
        dates = soup.select_one("article .review-dates")
        assert dates is not None, path
        owner = dates.select_one(".review-dates__owner")
        assert owner is not None and " ".join(owner.get_text().split()) == f"Reviewed by {' '.join(settings['review_owner'].split())}", path
        report = dates.find("a", string=lambda s: s and s.strip() == "Report a mistake on this page")
        assert report is not None, path
        href = urlsplit(report["href"])
        assert href.scheme == "mailto" and unquote(href.path) == settings["email"], (path, report["href"])
        subject = parse_qs(href.query)["subject"][0]
        canonical = soup.find("link", rel="canonical")["href"]
        assert subject.endswith(canonical), (path, subject, canonical)
