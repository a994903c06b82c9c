#!/usr/bin/env bash
# Outage traffic: Glasshouse (server/target/glasshouse.jar) against nginx serving the same bytes as static files,
# in the same run, on loopback. Glasshouse gets a config with four public components (and a private one) whose
# services never report, so the page shows an outage; its /api/v2/summary.json and /badges/status.svg are copied
# (identity and gzip bytes) into nginx's root, served with gzip_static when the build has it. wrk drives each
# server in turn with the same connections, threads and headers. Per target it prints requests/s, p99 latency and
# CPU per request of the server's processes (utime+stime from /proc, over the measured window only).
#
# Usage: benchmarks/run-status.sh
# Environment (defaults in brackets):
#   DURATION [10]  seconds measured per target     CONNECTIONS [1000]  THREADS [2]
#   WARMUP [15]    seconds of unmeasured load first   LOOPS [2]  Glasshouse event loops = nginx workers
#   WORK [mktemp]  folder for data, logs and results (kept)
# Needs: java 17, curl; installs wrk and nginx-light with apt-get when missing (root).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GH_JAR=$ROOT/server/target/glasshouse.jar
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-15}
CONNECTIONS=${CONNECTIONS:-1000}
THREADS=${THREADS:-2}
LOOPS=${LOOPS:-2}
WORK=${WORK:-$(mktemp -d /tmp/glasshouse-status.XXXXXX)}
GH_PORT=18081
NGINX_PORT=18082
mkdir -p "$WORK/www/api/v2" "$WORK/www/badges" "$WORK/nginx"

log() { echo "== $*" >&2; }

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  log "installing wrk and nginx-light"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light >/dev/null
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

cat >"$WORK/glasshouse.yaml" <<YAML
server:
  host: 127.0.0.1
  port: $GH_PORT
  data: $WORK/gh-data
  event-loops: $LOOPS
status-page:
  name: Bench status
  url: http://127.0.0.1:$GH_PORT
  time-zone: Europe/Berlin
components:
  items:
    - {id: checkout, name: Checkout API, description: Orders and payments, group: Shop, services: [checkout]}
    - {id: search, name: Search, group: Shop, services: [search]}
    - {id: web, name: Website, services: [web]}
    - {id: cdn, name: CDN, description: Static assets, services: [cdn]}
    - {id: ledger, name: Ledger, public: false, services: [ledger]}
YAML

java -jar "$GH_JAR" --config "$WORK/glasshouse.yaml" >"$WORK/glasshouse.log" 2>&1 &
GH_PID=$!
NGINX_PID=
cleanup() {
  kill "$GH_PID" 2>/dev/null || true
  wait "$GH_PID" 2>/dev/null || true
  if [[ -n "$NGINX_PID" ]]; then kill "$NGINX_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$GH_PORT/api/v2/summary.json" >/dev/null; then break; fi
  sleep 1
done
log "Glasshouse pid $GH_PID answers; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# the same bytes for nginx: identity and gzip
for p in api/v2/summary.json badges/status.svg; do
  curl -fs "http://127.0.0.1:$GH_PORT/$p" -o "$WORK/www/$p"
  curl -fs -H 'Accept-Encoding: gzip' "http://127.0.0.1:$GH_PORT/$p" -o "$WORK/www/$p.gz"
done
GZIP_STATIC="gzip_static on;"
if ! nginx -V 2>&1 | grep -q http_gzip_static; then GZIP_STATIC="gzip on; gzip_types application/json image/svg+xml;"; fi
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes $LOOPS;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  types { application/json json; image/svg+xml svg; }
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  server {
    listen 127.0.0.1:$NGINX_PORT reuseport;
    root $WORK/www;
    $GZIP_STATIC
    add_header Access-Control-Allow-Origin *;
    add_header Cache-Control "public, max-age=10";
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
for _ in $(seq 1 30); do
  if curl -fs "http://127.0.0.1:$NGINX_PORT/api/v2/summary.json" >/dev/null; then break; fi
  sleep 0.2
done
cmp <(curl -fs "http://127.0.0.1:$GH_PORT/api/v2/summary.json") "$WORK/www/api/v2/summary.json" \
  || log "note: summary.json changed between the copy and now"

# CPU ticks (utime+stime) of a process and its threads / of nginx master and workers
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
nginx_ticks() {
  local t=0
  for p in $NGINX_PID $(pgrep -P "$NGINX_PID"); do t=$((t + $(ticks "$p"))); done
  echo "$t"
}
HZ=$(getconf CLK_TCK)

measure() { # name url ticks-fn
  local name=$1 url=$2 fn=$3
  local out="$WORK/wrk-${name//[^a-z0-9]/_}.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H 'Accept-Encoding: gzip' "$url" >/dev/null 2>&1 || true
  local before after
  before=$($fn)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H 'Accept-Encoding: gzip' "$url" \
    >"$out" 2>&1
  after=$($fn)
  local rps p99 reqs
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p99=$(awk '$1=="99%" {print $2}' "$out")
  reqs=$(awk '/requests in/ {print $1}' "$out")
  local errors
  errors=$(awk '/Socket errors|Non-2xx/ {printf "%s ", $0}' "$out")
  printf '%-28s %12s req/s  p99 %8s  CPU %7.1f us/request  (%s requests)%s\n' "$name" "$rps" "$p99" \
    "$(echo "($after - $before) * 1000000 / $HZ / $reqs" | bc -l)" "$reqs" "${errors:+  $errors}"
}

log "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -H 'Accept-Encoding: gzip' (after ${WARMUP}s warm-up each)"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
gh_ticks() { ticks "$GH_PID"; }
for p in api/v2/summary.json badges/status.svg; do
  measure "nginx /$p" "http://127.0.0.1:$NGINX_PORT/$p" nginx_ticks
  measure "glasshouse /$p" "http://127.0.0.1:$GH_PORT/$p" gh_ticks
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg); results and logs in $WORK"
