#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests: Debian's package, a fresh cluster under
# $PG_TEST_DIR (default /tmp/scenario-pg), listening on 127.0.0.1:$PG_TEST_PORT only, trust auth.
# Writes $PG_TEST_DIR/env (SCENARIO_TEST_POSTGRES=<admin connection string>) and $PG_TEST_DIR/pid.
set -euo pipefail
BASE=${PG_TEST_DIR:-/tmp/scenario-pg}
PORT=${PG_TEST_PORT:-55432}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "[postgres] apt-get install postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")

if [ -f "$BASE/pid" ]; then bash "$(dirname "$0")/postgres-stop.sh" || true; fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "[postgres] 127.0.0.1:$PORT is in use" >&2; exit 1; fi
rm -rf "$BASE"
mkdir -p "$BASE"
# The server refuses to run as root: the package's postgres user owns the cluster.
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$BASE"; as_pg=(runuser -u postgres --); fi
"${as_pg[@]}" "$BIN/initdb" -D "$BASE/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 \
  || { cat "$BASE/initdb.log" >&2; exit 1; }
# Tests run many small databases in parallel; durability of a throw-away cluster does not matter.
cat >>"$BASE/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$BASE'
max_connections = 400
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
CONF
setsid "${as_pg[@]}" "$BIN/postgres" -D "$BASE/data" </dev/null >"$BASE/server.log" 2>&1 &
echo $! > "$BASE/pid"
for i in $(seq 1 100); do
  "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q && break
  [ "$i" = 100 ] && { tail -n 30 "$BASE/server.log" >&2; exit 1; }
  sleep 0.2
done
echo "export SCENARIO_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres'" > "$BASE/env"
echo "[postgres] ready on 127.0.0.1:$PORT" >&2
