#!/bin/sh
# Print the path of a Chromium for the browser tests, installing one if none is found:
# $CHROME_PATH, then chromium, chromium-browser, google-chrome on the PATH; if none,
# Debian's chromium when root with apt-get, else Playwright's own download.
set -e
for candidate in "$CHROME_PATH" /usr/bin/chromium chromium chromium-browser google-chrome; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then
    command -v "$candidate"; exit 0
  fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found: installing Debian's chromium package" >&2
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >&2
  command -v chromium; exit 0
fi
echo "No Chromium found: installing Playwright's Chromium" >&2
"${PYTHON:-.venv/bin/python}" -m playwright install chromium >&2
echo ""  # empty: the tests use Playwright's own browser
