"""`make setup` (tools/setup.py), as a practice owner uses it (issue 26).

Asked in a terminal, driven here through prompt_toolkit's pipe input (the keys a person types:
Enter, Ctrl+U to clear the answer shown, Ctrl+C): answers typed are written; a bad answer is
refused with the line the build would stop with and can then be corrected; Enter on every
question leaves mkdocs.yml byte-identical; Ctrl+C half-way leaves it unchanged. Unattended
(`make setup ANSWERS=...`, the README's command, run in a copy of the project as a newcomer
would): a good file writes exactly its settings' lines and the publish guard then passes; a bad
value and an unknown key each stop it with one line naming the key, writing nothing.

Every expectation is derived from the settings in use and from date.today(), never from the
shipped example values.
"""
import concurrent.futures
import datetime
import difflib
import importlib.util
import os
import subprocess

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from support import ROOT, clone_project, make_project

pytestmark = pytest.mark.any_settings  # mkdocs.yml as shipped and a clone's own: not SITE_SETTINGS

spec = importlib.util.spec_from_file_location("make_setup", ROOT / "tools" / "setup.py")
setup = importlib.util.module_from_spec(spec)
spec.loader.exec_module(setup)

CLEAR = "\x15"  # Ctrl+U: clears the answer shown, as a person deletes it before typing their own
ENTER = "\r"
CTRL_C = "\x03"
TODAY = datetime.date.today()


def run_interactive(config, keys):
    """tools/setup.py's questions answered with `keys`; (exit code, what each validation said)."""
    refused = []
    with create_pipe_input() as pipe:
        def ask(key, message, default, validate):
            def recording(text):
                verdict = validate(text)
                if verdict is not True:
                    refused.append((key, text, verdict))
                return verdict
            return setup.questionary_ask(key, message, default, recording, input=pipe, output=DummyOutput())
        pipe.send_text(keys)
        # In a thread of its own, as in a terminal: prompt_toolkit runs its own event loop, and
        # the browser tests of the same run keep one running in this thread.
        with concurrent.futures.ThreadPoolExecutor(1) as worker:
            running = worker.submit(setup.main, [str(config)], ask=ask, say=lambda text: None)
            try:
                code = running.result(timeout=120)
            except concurrent.futures.TimeoutError:
                pipe.close()  # the questions wanted more answers than were typed: end them
                pytest.fail("the set-up was still asking after every key was typed")
            except EOFError:  # the keys ran out before the last question: a test's own slip
                pytest.fail("the questions wanted more answers than were typed")
    return code, refused


def position(key):
    return setup.KEYS.index(key)


def changed_lines(before, after):
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:2] in ("- ", "+ ")]


def test_every_setting_is_asked_in_plain_words_with_an_example_its_parser_takes():
    """One table (hooks/practice_settings.py) gives the questions: each setting has its question
    and an example answer, and the example, typed, is a value the build accepts."""
    assert setup.KEYS[:3] == ["site_url", "quick_exit_url", "name"]
    assert setup.KEYS[-3:] == ["review_owner", "reviewer_credentials", "reviewed_on"]
    for key in setup.KEYS:
        setting = setup.setting_of(key)
        assert setting.question.strip() and setting.example.strip(), key
        assert setup.checked(key, setup.from_text(key, setting.example)) is not None, key


def test_enter_on_every_question_leaves_the_settings_byte_identical(tmp_path):
    config = make_project(tmp_path / "project")
    before = config.read_bytes()
    code, refused = run_interactive(config, ENTER * len(setup.KEYS))
    assert code == 0 and refused == []
    assert config.read_bytes() == before


def test_answers_typed_are_written_and_a_bad_answer_is_refused_then_corrected(tmp_path):
    config = make_project(tmp_path / "project")
    before = config.read_text(encoding="utf-8")
    keys = ENTER * position("name") + CLEAR + "Harbor & Hill Practice" + ENTER
    keys += CLEAR + "call us" + ENTER + CLEAR + "+1 (212) 555-0199" + ENTER  # phone: refused, then corrected
    keys += ENTER * (position("reviewer_credentials") - position("phone") - 1)
    keys += CLEAR + "licensed psychologist" + ENTER + CLEAR + "2026-02-30" + ENTER + CLEAR + TODAY.isoformat() + ENTER
    keys += ENTER * (len(setup.KEYS) - position("reviewed_on") - 1)
    code, refused = run_interactive(config, keys)
    assert code == 0
    # The refusal is the build's own line for that value (hooks/practice_settings.py).
    phone_lines = [verdict for key, text, verdict in refused if key == "phone" and text == "call us"]
    assert phone_lines and phone_lines[-1].startswith("Settings: extra.practice.phone is 'call us'; expected ")
    assert any(key == "reviewed_on" and "2026-02-30" in text and "extra.practice.reviewed_on" in verdict
               for key, text, verdict in refused), refused
    after = config.read_text(encoding="utf-8")
    settings = yaml.safe_load(after.replace("!!python/name:", "!!str "))["extra"]["practice"]
    assert settings["name"] == "Harbor & Hill Practice" and settings["phone"] == "+1 (212) 555-0199"
    assert settings["reviewer_credentials"] == "licensed psychologist"
    # The day in quotes: text, which Zensical reads in extra (it refuses YAML's date values there).
    assert settings["reviewed_on"] == TODAY.isoformat() and f'reviewed_on: "{TODAY.isoformat()}"' in after
    changed = changed_lines(before, after)
    # Only the four settings' own lines (each replaced, or new where the file had none); every
    # comment line kept.
    added = {line[2:].strip().split(":")[0] for line in changed if line.startswith("+ ")}
    assert {"name", "phone", "reviewer_credentials"} <= added, changed  # reviewed_on: unless already today
    assert all(line[2:].strip().split(":")[0] in ("name", "phone", "reviewer_credentials", "reviewed_on")
               for line in changed), changed
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == \
        [line for line in after.splitlines() if line.lstrip().startswith("#")]


def test_ctrl_c_half_way_leaves_the_settings_unchanged(tmp_path, capsys):
    config = make_project(tmp_path / "project")
    before = config.read_bytes()
    keys = ENTER * position("name") + CLEAR + "A New Name" + ENTER + CLEAR + "+1 212 555 0199" + ENTER + CTRL_C
    code, _ = run_interactive(config, keys)
    assert code == 130 and "nothing was written" in capsys.readouterr().err
    assert config.read_bytes() == before
    assert sorted(p.name for p in config.parent.iterdir() if p.name.startswith(".mkdocs.yml")) == []


def test_a_failed_write_leaves_the_settings_as_they_were(tmp_path, monkeypatch):
    """The file is replaced in one step: a crash while the new text is written changes nothing."""
    config = make_project(tmp_path / "project")
    before = config.read_bytes()

    def crash(*args):
        raise OSError("disk full")
    monkeypatch.setattr(setup.os, "replace", crash)
    with pytest.raises(OSError):
        setup.write_settings(config, {"name": "Someone Else"})
    assert config.read_bytes() == before
    assert [p.name for p in config.parent.iterdir() if p.name.endswith(".tmp")] == []


# --- Unattended: the README's command, in a copy of the project ---------------------------

def project_copy(tmp_path):
    """A copy of the project as a clone has it (support.clone_project)."""
    return clone_project(tmp_path / "clone")


def make_setup(folder, answers):
    env = {key: value for key, value in os.environ.items()
           if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "CONFIG", "ANSWERS")}
    env["SOCIAL_CARDS_CACHE"] = str(ROOT / ".cache" / "social-cards")
    (folder / "answers.yml").write_text(answers, encoding="utf-8")
    return subprocess.run(["make", "--no-print-directory", "setup", "ANSWERS=answers.yml"], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=300)


GOOD = f"""\
site_url: https://guide.harbor.test/
quick_exit_url: https://weather.harbor.test/
practice:
  name: Harbor Practice
  phone: "+61 491 570 006"
  email: hello@harbor.test
  booking_url: https://book.harbor.test/
  address: 1 Quay Row, Hobart
  online_sessions: true
  licensed_in: [Tasmania, Victoria]
  review_owner: The clinical team at Harbor Practice
  reviewer_credentials: licensed psychologist
  reviewed_on: {TODAY.isoformat()}
"""


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    return project_copy(tmp_path_factory.mktemp("setup"))


def test_make_setup_with_an_answers_file_writes_them_and_the_guard_then_passes(clone):
    shipped = (clone / "mkdocs.yml").read_text(encoding="utf-8")
    try:
        result = make_setup(clone, GOOD)
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        after = (clone / "mkdocs.yml").read_text(encoding="utf-8")
        answers = yaml.safe_load(GOOD)
        written = yaml.safe_load(after.replace("!!python/name:", "!!str "))
        assert written["site_url"] == answers["site_url"]
        assert written["extra"]["quick_exit_url"] == answers["quick_exit_url"]
        for key, value in answers["practice"].items():
            # A day is written as text in quotes ("2026-12-07"): Zensical reads that in extra.
            value = value.isoformat() if isinstance(value, datetime.date) else value
            assert written["extra"]["practice"][key] == value, key
        # Every line that is not one of these settings is as it was, comments included.
        for line in changed_lines(shipped, after):
            key = line[2:].strip().split(":", 1)[0]
            assert key in answers["practice"] or key in ("site_url", "quick_exit_url"), line
        assert "Ready to publish (mkdocs.yml)" in result.stdout, output
        assert "GitHub Actions" in result.stdout and "site/" in result.stdout, output
        # The same answers again: nothing to change, nothing written.
        again = make_setup(clone, GOOD)
        assert again.returncode == 0 and (clone / "mkdocs.yml").read_text(encoding="utf-8") == after
    finally:
        (clone / "mkdocs.yml").write_text(shipped, encoding="utf-8")


BAD = {
    "a bad value": ("practice:\n  name: Harbor Practice\n  phone: call us\n", "Settings: extra.practice.phone is 'call us'"),
    "an unknown key": ("practice:\n  name: Harbor Practice\n  phnoe: '+61 491 570 006'\n", "practice.phnoe"),
    "an unknown top-level key": ("site_url: https://guide.harbor.test/\nsite_name: Mine\n", "site_name"),
    "a day that does not exist": ("practice:\n  reviewed_on: '2026-02-30'\n", "extra.practice.reviewed_on"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_make_setup_stops_on_a_bad_answers_file_with_one_line_and_writes_nothing(clone, case):
    answers, words = BAD[case]
    before = (clone / "mkdocs.yml").read_bytes()
    result = make_setup(clone, answers)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make: ")]
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert (clone / "mkdocs.yml").read_bytes() == before
