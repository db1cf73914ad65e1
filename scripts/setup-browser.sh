#!/usr/bin/env bash
# Installs Debian's Chromium for the HTML report's browser tests, if it is missing.
# Test tools cannot download their own browsers here, so Playwright drives this one.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "setup-browser: chromium is missing and there is no sudo; install Debian's 'chromium' package" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q chromium >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q chromium >/dev/null; }
echo "setup-browser: $(chromium --version)"
