#!/usr/bin/env bash
# Installs Debian's nginx when it is missing: the fault tests (tests/Scenario.Uploads.Server.Tests/Faults)
# run it as a round-robin load balancer on 127.0.0.1, with a configuration and folder of their own.
# The package's own server (port 80 on every address) must never start: where no policy-rc.d forbids
# starting services already (as in Docker images), one does for the length of the install.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
echo "[nginx] apt-get install nginx" >&2
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
ours=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  ours=1
fi
trap '[ "$ours" = 1 ] && rm -f "$policy"' EXIT
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends nginx >/dev/null
echo "[nginx] $(/usr/sbin/nginx -v 2>&1)" >&2
