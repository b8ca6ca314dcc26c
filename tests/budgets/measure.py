"""What `make bench` and `make audit` share: builds, the plain Material site, Lighthouse, vnu,
the no-JavaScript check, medians and the table.

Lighthouse runs through tests/budgets/lighthouse.mjs (Lighthouse's Node API, one Chromium for
every run, runs strictly one after another: the machine has 2 cores).
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
NODE_MODULES = ROOT / "node_modules"
RUNNER = Path(__file__).with_name("lighthouse.mjs")
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
MODES = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
KIB = 1024


def log(message=""):
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- builds

def mkdocs_build(site_dir, config=ROOT / "mkdocs.yml"):
    """One strict build into site_dir; returns seconds. Raises SystemExit with the log on failure."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-f", str(config), "-d", str(site_dir)],
        cwd=Path(config).parent, env=env, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"strict build of {config} failed:\n{result.stdout}{result.stderr}")
    return seconds


def build_times(work, runs=3):
    """Strict builds of the whole site into fresh folders (median of `runs`), then the same build
    again into the last folder with nothing changed (what a second `make build` does).
    Returns (site folder, {"runs": [...], "median": s, "rebuild": s})."""
    seconds = []
    for n in range(runs):
        site = work / f"site-{n}"
        shutil.rmtree(site, ignore_errors=True)
        seconds.append(mkdocs_build(site))
    for n in range(runs - 1):
        shutil.rmtree(work / f"site-{n}", ignore_errors=True)
    rebuild = mkdocs_build(site)
    return site, {"runs": seconds, "median": statistics.median(seconds), "rebuild": rebuild}


def plain_material_site(work):
    """A one-page `mkdocs new` site with only `theme: material`, built with the same pinned
    MkDocs and Material (this venv). Returns its built folder."""
    project = work / "plain"
    shutil.rmtree(project, ignore_errors=True)
    subprocess.run([str(BIN / "mkdocs"), "new", str(project)], check=True, capture_output=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().rstrip("\n") + "\ntheme: material\n")
    mkdocs_build(project / "site", config)
    return project / "site"


def site_pages(site):
    """URL paths of every page of a built site: "" (home), "folder/", ..., "404.html"."""
    pages = []
    for html in sorted(Path(site).rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return sorted(pages, key=lambda p: (p != "", p == "404.html", p))


def warm_page(page):
    """The page a repeat view is measured after: the home page; for the home page, the 404 page."""
    return "404.html" if page == "" else ""


# --------------------------------------------------------------------------- Lighthouse

def chrome_path():
    """CHROME_PATH, else the system Chromium, else Playwright's own."""
    for candidate in (os.environ.get("CHROME_PATH"), "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        if candidate and (shutil.which(candidate) or Path(candidate).is_file()):
            return shutil.which(candidate) or candidate
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        return p.chromium.executable_path


def check_node_modules():
    runner_bin = NODE_MODULES / ".bin" / "lighthouse"
    if not runner_bin.exists() or not VNU_JAR.exists():
        raise SystemExit("node_modules is missing Lighthouse or vnu-jar: run `npm ci` (the Makefile does).")


def run_lighthouse(jobs, work):
    """Run the jobs (dicts: id, url, mode, warmUrl) in one Chromium; returns their records."""
    check_node_modules()
    jobs_file, out_file = work / "lighthouse-jobs.json", work / "lighthouse-results.jsonl"
    jobs_file.write_text(json.dumps({"chromePath": chrome_path(), "chromeFlags": CHROME_FLAGS, "jobs": jobs}))
    started = time.perf_counter()
    subprocess.run(["node", str(RUNNER), str(jobs_file), str(out_file)], cwd=ROOT)
    log(f"Lighthouse: {len(jobs)} runs in {time.perf_counter() - started:.0f} s")
    records = [json.loads(line) for line in out_file.read_text().splitlines() if line.strip()]
    missing = {job["id"] for job in jobs} - {r["id"] for r in records}
    records += [dict(job, ok=False, error="no result (the runner stopped)") for job in jobs if job["id"] in missing]
    return records


def lighthouse_jobs(site_name, base_url, pages, runs):
    """First views: `runs` per page per mode. Repeat views: one per page per mode."""
    jobs = []
    for run in range(runs):
        for page in pages:
            for mode in MODES:
                jobs.append({"id": f"{site_name}|{page}|{mode}|first|{run}", "site": site_name, "page": page,
                             "mode": mode, "kind": "first", "url": base_url + page, "warmUrl": None})
    for page in pages:
        for mode in MODES:
            jobs.append({"id": f"{site_name}|{page}|{mode}|repeat|0", "site": site_name, "page": page,
                         "mode": mode, "kind": "repeat", "url": base_url + page,
                         "warmUrl": base_url + warm_page(page)})
    return jobs


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(records):
    """{(site, page, mode): row} with medians of the first-view runs and the repeat view."""
    rows = {}
    for record in records:
        key = (record["site"], record["page"], record["mode"])
        row = rows.setdefault(key, {"site": key[0], "page": key[1], "mode": key[2],
                                    "first": [], "repeat": [], "errors": []})
        if not record.get("ok"):
            row["errors"].append(f"{record['kind']} view: {record.get('error')}")
        else:
            row[record["kind"]].append(record)
    for row in rows.values():
        first, repeat = row["first"], row["repeat"]
        row["runs"] = len(first)
        row["bytes"] = _median([r["bytes"] for r in first])
        row["repeat_bytes"] = _median([r["bytes"] for r in repeat])
        for metric in ("fcp", "lcp", "cls", "tbt", "si"):
            row[metric] = _median([r["metrics"][metric] for r in first])
        row["scores"] = {c: _median([r["scores"][c] for r in first]) for c in CATEGORIES}
        row["offsite"] = sorted({u for r in first + repeat for u in r.get("offsite", [])})
        row["failing"] = {c: sorted({a for r in first for a in r["failing"].get(c, [])}) for c in CATEGORIES}
        row["lcp_element"] = next((r.get("lcpElement") for r in first if r.get("lcpElement")), None)
        row["requests"] = first[0]["requests"] if first else []
        row["repeat_requests"] = [q for q in (repeat[0]["requests"] if repeat else []) if q["transferSize"]]
        row["seconds"] = sum(r.get("seconds") or 0 for r in first + repeat)
        del row["first"], row["repeat"]
    return rows


# --------------------------------------------------------------------------- table

def _kib(value):
    return "-" if value is None else f"{value / KIB:.1f}"


def _ms(value):
    return "-" if value is None else f"{value:.0f}"


def _ratio(ours, plain):
    return "-" if not ours or not plain else f"{ours / plain:.2f}"


def table(rows, plain_rows=None):
    """One text table: a row per page and mode, plain Material's rows last."""
    head = ["page", "mode", "first KiB", "repeat KiB", "FCP ms", "LCP ms", "CLS", "TBT ms",
            "perf", "a11y", "best", "SEO"]
    if plain_rows is not None:
        head += ["bytes x plain", "FCP x plain"]
    lines = []
    ordered = sorted(rows.values(), key=lambda r: (r["site"] != "ours", r["page"] != "", r["page"] == "404.html",
                                                   r["page"], MODES.index(r["mode"])))
    for row in ordered:
        name = ("/" + row["page"]) if row["site"] == "ours" else f"plain Material /{row['page']}"
        cells = [name, row["mode"], _kib(row["bytes"]), _kib(row["repeat_bytes"]), _ms(row["fcp"]),
                 _ms(row["lcp"]), "-" if row["cls"] is None else f"{row['cls']:.3f}", _ms(row["tbt"])]
        cells += ["-" if row["scores"][c] is None else f"{row['scores'][c]:.0f}" for c in CATEGORIES]
        if plain_rows is not None:
            plain = plain_rows.get(row["mode"])
            same = row["site"] != "ours"
            cells += ["1.00" if same else _ratio(row["bytes"], plain and plain["bytes"]),
                      "1.00" if same else _ratio(row["fcp"], plain and plain["fcp"])]
        lines.append(cells)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines)]

    def fmt(cells):
        return "  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    out = [fmt(head), fmt(["-" * w for w in widths])] + [fmt(c) for c in lines]
    return "\n".join(out)


# --------------------------------------------------------------------------- Nu HTML Checker

def vnu_errors(site):
    """{page file: [messages]} for every built page the Nu HTML Checker finds an error in."""
    check_node_modules()
    files = [str(p) for p in sorted(Path(site).rglob("*.html")) if "assets" not in p.relative_to(site).parts]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True,
    )
    try:
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    except json.JSONDecodeError:
        return {"vnu": [f"could not run the checker: {result.stderr.strip() or result.stdout.strip()}"]}
    errors = {}
    for m in messages:
        if m.get("type") == "error" or m.get("subType") == "fatal":
            name = Path(m.get("url", "?").removeprefix("file:")).relative_to(site).as_posix() if m.get("url") else "?"
            where = f"line {m['lastLine']}" if "lastLine" in m else ""
            extract = (m.get("extract") or "").strip().replace("\n", " ")[:120]
            errors.setdefault(name, []).append(f"{where}: {m.get('message')} [{extract}]")
    return errors


# --------------------------------------------------------------------------- no JavaScript

TEXT_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, summary, figcaption, blockquote"
# Controls and status regions that scripts add are interface, not the page's text. The notes
# on the partner page that answer a link's ask ([data-ask-answer], shown only for the link's
# own #ask=<key> where scripts can run) are not its text either: without them it reads as ever.
NOT_CONTENT = ("button, [role=status], [aria-live], .md-clipboard, .md-tooltip, .md-tooltip2, script, style, template,"
               " [data-ask-answer]")

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
  const h1 = article.querySelector('h1');
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && getComputedStyle(el).visibility !== 'hidden'; };
  return {
    h1: h1 ? norm(h1.textContent) : null,
    h1Shown: h1 ? shown(h1) : false,
    visible: norm(article.innerText),
    blocks: [...article.querySelectorAll(blocks)].filter(el => !el.closest(notContent))
      .map(text).filter(Boolean),
  };
}"""


def no_js_breaches(base_url, pages):
    """Open every page with JavaScript off and on (phone size). Breaches: no visible h1 without
    JavaScript, or a text block that a reader with JavaScript sees in the article but a reader
    without JavaScript does not (collapsed <details> opened first on both)."""
    from playwright.sync_api import sync_playwright

    breaches = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chrome_path(), args=CHROME_FLAGS[1:])
        try:
            contexts = {js: browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=js,
                                                service_workers="block") for js in (True, False)}
            for page_path in pages:
                seen = {}
                for js, context in contexts.items():
                    page = context.new_page()
                    page.goto(base_url + page_path, wait_until="load")
                    if js:  # the scripts start after the first paint: wait until they have all run
                        page.wait_for_function('() => !document.getElementById("__scripts")'
                                               ' || document.documentElement.dataset.scripts === "ready"')
                        page.evaluate("() => new Promise(done => requestIdleCallback(() => done(), {timeout: 5000}))")
                    seen[js] = page.evaluate(READ_ARTICLE, [TEXT_BLOCKS, NOT_CONTENT])
                    page.close()
                name = "/" + page_path
                off, on = seen[False], seen[True]
                if off is None:
                    breaches.append(f"{name}: no article without JavaScript")
                    continue
                if not off["h1"] or not off["h1Shown"]:
                    breaches.append(f"{name}: no visible h1 without JavaScript")
                missing = [b for b in (on or {"blocks": []})["blocks"] if b not in off["visible"]]
                hidden = [b for b in off["blocks"] if b not in off["visible"]]
                for block in (missing + hidden)[:5]:
                    breaches.append(f"{name}: without JavaScript this text is missing or hidden: {block[:100]!r}")
                if len(missing + hidden) > 5:
                    breaches.append(f"{name}: ... and {len(missing + hidden) - 5} more text blocks")
        finally:
            browser.close()
    return breaches


# --------------------------------------------------------------------------- helpers

def work_dir(name):
    """A git-ignored working folder under .cache/."""
    path = ROOT / ".cache" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def temp_dir(prefix):
    return Path(tempfile.mkdtemp(prefix=prefix))
