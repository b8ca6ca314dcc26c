"""A loopback static server that serves a built site the way GitHub Pages does.

- gzip for text responses when the browser asks for it (Content-Encoding: gzip,
  Vary: Accept-Encoding), so the bytes measured are the compressed bytes a reader downloads;
- `Cache-Control: max-age=600` on every response, plus ETag and Last-Modified with 304s;
- `/folder` redirects to `/folder/`, which serves `folder/index.html`;
- a missing file gets the site's own 404.html with status 404.

Use it from Python (`serve(folder)` returns the server; its `.url` is "http://127.0.0.1:<port>/")
or on its own: `python tests/budgets/serve.py site [port]`.
"""
import email.utils
import gzip
import hashlib
import http.server
import mimetypes
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
    protocol_version = "HTTP/1.1"
    server_version = "budgets-static"
    sys_version = ""
    root: Path = Path(".")
    _cache: dict = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        pass

    def _resolve(self, path):
        """(file, redirect) for a request path; (None, None) when missing."""
        rel = unquote(urlsplit(path).path).lstrip("/")
        target = (self.root / rel).resolve()
        if self.root not in target.parents and target != self.root:
            return None, None
        if target.is_dir():
            if not path.split("?")[0].endswith("/"):
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

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/"


def serve(folder, port=0):
    """Serve `folder` on 127.0.0.1 in a background thread; call .shutdown() when done."""
    handler = type("Handler", (SiteHandler,), {"root": Path(folder).resolve(), "_cache": {}})
    server = SiteServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    server = serve(sys.argv[1] if len(sys.argv) > 1 else "site", int(sys.argv[2]) if len(sys.argv) > 2 else 8001)
    print(f"Serving {sys.argv[1] if len(sys.argv) > 1 else 'site'} at {server.url} (Ctrl-C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
