#!/usr/bin/env bash
# Installs Debian's python3-tuspy when it is missing: the tus tests (tests/Scenario.Uploads.Server.Tests/Tus)
# upload with it through tools/tus-clients/tuspy_upload.py, run by Debian's /usr/bin/python3 (the package
# lives in /usr/lib/python3/dist-packages, which only that Python reads).
set -euo pipefail
if /usr/bin/python3 -c 'import tusclient' >/dev/null 2>&1; then exit 0; fi
echo "[tuspy] apt-get install python3-tuspy" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends python3-tuspy >/dev/null
echo "[tuspy] $(dpkg-query -W -f='${Version}' python3-tuspy)" >&2
