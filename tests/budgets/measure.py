"""What `make bench` and `make audit` share: timed builds, the plain Material site, Lighthouse,
vnu, medians and the table. The build, the Chromium and its flags, the loopback server, the page
list and the no-JavaScript check come from tests/support.py, the module the tests use too.

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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for support.py
import support  # noqa: E402

ROOT = support.ROOT
BIN = ROOT / ".venv" / "bin"
NODE_MODULES = ROOT / "node_modules"
RUNNER = Path(__file__).with_name("lighthouse.mjs")
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROME_FLAGS = ["--headless=new", *support.CHROMIUM_ARGS]  # Lighthouse starts its own Chromium
MODES = ("mobile", "desktop")
REPEAT_MODE = "mobile"  # the repeat view is measured once per page, on a phone
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
KIB = 1024


def log(message=""):
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- builds

def mkdocs_build(site_dir, config=ROOT / "mkdocs.yml"):
    """One strict build into site_dir; returns seconds. Raises SystemExit with the log on failure."""
    started = time.perf_counter()
    result = support.build_site(config, site_dir, quiet=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(support.build_failure(config, result))
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
    return support.url_paths(site)


def warm_page(page):
    """The page a repeat view is measured after: the home page; for the home page, the 404 page."""
    return "404.html" if page == "" else ""


# --------------------------------------------------------------------------- Lighthouse

def check_node_modules():
    runner_bin = NODE_MODULES / ".bin" / "lighthouse"
    if not runner_bin.exists() or not VNU_JAR.exists():
        raise SystemExit("node_modules is missing Lighthouse or vnu-jar: run `npm ci` (the Makefile does).")


def run_lighthouse(jobs, work):
    """Run the jobs (dicts: id, url, mode, warmUrl) in one Chromium; returns their records."""
    check_node_modules()
    jobs_file, out_file = work / "lighthouse-jobs.json", work / "lighthouse-results.jsonl"
    jobs_file.write_text(json.dumps({"chromePath": support.chromium_path(playwrights_own=True), "chromeFlags": CHROME_FLAGS, "jobs": jobs}))
    started = time.perf_counter()
    subprocess.run(["node", str(RUNNER), str(jobs_file), str(out_file)], cwd=ROOT)
    log(f"Lighthouse: {len(jobs)} runs in {time.perf_counter() - started:.0f} s")
    records = [json.loads(line) for line in out_file.read_text().splitlines() if line.strip()]
    missing = {job["id"] for job in jobs} - {r["id"] for r in records}
    records += [dict(job, ok=False, error="no result (the runner stopped)") for job in jobs if job["id"] in missing]
    return records


def lighthouse_jobs(site_name, base_url, pages, runs):
    """First views: `runs` per page per mode. Repeat views: one per page, on a phone (what a
    second page costs is the same bytes in either mode: the site serves every width the same
    files), counted for both modes' rows by summarise()."""
    jobs = []
    for run in range(runs):
        for page in pages:
            for mode in MODES:
                jobs.append({"id": f"{site_name}|{page}|{mode}|first|{run}", "site": site_name, "page": page,
                             "mode": mode, "kind": "first", "url": base_url + page, "warmUrl": None})
    for page in pages:
        jobs.append({"id": f"{site_name}|{page}|{REPEAT_MODE}|repeat|0", "site": site_name, "page": page,
                     "mode": REPEAT_MODE, "kind": "repeat", "url": base_url + page,
                     "warmUrl": base_url + warm_page(page)})
    return jobs


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(records):
    """{(site, page, mode): row} with medians of the first-view runs and the repeat view."""
    rows = {}
    def row_for(site, page, mode):
        return rows.setdefault((site, page, mode), {"site": site, "page": page, "mode": mode,
                                                    "first": [], "repeat": [], "errors": []})
    for record in records:
        # A repeat view counts for the page in every mode (lighthouse_jobs measures it once).
        modes = MODES if record["kind"] == "repeat" else (record["mode"],)
        for mode in modes:
            row = row_for(record["site"], record["page"], mode)
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

def no_js_breaches(base_url, pages):
    """Every page opened with JavaScript off and on: support.no_js_breaches, the same check
    `make test` runs (tests/test_scripts_after_paint.py)."""
    from playwright.sync_api import sync_playwright

    breaches = []
    with sync_playwright() as playwright:
        browser = support.launch_chromium(playwright)
        try:
            for path in pages:
                breaches += support.no_js_breaches(browser, base_url, path)
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
