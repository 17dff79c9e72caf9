#!/usr/bin/env bash
# Starts the S3 store the tests use: a throw-away single-node Ceph cluster
# (1 ceph-mon, 1 ceph-osd, radosgw with the beast frontend), all bound to
# 127.0.0.1, from Debian's Ceph packages. A real store, not a mock: the
# PostgreSQL/S3 test runs and bench/s3-throughput talk to it.
#
#   bash scripts/services/rgw-start.sh   # installs (if needed), starts, creates a user
#   source "$S3_RGW_DIR/env"             # -> SCENARIO_TEST_S3_* variables
#   bash scripts/services/rgw-stop.sh    # kills exactly the PIDs this script started
#
# No systemd, no cephadm/containers, no ceph-mgr. cephx is off (loopback only).
# State lives in $S3_RGW_DIR (default /tmp/scenario-rgw) and is wiped on every start.
set -euo pipefail

BASE=${S3_RGW_DIR:-/tmp/scenario-rgw}
RGW_PORT=${S3_RGW_PORT:-7480}
MON_PORT=${S3_RGW_MON_PORT:-3300}
OBJSTORE=${S3_RGW_OBJECTSTORE:-bluestore}     # bluestore (sparse file) | memstore (RAM)
OSD_SIZE_GB=${S3_RGW_OSD_SIZE_GB:-12}          # bluestore: sparse file; memstore: RAM cap
ACCESS_KEY=${S3_ACCESS_KEY:-rgwtestaccesskey}
SECRET_KEY=${S3_SECRET_KEY:-rgwtestsecretkey0123456789abcdef}
T0=$(date +%s.%N)
log() { printf '[rgw %6.1fs] %s\n' "$(awk -v a="$(date +%s.%N)" -v b="$T0" 'BEGIN{print a-b}')" "$*" >&2; }
die() {
  log "ERROR: $*"
  for f in "$BASE"/log/*.log; do [ -f "$f" ] && { echo "== $f" >&2; tail -n 30 "$f" >&2; }; done
  bash "$(dirname "$0")/rgw-stop.sh" || true   # don't leave half a cluster running
  exit 1
}

# ---------------------------------------------------------------- install
need=()
command -v ceph-mon  >/dev/null || need+=(ceph-mon)
command -v ceph-osd  >/dev/null || need+=(ceph-osd)
command -v radosgw   >/dev/null || need+=(radosgw)
command -v uuidgen   >/dev/null || need+=(uuid-runtime)
command -v curl      >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "[rgw] apt-get install ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  log "packages installed"
fi

# ---------------------------------------------------------------- clean slate
if [ -f "$BASE/pids" ]; then
  log "previous instance found in $BASE, stopping it"
  bash "$(dirname "$0")/rgw-stop.sh" || true
fi
for p in "$RGW_PORT" "$MON_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port 127.0.0.1:$p already in use"; fi
done
rm -rf "$BASE"
mkdir -p "$BASE"/{run,log,mon.a,rgw}
CONF=$BASE/ceph.conf
FSID=$(uuidgen)
: > "$BASE/pids"

cat > "$CONF" <<EOF
[global]
fsid = $FSID
mon_host = v2:127.0.0.1:$MON_PORT
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_msgr1 = false
ms_bind_msgr2 = true
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
keyring = $BASE/keyring
run_dir = $BASE/run
admin_socket = $BASE/run/\$name.asok
log_file = $BASE/log/\$name.log
pid_file = $BASE/run/\$name.pid
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
mon_allow_pool_size_one = true
mon_allow_pool_delete = true
mon_warn_on_pool_no_redundancy = false
osd_crush_chooseleaf_type = 0
# the mon refuses to run below 5% free disk by default; CI disks can be fuller
mon_data_avail_warn = 2
mon_data_avail_crit = 1
mon_warn_on_insecure_global_id_reclaim_allowed = false
# quieter in-memory debug logs: a little less CPU on a 2-core box
debug_ms = 0/0
debug_osd = 0/0
debug_bluestore = 0/0
debug_bluefs = 0/0
debug_bdev = 0/0
debug_rocksdb = 0/0
debug_rgw = 1/1
[mon]
mon_data = $BASE/mon.a
mon_initial_members = a
[osd]
osd_data = $BASE/osd.\$id
osd_objectstore = $OBJSTORE
osd_memory_target = 1073741824
bluestore_block_create = true
bluestore_block_size = $((OSD_SIZE_GB * 1024 * 1024 * 1024))
memstore_device_bytes = $((OSD_SIZE_GB * 1024 * 1024 * 1024))
[client.rgw.a]
rgw_frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw_data = $BASE/rgw
rgw_enable_usage_log = false
rgw_dns_name = 127.0.0.1
# radosgw defaults ms_mon_client_mode to 'secure', which auth 'none' cannot
# provide (mon connect fails with -13 forever); allow crc mode instead.
ms_mon_client_mode = crc
# reclaim deleted/overwritten object data after ~1 min instead of 2 h
rgw_gc_obj_min_wait = 60
rgw_gc_processor_period = 60
EOF
C=(-c "$CONF")
CEPH=(ceph "${C[@]}" --connect-timeout 20)

# start DAEMON ARGS... : run in foreground mode in the background, remember PID
start() {
  local name=$1; shift
  setsid "$@" -f </dev/null >>"$BASE/log/$name.out" 2>&1 &
  echo "$! $name" >> "$BASE/pids"
}

# ---------------------------------------------------------------- mon
ceph-authtool --create-keyring "$BASE/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool "$BASE/keyring" --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' >/dev/null
monmaptool --create --fsid "$FSID" --addv a "[v2:127.0.0.1:$MON_PORT]" "$BASE/monmap" >/dev/null
ceph-mon "${C[@]}" --mkfs -i a --monmap "$BASE/monmap" --keyring "$BASE/keyring" >/dev/null 2>&1 || die "ceph-mon --mkfs failed"
start mon.a ceph-mon "${C[@]}" -i a
"${CEPH[@]}" mon stat >/dev/null 2>&1 || die "mon did not come up"
log "mon up"

# ---------------------------------------------------------------- osd
OSD_UUID=$(uuidgen)
OSD_ID=$("${CEPH[@]}" osd new "$OSD_UUID")
mkdir -p "$BASE/osd.$OSD_ID"
ceph-osd "${C[@]}" -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" >"$BASE/log/osd-mkfs.out" 2>&1 || die "ceph-osd --mkfs failed"
log "osd.$OSD_ID mkfs ($OBJSTORE) done"
start "osd.$OSD_ID" ceph-osd "${C[@]}" -i "$OSD_ID"
for i in $(seq 1 120); do
  "${CEPH[@]}" osd dump 2>/dev/null | grep -q "^osd.$OSD_ID up" && break
  [ "$i" = 120 ] && die "osd.$OSD_ID did not come up"
  sleep 0.5
done
log "osd.$OSD_ID up"

# ---------------------------------------------------------------- rgw
start rgw.a radosgw "${C[@]}" -n client.rgw.a
for i in $(seq 1 240); do
  curl -fsS -o /dev/null "http://127.0.0.1:$RGW_PORT/" 2>/dev/null && break
  [ "$i" = 240 ] && die "radosgw did not answer on 127.0.0.1:$RGW_PORT"
  sleep 0.5
done
log "radosgw answering on http://127.0.0.1:$RGW_PORT"

radosgw-admin "${C[@]}" user create --uid=test --display-name="Test User" \
  --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >"$BASE/log/user.json" 2>"$BASE/log/user.err" \
  || die "radosgw-admin user create failed: $(cat "$BASE/log/user.err")"
log "user 'test' created"

cat > "$BASE/env" <<EOF
export SCENARIO_TEST_S3_ENDPOINT=http://127.0.0.1:$RGW_PORT
export SCENARIO_TEST_S3_ACCESS_KEY=$ACCESS_KEY
export SCENARIO_TEST_S3_SECRET_KEY=$SECRET_KEY
export SCENARIO_TEST_CEPH_CONF=$CONF
EOF
log "ready: source $BASE/env  (pids in $BASE/pids)"
