"""Who reviewed each page, and a way to report a mistake: at the foot of every content page, when
its words last changed and the practice's clinical sign-off (issue 26): "Reviewed by <owner>,
<credentials>, on <day>" and "Next review due" a year on, or, with no sign-off (or on a page
changed after it), that clinical review is pending; and "Report a mistake on this page", an email
to the practice whose subject carries the page's own address. Nothing third-party.

The suite runs with mkdocs.yml (a template: no sign-off, online sessions with no licensed_in) and
with tests/settings/project-site.yml (a sign-off, credentials and licensed_in set), so both
states are checked."""
import datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

from support import ROOT, built_pages, practice

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def american(day):
    """2026-12-07 -> 'December 7, 2026'."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def a_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # February 29
        return day.replace(year=day.year + 1, day=28)


def last_updated(path):
    """The last_updated of the page a built file comes from (None for generated pages)."""
    name = "index" if path == "index.html" else Path(path).parent.as_posix()
    source = ROOT / "docs" / f"{name}.md"
    if not source.exists():
        return None
    return yaml.safe_load(source.read_text(encoding="utf-8").split("\n---\n", 1)[0].lstrip("-\n"))["last_updated"]


def reviewed_on(settings):
    """The sign-off's day, typed in quotes ("2026-12-07") or as a YAML date."""
    return datetime.date.fromisoformat(str(settings["reviewed_on"]))


def signed_off(settings):
    return all(settings.get(key) for key in ("review_owner", "reviewer_credentials", "reviewed_on"))


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
        text = " ".join(dates.get_text(" ").split())
        updated = last_updated(path)
        if updated:
            assert f"Page last updated: {american(updated)}" in text, path
        owner, pending = dates.select_one(".review-dates__owner"), dates.select_one(".review-dates__pending")
        if signed_off(settings) and (updated is None or updated <= reviewed_on(settings)):
            day = reviewed_on(settings)
            expected = (f"Reviewed by {' '.join(settings['review_owner'].split())}, "
                        f"{' '.join(settings['reviewer_credentials'].split())}, on {american(day)}")
            assert owner is not None and " ".join(owner.get_text().split()) == expected, path
            assert f"Next review due: {american(a_year_after(day))}" in text, path
            assert pending is None, path
        else:
            assert owner is None and "Reviewed by" not in text and "Next review due" not in text, path
            assert pending is not None and "Clinical review pending" in pending.get_text(), path
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
    assert bool(heading) == bool(signed_off(settings) or places)
    if signed_off(settings):
        assert (f"reviewed by {' '.join(settings['review_owner'].split())}, {' '.join(credentials.split())}, "
                f"on {american(reviewed_on(settings))}.") in text
    else:
        assert "This guide was reviewed by" not in text
    if places:
        assert f"Our clinicians are licensed in: {', '.join(places)}." in text
    else:
        assert "licensed in:" not in text


ONLINE_PAGES = ["contact/index.html", "what-to-expect/index.html", "smaller-steps/index.html",
                "for-your-partner/index.html"]


def test_every_place_that_offers_online_sessions_says_where_the_clients_must_be(built_site):
    """Online sessions say where (issue 26): the clinicians can see people who are in the places
    they are licensed in at the time of each session; no such sentence without online sessions."""
    settings = practice()
    places = settings.get("licensed_in")
    if isinstance(places, str):
        places = [places]
    if places:
        where = places[0] if len(places) == 1 else f"{', '.join(places[:-1])} or {places[-1]}"
    else:
        where = "a place where they are licensed"
    sentence = f"Our clinicians can see people online who are in {where} at the time of each session."
    for path in ONLINE_PAGES:
        soup = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
        text = " ".join(soup.select_one("article").get_text(" ").split())
        assert (sentence in text) == bool(settings.get("online_sessions")), path
    # The invitation note for an online session (docs/snippets/ask-answers.md) on the partner page.
    soup = BeautifulSoup((built_site / "for-your-partner/index.html").read_text(encoding="utf-8"), "html.parser")
    note = soup.find(attrs={"data-ask-answer": "online"})
    assert note is not None
    assert (sentence in " ".join(note.get_text(" ").split())) == bool(settings.get("online_sessions"))
