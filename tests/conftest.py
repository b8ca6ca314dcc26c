"""Shared fixtures: the strictly built site, a loopback server for it, and Chromium.

- The settings: the tests read the project's config through MkDocs' own loader (site_config()),
  never a literal value. SITE_SETTINGS=tests/settings/project-site.yml (`make test
  CONFIG=...`) runs the whole suite with a second practice's settings: the project is copied to
  a temporary folder and built with those settings over mkdocs.yml (make_project).

- built_site: the site built once per run with `mkdocs build --strict` into a temp folder
  (strict_build gives the folder and what the build printed).
- base_url: "http://127.0.0.1:<port>/<path>/" serving built_site under site_url's path, the way
  a static host does (https://name.github.io/repo/ is served at http://127.0.0.1:<port>/repo/).
- browser: the system Chromium driven by Playwright (CHROME_PATH, else /usr/bin/chromium).
- open_page: opens a path of the site in a fresh browser context and returns the page; it
  records console errors (page.console_errors) and blocks and records every request that
  leaves the origin (page.offsite_requests). With hold="<glob>", the requests matching it are
  held unanswered (page.held), as on a slow line; it then waits only for DOMContentLoaded.
"""
import atexit
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = os.environ.get("SITE_SETTINGS") or None  # e.g. tests/settings/project-site.yml


def make_project(folder, settings=None):
    """A copy of the project in `folder`; with `settings` (site_url, extra: ...), a settings.yml
    that inherits mkdocs.yml and sets them (a key set to None drops the shipped value).
    Returns the config file to build."""
    folder = Path(folder)
    for name in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    if not settings:
        return folder / "mkdocs.yml"
    text = "INHERIT: mkdocs.yml\n" + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)
    (folder / "settings.yml").write_text(text, encoding="utf-8")
    return folder / "settings.yml"


def read_settings(path):
    """A settings file (tests/settings/*.yml): what it sets over mkdocs.yml."""
    settings = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    settings.pop("INHERIT", None)
    return settings


@functools.lru_cache(maxsize=None)
def project_config():
    """The config file the suite builds: mkdocs.yml, or a copy built with SITE_SETTINGS."""
    if not SETTINGS:
        return ROOT / "mkdocs.yml"
    folder = Path(tempfile.mkdtemp(prefix="settings-"))
    atexit.register(shutil.rmtree, folder, True)
    return make_project(folder / "project", read_settings(SETTINGS))


@functools.lru_cache(maxsize=None)
def site_config():
    """The project's config as MkDocs reads it (settings checked by the build, not here)."""
    from mkdocs.config import load_config

    return load_config(config_file=str(project_config()))


def practice():
    """The practice's settings (extra.practice), as typed."""
    return dict(site_config().extra["practice"])


def site_url():
    return site_config().site_url


def canonical(path=""):
    """The published address of a page of the site: site_url + 'contact/'."""
    return site_url() + path.lstrip("/")


def site_path():
    """The path the site is published under: '/' or '/repo/'."""
    path = urlsplit(site_url()).path or "/"
    return path if path.endswith("/") else path + "/"


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def build_site(config_file, site_dir):
    """Run a strict build; return the finished process (stdout and stderr together)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.setdefault("SOCIAL_CARDS_CACHE", str(ROOT / ".cache" / "social-cards"))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        cwd=Path(config_file).parent, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def strict_build(tmp_path_factory):
    """(site folder, build output) of one strict build of the project."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(project_config(), site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}{result.stderr}"
    return site, result.stdout + result.stderr


@pytest.fixture(scope="session")
def built_site(strict_build):
    return strict_build[0]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix` ('/' or '/repo/'), as GitHub Pages serves a project site."""
    prefix = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        route = urlsplit(path).path
        if route + "/" == self.prefix:  # '/repo': the folder, which then redirects to '/repo/'
            return super().translate_path("/")
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        """Serve the site's own 404 page, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def base_url(built_site):
    handler = type("SiteHandler", (QuietHandler,), {"prefix": site_path()})
    handler = functools.partial(handler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{site_path()}"
    server.shutdown()


def chromium_path():
    for candidate in (os.environ.get("CHROME_PATH"), "/usr/bin/chromium", "chromium-browser", "google-chrome"):
        if candidate and (shutil.which(candidate) or Path(candidate).exists()):
            return shutil.which(candidate) or candidate
    return None  # Playwright's own browser, if `python -m playwright install chromium` ran


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, base_url):
    contexts = []

    def open_(path="", width=390, height=844, color_scheme="light", javascript=True, hold=None,
              **context_options):
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=color_scheme,
            java_script_enabled=javascript, service_workers="block", **context_options,
        )
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.offsite_requests = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda e: page.console_errors.append(str(e)))

        def guard(route):
            if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
                route.continue_()
            else:
                page.offsite_requests.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page.held = []
        if hold:  # requests matching this pattern get no answer (a slow line): page.held has them
            page.route(hold, lambda route: page.held.append(route))
        # A held script that was added before the load event holds the load event back too.
        page.goto(base_url + path.lstrip("/"), wait_until="domcontentloaded" if hold else "load")
        if javascript and not hold:
            wait_for_scripts(page)
        return page

    yield open_
    for context in contexts:
        context.close()


def wait_for_scripts(page):
    """The site's scripts start after the first paint (overrides/partials/scripts-after-paint.html),
    which can be after the load event: wait until the last of them has run."""
    page.wait_for_function('() => !document.getElementById("__scripts")'
                           ' || document.documentElement.dataset.scripts === "ready"')


def built_pages(site):
    """Every HTML page of the built site, as paths relative to it (404.html included)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def page_path(html_file):
    """'why-partners-resist/index.html' -> 'why-partners-resist/'; 'index.html' -> ''."""
    return html_file[: -len("index.html")] if html_file.endswith("index.html") else html_file


def load_hook(name):
    """A hook module, loaded as MkDocs loads it (its folder on the import path, for hooks/shared.py)."""
    import importlib.util

    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    return module
