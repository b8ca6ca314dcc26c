"""Who reviewed each page, and a way to report a mistake: beside the review dates on every content
page, "Reviewed by" the practice's review_owner (as typed), with reviewer_credentials after it when
set (issue 19) and nothing more when not, and "Report a mistake on this page", an email to the
practice whose subject carries the page's own address. Nothing third-party.

The suite runs with mkdocs.yml (no credentials set) and with tests/settings/project-site.yml
(credentials and licensed_in set), so both states are checked."""
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
        expected = f"Reviewed by {' '.join(settings['review_owner'].split())}"
        if settings.get("reviewer_credentials"):
            expected += f", {' '.join(settings['reviewer_credentials'].split())}"
        assert owner is not None and " ".join(owner.get_text().split()) == expected, path
        report = dates.find("a", string=lambda s: s and s.strip() == "Report a mistake on this page")
        assert report is not None, path
        href = urlsplit(report["href"])
        assert href.scheme == "mailto" and unquote(href.path) == settings["email"], (path, report["href"])
        subject = parse_qs(href.query)["subject"][0]
        canonical = soup.find("link", rel="canonical")["href"]
        assert subject.endswith(canonical), (path, subject, canonical)


def test_the_contact_page_shows_credentials_and_licenses_only_when_set(built_site):
    settings = practice()
    soup = BeautifulSoup((built_site / "contact" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    text = " ".join(article.get_text(" ").split())
    heading = [h for h in article.find_all("h2") if h.get_text(strip=True) == "Our clinicians"]
    credentials, places = settings.get("reviewer_credentials"), settings.get("licensed_in")
    if isinstance(places, str):
        places = [places]
    assert bool(heading) == bool(credentials or places)
    if credentials:
        assert f"reviewed by {' '.join(settings['review_owner'].split())}, {' '.join(credentials.split())}." in text
    else:
        assert "This guide was reviewed by" not in text
    if places:
        assert f"Our clinicians are licensed in: {', '.join(places)}." in text
        online = "We can offer online sessions to people who are in one of these places" in text
        assert online == bool(settings.get("online_sessions"))
    else:
        assert "licensed in:" not in text
