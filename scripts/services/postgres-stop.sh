#!/usr/bin/env bash
# Stops the cluster postgres-start.sh started, through pg_ctl on its own data directory (so nothing
# else is touched); PG_TEST_WIPE=1 also deletes it.
set -uo pipefail
BASE=${PG_TEST_DIR:-/tmp/scenario-pg}
[ -f "$BASE/pid" ] || exit 0
BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
"${as_pg[@]}" "$BIN/pg_ctl" -D "$BASE/data" stop -m fast -w >/dev/null 2>&1 || true
pid=$(cat "$BASE/pid")
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
rm -f "$BASE/pid"
[ "${PG_TEST_WIPE:-0}" = 1 ] && rm -rf "$BASE"
exit 0
