#!/usr/bin/env bash
# Installs Debian's prometheus package for its promtool when it is missing: the metrics tests
# (tests/Scenario.Uploads.Server.Tests/Telemetry) lint a scrape of /metrics with `promtool check metrics`.
# Only the tool is used; the package's Prometheus server is never started by the tests.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then exit 0; fi
echo "[promtool] apt-get install prometheus" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
echo "[promtool] $(promtool --version 2>&1 | head -n 1)" >&2
