"""The README's commands work the way a newcomer runs them: `make serve`, `make build`,
`make publish-check` and `make journeys ENGINES=webkit`, in a copy of the project (every file
git knows, as a fresh clone has them).
(`make test` is the command running this suite; CI runs `make zensical` and `make audit`.)

Two copies: the copy as it is (whatever settings this checkout holds), and a copy whose own
mkdocs.yml a practice has edited by hand as the README says, published at a GitHub Pages project
address (https://name.github.io/repo/, served at http://127.0.0.1:PORT/repo/). The commands that
stop before building (a bad setting, a bad address, the publish guard) run in both; `make serve`
runs in both (in the edited copy it also takes edits while serving); `make build`, `make serve`
with a second practice's settings and `make journeys` run in the copy as it is (what they add
does not depend on the settings: MkDocs' own build and the suite's). What a test expects
(addresses, names, numbers) comes from the settings in the copy it runs in. Nothing here depends
on the settings the suite runs with (SITE_SETTINGS): marked any_settings.

The copy shares this checkout's .venv (a link; its install stamp is newer than the copied
requirements.txt, so make installs nothing), as a second run in a fresh clone would find it.
Each server gets a free port (DEV_ADDR), is waited for by what it prints, never by a fixed sleep,
and is always stopped the way a person does it: Ctrl+C (SIGINT to its process group).
"""
import datetime
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import json

import pytest
import yaml

from engines import free_port
from support import ROOT, clone_project

SECONDS = 120  # the most any one step may take on a busy 2-core machine: a hang fails, not waits
PAGES = ["", "safety/", "contact/"]
SECOND_PRACTICE = "tests/settings/project-site.yml"
OWN = {  # a practice's own details: nothing the publish guard reserves (.test; Australia's fiction range)
    "site_url": "https://guide.harbor.test/",
    "extra": {"quick_exit_url": "https://weather.harbor.test/", "practice": {
        "name": "Harbor Practice", "phone": "+61 491 570 006", "email": "hello@harbor.test",
        "booking_url": "https://book.harbor.test/", "address": "1 Quay Row, Hobart",
        "review_owner": "The clinical team at Harbor Practice",  # and a current sign-off (issue 26)
        "reviewer_credentials": "licensed psychologists", "reviewed_on": datetime.datetime.now(datetime.timezone.utc).date(),
        "online_sessions": False}},
}
# A practice's own details at a GitHub Pages project address, typed into mkdocs.yml itself.
OWN_AT_PROJECT_ADDRESS = dict(OWN, site_url="https://harbor-practice.github.io/guide/")
# The reserved example values the publish guard refuses (example.com, 555-01xx, the example name).
RESERVED = {"site_url": "https://www.example.com/", "extra": {"practice": {
    "name": "Example Counseling", "phone": "+1 201-555-0123", "email": "hello@example.com"}}}
ONE_LINE = re.compile(r"^ERROR\s+-\s+Settings: (\S+) is ", re.M)


def edited_by_hand(text, settings):
    """mkdocs.yml as a practice edits it by hand: `site_url` at the top, and in the
    extra.practice block each value typed over the shipped one (or over its commented-out
    example). Every other line stays as it was."""
    def typed(value):
        # JSON's strings, lists and booleans are YAML too; a day goes in quotes, as the template says.
        return json.dumps(value, ensure_ascii=False, default=str)

    text, count = re.subn(r"(?m)^site_url: .*$", lambda _: f"site_url: {settings['site_url']}", text, count=1)
    assert count == 1, "mkdocs.yml has no site_url line"
    extra = settings["extra"]
    text, count = re.subn(r"(?m)^  quick_exit_url: .*$", lambda _: f"  quick_exit_url: {extra['quick_exit_url']}",
                          text, count=1)
    assert count == 1, "mkdocs.yml has no quick_exit_url line"
    for key, value in extra["practice"].items():
        text, count = re.subn(rf"(?m)^    (?:# )?{key}: .*$", lambda _: f"    {key}: {typed(value)}", text, count=1)
        assert count == 1, f"mkdocs.yml's practice block has no line for {key}"
    return text


def served_path(project):
    """The path the copy's site lives under, from its own settings: '/' or '/repo/'."""
    from mkdocs.config import load_config

    path = urllib.parse.urlsplit(load_config(config_file=str(project / "mkdocs.yml")).site_url).path or "/"
    return path if path.endswith("/") else path + "/"


pytestmark = pytest.mark.any_settings
AS_CLONED, EDITED = "as cloned", "edited by a practice, at a project address"


@pytest.fixture(scope="module")
def clones(tmp_path_factory):
    """clones(kind): the copy of that kind, made once for the module."""
    made = {}

    def clone_of(kind):
        if kind not in made:
            folder = clone_project(tmp_path_factory.mktemp("clone") / "project")
            if kind == EDITED:
                settings = folder / "mkdocs.yml"
                settings.write_text(edited_by_hand(settings.read_text(encoding="utf-8"), OWN_AT_PROJECT_ADDRESS),
                                    encoding="utf-8")
            made[kind] = folder
        return made[kind]
    return clone_of


@pytest.fixture(params=[AS_CLONED, EDITED])
def clone(request, clones):
    """A copy of the project as a clone has it, with this checkout's .venv linked in; then one
    with a practice's own details typed into its mkdocs.yml."""
    return clones(request.param)


@pytest.fixture
def as_cloned(clones):
    return clones(AS_CLONED)


@pytest.fixture
def edited(clones):
    """The copy with a practice's own details typed into its mkdocs.yml, at a project address."""
    return clones(EDITED)


def newcomer(env=None):
    """The environment a person's shell gives make: none of the outer `make test`'s own variables
    (make passes CONFIG=... on to every make below it through MAKEFLAGS)."""
    env = {key: value for key, value in (env or os.environ).items()
           if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "CONFIG", "ENGINES", "DEV_ADDR")}
    return dict(env, SOCIAL_CARDS_CACHE=str(ROOT / ".cache" / "social-cards"))


def make(clone, *args, env=None, timeout=SECONDS):
    env = newcomer(env)
    return subprocess.run(["make", "--no-print-directory", *args], cwd=clone, env=env, capture_output=True,
                          text=True, timeout=timeout)


def edit(path, text, scratch):
    """Saves `text` as `path` in one step, as an editor does: MkDocs' watcher polls, and could
    otherwise see the file emptied and then written, and build twice."""
    draft = scratch / "draft"
    draft.write_text(text, encoding="utf-8")
    os.replace(draft, path)


class Serve:
    """`make serve` running in the background; its output read line by line as it comes."""

    def __init__(self, clone, *args):
        self.port = free_port()
        env = dict(newcomer(), PYTHONUNBUFFERED="1")
        # Ctrl+C must reach it as in a terminal, even where this run was started with SIGINT
        # ignored (a background job inherits that; so would the server): a handler here is
        # reset to the default in the child, where an ignored signal would stay ignored.
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", "serve", f"DEV_ADDR=127.0.0.1:{self.port}", *args], cwd=clone,
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        finally:
            signal.signal(signal.SIGINT, previous)
        self.lines: queue.Queue = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)  # the process has closed its output: it has ended

    def wait_for(self, pattern):
        """The first line from now on that matches `pattern`; fails if the server ends or takes too long."""
        deadline = time.monotonic() + SECONDS
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"make serve printed no line matching {pattern!r} in {SECONDS} s:\n{self.text}")
            if line is None:
                pytest.fail(f"make serve ended before printing {pattern!r}:\n{self.text}")
            self.output.append(line)
            if re.search(pattern, line):
                return line

    def wait_for_end(self):
        try:
            self.process.wait(timeout=SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # never leave it running
            self.process.wait()
            pytest.fail(f"make serve did not stop in {SECONDS} s:\n{self.text}")
        while (line := self.lines.get(timeout=SECONDS)) is not None:
            self.output.append(line)
        return self.process.returncode

    @property
    def text(self):
        return "".join(self.output)

    def stop(self):
        """Ctrl+C, as a person stops it; then the process must be gone and the port free."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        self.wait_for_end()


def serving(clone, *args):
    """`make serve` started and answering: (server, its address)."""
    server = Serve(clone, *args)
    address = server.wait_for(r"Serving on (http://\S+)")
    return server, re.search(r"Serving on (http://\S+)", address).group(1)


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=SECONDS) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def answers_on_every_page(server, address, project):
    """`make serve` answers under the copy's own path with every page a reader sees."""
    assert address == f"http://127.0.0.1:{server.port}{served_path(project)}"
    assert f"Open {address} in your browser" in server.text, server.text  # in words, before MkDocs' own line
    for path in PAGES:
        status, html = get(address + path)
        assert status == 200, (path, server.text)
        assert "quick-exit" in html, path  # the page a reader sees, with its safety bar
    assert "Traceback" not in server.text


def stopped_cleanly(server):
    """Ctrl+C stopped it: nothing is left answering on its port."""
    server.stop()
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):  # nothing left running
        probe.connect(("127.0.0.1", server.port))


def test_make_serve_answers_on_every_page_and_stops_cleanly(as_cloned):
    """(The copy a practice edited is checked the same way in the serve-and-edit test below.)"""
    server, address = serving(as_cloned)
    try:
        answers_on_every_page(server, address, as_cloned)
    finally:
        stopped_cleanly(server)


def test_make_serve_takes_a_second_practices_settings_on_its_sub_path(as_cloned):
    clone = as_cloned
    settings = yaml.safe_load((clone / SECOND_PRACTICE).read_text(encoding="utf-8"))
    server, address = serving(clone, f"CONFIG={SECOND_PRACTICE}")
    try:
        sub_path = re.sub(r"^https://[^/]+", "", settings["site_url"])
        assert address == f"http://127.0.0.1:{server.port}{sub_path}"
        for path in PAGES:
            status, html = get(address + path)
            assert status == 200, (path, server.text)
        name = settings["extra"]["practice"]["name"]
        assert name.replace("&", "&amp;") in html or name in html
    finally:
        server.stop()


def rebuilt(server):
    """Waits for MkDocs to see a change and finish the rebuild it starts.

    The end of a rebuild is the live-reload server's line, which carries the time: MkDocs drops a
    log line it has printed before, so "Documentation built in 0.98 seconds" can be missing.
    """
    server.wait_for(r"Detected file changes")
    server.wait_for(r"Reloading browsers|An error happened during the rebuild")


def test_make_serve_at_a_project_address_shows_edits_to_a_page_and_the_settings_and_recovers_from_a_bad_one(
        edited, tmp_path):
    """In the copy a practice edited (its own details, at a project address): `make serve` answers
    on every page under its sub-path, then shows each edit, and Ctrl+C stops it cleanly."""
    copy = tmp_path / "project"
    shutil.copytree(edited, copy, symlinks=True)
    server, address = serving(copy)
    try:
        answers_on_every_page(server, address, copy)
        page = copy / "docs" / "index.md"
        edit(page, page.read_text(encoding="utf-8") + "\nA line added while serving.\n", tmp_path)
        rebuilt(server)
        assert "A line added while serving." in get(address)[1]

        settings = copy / "mkdocs.yml"
        shipped = settings.read_text(encoding="utf-8")
        renamed = re.sub(r"(?m)^(    name: ).*$", r"\1Renamed While Serving", shipped, count=1)
        assert renamed != shipped
        edit(settings, renamed, tmp_path)
        rebuilt(server)
        assert "Renamed While Serving" in get(address + "contact/")[1]

        edit(settings, re.sub(r'(\n    phone: ).*', r'\1"call us"', renamed, count=1), tmp_path)
        server.wait_for(r"Detected file changes")
        line = server.wait_for(r"Settings: ")
        assert ONE_LINE.search(line) and ONE_LINE.search(line).group(1) == "extra.practice.phone", line
        # MkDocs holds pages back until the build works again ("The server will appear stuck
        # until build errors are resolved"): mending the setting brings them back.
        server.wait_for(r"An error happened during the rebuild")
        edit(settings, renamed, tmp_path)
        rebuilt(server)
        status, html = get(address + "contact/")
        assert status == 200 and "Renamed While Serving" in html
    finally:
        stopped_cleanly(server)
    assert "Traceback" not in server.text, server.text


def test_make_serve_stops_on_a_bad_setting_with_the_same_line_as_make_build(clone, tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(clone, copy, symlinks=True)
    settings = copy / "mkdocs.yml"
    settings.write_text(re.sub(r'(\n    phone: ).*', r'\1"call us"', settings.read_text(encoding="utf-8"), count=1),
                        encoding="utf-8")
    server = Serve(copy)
    code = server.wait_for_end()
    built = make(copy, "build")
    assert code != 0 and built.returncode != 0
    served_lines = ONE_LINE.findall(server.text)
    assert served_lines == ["extra.practice.phone"], server.text
    assert [line for line in server.text.splitlines() if "Settings:" in line] == \
        [line for line in (built.stdout + built.stderr).splitlines() if "Settings:" in line]
    assert "Traceback" not in server.text + built.stderr


def test_make_build_writes_the_site_folder(as_cloned):
    clone = as_cloned
    result = make(clone, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    for path in PAGES:
        assert (clone / "site" / path / "index.html").is_file(), path


@pytest.mark.parametrize("site_url", ["http://www.example.com/", "http://127.0.0.1:8000/", "https://localhost/"])
def test_make_build_still_refuses_a_site_url_that_is_not_an_https_folder(clone, tmp_path, site_url):
    (clone / "bad-address.yml").write_text(f"INHERIT: mkdocs.yml\nsite_url: {site_url}\n", encoding="utf-8")
    try:
        result = make(clone, "build", "CONFIG=bad-address.yml")
    finally:
        (clone / "bad-address.yml").unlink()
    assert result.returncode != 0
    assert ONE_LINE.findall(result.stdout + result.stderr) == ["site_url"], result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_make_publish_check_stops_on_example_values_and_passes_a_practices_own(clone):
    # mkdocs.yml as the copy has it: the verdict names the file the owner edits, and a
    # practice's own details pass. (The shipped file's reserved values are refused: next.)
    as_is = make(clone, "publish-check")
    verdict = "Ready to publish (mkdocs.yml)" if as_is.returncode == 0 else "Not ready to publish (mkdocs.yml)"
    assert verdict in as_is.stdout, as_is.stdout + as_is.stderr
    if (clone / "mkdocs.yml").read_bytes() != (ROOT / "mkdocs.yml").read_bytes():  # the practice's own edit
        assert as_is.returncode == 0, as_is.stdout + as_is.stderr
    (clone / "reserved.yml").write_text("INHERIT: mkdocs.yml\n" + yaml.safe_dump(RESERVED), encoding="utf-8")
    try:
        reserved = make(clone, "publish-check", "CONFIG=reserved.yml")
    finally:
        (clone / "reserved.yml").unlink()
    assert reserved.returncode != 0 and "Not ready to publish (reserved.yml)" in reserved.stdout, reserved.stdout
    for key in ("site_url", "extra.practice.name", "extra.practice.phone", "extra.practice.email"):
        assert key in reserved.stdout, (key, reserved.stdout)
    # The second settings file also holds reserved values (example.org, 020 7946 0xxx) on purpose.
    second = make(clone, "publish-check", f"CONFIG={SECOND_PRACTICE}")
    assert second.returncode != 0 and "extra.practice.phone" in second.stdout, second.stdout
    assert f"Not ready to publish ({SECOND_PRACTICE})" in second.stdout, second.stdout  # the file they edit
    (clone / "own.yml").write_text("INHERIT: mkdocs.yml\n" + yaml.safe_dump(OWN), encoding="utf-8")
    try:
        own = make(clone, "publish-check", "CONFIG=own.yml")
    finally:
        (clone / "own.yml").unlink()
    assert own.returncode == 0 and "Ready to publish (own.yml)" in own.stdout, own.stdout + own.stderr


def test_make_journeys_runs_the_journeys_in_one_engine(as_cloned):
    """README: `make journeys ENGINES=webkit`. Here one journey of it, so the suite stays quick:
    the command, its engine set-up and the choice of engine are what is tried."""
    # A run of its own: collection, a strict build and a cold WebKit before the one journey.
    result = make(as_cloned, "journeys", "ENGINES=webkit", timeout=3 * SECONDS,
                  env=dict(os.environ, PYTEST_ADDOPTS="-k whole_guide -v -p no:cacheprovider"))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    ran = re.findall(r"test_journeys\.py::(\S+) PASSED", output)
    assert ran and all("webkit" in name and "firefox" not in name for name in ran), output
