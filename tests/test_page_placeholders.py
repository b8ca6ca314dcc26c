"""Pages and snippets read the practice's details from the settings; a typo stops the build."""
from bs4 import BeautifulSoup

from conftest import build_site
from test_practice_settings import config_with, set_


def test_a_changed_setting_reaches_every_page_that_shows_it(tmp_path):
    config = config_with(tmp_path / "project", set_("phone", '"+1 201-555-0199"'))
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    contact = BeautifulSoup((tmp_path / "site/contact/index.html").read_text(encoding="utf-8"), "html.parser")
    practice_links = {a["href"] for a in contact.select('a[href^="tel:+1201"]')}  # help lines aside
    assert practice_links == {"tel:+12015550199"}, practice_links
    assert "555-0123" not in contact.get_text()


def test_an_unknown_placeholder_stops_the_build_naming_the_page(tmp_path):
    config = config_with(tmp_path / "project", lambda lines: lines)
    page = tmp_path / "project/docs/contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nCall {{ practice.phnoe }}.\n", encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert any("contact.md" in line and "phnoe" in line for line in errors), output
    assert "Traceback" not in output, output


def test_an_unknown_placeholder_in_a_snippet_stops_the_build(tmp_path):
    config = config_with(tmp_path / "project", lambda lines: lines)
    snippet = next((tmp_path / "project/docs/snippets").glob("*.md"))
    snippet.write_text(snippet.read_text(encoding="utf-8") + "\n{{ practice.nmae }}\n", encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "nmae" in output, output
