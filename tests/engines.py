"""Firefox (Gecko) and Safari's engine (WebKit) for the journey suite (tests/test_journeys.py),
beside the Chromium that Playwright drives for the rest of the suite.

- Finding them: firefox_path() ($FIREFOX_PATH, firefox-esr, firefox) and webkit_paths()
  ($WEBKIT_DRIVER_PATH or WebKitWebDriver, the MiniBrowser it drives, and Xvfb for its window).
  `python tests/engines.py check firefox webkit` prints what is missing, one line an engine,
  with how to install it (tests/engines.sh installs Debian's packages when it can).
- Driving them: Firefox over WebDriver BiDi, straight to the browser (Selenium's BiDi connection,
  no driver binary); WebKit over WebDriver through WebKitWebDriver and MiniBrowser (Selenium),
  in an Xvfb display of its own. Both behind one small Tab: open a page, click what a reader
  clicks (a real pointer click), press keys, run a line of JavaScript to read what is shown,
  resize the window, and (Firefox) print to PDF.
- The neutral page: both browsers send https to a loopback proxy (NeutralProxy) that answers
  any address with a tiny page, as the offline machine cannot reach the real one; it keeps the
  addresses asked for.
"""
import base64
import glob
import json
import os
import re
import shutil
import signal
import socket
import socketserver
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ENGINES = ("firefox", "webkit")
FIREFOX_NAMES = ("firefox-esr", "firefox")
MINIBROWSER_GLOBS = ("/usr/lib/*/webkit2gtk-4.*/MiniBrowser", "/usr/libexec/webkit2gtk-4.*/MiniBrowser",
                     "/usr/lib/webkit2gtk-4.*/MiniBrowser")
INSTALL = {
    "firefox": "Firefox not found: install it with `apt-get install firefox-esr` (or set FIREFOX_PATH)",
    "webkit": "WebKit not found: install it with `apt-get install webkit2gtk-driver xvfb`"
              " (WebKitWebDriver, MiniBrowser and Xvfb)",
}
TIMEOUT = 30  # seconds: only bounds a failure; every wait ends on what it waits for


# --------------------------------------------------------------------------- finding the engines

def firefox_path():
    for candidate in (os.environ.get("FIREFOX_PATH"),) + FIREFOX_NAMES:
        if candidate and (shutil.which(candidate) or Path(candidate).is_file()):
            return shutil.which(candidate) or candidate
    return None


def webkit_paths():
    """(WebKitWebDriver, MiniBrowser, Xvfb), or None if any is missing."""
    driver = shutil.which(os.environ.get("WEBKIT_DRIVER_PATH") or "WebKitWebDriver")
    browsers = sorted(path for pattern in MINIBROWSER_GLOBS for path in glob.glob(pattern))
    xvfb = shutil.which("Xvfb")
    return (driver, browsers[-1], xvfb) if driver and browsers and xvfb else None


def missing(engines=ENGINES):
    """One line for each engine that is not installed, saying how to install it (and one for
    openssl, which makes the neutral page's certificate)."""
    found = {"firefox": firefox_path, "webkit": webkit_paths}
    lines = [INSTALL[name] for name in engines if not found[name]()]
    if engines and not shutil.which("openssl"):
        lines.append("openssl not found: install it with `apt-get install openssl` (the neutral page's certificate)")
    return lines


def engines_wanted():
    """The engines the journey suite runs in: $JOURNEY_ENGINES (`make journeys ENGINES=webkit`), else both."""
    names = (os.environ.get("JOURNEY_ENGINES") or " ".join(ENGINES)).replace(",", " ").split()
    unknown = [name for name in names if name not in ENGINES]
    if unknown:
        raise SystemExit(f"unknown engine {unknown[0]!r}: choose from {', '.join(ENGINES)}")
    return names


# --------------------------------------------------------------------------- the neutral page

class NeutralProxy(socketserver.ThreadingTCPServer):
    """An https proxy on 127.0.0.1 that answers every address with `page` over TLS (a certificate
    made for the run; the sessions accept it) and keeps each address asked for in .visits."""
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, page):
        self.page = page.encode()
        self.visits = []
        self.folder = Path(tempfile.mkdtemp(prefix="neutral-"))
        cert, key = self.folder / "cert.pem", self.folder / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=neutral.invalid", "-keyout", str(key), "-out", str(cert)],
                       check=True, capture_output=True)
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(cert, key)
        super().__init__(("127.0.0.1", 0), NeutralHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def address(self):
        return f"127.0.0.1:{self.server_address[1]}"

    def close(self):
        self.shutdown()
        self.server_close()
        shutil.rmtree(self.folder, ignore_errors=True)


class NeutralHandler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline().decode("latin-1").split()
        self._headers(self.rfile)
        if len(line) < 2:
            return
        if line[0] != "CONNECT":  # plain http through the proxy
            self.server.visits.append(line[1])
            self._answer(self.wfile)
            return
        host = line[1].rsplit(":", 1)[0]
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()
        try:
            tls = self.server.tls.wrap_socket(self.connection, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            with tls, tls.makefile("rb") as reader, tls.makefile("wb") as writer:
                request = reader.readline().decode("latin-1").split()
                self._headers(reader)
                if len(request) >= 2:
                    self.server.visits.append(f"https://{host}{request[1]}")
                    self._answer(writer)
        except (ssl.SSLError, OSError):  # a browser's own background request that refused the certificate
            return

    @staticmethod
    def _headers(reader):
        while reader.readline() not in (b"\r\n", b"\n", b""):
            pass

    def _answer(self, writer):
        body = self.server.page
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
                     b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        writer.flush()


# --------------------------------------------------------------------------- in the page

# Put first in every page the journey suite opens (support.serve(first_script=...)): keeps each
# script error, failed file and console.error in window.__errors (WebKit's driver reports none).
ERROR_LISTENER = """window.__errors = [];
addEventListener("error", e => __errors.push(e.message || "could not load " + ((e.target && (e.target.src || e.target.href)) || "a file")), true);
addEventListener("unhandledrejection", e => __errors.push("unhandled rejection: " + ((e.reason && e.reason.message) || e.reason)));
console.error = ((error) => (...args) => { __errors.push(args.map(String).join(" ")); error.apply(console, args); })(console.error);"""


# Finds the first shown element a reader would name so: a CSS selector, or a role and its name
# (the words on it, its aria-label, or its label's words, white space squashed), within `scope`.
FIND = """(css, role, name, scope) => {
  const squash = s => (s || "").replace(/\\s+/g, " ").trim();
  const ROLES = {button: "button, [role=button], input[type=button], input[type=submit]",
                 link: "a[href]", checkbox: "input[type=checkbox]", radio: "input[type=radio]",
                 textbox: "textarea, input[type=text], input[type=search], input:not([type])",
                 group: "fieldset, [role=group], [role=radiogroup]"};
  const named = el => {
    if (el.getAttribute("aria-label")) return squash(el.getAttribute("aria-label"));
    if (el.labels && el.labels.length) return squash(el.labels[0].textContent);
    if (el.matches("fieldset")) { const legend = el.querySelector("legend"); return squash(legend && legend.textContent); }
    return squash(el.textContent);
  };
  const root = scope ? document.querySelector(scope) : document;
  if (!root) return null;
  const shown = el => el.checkVisibility({visibilityProperty: true}) || (el.labels && [...el.labels].some(l => l.checkVisibility()));
  const all = [...root.querySelectorAll(css || ROLES[role])];
  return all.find(el => shown(el) && (!name || named(el) === name)) || null;
}"""


def _function(source, args):
    """A page call: `source` is a JavaScript function; its result comes back through JSON."""
    return ("async (json) => { const value = await (" + source + ")(...JSON.parse(json));"
            " return JSON.stringify(value === undefined ? null : value); }"), json.dumps(list(args))


class Tab:
    """One tab of one engine, as a reader uses it. Subclasses speak the engine's protocol."""
    name = ""

    def __init__(self, base_url):
        self.base_url = base_url

    # What every engine provides: js(source, *args), _element(css, role, name, scope),
    # _click(element), press(*keys), type(text), resize(width, height), url(), goto(url).

    def open(self, path="", width=None, height=None):
        """Load a page of the site and wait until its scripts have run."""
        if width:
            self.resize(width, height)
        self.goto(self.base_url + path.lstrip("/"))
        self.wait_for_scripts()
        return self

    def wait_for_scripts(self):
        from support import SCRIPTS_READY

        self.wait(SCRIPTS_READY)

    def wait(self, source, *args, timeout=TIMEOUT):
        """Until the function `source` returns something true in the page (checked every frame)."""
        result = self.js("""async (source, args, timeout) => {
            const check = eval(source), end = performance.now() + timeout;
            for (;;) {
              const value = await check(...args);
              if (value) return value;
              if (performance.now() > end) return null;
              await new Promise(next => setTimeout(next, 16));
            }
        }""", source, list(args), timeout * 1000)
        assert result, f"{self.name}: still not true after {timeout} s: {source}"
        return result

    def wait_for_url(self, start, timeout=TIMEOUT):
        """Until the tab shows an address that starts with `start` (across a navigation)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                current = self.url()
                if current.startswith(start) and self.js("() => document.readyState") == "complete":
                    return current
            except Exception:  # the page is between documents
                current = None
            assert time.monotonic() < deadline, f"{self.name}: the tab is at {current}, not {start}"

    def errors(self):
        """The script errors the page has had (the listener the test server puts first in it)."""
        return self.js("() => window.__errors || ['the error listener did not run']")

    def has(self, css=None, role=None, name=None, scope=None):
        return self.js(f"(...a) => !!({FIND})(...a)", css, role, name, scope)

    def click(self, css=None, role=None, name=None, scope=None):
        """A real click in the middle of the element, scrolled into view first. Found afresh if
        the page replaced it between finding and clicking (as Playwright's locators are)."""
        for attempt in range(3):
            # Found and drawn (a box of its own): a list the page is still redrawing may hold it
            # for a moment with no box at all.
            self.wait(f"(...a) => {{ const el = ({FIND})(...a); return !!el && el.getClientRects().length > 0; }}",
                      css, role, name, scope)
            try:
                return self._click(self._element(css, role, name, scope))
            except Exception as error:  # stale or undrawn between finding and clicking: drawn again
                if attempt == 2 or not re.search(r"stale|no such (node|element)|not found|not displayed",
                                                 str(error), re.I):
                    raise

    def text(self, css):
        return self.js("(css) => { const el = document.querySelector(css); "
                       "return el ? el.innerText.replace(/\\s+/g, ' ').trim() : null; }", css)


# --------------------------------------------------------------------------- Firefox

FIREFOX_PREFS = {
    "remote.active-protocols": 1,  # WebDriver BiDi only
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "browser.aboutwelcome.enabled": False,
    "browser.tabs.warnOnClose": False,
    "browser.sessionstore.resume_from_crash": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "messaging-system.rsexperimentloader.enabled": False,
    "services.settings.server": "https://127.0.0.1:9/",
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "network.proxy.type": 1,  # https through the neutral page's proxy (set at launch)
}
KEYS = {"Escape": "\ue00c", "Tab": "\ue004", "Enter": "\ue007", "Space": " ", "Control": "\ue009",
        "Meta": "\ue03d"}


class Firefox(Tab):
    name = "firefox"

    def __init__(self, base_url, proxy):
        super().__init__(base_url)
        self.profile = Path(tempfile.mkdtemp(prefix="firefox-"))
        host, port = proxy.address.split(":")
        prefs = dict(FIREFOX_PREFS, **{"network.proxy.ssl": host, "network.proxy.ssl_port": int(port)})
        (self.profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items()))
        self.process = subprocess.Popen(
            [firefox_path(), "--headless", "--no-remote", "--remote-debugging-port=0", "--profile", str(self.profile)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            self._start()
        except BaseException:
            _stop(self.process)
            shutil.rmtree(self.profile, ignore_errors=True)
            raise

    def _start(self):
        from selenium.webdriver.remote.websocket_connection import WebSocketConnection

        address = None
        for line in self.process.stderr:
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            if found:
                address = found.group(1)
                break
        assert address, "Firefox started but offered no WebDriver BiDi address"
        threading.Thread(target=self.process.stderr.read, daemon=True).start()  # keep its pipe drained
        # Longer than any wait the page does, so a slow wait fails as itself, not as the connection.
        self.connection = WebSocketConnection(address + "/session", TIMEOUT + 30, 0.01)
        self.send("session.new", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": True}}})
        self.context = self.send("browsingContext.getTree", {})["contexts"][0]["context"]

    def send(self, method, params):
        reply = self.connection.send_cmd(method, params)
        if reply.get("type") == "error" or "error" in reply:
            raise RuntimeError(f"firefox: {method}: {reply.get('error')}: {reply.get('message')}")
        return reply["result"]

    def _call(self, source, args, ownership="none"):
        result = self.send("script.callFunction", {
            "functionDeclaration": source, "arguments": args, "awaitPromise": True,
            "target": {"context": self.context}, "resultOwnership": ownership, "userActivation": False})
        if result["type"] == "exception":
            raise RuntimeError(f"firefox: {result['exceptionDetails'].get('text')}")
        return result["result"]

    def js(self, source, *args):
        function, data = _function(source, args)
        return json.loads(self._call(function, [{"type": "string", "value": data}])["value"])

    def _element(self, css, role, name, scope):
        args = [{"type": "string", "value": v} if v else {"type": "null"} for v in (css, role, name, scope)]
        node = self._call(f"(...a) => {{ const el = ({FIND})(...a); el.scrollIntoView({{block: 'center'}}); return el; }}",
                          args, ownership="root")
        assert node["type"] == "node", f"firefox: nothing to click for {(css, role, name)}"
        return {"sharedId": node["sharedId"]}

    def _click(self, element):
        self.send("input.performActions", {"context": self.context, "actions": [{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "x": 0, "y": 0, "origin": {"type": "element", "element": element}},
                        {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0}]}]})

    def press(self, *keys):
        """Keys pressed together (a chord), e.g. press("Control", "v"); one key: a press and release."""
        values = [KEYS.get(key, key) for key in keys]
        actions = [{"type": "keyDown", "value": v} for v in values] + [{"type": "keyUp", "value": v} for v in reversed(values)]
        self.send("input.performActions", {"context": self.context,
                                           "actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def presses(self, *keys):
        """Keys pressed one after another, each pressed and released."""
        self.type([KEYS.get(key, key) for key in keys])

    def type(self, text):
        actions = [step for char in text for step in ({"type": "keyDown", "value": char}, {"type": "keyUp", "value": char})]
        self.send("input.performActions", {"context": self.context,
                                           "actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def resize(self, width, height):
        self.send("browsingContext.setViewport", {"context": self.context, "viewport": {"width": width, "height": height}})

    def goto(self, url):
        self.send("browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"})

    def url(self):
        tree = self.send("browsingContext.getTree", {"root": self.context})
        return tree["contexts"][0]["url"]

    def pdf(self, width_cm, height_cm):
        """Firefox's own print to PDF (print media, no background), on paper of this size."""
        data = self.send("browsingContext.print", {"context": self.context, "page": {"width": width_cm, "height": height_cm}})
        return base64.b64decode(data["data"])

    def close(self):
        try:
            self.send("session.end", {})
            self.connection.close()
        except Exception:
            pass
        _stop(self.process)
        shutil.rmtree(self.profile, ignore_errors=True)


# --------------------------------------------------------------------------- WebKit

# MiniBrowser's toolbar will not let its window go narrower than about 447 px: this GTK
# stylesheet shrinks the window's own widgets (never the page) so a 320 px phone fits.
MINIBROWSER_CSS = "* { min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; font-size: 1px; }\n"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port, process, what):
    deadline = time.monotonic() + TIMEOUT
    while True:
        assert process.poll() is None, f"{what} stopped (exit {process.returncode})"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            assert time.monotonic() < deadline, f"{what} is not listening on port {port}"
            time.sleep(0.05)


class WebKit(Tab):
    name = "webkit"

    def __init__(self, base_url, proxy):
        super().__init__(base_url)
        driver, minibrowser, xvfb = webkit_paths()
        self.home = Path(tempfile.mkdtemp(prefix="webkit-"))
        (self.home / "gtk-3.0").mkdir()
        (self.home / "gtk-3.0" / "gtk.css").write_text(MINIBROWSER_CSS)
        # Xvfb picks a free display and writes its number (MiniBrowser has no headless mode).
        read, write = os.pipe()
        self.display = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1600x1200x24", "-nolisten", "tcp"],
                                        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        os.close(write)
        self.driver = self.driver_process = None
        try:
            self._start(read, driver, minibrowser, proxy)
        except BaseException:
            self.close()
            raise

    def _start(self, read, driver, minibrowser, proxy):
        from selenium import webdriver
        from selenium.webdriver.remote.client_config import ClientConfig
        from selenium.webdriver.remote.remote_connection import RemoteConnection
        from selenium.webdriver.webkitgtk.options import Options

        with os.fdopen(read) as numbers:
            display = numbers.readline().strip()
        assert display, "Xvfb did not start"
        port = free_port()
        env = dict(os.environ, DISPLAY=f":{display}", XDG_CONFIG_HOME=str(self.home), GTK_THEME="Adwaita")
        self.driver_process = subprocess.Popen([driver, f"--port={port}"], env=env, stdout=subprocess.DEVNULL,
                                               stderr=subprocess.DEVNULL, start_new_session=True)
        _wait_for_port(port, self.driver_process, "WebKitWebDriver")
        options = Options()
        options.binary_location = minibrowser
        for argument in ("--automation", f"--proxy=http://{proxy.address}", "--ignore-host=127.0.0.1", "--ignore-host=localhost"):
            options.add_argument(argument)
        options.accept_insecure_certs = True
        # A connection made here: given an address, Selenium makes one the deprecated way (a warning).
        connection = RemoteConnection(client_config=ClientConfig(remote_server_addr=f"http://127.0.0.1:{port}"))
        self.driver = webdriver.Remote(command_executor=connection, options=options)
        self.driver.set_script_timeout(TIMEOUT + 5)

    def js(self, source, *args):
        function, data = _function(source, args)
        return json.loads(self.driver.execute_script(f"return ({function})(arguments[0]);", data))

    def _element(self, css, role, name, scope):
        element = self.driver.execute_script(f"return ({FIND})(...arguments);", css, role, name, scope)
        assert element is not None, f"webkit: nothing to click for {(css, role, name)}"
        return element

    def _click(self, element):
        element.click()

    def press(self, *keys):
        from selenium.webdriver.common.action_chains import ActionChains

        values = [KEYS.get(key, key) for key in keys]
        chain = ActionChains(self.driver)
        for value in values:
            chain.key_down(value)
        for value in reversed(values):
            chain.key_up(value)
        chain.perform()

    def presses(self, *keys):
        """Keys pressed one after another, each pressed and released."""
        self.type("".join(KEYS.get(key, key) for key in keys))

    def type(self, text):
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).send_keys(text).perform()

    def resize(self, width, height):
        """The window, so that the page's own viewport is `width` wide (MiniBrowser's toolbar,
        shrunk, takes a little of the height)."""
        self.driver.set_window_size(width, height)

    def goto(self, url):
        self.driver.get(url)

    def url(self):
        return self.driver.current_url

    def close(self):
        try:
            if self.driver:
                self.driver.quit()
        except Exception:
            pass
        for process in (self.driver_process, self.display):
            _stop(process)
        shutil.rmtree(self.home, ignore_errors=True)


# Engines whose driver runs its commands as strings the page evaluates (support.allow_driver_eval).
DRIVER_EVALUATES_STRINGS = {"webkit"}


def launch(name, base_url, proxy):
    return {"firefox": Firefox, "webkit": WebKit}[name](base_url, proxy)


def _stop(process):
    """End a process this module started, with everything it started (its own session)."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    # `python tests/engines.py check firefox webkit`: one line for each missing engine, exit 1.
    if sys.argv[1:2] == ["check"]:
        lines = missing(sys.argv[2:] or ENGINES)
        print("\n".join(lines), file=sys.stderr) if lines else None
        raise SystemExit(1 if lines else 0)
    raise SystemExit("usage: python tests/engines.py check [firefox] [webkit]")
