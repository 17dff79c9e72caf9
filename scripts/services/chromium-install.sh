#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/Scenario.Uploads.Browser.Tests) when it is
# missing. Playwright drives /usr/bin/chromium and never downloads a browser of its own.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "[chromium] apt-get install chromium" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "[chromium] $(/usr/bin/chromium --version 2>/dev/null)" >&2
