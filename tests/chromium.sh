#!/bin/sh
# Print the path of a Chromium for the browser tests, installing one if none is found. Which
# Chromium counts is decided in one place, tests/support.py (chromium_path: $CHROME_PATH, then
# chromium, chromium-browser, google-chrome); if it finds none, this installs Debian's chromium
# when root with apt-get, else Playwright's own download (then prints "": Playwright's own).
set -e
PY="${PYTHON:-.venv/bin/python}"
found="$("$PY" "$(dirname "$0")/support.py" chromium)"
if [ -n "$found" ]; then
  echo "$found"; exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found: installing Debian's chromium package" >&2
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >&2
  command -v chromium; exit 0
fi
echo "No Chromium found: installing Playwright's Chromium" >&2
"$PY" -m playwright install chromium >&2
echo ""  # empty: the tests use Playwright's own browser
