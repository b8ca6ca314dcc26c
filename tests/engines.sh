#!/bin/sh
# Make sure the journey suite's engines are here (tests/engines.py decides what counts: Firefox;
# WebKitWebDriver with MiniBrowser, and Xvfb). What is missing is installed from Debian's packages
# when root with apt-get; otherwise this fails with one line per engine saying how to install it.
# Usage: sh tests/engines.sh [firefox] [webkit]   (none: both)
set -e
PY="${PYTHON:-.venv/bin/python}"
CHECK="$(dirname "$0")/engines.py"
"$PY" "$CHECK" check "$@" 2>/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  packages="openssl"
  "$PY" "$CHECK" check firefox 2>/dev/null || { [ -n "$*" ] && ! echo "$*" | grep -q firefox; } || packages="$packages firefox-esr"
  "$PY" "$CHECK" check webkit 2>/dev/null || { [ -n "$*" ] && ! echo "$*" | grep -q webkit; } || packages="$packages webkit2gtk-driver xvfb"
  echo "Installing Debian's packages for the journey suite:$packages" >&2
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages; } >&2
fi
"$PY" "$CHECK" check "$@"
