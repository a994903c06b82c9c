#!/usr/bin/env bash
# Goodput at 2x overload: one Glasshouse (server/target/glasshouse.jar, fresh data folder); the remote-write
# load generator first flat out to find the rate the server sustains, then paced at OVERLOAD (2) times that rate
# with many connections. Prints both loadgen results: accepted samples/s, refusals by status and how many carried
# Retry-After, ack latency p99 of all answers and of the accepted ones alone, the server's peak RSS. Then checks
# that nothing acknowledged was lost: the samples the server counts as applied and acknowledged
# (glasshouse_ingest_samples_accepted_total in /metrics, counted when the engine's durable commit completes) must
# equal the samples the generator saw acknowledged over both runs; and the data folder must start again after a
# SIGTERM (final checkpoint). Stops everything it started; exit 1 when the counts differ.
#
# Usage: benchmarks/run-overload.sh
# Environment (defaults in brackets):
#   DURATION [30]  WARMUP [20]  INSTANCES [200]  SERIES [1000]  MIX [counters]
#   CONCURRENCY [8]      connections of the sustained (flat-out) run
#   OVER_CONCURRENCY [128]  connections of the overload run: enough that pacing, not answers, sets the offer
#   OVERLOAD [2]         offered rate as a multiple of the sustained one
#   RATE []              sustained rate to use instead of measuring it (samples/s)
#   GH_JAR, BENCH_JAR [server/target/glasshouse.jar, benchmarks/target/glasshouse-bench.jar]
#   PORT [free port]     WORK [mktemp]  folder for data, logs and results (kept)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_JAR=${BENCH_JAR:-$ROOT/benchmarks/target/glasshouse-bench.jar}
GH_JAR=${GH_JAR:-$ROOT/server/target/glasshouse.jar}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-20}
INSTANCES=${INSTANCES:-200}
SERIES=${SERIES:-1000}
MIX=${MIX:-counters}
CONCURRENCY=${CONCURRENCY:-8}
OVER_CONCURRENCY=${OVER_CONCURRENCY:-128}
OVERLOAD=${OVERLOAD:-2}
RATE=${RATE:-}
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
WORK=${WORK:-$(mktemp -d /tmp/glasshouse-overload.XXXXXX)}
mkdir -p "$WORK"

log() { echo "run-overload: $*" >&2; }

PID=
stop_server() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 90); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$PID" 2>/dev/null || true
  fi
  wait "$PID" 2>/dev/null || true
  PID=
}
trap stop_server EXIT

start_server() { # log file
  java -jar "$GH_JAR" --data "$WORK/gh-data" --port "$PORT" >"$1" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null; then
      log "Glasshouse pid $PID ready on port $PORT; load average $(cut -d' ' -f1-3 /proc/loadavg)"
      return 0
    fi
    kill -0 "$PID" 2>/dev/null || break
    sleep 1
  done
  log "Glasshouse did not become ready; see $1"
  return 1
}

loadgen() { # concurrency rate out
  java -Xmx2g -jar "$BENCH_JAR" loadgen --target "http://127.0.0.1:$PORT" --server-pid "$PID" \
    --instances "$INSTANCES" --series "$SERIES" --concurrency "$1" --mix "$MIX" --rate "$2" \
    --duration "${DURATION}s" --warmup "${WARMUP}s" | tee "$3"
}

result() { # file key
  grep -h '^RESULT' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

accepted_by_server() {
  curl -fs "http://127.0.0.1:$PORT/metrics" \
    | awk '/^glasshouse_ingest_samples_accepted_total\{.*protocol="remote_write"/ { s += $NF } END { printf "%.0f\n", s }'
}

start_server "$WORK/glasshouse.log"
if [ -z "$RATE" ]; then
  log "sustained: flat out, $CONCURRENCY connections"
  loadgen "$CONCURRENCY" 0 "$WORK/sustained.txt"
  RATE=$(result "$WORK/sustained.txt" samples_per_s)
fi
OFFER=$(python3 -c "print(int(float('$RATE') * float('$OVERLOAD')))")
log "overload: $OVERLOAD x $RATE = $OFFER samples/s offered over $OVER_CONCURRENCY connections; load average $(cut -d' ' -f1-3 /proc/loadavg)"
loadgen "$OVER_CONCURRENCY" "$OFFER" "$WORK/overload.txt"

SERVER_ACCEPTED=$(accepted_by_server)
ACKED=0
for f in "$WORK/sustained.txt" "$WORK/overload.txt"; do
  [ -f "$f" ] && ACKED=$((ACKED + $(result "$f" acked_total)))
done
log "stopping with SIGTERM (final checkpoint), restarting on the same data folder"
stop_server
start_server "$WORK/glasshouse-restart.log"
SERVICES=$(curl -fs "http://127.0.0.1:$PORT/api/v1/services" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d.get("services", d) if isinstance(d, dict) else d))' 2>/dev/null || echo "?")
stop_server

echo "== overload summary (work folder $WORK; load average $(cut -d' ' -f1-3 /proc/loadavg)) =="
if [ -f "$WORK/sustained.txt" ]; then
  echo "sustained  $(grep -h '^RESULT' "$WORK/sustained.txt")"
fi
echo "overload   $(grep -h '^RESULT' "$WORK/overload.txt")"
echo "offered ${OFFER} samples/s (${OVERLOAD} x ${RATE}); accepted $(result "$WORK/overload.txt" samples_per_s) samples/s;" \
  "refused requests $(result "$WORK/overload.txt" errors), with Retry-After $(result "$WORK/overload.txt" retry_after);" \
  "p99 of accepted requests $(result "$WORK/overload.txt" ok_p99_ms) ms"
echo "acknowledged to the generator ${ACKED} samples; applied and acknowledged by the server ${SERVER_ACCEPTED};" \
  "services after restart ${SERVICES}"
if [ "$ACKED" != "$SERVER_ACCEPTED" ]; then
  echo "MISMATCH: acknowledged and applied counts differ" >&2
  exit 1
fi
echo "OK: every acknowledged sample was applied; the data folder started again after SIGTERM"
