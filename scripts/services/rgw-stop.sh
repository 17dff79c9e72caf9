#!/usr/bin/env bash
# Stops the cluster started by rgw-start.sh: kills only the PIDs it recorded in
# $S3_RGW_DIR/pids (and only if that PID is still the same ceph program).
# S3_RGW_WIPE=1 also deletes $S3_RGW_DIR.
set -uo pipefail
BASE=${S3_RGW_DIR:-/tmp/scenario-rgw}
PIDS=$BASE/pids
[ -f "$PIDS" ] || { echo "[rgw] no $PIDS, nothing to stop" >&2; exit 0; }

ours() {  # PID still alive and still a ceph daemon we started?
  local comm
  comm=$(cat "/proc/$1/comm" 2>/dev/null) || return 1
  case "$comm" in ceph-mon|ceph-osd|radosgw) return 0 ;; *) return 1 ;; esac
}

# stop in reverse start order: rgw, osd, mon
mapfile -t lines < <(tac "$PIDS")
for l in "${lines[@]}"; do
  pid=${l%% *}; name=${l#* }
  if ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null && echo "[rgw] TERM $name ($pid)" >&2
    for _ in $(seq 1 50); do ours "$pid" || break; sleep 0.1; done
    if ours "$pid"; then kill -KILL "$pid" 2>/dev/null; echo "[rgw] KILL $name ($pid)" >&2; fi
  fi
done
rm -f "$PIDS"
if [ "${S3_RGW_WIPE:-0}" = 1 ]; then rm -rf "$BASE"; fi
exit 0
