"""robots.txt names the sitemap when the site is at a domain's root (a robots.txt counts only
there); the sitemap lists every page with its last review as lastmod."""
import re
import xml.etree.ElementTree as ET

import yaml

from support import ROOT, site_path, site_url

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_robots_txt_names_the_sitemap_only_at_a_domains_root(built_site):
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Disallow: /" not in robots
    sitemap_lines = [line for line in robots.splitlines() if line.startswith("Sitemap:")]
    if site_path() == "/":
        assert sitemap_lines == [f"Sitemap: {site_url()}sitemap.xml"], robots
    else:
        assert sitemap_lines == [], robots


def last_updated(markdown_file):
    head = markdown_file.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    return str(yaml.safe_load(head.lstrip("-\n"))["last_updated"])


def test_sitemap_lastmod_is_when_each_pages_words_last_changed(built_site):
    entries = {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
               for url in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url", NS)}
    checked = 0
    for page in sorted((ROOT / "docs").glob("*.md")):
        path = "" if page.stem == "index" else page.stem + "/"
        assert site_url() + path in entries, page.name
        assert entries[site_url() + path] == last_updated(page), page.name
        checked += 1
    assert checked >= 10
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod or "") for lastmod in entries.values()), entries
