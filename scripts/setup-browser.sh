#!/usr/bin/env bash
# Installs what the HTML report's browser test needs: Debian's chromium, and Playwright for
# Python in a virtual environment at .build/py (driving that chromium; no browser download).
# Safe to run again. Runs apt as root, or with sudo.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "limn setup: installing chromium" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium python3-venv >/dev/null
fi
if ! "$root/.build/py/bin/python" -c "import playwright.sync_api" 2>/dev/null; then
  echo "limn setup: installing Playwright for Python into .build/py" >&2
  python3 -m venv "$root/.build/py"
  "$root/.build/py/bin/pip" install -q playwright
fi
