"""Pages and snippets read the practice's details from the settings; a typo stops the build.

The changed-settings and typo cases build the pages they look at (support.small_project),
in-process; the shipped settings are checked on the suite's one full build."""
import re

from bs4 import BeautifulSoup

from support import build_in_process, practice, small_project, with_changes

PAGES = ("index.md", "contact.md", "what-to-expect.md")  # the pages that show the practice's phone and offer


def soup_of(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_a_changed_setting_reaches_every_page_that_shows_it(tmp_path):
    settings = with_changes({"phone": "+1 201-555-0199", "phone_extension": "7"})
    result = build_in_process(small_project(tmp_path / "project", PAGES, settings), tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for path in ("contact/index.html", "what-to-expect/index.html", "index.html"):
        page = soup_of(tmp_path / "site", path)
        tel_links = {a["href"] for a in page.select('a[href^="tel:+1201"]')}  # help lines aside
        assert tel_links == {"tel:+12015550199;ext=7"}, (path, tel_links)
        assert "+1 201-555-0199 ext. 7" in page.get_text(" "), path


def test_the_offer_shows_when_set_and_is_left_out_when_not(tmp_path):
    offer = {"fees": "$150 a session", "session_length": "50 minutes", "payment": "Card or bank transfer",
             "languages": ["English", "Español"], "reply_time": "within two working days"}
    unset = {key: None for key in offer}
    for name, change in (("set", offer), ("unset", unset)):
        project = tmp_path / name
        result = build_in_process(small_project(project, PAGES, with_changes(change)), project / "site")
        assert result.returncode == 0, result.stdout + result.stderr
        for path in ("contact/index.html", "what-to-expect/index.html"):
            text = soup_of(project / "site", path).get_text(" ")
            for label, value in (("What it costs:", "$150 a session"), ("How long a session is:", "50 minutes"),
                                 ("Ways to pay:", "Card or bank transfer"), ("Languages:", "English, Español"),
                                 ("When you will hear back:", "within two working days")):
                if name == "set":
                    assert label in text and value in text, (path, label)
                else:
                    assert label not in text, (path, label)


def test_an_unknown_placeholder_stops_the_build_naming_the_page(tmp_path):
    config = small_project(tmp_path / "project", PAGES, with_changes())
    page = tmp_path / "project/docs/contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nCall {{ practice.phnoe }}.\n", encoding="utf-8")
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert any("contact.md" in line and "phnoe" in line for line in errors), output
    assert "Traceback" not in output, output


def test_an_unknown_placeholder_in_a_snippet_stops_the_build_naming_the_page(tmp_path):
    config = small_project(tmp_path / "project", PAGES, with_changes(), snippets="copy")  # contact.md includes it
    snippet = tmp_path / "project/docs/snippets/crisis-lines.md"
    snippet.write_text(snippet.read_text(encoding="utf-8") + "\n{{ practice.nmae }}\n", encoding="utf-8")
    result = build_in_process(config, tmp_path / "site")
    output = result.stdout + result.stderr
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert result.returncode != 0 and any("nmae" in line and ".md" in line for line in errors), output
    assert "Traceback" not in output, output


def test_a_snippets_placeholders_are_filled(built_site):
    """The offer snippet (docs/snippets/practice-offer.md), on the two pages that include it,
    shows the practice's settings, and no placeholder is left unfilled."""

    settings = practice()
    offered = [key for key in ("session_length", "fees", "payment", "reply_time") if settings.get(key)]
    for path in ("contact/index.html", "what-to-expect/index.html"):
        text = soup_of(built_site, path).get_text(" ")
        # A name left unfilled ("practice.fees"), not an address that holds the word (harbor-practice.github.io).
        assert "{{" not in text and "{%" not in text and not re.search(r"(?<![\w.-])practice\.[a-z_]+", text), path
        if offered:
            assert f"At {settings['name']}:" in " ".join(text.split()), path
        for key in offered:
            assert " ".join(str(settings[key]).split()) in " ".join(text.split()), (path, key)
