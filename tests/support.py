"""What every test and tests/budgets/ share, in one place (conftest.py turns it into fixtures).

- The settings: the project's config through MkDocs' own loader (site_config()), never a
  literal value. SITE_SETTINGS=tests/settings/project-site.yml (`make test CONFIG=...`) runs
  with a second practice's settings: the project is copied to a temporary folder and built
  with those settings over mkdocs.yml (make_project); with_changes() changes some of them.
- The build: build_site() runs one strict build (`mkdocs build --strict`, a process of its own);
  the suite builds the site once with it (conftest's strict_build, offline(): no network) and
  the budgets time theirs with the same function. The wiring (bad settings, placeholders, front
  matter, the card cache) is built on small_project() (the real mkdocs.yml, hooks and templates;
  a few pages) in-process, with MkDocs' Python API: build_in_process().
- The pages: built_pages() (HTML files), page_path() and url_paths() (the paths a reader opens).
- Chromium: chromium_path() and CHROMIUM_ARGS, for Playwright and for Lighthouse alike;
  `python tests/support.py chromium` prints the path (tests/chromium.sh installs one if none).
- The loopback server: serve() serves a built site under site_url's path as GitHub Pages does
  (gzip, Cache-Control, ETag, redirects, the site's own 404 page).
- In the browser: wait_for_scripts(), no_js_breaches() (every page complete without
  JavaScript) and the allow-list of the site's own files a page may request on load
  (allowed_requests(), unexpected_requests(); page_assets() and page_asset_files() read
  extra.page_assets).
- Small helpers more than one test uses: squash(), png_size(), load_hook().
"""
import atexit
import copy
import email.utils
import fnmatch
import functools
import gzip
import hashlib
import http.server
import importlib.util
import mimetypes
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = os.environ.get("SITE_SETTINGS") or None  # e.g. tests/settings/project-site.yml


# --------------------------------------------------------------------------- the settings

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


def clone_project(folder):
    """A copy of the project as a fresh clone has it (every file git knows, with its times), this
    checkout's .venv linked in (its install stamps are newer than the copied requirements, so make
    installs nothing): where the README's commands are run as a newcomer runs them."""
    folder = Path(folder)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    (folder / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return folder


def read_settings(path):
    """A settings file (tests/settings/*.yml): what it sets over mkdocs.yml."""
    settings = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    settings.pop("INHERIT", None)
    return settings


def with_changes(practice=None, **top):
    """The suite's settings with `practice` keys and top-level keys changed (None: removed)."""
    settings = copy.deepcopy(read_settings(SETTINGS)) if SETTINGS else {}
    extra = settings.setdefault("extra", {})
    if "quick_exit_url" in top:
        extra["quick_exit_url"] = top.pop("quick_exit_url")
    extra.setdefault("practice", {}).update(practice or {})
    settings.update(top)
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


def reader_strings():
    """The words readers see outside the pages (extra.strings, overrides/strings/en.yml)."""
    return dict(site_config().extra["strings"])


def canonical(path=""):
    """The published address of a page of the site: site_url + 'contact/'."""
    return site_url() + path.lstrip("/")


def site_path():
    """The path the site is published under: '/' or '/repo/'."""
    path = urlsplit(site_url()).path or "/"
    return path if path.endswith("/") else path + "/"


# --------------------------------------------------------------------------- the build

def build_site(config_file, site_dir, quiet=False, env=None, prefix=()):
    """Run a strict build; return the finished process (stdout and stderr together). `env`
    replaces the environment; `prefix` runs the build inside a command (`unshare -rn`)."""
    env = dict(os.environ if env is None else env, NO_MKDOCS_2_WARNING="1")
    env.setdefault("SOCIAL_CARDS_CACHE", str(ROOT / ".cache" / "social-cards"))
    command = [*prefix, sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)]
    return subprocess.run(command + (["--quiet"] if quiet else []), cwd=Path(config_file).parent, env=env,
                          capture_output=True, text=True, timeout=300)


CLOSED = "http://127.0.0.1:9"  # a closed port on this machine: where an offline build's proxies point


def user_namespaces_work():
    """True where `unshare -rn` (a network namespace with only a loopback interface) is allowed."""
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def offline(cache):
    """(env, prefix, way) for a build with no network: every proxy variable points at a closed port,
    so any download through an HTTP library fails at once; and where user namespaces are allowed,
    the build runs inside `unshare -rn` (prefix), where nothing at all can leave (way: "namespace",
    else "proxy"). The link-preview cards go to `cache`: an empty folder makes the build draw them all."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update({
        "http_proxy": CLOSED, "https_proxy": CLOSED, "HTTP_PROXY": CLOSED, "HTTPS_PROXY": CLOSED,
        "ALL_PROXY": CLOSED, "all_proxy": CLOSED, "no_proxy": "", "NO_PROXY": "",
        "PIP_NO_INDEX": "1", "SOCIAL_CARDS_CACHE": str(cache),
    })
    if user_namespaces_work():
        return env, ["unshare", "-rn"], "namespace"
    return env, [], "proxy"


def small_project(folder, pages=("index.md",), settings=None, snippets="link"):
    """A project of a few pages, to build in-process (build_in_process): this checkout's
    mkdocs.yml, hooks/, overrides/ and docs/assets/ (links), docs/snippets/ (a link, or with
    snippets="copy" a copy to edit), and copies of `pages` from docs/ (to edit), the nav in that
    order. A settings.yml inherits mkdocs.yml and sets `settings` over it as make_project does;
    links to pages left out of the copy are not checked (the suite's one full build checks every
    link). pages=None: every page, mkdocs.yml's nav and checks. Returns the config file to build."""
    folder = Path(folder)
    (folder / "docs").mkdir(parents=True)
    for name in ("hooks", "overrides", "mkdocs.yml"):
        (folder / name).symlink_to(ROOT / name)
    (folder / "docs" / "assets").symlink_to(ROOT / "docs" / "assets", target_is_directory=True)
    if snippets == "copy":
        shutil.copytree(ROOT / "docs" / "snippets", folder / "docs" / "snippets")
    else:
        (folder / "docs" / "snippets").symlink_to(ROOT / "docs" / "snippets", target_is_directory=True)
    for page in sorted(p.name for p in (ROOT / "docs").glob("*.md")) if pages is None else pages:
        shutil.copy(ROOT / "docs" / page, folder / "docs" / page)
    own = {} if pages is None else {"nav": list(pages), "validation": {"links": {"not_found": "info"}}}
    text = "INHERIT: mkdocs.yml\n" + yaml.safe_dump({**(settings or {}), **own}, allow_unicode=True, sort_keys=False)
    (folder / "settings.yml").write_text(text, encoding="utf-8")
    return folder / "settings.yml"


def build_in_process(config_file, site_dir, env=None):
    """`mkdocs build --strict -f config_file -d site_dir`, run in this process through MkDocs'
    Python API (load_config, then build): no new interpreter, no copy of the project. Returns
    what build_site returns: .returncode (0, or 1 when the build stopped) and .stdout, MkDocs'
    log lines as its command prints them ("ERROR    -  ...") and then, as the command does, the
    message it stops with or the traceback of an unexpected error. `env` is set over the
    environment for the build, which runs in the config file's folder."""
    import logging
    import traceback

    from mkdocs import exceptions
    from mkdocs.commands import build
    from mkdocs.config import load_config

    lines = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: lines.append(f"{record.levelname:<8}-  {record.getMessage()}")
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", "SOCIAL_CARDS_CACHE": str(ROOT / ".cache" / "social-cards"),
                       **(env or {})})
    os.chdir(Path(config_file).parent)
    returncode = 0
    try:
        config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build.build(config)
        finally:
            config.plugins.on_shutdown()
    except exceptions.Abort as error:  # what the command prints when a build stops
        lines.append(error.format_message())
        returncode = 1
    except exceptions.MkDocsException as error:
        lines.append(f"Error: {error.format_message()}")
        returncode = 1
    except Exception:  # noqa: BLE001 - an unexpected error: its traceback, as the command shows it
        lines.append(traceback.format_exc())
        returncode = 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        logger.removeHandler(handler)
        logger.setLevel(level)
    return subprocess.CompletedProcess(["mkdocs", "build", "--strict", "-f", str(config_file)], returncode,
                                       stdout="\n".join(lines) + "\n", stderr="")


def build_failure(config_file, result):
    """The message a failed build stops with: which config, then what MkDocs said."""
    return f"strict build of {config_file} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"


# --------------------------------------------------------------------------- the pages

def built_pages(site):
    """Every HTML page of the built site, as paths relative to it (404.html included)."""
    return sorted(p.relative_to(site).as_posix() for p in Path(site).rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("assets/"))


def page_path(html_file):
    """'why-partners-resist/index.html' -> 'why-partners-resist/'; 'index.html' -> ''."""
    return html_file[: -len("index.html")] if html_file.endswith("index.html") else html_file


def url_paths(site=None):
    """The path of every page a reader opens: '' (home), 'folder/', ..., '404.html'. From the
    built site, or (before any build, to name test cases) from docs/*.md."""
    if site is not None:
        paths = [page_path(f) for f in built_pages(site)]
    else:
        paths = [""] + [p.stem + "/" for p in (ROOT / "docs").glob("*.md") if p.stem != "index"] + ["404.html"]
    return sorted(paths, key=lambda p: (p != "", p == "404.html", p))


def neutral_url():
    """The quick exit's neutral page, as the settings give it (mkdocs.yml, read by MkDocs itself)."""
    url = site_config().extra["quick_exit_url"]
    assert url.startswith("https://")
    return url


# What a test answers for the neutral page (the real one is another website).
NEUTRAL_PAGE = "<!doctype html><title>Elsewhere</title><p>Elsewhere</p>"

def snippet(name, **names):
    """A snippet of docs/snippets/ as the macros plugin renders it (Jinja, with `names` set as a
    page sets them with {% with %} before the include)."""
    import jinja2  # the macros plugin's own template engine

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "docs" / "snippets"),
                             undefined=jinja2.StrictUndefined)
    return env.get_template(name).render(**names)


def safety_questions(**names):
    """The safety questions as the one snippet words them (docs/snippets/fear-or-control.md,
    issue 25: what happens, not what to call it): about="sender" for the partner page. A list
    of questions, each as a reader sees it."""
    html = snippet("fear-or-control.md", **names)
    return [" ".join(q.split()) for q in re.findall(r"<span>(.*?)</span>", html, re.DOTALL)]


def sender_note():
    """The sentence before every control that sends the partner a link or message
    (docs/snippets/sender-note.md): every page has a safety link at the top."""
    return " ".join(re.sub(r"<[^>]+>", "", snippet("sender-note.md")).split())


# Safety means fear OR control, asked in plain behaviors (issues 19 and 25): the one wording of
# the questions, wherever the guide asks them: the notes, the pages and the message builder.
FEAR_OR_CONTROL = " ".join(safety_questions())


# --------------------------------------------------------------------------- small helpers

def squash(text):
    """Text without whitespace (PDF text: long addresses may wrap at any character)."""
    return re.sub(r"\s+", "", text)


def png_size(path):
    """(width, height) of a PNG file, read from its header; fails if it is not a PNG."""
    head = Path(path).read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert head[12:16] == b"IHDR", f"{path} has no PNG header"
    return struct.unpack(">II", head[16:24])


def load_hook(name):
    """A hook module, loaded as MkDocs loads it (its folder on the import path, for hooks/shared.py)."""
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules.setdefault(name, module)  # dataclasses and pickling look a module up by name
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    return module


# --------------------------------------------------------------------------- Chromium

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
CHROMIUM_NAMES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")


def chromium_path(playwrights_own=False):
    """$CHROME_PATH, else a system Chromium; else None (Playwright launches its own), or with
    playwrights_own (Lighthouse needs a path) the path of Playwright's own."""
    for candidate in (os.environ.get("CHROME_PATH"),) + CHROMIUM_NAMES:
        if candidate and (shutil.which(candidate) or Path(candidate).is_file()):
            return shutil.which(candidate) or candidate
    if not playwrights_own:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return playwright.chromium.executable_path


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


# True once the last of the site's scripts has run (also used by tests/engines.py).
SCRIPTS_READY = ('() => !document.getElementById("__scripts")'
                 ' || document.documentElement.dataset.scripts === "ready"')


def wait_for_scripts(page, idle=False):
    """The site's scripts start after the first paint (docs/assets/javascripts/site.js),
    which can be after the load event: wait until the last of them has run; with idle, also
    until the page has nothing left to do."""
    page.wait_for_function(SCRIPTS_READY)
    if idle:
        page.evaluate("() => new Promise(done => requestIdleCallback(() => done(), {timeout: 5000}))")


def wait_for_held(page, timeout=30):
    """The first request held by open_page(hold=...), once the page has made it. Playwright hands
    a held request to the test in a task of its own: each round trip to the page lets that task
    run, so this waits on the request itself, never on a guessed time (the timeout only bounds
    a failure)."""
    deadline = time.monotonic() + timeout
    while not page.held:
        assert time.monotonic() < deadline, f"no request matching the held pattern within {timeout} s"
        page.evaluate("0")
    return page.held[0]


# --------------------------------------------------------------------------- the loopback server

COMPRESSIBLE = (
    "text/", "application/javascript", "application/json", "application/xml",
    "image/svg+xml", "application/manifest+json",
)
GZIP_LEVEL = 6  # a typical CDN setting
MAX_AGE = 600   # what GitHub Pages sends

mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/javascript", ".mjs")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/manifest+json", ".webmanifest")


class SiteHandler(http.server.BaseHTTPRequestHandler):
    """Serves a built site under `prefix` ('/' or '/repo/') the way GitHub Pages does:
    gzip for text when asked (the bytes a reader downloads), `Cache-Control: max-age=600`,
    ETag and Last-Modified with 304s, `/folder` redirected to `/folder/`, and the site's own
    404.html for anything missing or outside the prefix."""
    protocol_version = "HTTP/1.1"
    server_version = "site-static"
    sys_version = ""
    root: Path = Path(".")
    prefix = "/"
    first_script = b""  # serve(first_script=...): put at the top of every page's <head>
    driver_eval = False  # serve(driver_eval=True): the pages' policy lets a driver evaluate strings
    _cache: dict = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        pass

    def _resolve(self, path):
        """(file, redirect) for a request path; (None, None) when missing."""
        route = unquote(urlsplit(path).path)
        if route + "/" == self.prefix:  # '/repo': redirects to '/repo/'
            return None, self.prefix
        if not route.startswith(self.prefix):
            return None, None
        target = (self.root / route[len(self.prefix):]).resolve()
        if self.root not in target.parents and target != self.root:
            return None, None
        if target.is_dir():
            if not route.endswith("/"):
                return None, urlsplit(path).path + "/"
            target = target / "index.html"
        return (target, None) if target.is_file() else (None, None)

    def _entry(self, file):
        """(body, gzipped body, type, etag, last-modified) for a file, cached by mtime."""
        stat = file.stat()
        key = (str(file), stat.st_mtime_ns, stat.st_size)
        with self._lock:
            entry = self._cache.get(key)
        if entry is None:
            body = file.read_bytes()
            ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if self.first_script and ctype == "text/html":
                body = re.sub(rb"<head[^>]*>", lambda m: m.group(0) + b"<script>" + self.first_script + b"</script>",
                              body, count=1)
            if self.driver_eval and ctype == "text/html":
                body = allow_driver_eval(body)
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
                ctype += "; charset=utf-8"
            packed = gzip.compress(body, GZIP_LEVEL, mtime=0) if ctype.startswith(COMPRESSIBLE) else None
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
            entry = (body, packed, ctype, etag, modified)
            with self._lock:
                self._cache[key] = entry
        return entry

    def _send(self, head_only):
        file, redirect = self._resolve(self.path)
        if redirect:
            self.send_response(301)
            self.send_header("Location", redirect)
            self.send_header("Content-Length", "0")
            self.send_header("Cache-Control", f"max-age={MAX_AGE}")
            self.end_headers()
            return
        status = 200
        if file is None:
            status, file = 404, self.root / "404.html"
            if not file.is_file():
                self.send_error(404)
                return
        body, packed, ctype, etag, modified = self._entry(file)
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", f"max-age={MAX_AGE}")
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return
        use_gzip = packed is not None and "gzip" in self.headers.get("Accept-Encoding", "")
        data = packed if use_gzip else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        self.send_header("Last-Modified", modified)
        self.send_header("ETag", etag)
        if packed is not None:
            self.send_header("Vary", "Accept-Encoding")
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if not head_only:
            self.wfile.write(data)

    def do_GET(self):
        self._send(head_only=False)

    def do_HEAD(self):
        self._send(head_only=True)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    prefix = "/"

    @property
    def url(self):
        """The site's address: http://127.0.0.1:<port>/ or http://127.0.0.1:<port>/repo/."""
        return f"http://127.0.0.1:{self.server_address[1]}{self.prefix}"


def allow_driver_eval(html):
    """The page with 'unsafe-eval' added to its Content-Security-Policy's script-src, and
    nothing else changed. WebKitWebDriver runs every command (find, click, read) as a string the
    page evaluates, which the site's policy refuses; the site's own scripts never evaluate a
    string (ESLint's no-eval and no-implied-eval), and tests/test_content_security_policy.py
    checks the policy as built, unchanged, in Chromium."""
    changed, count = re.subn(rb"(<meta http-equiv=\"?Content-Security-Policy\"? content=\"[^\"]*?script-src 'self')",
                             rb"\1 'unsafe-eval'", html, count=1, flags=re.I)
    assert count == 1 or b"Content-Security-Policy" not in html, "a page's policy has no script-src 'self'"
    return changed


def serve(folder, prefix="/", port=0, first_script="", driver_eval=False):
    """Serve `folder` on 127.0.0.1 under `prefix` in a background thread; .url is its address,
    .shutdown() stops it. With `first_script` (JavaScript), every page runs it before anything
    else (the journey suite's error listener, for browsers that report no script errors)."""
    handler = type("Handler", (SiteHandler,), {"root": Path(folder).resolve(), "prefix": prefix, "_cache": {},
                                               "first_script": first_script.encode(),
                                               "driver_eval": driver_eval})
    server = SiteServer(("127.0.0.1", port), handler)
    server.prefix = prefix
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --------------------------------------------------------------------------- without JavaScript

TEXT_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, summary, figcaption, blockquote"
# Controls and status regions that scripts add are interface, not the page's text. The notes
# on the partner page that answer a link's ask ([data-ask-answer], shown only for the link's
# own #ask=<key> where scripts can run) are not its text either: without them it reads as ever.
NOT_CONTENT = ("button, [role=status], [aria-live], .md-clipboard, .md-tooltip, .md-tooltip2, script, style,"
               " template, [data-ask-answer], [data-share], .script-actions, .checklist-summary,"
               " .checklist-clear, .share-partner__actions, .print-page, .whole-guide__controls")

READ_ARTICLE = """([blocks, notContent]) => {
  const article = document.querySelector('article.md-content__inner') || document.querySelector('article')
    || document.querySelector('.md-content');
  if (!article) return null;
  for (const d of article.querySelectorAll('details')) d.open = true;
  // Compared without case or white space: innerText applies CSS text-transform and line breaks.
  const norm = s => (s || '').replace(/\\s+/g, '').toLowerCase();
  const text = el => {
    const copy = el.cloneNode(true);
    for (const skip of copy.querySelectorAll(notContent)) skip.remove();
    return norm(copy.textContent);
  };
  const SHOWN = {visibilityProperty: true, checkVisibilityCSS: true, opacityProperty: true, checkOpacity: true};
  const h1 = article.querySelector('h1');
  const found = [...article.querySelectorAll(blocks)].filter(el => !el.closest(notContent));
  return {
    h1: h1 ? norm(h1.textContent) : null,
    h1Shown: h1 ? h1.checkVisibility(SHOWN) : false,
    visible: norm(article.innerText),
    blocks: found.map(text).filter(Boolean),
    shown: found.filter(el => el.checkVisibility(SHOWN)).map(text).filter(Boolean),
  };
}"""


def reading_tab(browser, javascript):
    """A tab at phone size (390x844) with JavaScript on or off, for read_article."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript,
                                  service_workers="block")
    return context.new_page()


def read_article(browser, url, javascript, tab=None):
    """What a reader reads in the article at `url` (phone size), with JavaScript on or off: in
    `tab` (reading_tab; a page after page in one tab is a fresh document each time), or else in a
    tab of its own."""
    page = tab or reading_tab(browser, javascript)
    try:
        page.goto(url, wait_until="load")
        if javascript:
            wait_for_scripts(page, idle=True)
        return page.evaluate(READ_ARTICLE, [TEXT_BLOCKS, NOT_CONTENT])
    finally:
        if tab is None:
            page.context.close()


def no_js_breaches(browser, base_url, path, tabs=None):
    """How the page at base_url + path falls short without JavaScript: no visible h1; a block
    of text the article holds with JavaScript that a reader without it does not see (missing,
    or there but hidden, by display, visibility or opacity); or a block in the page without
    JavaScript that is hidden. Collapsed <details> are opened first on both. `tabs`: {True: a
    reading_tab with JavaScript, False: one without}, to read page after page in the same two."""
    name = "/" + path
    tabs = tabs or {}
    on = read_article(browser, base_url + path, javascript=True, tab=tabs.get(True))
    off = read_article(browser, base_url + path, javascript=False, tab=tabs.get(False))
    if off is None:
        return [f"{name}: no article without JavaScript"]
    breaches = []
    if not off["h1"] or not off["h1Shown"]:
        breaches.append(f"{name}: no visible h1 without JavaScript")
    if not (on or {}).get("shown"):
        breaches.append(f"{name}: the page shows no text with JavaScript")
    shown_off = "".join(off["shown"])
    missing = [b for b in (on or {"blocks": []})["blocks"] if b not in off["visible"] or b not in shown_off]
    hidden = [b for b in off["blocks"] if b not in off["visible"]]
    for block in (missing + hidden)[:5]:
        breaches.append(f"{name}: without JavaScript this text is missing or hidden: {block[:100]!r}")
    if len(missing + hidden) > 5:
        breaches.append(f"{name}: ... and {len(missing + hidden) - 5} more text blocks")
    return breaches


# --------------------------------------------------------------------------- requests on load

# The files a page may request while it loads, relative to the site's address: these, and
# the files of extra.page_assets (page_asset_files). Everything else (a new script, a renamed
# file, a fetch, another origin) is a failure. Which entries a page loads is not worked out
# here again: tests/test_page_assets.py checks that from what the built pages load.
EVERY_PAGE = {
    "{page}": "the page itself",
    "assets/stylesheets/main.*.min.css": "Material's stylesheet (trimmed by hooks/unused_css.py)",
    "assets/stylesheets/palette.*.min.css": "Material's color palette",
    "assets/javascripts/bundle.*.min.js": "Material's bundle (after the first paint)",
    "{logo}": "the logo (theme.logo)",
    "{favicon}": "the favicon (theme.favicon)",
}


def page_assets():
    """The one list of the site's own scripts and stylesheets (extra.page_assets)."""
    return site_config().extra["page_assets"]


def page_asset_files(asset):
    """The built files of an extra.page_assets entry, where extra.page_asset_urls says the build
    writes them: ['assets/javascripts/copy.min.js', 'assets/stylesheets/copy.min.css']."""
    urls = site_config().extra["page_asset_urls"]
    return [urls[kind].replace("NAME", asset[kind]) for kind in ("script", "stylesheet") if kind in asset]


def allowed_requests(html_file):
    """{site-relative glob: why} for the page built as `html_file`: EVERY_PAGE and the files of
    extra.page_assets."""
    config = site_config()
    names = {"{page}": page_path(html_file), "{logo}": config.theme["logo"], "{favicon}": config.theme["favicon"]}
    allowed = {names.get(glob, glob): why for glob, why in EVERY_PAGE.items()}
    for asset in page_assets():
        for file in page_asset_files(asset):
            allowed[file] = f"extra.page_assets: {asset}"
    return allowed


def unexpected_requests(urls, base_url, html_file):
    """The requested URLs that are not on the page's allow-list (allowed_requests)."""
    allowed = allowed_requests(html_file)
    unexpected = []
    for url in urls:
        if url.startswith("data:"):
            continue
        route = urlsplit(url)._replace(query="", fragment="").geturl()
        relative = route[len(base_url):] if route.startswith(base_url) else None
        if relative is None or not any(fnmatch.fnmatchcase(relative, glob) for glob in allowed):
            unexpected.append(url)
    return unexpected


if __name__ == "__main__":
    # `python tests/support.py chromium`: the Chromium the tests use ('' for Playwright's own).
    # `python tests/support.py serve [site] [port]`: serve a built site as the tests and budgets do.
    if sys.argv[1:2] == ["chromium"]:
        print(chromium_path() or "")
    elif sys.argv[1:2] == ["serve"]:
        folder = sys.argv[2] if len(sys.argv) > 2 else "site"
        server = serve(folder, port=int(sys.argv[3]) if len(sys.argv) > 3 else 8001)
        print(f"Serving {folder} at {server.url} (Ctrl-C stops)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            server.shutdown()
    else:
        raise SystemExit("usage: python tests/support.py chromium | serve [site] [port]")
