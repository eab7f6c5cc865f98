#!/bin/sh
# Makes sure Debian's Chromium is installed for the browser end-to-end tests (test/e2e). The tests drive it
# through playwright-core with executablePath=/usr/bin/chromium, so no browser is ever downloaded by npm or
# Playwright; the only source is the Debian archive. Safe to run repeatedly.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM present")"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium by hand or the e2e suite will be skipped" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "ensure-chromium: not root and no sudo; cannot install chromium" >&2
    exit 1
  fi
fi

echo "ensure-chromium: installing the Debian chromium package"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: chromium was installed but $CHROMIUM is missing" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM installed")"
