"""`make bench`: this site against a plain Material site, page by page, in a real browser.

Builds this site (strict, timed: median of 3, then a rebuild with nothing changed) and a plain
Material site (`mkdocs new` + `theme: material`, same pinned MkDocs and Material), serves both
from loopback the way GitHub Pages does (gzip, `Cache-Control: max-age=600`), runs Lighthouse in
mobile and desktop modes on every page of both, and prints one table with the ratios ours / plain
for first-view bytes and FCP. Writes .cache/bench/results.json.

    python tests/budgets/bench.py [--runs N]     (default 3: medians of 3 first-view runs)
"""
import argparse
import json
import sys
import time

import measure
from support import serve  # measure put tests/ on the import path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="first-view Lighthouse runs per page per mode")
    args = parser.parse_args()
    started = time.perf_counter()
    work = measure.work_dir("bench")

    measure.log("Strict builds of this site: 3, then one more with nothing changed ...")
    site, builds = measure.build_times(work)
    measure.log("Plain Material site ...")
    plain_site = measure.plain_material_site(work)

    ours_server, plain_server = serve(site), serve(plain_site)
    try:
        pages = measure.site_pages(site)
        jobs = (measure.lighthouse_jobs("ours", ours_server.url, pages, args.runs)
                + measure.lighthouse_jobs("plain", plain_server.url, [""], args.runs))
        measure.log(f"Lighthouse: {len(pages)} pages of ours and the plain site's home, mobile and desktop ...")
        records = measure.run_lighthouse(jobs, work)
    finally:
        ours_server.shutdown()
        plain_server.shutdown()

    rows = measure.summarise(records)
    plain_rows = {mode: rows.get(("plain", "", mode)) for mode in measure.MODES}
    total = time.perf_counter() - started
    results = {"builds": builds, "pages": pages, "runs": args.runs, "rows": list(rows.values()),
               "seconds": total, "records": records}
    (work / "results.json").write_text(json.dumps(results, indent=1))

    print()
    print(f"This site against plain Material (medians of {args.runs} Lighthouse runs; KiB transferred, compressed;"
          f" repeat = the page after the home page, or the home page after the 404 page, with a warm cache)")
    print(measure.table(rows, plain_rows))
    print()
    print(f"Strict build of the whole site: {builds['median']:.2f} s (median of 3: "
          f"{', '.join(f'{s:.2f}' for s in builds['runs'])}); rebuild with nothing changed: {builds['rebuild']:.2f} s")
    errors = [f"  {r['site']} /{r['page']} {r['mode']}: {e}" for r in rows.values() for e in r["errors"]]
    if errors:
        print("Lighthouse runs that failed:\n" + "\n".join(errors))
    print(f"Results: {(work / 'results.json').relative_to(measure.ROOT)}; the bench took {total / 60:.1f} min")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
